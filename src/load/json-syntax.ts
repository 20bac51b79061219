// Where JSON text stops being JSON: V8's messages give no position for some
// errors and quote the text around the error for others (a respondent's
// name or address, in a survey export), so the tool finds the place itself.

/**
 * The first syntax error of text that JSON.parse refused: 1-based line and
 * column (in characters, as an editor counts them; CR, LF and CRLF end a line),
 * and what is there ("truncated?" where only JSON's white space follows, else
 * `unexpected "<character>"` for a visible ASCII character and `unexpected
 * U+XXXX` for any other: one character, never the text around it).
 */
export function jsonSyntaxError(text: string): { line: number; column: number; what: string } {
  const at = jsonErrorOffset(text);
  const { line, column } = lineColumn(text, at);
  const truncated = at >= text.replace(/[ \t\n\r]+$/, '').length;
  return { line, column, what: truncated ? 'truncated?' : `unexpected ${characterAt(text, at)}` };
}

/** The character at `offset` as a message names it: "x" when visible ASCII, else U+XXXX (a whole code point). */
function characterAt(text: string, offset: number): string {
  const code = text.codePointAt(offset)!;
  return code > 0x20 && code < 0x7f ? JSON.stringify(String.fromCodePoint(code)) : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  // characters, not UTF-16 units: a character outside the BMP is one column
  let column = 1;
  for (let i = lineStart; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === lineStart || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) column++;
  }
  return { line, column: column + Math.max(0, offset - text.length) };
}

/** A JSON number at lastIndex (sticky: no copy of the text, however long the number). */
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Offset of the first JSON syntax error (text.length when the text ends too early). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  class Stop {
    constructor(readonly at: number) {}
  }
  const fail = (at = i): never => {
    throw new Stop(at);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text.charAt(i) !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        i++;
        const e = text.charAt(i);
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text.charAt(i + k))) fail(i + k);
          i += 5;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i++;
        else fail();
      } else i++;
    }
  };
  const number = () => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0] === '-' || m[0] === '') fail();
    i += m![0].length;
  };
  const key = () => {
    ws();
    if (text.charAt(i) !== '"') fail();
    string();
    ws();
    if (text.charAt(i) !== ':') fail();
    i++;
  };
  // A loop with a stack of the open arrays and objects, not recursion: nesting of any
  // depth is placed (JSON.parse itself takes any depth).
  const value = (): void => {
    const open: number[] = []; // 91 "[" or 123 "{"
    for (;;) {
      ws();
      const c = text.charAt(i);
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text.charAt(i) !== (c === '{' ? '}' : ']')) {
          open.push(c.charCodeAt(0));
          if (c === '{') key();
          continue;
        }
        i++;
      } else if (c === '"') string();
      else if (c === 't') literal('true');
      else if (c === 'f') literal('false');
      else if (c === 'n') literal('null');
      else number();
      // a value is complete: a comma asks for the next one, a bracket closes its container
      for (;;) {
        if (open.length === 0) return;
        ws();
        const top = open[open.length - 1]!;
        const d = text.charCodeAt(i);
        if (d === 44) {
          i++;
          if (top === 123) key();
          break;
        }
        if (d === top + 2) {
          // "]" is "[" + 2 and "}" is "{" + 2
          i++;
          open.pop();
          continue;
        }
        fail();
      }
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return text.length;
  } catch (e) {
    if (e instanceof Stop) return Math.min(e.at, text.length);
    throw e;
  }
}
