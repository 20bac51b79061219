// The memo of checked results (src/load/result-memo.ts) and the cache of
// their summaries (src/load/result-summaries.ts), on the built binary:
// history and compare print the same with and without them, and an edited file
// is checked in full again (its hash changed), so it is still refused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, ROOT } from '../helpers/binary.js';

describe('the memo of checked results', () => {
  let work: string;
  let cache: string;
  beforeAll(() => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'readiness-memo-'));
    cache = join(work, 'cache');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '', XDG_CACHE_HOME: cache, READINESS_NO_CACHE: '', ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('gives the same history and trend with and without it, and refuses an edited file either way', () => {
    const answers = join(ROOT, 'reports/examples/example-org-answers.yaml');
    for (const date of ['2026-01-15', '2026-04-15', '2026-07-15']) {
      expect(run(['assess', '--answers', answers, '--org', 'Example Org', '--date', date, '-o', 'reports', '--force']).code).toBe(0);
    }
    const commands = [
      ['history'],
      ['history', '--json'],
      ['compare', '--org', 'Example Org', '--json'],
      ['compare', '--org', 'Example Org', '-o', 'trend.md', '--force'],
    ];
    const outputs = (env: Record<string, string>) => {
      rmSync(join(work, 'trend.md'), { force: true });
      return commands.map((args) => {
        const r = run(args, env);
        return [r.code, r.stdout, r.stderr, existsSync(join(work, 'trend.md')) ? readFileSync(join(work, 'trend.md'), 'utf8') : ''];
      });
    };
    rmSync(cache, { recursive: true, force: true });
    const off = outputs({ READINESS_NO_CACHE: '1' });
    expect(existsSync(cache)).toBe(false);
    const first = outputs({});
    const memo = join(cache, 'social-readiness', 'checked-results');
    // one memo file and one folder of summaries (src/load/result-summaries.ts), both named by the build
    const names = readdirSync(memo).sort();
    expect(names).toHaveLength(2);
    expect(names[1]).toBe(`${names[0]}.txt`);
    const known = readFileSync(join(memo, names[1]!), 'utf8').trim().split('\n');
    expect(known).toHaveLength(3);
    expect(readdirSync(join(memo, names[0]!)).sort()).toEqual(known.map((d) => `${d}.json`).sort());
    const second = outputs({});
    expect(first).toEqual(off);
    expect(second).toEqual(off);

    // an edit by hand that breaks the scores: refused with the memo as without it
    const folder = join(work, 'reports', 'example-org');
    const file = join(folder, readdirSync(folder).filter((f) => f.endsWith('.json')).sort()[0]!);
    const result = JSON.parse(readFileSync(file, 'utf8')) as { overall: { score: number } };
    result.overall.score += 10;
    writeFileSync(file, JSON.stringify(result, null, 2));
    const withMemo = run(['history']);
    const without = run(['history'], { READINESS_NO_CACHE: '1' });
    expect(withMemo).toEqual(without);
    expect(withMemo.stdout).toContain('do not match');

    // a FIFO in the memo's place (and no summaries): history answers, never waits for a writer
    rmSync(join(memo, names[0]!), { recursive: true, force: true });
    rmSync(join(memo, names[1]!), { force: true });
    spawnSync('mkfifo', [join(memo, names[1]!)]);
    const r = spawnSync(process.execPath, [BIN, 'history'], {
      cwd: work,
      encoding: 'utf8',
      timeout: 30000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '', XDG_CACHE_HOME: cache, READINESS_NO_CACHE: '' },
    });
    expect([r.status, r.stdout]).toEqual([without.code, without.stdout]);
  }, 240000);

  it('packs the summaries of a folder of many results, and prints the same from the pack as without any cache', () => {
    const answers = join(ROOT, 'reports/examples/example-org-answers.yaml');
    const reports = join(work, 'many');
    expect(run(['assess', '--answers', answers, '--org', 'Example Org', '--date', '2026-01-15', '-o', reports, '--force']).code).toBe(0);
    const folder = join(reports, 'example-org');
    const first = join(folder, readdirSync(folder).find((f) => f.endsWith('.json'))!);
    const base = JSON.parse(readFileSync(first, 'utf8')) as { date: string };
    for (let i = 0; i < 20; i++) writeFileSync(join(folder, `2020-01-${String(i + 1).padStart(2, '0')}-copy.json`), JSON.stringify({ ...base, date: `2020-01-${String(i + 1).padStart(2, '0')}` }, null, 2));
    const commands = [['history', '-d', reports], ['compare', '--org', 'Example Org', '-d', reports, '--json']];
    const outputs = (env: Record<string, string> = {}) => commands.map((args) => run(args, env));
    rmSync(cache, { recursive: true, force: true });
    const off = outputs({ READINESS_NO_CACHE: '1' });
    expect(off.map((r) => r.code)).toEqual([0, 0]);
    const packs = () => {
      const memo = join(cache, 'social-readiness', 'checked-results');
      const build = readdirSync(memo).find((n) => !n.endsWith('.txt'))!;
      return readdirSync(join(memo, build)).filter((n) => n.endsWith('.pack')).map((n) => join(memo, build, n));
    };
    expect(outputs()).toEqual(off);
    expect(packs()).toHaveLength(1);
    expect(outputs()).toEqual(off);

    // a tampered file: refused with the pack as without it
    const tampered = join(folder, '2020-01-05-copy.json');
    const result = JSON.parse(readFileSync(tampered, 'utf8')) as { overall: { score: number } };
    result.overall.score += 10;
    writeFileSync(tampered, JSON.stringify(result, null, 2));
    const without = outputs({ READINESS_NO_CACHE: '1' });
    expect(without[0]!.stdout).toContain('do not match');
    expect(outputs()).toEqual(without);
    expect(outputs()).toEqual(without);

    // garbage, then a FIFO, in the pack's place: the same output, and never a wait for a writer
    const pack = packs()[0]!;
    writeFileSync(pack, 'readiness-summary-pack/1 3\ngarbage');
    expect(outputs()).toEqual(without);
    rmSync(pack);
    spawnSync('mkfifo', [pack]);
    const r = spawnSync(process.execPath, [BIN, 'history', '-d', reports], {
      cwd: work,
      encoding: 'utf8',
      timeout: 30000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '', XDG_CACHE_HOME: cache, READINESS_NO_CACHE: '' },
    });
    expect([r.status, r.stdout]).toEqual([without[0]!.code, without[0]!.stdout]);
  }, 240000);
});
