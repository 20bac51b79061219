// Rows arrive from papaparse a chunk (64 KB) at a time: line numbers and the
// unclosed-quote error must stay right for rows far past the first chunk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { streamCsv } from '../../src/load/csv.js';

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
