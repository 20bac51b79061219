// The exact command that continues an interview, shared by the interview
// (printed on Ctrl-C) and `readiness sessions` (kept light: no prompt code).

export const DEFAULT_OUTPUT = 'reports';

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `-d DIR` when the reports folder is not the default, else '' (-d/--dir names the reports folder in every command). */
export function outputFlag(output: string): string {
  return output === DEFAULT_OUTPUT ? '' : ` -d ${shellWord(output)}`;
}

export function resumeCommand(id: string, output: string): string {
  return `readiness assess --resume ${id}${outputFlag(output)}`;
}
