// Issue 11, items 10 and 4 on the built binary in a real terminal: SIGTERM,
// SIGHUP and Ctrl-C during an interview save the answers (and a note being
// typed) and exit with the conventional code (128 + signal); the next
// --resume continues. A session edited by hand is checked again on resume.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, ROOT } from '../helpers/binary.js';
import { KEY, Terminal } from '../helpers/pty.js';

const mini = join(ROOT, 'test/fixtures/interview/mini.yaml');
const sessionsIn = (cwd: string) => (existsSync(join(cwd, 'out/.sessions')) ? readdirSync(join(cwd, 'out/.sessions')).filter((f) => f.endsWith('.json')) : []);
const readSession = (cwd: string) => JSON.parse(readFileSync(join(cwd, 'out/.sessions', sessionsIn(cwd)[0]!), 'utf8'));

async function twoAnswers(cwd: string): Promise<Terminal> {
  const t = new Terminal(['assess', '-q', mini, '--org', 'Acme', '--respondent', 'Dana', '--role', 'HR', '--date', '2026-11-29', '-o', 'out'], cwd);
  await t.pick('Is there a named sponsor for the change?', 1, 'Yes');
  await t.answer('Note (', KEY.enter);
  await t.pick('The sponsor takes part visibly.', 4, 'Agree');
  return t;
}

describe('signals during the interview (built binary, real terminal)', () => {
  beforeAll(requireBuild);

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('%s while a note is being typed keeps the answers and the draft note, exit %i; --resume continues', async (signal, code) => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-signal-'));
    const t = await twoAnswers(cwd);
    await t.answer('Note (', 'half a thought');
    await t.waitFor('half a thought');
    t.kill(signal);
    expect(await t.exited, t.screen).toBe(code);
    expect(t.screen).not.toMatch(/unexpected error|\n\s+at /);
    expect(t.screen).toMatch(/2 of 5 questions are answered and saved, with the note being typed, in out\/\.sessions; resume with: readiness assess --resume \w+ -d out/);
    expect(readSession(cwd).answers).toEqual({
      sponsor: { status: 'answered', value: 'yes' },
      'sponsor-visible': { status: 'answered', value: 4, note: 'half a thought' },
    });
    const again = new Terminal(['assess', '--resume', '-o', 'out'], cwd);
    await again.waitFor('2 of 5 questions answered so far');
    await again.waitFor('Which teams do people already work with closely?');
    again.type(KEY.ctrlC);
    expect(await again.exited).toBe(130);
    expect(readSession(cwd).answers['sponsor-visible'].note).toBe('half a thought');
  }, 120_000);

  it('SIGTERM at a choice keeps every answer given (exit 143)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-signal-'));
    const t = await twoAnswers(cwd);
    await t.answer('Note (', KEY.enter);
    await t.waitFor('Which teams do people already work with closely?');
    t.kill('SIGTERM');
    expect(await t.exited, t.screen).toBe(143);
    expect(t.screen).toMatch(/Interrupted \(SIGTERM\)\. 2 of 5 questions are answered and saved in out\/\.sessions/);
    expect(Object.keys(readSession(cwd).answers)).toEqual(['sponsor', 'sponsor-visible']);
  }, 120_000);
});

describe('a hand-edited session is checked again on resume (built binary)', () => {
  beforeAll(requireBuild);

  async function sessionWith(edit: (s: Record<string, any>) => void): Promise<{ cwd: string; file: string }> {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-session-'));
    const t = await twoAnswers(cwd);
    await t.answer('Note (', KEY.enter);
    await t.answer('Which teams do people already work with closely?', KEY.ctrlC);
    expect(await t.exited).toBe(130);
    const name = sessionsIn(cwd)[0]!;
    const s = readSession(cwd);
    edit(s);
    writeFileSync(join(cwd, 'out/.sessions', name), JSON.stringify(s, null, 2));
    return { cwd, file: `out/.sessions/${name}` };
  }

  it('1e308 for a question allowed 0 to 40 is never scored: exit 1, naming the file and the question', async () => {
    const { cwd, file } = await sessionWith((s) => (s.answers.hours = { status: 'answered', value: 1e308 }));
    const t = new Terminal(['assess', '--resume', '-o', 'out'], cwd);
    expect(await t.exited).toBe(1);
    expect(t.screen).toContain(`${file} holds a value that the interview cannot use; fix it in the file`);
    expect(t.screen).toMatch(/answers\.hours: the answer to "hours" \("1e\+308"\) cannot be used: 1e\+308 is outside the allowed range; give a number from 0 to 40/);
    expect(t.screen).not.toMatch(/unexpected error|please report/);
    expect(existsSync(join(cwd, 'out/acme'))).toBe(false);
  }, 120_000);

  it('a choice that is not an option, a forbidden "don\'t know", an unknown question and a bad date are each named', async () => {
    const { cwd, file } = await sessionWith((s) => {
      s.answers['sponsor-visible'] = { status: 'answered', value: 9 };
      s.answers.links = { status: 'dont-know' };
      s.answers.bogus = { status: 'answered', value: 1 };
      s.date = '2026-02-31';
    });
    const t = new Terminal(['assess', '--resume', '-o', 'out'], cwd);
    expect(await t.exited).toBe(1);
    for (const line of [
      `${file}: date: "2026-02-31" is not a real date written YYYY-MM-DD`,
      `${file}: answers.sponsor-visible: the answer to "sponsor-visible" ("9") cannot be used: "9" is not an allowed answer`,
      `${file}: answers.links: the answer to "links" is "don't know", which this question does not allow`,
      `${file}: answers.bogus: "mini-pulse" has no such question`,
    ]) expect(t.screen).toContain(line);
  }, 120_000);
});
