// The interview as a person types it: the BUILT binary in a real
// pseudo-terminal (python3's pty module, see test/fixtures/interview/pty-run.py),
// keystrokes sent only after the prompt they answer is on screen.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { KEY, Terminal } from '../helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/readiness.cjs');
const mini = join(root, 'test/fixtures/interview/mini.yaml');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : [];
}

describe('the interview in a real terminal', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/cli/main.cjs'))) throw new Error('build first: npm run build');
  });

  it(
    'survives Ctrl-C half way, resumes with every answer and note, and writes what --answers writes',
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'readiness-pty-'));
      const common = ['--date', '2026-11-29', '-o', 'out'];

      // 1. start, answer two questions (one with a note), press Ctrl-C at the third
      const first = new Terminal(['assess', '-q', mini, '--org', 'Acme', '--respondent', 'Dana', '--role', 'HR', ...common], cwd);
      await first.waitFor('up to 5 questions in 2 parts, about 2 minutes');
      await first.pick('Is there a named sponsor for the change?', 1, 'Yes');
      await first.note();
      await first.pick('The sponsor takes part visibly.', 4, 'Agree');
      await first.note('seen at every all-hands');
      await first.answer('Which teams do people already work with closely?', KEY.ctrlC);
      expect(await first.exited).toBe(130);
      const sessions = filesIn(join(cwd, 'out/.sessions'));
      expect(sessions).toHaveLength(1);
      const id = sessions[0]!.replace(/\.json$/, '');
      expect(first.screen).toContain(`resume with: readiness assess --resume ${id} -d out`);
      const saved = JSON.parse(readFileSync(join(cwd, 'out/.sessions', sessions[0]!), 'utf8'));
      expect(saved.answers).toEqual({
        sponsor: { status: 'answered', value: 'yes' },
        'sponsor-visible': { status: 'answered', value: 4, note: 'seen at every all-hands' },
      });
      expect(saved.progress).toEqual({ answered: 2, total: 5 });

      // the session is listed
      const listed = await run(['sessions', '-d', 'out'], cwd);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`${id}\\s+Acme \\(Dana\\)\\s+mini-pulse\\s+2/5`));

      // 2. resume: carry on at the first unanswered question, go back once, finish from the review
      const second = new Terminal(['assess', '--resume', '-o', 'out'], cwd);
      await second.waitFor(`Resuming interview ${id}`);
      await second.waitFor('2 of 5 questions answered so far');
      await second.answer('Which teams do people already work with closely?', KEY.space);
      await second.waitFor('◉ Sales');
      second.type(KEY.enter);
      await second.note();
      await second.answer('Hours a month each person could spend on a pilot?', `<${KEY.enter}`);
      // back on the previous question, with its answer still ticked: keep it
      await second.waitFor('Which teams do people already work with closely?');
      await second.waitFor('◉ Sales');
      second.type(KEY.enter);
      await second.note();
      await second.answer('Hours a month each person could spend on a pilot?', `6${KEY.enter}`);
      await second.note();
      await second.answer('Which problem should a pilot tackle first?', KEY.enter); // optional: skipped
      await second.waitFor('Review your answers');
      await second.waitFor('Note: seen at every all-hands');
      await second.answer('Finish and write the report', KEY.enter);
      expect(await second.exited).toBe(0);
      expect(filesIn(join(cwd, 'out/.sessions'))).toEqual([]);

      // 3. the same answers through --answers give the same result and report
      writeFileSync(
        join(cwd, 'answers.yaml'),
        [
          'questionnaire: mini-pulse',
          'organization: Acme',
          'respondent: Dana',
          'role: HR',
          'answers:',
          '  sponsor: "yes"',
          '  sponsor-visible: { value: 4, note: "seen at every all-hands" }',
          '  links: [sales]',
          '  hours: 6',
          '  first-problem:',
          '',
        ].join('\n'),
      );
      const direct = await run(['assess', '--answers', 'answers.yaml', '-q', mini, ...common.slice(0, 2), '-o', 'direct'], cwd);
      expect(direct.stderr).toBe('');
      expect(direct.code).toBe(0);
      // the interview's own report is named after its respondent, so a second interview that day cannot collide
      const made = filesIn(join(cwd, 'out')).filter((f) => /\.(md|json)$/.test(f));
      expect(made).toEqual(['acme/2026-11-29-mini-pulse-dana.json', 'acme/2026-11-29-mini-pulse-dana.md']);
      expect(filesIn(join(cwd, 'direct')).filter((f) => /\.(md|json)$/.test(f))).toEqual(['acme/2026-11-29-mini-pulse.json', 'acme/2026-11-29-mini-pulse.md']);
      for (const ext of ['md', 'json']) {
        expect(readFileSync(join(cwd, `out/acme/2026-11-29-mini-pulse-dana.${ext}`), 'utf8'), ext).toBe(readFileSync(join(cwd, `direct/acme/2026-11-29-mini-pulse.${ext}`), 'utf8'));
      }
      // and it kept the respondent's answers as an answers file, which scores to the same result
      expect(filesIn(join(cwd, 'out/acme/answers'))).toEqual(['2026-11-29-dana.yaml']);
      const again = await run(['assess', '--answers', 'out/acme/answers/2026-11-29-dana.yaml', '-q', mini, '-o', 'again'], cwd);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(readFileSync(join(cwd, 'again/acme/2026-11-29-mini-pulse.json'), 'utf8')).toBe(readFileSync(join(cwd, 'direct/acme/2026-11-29-mini-pulse.json'), 'utf8'));
    },
    180_000,
  );

  it(
    'interviews of one organization on one day never collide: each keeps its answers file and its own report',
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'readiness-pty-'));
      const interview = async (respondent: string, likert: number, label: string) => {
        const t = new Terminal(['assess', '-q', mini, '--org', 'Acme', '--respondent', respondent, '--role', 'Lead', '--segment', 'unit=Board', '--date', '2026-11-30'], cwd);
        await t.pick('Is there a named sponsor for the change?', 1, 'Yes');
        await t.note();
        await t.pick('The sponsor takes part visibly.', likert, label);
        await t.note(`${respondent}'s note`);
        await t.answer('Which teams do people already work with closely?', KEY.space);
        await t.waitFor('◉ Sales');
        t.type(KEY.enter);
        await t.note();
        await t.answer('Hours a month each person could spend on a pilot?', `4${KEY.enter}`);
        await t.note();
        await t.answer('Which problem should a pilot tackle first?', KEY.enter);
        await t.answer('Finish and write the report', KEY.enter);
        const code = await t.exited;
        return { code, screen: t.screen };
      };
      const raj = await interview('Raj Patel', 4, 'Agree');
      expect(raj.code).toBe(0);
      const lee = await interview('Lee', 1, 'Disagree');
      expect(lee.code, lee.screen).toBe(0);
      const raj2 = await interview('Raj Patel', 3, 'Somewhat agree');
      expect(raj2.code, raj2.screen).toBe(0);
      expect(raj2.screen).toContain('Answers: reports/acme/answers/2026-11-30-raj-patel-2.yaml');
      expect(raj2.screen).toContain('readiness assess --org Acme --all');
      expect(filesIn(join(cwd, 'reports/acme'))).toEqual([
        '2026-11-30-mini-pulse-lee.json',
        '2026-11-30-mini-pulse-lee.md',
        '2026-11-30-mini-pulse-raj-patel-2.json',
        '2026-11-30-mini-pulse-raj-patel-2.md',
        '2026-11-30-mini-pulse-raj-patel.json',
        '2026-11-30-mini-pulse-raj-patel.md',
        'answers',
        'answers/2026-11-30-lee.yaml',
        'answers/2026-11-30-raj-patel-2.yaml',
        'answers/2026-11-30-raj-patel.yaml',
      ]);
      expect(filesIn(join(cwd, 'reports/.sessions'))).toEqual([]);
      const kept = readFileSync(join(cwd, 'reports/acme/answers/2026-11-30-lee.yaml'), 'utf8');
      expect(kept).toContain('respondent: Lee');
      expect(kept).toContain('segments:\n  unit: Board');
      expect(kept).toContain(`sponsor-visible: { value: 1, note: Lee's note }`);
      // the first interview's files are untouched by the later ones
      expect(JSON.parse(readFileSync(join(cwd, 'reports/acme/2026-11-30-mini-pulse-raj-patel.json'), 'utf8')).answers[1].value).toBe(4);
    },
    180_000,
  );

  it('without a terminal, stops at once with exit 2 and points to --answers', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-pty-'));
    const result = await run(['assess', '-q', mini], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--answers');
    expect(result.stderr).toContain('readiness template');
    expect(filesIn(cwd)).toEqual([]);
  });
});
