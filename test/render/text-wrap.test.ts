// The terminal word wrap (src/render/text.ts) and the interview's wrap: same
// lines as the simple reference below on every input, and linear in the
// text's length (checked on sizes a quadratic version could not finish; no timing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, truncate, wrap } from '../../src/render/text.js';
import { wrap as interviewWrap } from '../../src/cli/interview/wrap.js';

/** The obvious (quadratic) definition: greedy lines, over-wide words cut into pieces of at most `width` columns. */
function referenceWrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((x) => x !== '')) {
    let rest = word;
    while (displayWidth(rest) > w) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      let head = '';
      for (const ch of rest) {
        if (displayWidth(head + ch) > w && head !== '') break;
        head += ch;
      }
      lines.push(head);
      rest = rest.slice(head.length);
    }
    if (rest === '') continue;
    const candidate = line === '' ? rest : `${line} ${rest}`;
    if (displayWidth(candidate) <= w) line = candidate;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

const pieces = fc.constantFrom('a', 'bb', ' ', '  ', '日本', 'é', 'e\u0301', '🙂', 'word', 'x'.repeat(30));
const text = fc.array(pieces, { maxLength: 60 }).map((p) => p.join(''));

describe('wrap', () => {
  it('gives the same lines as the reference definition', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 50 }), (t, w) => {
        expect(wrap(t, w)).toEqual(referenceWrap(t, w));
      }),
      { numRuns: 500 },
    );
  });

  it('never makes a line wider than the width (unless one character is wider) and keeps every word', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 50 }), (t, w) => {
        const lines = wrap(t, w);
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(w);
        expect(lines.join('').replace(/ /g, '')).toBe(t.replace(/ /g, ''));
      }),
    );
  });

  it('wraps 2,000,000 characters (one word, and 400,000 words) at once', () => {
    expect(wrap('A'.repeat(2_000_000), 80)).toHaveLength(25_000);
    const many = wrap('word '.repeat(400_000), 79);
    expect(many).toHaveLength(Math.ceil(400_000 / 16));
    expect(truncate('B'.repeat(2_000_000), 10)).toBe(`${'B'.repeat(9)}…`);
    expect(interviewWrap('C'.repeat(2_000_000), 81).split('\n')).toHaveLength(25_000);
  });
});
