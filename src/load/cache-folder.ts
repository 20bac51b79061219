// What the caches kept in the user's cache folder share (the summaries of
// checked results, result-summaries.ts, and the memo of checked questionnaires,
// questionnaire-memo.ts): digests and checksums, whole-file writes, and
// trimming by age and count. The write and trim functions take the fs module
// from their caller, which loads it only when a cache is used, and none throws
// for a cache that cannot be read or written.
import type * as Crypto from 'node:crypto';
import type * as Fs from 'node:fs';
import type * as Zlib from 'node:zlib';
import { withSignalsHeld } from '../boot/compile-cache.js';

export const DAY_MS = 86400000;

/**
 * A built-in module, taken when first needed (a command that uses no cache loads none of
 * them) and then kept: a listing asks for several per file, and each ask costs more than the work.
 */
export function builtin<T>(id: string): () => T {
  let module: T | undefined;
  return () => (module ??= process.getBuiltinModule(id) as T);
}
const cryptoModule = builtin<typeof Crypto & { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }>('node:crypto');
const zlibModule = builtin<typeof Zlib & { crc32?: (data: Uint8Array) => number }>('node:zlib');

/** The sha256 of `bytes`, 64 hex digits: what names a cache entry after the file it stands for. */
export function sha256(bytes: Uint8Array): string {
  const crypto = cryptoModule();
  // the one-shot digest (Node 20.12+) where there is one: no Hash object per file (a thousand files: about 5 ms)
  if (typeof crypto.hash === 'function') return crypto.hash('sha256', bytes, 'hex');
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** CRC-32 where Node has it (20.15+), else a short sha256: the checksum of an entry's text ("crc32:<hex>" or "sha256:<hex>"). */
export function checksum(text: Uint8Array): string {
  const { crc32 } = zlibModule();
  if (typeof crc32 === 'function') return `crc32:${crc32(text).toString(16).padStart(8, '0')}`;
  return `sha256:${sha256(text).slice(0, 16)}`;
}

/**
 * Writes `file` beside itself and renames it over (readers see a whole file or
 * none), making `dirs` first (in order, mode 0700); false when that failed.
 * `atExit`: written by an exit listener, where Ctrl-C, SIGTERM and SIGHUP are held
 * back until the rename is done (withSignalsHeld). During a command they are not:
 * held, they would wait for the event loop, which a long synchronous check (a folder
 * of 300 questionnaires) does not reach for seconds; a temporary file left by one is
 * removed by the next run that writes to the folder (removeStaleTemporaries).
 */
export function writeWhole(fs: typeof Fs, dirs: readonly string[], file: string, bytes: Uint8Array, atExit = false): boolean {
  return atExit ? withSignalsHeld(() => writeThenRename(fs, dirs, file, bytes)) : writeThenRename(fs, dirs, file, bytes);
}

function writeThenRename(fs: typeof Fs, dirs: readonly string[], file: string, bytes: Uint8Array): boolean {
  const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    for (const dir of dirs) {
      try {
        fs.mkdirSync(dir, { mode: 0o700 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    // a cache that cannot be written only means the next run checks again
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    return false;
  }
}

/**
 * Removes the leftovers of writes that died (`names` in `dir` ending in .tmp): those
 * older than a day, and those whose writer (the process id in the name that writeWhole
 * gives, `<file>.<pid>-<random>.tmp`) is no longer running on this machine, such as a
 * run ended by Ctrl-C between a write and its rename.
 */
export function removeStaleTemporaries(fs: typeof Fs, dir: string, names: readonly string[], now: number): void {
  for (const name of names) {
    if (!name.endsWith('.tmp')) continue;
    try {
      if (writerGone(name) || fs.statSync(`${dir}/${name}`).mtimeMs < now - DAY_MS) fs.unlinkSync(`${dir}/${name}`);
    } catch {
      // gone already
    }
  }
}

/** Whether the process that named a temporary file `<file>.<pid>-<random>.tmp` has ended (false when unsure). */
function writerGone(name: string): boolean {
  const pid = /\.(\d+)-[0-9a-z]*\.tmp$/.exec(name)?.[1];
  if (pid === undefined || Number(pid) === process.pid || !Number.isSafeInteger(Number(pid)) || Number(pid) <= 0) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: a process of another user has that id (running)
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * When there are more than `max` of `entries` (names in `dir`), removes the oldest (by
 * modification time) until `keep` are left, never one of `spare` (the entries the running
 * command uses: removing them would make the next run check again what this one just did,
 * and a run that uses more than `max` would find none of its entries left each time).
 */
export function removeOldest(fs: typeof Fs, dir: string, entries: readonly string[], max: number, keep: number, spare: ReadonlySet<string> = new Set()): void {
  if (entries.length <= max) return;
  const dated: { name: string; time: number }[] = [];
  let present = 0;
  for (const name of entries) {
    if (spare.has(name)) {
      present++;
      continue;
    }
    try {
      dated.push({ name, time: fs.statSync(`${dir}/${name}`).mtimeMs });
      present++;
    } catch {
      // removed by another run meanwhile
    }
  }
  dated.sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : 1));
  for (const { name } of dated.slice(0, Math.max(0, present - keep))) {
    try {
      fs.unlinkSync(`${dir}/${name}`);
    } catch {
      // removed by another run meanwhile
    }
  }
}

/**
 * In `place.dir`, the folders and memos (`<build>.txt`) of other builds than
 * `place.codeHash`, once not written to for a day (another installed version
 * may still use its own), and leftovers of writes that died.
 */
export function removeOtherBuilds(fs: typeof Fs, place: { dir: string; codeHash: string }, now: number): void {
  for (const name of fs.readdirSync(place.dir)) {
    const build = name.endsWith('.txt') ? name.slice(0, -4) : name;
    // other builds' memos and folders, and leftovers of a memo trim that died
    const stale = name.endsWith('.tmp') || (build !== place.codeHash && /^[0-9A-Za-z_-]+$/.test(build));
    if (!stale) continue;
    const path = `${place.dir}/${name}`;
    try {
      if (fs.statSync(path).mtimeMs < now - DAY_MS) fs.rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by another run meanwhile
    }
  }
}
