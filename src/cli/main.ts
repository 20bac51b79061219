// The entry point and the only place that exits the process.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { processIo } from './io.js';
import { EXIT, ReadinessError } from '../errors.js';

async function main(argv: string[]): Promise<number> {
  const io = processIo();
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return report(error, io.stderr, io.env);
  }
}

function report(error: unknown, stderr: (t: string) => void, env: NodeJS.ProcessEnv): number {
  const debug = (env.DEBUG ?? '').split(',').includes('readiness');
  if (error instanceof CommanderError) {
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

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.invalidInput;
  },
);
