// Whole-file writes of the caches (src/load/cache-folder.ts writeWhole, and the
// compile cache's writeAtomically): at exit, Ctrl-C or SIGTERM between the
// temporary file's write and its rename is held until the rename is done, so no
// temporary file is left in the cache folder, and then ends the process as it
// would have; during a command it is not held (it would wait for the event
// loop), and what it leaves is removed by the next run that writes there.
// Each signal case runs in a child process (the signal ends it).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTemporaries } from '../../src/load/cache-folder.js';

const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'readiness-cache-folder-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A script that sends itself `signal` just before the rename of a cache write
 * (renameSync replaced on node:fs, and synced to the named imports), with
 * `writer` doing the write, then says it went on.
 */
function script(writer: 'writeWhole' | 'writeAtomically', file: string, signal: string, atExit = true): string {
  const folder = pathToFileURL(join(ROOT, 'src/load/cache-folder.ts')).href;
  const compile = pathToFileURL(join(ROOT, 'src/boot/compile-cache.ts')).href;
  return `
    import fs from 'node:fs';
    import { syncBuiltinESMExports } from 'node:module';
    const rename = fs.renameSync;
    fs.renameSync = (from, to) => {
      process.kill(process.pid, ${JSON.stringify(signal)});
      return rename(from, to);
    };
    syncBuiltinESMExports();
    const { writeWhole } = await import(${JSON.stringify(folder)});
    const { writeAtomically } = await import(${JSON.stringify(compile)});
    const file = ${JSON.stringify(file)};
    const ok = ${writer === 'writeWhole' ? `writeWhole(fs, [], file, Buffer.from("whole entry"), ${atExit})` : 'writeAtomically(file, Buffer.from("whole entry"))'};
    process.stdout.write('written ' + ok + '\\n');
  `;
}

describe('cache writes and signals', () => {
  for (const writer of ['writeWhole', 'writeAtomically'] as const) {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      it(`${writer} at exit: ${signal} between the write and the rename leaves the entry whole and no temporary file, then ends the process`, () => {
        const dir = mkdtempSync(join(work, 'dir-'));
        const file = join(dir, 'entry.json');
        const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(writer, file, signal)], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
        expect(r.stderr).toBe('');
        expect(readdirSync(dir)).toEqual(['entry.json']);
        expect(readFileSync(file, 'utf8')).toBe('whole entry');
        expect(r.stdout).toBe('written true\n');
        expect(r.signal).toBe(signal);
      });
    }
  }

  it('writeWhole during a command holds no signal (it would wait for the event loop, which a long check does not reach)', () => {
    const dir = mkdtempSync(join(work, 'dir-'));
    const file = join(dir, 'entry.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script('writeWhole', file, 'SIGINT', false)], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    // ended at once by the signal: the line after the write is never printed
    expect(r.stdout).toBe('');
    expect(r.signal).toBe('SIGINT');
  });

  it('removes temporary files of writers that have ended, and those a day old, not those of running processes', () => {
    const dir = mkdtempSync(join(work, 'dir-'));
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = [`a.json.${ended}-x1.tmp`, `b.json.${process.pid}-x2.tmp`, `c.json.${process.ppid}-x3.tmp`, 'd.json.tmp', 'e.json'];
    for (const name of names) writeFileSync(join(dir, name), 'x');
    const old = join(dir, 'f.json.x.tmp');
    writeFileSync(old, 'x');
    fs.utimesSync(old, new Date(Date.now() - 2 * 86400000), new Date(Date.now() - 2 * 86400000));
    removeStaleTemporaries(fs, dir, readdirSync(dir), Date.now());
    expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort());
  });
});
