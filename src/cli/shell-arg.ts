// Hints the tool prints must work when pasted into a shell as printed.

/** The argument as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellArg(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * How to name a questionnaire in a printed command: its id when the id resolves to it
 * (built-ins, ./questionnaires), else the path the user gave.
 */
export function questionnaireArg(ref: string, id: string): string {
  return shellArg(ref === id ? id : ref);
}
