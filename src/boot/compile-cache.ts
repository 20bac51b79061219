// A compile cache for the bundled CLI, for Node versions without
// `module.enableCompileCache()` (Node 22+): the bundle is compiled with
// vm.Script, and V8's code cache (`createCachedData`) is kept on disk so that
// the next start skips parsing and compiling what the last one compiled.
//
// Safety rules (issue 16):
// - stored where a user's caches belong (XDG cache folder, ~/Library/Caches,
//   %LOCALAPPDATA%), never next to the project or the package;
// - one file per bundle, named by a key made of the bundle's hash, its size
//   and modification time, the Node version, architecture and V8 flags, so a
//   cache made by other code or another runtime is never even read;
// - each file carries a CRC-32 of its payload: a torn or corrupt file is
//   ignored (V8 itself checks only a header), and V8 may still reject data
//   (`cachedDataRejected`): then the bundle compiles from source as usual;
// - written once, at exit, to a temporary file renamed into place (readers
//   see a whole file or none); any error (read-only folder, full disk) is
//   silently ignored: the cache only ever makes a start faster;
// - a cache folder owned by another user, or that others may write to, is
//   not used at all (their entries would be code this process runs);
// - READINESS_NO_COMPILE_CACHE=1 turns it off (READINESS_NO_CACHE=1 every cache);
//   any value but empty, 0 or false means "off".
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, win32 } from 'node:path';
import vm from 'node:vm';

/** What identifies the code and the runtime a cache entry was made for. */
export interface CacheKeyParts {
  /** Hash of the bundle's content at build time (hex). */
  bundleHash: string;
  /** The bundle file's size in bytes and modification time (ms): an edited bundle gets a new key. */
  size: number;
  mtimeMs: number;
  /**
   * CRC-32 of the bundle's bytes as read now: V8 checks only the source's length,
   * so an edit that keeps size and time (`cp -p`, `rsync -a`) must still get a new key.
   */
  sourceCrc?: number;
  nodeVersion: string;
  arch: string;
  /** Node and V8 options the process runs with (execArgv and NODE_OPTIONS): V8 flags change the code it makes. */
  flags: string[];
}

/**
 * The tool's folder in the user's cache folder, or undefined when caching is
 * off (READINESS_NO_CACHE) or no cache folder can be found. Linux and others:
 * $XDG_CACHE_HOME (when absolute) or ~/.cache; macOS: ~/Library/Caches;
 * Windows: %LOCALAPPDATA%. Never the project or the package folder: a relative
 * home folder (or %LOCALAPPDATA%) counts as none.
 */
export function cacheRoot(env: NodeJS.ProcessEnv, platform: string, given: string | undefined): string | undefined {
  if (isOn(env.READINESS_NO_CACHE)) return undefined;
  // a relative HOME (HOME=. in a script) would put the cache in the working folder: no cache then
  const absolute = platform === 'win32' ? win32.isAbsolute : posix.isAbsolute;
  const home = given && absolute(given) ? given : undefined;
  let base: string | undefined;
  if (platform === 'win32') base = env.LOCALAPPDATA && absolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : home ? join(home, 'AppData', 'Local') : undefined;
  else if (platform === 'darwin') base = home ? join(home, 'Library', 'Caches') : undefined;
  else base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : home ? join(home, '.cache') : undefined;
  return base ? join(base, 'social-readiness') : undefined;
}

/** The folder for compile caches, or undefined when off (READINESS_NO_COMPILE_CACHE or READINESS_NO_CACHE). */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: string, home: string | undefined): string | undefined {
  if (isOn(env.READINESS_NO_COMPILE_CACHE)) return undefined;
  const root = cacheRoot(env, platform, home);
  return root === undefined ? undefined : join(root, 'compile-cache');
}

/** Whether a READINESS_NO_* variable asks for "off": any value but empty, `0` or `false` (so `=false` does not turn a cache off). */
export const isOn = (value: string | undefined): boolean => value !== undefined && !/^\s*(0|false)?\s*$/i.test(value);

/**
 * Whether an existing cache folder may be used: a folder that is not the
 * user's own, or that others (group or world) may write to, could hold entries
 * another user put there, which would be code this process runs, or results it
 * takes as checked. A folder that does not exist (yet) is fine: it is made
 * 0700. Windows has no owner and mode bits to check (`uid` undefined).
 */
export function trustedFolder(dir: string, uid: number | undefined = process.getuid?.()): boolean {
  if (uid === undefined) return true;
  let st;
  try {
    st = statSync(dir);
  } catch {
    // not there (made later, 0700) or not reachable (then nothing is read from it either)
    return true;
  }
  return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
}

/**
 * Whether the superuser would make the cache folder in `base` (the folder that holds
 * it) while `base`, or the nearest folder of it that exists, belongs to another user:
 * `sudo -E readiness ...`, or sudo on macOS, which keeps HOME. The folders it made
 * would be root's, in that user's cache folder: the user's own runs would then find a
 * cache folder of another user and never use a cache again, without a word, and could
 * not remove it. Always false for other users (they cannot make folders in another
 * user's folder unless it is shared, like /tmp) and on Windows (`uid` undefined).
 */
export function superuserInForeignFolder(base: string, uid: number | undefined = process.getuid?.()): boolean {
  if (uid !== 0) return false;
  for (let dir = base; ; dir = dirname(dir)) {
    try {
      return statSync(dir).uid !== uid;
    } catch {
      if (dirname(dir) === dir) return false;
    }
  }
}

/** 32-bit FNV-1a of a string, as 8 hex digits (a file name, not a security measure). */
function fnv1a(text: string, seed = 0x811c9dc5): string {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The cache file's name for a bundle: `<name>-<bundle hash>-<runtime key>.v8cache`. */
export function cacheFileName(name: string, parts: CacheKeyParts): string {
  const runtime = [parts.size, Math.round(parts.mtimeMs), parts.sourceCrc ?? '', parts.nodeVersion, parts.arch, ...parts.flags].join('\0');
  return `${name}-${parts.bundleHash.slice(0, 16)}-${fnv1a(runtime)}${fnv1a(runtime, 0x2f1c3a5b)}.v8cache`;
}

// File layout: magic (8 bytes), payload length (4, LE), CRC-32 of the payload (4, LE), payload.
// The magic's last byte says whether the run that made the entry was a usual one (LoadOptions.usualRun).
const MAGIC = Buffer.from('RDNSV8C1', 'latin1');
const MAGIC_PARTIAL = Buffer.from('RDNSV8C0', 'latin1');
const HEADER = 16;

/** The cache payload in `buffer`, or undefined if the header or checksum does not match. */
export function decodeEntry(buffer: Buffer, crc32: (data: Uint8Array) => number): Buffer | undefined {
  if (buffer.length < HEADER || !(buffer.subarray(0, 8).equals(MAGIC) || buffer.subarray(0, 8).equals(MAGIC_PARTIAL))) return undefined;
  const length = buffer.readUInt32LE(8);
  if (length !== buffer.length - HEADER || length === 0) return undefined;
  const payload = buffer.subarray(HEADER);
  return crc32(payload) === buffer.readUInt32LE(12) ? payload : undefined;
}

/** Whether the entry `buffer` was made by a run that was not a usual one (see LoadOptions.usualRun). */
export function isPartialEntry(buffer: Buffer): boolean {
  return buffer.subarray(0, 8).equals(MAGIC_PARTIAL);
}

/** A cache file's bytes for `payload`; `partial`: made by a run that was not a usual one. */
export function encodeEntry(payload: Buffer, crc32: (data: Uint8Array) => number, partial = false): Buffer {
  const header = Buffer.alloc(HEADER);
  (partial ? MAGIC_PARTIAL : MAGIC).copy(header, 0);
  header.writeUInt32LE(payload.length, 8);
  header.writeUInt32LE(crc32(payload), 12);
  return Buffer.concat([header, payload]);
}

/** Writes `data` to `file` through a temporary file and a rename; false (never an exception) when it cannot. */
export function writeAtomically(file: string, data: Buffer): boolean {
  const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  return withSignalsHeld(() => {
    try {
      writeFileSync(tmp, data, { mode: 0o600 });
      renameSync(tmp, file);
      return true;
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing was written
      }
      return false;
    }
  });
}

const HELD_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let holding = 0;
const arrivedSignals: NodeJS.Signals[] = [];
const holdSignal = (signal: NodeJS.Signals): void => void arrivedSignals.push(signal);

/**
 * Runs `work` (a cache write: a temporary file and its rename) with SIGINT, SIGTERM and
 * SIGHUP held back, then acts on the first that arrived as it would have (the default
 * action ends the process with 128 + its number): Ctrl-C between the write and the rename
 * left the temporary file in the cache folder for a day. In an exit listener (where the
 * compile cache and memos write) the process ends anyway, with its own exit code. One
 * listener per signal however many writes overlap; returns what `work` returns.
 */
export function withSignalsHeld<T>(work: () => T): T {
  if (holding++ === 0) for (const s of HELD_SIGNALS) process.on(s, holdSignal);
  try {
    return work();
  } finally {
    // a signal that arrived during the synchronous work reaches the listener only when the
    // event loop runs again: keep listening until then, then act on it
    setImmediate(() =>
      setImmediate(() => {
        if (--holding > 0) return;
        for (const s of HELD_SIGNALS) process.off(s, holdSignal);
        const first = arrivedSignals[0];
        arrivedSignals.length = 0;
        if (first === undefined) return;
        if (process.listenerCount(first) > 0) process.emit(first, first);
        else process.kill(process.pid, first);
      }),
    );
  }
}

/**
 * mkdir -p for at most a few levels, one mkdir at a time: Node's recursive
 * mkdirSync never returns on some read-only file systems (/proc), and a cache
 * must never hang the command it is meant to speed up.
 */
export function makeFolders(dir: string, levels = 4): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return true;
    if (code !== 'ENOENT' || levels <= 1 || dirname(dir) === dir) return false;
  }
  if (!makeFolders(dirname(dir), levels - 1)) return false;
  try {
    mkdirSync(dir, { mode: 0o700 });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST';
  }
}

const DAY_MS = 86400000;
/** A hit refreshes its entry's time when older than this, so that an entry in use is never "unused for a day". */
const TOUCH_AFTER_MS = 3600000;

/**
 * Entries kept per bundle name (bundle and command) besides the one just written: a few
 * runtimes or flag sets used in turn (two Node versions, a NODE_OPTIONS set in one shell)
 * each keep theirs, but a key that changes on every run (NODE_OPTIONS with a per-run value)
 * cannot add an entry of about 800 KB per run for a day.
 */
export const MAX_OTHER_ENTRIES = 3;

/**
 * Removes other entries of the same bundle name not used for a day (older
 * builds, other runtimes: a hit refreshes its entry's time) or past the
 * MAX_OTHER_ENTRIES most recently used, and temporary files a day old (a write
 * cut short by a kill).
 */
function pruneStale(dir: string, name: string, keep: string): void {
  try {
    const dayAgo = Date.now() - DAY_MS;
    const others: { path: string; time: number }[] = [];
    for (const f of readdirSync(dir)) {
      if (f === keep || !((f.startsWith(`${name}-`) && f.endsWith('.v8cache')) || f.endsWith('.tmp'))) continue;
      try {
        const p = join(dir, f);
        const time = statSync(p).mtimeMs;
        if (time < dayAgo) unlinkSync(p);
        else if (f.endsWith('.v8cache')) others.push({ path: p, time });
      } catch {
        // gone already (another process pruned it)
      }
    }
    others.sort((a, b) => b.time - a.time);
    for (const { path } of others.slice(MAX_OTHER_ENTRIES)) {
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
    }
  } catch {
    // pruning is best effort
  }
}

export interface LoadOptions {
  /**
   * Name of the cache entry: the bundle's short name and the command
   * (e.g. "readiness.assess", "vendor-charts.report"). A command has an entry
   * of its own because V8's code cache holds the functions that the run which
   * made it compiled: an entry made by `list` would leave `assess` compiling
   * most of its code from source on every run, and an entry holding every
   * command's code would make `list` deserialize all of it.
   */
  name: string;
  bundleHash: string;
  /** The cache folder, or undefined for no cache. */
  cacheDir: string | undefined;
  /**
   * Whether a run that ends with this exit code ran the command's usual path
   * (by default: exit code 0). An entry made by any other run (a usage error,
   * a bad input file, `--help`) is marked partial, and the next usual run
   * replaces it, once: otherwise a first run that failed early would leave
   * the command compiling most of its code from source until the next build.
   */
  usualRun?: (exitCode: number) => boolean;
}

/** What happened to the cache on this load (for tests and the benchmark: READINESS_COMPILE_CACHE_TRACE). */
export type CacheOutcome = 'off' | 'hit' | 'miss' | 'rejected' | 'corrupt';

/**
 * Compiles the script bundle at `file`, using and filling the compile cache,
 * and returns the function it evaluates to, uncalled. The build writes each
 * bundle as one function expression, `(function (exports, require, ...) {...})`
 * (scripts/build.mjs, `bundleWrapper`), so that the file's text is the script's source as it is: a
 * wrapper added here would make V8 copy the whole source once more.
 */
export function compileBundle(file: string, options: LoadOptions): { fn: (...args: unknown[]) => unknown; outcome: CacheOutcome } {
  // non-blocking: a FIFO in a bundle's place must not hang the command (it is refused below)
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let source: string;
  let stat;
  let sourceBytes: Buffer;
  try {
    stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('it is not a regular file');
    sourceBytes = readUpTo(fd, stat.size);
    // the build makes every bundle pure ASCII (scripts/build.mjs): Latin-1 is then a plain copy
    source = sourceBytes.toString('latin1');
  } finally {
    closeSync(fd);
  }
  const dir = options.cacheDir;
  if (dir === undefined) {
    return { fn: new vm.Script(source, { filename: file }).runInThisContext() as (...a: unknown[]) => unknown, outcome: 'off' };
  }
  const entry = join(
    dir,
    cacheFileName(options.name, {
      bundleHash: options.bundleHash,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      sourceCrc: loadZlib().crc32(sourceBytes),
      nodeVersion: process.version,
      arch: process.arch,
      flags: [...process.execArgv, process.env.NODE_OPTIONS ?? ''],
    }),
  );
  let outcome: CacheOutcome = 'miss';
  let cachedData: Buffer | undefined;
  let zlib: typeof import('node:zlib') | undefined;
  let entryTime = 0;
  let partial = false;
  try {
    const raw = readEntry(entry);
    if (raw === undefined) throw new Error('not a cache entry');
    entryTime = raw.mtimeMs;
    zlib = loadZlib();
    cachedData = decodeEntry(raw.bytes, zlib.crc32);
    partial = isPartialEntry(raw.bytes);
    if (!cachedData) outcome = 'corrupt';
  } catch {
    // no entry yet (or unreadable): compile from source
  }
  let script: vm.Script;
  try {
    script = new vm.Script(source, { filename: file, cachedData });
  } catch (error) {
    if (cachedData === undefined) throw error;
    // data V8 cannot even take: compile without it
    cachedData = undefined;
    outcome = 'rejected';
    script = new vm.Script(source, { filename: file });
  }
  if (cachedData !== undefined) outcome = script.cachedDataRejected ? 'rejected' : 'hit';
  if (outcome === 'hit' && entryTime < Date.now() - TOUCH_AFTER_MS) {
    // in use: not to be pruned as unused when another build or runtime writes its entry (at most once an hour)
    try {
      const now = new Date();
      utimesSync(entry, now, now);
    } catch {
      // a read-only cache still serves hits
    }
  }
  const usualRun = options.usualRun ?? ((code: number) => code === 0);
  if (outcome !== 'hit' || partial) {
    // Made at exit, so the functions this run compiled lazily are in it too
    // (with those of the partial entry it replaces, which V8 deserialized).
    process.once('exit', (code) => {
      try {
        const usual = usualRun(code);
        if (outcome === 'hit' && !usual) return; // a partial entry is replaced by a usual run only
        const data = script.createCachedData();
        if (data.length === 0) return;
        if (!makeFolders(dir)) return;
        const name = entry.slice(dir.length + 1);
        if (writeAtomically(entry, encodeEntry(data, (zlib ?? loadZlib()).crc32, !usual))) pruneStale(dir, options.name, name);
      } catch {
        // a cache that cannot be written is no cache: nothing to tell the user
      }
    });
  }
  return { fn: script.runInThisContext() as (...a: unknown[]) => unknown, outcome };
}

/** Upper bound of a cache entry: bigger files are not ours (or not sane) and are not read. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of a cache entry and its modification time (ms), or undefined when
 * it is not a regular file of a sane size: a FIFO, device or symlink to
 * /dev/zero put in its place must not hang the command or fill memory (opened
 * non-blocking, checked with fstat).
 */
function readEntry(file: string): { bytes: Buffer; mtimeMs: number } | undefined {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_ENTRY_BYTES) return undefined;
    return { bytes: readUpTo(fd, st.size), mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** Up to `size` bytes of the open file `fd` from its start: fewer when it ends sooner (it shrank since fstat). */
function readUpTo(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, bytes, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return bytes.subarray(0, read);
}

function loadZlib(): typeof import('node:zlib') {
  // loaded only when there is a cache file to check or write (engines: Node >= 20.16 has getBuiltinModule)
  return process.getBuiltinModule('node:zlib') as typeof import('node:zlib');
}
