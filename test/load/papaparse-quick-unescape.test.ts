// The build bundles papaparse with its escaped-quote replace skipped where the field holds
// no escaped quote (scripts/papaparse-quick-unescape.mjs). The changed parser must give
// what papaparse gives, for any text: rows, errors and cursor, whole or in small chunks.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript without types
import { quickUnescape } from '../../scripts/papaparse-quick-unescape.mjs';

type Papa = typeof import('papaparse');

const source = readFileSync(createRequire(import.meta.url).resolve('papaparse'), 'utf8');

/** Evaluates papaparse's text as its CommonJS module. */
function load(text: string): Papa {
  const module = { exports: {} as Papa };
  new Function('module', 'exports', 'require', text)(module, module.exports, () => ({}));
  return module.exports;
}

const original = load(source);
const changed = load(quickUnescape(source) as string);

const piece = fc.constantFrom('a', 'Agree', '"', '""', ',', ';', '\t', '\n', '\r\n', '\r', ' ', '"x"', '"a,b"', '"q ""y"""', "'", '\\');

/** Everything a parse gives, whole and in chunks of `size` characters. */
function parse(papa: Papa, text: string, quoteChar: string, escapeChar: string, size: number) {
  const whole = papa.parse<string[]>(text, { delimiter: ',', quoteChar, escapeChar });
  const chunks: unknown[] = [];
  papa.parse<string[]>(text, {
    delimiter: ',',
    quoteChar,
    escapeChar,
    chunkSize: size,
    chunk: (r: import('papaparse').ParseResult<string[]>) => void chunks.push({ data: r.data, errors: r.errors, cursor: r.meta.cursor, linebreak: r.meta.linebreak }),
    complete: () => undefined,
  });
  return { data: whole.data, errors: whole.errors, meta: whole.meta, chunks };
}

describe('papaparse with the quick unescape', () => {
  it('parses any text as papaparse does, whole and in chunks, with " or another escape character', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }).map((p) => p.join('')),
        fc.constantFrom(['"', '"'], ['"', '\\'], ["'", "'"]),
        fc.integer({ min: 1, max: 40 }),
        (text, [quoteChar, escapeChar], size) => {
          expect(parse(changed, text, quoteChar!, escapeChar!, size)).toEqual(parse(original, text, quoteChar!, escapeChar!, size));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses a papaparse whose parser is not the text it was written for', () => {
    expect(() => quickUnescape(source.replace('.replace(quoteCharRegex, quoteChar)', '.replaceAll(quoteCharRegex, quoteChar)'))).toThrow(/not the text/);
    expect(() => quickUnescape('')).toThrow(/not the text/);
  });
});
