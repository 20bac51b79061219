// A thin streaming wrapper over papaparse: rows arrive one at a time with the
// line they start on, so memory does not grow with the size of the file.
// papaparse was chosen after bench/csv-trial.mjs: on 100,000 generated rows its
// streaming parse took about 2x the time of reading lines with readline, and
// csv-parse about 5x (see the issue note for the figures).
import { createReadStream, readSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { openRegularFile, READ_LIMITS, type OpenedFile } from './safe-read.js';

export interface CsvRow {
  /** The cells as written, quotes removed. */
  cells: string[];
  /** 1-based line of the file on which the row starts. */
  line: number;
}

export interface CsvSummary {
  /** The delimiter used: given, or detected from the start of the file. */
  delimiter: string;
  /** Rows delivered (empty lines are skipped and not counted). */
  rows: number;
}

export interface CsvOptions {
  /** Force a delimiter instead of detecting one of , ; and tab. */
  delimiter?: string;
}

/** Thrown by an onRow callback to stop reading early without an error. */
export const STOP = Symbol('stop reading');

const NEWLINES = /\r\n|\r|\n/g;

function countNewlines(text: string): number {
  if (!text.includes('\n') && !text.includes('\r')) return 0;
  return text.match(NEWLINES)?.length ?? 0;
}

/**
 * Strict UTF-8 decoding as a stream: refuses binary content (NUL bytes) and
 * invalid sequences with a sentence naming the line, and drops a leading BOM.
 */
class Utf8Decoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private line = 1;
  private bytes = 0;

  constructor(
    private readonly file: string,
    /** A file that grows past the limit while it is read is refused too. */
    private readonly maxBytes = READ_LIMITS.csv,
  ) {
    // room for a few chunks read ahead while the previous one is parsed (see _transform)
    super({ readableObjectMode: true, writableHighWaterMark: 4 * 64 * 1024 });
  }

  private fail(callback: TransformCallback, chunk: Buffer): void {
    // find the line of the first bad byte within this chunk, approximately enough for a human
    callback(
      new InputError(
        `${this.file}:${this.line + countUpTo(chunk)} is not valid UTF-8 text; export or save the survey as "CSV UTF-8" and try again.`,
      ),
    );
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
          `${this.file}:${this.line + countLf(before)} contains binary data, not CSV text; give the survey export saved as CSV (UTF-8).`,
        ),
      );
      return;
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      this.fail(callback, chunk);
      return;
    }
    this.line += countLf(chunk);
    // hand the text on after the next file read has been requested: parsing then overlaps the disk
    setImmediate(callback, null, text);
  }

  override _flush(callback: TransformCallback): void {
    try {
      const rest = this.decoder.decode();
      callback(null, rest || undefined);
    } catch {
      callback(new InputError(`${this.file}:${this.line} ends in the middle of a character; save the file as UTF-8 and try again.`));
    }
  }
}

function countLf(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Lines before the first byte that does not decode, within one chunk. */
function countUpTo(chunk: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  let start = 0;
  for (let i = 0; i <= chunk.length; i++) {
    if (i === chunk.length || chunk[i] === 0x0a) {
      try {
        decoder.decode(chunk.subarray(start, i), { stream: true });
      } catch {
        return lines;
      }
      lines++;
      start = i + 1;
    }
  }
  return lines;
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
export function detectDelimiter(file: string | OpenedFile): string {
  const opened = typeof file === 'string' ? openCsvFile(file) : file;
  try {
    const head = Buffer.alloc(64 * 1024);
    const size = readSync(opened.fd, head, 0, head.length, 0);
    const text = new TextDecoder('utf-8').decode(head.subarray(0, size));
    const guess = Papa.parse<string[]>(text, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy', preview: 10 });
    return guess.errors.some((e) => e.code === 'UndetectableDelimiter') ? ',' : guess.meta.delimiter || ',';
  } finally {
    if (typeof file === 'string') opened.close();
  }
}

/**
 * Streams the rows of a CSV file to `onRow`, one at a time. Handles a BOM, CRLF,
 * quoted delimiters and newlines, and detects `,` `;` or tab. Empty lines are
 * skipped. A quote left open (which would swallow the rest of the file) is an
 * InputError naming the line. `onRow` may throw STOP to end early, or any error
 * to abort (it is passed on).
 */
export function streamCsv(file: string, onRow: (row: CsvRow) => void, opts: CsvOptions = {}): Promise<CsvSummary> {
  const opened = openCsvFile(file);
  let delimiter: string;
  try {
    delimiter = opts.delimiter ?? detectDelimiter(opened);
  } catch (error) {
    opened.close();
    throw error;
  }
  return new Promise<CsvSummary>((resolve, reject) => {
    let settled = false;
    let rows = 0;
    let line = 1;
    let failure: unknown;
    const finish = () => {
      if (settled) return;
      settled = true;
      source.destroy(); // closes the descriptor also when reading stopped early
      if (failure !== undefined && failure !== STOP) reject(failure);
      else resolve({ delimiter, rows });
    };
    // the stream reads the descriptor opened (and checked) above, from its start; it closes it
    const source = createReadStream(file, { fd: opened.fd, start: 0, autoClose: true });
    const decoded = source.pipe(new Utf8Decoder(file));
    source.on('error', (error: NodeJS.ErrnoException) => {
      failure = new InputError(`${file} cannot be read (${error.code ?? error.message}).`);
      decoded.destroy();
      finish();
    });

    Papa.parse<string[]>(decoded as unknown as NodeJS.ReadableStream as never, {
      delimiter,
      skipEmptyLines: false,
      // whole chunks (64 KB of rows) rather than a callback per row: papaparse builds a
      // result object per step, which costs more than the parsing on a 100,000-row export
      chunk(result, parser) {
        if (failure !== undefined) return;
        const data = result.data;
        let quoteRows: Set<number> | undefined;
        for (const e of result.errors) if (e.type === 'Quotes') (quoteRows ??= new Set()).add(e.row ?? data.length - 1);
        for (let r = 0; r < data.length; r++) {
          const cells = data[r]!;
          const start = line;
          for (const cell of cells) line += countNewlines(cell);
          line += 1;
          if (quoteRows?.has(r)) {
            failure = new InputError(
              `${file}:${start} has a quote (") that is never closed, so the rest of the file cannot be read; fix the quoting on that row and try again.`,
            );
            parser.abort();
            return;
          }
          // an empty line (or a line of only delimiters) carries no row
          if (cells.every((c) => c.trim() === '')) continue;
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
