// streamCsv gives each row the line it starts on. Where the text a chunk of rows was read
// from holds no line break but the rows' ends, it counts one line per row instead of
// counting line breaks cell by cell: for any text (quoted line breaks of every kind, lone
// CRs and LFs in unquoted cells, rows across the 64 KB chunks, a last row without its end)
// the rows, their lines and any error must be those of counting cell by cell.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onlyRowEnds, streamCsv } from '../../src/load/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'readiness-csv-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cell = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'Agree', '12', ''), weight: 6 },
  { arbitrary: fc.constantFrom('"x\ny"', '"x\r\ny"', '"x\ry"', '"q ""quoted"""', '"a,b"'), weight: 2 },
  // unquoted line-break characters that are not the file's newline stay in the cell
  { arbitrary: fc.constantFrom('p\rq', 'p\nq', 'end\r'), weight: 1 },
);

describe('streamCsv line numbers', () => {
  it('are those of counting cell by cell, chunk after chunk', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
        fc.integer({ min: 1, max: 4000 }),
        fc.boolean(),
        async (pattern, newline, repeat, endsWithNewline) => {
          // the rows repeated (so that some files cross chunks), each row numbered in its first cell
          const lines: string[] = [];
          for (let i = 0; i < repeat; i++) for (const cells of pattern) lines.push([`r${lines.length}`, ...cells].join(','));
          // 'mixed': CRLF rows with every third row ending in a bare LF
          const end = (i: number) => (newline === 'mixed' ? (i % 3 === 2 ? '\n' : '\r\n') : newline);
          const text = lines.map((l, i) => (i < lines.length - 1 || endsWithNewline ? l + end(i) : l)).join('');
          const file = join(dir, `t${n++}.csv`);
          writeFileSync(file, text);
          const read = async (countEachCell: boolean) => {
            const rows: { first: string; line: number }[] = [];
            try {
              await streamCsv(file, (r) => void rows.push({ first: r.cells[0]!, line: r.line }), { delimiter: ',', countEachCell });
              return { rows };
            } catch (error) {
              return { rows, error: (error as Error).message };
            }
          };
          expect(await read(false)).toEqual(await read(true));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('counts one line per row only when the text holds nothing but the rows’ ends', () => {
    expect(onlyRowEnds('a\nb\n', 2, '\n')).toBe(true);
    expect(onlyRowEnds('a\r\nb\r\n', 2, '\r\n')).toBe(true);
    expect(onlyRowEnds('a\rb\r', 2, '\r')).toBe(true);
    expect(onlyRowEnds('a\nb', 2, '\n')).toBe(false); // the last row has no end: it might hold a break
    expect(onlyRowEnds('"x\ny"\nb\n', 2, '\n')).toBe(false);
    expect(onlyRowEnds('a\r\n', 1, '\n')).toBe(true); // split at LF, a CR right before it belongs to the row end
    expect(onlyRowEnds('a\r\r\n', 1, '\n')).toBe(false); // a CR in the cell: one line or two
    expect(onlyRowEnds('a\rb\n', 1, '\n')).toBe(false);
    expect(onlyRowEnds('a\n\r\n', 1, '\r\n')).toBe(false);
    expect(onlyRowEnds('', 0, '\n')).toBe(false);
  });
});
