// The CSV reader decodes UTF-8 chunk by chunk with Node's native validation and decoding
// (Utf8Chunks) instead of a streaming TextDecoder: for any bytes cut anywhere, it must give
// the same text, refuse the same chunk, and end in the middle of a character just when
// TextDecoder('utf-8', { fatal: true }) does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Chunks, utf8TailLength } from '../../src/load/utf8.js';

/** What the definition gives: each chunk's text, or 'invalid' from the first refused chunk on, then whether the end is whole. */
function byTextDecoder(chunks: Uint8Array[]): (string | 'invalid')[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const out: (string | 'invalid')[] = [];
  for (const chunk of chunks) {
    try {
      out.push(decoder.decode(chunk, { stream: true }));
    } catch {
      out.push('invalid');
      return out;
    }
  }
  try {
    decoder.decode();
    out.push('end');
  } catch {
    out.push('cut');
  }
  return out;
}

function byUtf8Chunks(chunks: Uint8Array[]): (string | 'invalid')[] {
  const decoder = new Utf8Chunks();
  const out: (string | 'invalid')[] = [];
  for (const chunk of chunks) {
    const text = decoder.push(Buffer.from(chunk));
    if (text === undefined) {
      out.push('invalid');
      return out;
    }
    out.push(text);
  }
  out.push(decoder.end() ? 'end' : 'cut');
  return out;
}

/** Mostly real text (BOM, accents, CJK, emoji), with stray bytes that break it now and then. */
const bytes = fc
  .array(
    fc.oneof(
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => [...Buffer.from(s, 'utf8')]), weight: 6 },
      { arbitrary: fc.constantFrom([0xef, 0xbb, 0xbf], [0xe2, 0x80, 0x99], [0xf0, 0x9f, 0x98, 0x80], [0xc3, 0xa9]), weight: 3 },
      { arbitrary: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 3 }), weight: 1 },
    ),
    { maxLength: 30 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

describe('Utf8Chunks', () => {
  it('decodes, refuses and ends as a streaming TextDecoder does, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 6 }), (all, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let from = 0;
        for (const p of [...points, all.length]) {
          chunks.push(all.subarray(from, p));
          from = p;
        }
        expect(byUtf8Chunks(chunks)).toEqual(byTextDecoder(chunks));
      }),
      { numRuns: 2000 },
    );
  });

  it('carries only the start of a character that the next chunk can complete', () => {
    expect(utf8TailLength(Uint8Array.from([0x41, 0xe2, 0x80]))).toBe(2);
    expect(utf8TailLength(Uint8Array.from([0x41, 0xf0, 0x9f, 0x98]))).toBe(3);
    expect(utf8TailLength(Uint8Array.from([0x41, 0xe0, 0x80]))).toBe(0); // overlong: refused now
    expect(utf8TailLength(Uint8Array.from([0x41, 0xed, 0xa0]))).toBe(0); // a surrogate: refused now
    expect(utf8TailLength(Uint8Array.from([0xe2, 0x80, 0x99]))).toBe(0);
    expect(utf8TailLength(Uint8Array.from([0xc0]))).toBe(0);
  });
});
