// Plain-text helpers shared by the Markdown report and the terminal summary.

// Control characters (including ESC, so no terminal escape sequence from user
// text reaches a terminal) and invisible format characters (bidi overrides,
// zero-width space, BOM, interlinear annotation marks, which also crash
// markdownlint's table rule) are dropped. Zero-width (non-)joiners stay: emoji
// sequences and several scripts need them.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|(?![\u200C\u200D])\p{Cf}/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WHITESPACE = /[\s\u2028\u2029]+/g;
// Already one clean line: printable ASCII and the dashes, arrows and check mark that reports
// print, words separated by single spaces (most table cells); the replacements above keep it as it is.
const CLEAN_LINE = /^[!-~\u2013\u2014\u2190-\u2193\u2212\u2713]+(?: [!-~\u2013\u2014\u2190-\u2193\u2212\u2713]+)*$/;

/** True when `text` is already one clean line that plainLine returns as it is (a quick test; false says nothing). */
export function isCleanLine(text: string): boolean {
  return CLEAN_LINE.test(text);
}

/**
 * A name as an argument of a printed shell command (`readiness plan --org "Example Org"`): in
 * double quotes when a POSIX shell, interactive bash included, reads it back unchanged, else in
 * single quotes (`'Ca$h Ltd!'`): inside double quotes `$`, backticks and `!` are expanded,
 * so the pasted command would name another organization, or run what the name holds.
 */
export function quotedName(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[$`!\u0000-\u001f\u007f]/.test(name)) return JSON.stringify(name);
  return `'${name.replace(/'/g, `'\\''`)}'`;
}

/** Text without control or invisible characters, whitespace (incl. newlines) collapsed to single spaces. */
export function plainLine(text: unknown): string {
  if (typeof text === 'string' && CLEAN_LINE.test(text)) return text;
  return String(text ?? '')
    .replace(LONE_SURROGATE, '\uFFFD') // possible in JSON; not valid text
    .replace(INVISIBLE, '')
    .replace(WHITESPACE, ' ')
    .trim();
}

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
const ZERO = /[\p{Mn}\p{Me}\u200C\u200D\uFE00-\uFE0F]/u;

/** Columns a string takes in a terminal: wide (CJK, emoji) characters count 2, combining marks 0. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return width;
}

/** displayWidth, at once for printable ASCII (most cells of a listing). */
export function columns(text: string): number {
  return /^[ -~]*$/.test(text) ? text.length : displayWidth(text);
}

/** `text` padded with spaces to `width` terminal columns, at its end (or its start): an aligned column holds CJK, emoji and accents typed as combining marks. */
export function padColumns(text: string, width: number, atStart = false): string {
  const pad = ' '.repeat(Math.max(0, width - columns(text)));
  return atStart ? pad + text : text + pad;
}

function charWidth(ch: string): number {
  return ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
}

/** Cut to at most `width` columns, ending in "…" when cut. Linear in the text's length. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (used + cw > width - 1) break;
    out += ch;
    used += cw;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Word-wrap to `width` columns; words longer than a line are cut hard.
 * Each character's width is measured once, so the time is linear in the
 * text's length (a 200,000-character organization name used to take seconds).
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const wordWidth = displayWidth(word);
    if (wordWidth > w) {
      // a word wider than a line: flush the line, then cut the word into pieces of at most w columns
      if (line !== '') lines.push(line);
      line = '';
      lineWidth = 0;
      let head = '';
      let headWidth = 0;
      for (const ch of word) {
        const cw = charWidth(ch);
        if (headWidth + cw > w && head !== '') {
          lines.push(head);
          head = '';
          headWidth = 0;
        }
        head += ch;
        headWidth += cw;
      }
      // the last piece starts the next line, like a short word
      line = head;
      lineWidth = headWidth;
      continue;
    }
    if (line === '') {
      line = word;
      lineWidth = wordWidth;
    } else if (lineWidth + 1 + wordWidth <= w) {
      line += ` ${word}`;
      lineWidth += 1 + wordWidth;
    } else {
      lines.push(line);
      line = word;
      lineWidth = wordWidth;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Labels inside a Mermaid chart: letters, digits and a little punctuation only, short. */
export function mermaidLabel(text: unknown, fallback: string, max = 24): string {
  let s = plainLine(text)
    .replace(/[^\p{L}\p{N} ,.'-]/gu, ' ')
    .replace(/ +/g, ' ')
    .trim();
  const chars = Array.from(s);
  if (chars.length > max) s = `${chars.slice(0, max - 1).join('').trimEnd()}…`;
  return s === '' ? fallback : s;
}
