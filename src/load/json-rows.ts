// SurveyJS results as rows: a JSON array of respondents' `survey.data` objects
// ({ "question-name": value, ... }), the shape SurveyJS hands a site to store.
// Each object becomes a row under a header of every name seen (first-seen
// order); a multiple-choice array becomes its values joined by ", ", which the
// survey reader splits label-aware. The row's "line" is the respondent's
// position in the array (1 = the first object), plus 1 for the header.
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

/**
 * Reads a JSON array of result objects and hands `onRow` a header row (line 1)
 * and then one row per object (line = position + 1). Throws InputError for
 * text that is not JSON, or JSON that is not an array of objects, naming the file.
 */
export function readJsonRows(file: string, onRow: (row: CsvRow) => void): { rows: number } {
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
      throw new InputError(`${file}: respondent ${i + 1} is ${Array.isArray(entry) ? 'an array' : entry === null ? 'null' : `a ${typeof entry}`}, not an object of answers; each element of the array must be one respondent's {"question": answer} object.`);
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
  return { rows: data.length };
}
