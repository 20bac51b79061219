// Excel workbooks (.xlsx) as rows, streamed with exceljs' streaming reader:
// Microsoft Forms, and often Qualtrics and KoboToolbox, hand out .xlsx. Rows
// arrive one at a time with their sheet row number (used as the "line" in
// messages), so memory stays flat however long the sheet is. Shared strings
// are cached (exceljs needs them to resolve cells); styles and hyperlinks are
// ignored.
//
// Memory: exceljs inflates the sheet (into a temporary file when the shared
// strings come after it in the zip, as Excel writes them) and parses it in
// batches of sax events and Row objects. Left to the collector's own pace,
// that garbage sometimes piled up (external buffers while inflating, then old
// space while parsing: 130 MB peak in one run, 200 MB in the next on a busy
// machine). A guard looks at the heap as the input is read and every few
// hundred rows and runs a full collection past a fixed size, so the peak no
// longer depends on the machine's load (see docs/performance.md).
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { InputError } from '../errors.js';
import { STOP, type CsvRow } from './csv.js';
import { openRegularFile, READ_LIMITS } from './safe-read.js';

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
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 10);
  const time = iso.endsWith(':00.000Z') ? iso.slice(11, 16) : iso.slice(11, 19);
  if (timeOnly) return time;
  return time === '00:00' ? day : `${day} ${time}`;
}

/** Whether an Excel number format shows the number as a percentage (a `%` outside quoted text, [colour] or \-escaped characters). */
export function isPercentFormat(format: unknown): boolean {
  if (typeof format !== 'string' || !format.includes('%')) return false;
  return format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').includes('%');
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
function privateTmp(): { remove(): void } {
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
  return { remove };
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
  const input = createReadStream(file, { fd: opened.fd, start: 0, autoClose: true });
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
  try {
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
        try {
          // The sheet's parsed events come in batches (one per chunk of XML); taking the rows
          // from each batch in a plain loop spares the promise per row that the reader's own
          // row iterator (the same batches, one `yield` per row) costs.
          const ending = watchEnding(worksheet as unknown as SheetEvents);
          for await (const events of (worksheet as unknown as SheetEvents).parse()) {
            for (let e = 0; e < events.length; e++) {
              const event = events[e]!;
              if (event.eventType !== 'row') continue;
              const row = event.value;
              const values = row.values;
              const cells: string[] = [];
              for (let i = 1; i < values.length; i++) {
                const value = values[i];
                // a percentage is read as shown (40%), not as the fraction stored (0.4), which a
                // number question would take as 0.4 without a word
                cells.push(typeof value === 'number' && isPercentFormat(row.findCell?.(i)?.numFmt) ? percentText(value) : cellText(value));
                if (typeof value === 'object' && value !== null && formulaWithoutValue(value)) {
                  if (formulas) formulas.count++;
                  else formulas = { count: 1, line: row.number, column: i };
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
        // an empty sheet: the other sheets' names are read on, for the message below
        if (opts.sheet === undefined && rows > 0) break;
      }
      return undefined;
    };
    const done = await Promise.race([readSheets(), stall]);
    if (done) return done;
  } catch (error) {
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
