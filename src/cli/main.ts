// The entry point and the only place that exits the process.
// It imports only small modules statically: `--version` answers without
// loading commander, and everything else is loaded when it is needed.
import { processIo } from './io.js';
import { EXIT, inertText, ReadinessError } from '../errors.js';
import { VERSION } from './version.js';
import { asInvoked, viaNpx } from './shell-arg.js';
import { mapStack } from './stack-map.js';

async function main(argv: string[]): Promise<number> {
  const io = processIo();
  quietOnClosedPipe(io);
  inertMessages(io);
  const args = argv.slice(2);
  printHintsAsInvoked(io, args);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  try {
    const { buildProgram, checkHelpTopic } = await import('./program.js');
    // `help` and the general help list every command; a run of one command needs only that one
    const first = args.find((a) => a !== '--no-color');
    const program = buildProgram(io, first === undefined || first.startsWith('-') || first === 'help' ? undefined : first);
    checkHelpTopic(program, args);
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return report(error, io.stderr, io.env);
  }
}

/** Detail lines printed under an error message before "… and N more". */
const MAX_DETAILS = 50;

function report(error: unknown, stderr: (t: string) => void, env: NodeJS.ProcessEnv): number {
  const debug = (env.DEBUG ?? '').split(',').includes('readiness');
  if (isCommanderError(error)) {
    // help and version are "errors" under exitOverride; commander already printed the message
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof ReadinessError) {
    stderr(`readiness: ${error.message}\n`);
    // a flood of problems helps nobody: the first ones, then a count
    for (const line of error.details.slice(0, MAX_DETAILS)) stderr(`  ${line}\n`);
    if (error.details.length > MAX_DETAILS) stderr(`  … and ${(error.details.length - MAX_DETAILS).toLocaleString('en')} more; fix these first.\n`);
    if (debug && error.stack) stderr(`${mapStack(error.stack)}\n`);
    return error.exitCode;
  }
  const e = error as NodeJS.ErrnoException;
  if (e && e.name === 'ExitPromptError') {
    stderr('readiness: interrupted.\n');
    return EXIT.interrupted;
  }
  // with DEBUG=readiness the details follow: no hint to set it
  const stack = debug ? e?.stack : undefined;
  stderr(`readiness: unexpected error: ${e?.message ?? String(error)}. ${stack ? 'Please report it, with the details below' : 'Run again with DEBUG=readiness for details, and please report it'}.\n`);
  if (stack) stderr(`${mapStack(stack)}\n`);
  return EXIT.invalidInput;
}

/**
 * Output that cannot be written is not a crash. `readiness list | head -1`
 * closes the pipe early (EPIPE): the reader has what it wanted, so the run
 * ends quietly with 0. Any other failure (`> /dev/full`, a read-only or full
 * disk, an I/O error) is one sentence on stderr and exit 1. The handlers are
 * attached on the first write, so that commands that print nothing do not
 * create the stream.
 */
function quietOnClosedPipe(io: { stdout: (text: string) => void; stderr: (text: string) => void }): void {
  const write = io.stdout;
  const writeErr = io.stderr;
  let attached = false;
  let attachedErr = false;
  let failed = false;
  io.stdout = (text) => {
    if (failed) return;
    if (!attached) {
      attached = true;
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (failed) return;
        failed = true;
        if (error.code === 'EPIPE') process.exit(EXIT.ok);
        io.stderr(`readiness: the output could not be written to standard output: ${outputFailure(error)}.\n`);
        process.exit(EXIT.invalidInput);
      });
    }
    write(text);
  };
  io.stderr = (text) => {
    if (!attachedErr) {
      attachedErr = true;
      // nowhere left to say it: keep the exit code honest and stay quiet
      process.stderr.on('error', () => {
        if (!process.exitCode) process.exitCode = EXIT.invalidInput;
      });
    }
    writeErr(text);
  };
}

function outputFailure(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full; free some space, or send the output elsewhere';
    case 'EROFS':
      return 'the file system is read-only; send the output elsewhere';
    case 'EIO':
      return 'the device reported an input/output error';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EAGAIN':
      return 'the receiving program does not read (it is non-blocking and full)';
    default:
      return error.code ?? error.message;
  }
}

/**
 * Nothing written to stderr acts on the terminal or reorders a line: messages quote file
 * names, values and cell texts, and a name from the file system can hold an escape sequence
 * ("\e[2J" clears the screen) or a bidirectional override. Such characters are written as
 * \u escapes; line breaks and tabs stay (commander's help and DEBUG's stack have several
 * lines), so each message also quotes the names it holds (inertName) and a name's line
 * break cannot forge a line. Nothing the tool means to write to stderr holds these characters.
 */
function inertMessages(io: { stderr: (text: string) => void }): void {
  const write = io.stderr;
  io.stderr = (text) => write(inertText(text));
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

/** What the launcher (src/boot/launch.ts) checks the main bundle exports: another bundle copied over it is a damaged install. */
export const PROGRAM = 'social-readiness';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.invalidInput;
  },
);
