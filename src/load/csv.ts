// A thin streaming wrapper over papaparse: rows arrive one at a time with the
// line they start on, so memory does not grow with the size of the file.
// papaparse was chosen after bench/csv-trial.mjs: on 100,000 generated rows its
// streaming parse took about 2x the time of reading lines with readline, and
// csv-parse about 5x (see the issue note for the figures).
import { createReadStream, read, readSync } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { openRegularFile, READ_LIMITS, type OpenedFile } from './safe-read.js';
import { firstInvalidUtf8, positionOfByte, Utf8Chunks } from './utf8.js';

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
  /** Where reading ended, when a range was given (see CsvRange). */
  end?: CsvRangeEnd;
}

/**
 * A part of one file to read, for reading a large export in segments (one reader per
 * segment, possibly in different threads, rows then taken in file order). Only UTF-8 text
 * with LF row ends (CRLF included) can be read in segments.
 */
export interface CsvRange {
  /** An open descriptor of `file` (already checked as a regular file by the caller); streamCsv neither opens nor closes it. */
  fd: number;
  /** Byte offset where reading starts: 0, or a row start just after an LF. */
  start: number;
  /**
   * A planned boundary (a byte offset just after an LF, > start): if the parser has taken every
   * character up to it (no row left unfinished there), reading stops at it; otherwise reading
   * goes on to the end of the file. A boundary past the end of the file is never reached.
   */
  stopAt?: number;
  /**
   * For start > 0 (nothing is sniffed there): the delimiter the read from 0 decided (one
   * character; CsvOptions.delimiter is taken when this is absent). At 0 it forces the delimiter.
   */
  delimiter?: string;
  /** For start > 0: the row end the read from 0 decided; only '\n' is supported (the default). */
  newline?: '\n' | '\r';
  /** The line number the first row at `start` has, as the row counter of the read from 0 would have it (default 1). */
  firstLine?: number;
  /** The line the UTF-8 decoder's messages count from at `start`: 1 + LF bytes before start (default 1). */
  firstByteLine?: number;
}

/** Where a read of a CsvRange ended. */
export interface CsvRangeEnd {
  /** Reading stopped at stopAt with no row unfinished there (false: it went on to the end of the file). */
  clean: boolean;
  /** The row counter after the last row: the line a row starting next starts on (the next segment's firstLine). */
  line: number;
  /** The decoder's line counter (LF bytes counted) there: the next segment's firstByteLine. */
  byteLine: number;
  /**
   * Byte offset where reading ended: stopAt when clean, else the end of the file (when onRow
   * threw STOP: where decoding stood, read ahead of the rows; not a place to go on from).
   */
  bytes: number;
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
  /** Read only a part of the file, from a descriptor the caller holds (see CsvRange). */
  range?: CsvRange;
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
export function sniffCsv(file: string | Pick<OpenedFile, 'fd'>, forcedEncoding?: string): CsvSniff {
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
    if (typeof file === 'string') (opened as OpenedFile).close();
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

/** A boundary the UTF-8 decoder may stop at, and how it learns whether the parser got there. */
interface StopPlan {
  /** Byte offset from the start of the file, just after an LF. */
  at: number;
  /**
   * Called when the text up to `at` has been handed on as the end of a piece, with the length
   * of the text decoded after it (the rest of the same chunk, held back); `answer` is then
   * called once, with whether the parser took every character of that piece.
   */
  ask(restChars: number, answer: (clean: boolean) => void): void;
}

/** Where the UTF-8 decoder starts: a byte offset just after an LF, and the line there. */
interface DecodeFrom {
  start: number;
  line: number;
  stop?: StopPlan;
}

/**
 * Strict UTF-8 decoding as a stream: refuses binary content (NUL bytes) and
 * invalid sequences with a sentence naming the line, and drops a leading BOM
 * (only at the start of the file: further in, U+FEFF is text).
 */
class Utf8Decoder extends Transform {
  private readonly decoder: Utf8Chunks;
  private line: number;
  /** Offset in the file of the next byte (counted from 0, also when reading starts later). */
  private bytes: number;
  private stop: StopPlan | undefined;
  /** Set when reading stopped at the boundary: later chunks (read ahead) are dropped. */
  private stopped: { bytes: number; line: number } | undefined;

  constructor(
    private readonly file: string,
    private readonly tap: TextTap,
    /** A file that grows past the limit while it is read is refused too. */
    private readonly maxBytes = READ_LIMITS.csv,
    from: DecodeFrom = { start: 0, line: 1 },
  ) {
    // room for a few chunks read ahead while the previous one is parsed (see _transform)
    super({ readableObjectMode: true, writableHighWaterMark: 4 * 64 * 1024 });
    this.decoder = new Utf8Chunks(from.start > 0);
    this.line = from.line;
    this.bytes = from.start;
    this.stop = from.stop;
  }

  /** Where decoding ended (or stands): the byte offset, the line there, and whether it stopped at the boundary. */
  position(): { bytes: number; line: number; stopped: boolean } {
    return this.stopped ? { ...this.stopped, stopped: true } : { bytes: this.bytes, line: this.line, stopped: false };
  }

  private fail(callback: TransformCallback, chunk: Buffer): void {
    // the first bad byte of this chunk, by line and column (a character cut by
    // the chunk boundary decodes fine, so the bad byte is in this chunk)
    const at = Math.min(firstInvalidUtf8(chunk), chunk.length - 1);
    const { line, column } = positionOfByte(chunk, at);
    const byte = chunk[at]!.toString(16).toUpperCase().padStart(2, '0');
    callback(
      new InputError(
        `${this.file}:${this.line + line - 1}:${column} has byte 0x${byte}, which is not valid UTF-8 text though the start of the file is; save the survey as "CSV UTF-8", or name its encoding with --encoding (e.g. windows-1252).`,
      ),
    );
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (this.stopped) {
      callback();
      return;
    }
    const from = this.bytes;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new InputError(`${this.file} grew past ${this.maxBytes / 1024 / 1024} MB while it was read; give a finished, saved survey export.`));
      return;
    }
    if (chunk.includes(0)) {
      const before = chunk.subarray(0, chunk.indexOf(0));
      callback(
        new InputError(
          `${this.file}:${this.line + countLf(before)} contains binary data, not CSV text; give the survey export saved as CSV (UTF-8).`,
        ),
      );
      return;
    }
    const text = this.decoder.push(chunk);
    if (text === undefined) {
      this.fail(callback, chunk);
      return;
    }
    // the whole chunk is checked and tapped before any of it is parsed, also when it holds the
    // boundary: errors then come in the order, and with the text, of a read from 0
    const stop = this.stop;
    const cut = stop && from < stop.at && stop.at <= this.bytes && chunk[stop.at - from - 1] === 0x0a ? stop.at - from : 0;
    const lfsBeforeCut = cut > 0 ? countLf(chunk.subarray(0, cut)) : 0;
    const lineAtCut = this.line + lfsBeforeCut;
    this.line += countLf(chunk);
    const refused = text ? this.tap(text) : undefined;
    if (refused) {
      callback(refused);
      return;
    }
    if (!stop || cut === 0) {
      // hand the text on after the next file read has been requested: parsing then overlaps the disk
      setImmediate(callback, null, text);
      return;
    }
    // the text up to the boundary ends at the chunk's n-th '\n' (an LF byte is one '\n'; the
    // bytes of a character cut by either end of the chunk hold none)
    let end = -1;
    for (let n = lfsBeforeCut; n > 0; n--) end = text.indexOf('\n', end + 1);
    const rest = text.slice(end + 1);
    this.stop = undefined;
    this.push(text.slice(0, end + 1));
    // the rest of the chunk waits for the parser's verdict on that piece
    stop.ask(rest.length, (clean) => {
      if (!clean) {
        callback(null, rest || undefined);
        return;
      }
      this.stopped = { bytes: stop.at, line: lineAtCut };
      this.push(null);
      callback();
    });
  }

  override _flush(callback: TransformCallback): void {
    if (this.stopped || this.decoder.end()) callback();
    else callback(new InputError(`${this.file}:${this.line} ends in the middle of a character; save the file as UTF-8 and try again.`));
  }
}

/** Any other encoding, through iconv-lite; NUL bytes (outside UTF-16) still mean binary data. */
class LegacyDecoder extends Transform {
  private readonly decoder: ReturnType<typeof iconv.getDecoder>;
  private readonly wide: boolean;
  private line = 1;
  private first = true;

  constructor(
    private readonly file: string,
    encoding: string,
    private readonly tap: TextTap,
  ) {
    super({ readableObjectMode: true, writableHighWaterMark: 4 * 64 * 1024 });
    this.decoder = iconv.getDecoder(encoding);
    this.wide = /^(utf-?16|ucs-?2|utf-?32)/i.test(encoding);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (!this.wide && chunk.includes(0)) {
      const before = chunk.subarray(0, chunk.indexOf(0));
      callback(new InputError(`${this.file}:${this.line + countLf(before)} contains binary data, not CSV text; give the survey export saved as CSV.`));
      return;
    }
    if (!this.wide) this.line += countLf(chunk);
    let text = this.decoder.write(chunk);
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
    const rest = this.decoder.end();
    const refused = rest ? this.tap(rest) : undefined;
    if (refused) callback(refused);
    else callback(null, rest || undefined);
  }
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a descriptor the caller holds from `start` to the end of the file, in chunks cut where
 * createReadStream cuts the file read from 0 (every 64 KB: the first chunk ends at the next
 * multiple), so that the checks made chunk by chunk see what a read from 0 sees. Never closes
 * the descriptor; its 'close' comes only once no read of its own is in flight on it.
 */
class RangeReader extends Readable {
  private position: number;
  private reading = false;
  private onIdle: (() => void) | undefined;

  constructor(
    private readonly fd: number,
    start: number,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
    this.position = start;
  }

  override _read(): void {
    const size = CHUNK_BYTES - (this.position % CHUNK_BYTES);
    const buffer = Buffer.allocUnsafe(size);
    this.reading = true;
    read(this.fd, buffer, 0, size, this.position, (error, n) => {
      this.reading = false;
      if (this.onIdle) {
        this.onIdle();
        return;
      }
      if (error) {
        this.destroy(error);
        return;
      }
      this.position += n;
      this.push(n === 0 ? null : n < size ? buffer.subarray(0, n) : buffer);
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.reading) this.onIdle = () => callback(error);
    else callback(error);
  }
}

/** Whether every cell is empty or spaces (a loop, not a callback per row: it runs for every row of a large export). */
function blankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i]!.trim() !== '') return false;
  return true;
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
export function detectDelimiter(file: string | Pick<OpenedFile, 'fd'>, sniffed: CsvSniff = sniffCsv(file)): string {
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

/** The byte at `offset` of `fd`, or undefined past the end. */
function byteAt(fd: number, offset: number): number | undefined {
  const one = Buffer.alloc(1);
  return readSync(fd, one, 0, 1, offset) === 1 ? one[0] : undefined;
}

const isUtf8Name = (encoding: string | undefined) => /^utf-?8$/i.test(encoding ?? 'utf-8');

/**
 * Refuses a range streamCsv cannot read as its reader from 0 would (a programming error,
 * hence a plain Error): a start or boundary not just after an LF, or a later segment without
 * a one-character delimiter, or of text other than UTF-8 split at LF.
 */
function checkRange(range: CsvRange, opts: CsvOptions): void {
  const { start, stopAt } = range;
  if (!Number.isSafeInteger(start) || start < 0) throw new Error(`CsvRange.start must be a byte offset, not ${start}`);
  if (stopAt !== undefined && (!Number.isSafeInteger(stopAt) || stopAt <= start)) throw new Error(`CsvRange.stopAt must be a byte offset after start (${start}), not ${stopAt}`);
  for (const key of ['firstLine', 'firstByteLine'] as const) {
    const value = range[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw new Error(`CsvRange.${key} must be a line number, not ${value}`);
  }
  if (start > 0) {
    const delimiter = range.delimiter ?? opts.delimiter;
    if (delimiter === undefined || delimiter.length !== 1) throw new Error('a CsvRange that starts after 0 needs the one-character delimiter the read from 0 decided');
    if ((range.newline ?? '\n') !== '\n') throw new Error('a CsvRange that starts after 0 can only be read with LF row ends');
    if (!isUtf8Name(opts.encoding)) throw new Error(`a CsvRange that starts after 0 can only be read as UTF-8, not ${opts.encoding}`);
    if (byteAt(range.fd, start - 1) !== 0x0a) throw new Error(`CsvRange.start (${start}) is not just after an LF`);
  }
  // past the end of the file, a boundary is never reached (reading goes to the end)
  if (stopAt !== undefined && (byteAt(range.fd, stopAt - 1) ?? 0x0a) !== 0x0a) throw new Error(`CsvRange.stopAt (${stopAt}) is not just after an LF`);
}

/**
 * Streams the rows of a CSV file to `onRow`, one at a time. Handles a BOM, CRLF and LF
 * row ends (also mixed in one file), quoted delimiters and newlines, and detects `,` `;` or tab. Empty lines are
 * skipped. A quote left open (which would swallow the rest of the file) is an
 * InputError naming the line. `onRow` may throw STOP to end early, or any error
 * to abort (it is passed on).
 *
 * With `opts.range`, only a part of the file is read, from the caller's descriptor (see
 * CsvRange): rows and messages carry the lines a read of the whole file gives, and the
 * summary's `end` tells where reading ended (a segment after 0 reports encoding 'utf-8' from
 * 'option', and no `sep=` line). The promise settles only once no read is in flight on the
 * descriptor. A range streamCsv cannot read so (see checkRange; at 0, a file not UTF-8 or
 * split at CR) throws a plain Error, synchronously.
 */
export function streamCsv(file: string, onRow: (row: CsvRow) => void, opts: CsvOptions = {}): Promise<CsvSummary> {
  const range = opts.range;
  if (range) checkRange(range, opts);
  // a range's descriptor is the caller's to close
  const opened = range ? { fd: range.fd, close: () => {} } : openCsvFile(file);
  let delimiter: string;
  let sniffed: CsvSniff;
  try {
    // after 0 nothing is sniffed: a U+FEFF or a `sep=` line there is text (two exports joined)
    sniffed = range && range.start > 0 ? { encoding: 'utf-8', encodingFrom: 'option', head: '' } : sniffCsv(opened, opts.encoding);
    delimiter = range?.delimiter ?? opts.delimiter ?? detectDelimiter(opened, sniffed);
  } catch (error) {
    opened.close();
    throw error;
  }
  const sepLine = sniffed.sep !== undefined;
  const encoding = sniffed.encoding;
  const newline = range && range.start > 0 ? '\n' : rowEnd(sniffed.head, delimiter);
  if (range && (!isUtf8Name(encoding) || newline !== '\n')) {
    throw new Error(`a CsvRange can only be read in UTF-8 text split at LF; ${file} is ${encoding}, split at ${JSON.stringify(newline)}`);
  }
  return new Promise<CsvSummary>((resolve, reject) => {
    let settled = false;
    let rows = 0;
    let line = range?.firstLine ?? 1;
    let failure: unknown;
    const summary = (): CsvSummary => {
      const result: CsvSummary = { delimiter, rows, encoding, encodingFrom: sniffed.encodingFrom, sepLine };
      if (range) {
        const at = (decoded as Utf8Decoder).position();
        result.end = { clean: at.stopped, line, byteLine: at.line, bytes: at.bytes };
      }
      return result;
    };
    const settle = () => {
      if (failure !== undefined && failure !== STOP) reject(failure);
      else resolve(summary());
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      source.destroy(); // closes the descriptor also when reading stopped early (not a range's)
      // a range's descriptor is the caller's: no read may be in flight on it once the caller goes on
      if (range && !source.closed) source.once('close', settle);
      else settle();
    };
    // the stream reads the descriptor opened (and checked) above, from its start; it closes it
    const source = range ? new RangeReader(range.fd, range.start) : createReadStream(file, { fd: opened.fd, start: 0, autoClose: true });
    // UTF-8 (most exports) goes through the strict decoder that names the line of a bad byte;
    // every other encoding through iconv-lite (which also drops a UTF-16 byte-order mark)
    // the text not yet consumed by the parser (from `consumed`, a position in the whole text)
    let unread = '';
    let consumed = 0;
    // characters decoded, and characters the parser has been handed and has parsed (with a boundary)
    let tapped = 0;
    let parsed = 0;
    let verdict: { at: number; rest: number; answer: (clean: boolean) => void } | undefined;
    const giveVerdict = () => {
      if (verdict === undefined || parsed < verdict.at || failure !== undefined) return;
      const { rest, answer } = verdict;
      verdict = undefined;
      // what the parser has not taken, from its cursor on, is then only the chunk's rest held back;
      // answered on a later turn, not inside the stream's 'data' event
      setImmediate(answer, unread.length === rest);
    };
    const stop: StopPlan | undefined =
      range?.stopAt === undefined
        ? undefined
        : {
            at: range.stopAt,
            ask(rest, answer) {
              verdict = { at: tapped - rest, rest, answer };
              giveVerdict();
            },
          };
    const tap = (text: string): Error | undefined => {
      unread += text;
      tapped += text.length;
      if (unread.length <= MAX_ROW_CHARS) return undefined;
      // `line` is where the first row not yet finished starts, the one that runs on
      return new InputError(
        `${file}:${line} starts a row that runs on for more than ${MAX_ROW_CHARS / 1024 / 1024} MB of text: a quote opened on that row is probably not closed where its cell ends; fix the quoting on that row and try again.`,
      );
    };
    const decoded = range
      ? source.pipe(new Utf8Decoder(file, tap, undefined, { start: range.start, line: range.firstByteLine ?? 1, stop }))
      : encoding === 'utf-8' || encoding === 'utf8'
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
    // Papa.parse has put its own 'data' listener on the stream; this one runs after it, when
    // papaparse has parsed the piece (synchronously: its chunk callback above has moved the cursor)
    if (stop) decoded.on('data', (text: string) => {
      parsed += text.length;
      giveVerdict();
    });
  });
}
