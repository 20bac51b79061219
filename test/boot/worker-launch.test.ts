// The launcher in a worker thread (src/boot/launch.ts, startWorker): it reads the compile cache
// entries of the parent's command and writes nothing: no entry, no folder, no trace line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTask } from '../../src/cli/worker-task.js';
import { BIN, requireBuild, ROOT } from '../helpers/binary.js';

const launcher = join(ROOT, 'dist/cli/main.cjs');

describe('a worker thread and the compile cache', () => {
  let work: string;
  const saved = { ...process.env };
  beforeAll(() => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'readiness-worker-cache-'));
  });
  afterEach(() => {
    // a worker takes a copy of this process's environment when it starts
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const folder = (cache: string) => join(cache, 'social-readiness', 'compile-cache');
  /** Every file of the cache folder with its size and modification time. */
  const snapshot = (cache: string) => {
    const dir = folder(cache);
    return existsSync(dir) ? readdirSync(dir).map((f) => `${f} ${statSync(join(dir, f)).size} ${statSync(join(dir, f)).mtimeMs}`).sort() : [];
  };
  const ping = async (env: Record<string, string>, command: string) => {
    Object.assign(process.env, env);
    const end = await startTask('ping', 'hello', { launcher, command }).done;
    expect(end.error).toBeUndefined();
    return (end.value as { compiled: string[] }).compiled;
  };

  it("gets a hit from the entry the parent's command made, and writes no entry, no trace line", async () => {
    const cache = join(work, 'cache-hit');
    const trace = join(work, 'trace-hit');
    // the parent's entry, made by a run of `list` under this process's Node options (a worker
    // inherits them, and they are part of an entry's key)
    const made = spawnSync(process.execPath, [...process.execArgv, BIN, 'list'], { cwd: work, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache, READINESS_NO_COMPILE_CACHE: '', READINESS_NO_CACHE: '' } });
    expect(made.status, made.stderr).toBe(0);
    // an entry two hours old: a hit in the parent would refresh its time, one in a worker does not
    const old = new Date(Date.now() - 2 * 3600000);
    for (const f of readdirSync(folder(cache))) utimesSync(join(folder(cache), f), old, old);
    const before = snapshot(cache);
    expect(before.some((f) => f.startsWith('readiness.list-'))).toBe(true);
    expect(await ping({ XDG_CACHE_HOME: cache, READINESS_NO_COMPILE_CACHE: '', READINESS_NO_CACHE: '', READINESS_COMPILE_CACHE_TRACE: trace }, 'list')).toEqual(['readiness:hit']);
    expect(snapshot(cache)).toEqual(before);
    expect(existsSync(trace)).toBe(false);
    // a worker that a task starts (the built startTask, with its defaults) reads the same entries
    Object.assign(process.env, { XDG_CACHE_HOME: cache, READINESS_COMPILE_CACHE_TRACE: trace });
    const relayed = await startTask('ping', { relay: 'inner' }, { launcher, command: 'list' }).done;
    expect(relayed.value).toEqual({ compiled: ['readiness:hit'], relayed: { code: 0, terminated: false, value: { compiled: ['readiness:hit'] } } });
    expect(snapshot(cache)).toEqual(before);
    expect(existsSync(trace)).toBe(false);
  });

  it('misses without an entry of its command, and still writes none (nor makes the folder)', async () => {
    const cache = join(work, 'cache-empty');
    const trace = join(work, 'trace-empty');
    const env = { XDG_CACHE_HOME: cache, READINESS_NO_COMPILE_CACHE: '', READINESS_NO_CACHE: '', READINESS_COMPILE_CACHE_TRACE: trace };
    expect(await ping(env, 'assess')).toEqual(['readiness:miss']);
    // a name that is no command is read as "other", never as a path
    expect(await ping(env, '../../x')).toEqual(['readiness:miss']);
    expect(existsSync(cache)).toBe(false);
    expect(existsSync(trace)).toBe(false);
  });

  it('compiles from source with the cache off', async () => {
    const cache = join(work, 'cache-off');
    expect(await ping({ XDG_CACHE_HOME: cache, READINESS_NO_COMPILE_CACHE: '1' }, 'list')).toEqual(['readiness:off']);
    expect(existsSync(cache)).toBe(false);
  });
});
