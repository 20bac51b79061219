// The interview as a person types it: the BUILT binary in a real
// pseudo-terminal (python3's pty module, see test/fixtures/interview/pty-run.py),
// keystrokes sent only after the prompt they answer is on screen.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/readiness.js');
const driver = join(root, 'test/fixtures/interview/pty-run.py');
const mini = join(root, 'test/fixtures/interview/mini.yaml');

const KEY = { enter: '\r', down: '\u001b[B', space: ' ', ctrlC: '\u0003' };
const WAIT_MS = 30_000;

/** Terminal output as text: colour and cursor codes removed. */
function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}

/** A program running in a pseudo-terminal that we type into. */
class Terminal {
  private output = '';
  /** Where the next wait starts looking: each expected text must come after the previous one. */
  private cursor = 0;
  private waiters: (() => void)[] = [];
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number>;

  constructor(args: string[], cwd: string, columns = 100) {
    this.child = spawn('python3', [driver, String(columns), '40', process.execPath, bin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' },
    });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const wake of this.waiters.splice(0)) wake();
    };
    this.child.stdout.on('data', take);
    this.child.stderr.on('data', take);
    this.exited = new Promise((resolve) => this.child.on('close', (code) => {
      for (const wake of this.waiters.splice(0)) wake();
      resolve(code ?? -1);
    }));
  }

  get screen(): string {
    return plain(this.output);
  }

  /** Resolves once `text` appears after the previous match; fails with the transcript after a generous time. */
  async waitFor(text: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const at = this.screen.indexOf(text, this.cursor);
      if (at !== -1) {
        this.cursor = at + text.length;
        return;
      }
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`"${text}" never appeared on the terminal. Transcript:\n${this.screen}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits for the prompt, then types. */
  async answer(prompt: string, keys: string): Promise<void> {
    await this.waitFor(prompt);
    this.type(keys);
  }

  /** Picks a numbered choice: the digit, then Enter once it is highlighted. */
  async pick(prompt: string, n: number, label: string): Promise<void> {
    await this.answer(prompt, String(n));
    await this.waitFor(`❯ ${n}. ${label}`);
    this.type(KEY.enter);
  }

  async note(text = ''): Promise<void> {
    await this.answer('Note (', `${text}${KEY.enter}`);
  }
}

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
    if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('build first: npm run build');
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
      expect(first.screen).toContain(`resume with: readiness assess --resume ${id} -o out`);
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
      const made = filesIn(join(cwd, 'out')).filter((f) => /\.(md|json)$/.test(f));
      expect(made).toEqual(filesIn(join(cwd, 'direct')).filter((f) => /\.(md|json)$/.test(f)));
      expect(made.some((f) => f.endsWith('.md')) && made.some((f) => f.endsWith('.json'))).toBe(true);
      for (const f of made) {
        expect(readFileSync(join(cwd, 'out', f), 'utf8'), f).toBe(readFileSync(join(cwd, 'direct', f), 'utf8'));
      }
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
