// The quick paths of src/render/doc.ts: a cell or inline part that is already one clean line
// (isCleanLine) becomes the same nodes as the general cleaning would make of it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phrasing, table } from '../../src/render/doc.js';
import { isCleanLine, plainLine } from '../../src/render/text.js';

// mostly what reports put in cells (scores, arrows, dates), with spaces, tabs, control and invisible characters among them
const UNITS = ['a', 'Z', '4', '7.2', ' ', '  ', '\t', '\n', '→', '↑', '−', '—', '✓', '%', '(', ')', '+', '|', '*', 'é', '日', '\u0007', '\u200B', '\u00A0', '\uD800'];
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 8 }).map((parts) => parts.join(''));

/** The general path: what phrasing made of a string part before the quick test. */
function slowPhrasing(part: string) {
  const value = plainLine(`x${part}x`).slice(1, -1).trim();
  return value === '' ? [] : [{ type: 'text', value }];
}

describe('clean lines in the document builders', () => {
  it('a clean line is kept as it is by plainLine and by the cleaning of inline parts', () => {
    fc.assert(
      fc.property(text, (s) => {
        if (isCleanLine(s)) expect(plainLine(s)).toBe(s);
        expect(phrasing([s])).toEqual(slowPhrasing(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('a table cell holds what the general cleaning makes of its text', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (cells) => {
        const built = table(cells.map((_, i) => `h${i}`), [cells]);
        const row = built.children[1]!;
        cells.forEach((s, i) => {
          const want = slowPhrasing(s);
          expect(row.children[i]!.children).toEqual(want.length === 0 ? [{ type: 'text', value: '—' }] : want);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
