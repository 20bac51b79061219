// Rows arrive from papaparse a chunk (64 KB) at a time: line numbers and the
// unclosed-quote error must stay right for rows far past the first chunk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { streamCsv } from '../../src/load/csv.js';
import { firstInvalidUtf8, positionOfByte } from '../../src/load/utf8.js';

const dir = mkdtempSync(join(tmpdir(), 'readiness-csv-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// every 7th row holds a cell with a line break, so rows and lines drift apart
const lines = ['a,b'];
for (let i = 0; i < 5000; i++) lines.push(i % 7 === 0 ? `${i},"two\nlines"` : `${i},x`);
const lineOfRow = (i: number) => 2 + i + Math.ceil(i / 7);

describe('streamCsv across chunks', () => {
  it('gives the line a row starts on, thousands of rows in', async () => {
    const file = join(dir, 'good.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const starts = new Map<string, number>();
    const summary = await streamCsv(file, (r) => void starts.set(r.cells[0]!, r.line));
    expect(summary.rows).toBe(5001);
    expect(starts.get('4998')).toBe(lineOfRow(4998));
    expect(starts.get('4999')).toBe(lineOfRow(4999));
  });

  it('names the line of a quote left open deep in the file', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${[...lines.slice(0, 3001), '3000,"open', ...lines.slice(3001)].join('\n')}\n`);
    await expect(streamCsv(file, () => {})).rejects.toThrow(new RegExp(`:${lineOfRow(3000)} has a quote .* never closed`));
  });
});

describe('streamCsv: a byte that is not UTF-8, past the first chunk', () => {
  const K = 64 * 1024;
  const refusal = async (name: string, bytes: Buffer, encoding?: string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return streamCsv(file, () => {}, encoding ? { encoding } : {}).then(
      () => 'read',
      (e: Error) => e.message,
    );
  };

  it('counts the column from the start of its line when the line began in an earlier chunk', async () => {
    // the line starts in the first 64 KB chunk, its bad byte is in the second: the column was 4473 (counted from the chunk)
    const bytes = Buffer.concat([Buffer.from('h1,h2\n1,'), Buffer.from('x'.repeat(70000)), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(await refusal('long-line.csv', bytes)).toMatch(/long-line\.csv:2:70003 has byte 0xFF, which is not valid UTF-8/);
  });

  it('names the bad byte, not a character the chunk boundary cut', async () => {
    // "©" (C2 A9) cut by the boundary, a bad 0xFF later on line 3: the message said ":2:1 has byte 0xA9"
    const head = Buffer.from(`h1,h2\n1,${'y'.repeat(K - 1 - 8)}`);
    const bytes = Buffer.concat([head, Buffer.from('©z\n2,ab'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(bytes[K - 1]).toBe(0xc2);
    expect(await refusal('cut.csv', bytes)).toMatch(/cut\.csv:3:5 has byte 0xFF,/);
  });

  it('gives the line, the column in characters and the byte of the first bad byte, wherever the chunks cut', async () => {
    const pieces = ['a', 'b,c', 'é', '€', '😀', '\n', '\r\n', ',', ' '];
    const bad = [[0xff], [0x80], [0xe2, 0x82, 0x41], [0xc0, 0xaf], [0xed, 0xa0, 0x80]];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 40_000 }),
        fc.integer({ min: 0, max: bad.length - 1 }),
        fc.nat(),
        fc.boolean(),
        async (parts, repeat, which, cut, bom) => {
          const text = Buffer.from(parts.join('').repeat(Math.ceil(repeat / parts.length)));
          // a place on a character boundary, so that the byte put there is the first bad one
          let at = cut % (text.length + 1);
          while (at < text.length && (text[at]! & 0xc0) === 0x80) at++;
          const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from('h\n'), text.subarray(0, at), Buffer.from(bad[which]!), text.subarray(at)]);
          const first = firstInvalidUtf8(bytes);
          const { line, column } = positionOfByte(bytes, first);
          const byte = bytes[first]!.toString(16).toUpperCase().padStart(2, '0');
          expect(await refusal('random.csv', bytes, 'utf-8')).toContain(`random.csv:${line}:${column} has byte 0x${byte},`);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('counts no column for a byte-order mark', async () => {
    expect(await refusal('bom.csv', Buffer.concat([Buffer.from('\ufeffh1,h'), Buffer.from([0xff]), Buffer.from('\n')]))).toMatch(/bom\.csv:1:5 has byte 0xFF/);
    expect(positionOfByte(Buffer.from('\ufeffab'), 5)).toEqual({ line: 1, column: 3 });
    expect(positionOfByte(Buffer.from('ab\ncd'), 4, 7)).toEqual({ line: 2, column: 2 });
    expect(positionOfByte(Buffer.from('ab'), 1, 7)).toEqual({ line: 1, column: 8 });
  });
});
