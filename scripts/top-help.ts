// Build step: the top-level `readiness --help` text, rendered by commander from
// the real command definitions (src/cli/program.ts) at the width commander uses
// when standard output is not a terminal (80 columns). The launcher prints it
// without loading commander; test/cli/startup.test.ts checks that both agree.
import { buildProgram } from '../src/cli/program.js';

/** The help text commander prints for `readiness --help` at 80 columns. */
export async function renderTopHelp(): Promise<string> {
  let out = '';
  const program = offlineProgram((t) => void (out += t));
  program.configureOutput({ getOutHelpWidth: () => 80 });
  try {
    await program.parseAsync(['node', 'readiness', '--help']);
  } catch (error) {
    if ((error as { code?: string }).code !== 'commander.helpDisplayed') throw error;
  }
  if (!out.includes('Usage: readiness')) throw new Error('build: could not render the top-level help');
  return out;
}

/** The names of the top-level commands (the launcher keeps a compile cache entry per command). */
export function commandNames(): string[] {
  return offlineProgram(() => undefined).commands.map((c) => c.name());
}

/** The real command definitions, with an output of the build's choosing and nothing of this machine. */
function offlineProgram(stdout: (text: string) => void): ReturnType<typeof buildProgram> {
  return buildProgram({
    stdout,
    stderr: () => undefined,
    cwd: process.cwd(),
    env: {},
    stdinIsTTY: false,
    stdoutIsTTY: false,
    columns: 80,
    today: () => '2000-01-01',
  });
}
