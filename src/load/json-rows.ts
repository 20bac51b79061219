// SurveyJS results as rows: a JSON array of respondents' `survey.data` objects
// ({ "question-name": value, ... }), the shape SurveyJS hands a site to store.
// Each object becomes a row under a header of every name seen (first-seen
// order); a multiple-choice array becomes its values joined by ", ", which the
// survey reader splits label-aware. The row's "line" is the respondent's
// position in the array (1 = the first object), plus 1 for the header; messages
// name a cell by its real place in the file (JsonRows.placeOf).
import { InputError } from '../errors.js';
import type { CsvRow } from './csv.js';
import { readRegularFile, READ_LIMITS } from './safe-read.js';
import { jsonSyntaxError } from './json-syntax.js';
import { decodeUtf8 } from './source.js';

/** Whether a file name looks like a JSON file of results. */
export function isJsonPath(file: string): boolean {
  return /\.json$/i.test(file);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(', ');
  return JSON.stringify(value);
}

/**
 * The text of a JSON file: UTF-16 when it starts with a UTF-16 byte-order mark
 * (as some Windows tools save), else strict UTF-8 (what JSON is). Bytes that are
 * not UTF-8 are refused with their line and column (decodeUtf8), rather than
 * read as replacement characters that would match no answer. Throws InputError.
 */
function decodeJsonText(bytes: Buffer, file: string): string {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (le || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    try {
      return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new InputError(`${file} starts as UTF-16 text but is not valid UTF-16; save it again as UTF-8 (what JSON is) and try again.`);
    }
  }
  return decodeUtf8(bytes, file);
}

/** A place in a text: 1-based line and column (in characters; CR, LF and CRLF each end a line). */
export interface TextPlace {
  line: number;
  column: number;
}

/** What readJsonRows read: the respondents, and where each one's answers are in the file. */
export interface JsonRows {
  rows: number;
  /**
   * The place of a cell: the value of header name `cell` in the object of row `line`
   * (a row's line as handed to onRow: position in the array + 1), or the object's own
   * start when it has no such name. Computed on first use (one pass over the file).
   */
  placeOf(line: number, cell: number): TextPlace;
}

/** The offset just past the JSON string that opens at `at` (the text is valid JSON). */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return text.length;
    // escaped when an odd number of backslashes comes before it
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The offset just past the JSON value that starts at `at` (valid JSON: strings skipped whole, nesting counted). */
export function valueEnd(text: string, at: number): number {
  let i = at;
  let depth = 0;
  do {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i);
    else {
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) depth--;
      else if (depth === 0) {
        // a number or literal: up to the next delimiter
        while (i < text.length && !isSpace(text.charCodeAt(i)) && !',]}'.includes(text[i]!)) i++;
        return i;
      }
      i++;
    }
  } while (depth > 0 && i < text.length);
  return i;
}

/** The offsets where the elements of the top-level array start. */
export function elementOffsets(text: string): number[] {
  const starts: number[] = [];
  let i = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0) + 1; // past "["
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length || text.charCodeAt(i) === 93) return starts;
    starts.push(i);
    i = skipSpace(text, valueEnd(text, i));
    if (text.charCodeAt(i) === 44) i++;
  }
}

/** The offset of the value of `name` in the object that starts at `at` (the last one, as JSON.parse keeps), or `at` when it has none. */
export function memberOffset(text: string, at: number, name: string): number {
  let found = at;
  let i = at + 1; // past "{"
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length || text.charCodeAt(i) !== 34) return found;
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd) + 1; // past ":"
    i = skipSpace(text, i);
    if (key === name) found = i;
    i = skipSpace(text, valueEnd(text, i));
    if (text.charCodeAt(i) === 44) i++;
  }
}

/**
 * offset → line and column in `text`, for many offsets: the line starts and the places
 * of characters outside the BMP are found once, then each place is two binary searches.
 */
export function placeFinder(text: string): (offset: number) => TextPlace {
  const lineStarts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) lineStarts.push(m.index + m[0].length);
  // the second halves of surrogate pairs: a character outside the BMP is one column
  const seconds: number[] = [];
  const pairs = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  for (let m = pairs.exec(text); m; m = pairs.exec(text)) seconds.push(m.index + 1);
  /** How many entries of the sorted `list` are below `value`. */
  const below = (list: number[], value: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (offset) => {
    const line = below(lineStarts, offset + 1);
    const start = lineStarts[line - 1]!;
    return { line, column: offset - start + 1 - (below(seconds, offset) - below(seconds, start)) };
  };
}

/**
 * Reads a JSON array of result objects and hands `onRow` a header row (line 1)
 * and then one row per object (line = position + 1). Throws InputError for
 * text that is not JSON, or JSON that is not an array of objects, naming the file.
 */
export function readJsonRows(file: string, onRow: (row: CsvRow) => void): JsonRows {
  const text = decodeJsonText(readRegularFile(file, { maxBytes: READ_LIMITS.result, what: 'survey results (.json)' }), file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // placed by the tool: V8's message quotes the text around the error, which is respondents' answers
    const { line, column, what } = jsonSyntaxError(text);
    throw new InputError(`${file}:${line}:${column} is not valid JSON (${what}); give SurveyJS results as a JSON array of respondents' answers, e.g. [{"q1": "yes"}].`);
  }
  if (!Array.isArray(data)) {
    throw new InputError(`${file} holds JSON ${data === null ? 'null' : typeof data === 'object' ? 'object' : typeof data}, not an array; give SurveyJS results as a JSON array with one object per respondent.`);
  }
  const names: string[] = [];
  const seen = new Set<string>();
  data.forEach((entry, i) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      const { line, column } = placeFinder(text)(elementOffsets(text)[i] ?? 0);
      throw new InputError(`${file}:${line}:${column} respondent ${i + 1} is ${Array.isArray(entry) ? 'an array' : entry === null ? 'null' : `a ${typeof entry}`}, not an object of answers; each element of the array must be one respondent's {"question": answer} object.`);
    }
    for (const name of Object.keys(entry)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  });
  onRow({ cells: names, line: 1 });
  data.forEach((entry: Record<string, unknown>, i) => onRow({ cells: names.map((n) => cell(entry[n])), line: i + 2 }));
  let starts: number[] | undefined;
  let place: ((offset: number) => TextPlace) | undefined;
  return {
    rows: data.length,
    placeOf(line, column) {
      starts ??= elementOffsets(text);
      place ??= placeFinder(text);
      const at = starts[line - 2];
      if (at === undefined) return { line: 1, column: 1 };
      const name = names[column];
      return place(name === undefined ? at : memberOffset(text, at, name));
    },
  };
}
