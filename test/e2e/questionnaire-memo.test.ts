// The memo of checked questionnaires (src/load/questionnaire-memo.ts) on the
// built binary, in a consultant's folder with questionnaires of their own:
// every command prints and writes the same with the memo as without it, an
// edited file is checked in full again, and a known folder is answered
// without loading the YAML libraries.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, ROOT } from '../helpers/binary.js';

const QUICK = readFileSync(join(ROOT, 'questionnaires/quick-check.yaml'), 'utf8');
const OURS = QUICK.replace(/^id: .*$/m, 'id: our-check').replace(/^title: .*$/m, 'title: Our own check');
/** A local file with a built-in's id: it overrides the built-in. */
const OVERRIDE = QUICK.replace(/^title: .*$/m, 'title: Our quick check');

describe('the memo of checked questionnaires', () => {
  let work: string;
  let cache: string;
  let trace: string;
  beforeAll(() => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'readiness-qmemo-'));
    cache = join(work, 'cache');
    trace = join(work, 'trace');
    mkdirSync(join(work, 'questionnaires'));
    writeFileSync(join(work, 'questionnaires', 'our-check.yaml'), OURS);
    writeFileSync(join(work, 'questionnaires', 'quick-check.yaml'), OVERRIDE);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) => {
    rmSync(trace, { force: true });
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '', XDG_CACHE_HOME: cache, READINESS_NO_CACHE: '', READINESS_COMPILE_CACHE_TRACE: trace, ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  /** The bundles the last run compiled (the launcher's trace): which libraries it loaded. */
  const loaded = () => (existsSync(trace) ? readFileSync(trace, 'utf8') : '');
  const memoEntries = () => {
    const root = join(cache, 'social-readiness', 'checked-questionnaires');
    return existsSync(root) ? readdirSync(root).flatMap((build) => readdirSync(join(root, build))) : [];
  };

  const commands = [
    ['list'],
    ['list', '--json'],
    ['show', 'our-check', '--json'],
    ['show', 'quick-check'],
    ['template', 'our-check'],
    ['template', 'quick-check'],
    ['validate', 'questionnaires'],
    ['show', 'questionnaires/our-check.yaml', '--json'],
  ];
  const outputs = (env: Record<string, string>) => commands.map((args) => run(args, env));

  it('prints the same with and without it; a known folder loads no YAML library; a built-in is not remembered', () => {
    rmSync(cache, { recursive: true, force: true });
    const off = outputs({ READINESS_NO_CACHE: '1' });
    expect(off.every((r) => r.code === 0)).toBe(true);
    const first = outputs({});
    // one entry per local file (the built-in files are in the bundle's own cache)
    expect(memoEntries()).toHaveLength(2);
    // kept per build of the checker and of both YAML libraries: a new parser never vouches with an old one's answers
    const launcher = readFileSync(join(ROOT, 'dist/cli/main.cjs'), 'utf8');
    const hashOf = (key: string) => new RegExp(`"${key}":\\s*"([0-9a-f]{32})"`).exec(launcher)?.[1];
    expect(readdirSync(join(cache, 'social-readiness', 'checked-questionnaires'))).toEqual([hashOf('check:questionnaire')]);
    expect(hashOf('check:questionnaire')).not.toBe(hashOf('readiness.cjs'));
    const second = outputs({});
    expect(first).toEqual(off);
    expect(second).toEqual(off);
    for (const args of [['list'], ['show', 'our-check'], ['show', 'quick-check']]) {
      expect(run(args).code).toBe(0);
      expect(loaded(), args.join(' ')).not.toMatch(/vendor-yaml/);
    }
    // the same assessment with and without the memo
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, run(['template', 'our-check']).stdout);
    const assess = (out: string, env: Record<string, string>) => {
      const r = run(['assess', '--answers', answers, '--org', 'Memo Org', '--date', '2026-01-15', '-o', out, '--force', '--allow-partial'], env);
      const folder = join(work, out, 'memo-org');
      return { ...r, files: readdirSync(folder).sort().map((f) => readFileSync(join(folder, f), 'utf8')) };
    };
    const a = assess('with', {});
    const b = assess('without', { READINESS_NO_CACHE: '1' });
    expect(a.code).toBe(0);
    expect(a.files).toEqual(b.files);
    expect(a.stderr).toBe(b.stderr);
  });

  it('checks an edited file in full again, so its problem is reported with and without the memo', () => {
    outputs({});
    const file = join(work, 'questionnaires', 'our-check.yaml');
    writeFileSync(file, OURS.replace('scale: agree5', 'scale: agree7'));
    try {
      for (const args of [['list'], ['show', 'our-check'], ['validate', 'questionnaires/our-check.yaml']]) {
        const withMemo = run(args);
        const without = run(args, { READINESS_NO_CACHE: '1' });
        expect(withMemo, args.join(' ')).toEqual(without);
        expect(withMemo.stdout + withMemo.stderr).toMatch(/unknown scale "agree7"/);
      }
    } finally {
      writeFileSync(file, OURS);
    }
  });

  it('an id that is also a file in the working folder is that file, with and without the memo', () => {
    outputs({});
    writeFileSync(join(work, 'our-check'), OURS.replace('Our own check', 'The file named like the id'));
    try {
      const withMemo = run(['show', 'our-check', '--json']);
      expect(withMemo).toEqual(run(['show', 'our-check', '--json'], { READINESS_NO_CACHE: '1' }));
      expect(JSON.parse(withMemo.stdout).title).toBe('The file named like the id');
    } finally {
      rmSync(join(work, 'our-check'));
    }
  });

  it('a damaged entry, or a FIFO in its place, is a miss: same output, no hang', () => {
    outputs({});
    const root = join(cache, 'social-readiness', 'checked-questionnaires');
    const build = readdirSync(root)[0]!;
    const entries = readdirSync(join(root, build));
    const off = run(['list', '--json'], { READINESS_NO_CACHE: '1' });
    for (const name of entries) writeFileSync(join(root, build, name), readFileSync(join(root, build, name)).subarray(0, 100));
    expect(run(['list', '--json'])).toEqual(off);
    for (const name of entries) {
      rmSync(join(root, build, name));
      spawnSync('mkfifo', [join(root, build, name)]);
    }
    expect(run(['list', '--json'])).toEqual(off);
  });
});
