// Where JSON text stops being JSON (src/load/json-syntax.ts): the place an editor
// shows, and one character named, never the text around it.
import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../src/load/json-syntax.js';

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
