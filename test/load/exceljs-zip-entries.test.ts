// The build bundles exceljs' streaming workbook reader with its zip entry loop fixed
// (scripts/exceljs-zip-entries.mjs): the reader as installed now and then lost the entries
// after the worksheets (shared strings, workbook.xml) of a workbook in Excel's order. The
// fixture is such a workbook: [Content_Types].xml, rels, xl/workbook.xml, its rels, three
// worksheets, theme, styles, then xl/sharedStrings.xml and docProps (as Excel stores them).
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript without types
import { zipEntriesFix } from '../../scripts/exceljs-zip-entries.mjs';

const readerFile = join(dirname(createRequire(import.meta.url).resolve('exceljs/package.json')), 'lib/stream/xlsx/workbook-reader.js');
const source = readFileSync(readerFile, 'utf8');
const workbook = join(import.meta.dirname, '../fixtures/survey/excel-order.xlsx');

type Reader = AsyncIterable<{ name: string; parse(): AsyncIterable<{ eventType: string; value: { values: unknown[] } }[]> }> & { model?: unknown };
type ReaderClass = new (input: unknown, options: object) => Reader;

/** The reader module evaluated from `text`, requiring what it requires from exceljs' own folder. */
function load(text: string): ReaderClass {
  const module = { exports: {} as ReaderClass };
  new Function('module', 'exports', 'require', '__filename', '__dirname', text)(module, module.exports, createRequire(readerFile), readerFile, dirname(readerFile));
  return module.exports;
}

/** The sheet names and the first data row of "Responses", as the tool's loader asks the reader for them. */
async function read(Reader: ReaderClass): Promise<{ names: string[]; row: unknown[] }> {
  const reader = new Reader(createReadStream(workbook), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  reader.model ??= { sheets: [] };
  const names: string[] = [];
  let row: unknown[] = [];
  for await (const sheet of reader) {
    names.push(sheet.name);
    for await (const events of sheet.parse()) {
      for (const event of events) if (event.eventType === 'row' && sheet.name === 'Responses' && row.length === 0) row = event.value.values;
    }
  }
  return { names, row };
}

describe('exceljs zip entry fix (build time)', () => {
  it('applies to the installed reader and refuses a text it was not written for', () => {
    const fixed = zipEntriesFix(source) as string;
    expect(fixed).toContain('for await (const entry of zip) {');
    expect(fixed).not.toContain('iterateStream(zip)');
    expect(() => zipEntriesFix(source.replace('iterateStream(zip)', 'iterateStream(zip2)'))).toThrow(/not the text/);
  });

  it('reads every entry of a workbook in Excel order, run after run', async () => {
    // the installed reader lost them in about 1 run of 8 of this loop; 100 runs all whole
    const Reader = load(zipEntriesFix(source) as string);
    for (let run = 0; run < 100; run++) {
      const { names, row } = await read(Reader);
      expect(names).toEqual(['Intro', 'Responses', 'Other data']);
      expect(row.slice(1, 4)).toEqual(['Submitted', 'Role', 'lead-sponsor']);
    }
  }, 60_000);
});
