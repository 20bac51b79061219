// The entry point and the only place that exits the process.
// It imports only small modules statically: `--version` answers without
// loading commander, and everything else is loaded when it is needed.
import { processIo } from './io.js';
import { EXIT, ReadinessError } from '../errors.js';
import { VERSION } from './version.js';
import { asInvoked, viaNpx } from './shell-arg.js';

async function main(argv: string[]): Promise<number> {
  const io = processIo();
  quietOnClosedPipe(io);
  const args = argv.slice(2);
  printHintsAsInvoked(io, args);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  try {
    const { buildProgram } = await import('./program.js');
    await buildProgram(io).parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return report(error, io.stderr, io.env);
  }
}

function report(error: unknown, stderr: (t: string) => void, env: NodeJS.ProcessEnv): number {
  const debug = (env.DEBUG ?? '').split(',').includes('readiness');
  if (isCommanderError(error)) {
    // help and version are "errors" under exitOverride; commander already printed the message
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof ReadinessError) {
    stderr(`readiness: ${error.message}\n`);
    for (const line of error.details) stderr(`  ${line}\n`);
    if (debug && error.stack) stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  const e = error as NodeJS.ErrnoException;
  if (e && e.name === 'ExitPromptError') {
    stderr('readiness: interrupted.\n');
    return EXIT.interrupted;
  }
  stderr(`readiness: unexpected error: ${e?.message ?? String(error)}. Run again with DEBUG=readiness for details, and please report it.\n`);
  if (debug && e?.stack) stderr(`${e.stack}\n`);
  return EXIT.invalidInput;
}

/**
 * `readiness list | head -1` closes the pipe early; that is not an error worth
 * a stack trace. The handler is attached on the first write, so that commands
 * that print nothing do not create the stdout stream.
 */
function quietOnClosedPipe(io: { stdout: (text: string) => void }): void {
  const write = io.stdout;
  let attached = false;
  io.stdout = (text) => {
    if (!attached) {
      attached = true;
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        process.exit(EXIT.ok);
      });
    }
    write(text);
  };
}

/**
 * Under npx, the commands the tool prints (resume, template, history...) are
 * written `npx readiness ...`, so they work as printed; JSON output is left as it is.
 */
function printHintsAsInvoked(io: { stdout: (text: string) => void; stderr: (text: string) => void; env: NodeJS.ProcessEnv }, args: string[]): void {
  if (!viaNpx(io.env)) return;
  const { stdout, stderr, env } = io;
  if (!args.includes('--json')) io.stdout = (text) => stdout(asInvoked(text, env));
  io.stderr = (text) => stderr(asInvoked(text, env));
}

/** Commander's errors, recognized without importing commander (it may not be loaded). */
function isCommanderError(error: unknown): error is { code: string; exitCode: number } {
  const e = error as { code?: unknown; exitCode?: unknown } | null;
  return !!e && typeof e.code === 'string' && e.code.startsWith('commander.') && typeof e.exitCode === 'number';
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.invalidInput;
  },
);
