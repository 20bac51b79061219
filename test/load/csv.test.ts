import { appendFileSync, mkdtempSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ROW_CHARS, STOP, streamCsv, type CsvRow } from '../../src/load/csv.js';
import { InputError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
let n = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}
async function rows(path: string): Promise<{ rows: CsvRow[]; delimiter: string }> {
  const out: CsvRow[] = [];
  const { delimiter } = await streamCsv(path, (r) => void out.push(r));
  return { rows: out, delimiter };
}

describe('streamCsv', () => {
  it('drops a BOM, reads CRLF, and keeps quoted commas, quotes and newlines in one cell', async () => {
    const { rows: got } = await rows(file('\uFEFFname,comment\r\n"a","x, ""y""\r\nz"\r\nb,plain\r\n'));
    expect(got.map((r) => r.cells)).toEqual([['name', 'comment'], ['a', 'x, "y"\r\nz'], ['b', 'plain']]);
  });

  it('reports the line each row starts on, counting quoted newlines and skipped empty lines', async () => {
    const { rows: got } = await rows(file('h1,h2\n"multi\nline",1\n\n,\nlast,2\n\n\n'));
    expect(got.map((r) => [r.cells[0], r.line])).toEqual([['h1', 1], ['multi\nline', 2], ['last', 6]]);
  });

  it('detects ; and tab delimiters even when cells contain commas', async () => {
    const semi = await rows(file('a;b\n"1,5";x, y\n'));
    expect(semi.delimiter).toBe(';');
    expect(semi.rows[1]!.cells).toEqual(['1,5', 'x, y']);
    const tab = await rows(file('a\tb\n1\t2\n'));
    expect(tab.delimiter).toBe('\t');
  });

  it('reads text that is not UTF-8 as windows-1252, and refuses a bad byte after a valid UTF-8 start, with its line', async () => {
    expect((await rows(file(Buffer.from('a,b\n1,2\n3,\xe9t\xe9\n', 'latin1')))).rows.map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2'], ['3', 'été']]);
    const late = Buffer.concat([Buffer.from('a,b\n'), Buffer.from('1,2\n'.repeat(30000)), Buffer.from('3,\xe9\n', 'latin1')]);
    await expect(rows(file(late))).rejects.toThrow(/:30002:\d+ has byte 0x[0-9A-F]{2}, which is not valid UTF-8 text though the start of the file is.*--encoding/);
  });

  it('reads a CRLF export whose later rows end in a bare LF row by row (rows appended by another program)', async () => {
    // papaparse, left to guess, split at CRLF only: a quoted last cell before a bare LF was "a quote never
    // closed" (the whole file refused), an unquoted one ran two rows together (set aside)
    const quoted = await rows(file('"h1","h2"\r\n"a","x\ny"\r\n"b","1"\n"c","2"\r\n"d","3"\n'));
    expect(quoted.rows.map((r) => [r.line, ...r.cells])).toEqual([[1, 'h1', 'h2'], [2, 'a', 'x\ny'], [4, 'b', '1'], [5, 'c', '2'], [6, 'd', '3']]);
    const plain = await rows(file('h1,h2\r\na,1\nb,2\r\nc,\r\n'));
    expect(plain.rows.map((r) => [r.line, ...r.cells])).toEqual([[1, 'h1', 'h2'], [2, 'a', '1'], [3, 'b', '2'], [4, 'c', '']]);
    // a quoted CRLF inside a cell is kept as it is; old Mac text (CR only) is still split at CR
    expect((await rows(file('h\r\n"p\r\nq"\r\n'))).rows.map((r) => r.cells)).toEqual([['h'], ['p\r\nq']]);
    expect((await rows(file('h1,h2\ra,1\rb,2\r'))).rows.map((r) => [r.line, ...r.cells])).toEqual([[1, 'h1', 'h2'], [2, 'a', '1'], [3, 'b', '2']]);
  });

  it('refuses a UTF-16 file cut in the middle of a character, naming its last line (the odd byte was dropped without a word)', async () => {
    const whole = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Role\tComment\nStaff\tHello\n', 'utf16le')]);
    expect((await rows(file(whole))).rows.map((r) => r.cells)).toEqual([['Role', 'Comment'], ['Staff', 'Hello']]);
    await expect(rows(file(Buffer.concat([whole, Buffer.from([0x41])])))).rejects.toThrow(/f\d+\.csv:3 ends in the middle of a character \(its length is not a whole number of 2-byte units\); the file was cut short/);
    await expect(rows(file(whole.subarray(0, whole.length - 3)))).rejects.toThrow(/:2 ends in the middle of a character/);
  });

  it('refuses binary content', async () => {
    await expect(rows(file(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).rejects.toThrow(/binary data, not CSV/);
  });

  it('says what to do with a binary spreadsheet it cannot read (an .xls given by hand), and still reads a text export named .xls', async () => {
    const xls = join(dir, 'managers.XLS');
    // the start of an OLE2 compound file, which an Excel 97-2003 workbook is
    writeFileSync(xls, Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00, 0x3e, 0x00]));
    await expect(rows(xls)).rejects.toThrow(
      `${xls}:1 contains binary data, not CSV text: it is an Excel 97-2003 workbook (.xls), which this tool cannot read; open it in Excel and save it as .xlsx or as "CSV UTF-8" in the same folder, and give that file.`,
    );
    // some tools write their "Excel" export as tab-separated text under .xls: that is read
    const text = join(dir, 'export.xls');
    writeFileSync(text, 'Role\tComment\nStaff\tHello\n');
    expect((await rows(text)).rows.map((r) => r.cells)).toEqual([['Role', 'Comment'], ['Staff', 'Hello']]);
  });

  it('refuses a quote that is never closed, naming its line', async () => {
    await expect(rows(file('a,b\n1,2\n3,"open\n4,5\n'))).rejects.toThrow(/:3 has a quote .* never closed/);
  });

  it('refuses a row that runs on past MAX_ROW_CHARS (a stray quote), naming its line, instead of parsing it again with every chunk', async () => {
    // a cell of 100 MB took two minutes and 1.4 GB: papaparse parses the unfinished row again from its start per 64 KB
    const path = file(`a,b\n1,2\n3,"${'x'.repeat(MAX_ROW_CHARS + 10)}"\n4,5\n`);
    await expect(rows(path)).rejects.toThrow(/:3 starts a row that runs on for more than 8 MB of text: a quote opened on that row is probably not closed where its cell ends; fix the quoting/);
    // the same in UTF-16 (the other decoder)
    const wide = file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`a\tb\r\n"${'y'.repeat(MAX_ROW_CHARS + 10)}\r\n`, 'utf16le')]));
    await expect(rows(wide)).rejects.toThrow(/:2 starts a row that runs on/);
  });

  it('names a missing file and a folder plainly', async () => {
    await expect(rows(join(dir, 'nope.csv'))).rejects.toThrow(/does not exist/);
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    await expect(rows(folder)).rejects.toThrow(/is a folder/);
  });

  it('stops early when the callback throws STOP, and passes other errors on', async () => {
    const path = file('a\n1\n2\n3\n');
    let seen = 0;
    await streamCsv(path, () => {
      if (++seen === 2) throw STOP;
    });
    expect(seen).toBe(2);
    await expect(streamCsv(path, () => { throw new Error('boom'); })).rejects.toThrow('boom');
  });

  it('reads a file larger than one stream chunk without losing or splitting rows', async () => {
    const lines = ['id,text'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},"row ${i}, with a comma and a long tail ${'x'.repeat(20)}"`);
    const { rows: got } = await rows(file(lines.join('\r\n')));
    expect(got).toHaveLength(5001);
    expect(got[4000]!.cells[0]).toBe('3999');
    expect(got[4000]!.line).toBe(4001);
  });

  it('refuses a file cut or written by another program while it is read, naming it; the rows were read short without a word', async () => {
    const lines = ['id,comment', ...Array.from({ length: 40000 }, (_, i) => `${i},some text for row ${i}`)];
    const whole = `${lines.join('\n')}\n`;
    // cut to 100 KB at the first row (a sync tool replacing the file in place): the stream had read only its first chunks
    const cut = file(whole);
    let read = 0;
    const error = await streamCsv(cut, () => {
      if (read++ === 0) truncateSync(cut, 100 * 1024);
    }).catch((e: Error) => e);
    expect(read).toBeLessThan(lines.length);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `${cut} changed while it was read (${Buffer.byteLength(whole).toLocaleString('en')} bytes when opened, 102,400 at the end): another program is writing it; read it again when it is saved.`,
    );
    // grown while it is read (rows appended): refused too
    const grown = file(whole);
    let first = true;
    const more = await streamCsv(grown, () => {
      if (first) appendFileSync(grown, '40000,one more\n');
      first = false;
    }).catch((e: Error) => e);
    expect((more as Error).message).toMatch(/ changed while it was read \([\d,]+ bytes when opened, [\d,]+ at the end\)/);
    // a stop asked for by the caller is no change; a file left alone reads as before
    const still = file(whole);
    await expect(streamCsv(still, () => { throw STOP; })).resolves.toMatchObject({ rows: 1 });
    expect((await rows(still)).rows).toHaveLength(lines.length);
  });
});
