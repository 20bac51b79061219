// Whole-file writes of the caches (src/load/cache-folder.ts writeWhole, and the
// compile cache's writeAtomically): Ctrl-C or SIGTERM between the temporary
// file's write and its rename is held until the rename is done, so no
// temporary file is left in the cache folder, and then ends the process as it
// would have. Each case runs in a child process (the signal ends it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'readiness-cache-folder-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A script that sends itself `signal` just before the rename of a cache write
 * (renameSync replaced on node:fs, and synced to the named imports), with
 * `writer` doing the write, then says it went on.
 */
function script(writer: 'writeWhole' | 'writeAtomically', file: string, signal: string): string {
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
    const ok = ${writer === 'writeWhole' ? 'writeWhole(fs, [], file, Buffer.from("whole entry"))' : 'writeAtomically(file, Buffer.from("whole entry"))'};
    process.stdout.write('written ' + ok + '\\n');
  `;
}

describe('cache writes and signals', () => {
  for (const writer of ['writeWhole', 'writeAtomically'] as const) {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      it(`${writer}: ${signal} between the write and the rename leaves the entry whole and no temporary file, then ends the process`, () => {
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
});
