// Where JSON text stops being JSON (src/load/json-syntax.ts): the place an editor
// shows, and one character named, never the text around it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, jsonSyntaxError } from '../../src/load/json-syntax.js';

describe('jsonSyntaxError', () => {
  it('names a visible character as itself and any other by its code point', () => {
    expect(jsonSyntaxError('[{"a": x}]')).toEqual({ line: 1, column: 8, what: 'unexpected "x"' });
    // a no-break space looks like a space, a zero-width space like nothing, an emoji is one character
    expect(jsonSyntaxError('[{"a": 1}\u00a0]')).toEqual({ line: 1, column: 10, what: 'unexpected U+00A0' });
    expect(jsonSyntaxError('[\u200b1]')).toEqual({ line: 1, column: 2, what: 'unexpected U+200B' });
    expect(jsonSyntaxError('[😀]')).toEqual({ line: 1, column: 2, what: 'unexpected U+1F600' });
  });

  it('counts columns in characters and ends lines at CR, LF and CRLF', () => {
    expect(jsonSyntaxError('[{"q": "😀😀😀", "r": yes}]').column).toBe(20);
    expect(jsonSyntaxError('[\r1,\r2,\rx]')).toMatchObject({ line: 4, column: 1 });
    expect(jsonSyntaxError('[\r\n1,\r\nx]')).toMatchObject({ line: 3, column: 1 });
  });

  it('says "truncated?" only where nothing but JSON white space follows', () => {
    expect(jsonSyntaxError('[{"a": 1}, {"b": ')).toEqual({ line: 1, column: 18, what: 'truncated?' });
    expect(jsonSyntaxError('[1, 2\n  \r\n')).toMatchObject({ what: 'truncated?' });
    // complete JSON followed by a space JSON does not allow is not cut short
    expect(jsonSyntaxError('[1]\u00a0\n')).toEqual({ line: 1, column: 4, what: 'unexpected U+00A0' });
    expect(jsonSyntaxError('[1]\u3000')).toEqual({ line: 1, column: 4, what: 'unexpected U+3000' });
  });

  it('places an error after a number of any length', () => {
    expect(jsonSyntaxError(`[{"n": ${'1'.repeat(500)}x}]`)).toEqual({ line: 1, column: 508, what: 'unexpected "x"' });
  });
});

describe('jsonErrorOffset', () => {
  it('places an error however deeply it is nested', () => {
    expect(jsonSyntaxError(`${'['.repeat(1500)}x${']'.repeat(1500)}`)).toEqual({ line: 1, column: 1501, what: 'unexpected "x"' });
    expect(jsonSyntaxError(`${'{"a":'.repeat(1200)}x${'}'.repeat(1200)}`)).toMatchObject({ column: 6001 });
    expect(jsonErrorOffset(`${'['.repeat(100000)}${']'.repeat(100000)}`)).toBe(200000);
  });

  it('gives the offset of the recursive reading it replaced, on any JSON-like text (property)', () => {
    const token = fc.constantFrom('[', ']', '{', '}', ',', ':', ' ', '\n', '"a"', '"\\u00e9"', '"\\x"', '1', '-0.5e3', '01', 'true', 'nul', 'x', '"');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        const text = tokens.join('');
        expect(jsonErrorOffset(text)).toBe(recursiveOffset(text));
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid) expect(jsonErrorOffset(text)).toBe(text.length);
      }),
      { numRuns: 20000 },
    );
  });
});

/** The reading before the loop (recursive, depth-limited), kept here as the reference for shallow texts. */
function recursiveOffset(text: string): number {
  let i = 0;
  class Stop {
    constructor(readonly at: number) {}
  }
  const fail = (at = i): never => {
    throw new Stop(at);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text.charAt(i) !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        i++;
        const e = text.charAt(i);
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text.charAt(i + k))) fail(i + k);
          i += 5;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i++;
        else fail();
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) !== '"') fail();
        string();
        ws();
        if (text.charAt(i) !== ':') fail();
        i++;
        value();
        ws();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return text.length;
  } catch (e) {
    if (e instanceof Stop) return Math.min(e.at, text.length);
    throw e;
  }
}
