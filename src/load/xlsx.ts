// Excel workbooks (.xlsx) as rows, streamed with exceljs' streaming reader:
// Microsoft Forms, and often Qualtrics and KoboToolbox, hand out .xlsx. Rows
// arrive one at a time with their sheet row number (used as the "line" in
// messages), so memory stays flat however long the sheet is. Shared strings
// are cached (exceljs needs them to resolve cells); of the styles only the
// number formats are used (is a number a date, a percentage?), decided by the
// reader from the codes as written; hyperlinks are ignored.
//
// Memory: exceljs inflates the sheet (into a temporary file when the shared
// strings come after it in the zip, as Excel writes them) and parses it in
// batches of sax events and Row objects. Left to the collector's own pace,
// that garbage sometimes piled up (external buffers while inflating, then old
// space while parsing: 130 MB peak in one run, 200 MB in the next on a busy
// machine). A guard looks at the heap as the input is read and every few
// hundred rows and runs a full collection past a fixed size, so the peak no
// longer depends on the machine's load (see docs/performance.md).
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { InputError } from '../errors.js';
import { STOP, type CsvRow } from './csv.js';
import { changedWhileRead, openRegularFile, READ_LIMITS } from './safe-read.js';

export interface XlsxOptions {
  /** The sheet to read, by name (case and spaces ignored); default the first sheet. */
  sheet?: string;
}

export interface XlsxSummary {
  /** The sheet read. */
  sheet: string;
  /** Rows delivered (rows with no filled cell are skipped). */
  rows: number;
  /** Cells holding a formula saved without its value (read as blank), and the first one's row and column (1-based). */
  formulasWithoutValue?: { count: number; line: number; column: number };
}

/** Whether an exceljs cell value is a formula saved without its value: no program calculated it, or it came out as an error. */
function formulaWithoutValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Date) return false;
  return ('formula' in value || 'sharedFormula' in value) && (!('result' in value) || (value as { result?: unknown }).result === undefined);
}

/** Whether a file name looks like an Excel workbook. */
export function isXlsxPath(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

/** Milliseconds from 1970 to 1900-03-01, before which Excel's serials count a 29 February 1900 that never was. */
const EXCEL_LEAP_BUG_END = Date.UTC(1900, 2, 1);

/**
 * The text of a date cell (a number Excel shows with a date or time format, which exceljs
 * gives as a Date read as UTC: Excel's dates have no time zone): `2026-11-03`, with the time
 * when it has one (`2026-11-03 14:30`, seconds when not 0), or only the time for a time of
 * day with no date (`14:30`). ISO order, whatever the cell's format shows, so that a date
 * reads the same in every locale. Serials before 1 March 1900 are read as Excel shows them
 * (a day later than exceljs counts them: Excel takes 1900 for a leap year).
 */
export function dateText(date: Date): string {
  let ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  ms = Math.round(ms / 1000) * 1000; // a serial's fraction of a day is rarely whole milliseconds
  const timeOnly = ms >= Date.UTC(1899, 11, 30) && ms < Date.UTC(1899, 11, 31);
  if (ms < EXCEL_LEAP_BUG_END && !timeOnly) ms += 24 * 3600 * 1000;
  return isoText(ms, timeOnly);
}

/** `2026-11-03`, `2026-11-03 14:30` (seconds when not 0) or, for a time alone, `14:30`, from milliseconds since 1970 (UTC, whole seconds). */
function isoText(ms: number, timeOnly: boolean): string {
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 10);
  const time = iso.endsWith(':00.000Z') ? iso.slice(11, 16) : iso.slice(11, 19);
  if (timeOnly) return time;
  return time === '00:00' ? day : `${day} ${time}`;
}

/** The serial number of a date cell as a Date read as UTC, counted as exceljs counts it (dateText then keeps Excel's 1900 leap day). */
function serialDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/**
 * The text of an ISO 8601 date stored as text (a cell of type `d`, which LibreOffice and
 * openpyxl can write): `2026-11-03T14:30:00` reads as dateText writes a date (`2026-11-03
 * 14:30`), a time alone (`14:30:00`) as `14:30`. The date and time are taken as written (a
 * zone or offset after them is not applied: Excel's dates have none). Undefined when the
 * text is not such a date.
 */
export function isoDateText(text: string): string | undefined {
  const m = /^\s*(?:(-?\d{4,})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d(?:[.,]\d+)?))?)?|(\d\d):(\d\d)(?::(\d\d(?:[.,]\d+)?))?)(?:Z|[+-]\d\d(?::?\d\d)?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const timeOnly = m[1] === undefined;
  const [year, month, day] = timeOnly ? [1899, 12, 30] : [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hours, minutes, seconds] = (timeOnly ? [m[7], m[8], m[9]] : [m[4], m[5], m[6]]).map((part) => Number((part ?? '0').replace(',', '.')));
  if (hours! > 24 || minutes! > 59 || seconds! >= 61) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which takes years 0-99 for 1900-1999
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // 2026-02-30
  const ms = date.getTime() + Math.round((hours! * 3600 + minutes! * 60 + seconds!) * 1000);
  return Number.isNaN(ms) ? undefined : isoText(Math.round(ms / 1000) * 1000, timeOnly && ms < Date.UTC(1899, 11, 31));
}

/**
 * A number format's code without its literal parts, which show as written and are no format
 * symbols: quoted text, `\`-escaped characters, the character after `_` (a space as wide) or
 * `*` (repeated to fill), `[...]` (colour, condition, locale, and as exceljs the elapsed-time
 * `[h]`), and the words General and E+ / E- of a scientific format.
 */
function formatSymbols(code: string): string {
  return code.replace(/"[^"]*"?|\\.|[_*].|\[[^\]]*\]?|General|[eE][+-]/gi, '');
}

/** Whether an Excel number format code shows the number as a date or a time (y, m, d, h, s, or a Buddhist-year b outside the literal parts). */
export function isDateFormat(format: unknown): boolean {
  return typeof format === 'string' && /[ymdhsb]/i.test(formatSymbols(format));
}

/** Whether an Excel number format code shows the number as a percentage (a `%` outside quoted text, [colour], `_` `*` or \-escaped characters). */
export function isPercentFormat(format: unknown): boolean {
  if (typeof format !== 'string' || !format.includes('%')) return false;
  return formatSymbols(format).includes('%');
}

/** Excel's built-in number formats (numFmtId without a code in the workbook) that show a date or a time, or a percentage. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILT_IN_PERCENTS = new Set([9, 10]);

/**
 * The number format codes a styles part defines (`<numFmt numFmtId formatCode>`), by id, as
 * written: exceljs drops every `\` of a code (`#,##0\%` becomes the percentage `#,##0%`), so
 * that it cannot tell an escaped character from a format symbol.
 */
export function numberFormatCodes(stylesXml: string): Map<number, string> {
  const codes = new Map<number, string>();
  for (const [tag] of stylesXml.matchAll(/<(?:\w+:)?numFmt\s(?:[^>"']|"[^"]*"|'[^']*')*>/g)) {
    const id = /\snumFmtId\s*=\s*(["'])(\d+)\1/.exec(tag);
    const code = /\sformatCode\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
    if (id && code) codes.set(Number(id[2]), xmlAttributeText(code[1] ?? code[2] ?? ''));
  }
  return codes;
}

/** An XML attribute's value with its character references decoded. */
function xmlAttributeText(raw: string): string {
  return raw.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (all, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()] ?? all;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** The text of a number shown as a percentage, as Excel shows it: 0.4 is `40%` (parseNumber reads it as 40). */
export function percentText(value: number): string {
  return `${Number((value * 100).toPrecision(15))}%`;
}

/** The text Excel shows for a cell, as a survey export means it (a date as dateText gives it). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.text !== undefined) return cellText(v.text);
    // an error value (#N/A), or a formula saved without its value (a workbook written by a
    // program that does not calculate, or one whose result is an error such as #DIV/0!):
    // nothing to read, as for an empty cell, never the object's "[object Object]"
    return '';
  }
  return String(value);
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Buffers outside the heap (bytes) past which the guard collects while the zip is read:
 * inflating the sheet makes short-lived buffers that the collector, which looks at the
 * heap, leaves for long (32 MB of them at 100,000 rows).
 */
export const XLSX_BUFFER_LIMIT = 8 * 1024 * 1024;
/**
 * Old space in use (bytes) past which the guard collects while rows are parsed: a quiet
 * run holds about 20 MB there; the runs that peaked at 200 MB had let garbage grow it to 80.
 */
export const XLSX_OLD_SPACE_LIMIT = 32 * 1024 * 1024;
/** Rows between two looks at the heap while a sheet is parsed. */
const ROWS_PER_LOOK = 500;

/** What exceljs' worksheet reader yields from `parse()`: its events, a batch per chunk of the sheet's XML. */
interface SheetEvents {
  parse(): AsyncIterable<{ eventType: string; value: { values: unknown[]; number: number; findCell?(column: number): { numFmt?: unknown } | undefined } }[]>;
  /** The sheet's XML as the reader takes it (read when `parse()` starts). */
  iterator: AsyncIterable<Uint8Array | string>;
}

/**
 * What the reader gives exceljs in place of a cell style: the number format's meaning, as a
 * code that exceljs takes for no date (so that it converts no number: its own test drops every
 * `\` and takes `0.0 \d\a\y\s` for a date), and that the rows' loop reads back from the cell.
 */
const DATE_STYLE = { numFmt: '[readiness: date]' };
const PERCENT_STYLE = { numFmt: '[readiness: percent]' };
const PLAIN_STYLE = {};

/** The parts of exceljs' workbook reader that the reader replaces or reads (exceljs 4). */
interface WorkbookParts {
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  styles: { model?: { styles?: ({ numFmtId?: number } | undefined)[] }; getStyleModel(id: number): unknown };
  workbookRels?: { Type?: string }[];
  properties?: { model?: { date1904?: boolean } };
}

/**
 * Reads the styles part as exceljs does, keeping its text for the number format codes as
 * written (numberFormatCodes), and gives each cell style as DATE_STYLE, PERCENT_STYLE or
 * PLAIN_STYLE (null for a style the part does not have, as exceljs). `onRead` is called once
 * the styles are known.
 */
function readStylesAsWritten(reader: WorkbookParts, onRead: () => void): void {
  const parse = reader._parseStyles;
  reader._parseStyles = async function (this: WorkbookParts, entry: NodeJS.ReadableStream) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const xml = Buffer.concat(chunks);
    await parse.call(this, Readable.from([xml]));
    const codes = numberFormatCodes(xml.toString('utf8'));
    const xfs = this.styles.model?.styles ?? [];
    const models: (object | undefined)[] = [];
    this.styles.getStyleModel = (id: number) => {
      const xf = xfs[id];
      if (!xf) return null;
      let model = models[id];
      if (model === undefined) {
        const numFmtId = xf.numFmtId ?? 0;
        const code = codes.get(numFmtId);
        if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(numFmtId)) model = DATE_STYLE;
        else if (code !== undefined ? isPercentFormat(code) : BUILT_IN_PERCENTS.has(numFmtId)) model = PERCENT_STYLE;
        else model = PLAIN_STYLE;
        models[id] = model;
      }
      return model;
    };
    onRead();
  };
}

/** Whether the workbook's relationships name a styles part (which exceljs reads when it comes). */
function hasStylesPart(reader: WorkbookParts): boolean {
  return (reader.workbookRels ?? []).some((rel) => typeof rel.Type === 'string' && /\/styles$/.test(rel.Type));
}

/** The text of a number cell (or a formula's number) as its format shows it: a date, a percentage, or the number. */
function numberText(value: number, numFmt: unknown, date1904: boolean): string {
  if (numFmt === DATE_STYLE.numFmt) return dateText(serialDate(value, date1904));
  // a percentage is read as shown (40%), not as the fraction stored (0.4), which a number
  // question would take as 0.4 without a word
  if (numFmt === PERCENT_STYLE.numFmt) return percentText(value);
  return String(value);
}

const LT = 0x3c;

/**
 * Passes the sheet's XML on with each cell of type `d` (an ISO 8601 date stored as text) made a
 * text cell holding isoDateText of its text (or its text, when that is no date): exceljs reads
 * such a cell as parseFloat of its text, the year alone. The XML goes on in pieces cut before a
 * `<`, so that no tag and no text is split between two pieces (and no UTF-8 character, which
 * exceljs decodes chunk by chunk); only pieces that hold such a cell are looked into.
 */
function readIsoDates(sheet: SheetEvents): void {
  const source = sheet.iterator;
  let inDateCell = false;
  const rewrite = (piece: Buffer): Buffer => {
    if (!inDateCell && piece.indexOf('t="d"') < 0 && piece.indexOf("t='d'") < 0) return piece;
    const text = piece.toString('utf8').replace(/<c(?=[\s>/])((?:[^>"']|"[^"]*"|'[^']*')*)>|<v>([^<]*)|<\/c>/g, (all, attributes: string | undefined, value: string | undefined) => {
      if (attributes !== undefined) {
        const type = /(\s)t\s*=\s*(["'])d\2/.exec(attributes);
        inDateCell = type !== null && !attributes.endsWith('/');
        return type ? `<c${attributes.replace(type[0], `${type[1]}t="str"`)}>` : all;
      }
      if (value !== undefined) return inDateCell ? `<v>${isoDateText(value) ?? value}` : all;
      inDateCell = false;
      return all;
    });
    return Buffer.from(text, 'utf8');
  };
  sheet.iterator = (async function* () {
    let carry: Buffer | undefined;
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const first = bytes.indexOf(LT);
      if (first < 0) {
        carry = carry ? Buffer.concat([carry, bytes]) : bytes;
        continue;
      }
      const last = bytes.lastIndexOf(LT);
      if (carry || first > 0) yield rewrite(carry ? Buffer.concat([carry, bytes.subarray(0, first)]) : bytes.subarray(0, first));
      if (last > first) yield rewrite(bytes.subarray(first, last));
      carry = bytes.subarray(last);
    }
    if (carry) yield rewrite(carry);
  })();
}

/** How much of the end of a sheet's XML is kept to see that it ended. */
const ENDING_LENGTH = 512;

/**
 * Passes the sheet's XML on to the reader unchanged, keeping its last characters; the
 * function returned gives them once the reader is through (call before `parse()`).
 */
function watchEnding(sheet: SheetEvents): () => string {
  const source = sheet.iterator;
  let ending = '';
  sheet.iterator = (async function* () {
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk.slice(-ENDING_LENGTH) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).subarray(-ENDING_LENGTH).toString('latin1');
      ending = (ending + text).slice(-ENDING_LENGTH);
      yield chunk;
    }
  })();
  return () => ending;
}

/** Whether a sheet's XML ends with its root element closed (white space, comments and processing instructions may follow). */
export function endsWhole(ending: string): boolean {
  return /<\/(?:[\w.-]+:)?worksheet\s*>(?:\s|<!--(?:(?!-->)[\s\S])*-->|<\?(?:(?!\?>)[\s\S])*\?>)*$/.test(ending);
}

let fullCollection: (() => void) | null | undefined;

/**
 * A function that runs a full garbage collection, or null when the runtime has none to give.
 * Node exposes it only with --expose-gc: the flag is set just long enough to take the
 * function from a new context, then cleared, because V8 refuses code cache made under
 * other flags (the compile cache's entries must keep matching a plain start).
 */
function collector(): (() => void) | null {
  if (fullCollection !== undefined) return fullCollection;
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === 'function') return (fullCollection = own);
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    fullCollection = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    fullCollection = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return fullCollection;
}

/** Runs a full collection when the buffers outside the heap pass `limit` bytes; whether it ran. */
export function collectPastBuffers(limit: number): boolean {
  if (process.memoryUsage().arrayBuffers <= limit) return false;
  const gc = collector();
  if (gc) gc();
  return gc !== null;
}

/** Runs a full collection when the old space in use passes `limit` bytes; whether it ran. */
export function collectPastOldSpace(limit: number): boolean {
  const old = getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
  if (!old || old.space_used_size <= limit) return false;
  const gc = collector();
  if (gc) gc();
  return gc !== null;
}

/** Passes the file's bytes on unchanged, looking at the heap with each chunk (the inflating phase has no rows to count). */
class GuardedInput extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    collectPastBuffers(XLSX_BUFFER_LIMIT);
    done(null, chunk);
  }
}

const TMP_VARIABLES = process.platform === 'win32' ? ['TEMP', 'TMP'] : ['TMPDIR'];

/**
 * A private temporary folder for what exceljs sets aside while it reads (a sheet that comes
 * before the shared strings, in a file of the `tmp` package under os.tmpdir(): 52 MB at
 * 100,000 rows). That package removes its files at a normal exit only; an interrupted run
 * left them behind. Until `remove()` (which also restores the environment), os.tmpdir() is
 * the folder, and SIGINT or SIGTERM removes it before the signal takes its usual course.
 * When no folder can be made, nothing changes.
 */
function privateTmp(): { dir?: string; remove(): void } {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'readiness-xlsx-'));
  } catch {
    // no folder to be had there: exceljs uses the system's folder itself, as it always did
    return { remove: () => undefined };
  }
  const saved = TMP_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of TMP_VARIABLES) process.env[name] = dir;
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // nothing more to do: the folder is in the system's temporary folder
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { dir, remove };
}

/**
 * Streams the rows of one sheet of an .xlsx file to `onRow` (cells as text,
 * 0-based, `line` = the sheet's row number). `onRow` may throw STOP to end
 * early, or any error to abort. A file that is not a workbook, or a sheet
 * that does not exist, is an InputError naming the file (and the sheets).
 */
export async function streamXlsx(file: string, onRow: (row: CsvRow) => void, opts: XlsxOptions = {}): Promise<XlsxSummary> {
  // the shared safe reader: a regular file within the survey size limit, read through its checked descriptor
  const opened = openRegularFile(file, { maxBytes: READ_LIMITS.csv, what: 'survey export (.xlsx)' });
  // closed below, not at the stream's end: the size is looked at again once the rows are through
  const input = createReadStream(file, { fd: opened.fd, start: 0, autoClose: false });
  const guarded = input.pipe(new GuardedInput());
  input.on('error', (error) => guarded.destroy(error));
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(guarded, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  // exceljs looks up sheet names in the workbook part; when a sheet comes first in the zip
  // (the order is free) that part is not read yet: start from an empty model, names then default to SheetN
  const model = reader as unknown as { model?: { sheets?: unknown[] } };
  model.model ??= { sheets: [] };
  const parts = reader as unknown as WorkbookParts;
  let stylesRead = false;
  readStylesAsWritten(parts, () => {
    stylesRead = true;
  });
  const seen: string[] = [];
  let rows = 0;
  let chosen: string | undefined;
  let formulas: XlsxSummary['formulasWithoutValue'];
  // A damaged zip can leave exceljs waiting for a part that never comes, with nothing left
  // to run: Node would then end the process quietly, exit code 0, nothing written. When the
  // event loop empties before the reader is through, the file is damaged.
  let stalled: (error: Error) => void = () => undefined;
  const stall = new Promise<never>((_, reject) => {
    stalled = reject;
  });
  const onStall = () => stalled(new Error('the file ends before its last part (it is damaged or was cut short)'));
  process.once('beforeExit', onStall);
  const scratch = privateTmp();
  let asideStream: ReturnType<typeof createReadStream> | undefined;
  try {
    /** Reads the chosen sheet's rows to onRow; a summary when onRow stopped the read. */
    const readRows = async (worksheet: SheetEvents, name: string): Promise<XlsxSummary | undefined> => {
      const date1904 = parts.properties?.model?.date1904 === true;
      try {
        readIsoDates(worksheet);
        // The sheet's parsed events come in batches (one per chunk of XML); taking the rows
        // from each batch in a plain loop spares the promise per row that the reader's own
        // row iterator (the same batches, one `yield` per row) costs.
        const ending = watchEnding(worksheet);
        for await (const events of worksheet.parse()) {
          for (let e = 0; e < events.length; e++) {
            const event = events[e]!;
            if (event.eventType !== 'row') continue;
            const row = event.value;
            const values = row.values;
            const cells: string[] = [];
            for (let i = 1; i < values.length; i++) {
              const value = values[i];
              if (typeof value === 'number') {
                cells.push(numberText(value, row.findCell?.(i)?.numFmt, date1904));
              } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
                if (formulaWithoutValue(value)) {
                  cells.push('');
                  if (formulas) formulas.count++;
                  else formulas = { count: 1, line: row.number, column: i };
                } else {
                  // a formula's number is shown with the cell's format as a number cell's is
                  const result = (value as { result?: unknown }).result;
                  cells.push(typeof result === 'number' ? numberText(result, row.findCell?.(i)?.numFmt, date1904) : cellText(value));
                }
              } else {
                cells.push(cellText(value));
              }
            }
            if (cells.every((c) => c.trim() === '')) continue;
            rows++;
            if (rows % ROWS_PER_LOOK === 0) collectPastOldSpace(XLSX_OLD_SPACE_LIMIT);
            onRow({ cells, line: row.number });
          }
        }
        // the XML parser takes text as it comes and never hears that it ended: a sheet cut
        // short inside a sound zip would give its first rows as if they were all
        if (!endsWhole(ending())) {
          throw new InputError(`${file}: the sheet "${name}" ends before its last row (the workbook is damaged; ${rows.toLocaleString('en')} rows were read); export the survey again.`);
        }
      } catch (error) {
        if (error === STOP) return { sheet: name, rows, ...(formulas ? { formulasWithoutValue: formulas } : {}) };
        throw error;
      }
      return undefined;
    };
    // A sheet that comes before the styles part in the zip (exceljs reads it as it comes once
    // the shared strings are known) would be read without its number formats, its dates as
    // serial numbers: it is set aside in a file, as exceljs does for a sheet before the shared
    // strings, and read once the zip is through.
    let setAside: { worksheet: SheetEvents; name: string; path: string } | undefined;
    const readSheets = async (): Promise<XlsxSummary | undefined> => {
      for await (const worksheet of reader) {
        const name = (worksheet as unknown as { name: string }).name;
        seen.push(name);
        const wanted = chosen === undefined && (opts.sheet === undefined ? true : norm(name) === norm(opts.sheet));
        if (!wanted) {
          // the rows of other sheets must still be read through to reach the next one
          for await (const _row of worksheet) void _row;
          continue;
        }
        chosen = name;
        const sheet = worksheet as unknown as SheetEvents;
        if (!stylesRead && hasStylesPart(parts) && scratch.dir !== undefined) {
          const path = join(scratch.dir, 'sheet.xml');
          await pipeline(sheet.iterator, createWriteStream(path));
          setAside = { worksheet: sheet, name, path };
          continue;
        }
        const stopped = await readRows(sheet, name);
        if (stopped) return stopped;
        // an empty sheet: the other sheets' names are read on, for the message below
        if (opts.sheet === undefined && rows > 0) break;
      }
      if (setAside) {
        setAside.worksheet.iterator = asideStream = createReadStream(setAside.path);
        return readRows(setAside.worksheet, setAside.name);
      }
      return undefined;
    };
    const done = await Promise.race([readSheets(), stall]);
    // a workbook another program wrote or cut while it was read: the rows read are not the file as
    // saved (cut after the sheet's part, it read as whole)
    const changed = changedWhileRead(opened);
    if (changed) throw changed;
    if (done) return done;
  } catch (error) {
    // cut while it was read, a workbook looks damaged: say what happened instead
    const changed = error === STOP ? undefined : changedWhileRead(opened);
    if (changed) throw changed;
    if (error instanceof InputError || error === STOP) {
      if (error === STOP && chosen) return { sheet: chosen, rows, ...(formulas ? { formulasWithoutValue: formulas } : {}) };
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file} cannot be read as an Excel workbook (.xlsx): ${message}; export the survey again as .xlsx or as CSV.`);
  } finally {
    process.removeListener('beforeExit', onStall);
    input.destroy();
    guarded.destroy();
    asideStream?.destroy();
    scratch.remove();
  }
  if (chosen === undefined) {
    if (opts.sheet !== undefined) {
      throw new InputError(`${file} has no sheet "${opts.sheet}"; its sheets are ${seen.map((s) => `"${s}"`).join(', ') || 'none'}: give one of them with --sheet.`);
    }
    throw new InputError(`${file} has no sheet to read; export the survey again.`);
  }
  if (rows === 0) {
    const others = seen.filter((name) => name !== chosen);
    throw new InputError(
      others.length > 0
        ? `${file}: the sheet "${chosen}" has no rows; give the sheet that holds the answers with --sheet (its sheets are ${seen.map((name) => `"${name}"`).join(', ')}).`
        : `${file}: the sheet "${chosen}" has no rows; give a survey export with a header row and one row per respondent.`,
    );
  }
  return { sheet: chosen, rows, ...(formulas ? { formulasWithoutValue: formulas } : {}) };
}
