// A thin streaming wrapper over papaparse: rows arrive one at a time with the
// line they start on, so memory does not grow with the size of the file.
// papaparse was chosen after bench/csv-trial.mjs: on 100,000 generated rows its
// streaming parse took about 2x the time of reading lines with readline, and
// csv-parse about 5x (see the issue note for the figures).
import { createReadStream, readSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { changedWhileRead, openRegularFile, READ_LIMITS, type OpenedFile } from './safe-read.js';
import { countUtf8Leads, firstInvalidUtf8, positionOfByte, Utf8Chunks } from './utf8.js';
import { unreadableSpreadsheet } from './spreadsheet-kinds.js';

export interface CsvRow {
  /** The cells as written, quotes removed. */
  cells: string[];
  /** 1-based line of the file on which the row starts. */
  line: number;
}

export interface CsvSummary {
  /** The delimiter used: given, named by a `sep=` first line, or detected from the start of the file. */
  delimiter: string;
  /** Rows delivered (empty lines are skipped and not counted). */
  rows: number;
  /** The encoding the text was decoded from (iconv-lite name, e.g. "utf-8", "utf-16le", "windows-1252"). */
  encoding: string;
  /** How the encoding was decided: given, from a byte-order mark, or guessed from the bytes. */
  encodingFrom: 'option' | 'bom' | 'guess';
  /** Whether an Excel `sep=` first line named the delimiter (that line is not a row). */
  sepLine: boolean;
}

export interface CsvOptions {
  /** Force a delimiter instead of detecting one of , ; and tab. */
  delimiter?: string;
  /** Force an encoding (any name iconv-lite knows) instead of detecting it. */
  encoding?: string;
  /**
   * Count line breaks cell by cell for every row, never one line per row (the definition
   * the quicker count is tested against; the result is the same).
   */
  countEachCell?: boolean;
}

/** What the first 64 KB of a file say about how to read it. */
export interface CsvSniff {
  encoding: string;
  encodingFrom: 'option' | 'bom' | 'guess';
  /** The delimiter named by an Excel `sep=` first line, if any. */
  sep?: string;
  /** The decoded head (BOM removed). */
  head: string;
}

/** Whether iconv-lite can decode `name`. */
export function encodingExists(name: string): boolean {
  return iconv.encodingExists(name);
}

/**
 * Decides the encoding from the first bytes: a byte-order mark (UTF-8,
 * UTF-16 LE/BE) wins; UTF-16 without a mark is recognised by its zero bytes;
 * text that is valid UTF-8 is UTF-8; anything else is read as windows-1252,
 * which Excel writes for "CSV (Comma delimited)" on Western systems.
 */
function decideEncoding(head: Buffer, forced?: string): { encoding: string; from: 'option' | 'bom' | 'guess'; bom: number } {
  if (forced) return { encoding: forced.toLowerCase(), from: 'option', bom: 0 };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', from: 'bom', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', from: 'bom', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', from: 'bom', bom: 2 };
  const sample = head.subarray(0, Math.min(head.length, 4096));
  if (sample.length >= 4) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
    const half = sample.length / 2;
    if (oddZeros > half * 0.3 && evenZeros === 0) return { encoding: 'utf-16le', from: 'guess', bom: 0 };
    if (evenZeros > half * 0.3 && oddZeros === 0) return { encoding: 'utf-16be', from: 'guess', bom: 0 };
    if (evenZeros + oddZeros > 0) return { encoding: 'utf-8', from: 'guess', bom: 0 }; // binary: the UTF-8 reader names the line
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', from: 'guess', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', from: 'guess', bom: 0 };
  }
}

/** Reads the head of `file` once: encoding, an Excel `sep=` line, and the decoded text for delimiter detection. */
export function sniffCsv(file: string | OpenedFile, forcedEncoding?: string): CsvSniff {
  const opened = typeof file === 'string' ? openCsvFile(file) : file;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const size = readSync(opened.fd, buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, size);
    const { encoding, from, bom } = decideEncoding(bytes, forcedEncoding);
    let head = encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes.subarray(bom)) : iconv.decode(bytes.subarray(bom), encoding);
    if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
    const sep = /^sep=(.)\s*(?:\r\n|\n|\r|$)/i.exec(head)?.[1];
    return { encoding, encodingFrom: from, sep: sep === undefined ? undefined : sep, head };
  } finally {
    if (typeof file === 'string') opened.close();
  }
}

/** Thrown by an onRow callback to stop reading early without an error. */
export const STOP = Symbol('stop reading');

const NEWLINES = /\r\n|\r|\n/g;

/** Line breaks in a cell (CRLF, CR or LF, each one line). */
export function countNewlines(text: string): number {
  if (!text.includes('\n') && !text.includes('\r')) return 0;
  return text.match(NEWLINES)?.length ?? 0;
}

/**
 * Whether `text` (the text papaparse consumed for `rows` rows, split at `newline`) holds
 * no line break but the rows' own ends: then no cell holds one, and each row is one line,
 * which spares counting line breaks cell by cell. Every row must end in `newline` (the
 * text does), and the text must hold exactly `rows` line-break characters of each kind
 * the newline has, and no other (a lone CR beside an LF could be read as one break or two).
 * Split at LF, a CR right before an LF is part of that row end (streamCsv drops it from
 * the row's last cell), so CRLF rows count as one line each too.
 */
export function onlyRowEnds(text: string, rows: number, newline: string): boolean {
  if (rows === 0 || !text.endsWith(newline)) return false;
  const crlf = newline === '\r\n';
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (++lf > rows || (crlf && text.charCodeAt(i - 1) !== 13)) return false;
  }
  let cr = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (++cr > rows) return false;
    if (newline === '\n' && text.charCodeAt(i + 1) !== 10) return false;
  }
  if (newline === '\n') return lf === rows;
  if (crlf) return lf === rows && cr === rows;
  return newline === '\r' && cr === rows && lf === 0;
}

/** Receives every piece of decoded text, in order, as it is handed to the parser; an error it returns ends the read. */
type TextTap = (text: string) => Error | undefined;

/**
 * Characters of text the parser may hold without finishing a row. papaparse parses the
 * unfinished row again from its start with every chunk, so a row that never ends (a quote
 * opened by mistake and closed far later, or never) costs time that grows with its length
 * squared, and memory: a cell of 100 MB took two minutes and 1.4 GB. No survey row comes
 * near this (a free-text cell is at most 10,000 characters).
 */
export const MAX_ROW_CHARS = 8 * 1024 * 1024;

/**
 * Strict UTF-8 decoding as a stream: refuses binary content (NUL bytes) and
 * invalid sequences with a sentence naming the line, and drops a leading BOM.
 */
class Utf8Decoder extends Transform {
  private readonly decoder = new Utf8Chunks();
  private line = 1;
  /** The column (in characters) of the byte after those decoded so far: a lead byte counts where it is, also when its character is cut. */
  private column = 1;
  private bytes = 0;

  constructor(
    private readonly file: string,
    private readonly tap: TextTap,
    /** A file that grows past the limit while it is read is refused too. */
    private readonly maxBytes = READ_LIMITS.csv,
  ) {
    // room for a few chunks read ahead while the previous one is parsed (see _transform)
    super({ readableObjectMode: true, writableHighWaterMark: 4 * 64 * 1024 });
  }

  private fail(callback: TransformCallback, chunk: Buffer): void {
    // the first bad byte, by line and column: searched from the bytes of a character the previous
    // chunk cut (they are valid only with what follows them, and a line's column counts from
    // the chunks before), so the byte named is the one that made the chunk fail
    const carried = this.decoder.carried();
    const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
    const at = Math.min(firstInvalidUtf8(bytes), bytes.length - 1);
    const first = this.bytes === chunk.length;
    const { line, column } = positionOfByte(bytes, at, first ? undefined : this.column - (carried.length > 0 ? 1 : 0));
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
    callback(
      new InputError(
        `${this.file}:${this.line + line - 1}:${column} has byte 0x${byte}, which is not valid UTF-8 text though the start of the file is; save the survey as "CSV UTF-8", or name its encoding with --encoding (e.g. windows-1252).`,
      ),
    );
  }

  /** Moves `line` and `column` past `chunk`, which decoded fine. */
  private advance(chunk: Buffer): void {
    const lf = chunk.lastIndexOf(0x0a);
    if (lf === -1) {
      // a line longer than a chunk: count its characters (a byte-order mark takes no column)
      const bom = this.bytes === chunk.length && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 1 : 0;
      this.column += countUtf8Leads(chunk) - bom;
      return;
    }
    this.line += countLf(chunk);
    this.column = 1 + countUtf8Leads(chunk.subarray(lf + 1));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new InputError(`${this.file} grew past ${this.maxBytes / 1024 / 1024} MB while it was read; give a finished, saved survey export.`));
      return;
    }
    if (chunk.includes(0)) {
      const before = chunk.subarray(0, chunk.indexOf(0));
      callback(
        new InputError(
          binaryData(this.file, this.line + countLf(before), 'give the survey export saved as CSV (UTF-8)'),
        ),
      );
      return;
    }
    const text = this.decoder.push(chunk);
    if (text === undefined) {
      this.fail(callback, chunk);
      return;
    }
    this.advance(chunk);
    const refused = text ? this.tap(text) : undefined;
    if (refused) {
      callback(refused);
      return;
    }
    // hand the text on after the next file read has been requested: parsing then overlaps the disk
    setImmediate(callback, null, text);
  }

  override _flush(callback: TransformCallback): void {
    if (this.decoder.end()) callback();
    else callback(new InputError(`${this.file}:${this.line} ends in the middle of a character; save the file as UTF-8 and try again.`));
  }
}

/**
 * The sentence for a file that holds binary data: with what to do for a spreadsheet the reader
 * cannot take, named by its extension (an .xls given to --responses), else `otherwise`.
 */
function binaryData(file: string, line: number, otherwise: string): string {
  const kind = unreadableSpreadsheet(file);
  return kind
    ? `${file}:${line} contains binary data, not CSV text: it is ${kind.what}, which this tool cannot read; ${kind.todo}, and give that file.`
    : `${file}:${line} contains binary data, not CSV text; ${otherwise}.`;
}

/** Any other encoding, through iconv-lite; NUL bytes (outside UTF-16) still mean binary data. */
class LegacyDecoder extends Transform {
  private readonly decoder: ReturnType<typeof iconv.getDecoder>;
  private readonly wide: boolean;
  /** Bytes per code unit of a UTF-16 or UTF-32 encoding (a file of another length was cut short), else 1. */
  private readonly unit: number;
  private line = 1;
  private bytes = 0;
  private first = true;

  constructor(
    private readonly file: string,
    encoding: string,
    private readonly tap: TextTap,
  ) {
    super({ readableObjectMode: true, writableHighWaterMark: 4 * 64 * 1024 });
    this.decoder = iconv.getDecoder(encoding);
    this.wide = /^(utf-?16|ucs-?2|utf-?32)/i.test(encoding);
    this.unit = /^utf-?32/i.test(encoding) ? 4 : this.wide ? 2 : 1;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (!this.wide && chunk.includes(0)) {
      const before = chunk.subarray(0, chunk.indexOf(0));
      callback(new InputError(binaryData(this.file, this.line + countLf(before), 'give the survey export saved as CSV')));
      return;
    }
    this.bytes += chunk.length;
    if (!this.wide) this.line += countLf(chunk);
    let text = this.decoder.write(chunk);
    if (this.wide) this.line += countLfText(text);
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const refused = text ? this.tap(text) : undefined;
    if (refused) {
      callback(refused);
      return;
    }
    setImmediate(callback, null, text || undefined);
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes % this.unit !== 0) {
      // iconv-lite drops the odd byte without a word: the file lost the end of its last character, and likely more
      callback(new InputError(`${this.file}:${this.line} ends in the middle of a character (its length is not a whole number of ${this.unit}-byte units); the file was cut short: export the survey again.`));
      return;
    }
    const rest = this.decoder.end();
    const refused = rest ? this.tap(rest) : undefined;
    if (refused) callback(refused);
    else callback(null, rest || undefined);
  }
}

/** Whether every cell is empty or spaces (a loop, not a callback per row: it runs for every row of a large export). */
function blankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i]!.trim() !== '') return false;
  return true;
}

function countLfText(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function countLf(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Opens a survey export through the shared safe reader (regular files only, size
 * limit checked on the open descriptor; see safe-read.ts). The caller closes it.
 */
export function openCsvFile(file: string): OpenedFile {
  return openRegularFile(file, { maxBytes: READ_LIMITS.csv, what: 'survey export (CSV)' });
}

/** Checks that `file` is a readable regular file, with the project's plain sentences. */
export function checkReadableFile(file: string): void {
  openCsvFile(file).close();
}

/**
 * Detects the delimiter from the first rows of the file (the head is read once,
 * separately): papaparse's own guess inside a stream counts a trailing empty
 * line as a row and then misses `;` in short files. Takes a path or a file
 * already opened with openCsvFile (then it reads from the descriptor, at offset 0).
 */
export function detectDelimiter(file: string | OpenedFile, sniffed: CsvSniff = sniffCsv(file)): string {
  if (sniffed.sep !== undefined) return sniffed.sep;
  const guess = Papa.parse<string[]>(sniffed.head, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy', preview: 10 });
  return guess.errors.some((e) => e.code === 'UndetectableDelimiter') ? ',' : guess.meta.delimiter || ',';
}

/**
 * What ends a row: LF, also for a file of CRLF rows (their CR is dropped from the last
 * cell), so that a CRLF export with rows ending in a bare LF (rows added by another
 * program, two exports joined) is read row by row; papaparse, left to guess, splits
 * only at CRLF and then runs such rows together or finds a quote never closed. Only a
 * file whose head ends its rows with a bare CR (old Mac text) is split at CR.
 */
export function rowEnd(head: string, delimiter: string): '\n' | '\r' {
  return Papa.parse<string[]>(head, { delimiter, preview: 1 }).meta.linebreak === '\r' ? '\r' : '\n';
}

/**
 * Streams the rows of a CSV file to `onRow`, one at a time. Handles a BOM, CRLF and LF
 * row ends (also mixed in one file), quoted delimiters and newlines, and detects `,` `;` or tab. Empty lines are
 * skipped. A quote left open (which would swallow the rest of the file) is an
 * InputError naming the line. `onRow` may throw STOP to end early, or any error
 * to abort (it is passed on).
 */
export function streamCsv(file: string, onRow: (row: CsvRow) => void, opts: CsvOptions = {}): Promise<CsvSummary> {
  const opened = openCsvFile(file);
  let delimiter: string;
  let sniffed: CsvSniff;
  try {
    sniffed = sniffCsv(opened, opts.encoding);
    delimiter = opts.delimiter ?? detectDelimiter(opened, sniffed);
  } catch (error) {
    opened.close();
    throw error;
  }
  const sepLine = sniffed.sep !== undefined;
  const encoding = sniffed.encoding;
  const newline = rowEnd(sniffed.head, delimiter);
  return new Promise<CsvSummary>((resolve, reject) => {
    let settled = false;
    let rows = 0;
    let line = 1;
    let failure: unknown;
    const finish = () => {
      if (settled) return;
      settled = true;
      // a file another program cut or wrote while it was read gave rows that are not the file as
      // saved (cut, it ended early without a word): looked at once, on the descriptor still open
      if (failure !== STOP) {
        const changed = changedWhileRead(opened, failure === undefined ? source.bytesRead : undefined);
        if (changed) failure = changed;
      }
      source.destroy(); // closes the descriptor also when reading stopped early
      if (failure !== undefined && failure !== STOP) reject(failure);
      else resolve({ delimiter, rows, encoding, encodingFrom: sniffed.encodingFrom, sepLine });
    };
    // the stream reads the descriptor opened (and checked) above, from its start; finish closes it
    // (not the stream at its end: the size is looked at again once the rows are through)
    const source = createReadStream(file, { fd: opened.fd, start: 0, autoClose: false });
    // UTF-8 (most exports) goes through the strict decoder that names the line of a bad byte;
    // every other encoding through iconv-lite (which also drops a UTF-16 byte-order mark)
    // the text not yet consumed by the parser (from `consumed`, a position in the whole text)
    let unread = '';
    let consumed = 0;
    const tap = (text: string): Error | undefined => {
      unread += text;
      if (unread.length <= MAX_ROW_CHARS) return undefined;
      // `line` is where the first row not yet finished starts, the one that runs on
      return new InputError(
        `${file}:${line} starts a row that runs on for more than ${MAX_ROW_CHARS / 1024 / 1024} MB of text: a quote opened on that row is probably not closed where its cell ends; fix the quoting on that row and try again.`,
      );
    };
    const decoded =
      encoding === 'utf-8' || encoding === 'utf8'
        ? source.pipe(new Utf8Decoder(file, tap))
        : source.pipe(new LegacyDecoder(file, encoding, tap));
    source.on('error', (error: NodeJS.ErrnoException) => {
      failure = new InputError(`${file} cannot be read (${error.code ?? error.message}).`);
      decoded.destroy();
      finish();
    });

    Papa.parse<string[]>(decoded as unknown as NodeJS.ReadableStream as never, {
      delimiter,
      newline,
      skipEmptyLines: false,
      // whole chunks (64 KB of rows) rather than a callback per row: papaparse builds a
      // result object per step, which costs more than the parsing on a 100,000-row export
      chunk(result, parser) {
        if (failure !== undefined) return;
        const data = result.data;
        let quoteRows: Set<number> | undefined;
        for (const e of result.errors) if (e.type === 'Quotes') (quoteRows ??= new Set()).add(e.row ?? data.length - 1);
        // the text these rows were read from: when it holds no line break but the rows' ends, each row is one line
        const taken = result.meta.cursor - consumed;
        const rowPerLine = opts.countEachCell !== true && taken > 0 && taken <= unread.length && onlyRowEnds(unread.slice(0, taken), data.length, result.meta.linebreak);
        if (taken > 0 && taken <= unread.length) {
          unread = unread.slice(taken);
          consumed = result.meta.cursor;
        }
        for (let r = 0; r < data.length; r++) {
          const cells = data[r]!;
          if (newline === '\n') {
            // a CRLF row end: its CR is left at the end of the last cell when that is not quoted
            const last = cells[cells.length - 1]!;
            if (last.charCodeAt(last.length - 1) === 13) cells[cells.length - 1] = last.slice(0, -1);
          }
          const start = line;
          if (!rowPerLine) for (const cell of cells) line += countNewlines(cell);
          line += 1;
          if (quoteRows?.has(r)) {
            failure = new InputError(
              `${file}:${start} has a quote (") that is never closed, so the rest of the file cannot be read; fix the quoting on that row and try again.`,
            );
            parser.abort();
            return;
          }
          // an empty line (or a line of only delimiters) carries no row
          if (blankRow(cells)) continue;
          // Excel's `sep=;` first line names the delimiter; it is not a row
          if (sepLine && start === 1) continue;
          rows++;
          try {
            onRow({ cells, line: start });
          } catch (error) {
            failure = error;
            parser.abort();
            return;
          }
        }
      },
      complete: finish,
      error(error: Error) {
        failure ??= error instanceof InputError ? error : new InputError(`${file} cannot be read as CSV: ${error.message}.`);
        finish();
      },
    });
  });
}
