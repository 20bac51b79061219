// readRegularFile (src/load/safe-read.ts) reads a regular file whole with as few reads as it
// can, and still sees a file that grew after fstat, one that shrank, and reads cut short.
import * as realFs from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, readSync: vi.fn(fs.readSync) };
});

const { readRegularFile } = await import('../../src/load/safe-read.js');
const readSync = vi.mocked(realFs.readSync);
const work = mkdtempSync(join(tmpdir(), 'readiness-safe-read-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => readSync.mockClear());

/** A new file holding `text`. */
function file(text: string): string {
  const path = join(work, `f${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, text);
  return path;
}

type Read = (fd: number, buffer: NodeJS.ArrayBufferView, offset: number, length: number) => number;
const real = readSync.getMockImplementation() as unknown as Read;
/** The next read does `f` instead. */
const once = (f: Read) => readSync.mockImplementationOnce(f as unknown as typeof realFs.readSync);

describe('readRegularFile', () => {
  it('reads a file whole in one read when it holds what fstat said', () => {
    const path = file('{"a": 1}');
    expect(readRegularFile(path).toString()).toBe('{"a": 1}');
    expect(readSync).toHaveBeenCalledTimes(1);
    expect(readRegularFile(file('')).toString()).toBe('');
  });

  it('reads on after a read cut short before the size fstat gave, until the end', () => {
    const path = file('0123456789');
    once((fd, buffer, offset) => real(fd, buffer, offset, 4));
    expect(readRegularFile(path).toString()).toBe('0123456789');
    expect(readSync.mock.calls.length).toBeGreaterThan(1);
  });

  it('sees a file that grew after fstat (and refuses it past the limit), and one that shrank', () => {
    const path = file('0123456789');
    // what a read finds when the file grew after fstat: more than its size
    const grown: Read = (_fd, buffer, offset, length) => {
      const more = Buffer.from('0123456789ABCDEF');
      const n = Math.min(length, more.length - offset);
      Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(more.subarray(offset, offset + n), offset);
      return n;
    };
    once(grown);
    const got = readRegularFile(path).toString();
    expect(got.startsWith('0123456789A')).toBe(true);
    once(grown);
    expect(() => readRegularFile(path, { maxBytes: 10 })).toThrow(/larger than the limit|more than/);
    // shrunk after fstat: the read stops before the size, the next finds the end
    once((fd, buffer, offset) => real(fd, buffer, offset, 6));
    once(() => 0);
    expect(readRegularFile(path).toString()).toBe('012345');
  });
});
