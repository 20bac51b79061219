// The compile cache (src/boot/compile-cache.ts): where it lives, how entries
// are keyed, and that a hit, a miss, a corrupt or rejected entry, an
// unwritable folder and a disabled cache all give the same output.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFileName, cacheRoot, compileCacheDir, decodeEntry, encodeEntry, isPartialEntry, MAX_OTHER_ENTRIES, superuserInForeignFolder, trustedFolder, writeAtomically, type CacheKeyParts } from '../../src/boot/compile-cache.js';
import { BIN, requireBuild, ROOT } from '../helpers/binary.js';

describe('the compile cache folder', () => {
  it('follows XDG_CACHE_HOME on Linux, or ~/.cache', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/a')).toBe('/x/cache/social-readiness/compile-cache');
    expect(compileCacheDir({}, 'linux', '/home/a')).toBe('/home/a/.cache/social-readiness/compile-cache');
    // the XDG spec says a relative path is invalid and must be ignored
    expect(compileCacheDir({ XDG_CACHE_HOME: 'rel/cache' }, 'linux', '/home/a')).toBe('/home/a/.cache/social-readiness/compile-cache');
  });

  it('uses ~/Library/Caches on macOS and %LOCALAPPDATA% on Windows', () => {
    expect(compileCacheDir({}, 'darwin', '/Users/a')).toBe(join('/Users/a', 'Library', 'Caches', 'social-readiness', 'compile-cache'));
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32', 'C:\\Users\\a')).toContain('social-readiness');
  });

  it('is off with READINESS_NO_COMPILE_CACHE, or without any home folder', () => {
    expect(compileCacheDir({ READINESS_NO_COMPILE_CACHE: '1' }, 'linux', '/home/a')).toBeUndefined();
    expect(compileCacheDir({ READINESS_NO_COMPILE_CACHE: '0' }, 'linux', '/home/a')).toBeDefined();
    expect(compileCacheDir({}, 'linux', undefined)).toBeUndefined();
    // a relative home folder (HOME=. in a script) would put the cache in the working folder
    expect(compileCacheDir({}, 'linux', '.')).toBeUndefined();
    expect(compileCacheDir({ XDG_CACHE_HOME: '' }, 'linux', 'relhome')).toBeUndefined();
    expect(compileCacheDir({}, 'darwin', 'Users/a')).toBeUndefined();
    expect(compileCacheDir({ LOCALAPPDATA: 'AppData\\Local' }, 'win32', 'a')).toBeUndefined();
    expect(compileCacheDir({ LOCALAPPDATA: 'AppData\\Local' }, 'win32', 'C:\\Users\\a')).toContain('social-readiness');
  });

  it('is on when the variable says 0 or false (any other non-empty value turns it off)', () => {
    for (const value of ['', '0', 'false', 'FALSE', 'False', ' 0 ']) {
      expect(compileCacheDir({ READINESS_NO_COMPILE_CACHE: value }, 'linux', '/home/a'), value).toBeDefined();
      expect(cacheRoot({ READINESS_NO_CACHE: value }, 'linux', '/home/a'), value).toBeDefined();
    }
    for (const value of ['1', 'true', 'yes', 'off']) {
      expect(compileCacheDir({ READINESS_NO_COMPILE_CACHE: value }, 'linux', '/home/a'), value).toBeUndefined();
      expect(cacheRoot({ READINESS_NO_CACHE: value }, 'linux', '/home/a'), value).toBeUndefined();
    }
  });

  it('is trusted only when it is the user\'s own folder and others cannot write to it (or does not exist yet)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-trust-'));
    try {
      const uid = statSync(dir).uid;
      expect(trustedFolder(join(dir, 'not-yet'), uid)).toBe(true);
      expect(trustedFolder(dir, uid)).toBe(true);
      expect(trustedFolder(dir, uid + 1)).toBe(false);
      chmodSync(dir, 0o777);
      expect(trustedFolder(dir, uid)).toBe(false);
      chmodSync(dir, 0o770);
      expect(trustedFolder(dir, uid)).toBe(false);
      chmodSync(dir, 0o755);
      expect(trustedFolder(dir, uid)).toBe(true);
      writeFileSync(join(dir, 'file'), '');
      expect(trustedFolder(join(dir, 'file'), uid)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compile cache entries', () => {
  const parts: CacheKeyParts = { bundleHash: 'a'.repeat(32), size: 1000, mtimeMs: 1, sourceCrc: 7, nodeVersion: 'v20.20.2', arch: 'x64', flags: [] };

  it('are named by the bundle hash, its size and time, the Node version, architecture and flags', () => {
    const base = cacheFileName('readiness', parts);
    const variants = [
      { ...parts, bundleHash: 'b'.repeat(32) },
      { ...parts, size: 1001 },
      { ...parts, mtimeMs: 2 },
      { ...parts, nodeVersion: 'v20.20.3' },
      { ...parts, arch: 'arm64' },
      { ...parts, flags: ['--max-old-space-size=100'] },
      // an edit that keeps size and time (cp -p, rsync -a) changes the bytes' checksum
      { ...parts, sourceCrc: 0x1234 },
      { ...parts, sourceCrc: 0 },
    ];
    for (const v of variants) expect(cacheFileName('readiness', v)).not.toBe(base);
    expect(cacheFileName('readiness', { ...parts })).toBe(base);
  });

  it('round-trip, and refuse a torn, corrupt or foreign file', () => {
    const payload = Buffer.from('some cached code');
    const entry = encodeEntry(payload, crc32);
    expect(decodeEntry(entry, crc32)?.equals(payload)).toBe(true);
    // an entry made by a failed run reads the same, marked as partial
    expect(decodeEntry(encodeEntry(payload, crc32, true), crc32)?.equals(payload)).toBe(true);
    expect(isPartialEntry(encodeEntry(payload, crc32, true))).toBe(true);
    expect(isPartialEntry(entry)).toBe(false);
    const flipped = Buffer.from(entry);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 1, flipped.length - 1);
    expect(decodeEntry(flipped, crc32)).toBeUndefined();
    expect(decodeEntry(entry.subarray(0, entry.length - 1), crc32)).toBeUndefined();
    expect(decodeEntry(Buffer.from('not a cache at all'), crc32)).toBeUndefined();
    expect(decodeEntry(Buffer.alloc(0), crc32)).toBeUndefined();
  });

  it('are written whole or not at all, and an unwritable folder is no error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-cc-'));
    try {
      expect(writeAtomically(join(dir, 'x.v8cache'), Buffer.from('abc'))).toBe(true);
      expect(readFileSync(join(dir, 'x.v8cache'), 'utf8')).toBe('abc');
      expect(writeAtomically(join(dir, 'missing', 'x.v8cache'), Buffer.from('abc'))).toBe(false);
      expect(readdirSync(dir)).toEqual(['x.v8cache']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the built CLI with the compile cache', { timeout: 180000 }, () => {
  let work: string;
  beforeAll(() => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'readiness-cc-e2e-'));
    mkdirSync(join(work, 'project'));
  });
  afterAll(() => {
    try {
      chmodSync(join(work, 'ro'), 0o700);
    } catch {
      // not made
    }
    rmSync(work, { recursive: true, force: true });
  });

  const answers = join(ROOT, 'reports/examples/example-org-answers.yaml');
  const cases: string[][] = [
    ['list', '--json'],
    ['show', 'quick-check'],
    ['template', 'quick-check'],
    ['validate'],
    ['assess', '--answers', answers, '--org', 'Example Org', '--date', '2026-01-15', '--json', '-o', 'out', '--force'],
    ['history', '-d', 'out', '--json'],
  ];

  /** Runs the binary with the cache in `cache` (or off); returns output and the launcher's trace. */
  function run(args: string[], env: Record<string, string>) {
    const trace = join(work, `trace-${Math.random().toString(36).slice(2)}`);
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: join(work, 'project'),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '', READINESS_NO_COMPILE_CACHE: '', READINESS_COMPILE_CACHE_TRACE: trace, ...env },
    });
    const outcome = existsSync(trace) ? readFileSync(trace, 'utf8').trim() : '';
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, outcome };
  }
  const entries = (cache: string) => {
    const dir = join(cache, 'social-readiness', 'compile-cache');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : [];
  };

  it('misses, stores an entry per bundle and command in the cache folder (not the project), then hits; output is byte-identical with the cache off', () => {
    const cache = join(work, 'cache-a');
    const expected: string[] = [];
    for (const args of cases) {
      const off = run(args, { XDG_CACHE_HOME: cache, READINESS_NO_COMPILE_CACHE: '1' });
      expect(off.code, off.stderr).toBe(0);
      expect(off.outcome.split(' ')[0]).toBe('readiness:off');
      expect(off.outcome.split(' ').every((o) => o.endsWith(':off'))).toBe(true);
      const first = run(args, { XDG_CACHE_HOME: cache });
      const second = run(args, { XDG_CACHE_HOME: cache });
      // the bundles a run loads may depend on other caches: `history` loads yaml only for a
      // result not yet in the cache of summaries (the run with the compile cache off met them first)
      const bundles = first.outcome.split(' ').map((o) => o.replace(/:miss$/, ''));
      expect(bundles[0]).toBe('readiness');
      expect([first.stdout, first.stderr, first.code]).toEqual([off.stdout, off.stderr, off.code]);
      expect([second.stdout, second.stderr, second.code]).toEqual([off.stdout, off.stderr, off.code]);
      expect(first.outcome).toBe(bundles.map((b) => `${b}:miss`).join(' '));
      expect(second.outcome).toBe(bundles.map((b) => `${b}:hit`).join(' '));
      expected.push(...bundles.map((b) => `${b}.${args[0]}-`));
    }
    // one entry per bundle and command: what a command compiles is what its entry holds
    expect(entries(cache).map((e) => expected.find((x) => e.startsWith(x)) ?? e).sort()).toEqual(expected.sort());
    // nothing of the cache in the project folder
    expect(readdirSync(join(work, 'project')).sort()).toEqual(['out']);
  }, 180000);

  it('replaces an entry made by a failed run or a --help run, once, by the next usual run', () => {
    const cache = join(work, 'cache-partial');
    const dir = join(cache, 'social-readiness', 'compile-cache');
    const assessEntry = () => {
      const name = entries(cache).find((e) => e.startsWith('readiness.assess-'));
      return name === undefined ? undefined : readFileSync(join(dir, name));
    };
    const magic = (bytes: Buffer | undefined) => bytes?.subarray(0, 8).toString('latin1');
    // a first run that fails early (no such answers file) compiles little of assess
    const failed = run(['assess', '--answers', 'missing.yaml', '--org', 'Example Org', '-o', 'out-partial'], { XDG_CACHE_HOME: cache });
    expect(failed.code).toBe(1);
    expect(failed.outcome.split(' ')[0]).toBe('readiness:miss');
    const partial = assessEntry();
    expect(magic(partial)).toBe('RDNSV8C0');
    // so does one that asks for help; it leaves the partial entry as it is
    expect(run(['assess', '--help'], { XDG_CACHE_HOME: cache }).code).toBe(0);
    expect(assessEntry()?.equals(partial!)).toBe(true);
    // the first usual run uses it, and replaces it with an entry of all it compiled
    const usual = ['assess', '--answers', answers, '--org', 'Example Org', '--date', '2026-01-15', '--json', '-o', 'out-partial', '--force'];
    const first = run(usual, { XDG_CACHE_HOME: cache });
    expect(first.code, first.stderr).toBe(0);
    expect(first.outcome.split(' ')[0]).toBe('readiness:hit');
    const full = assessEntry();
    expect(magic(full)).toBe('RDNSV8C1');
    expect(full!.length).toBeGreaterThan(partial!.length);
    // and that one stays: a later failed run does not replace it
    expect(run(usual, { XDG_CACHE_HOME: cache }).outcome.split(' ')[0]).toBe('readiness:hit');
    expect(run(['assess', '--answers', 'missing.yaml', '--org', 'Example Org', '-o', 'out-partial'], { XDG_CACHE_HOME: cache }).code).toBe(1);
    expect(assessEntry()?.equals(full!)).toBe(true);
  });

  it('ignores a corrupt entry, answers the same, and replaces the entry', () => {
    const cache = join(work, 'cache-b');
    const off = run(['show', 'quick-check'], { READINESS_NO_COMPILE_CACHE: '1' });
    run(['show', 'quick-check'], { XDG_CACHE_HOME: cache });
    const [name] = entries(cache);
    const file = join(cache, 'social-readiness', 'compile-cache', name!);
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
    writeFileSync(file, bytes);
    const corrupt = run(['show', 'quick-check'], { XDG_CACHE_HOME: cache });
    expect([corrupt.code, corrupt.stdout, corrupt.stderr]).toEqual([0, off.stdout, '']);
    expect(corrupt.outcome).toBe('readiness:corrupt');
    expect(run(['show', 'quick-check'], { XDG_CACHE_HOME: cache }).outcome).toBe('readiness:hit');
  });

  it('falls back silently when V8 rejects an entry whose checksum is right', () => {
    const cache = join(work, 'cache-c');
    const off = run(['list'], { READINESS_NO_COMPILE_CACHE: '1' });
    run(['list'], { XDG_CACHE_HOME: cache });
    const [name] = entries(cache);
    const file = join(cache, 'social-readiness', 'compile-cache', name!);
    // well-formed for our header, garbage for V8
    writeFileSync(file, encodeEntry(Buffer.alloc(4096, 7), crc32));
    const rejected = run(['list'], { XDG_CACHE_HOME: cache });
    expect([rejected.code, rejected.stdout, rejected.stderr]).toEqual([0, off.stdout, '']);
    expect(rejected.outcome).toBe('readiness:rejected');
    expect(run(['list'], { XDG_CACHE_HOME: cache }).outcome).toBe('readiness:hit');
  });

  it('never hangs or fills memory on an entry that is a FIFO or /dev/zero', () => {
    const cache = join(work, 'cache-fifo');
    const off = run(['list'], { READINESS_NO_COMPILE_CACHE: '1' });
    run(['list'], { XDG_CACHE_HOME: cache });
    const [name] = entries(cache);
    const file = join(cache, 'social-readiness', 'compile-cache', name!);
    for (const make of [() => spawnSync('mkfifo', [file]), () => spawnSync('ln', ['-s', '/dev/zero', file])]) {
      rmSync(file, { force: true });
      make();
      const r = spawnSync(process.execPath, [BIN, 'list'], {
        cwd: join(work, 'project'),
        encoding: 'utf8',
        timeout: 30000,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '', READINESS_NO_COMPILE_CACHE: '', XDG_CACHE_HOME: cache },
      });
      expect([r.status, r.stdout, r.stderr]).toEqual([0, off.stdout, '']);
    }
  }, 120000);

  it('works without a word when the cache folder is read-only', () => {
    const off = run(['show', 'quick-check'], { READINESS_NO_COMPILE_CACHE: '1' });
    // root may write anywhere it can chmod; a folder of /proc is read-only even for root
    let cache = join(work, 'ro');
    if (process.getuid?.() === 0) cache = '/proc/1';
    else {
      mkdirSync(cache);
      chmodSync(cache, 0o500);
    }
    // and a cache "folder" that is a file
    const file = join(work, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const base of [cache, file]) {
      for (let i = 0; i < 2; i++) {
        const r = run(['show', 'quick-check'], { XDG_CACHE_HOME: base });
        expect([r.code, r.stdout, r.stderr]).toEqual([0, off.stdout, '']);
        expect(r.outcome).toBe('readiness:miss');
      }
    }
    expect(entries(cache)).toEqual([]);
  });

  const DAY = 86400000;
  const age = (file: string, ms: number) => utimesSync(file, new Date(Date.now() - ms), new Date(Date.now() - ms));

  it('prunes temporary files a day old (a write cut short by a kill), not fresh ones', () => {
    const cache = join(work, 'cache-tmp');
    const dir = join(cache, 'social-readiness', 'compile-cache');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const old = join(dir, 'readiness.list-0123456789abcdef-0123456789abcdef.v8cache.4242-abc.tmp');
    const fresh = join(dir, 'readiness.show-0123456789abcdef-0123456789abcdef.v8cache.4243-def.tmp');
    writeFileSync(old, 'cut short');
    writeFileSync(fresh, 'being written');
    age(old, 2 * DAY);
    expect(run(['list'], { XDG_CACHE_HOME: cache }).outcome).toBe('readiness:miss');
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('keeps an entry that is in use when another runtime writes its own (pruned only a day after its last use)', () => {
    const cache = join(work, 'cache-use');
    const dir = join(cache, 'social-readiness', 'compile-cache');
    run(['list'], { XDG_CACHE_HOME: cache });
    const [entry] = entries(cache);
    age(join(dir, entry!), 2 * DAY);
    // a use refreshes it
    expect(run(['list'], { XDG_CACHE_HOME: cache }).outcome).toBe('readiness:hit');
    // other V8 flags: another key, whose write prunes entries of the same name unused for a day
    const other = run(['list'], { XDG_CACHE_HOME: cache, NODE_OPTIONS: '--max-old-space-size=2000' });
    expect(other.outcome).toBe('readiness:miss');
    expect(entries(cache)).toContain(entry);
    expect(entries(cache)).toHaveLength(2);
    // and one really unused for a day goes
    age(join(dir, entry!), 2 * DAY);
    run(['show', 'quick-check'], { XDG_CACHE_HOME: cache, NODE_OPTIONS: '--max-old-space-size=2001' });
    expect(entries(cache)).toContain(entry);
    run(['list'], { XDG_CACHE_HOME: cache, NODE_OPTIONS: '--max-old-space-size=2002' });
    expect(entries(cache)).not.toContain(entry);
  });

  it('keeps a few entries per command when the key changes on every run (NODE_OPTIONS with a per-run value), the most recent', () => {
    const cache = join(work, 'cache-many');
    const dir = join(cache, 'social-readiness', 'compile-cache');
    const made: string[] = [];
    const runs = 8;
    expect(MAX_OTHER_ENTRIES + 1).toBeLessThan(runs);
    for (let i = 0; i < runs; i++) {
      const before = new Set(entries(cache));
      expect(run(['list'], { XDG_CACHE_HOME: cache, NODE_OPTIONS: `--max-old-space-size=${300 + i}` }).outcome).toBe('readiness:miss');
      const added = entries(cache).filter((e) => !before.has(e) && e.startsWith('readiness.list-'));
      expect(added).toHaveLength(1);
      made.push(added[0]!);
      // distinct times, oldest first (the runs may share a clock tick)
      age(join(dir, added[0]!), (100 - i) * 1000);
    }
    const left = entries(cache).filter((e) => e.startsWith('readiness.list-'));
    expect(left.sort()).toEqual(made.slice(-(MAX_OTHER_ENTRIES + 1)).sort());
  });

  it('skips a cache folder that others may write to, or of another user, silently', () => {
    const off = run(['list'], { READINESS_NO_COMPILE_CACHE: '1' });
    const cases: [string, (dir: string) => void][] = [
      ['compile-cache world-writable', (dir) => chmodSync(dir, 0o777)],
      ['social-readiness world-writable', (dir) => chmodSync(join(dir, '..'), 0o777)],
      ['compile-cache group-writable', (dir) => chmodSync(dir, 0o770)],
    ];
    // only root can give a folder to another user
    if (process.getuid?.() === 0) cases.push(['compile-cache of another user', (dir) => chownSync(dir, 4242, 4242)]);
    for (const [name, spoil] of cases) {
      const cache = join(work, `cache-${name.replace(/\W+/g, '-')}`);
      run(['list'], { XDG_CACHE_HOME: cache });
      const dir = join(cache, 'social-readiness', 'compile-cache');
      const before = entries(cache);
      expect(before, name).toHaveLength(1);
      spoil(dir);
      for (let i = 0; i < 2; i++) {
        const r = run(['list'], { XDG_CACHE_HOME: cache });
        expect([r.code, r.stdout, r.stderr, r.outcome], name).toEqual([0, off.stdout, '', 'readiness:off']);
      }
      expect(entries(cache), name).toEqual(before);
    }
  });

  it('run as root with another user\'s cache folder (sudo -E, sudo on macOS), makes no folder there: that user\'s own runs keep their cache', () => {
    const base = join(work, 'home-of-4242', '.cache');
    mkdirSync(base, { recursive: true });
    // only root can give a folder to another user; for any other user the rule does nothing
    expect(superuserInForeignFolder(base, 1000)).toBe(false);
    if (process.getuid?.() !== 0) return;
    chownSync(join(work, 'home-of-4242'), 4242, 4242);
    chownSync(base, 4242, 4242);
    expect(superuserInForeignFolder(base, 0)).toBe(true);
    expect(superuserInForeignFolder(join(base, 'not', 'made', 'yet'), 0)).toBe(true);
    expect(superuserInForeignFolder(join(work, 'project'), 0)).toBe(false);
    const off = run(['list'], { READINESS_NO_CACHE: '1' });
    const envs: Record<string, string>[] = [{ XDG_CACHE_HOME: base }, { XDG_CACHE_HOME: '', HOME: join(work, 'home-of-4242') }, { XDG_CACHE_HOME: join(base, 'deeper') }];
    for (const env of envs) {
      const r = run(['list'], env);
      expect([r.code, r.stdout, r.stderr, r.outcome]).toEqual([0, off.stdout, '', 'readiness:off']);
    }
    expect(readdirSync(base)).toEqual([]);
  });

  it('makes no cache in the working folder when HOME is relative (HOME=. in a script)', () => {
    const off = run(['list'], { READINESS_NO_CACHE: '1' });
    for (const home of ['.', 'relhome']) {
      const r = run(['list'], { HOME: home, XDG_CACHE_HOME: '' });
      expect([r.code, r.stdout, r.stderr, r.outcome], home).toEqual([0, off.stdout, '', 'readiness:off']);
    }
    expect(readdirSync(join(work, 'project')).filter((f) => f === '.cache' || f === 'relhome')).toEqual([]);
  });

  it('keeps no memo of checked results in a cache folder that others may write to', () => {
    const cache = join(work, 'cache-memo-untrusted');
    const root = join(cache, 'social-readiness');
    mkdirSync(root, { recursive: true, mode: 0o700 });
    chmodSync(root, 0o777);
    const assessed = run(['assess', '--answers', answers, '--org', 'Example Org', '--date', '2026-01-15', '--json', '-d', 'memo-out', '--force'], { XDG_CACHE_HOME: cache });
    expect(assessed.code, assessed.stderr).toBe(0);
    expect(run(['history', '-d', 'memo-out', '--json'], { XDG_CACHE_HOME: cache }).code).toBe(0);
    expect(readdirSync(root)).toEqual([]);
    // the same in a folder of its own: the memo is kept
    chmodSync(root, 0o700);
    expect(run(['history', '-d', 'memo-out', '--json'], { XDG_CACHE_HOME: cache }).code).toBe(0);
    expect(readdirSync(root)).toContain('checked-results');
  });

  it('is not turned off by READINESS_NO_COMPILE_CACHE=false or 0', () => {
    const cache = join(work, 'cache-false');
    for (const value of ['false', '0']) expect(run(['list'], { XDG_CACHE_HOME: cache, READINESS_NO_COMPILE_CACHE: value }).outcome).not.toBe('readiness:off');
    expect(entries(cache)).toHaveLength(1);
  });

  it('writes no compile cache when turned off, and no cache at all with READINESS_NO_CACHE', () => {
    const cache = join(work, 'cache-off');
    const r = run(['list'], { XDG_CACHE_HOME: cache, READINESS_NO_COMPILE_CACHE: '1' });
    expect(r.code).toBe(0);
    expect(entries(cache)).toEqual([]);
    const none = join(work, 'cache-none');
    const all = run(['list'], { XDG_CACHE_HOME: none, READINESS_NO_CACHE: '1' });
    expect([all.code, all.outcome]).toEqual([0, 'readiness:off']);
    expect(existsSync(none)).toBe(false);
  });
});

describe('makeFolders', () => {
  it('makes the missing levels, and gives up (never hangs) where nothing can be made', async () => {
    const { makeFolders } = await import('../../src/boot/compile-cache.js');
    const dir = mkdtempSync(join(tmpdir(), 'readiness-mk-'));
    try {
      expect(makeFolders(join(dir, 'a', 'b', 'c'))).toBe(true);
      expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
      expect(makeFolders(join(dir, 'a', 'b', 'c'))).toBe(true);
      writeFileSync(join(dir, 'file'), '');
      expect(makeFolders(join(dir, 'file', 'x'))).toBe(false);
      // Node's own recursive mkdirSync loops forever here
      if (existsSync('/proc/1')) expect(makeFolders('/proc/1/social-readiness/compile-cache')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
