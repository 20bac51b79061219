// Reading one file in segments (opts.range) must give what one read of the whole file gives:
// the same rows with the same lines, and the same message when the file is refused. A boundary
// inside an unfinished row (a quoted cell holding a line break) is not a place to stop: that
// segment's read goes on to the end of the file.
import { closeSync, fstatSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sniffCsv, streamCsv, type CsvRow, type CsvSummary } from '../../src/load/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'readiness-csv-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(content: string | Uint8Array): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

interface Read {
  rows: CsvRow[];
  error?: string;
}

async function readWhole(file: string): Promise<Read> {
  const rows: CsvRow[] = [];
  try {
    await streamCsv(file, (r) => void rows.push(r));
    return { rows };
  } catch (error) {
    return { rows, error: (error as Error).message };
  }
}

interface Segmented extends Read {
  /** The summary of each segment read, in order. */
  ends: CsvSummary[];
}

/** Reads `file` segment by segment, cut at `bounds`, each segment starting where the previous ended. */
async function readSegments(file: string, bounds: readonly number[]): Promise<Segmented> {
  const fd = openSync(file, 'r');
  const rows: CsvRow[] = [];
  const ends: CsvSummary[] = [];
  try {
    let start = 0;
    let firstLine = 1;
    let firstByteLine = 1;
    let delimiter: string | undefined;
    for (let i = 0; ; i++) {
      const stopAt = bounds[i];
      const summary = await streamCsv(file, (r) => void rows.push(r), { range: { fd, start, stopAt, delimiter, firstLine, firstByteLine } });
      ends.push(summary);
      delimiter ??= summary.delimiter;
      const end = summary.end!;
      if (!end.clean) return { rows, ends };
      start = end.bytes;
      firstLine = end.line;
      firstByteLine = end.byteLine;
    }
  } catch (error) {
    return { rows, ends, error: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}

function lfCount(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) count++;
  return count;
}

/** A generated export: its bytes, and the offsets where a row (or a blank line) starts. */
interface Generated {
  bytes: Buffer;
  rowStarts: Set<number>;
  /** Whether the file holds a fault (an open quote, a NUL byte, an invalid UTF-8 byte). */
  faulty: boolean;
}

const plainCell = fc.constantFrom('', 'a', 'yes', 'no', '42', 'two words', 'é', 'ça va', '漢字', '😀', 'x"y');
const quotedCell = fc
  .array(fc.constantFrom('a', 'b ', ',', ';', '\t', '\n', '\r\n', '\r', '""', 'é', '漢', '😀', '\uFEFF'), { maxLength: 6 })
  .map((parts) => `"${parts.join('')}"`);
const cell = fc.oneof(plainCell, quotedCell);
type Item = { kind: 'row'; cells: string[]; end: string } | { kind: 'blank'; text: string };
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('row' as const), cells: fc.array(cell, { minLength: 1, maxLength: 4 }), end: fc.constantFrom('\n', '\r\n') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blank' as const), text: fc.constantFrom('\n', '\r\n', ',,\n') }) },
);
/** At most one fault per file, before the item of that index. */
const fault = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('open' as const, 'nul' as const, 'bad' as const), at: fc.nat({ max: 60 }) }) },
);

/** `big`: every row gets a long plain cell, so that the file spans several 64 KB chunks. */
function exportOf(big: boolean) {
  return fc
    .record({
      bom: fc.boolean(),
      delimiter: fc.constantFrom(',', ';', '\t'),
      items: fc.array(item, { minLength: big ? 15 : 1, maxLength: big ? 60 : 30 }),
      fault,
      lastEnd: fc.boolean(),
      pad: big ? fc.integer({ min: 5000, max: 12000 }) : fc.constant(0),
    })
    .map(({ bom, delimiter, items, fault, lastEnd, pad }): Generated => {
      const parts: Buffer[] = [];
      const rowStarts = new Set<number>();
      let size = 0;
      const add = (part: Buffer) => {
        parts.push(part);
        size += part.length;
      };
      if (bom) add(Buffer.from('\uFEFF'));
      add(Buffer.from(['q1', 'q2', 'q3'].join(delimiter) + '\n'));
      items.forEach((it, i) => {
        if (fault && fault.at % items.length === i) {
          if (fault.kind === 'open') add(Buffer.from(`x${delimiter}"open\n`));
          else if (fault.kind === 'nul') add(Buffer.from('nul\0here\n'));
          else add(Buffer.concat([Buffer.from('bad'), Buffer.from([0xff]), Buffer.from('byte\n')]));
        }
        rowStarts.add(size);
        if (it.kind === 'blank') add(Buffer.from(it.text.replaceAll(',', delimiter)));
        else {
          const cells = pad > 0 ? [...it.cells, 'p'.repeat(pad)] : it.cells;
          const end = i === items.length - 1 && !lastEnd ? '' : it.end;
          add(Buffer.from(cells.join(delimiter) + end));
        }
      });
      rowStarts.add(size); // a boundary at the end of the file is clean too
      return { bytes: Buffer.concat(parts), rowStarts, faulty: fault !== undefined };
    });
}

/** Boundaries: a few distinct offsets just after an LF, ascending. */
function withBounds(big: boolean) {
  return exportOf(big).chain((generated) => {
    const afterLf: number[] = [];
    for (let i = 0; i < generated.bytes.length; i++) if (generated.bytes[i] === 0x0a) afterLf.push(i + 1);
    const bounds: fc.Arbitrary<number[]> = afterLf.length === 0 ? fc.constant([]) : fc.uniqueArray(fc.constantFrom(...afterLf), { maxLength: 5 }).map((b) => [...b].sort((x, y) => x - y));
    return fc.tuple(fc.constant(generated), bounds);
  });
}

async function checkSegments([generated, bounds]: [Generated, number[]]): Promise<void> {
  const file = write(generated.bytes);
  const whole = await readWhole(file);
  if (sniffCsv(file).encoding !== 'utf-8') {
    // a head that is not UTF-8 (a bad byte, NUL bytes taken for UTF-16): only read whole, never in segments
    await expect(readSegments(file, bounds)).resolves.toMatchObject({ error: expect.stringMatching(/can only be read in UTF-8/) });
    return;
  }
  const segmented = await readSegments(file, bounds);
  expect(segmented.error).toBe(whole.error);
  if (whole.error !== undefined) return;
  expect(segmented.rows).toEqual(whole.rows);
  expect(segmented.ends.reduce((sum, s) => sum + s.rows, 0)).toBe(whole.rows.length);
  const last = segmented.ends[segmented.ends.length - 1]!.end!;
  expect(last.clean).toBe(false);
  expect(last.bytes).toBe(generated.bytes.length);
  expect(last.byteLine).toBe(1 + lfCount(generated.bytes, generated.bytes.length));
  segmented.ends.forEach((s, i) => {
    const end = s.end!;
    if (end.clean) {
      expect(end.bytes).toBe(bounds[i]);
      expect(end.byteLine).toBe(1 + lfCount(generated.bytes, end.bytes));
    }
    // without a fault, a boundary is clean exactly where a row starts
    if (!generated.faulty && i < bounds.length) expect(end.clean).toBe(generated.rowStarts.has(bounds[i]!));
  });
}

describe('streamCsv in segments (opts.range)', () => {
  it('gives the rows, lines and errors of one read of the whole file, for any cut at LFs', async () => {
    await fc.assert(fc.asyncProperty(withBounds(false), checkSegments), { numRuns: 300, seed: 16 });
  });

  it('does so for files of several 64 KB chunks', async () => {
    await fc.assert(fc.asyncProperty(withBounds(true), checkSegments), { numRuns: 40, seed: 1616 });
  });

  it('reads on to the end when a boundary falls inside a quoted cell that holds a line break', async () => {
    const text = 'q1,q2\n1,"first\nsecond"\n2,x\n3,y\n';
    const file = write(text);
    const inside = Buffer.byteLength('q1,q2\n1,"first\n');
    const fd = openSync(file, 'r');
    try {
      const rows: CsvRow[] = [];
      const summary = await streamCsv(file, (r) => void rows.push(r), { range: { fd, start: 0, stopAt: inside } });
      expect(summary.end).toEqual({ clean: false, line: 6, byteLine: 6, bytes: Buffer.byteLength(text) });
      expect(rows).toEqual((await readWhole(file)).rows);
      // a boundary where a row starts is clean: reading stops there
      const rowStart = Buffer.byteLength('q1,q2\n1,"first\nsecond"\n');
      const first = await streamCsv(file, () => {}, { range: { fd, start: 0, stopAt: rowStart } });
      expect(first.end).toEqual({ clean: true, line: 4, byteLine: 4, bytes: rowStart });
      expect(first.rows).toBe(2);
      // the descriptor is the caller's: still open
      expect(fstatSync(fd).size).toBe(Buffer.byteLength(text));
    } finally {
      closeSync(fd);
    }
  });

  it('keeps the BOM of a second export joined with cat in its first cell, and its sep= line as a row', async () => {
    const a = '\uFEFFq1,q2\n1,2\n';
    const b = '\uFEFFq1,q2\n3,4\n';
    for (const joined of [a + b, `sep=,\n${a.slice(1)}sep=,\n${b.slice(1)}`]) {
      const file = write(joined);
      const cut = Buffer.byteLength(joined.slice(0, joined.indexOf('\n', joined.indexOf('1,2')) + 1));
      const whole = await readWhole(file);
      const segmented = await readSegments(file, [cut]);
      expect(segmented.ends.map((s) => s.end!.clean)).toEqual([true, false]);
      expect(segmented.rows).toEqual(whole.rows);
      expect(segmented.rows.some((r) => r.cells[0] === '\uFEFFq1' || r.cells[0] === 'sep=')).toBe(true);
    }
  });

  it('gives the message of a read from 0 when the file is refused past the first 64 KB, and in its order', async () => {
    // a bad byte on a line that crosses the 64 KB mark: its column is counted from the start of
    // the chunk read, so the segment must be read in the chunks a read from 0 has
    const long = Buffer.concat([Buffer.from('\uFEFFq1,q2\n1,2\nx,' + 'y'.repeat(70_000)), Buffer.from([0xff]), Buffer.from('z\n3,4\n')]);
    // a row with a stray quote before the boundary, a bad byte after it in the same chunk: a
    // read from 0 refuses the chunk's bytes before it parses any of its rows
    const order = Buffer.concat([Buffer.from('\uFEFFq1,q2\n"ab"c",x\n1,2\n'), Buffer.from([0xff]), Buffer.from('\n')]);
    for (const [bytes, cut, where] of [
      [long, Buffer.byteLength('\uFEFFq1,q2\n1,2\n'), /:3:\d+ has byte 0xFF/],
      [order, Buffer.byteLength('\uFEFFq1,q2\n"ab"c",x\n'), /:4:1 has byte 0xFF/],
    ] as const) {
      const file = write(bytes);
      const whole = await readWhole(file);
      expect(whole.error).toMatch(where);
      expect((await readSegments(file, [cut])).error).toBe(whole.error);
    }
  });

  it('refuses a range it cannot read as the read from 0 would, with a plain Error', async () => {
    const file = write('a,b\n1,2\n');
    const latin = write(Buffer.from('a,b\n\xe9,2\n\xe9,3\n', 'latin1'));
    const fd = openSync(file, 'r');
    const latinFd = openSync(latin, 'r');
    try {
      const refuse = (run: () => unknown, message: RegExp) => {
        expect(run).toThrow(message);
        try {
          run();
        } catch (error) {
          expect((error as Error).constructor).toBe(Error);
        }
      };
      refuse(() => streamCsv(file, () => {}, { range: { fd, start: 2, delimiter: ',' } }), /not just after an LF/);
      refuse(() => streamCsv(file, () => {}, { range: { fd, start: 0, stopAt: 6 } }), /stopAt \(6\) is not just after an LF/);
      refuse(() => streamCsv(file, () => {}, { range: { fd, start: 4 } }), /one-character delimiter/);
      refuse(() => streamCsv(file, () => {}, { range: { fd, start: 4, delimiter: ',', newline: '\r' } }), /LF row ends/);
      refuse(() => streamCsv(file, () => {}, { encoding: 'windows-1252', range: { fd, start: 4, delimiter: ',' } }), /only be read as UTF-8/);
      refuse(() => streamCsv(latin, () => {}, { range: { fd: latinFd, start: 0, stopAt: 4 } }), /windows-1252/);
    } finally {
      closeSync(fd);
      closeSync(latinFd);
    }
  });
});
