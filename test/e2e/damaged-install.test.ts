// A damaged install (a bundle file truncated, overwritten or missing) is one
// sentence naming the file and saying to reinstall, with exit code 1, never a
// Node stack trace; an unexpected error's hint to set DEBUG=readiness is not
// printed when it is already set, and the stack it prints names places in the
// source. Runs a copy of the built package.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readiness, requireBuild, ROOT } from '../helpers/binary.js';

describe('a damaged install (built binary, copied)', () => {
  let pkg: string;
  let cwd: string;
  beforeAll(() => {
    requireBuild();
    pkg = mkdtempSync(join(tmpdir(), 'readiness-damaged-'));
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
    symlinkSync(join(ROOT, 'questionnaires'), join(pkg, 'questionnaires'));
    cwd = join(pkg, 'work');
    mkdirSync(cwd);
    // not a built-in's text: validating it parses YAML, a plain document with js-yaml (dist/vendor/yaml-quick.cjs),
    // one with a directive with the yaml library (dist/vendor/yaml.cjs; src/load/source.ts says which)
    const text = readFileSync(join(ROOT, 'questionnaires/quick-check.yaml'), 'utf8');
    writeFileSync(join(cwd, 'mine.yaml'), `# my copy\n${text}`);
    writeFileSync(join(cwd, 'mine-full.yaml'), `%YAML 1.2\n---\n${text}`);
  });
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [join(pkg, 'bin/readiness.cjs'), ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 60000,
      // no caches: the memo of checked questionnaires would answer for mine.yaml without parsing it (src/load/questionnaire-memo.ts)
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '', READINESS_NO_CACHE: '1', READINESS_NO_COMPILE_CACHE: '1', npm_command: '', ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const damages: [string, (file: string, good: Buffer) => void][] = [
    ['truncated', (file, good) => writeFileSync(file, good.subarray(0, good.length >> 1))],
    ['garbage', (file) => writeFileSync(file, 'garbage\n')],
    ['empty', (file) => writeFileSync(file, '')],
    ['missing', (file) => rmSync(file)],
    ['throwing as it loads', (file) => writeFileSync(file, "throw new Error('boom');\n")],
    ['a function that throws', (file) => writeFileSync(file, '(function () { throw 42; })\n')],
    // a FIFO would block a blocking open for ever
    ['a FIFO', (file) => {
      rmSync(file);
      expect(spawnSync('mkfifo', [file]).status).toBe(0);
    }],
  ];
  // a valid bundle of the wrong kind: another vendor file copied over this one
  const overwritten: [string, (file: string, good: Buffer) => void] = ['overwritten by another vendor file', (file) => writeFileSync(file, readFileSync(join(ROOT, 'dist/vendor/csv.cjs')))];

  // the launcher (dist/cli/main.cjs) is checked by bin/readiness.cjs, the others by the launcher
  for (const relative of ['dist/cli/main.cjs', 'dist/readiness.cjs', 'dist/vendor/yaml-quick.cjs', 'dist/vendor/yaml.cjs']) {
    const mine = relative === 'dist/vendor/yaml.cjs' ? 'mine-full.yaml' : 'mine.yaml';
    it.each([...damages, overwritten])(`${relative} %s: one sentence naming the file and what to do, exit 1`, (name, damage) => {
      const file = join(pkg, relative);
      const good = readFileSync(join(ROOT, relative));
      damage(file, good);
      try {
        const r = run(['validate', mine]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(new RegExp(`^readiness: the installed file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (is damaged \\(.+\\)|is missing); reinstall readiness and run again\\.\\n$`));
        // DEBUG=readiness adds the stack of what went wrong
        const debug = run(['validate', mine], { DEBUG: 'readiness' });
        expect(debug.code).toBe(1);
        expect(debug.stderr.startsWith(r.stderr)).toBe(true);
        // (an empty, foreign or non-file launcher throws nothing: there is no stack to show)
        if (relative !== 'dist/cli/main.cjs' || !['empty', 'overwritten by another vendor file', 'a function that throws', 'a FIFO'].includes(name)) expect(debug.stderr).toMatch(/\n\s+at /);
      } finally {
        rmSync(file, { force: true });
        writeFileSync(file, good);
      }
      expect(run(['validate', mine]).code).toBe(0);
    });
  }

  it('an unexpected error hints at DEBUG=readiness only when it is not set', () => {
    // stdout that throws: an error no command expects
    const boom = join(pkg, 'boom.cjs');
    writeFileSync(boom, "process.stdout.write = () => { throw new Error('boom'); };\n");
    const plain = readiness(cwd, ['list'], undefined, { NODE_OPTIONS: `--require ${boom}` });
    expect([plain.code, plain.stderr]).toEqual([1, 'readiness: unexpected error: boom. Run again with DEBUG=readiness for details, and please report it.\n']);
    const debug = readiness(cwd, ['list'], undefined, { NODE_OPTIONS: `--require ${boom}`, DEBUG: 'readiness' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).not.toContain('DEBUG=readiness');
    expect(debug.stderr).toMatch(/^readiness: unexpected error: boom\. Please report it, with the details below\.\nError: boom\n\s+at /);
  });

  it('DEBUG=readiness stack traces name places in the source, not in the minified bundle', () => {
    const r = readiness(cwd, ['show', 'no-such-questionnaire'], undefined, { DEBUG: 'readiness' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(ROOT, 'src/load/resolve.ts')}:`);
    expect(r.stderr).toMatch(/\n\s+at .*src\/cli\/commands\/show\.ts:\d+:\d+\)/);
    expect(r.stderr).not.toContain('readiness.cjs:');
    // the map is beside the bundle and only read then: the bundle does not point to it
    expect(readFileSync(join(ROOT, 'dist/readiness.cjs'), 'latin1')).not.toContain('sourceMappingURL');
  });
});
