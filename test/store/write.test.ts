import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { writeFilesAtomically } from '../../src/store/write.js';

const temp = () => mkdtempSync(join(tmpdir(), 'store-'));

describe('writeFilesAtomically', () => {
  it('makes folders as needed and writes every file, leaving no temp files', () => {
    const dir = temp();
    writeFilesAtomically(
      [
        { path: 'out/org/a.md', content: '# A\n' },
        { path: 'out/org/a.json', content: '{}\n' },
      ],
      { cwd: dir },
    );
    expect(readFileSync(join(dir, 'out/org/a.md'), 'utf8')).toBe('# A\n');
    expect(readFileSync(join(dir, 'out/org/a.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(join(dir, 'out/org')).sort()).toEqual(['a.json', 'a.md']);
  });

  it('writes neither file when either exists, naming it and --force', () => {
    const dir = temp();
    mkdirSync(join(dir, 'org'));
    writeFileSync(join(dir, 'org/a.json'), 'old');
    const files = [
      { path: 'org/a.md', content: 'new report' },
      { path: 'org/a.json', content: 'new result' },
    ];
    expect(() => writeFilesAtomically(files, { cwd: dir })).toThrow(new InputError('org/a.json already exists; use --force to overwrite, or choose another --date or output folder.'));
    expect(existsSync(join(dir, 'org/a.md'))).toBe(false);
    expect(readFileSync(join(dir, 'org/a.json'), 'utf8')).toBe('old');

    writeFileSync(join(dir, 'org/a.md'), 'old');
    expect(() => writeFilesAtomically(files, { cwd: dir })).toThrow(/org\/a.md and org\/a.json already exist; use --force/);

    writeFilesAtomically(files, { cwd: dir, force: true });
    expect(readFileSync(join(dir, 'org/a.md'), 'utf8')).toBe('new report');
    expect(readFileSync(join(dir, 'org/a.json'), 'utf8')).toBe('new result');
    expect(readdirSync(join(dir, 'org')).sort()).toEqual(['a.json', 'a.md']);
  });

  it('--force keeps the mode the user set on each file it replaces (alone or as a set); new files get the usual mode; a link is still refused', () => {
    const dir = temp();
    const mode = (p: string) => lstatSync(join(dir, p)).mode & 0o777;
    writeFilesAtomically([{ path: 'one.md', content: 'old' }], { cwd: dir });
    const usual = mode('one.md');
    chmodSync(join(dir, 'one.md'), 0o444);
    writeFilesAtomically([{ path: 'one.md', content: 'new' }], { cwd: dir, force: true });
    expect([readFileSync(join(dir, 'one.md'), 'utf8'), mode('one.md')]).toEqual(['new', 0o444]);

    writeFilesAtomically([{ path: 'org/a.md', content: 'old' }, { path: 'org/a.json', content: 'old' }], { cwd: dir });
    chmodSync(join(dir, 'org/a.md'), 0o400);
    chmodSync(join(dir, 'org/a.json'), 0o660);
    writeFilesAtomically([{ path: 'org/a.md', content: 'new' }, { path: 'org/a.json', content: 'new' }, { path: 'org/a.html', content: 'new' }], { cwd: dir, force: true });
    expect([mode('org/a.md'), mode('org/a.json'), mode('org/a.html')]).toEqual([0o400, 0o660, usual]);
    expect(readFileSync(join(dir, 'org/a.md'), 'utf8')).toBe('new');

    writeFileSync(join(dir, 'elsewhere.md'), 'theirs');
    chmodSync(join(dir, 'elsewhere.md'), 0o600);
    symlinkSync(join(dir, 'elsewhere.md'), join(dir, 'link.md'));
    expect(() => writeFilesAtomically([{ path: 'link.md', content: 'new' }], { cwd: dir, force: true })).toThrow(/link\.md is a symbolic link/);
    expect([readFileSync(join(dir, 'elsewhere.md'), 'utf8'), mode('elsewhere.md')]).toEqual(['theirs', 0o600]);
  });

  it('refuses to replace a folder, even with --force', () => {
    const dir = temp();
    mkdirSync(join(dir, 'a.md'));
    expect(() => writeFilesAtomically([{ path: 'a.md', content: 'x' }], { cwd: dir, force: true })).toThrow(/a.md is a folder/);
  });

  it('turns an unwritable place into a plain InputError without leaving temp files', () => {
    const dir = temp();
    writeFileSync(join(dir, 'blocker'), 'a file where a folder should be');
    expect(() => writeFilesAtomically([{ path: 'blocker/x/a.md', content: 'x' }], { cwd: dir })).toThrow(/cannot create the folder blocker\/x/);
    expect(readdirSync(dir)).toEqual(['blocker']);
  });

  it('writes multi-byte text exactly', () => {
    const dir = temp();
    const text = 'Zürich — ✓ 名前\n'.repeat(5000);
    writeFilesAtomically([{ path: 'u.md', content: text }], { cwd: dir });
    expect(readFileSync(join(dir, 'u.md'), 'utf8')).toBe(text);
  });
});

describe('signals held back while publishing', () => {
  it('adds one listener per signal however many publications run in one process, and removes it after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-signals-'));
    const settle = () => new Promise((r) => setImmediate(() => setImmediate(() => setImmediate(r))));
    await settle(); // publications of earlier tests let go of their listener
    const before = process.listenerCount('SIGTERM');
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 25; i++) {
        writeFilesAtomically(
          [
            { path: join(dir, `r${i}.md`), content: 'report\n' },
            { path: join(dir, `r${i}.json`), content: '{}\n' },
          ],
          { force: true },
        );
        expect(process.listenerCount('SIGTERM')).toBe(before + 1);
      }
      await settle();
      expect(process.listenerCount('SIGTERM')).toBe(before);
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
