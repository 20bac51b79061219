// The value of a YAML text written in a small, common subset (the shape of an
// answers file), without the YAML library: parsing a 3 KB answers file with it
// runs cold library code and took about as long as scoring and rendering it.
// Anything outside the subset, or anything the subset parser is unsure of,
// gives undefined and the caller parses with the library, as before. Where a
// value is given, it is the one the library gives (test/load/quick-yaml.test.ts
// compares thousands of random documents with the library's).
//
// The subset: block mappings (indented with spaces) of keys that are plain
// words (a letter, then letters, digits, `-` and `_`), each key once; values
// that are plain scalars on one line, quoted scalars on one line (double-quoted
// with the escapes \\ \" \/ \n \t only), literal block scalars (`|`), one-line
// flow mappings and sequences of such scalars, an empty value (null) and a
// nested block mapping; comments and blank lines. No tabs, carriage returns,
// control characters or unusual spaces anywhere, no document markers,
// directives, anchors, aliases, tags or block sequences.

/** Characters that make the whole text go to the library (tabs, CR, controls, unusual spaces and line breaks, BOM, specials). */
const UNSUPPORTED_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\ufff0-\uffff]/;
const KEY = /^[A-Za-z][A-Za-z0-9_-]{0,199}$/;
/** Plain scalars the core schema reads as something else than text (null, bools, numbers: yaml's own tests), besides the two below. */
const CORE_SPECIAL = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** Numbers read here: unsigned decimals short enough to be exact. */
const SIMPLE_NUMBER = /^[0-9]{1,15}(?:\.[0-9]{1,15})?$/;
/** A plain scalar may not begin with an indicator (YAML 1.2, 7.3.3); these go to the library. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t' };

/** Thrown inside the parser when the text leaves the subset. */
class NotQuick extends Error {}
const notQuick = (): never => {
  throw new NotQuick();
};

/**
 * The plain JavaScript value of `text` (what the YAML library's
 * `parseDocument(text, { version: '1.2', strict: true }).toJS()` gives, with no
 * error or warning and no duplicate key) when the text is in the subset above
 * and its top level is a mapping; undefined otherwise (parse it with the library).
 */
export function quickYamlValue(text: string): Record<string, unknown> | undefined {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  const lines = text.split('\n');
  try {
    const at = { line: 0 };
    skipBlank(lines, at);
    if (at.line >= lines.length || indentOf(lines[at.line]!) !== 0) return undefined;
    const value = blockMap(lines, at, 0);
    skipBlank(lines, at);
    return at.line < lines.length ? undefined : value;
  } catch (error) {
    if (error instanceof NotQuick) return undefined;
    throw error;
  }
}

/** A key read as the text it is written as (`null` or `true` are not: the library reads them as values). */
function isPlainKey(key: string): boolean {
  if (!KEY.test(key)) return false;
  for (const test of CORE_SPECIAL) if (test.test(key)) return false;
  return true;
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/** A line of spaces only, or a comment line. */
function isBlank(line: string): boolean {
  const n = indentOf(line);
  return n === line.length || line[n] === '#';
}

function skipBlank(lines: string[], at: { line: number }): void {
  while (at.line < lines.length && isBlank(lines[at.line]!)) at.line++;
}

/** The block mapping whose keys are at `indent`, from the line at `at` (a content line at that indent). */
function blockMap(lines: string[], at: { line: number }, indent: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (;;) {
    skipBlank(lines, at);
    if (at.line >= lines.length) return map;
    const line = lines[at.line]!;
    const n = indentOf(line);
    if (n < indent) return map;
    if (n > indent) notQuick();
    const colon = line.indexOf(':', n);
    if (colon < 0) notQuick();
    const key = line.slice(n, colon);
    if (!isPlainKey(key) || seen.has(key)) notQuick();
    seen.add(key);
    const after = colon + 1;
    if (after < line.length && line[after] !== ' ') notQuick();
    let start = after;
    while (line.charCodeAt(start) === 32) start++;
    at.line++;
    if (start === line.length || line[start] === '#') {
      // nothing on the key's line: a nested mapping, or null
      skipBlank(lines, at);
      const next = at.line < lines.length ? indentOf(lines[at.line]!) : -1;
      map[key] = next > indent ? blockMap(lines, at, next) : null;
      continue;
    }
    const first = line[start]!;
    if (first === '|') {
      if (!/^\| *$/.test(line.slice(start))) notQuick();
      map[key] = literalBlock(lines, at, indent);
      continue;
    }
    const cursor = { text: line, pos: start };
    if (first === '{') map[key] = flowMap(cursor);
    else if (first === '[') map[key] = flowSeq(cursor);
    else if (first === '"' || first === "'") map[key] = quoted(cursor);
    else {
      // a plain scalar: to the end of the line or a comment (` #`)
      const hash = line.indexOf(' #', start);
      map[key] = plain(line.slice(start, hash < 0 ? line.length : hash), false);
      continue;
    }
    endOfLine(cursor);
  }
}

/** After a value: spaces, then nothing or a comment. */
function endOfLine(c: { text: string; pos: number }): void {
  const rest = c.text.slice(c.pos);
  if (rest.length === 0) return;
  if (!/^ +(?:#.*)?$/.test(rest)) notQuick();
}

/** `|` (clip): the lines indented more than `indent`, without that indentation, with one final line break. */
function literalBlock(lines: string[], at: { line: number }, indent: number): string {
  const firstLine = lines[at.line];
  if (firstLine === undefined) notQuick();
  const contentIndent = indentOf(firstLine!);
  if (contentIndent <= indent || contentIndent === firstLine!.length) notQuick();
  const kept: string[] = [];
  while (at.line < lines.length) {
    const line = lines[at.line]!;
    const n = indentOf(line);
    if (n === line.length) {
      // an empty line (more spaces than the indentation would be content: left to the library)
      if (n > contentIndent) notQuick();
      kept.push('');
    } else if (n >= contentIndent) {
      kept.push(line.slice(contentIndent));
    } else break;
    at.line++;
  }
  // the block must be followed by more of the document (its end at the end of the text is left to the library)
  if (at.line >= lines.length) notQuick();
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

/** A plain scalar's value (`flow`: inside a flow collection). */
function plain(raw: string, flow: boolean): unknown {
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 32) end--;
  const s = raw.slice(0, end);
  if (s.length === 0 || INDICATOR_START.test(s) || s.includes(':') || (flow && /[#[\]{},]/.test(s))) notQuick();
  if (SIMPLE_NUMBER.test(s)) return Number(s);
  for (const test of CORE_SPECIAL) if (test.test(s)) notQuick();
  return s;
}

/** A quoted scalar on one line, starting at the cursor's quote; moves the cursor past the closing quote. */
function quoted(c: { text: string; pos: number }): string {
  const q = c.text[c.pos]!;
  let out = '';
  let i = c.pos + 1;
  for (;;) {
    if (i >= c.text.length) notQuick();
    const ch = c.text[i]!;
    if (ch === q) {
      if (q === "'" && c.text[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      c.pos = i + 1;
      return out;
    }
    if (ch === '\\' && q === '"') {
      const e = ESCAPES[c.text[i + 1] ?? ''];
      if (e === undefined) notQuick();
      out += e;
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
}

function skipSpaces(c: { text: string; pos: number }): void {
  while (c.text.charCodeAt(c.pos) === 32) c.pos++;
}

/** A value inside a flow collection: a quoted or plain scalar, or a flow sequence inside a mapping. */
function flowValue(c: { text: string; pos: number }, inMap: boolean): unknown {
  const ch = c.text[c.pos];
  if (ch === '"' || ch === "'") return quoted(c);
  if (ch === '[' && inMap) return flowSeq(c);
  let end = c.pos;
  while (end < c.text.length && c.text[end] !== ',' && c.text[end] !== '}' && c.text[end] !== ']') end++;
  const value = plain(c.text.slice(c.pos, end), true);
  c.pos = end;
  return value;
}

/** `{ key: value, ... }` on one line, starting at the cursor's brace. */
function flowMap(c: { text: string; pos: number }): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  const seen = new Set<string>();
  c.pos++;
  skipSpaces(c);
  if (c.text[c.pos] === '}') {
    c.pos++;
    return map;
  }
  for (;;) {
    const colon = c.text.indexOf(':', c.pos);
    if (colon < 0) notQuick();
    const key = c.text.slice(c.pos, colon);
    if (!isPlainKey(key) || seen.has(key) || c.text[colon + 1] !== ' ') notQuick();
    seen.add(key);
    c.pos = colon + 1;
    skipSpaces(c);
    map[key] = flowValue(c, true);
    skipSpaces(c);
    const sep = c.text[c.pos];
    c.pos++;
    if (sep === '}') return map;
    if (sep !== ',' || c.text[c.pos] !== ' ') notQuick();
    skipSpaces(c);
  }
}

/** `[a, b, ...]` on one line, starting at the cursor's bracket. */
function flowSeq(c: { text: string; pos: number }): unknown[] {
  const seq: unknown[] = [];
  c.pos++;
  skipSpaces(c);
  if (c.text[c.pos] === ']') {
    c.pos++;
    return seq;
  }
  for (;;) {
    seq.push(flowValue(c, false));
    skipSpaces(c);
    const sep = c.text[c.pos];
    c.pos++;
    if (sep === ']') return seq;
    if (sep !== ',' || c.text[c.pos] !== ' ') notQuick();
    skipSpaces(c);
  }
}
