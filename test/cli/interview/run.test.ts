import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../../src/cli/io.js';
import { runInterview, type InterviewDeps } from '../../../src/cli/interview/run.js';
import type { LoadedQuestionnaire } from '../../../src/load/questionnaire.js';
import type { Response } from '../../../src/model/answers.js';
import { listSessions, sessionsDir } from '../../../src/store/sessions.js';
import { InputError, InterruptedError, UsageError } from '../../../src/errors.js';
import { extra, loadFixture, MINI, ScriptedPrompter, v, type Step } from './scripted.js';

function fakeIo(cwd: string, tty = true): Io & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd,
    env: {},
    stdinIsTTY: tty,
    stdoutIsTTY: false,
    columns: 80,
    today: () => '2026-11-29',
  };
}

interface Finished {
  loaded: LoadedQuestionnaire;
  responses: Response[];
  opts: Record<string, unknown>;
  sessionsAtFinish: string[];
}

function harness(steps: Step[], options: { fail?: Error } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-interview-'));
  const io = fakeIo(cwd);
  const prompter = new ScriptedPrompter(steps);
  const finished: Finished[] = [];
  const deps: InterviewDeps = {
    prompter,
    resolve: (ref, at) => loadFixture(resolve(at, ref)),
    list: () => [],
    finish: async (loaded, responses, opts) => {
      const dir = sessionsDir(resolve(cwd, opts.output));
      finished.push({ loaded, responses, opts: { ...opts }, sessionsAtFinish: existsSync(dir) ? readdirSync(dir) : [] });
      if (options.fail) throw options.fail;
      return { reportPath: 'r.md', resultPath: 'r.json', result: {} as never };
    },
  };
  return { cwd, io, prompter, finished, deps };
}

// respondent and role given (blank) so that only the questionnaire's questions are asked
const BASE = { output: 'reports', pilots: 3, minGroup: 3, respondent: '', role: '' };
const ALL_ANSWERS: Step[] = [
  ['choose', v('yes')], ['note', ''],
  ['choose', v(4)], ['note', 'in every all-hands'],
  ['chooseMany', v(['sales'])], ['note', ''],
  ['number', v(6)], ['note', ''],
  ['text', v('Onboarding new staff')], ['note', ''],
  ['menu', ''],
];

describe('runInterview', () => {
  it('refuses at once without a terminal, pointing to --answers and template', async () => {
    const h = harness([]);
    const error = await runInterview({ ...BASE }, fakeIo(h.cwd, false), h.deps).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('--answers');
    expect(error.message).toContain('readiness template');
    expect(h.prompter.calls).toHaveLength(0);
  });

  it('runs a whole interview, finishes like --answers and only then removes the session', async () => {
    const h = harness([['input', 'Acme Ltd', 'Organization'], ['input', 'Dana'], ['input', ''], ...ALL_ANSWERS]);
    await runInterview({ output: 'reports', pilots: 3, minGroup: 3, questionnaire: MINI, force: true }, h.io, h.deps);
    expect(h.prompter.remaining).toBe(0);
    expect(h.finished).toHaveLength(1);
    const [done] = h.finished;
    expect(done!.loaded.questionnaire.id).toBe('mini-pulse');
    expect(done!.opts).toMatchObject({ org: 'Acme Ltd', date: '2026-11-29', output: 'reports', force: true, pilots: 3, minGroup: 3 });
    expect(done!.responses).toHaveLength(1);
    expect(done!.responses[0]).toMatchObject({ organization: 'Acme Ltd', respondent: 'Dana', date: '2026-11-29' });
    expect(done!.responses[0]!.role).toBeUndefined();
    expect(done!.responses[0]!.answers).toEqual({
      sponsor: { status: 'answered', value: 'yes' },
      'sponsor-visible': { status: 'answered', value: 4, note: 'in every all-hands' },
      links: { status: 'answered', value: ['sales'] },
      hours: { status: 'answered', value: 6 },
      'first-problem': { status: 'answered', value: 'Onboarding new staff' },
    });
    // the session was still on disk while the report was written, and is gone after
    expect(done!.sessionsAtFinish).toHaveLength(1);
    expect(listSessions(join(h.cwd, 'reports'))).toEqual([]);
    const out = h.io.out();
    expect(out).toContain('Mini pulse (version 1.0.0)');
    expect(out).toContain('up to 5 questions in 2 parts, about 2 minutes');
  });

  it('does not ask for organization, respondent and role given as flags', async () => {
    const h = harness(ALL_ANSWERS);
    await runInterview({ ...BASE, questionnaire: MINI, org: 'Acme', respondent: 'Dana', role: 'HR lead' }, h.io, h.deps);
    expect(h.prompter.calls.filter((c) => c.kind === 'input')).toHaveLength(0);
    expect(h.finished[0]!.responses[0]).toMatchObject({ organization: 'Acme', respondent: 'Dana', role: 'HR lead' });
  });

  it('lets the user choose the questionnaire from the list', async () => {
    const h = harness([['menu', (ask: any) => ask.items[1].value, 'Which questionnaire'], ...ALL_ANSWERS]);
    h.deps.list = () => [
      { id: 'other', title: 'Other', version: '1', questions: 9, minutes: 5, file: '/nowhere/other.yaml', builtIn: false },
      { id: 'mini-pulse', title: 'Mini pulse', version: '1.0.0', questions: 5, minutes: 2, file: MINI, builtIn: false },
    ];
    await runInterview({ ...BASE, org: 'Acme' }, h.io, h.deps);
    expect(h.prompter.calls[0]!.ask.items.map((i: any) => i.label)).toEqual([
      'Other (other) — 9 questions, about 5 min',
      'Mini pulse (mini-pulse) — 5 questions, about 2 min',
    ]);
    expect(h.finished[0]!.loaded.file).toBe(MINI);
  });

  it('on Ctrl-C keeps the answers on disk and names the exact command to resume', async () => {
    const h = harness([['choose', v('yes')], ['note', 'since May'], ['choose', v(2)]]);
    // the script ends at the note of the second answer: as if Ctrl-C was pressed there;
    // the second answer itself was saved before its note was asked
    const error = await runInterview({ ...BASE, questionnaire: MINI, org: 'Acme', output: 'out dir' }, h.io, h.deps).catch((e) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.exitCode).toBe(130);
    const [listed] = listSessions(join(h.cwd, 'out dir'));
    const session = listed!.session!;
    expect(error.message).toContain(`readiness assess --resume ${session.id} -d 'out dir'`);
    expect(error.message).toContain('2 of 5 questions are answered and saved');
    expect(session.answers).toEqual({
      sponsor: { status: 'answered', value: 'yes', note: 'since May' },
      'sponsor-visible': { status: 'answered', value: 2 },
    });
    expect(session).toMatchObject({ organization: 'Acme', progress: { answered: 2, total: 5 }, questionnaire: { id: 'mini-pulse', ref: MINI } });
    expect(h.finished).toHaveLength(0);
  });

  it('says nothing was saved when Ctrl-C comes before the interview began', async () => {
    const h = harness([]);
    const error = await runInterview({ ...BASE, questionnaire: MINI }, h.io, h.deps).catch((e) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.message).toMatch(/nothing was saved/);
  });

  it('resumes the most recent session at the first question not yet answered, with notes intact', async () => {
    const first = harness([['choose', v('no')], ['note', 'not yet'], ['chooseMany', v(['sales', 'support'])], ['note', '']]);
    await expect(runInterview({ ...BASE, questionnaire: MINI, org: 'Acme', respondent: 'Dana' }, first.io, first.deps)).rejects.toBeInstanceOf(InterruptedError);

    const second = harness([['number', v(4)], ['note', ''], ['text', extra('skip')], ['menu', '']]);
    second.io.cwd = first.cwd;
    await runInterview({ output: 'reports', pilots: 3, minGroup: 3, resume: true }, second.io, second.deps);
    expect(second.prompter.calls[0]!.ask.progress).toBe('3/4 · Habits 2/3');
    expect(second.io.out()).toContain('Resuming interview');
    expect(second.io.out()).toContain('2 of 4 questions answered so far');
    const response = second.finished[0]!.responses[0]!;
    expect(response).toMatchObject({ organization: 'Acme', respondent: 'Dana' });
    expect(response.answers).toEqual({
      sponsor: { status: 'answered', value: 'no', note: 'not yet' },
      links: { status: 'answered', value: ['sales', 'support'] },
      hours: { status: 'answered', value: 4 },
      'first-problem': { status: 'unanswered' },
    });
    expect(listSessions(join(first.cwd, 'reports'))).toEqual([]);
  });

  it('resumes a session by id, and says plainly when there is none', async () => {
    const h = harness([['choose', v('no')], ['note', '']]);
    await expect(runInterview({ ...BASE, questionnaire: MINI, org: 'Acme' }, h.io, h.deps)).rejects.toBeInstanceOf(InterruptedError);
    const id = listSessions(join(h.cwd, 'reports'))[0]!.session!.id;
    await expect(runInterview({ ...BASE, resume: 'nope22' }, h.io, h.deps)).rejects.toThrow(new RegExp(`No unfinished interview "nope22".*${id}`));
    const empty = harness([]);
    await expect(runInterview({ ...BASE, resume: true }, empty.io, empty.deps)).rejects.toThrow(/no unfinished interview in reports\/\.sessions/);
  });

  it('keeps the session when the report cannot be written, and says how to finish', async () => {
    const h = harness(ALL_ANSWERS, { fail: new InputError('reports/acme/x.md already exists; use --force to overwrite.') });
    const error = await runInterview({ ...BASE, questionnaire: MINI, org: 'Acme' }, h.io, h.deps).catch((e) => e);
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('already exists');
    const [listed] = listSessions(join(h.cwd, 'reports'));
    expect(error.details.join('\n')).toContain(`readiness assess --resume ${listed!.session!.id}`);
    expect(Object.keys(listed!.session!.answers)).toHaveLength(5);
  });

  it('on resume against a changed questionnaire keeps unchanged answers and says what changed', async () => {
    const h = harness([['choose', v('yes')], ['note', ''], ['choose', v(3)], ['note', ''], ['chooseMany', v(['sales'])], ['note', 'x']]);
    const copy = join(h.cwd, 'mini.yaml');
    writeFileSync(copy, readFileSync(MINI, 'utf8'));
    await expect(runInterview({ ...BASE, questionnaire: copy, org: 'Acme' }, h.io, h.deps)).rejects.toBeInstanceOf(InterruptedError);
    writeFileSync(
      copy,
      readFileSync(MINI, 'utf8').replace('The sponsor takes part visibly.', 'The sponsor posts in the open.').replace('version: 1.0.0', 'version: 1.1.0'),
    );
    const again = harness([
      ['choose', v(4), 'posts in the open'], ['note', ''],
      ['number', v(2)], ['note', ''],
      ['text', extra('skip')],
      ['menu', ''],
    ]);
    again.io.cwd = h.cwd;
    await runInterview({ ...BASE, resume: true }, again.io, again.deps);
    const out = again.io.out().replace(/\s+/g, ' ');
    expect(out).toContain('changed since this interview began (version 1.0.0 then, 1.1.0 now)');
    expect(out).toContain('2 earlier answers are kept');
    expect(out).toContain('Changed since, so they will be asked again: "The sponsor posts in the open."');
    expect(again.finished[0]!.responses[0]!.answers).toMatchObject({
      sponsor: { value: 'yes' },
      'sponsor-visible': { value: 4 },
      links: { value: ['sales'], note: 'x' },
    });
  });

  it('colours its own text on a terminal, and never with NO_COLOR or --no-color', async () => {
    const coloured = harness([]);
    coloured.io.stdoutIsTTY = true;
    await runInterview({ ...BASE, questionnaire: MINI, org: 'Acme' }, coloured.io, coloured.deps).catch(() => {});
    expect(coloured.io.out()).toContain('\u001b[');
    const noColor = harness([]);
    noColor.io.stdoutIsTTY = true;
    noColor.io.env = { NO_COLOR: '1' };
    await runInterview({ ...BASE, questionnaire: MINI, org: 'Acme' }, noColor.io, noColor.deps).catch(() => {});
    expect(noColor.io.out()).toContain('Mini pulse');
    expect(noColor.io.out()).not.toContain('\u001b[');
    const flag = harness([]);
    flag.io.stdoutIsTTY = true;
    await runInterview({ ...BASE, questionnaire: MINI, org: 'Acme', color: false }, flag.io, flag.deps).catch(() => {});
    expect(flag.io.out()).not.toContain('\u001b[');
  });

  it('refuses a --date that is not a date before asking anything', async () => {
    const h = harness([]);
    await expect(runInterview({ ...BASE, questionnaire: MINI, date: '29/11/2026' }, h.io, h.deps)).rejects.toThrow(/YYYY-MM-DD/);
    expect(h.prompter.calls).toHaveLength(0);
  });
});
