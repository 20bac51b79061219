// The foundation commands as a user runs them: the built binary (run `npm run build` first).
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readiness, requireBuild, ROOT } from '../helpers/binary.js';

const BROKEN = join(ROOT, 'test/fixtures/questionnaires/broken');


const workspace = () => mkdtempSync(join(tmpdir(), 'readiness-foundation-e2e-'));

interface ShownQuestion {
  id: string;
  type: string;
  text: string;
  scored: boolean;
  options?: Array<{ value: string | number; label: string; score: number }>;
}

beforeAll(requireBuild);

describe('readiness validate (built binary)', () => {
  it('passes on the built-in questionnaires with exit 0', () => {
    const r = readiness(workspace(), ['validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ .*quick-check\.yaml \(quick-check v/m);
    expect(r.stdout).toMatch(/^✓ .*social-readiness\.yaml \(social-readiness v/m);
    expect(r.stdout).toContain('All 2 files are valid.');
  });

  it('points to the exact line of a broken file and exits 1', () => {
    const cwd = workspace();
    copyFileSync(join(BROKEN, 'condition-later-question.yaml'), join(cwd, 'mine.yaml'));
    const r = readiness(cwd, ['validate', 'mine.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'mine.yaml:25:23 questions[0].when.question: refers to question "culture-share", which comes later (line 26); a question can depend only on earlier questions',
    );
    expect(r.stderr).toBe('readiness: 1 of 1 file has problems (1 in all); fix them and run `readiness validate` again.\n');
  });

  it('reports every broken fixture, none of them passing', () => {
    const r = readiness(ROOT, ['validate', 'test/fixtures/questionnaires/broken']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('✓');
    expect(r.stdout).toContain('test/fixtures/questionnaires/broken/unknown-scale.yaml:24:12 questions[0].scale: unknown scale "likert7"; defined scales are: agree3');
    expect(r.stdout).not.toMatch(/at .*\.js:\d+|Error:/); // no stack traces
  });
});

describe('readiness list --json (built binary)', () => {
  it('lists the two built-ins', () => {
    const r = readiness(workspace(), ['list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ id: string; builtIn: boolean; questions: number; minutes: number }>;
    expect(rows.map((x) => x.id)).toEqual(['quick-check', 'social-readiness']);
    const full = rows.find((x) => x.id === 'social-readiness')!;
    expect(full.questions).toBeGreaterThanOrEqual(30);
    expect(full.questions).toBeLessThanOrEqual(45);
    expect(rows.every((x) => x.builtIn)).toBe(true);
  });
});

describe('readiness show --json (built binary)', () => {
  it('lists every question of social-readiness with its allowed values and scores', () => {
    const r = readiness(workspace(), ['show', 'social-readiness', '--json']);
    expect(r.code).toBe(0);
    const q = JSON.parse(r.stdout) as { id: string; questions: ShownQuestion[]; dimensions: unknown[]; levels: unknown[]; pilots: unknown[] };
    expect(q.id).toBe('social-readiness');
    expect(q.questions.length).toBeGreaterThanOrEqual(30);
    for (const question of q.questions) {
      expect(question.text.length).toBeGreaterThan(0);
      if (['likert', 'single', 'multiple', 'yesno'].includes(question.type)) {
        expect(question.options!.length).toBeGreaterThanOrEqual(2);
        for (const o of question.options!) {
          expect(o.label.length).toBeGreaterThan(0);
          expect(o.score).toBeGreaterThanOrEqual(0);
          expect(o.score).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(q.dimensions.length).toBeGreaterThanOrEqual(6);
    expect(q.pilots.length).toBeGreaterThanOrEqual(10);
  });

  it('refuses an unknown questionnaire with exit 1 and a suggestion', () => {
    const r = readiness(workspace(), ['show', 'quick-chek']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown questionnaire "quick-chek" (did you mean "quick-check"?)');
  });
});

describe('readiness template (built binary)', () => {
  it('writes a blank answers file with one key per question id, and will not overwrite it', () => {
    const cwd = workspace();
    const r = readiness(cwd, ['template', 'quick-check', '-o', 'answers.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('answers.yaml');
    const written = parse(readFileSync(join(cwd, 'answers.yaml'), 'utf8')) as { questionnaire: string; answers: Record<string, unknown> };
    const shown = JSON.parse(readiness(cwd, ['show', 'quick-check', '--json']).stdout) as { questions: ShownQuestion[] };
    expect(written.questionnaire).toBe('quick-check');
    expect(Object.keys(written.answers)).toEqual(shown.questions.map((x) => x.id));
    expect(Object.values(written.answers).every((v) => v === null)).toBe(true);

    const again = readiness(cwd, ['template', 'quick-check', '-o', 'answers.yaml']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('answers.yaml already exists; use --force to overwrite');
    expect(readiness(cwd, ['template', 'quick-check', '-o', 'answers.yaml', '--force']).code).toBe(0);
  });
});

describe('readiness --version and --help (built binary)', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('prints the package version with --version and -V, exit 0', () => {
    for (const flag of ['--version', '-V']) {
      const r = readiness(tmpdir(), [flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('lists every command in --help, and a usage error exits 2', () => {
    const help = readiness(tmpdir(), ['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['list', 'show', 'validate', 'template', 'assess', 'sessions', 'report', 'history', 'compare']) expect(help.stdout).toContain(`  ${cmd}`);
    const bad = readiness(tmpdir(), ['nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('there is no command "nope"');
    expect(bad.stderr).not.toContain('unexpected error');
  });
});

describe('output into a pipe closed early (`readiness show … | head -1`)', () => {
  it('exits quietly with 0, without a stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(ROOT, 'bin/readiness.cjs'), 'show', 'social-readiness', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
