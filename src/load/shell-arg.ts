// Hints the tool prints must work when pasted into a shell as printed. Kept here,
// with no imports, so that the loaders' sentences quote paths as the commands do.

/** The argument as a POSIX shell reads it back: bare when safe, else in single quotes ($'...' with escapes when it holds a control or bidirectional character). */
export function shellArg(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  // a control or bidirectional character: ANSI-C quoting (bash, zsh, ksh, POSIX.1-2024 sh), so the
  // pasted command names the same file and the printed one cannot act on the terminal
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/.test(value)) {
    // eslint-disable-next-line no-control-regex
    return `$'${value.replace(/[\\']/g, '\\$&').replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (c) => (c.charCodeAt(0) < 0x80 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}'`;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
