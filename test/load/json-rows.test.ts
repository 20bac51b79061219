// Where a SurveyJS respondent's answer is in the file (src/load/json-rows.ts): the place an
// editor jumps to, however the JSON is spaced, for messages about that answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elementOffsets, memberOffset, placeFinder, valueEnd } from '../../src/load/json-rows.js';

/** The place of `offset` counted one character at a time (CR, LF and CRLF end a line; a character outside the BMP is one column). */
function slowPlace(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    // a CRLF ends the line at its LF (its CR is still on the line, for an offset between the two)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 1;
    } else if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) column++;
  }
  return { line, column };
}

/** JSON text of `value` with the white space between tokens chosen by `spaces` (JSON.stringify's text, respaced). */
function respaced(value: unknown, spaces: string[]): string {
  let k = 0;
  const space = () => spaces[k++ % spaces.length]!;
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${space()}${v.map((x) => write(x)).join(`${space()},${space()}`)}${space()}]`;
    if (v !== null && typeof v === 'object') {
      return `{${space()}${Object.entries(v).map(([key, x]) => `${JSON.stringify(key)}${space()}:${space()}${write(x)}`).join(`${space()},${space()}`)}${space()}}`;
    }
    return JSON.stringify(v);
  };
  return write(value);
}

describe('placeFinder', () => {
  it('counts lines ended by CR, LF or CRLF, and a character outside the BMP as one column', () => {
    const text = 'ab\r\ncd\re😀f\ng';
    const place = placeFinder(text);
    expect(place(0)).toEqual({ line: 1, column: 1 });
    expect(place(4)).toEqual({ line: 2, column: 1 });
    expect(place(text.indexOf('f'))).toEqual({ line: 3, column: 3 });
    expect(place(text.indexOf('g'))).toEqual({ line: 4, column: 1 });
  });

  it('gives the place counted one character at a time, for any text and offset', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '😀', 'é', '"'), { maxLength: 60 }), fc.nat(), (parts, n) => {
        const text = parts.join('');
        const offset = text.length === 0 ? 0 : n % text.length;
        // an offset inside a surrogate pair is no character's start
        if (offset > 0 && text.charCodeAt(offset) >= 0xdc00 && text.charCodeAt(offset) <= 0xdfff) return;
        expect(placeFinder(text)(offset)).toEqual(slowPlace(text, offset));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('elementOffsets and memberOffset', () => {
  it('find each respondent and the value of each answer, the last of a repeated name as JSON.parse keeps it', () => {
    const text = '\ufeff[ {"a": "x, \\"}]", "b": [1, {"c": 2}]},\n  {"b": null, "b" : "kept"} , 7]';
    const starts = elementOffsets(text);
    expect(starts.map((s) => text[s])).toEqual(['{', '{', '7']);
    expect(text.slice(memberOffset(text, starts[0]!, 'b'))).toMatch(/^\[1, \{"c": 2\}\]/);
    expect(text.slice(memberOffset(text, starts[1]!, 'b'))).toMatch(/^"kept"/);
    // a name the object does not have: the object's own start
    expect(memberOffset(text, starts[0]!, 'z')).toBe(starts[0]);
  });

  it('point at the value of every member, however the JSON is spaced and whatever its strings hold', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'b', '"', '\\', ' ', ',', '}', ']', ':', '😀', '\n'), maxLength: 4 });
    const leaf = fc.oneof(fc.string({ unit: fc.constantFrom('x', '"', '\\', '{', '[', ',', '😀', '\t'), maxLength: 6 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
    })).v;
    const respondents = fc.array(fc.dictionary(key, value, { maxKeys: 5 }), { maxLength: 5 });
    fc.assert(
      fc.property(respondents, fc.array(fc.constantFrom('', ' ', '\n', '\r\n', '\t  '), { minLength: 1, maxLength: 7 }), (data, spaces) => {
        const text = respaced(data, spaces);
        const starts = elementOffsets(text);
        expect(starts).toHaveLength(data.length);
        data.forEach((respondent, i) => {
          for (const [name, v] of Object.entries(respondent)) {
            const at = memberOffset(text, starts[i]!, name);
            // the text from that offset is the value itself
            expect(JSON.parse(text.slice(at, valueEnd(text, at)))).toEqual(JSON.parse(JSON.stringify(v)));
          }
        });
      }),
      { numRuns: 400 },
    );
  });
});
