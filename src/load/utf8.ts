// Locating the first invalid UTF-8 byte, for messages that name line and column,
// and strict streaming decoding for the CSV reader.
// Small and dependency-free: the CSV reader and the YAML reader both use it.
import { isUtf8 } from 'node:buffer';

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629:
 * no overlongs, no surrogates, nothing past U+10FFFF), in one pass.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < bytes.length && bytes[i]! >= lo && bytes[i]! <= hi;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    if (b < 0x80) n = 1;
    else if (b >= 0xc2 && b <= 0xdf) n = cont(i + 1) ? 2 : 0;
    else if (b === 0xe0) n = cont(i + 1, 0xa0) && cont(i + 2) ? 3 : 0;
    else if (b === 0xed) n = cont(i + 1, 0x80, 0x9f) && cont(i + 2) ? 3 : 0;
    else if (b >= 0xe1 && b <= 0xef) n = cont(i + 1) && cont(i + 2) ? 3 : 0;
    else if (b === 0xf0) n = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b >= 0xf1 && b <= 0xf3) n = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b === 0xf4) n = cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else n = 0;
    if (n === 0) return i;
    i += n;
  }
  return bytes.length;
}

/**
 * 1-based line (LF-counted, so CRLF files count the same) and column in characters (UTF-8
 * lead bytes, so a character outside the BMP is one column, as editors count) of a byte
 * offset. `startColumn` is the column of `bytes[0]` when they begin in the middle of a line
 * (a later chunk of a stream); without it `bytes` are the start of a file, and a leading
 * byte-order mark takes no column (it is dropped from the text, and editors do not show it).
 */
export function positionOfByte(bytes: Uint8Array, offset: number, startColumn?: number): { line: number; column: number } {
  let line = 1;
  let column = startColumn ?? 1;
  const bom = startColumn === undefined && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = bom; i < offset && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      column = 1;
    } else if ((b & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

/** Characters (UTF-8 lead bytes) in `bytes`. */
export function countUtf8Leads(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) n++;
  return n;
}

/**
 * Bytes at the end of `bytes` that begin a character the next chunk may complete: the
 * start of a valid multi-byte sequence (RFC 3629 ranges), 1 to 3 bytes; 0 when the end
 * is complete, or cannot be completed (then validating the bytes finds the error now).
 */
export function utf8TailLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k]!;
    if (b >= 0x80 && b <= 0xbf) continue; // a continuation byte: its lead is further back
    if (b < 0xc2 || b > 0xf4) return 0; // ASCII, or no lead byte at all
    const length = b <= 0xdf ? 2 : b <= 0xef ? 3 : 4;
    if (length <= k) return 0;
    if (k >= 2) {
      // the second byte's range depends on the lead (no overlongs, surrogates, or past U+10FFFF)
      const c = bytes[n - k + 1]!;
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (c < lo || c > hi) return 0;
    }
    return k;
  }
  return 0;
}

/**
 * Strict streaming UTF-8 decoding, chunk by chunk, as TextDecoder('utf-8', { fatal: true })
 * with { stream: true } does (a leading BOM dropped; a character cut by a chunk boundary
 * completed by the next chunk), validated and decoded by Node's native routines, which take
 * a fraction of TextDecoder's streaming time on a large export.
 */
export class Utf8Chunks {
  private carry: Buffer | undefined;
  private started = false;

  /** The text of `chunk`, or undefined when the bytes so far are not valid UTF-8. */
  push(chunk: Buffer): string | undefined {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = utf8TailLength(bytes);
    const whole = tail > 0 ? bytes.subarray(0, bytes.length - tail) : bytes;
    if (!isUtf8(whole)) return undefined;
    // copied: the stream may reuse the chunk's memory
    this.carry = tail > 0 ? Buffer.from(bytes.subarray(bytes.length - tail)) : undefined;
    let text = whole.toString('utf8');
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }

  /** The bytes of a character cut by the end of the last chunk pushed, which the next chunk completes (empty when none). */
  carried(): Uint8Array {
    return this.carry ?? new Uint8Array(0);
  }

  /** Whether the bytes ended on a whole character. */
  end(): boolean {
    return this.carry === undefined;
  }
}
