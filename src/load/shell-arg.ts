// Hints the tool prints must work when pasted into a shell as printed. Kept here,
// with no imports, so that the loaders' sentences quote paths as the commands do.

/** The argument as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellArg(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
