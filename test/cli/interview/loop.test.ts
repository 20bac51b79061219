import { describe, expect, it } from 'vitest';
import {
  describeAnswer,
  fingerprints,
  firstUnreached,
  InterviewLoop,
  progressOf,
  reconcile,
  toResponse,
  visibleQuestions,
  type Answers,
} from '../../../src/cli/interview/loop.js';
import { PromptAbortedError } from '../../../src/cli/interview/prompter.js';
import { extra, fromText, loadFixture, MINI, ScriptedPrompter, v, type Step } from './scripted.js';
import { readFileSync } from 'node:fs';

const { questionnaire: q } = loadFixture();

function setup(steps: Step[], initial: Answers = {}) {
  const prompter = new ScriptedPrompter(steps);
  const said: string[] = [];
  const saves: Answers[] = [];
  const loop = new InterviewLoop(
    { questionnaire: q, prompter, say: (t) => void said.push(t), autosave: (a) => void saves.push(a), width: 60 },
    initial,
  );
  return { prompter, said, saves, loop, text: () => said.join('\n').replace(/\s+/g, ' ') };
}

const FINISH: Step = ['menu', ''];

describe('the interview loop', () => {
  it('asks the shown questions in order with progress, dimension openings and notes', async () => {
    const { prompter, loop, text } = setup([
      ['choose', v('no'), 'named sponsor'],
      ['note', ''],
      ['chooseMany', v(['sales', 'support']), 'work with closely'],
      ['note', 'only by email'],
      ['number', v(6)],
      ['note', undefined],
      ['text', extra('skip')],
      FINISH,
    ]);
    const answers = await loop.run();
    expect(prompter.remaining).toBe(0);
    expect(answers).toEqual({
      sponsor: { status: 'answered', value: 'no' },
      links: { status: 'answered', value: ['sales', 'support'], note: 'only by email' },
      hours: { status: 'answered', value: 6 },
      'first-problem': { status: 'unanswered' },
    });
    const progress = prompter.calls.filter((c) => c.ask.progress).map((c) => c.ask.progress);
    // "sponsor-visible" may follow the first answer, then "no" hides it: 4 questions, not 5
    expect(progress).toEqual(['1/5 · Leadership 1/2', '2/4 · Habits 1/3', '3/4 · Habits 2/3', '4/4 · Habits 3/3']);
    expect(text()).toContain('Leadership (1 of 2)');
    expect(text()).toContain('Without a sponsor, pilots lose their time');
    expect(text()).toContain('Habits (2 of 2)');
    // the review lists answers by dimension, with notes
    expect(text()).toContain('Review your answers');
    expect(text()).toMatch(/Sales, Support/);
    expect(text()).toContain('Note: only by email');
  });

  it('offers the allowed extras only: don\'t know and help on the first question, no back', async () => {
    const { prompter, loop } = setup([['choose', extra('dont-know')], ['note', 'ask HR']]);
    await expect(loop.run()).rejects.toBeInstanceOf(PromptAbortedError);
    expect(prompter.calls[0]!.ask.extras).toEqual(['dont-know', 'help']);
    expect(prompter.calls[0]!.ask.choices.map((c: any) => c.label)).toEqual(['Yes', 'No']);
    expect(loop.current.sponsor).toEqual({ status: 'dont-know', note: 'ask HR' });
    // the multiple-choice question allows n/a and back, the text question skip and back
    expect(prompter.calls[2]!.ask.extras).toEqual(['not-applicable', 'back']);
  });

  it('shows a conditional question only when its condition holds', async () => {
    const { prompter, loop } = setup([
      ['choose', v('yes')],
      ['note', ''],
      ['choose', v(4), 'takes part visibly'],
      ['note', ''],
    ]);
    await expect(loop.run()).rejects.toBeInstanceOf(PromptAbortedError);
    expect(prompter.calls[2]!.ask.progress).toBe('2/5 · Leadership 2/2');
    expect(prompter.calls[2]!.ask.choices.map((c: any) => c.label)).toEqual(['Disagree', 'Somewhat disagree', 'Somewhat agree', 'Agree']);
  });

  it('drops a conditional question when an earlier answer changes, and brings it back with its answer', async () => {
    const { prompter, loop } = setup([
      ['choose', v('yes')], ['note', ''],
      ['choose', v(3)], ['note', 'slowly'],
      ['chooseMany', v(['none'])], ['note', ''],
      ['number', v(2)], ['note', ''],
      ['text', v('Onboarding')], ['note', ''],
      ['menu', 'sponsor'],
      ['choose', v('no')], ['note', ''],
      ['menu', (ask: any) => {
        // the review no longer lists the hidden question
        expect(ask.items.map((i: any) => i.value)).not.toContain('sponsor-visible');
        return 'sponsor';
      }],
      ['choose', v('yes')], ['note', ''],
      // it comes back with its earlier answer: nothing to ask again
      ['menu', (ask: any) => {
        expect(ask.items.map((i: any) => i.value)).toContain('sponsor-visible');
        return '';
      }],
    ]);
    const answers = await loop.run();
    expect(prompter.remaining).toBe(0);
    expect(answers['sponsor-visible']).toEqual({ status: 'answered', value: 3, note: 'slowly' });
  });

  it('keeps answers to hidden questions in the session but leaves them out of scoring', () => {
    const answers: Answers = {
      sponsor: { status: 'answered', value: 'no' },
      'sponsor-visible': { status: 'answered', value: 3 },
      links: { status: 'not-applicable' },
    };
    expect(visibleQuestions(q, answers).map((x) => x.id)).toEqual(['sponsor', 'links', 'hours', 'first-problem']);
    const response = toResponse(q, answers, { source: 'interview x', organization: 'Acme', respondent: 'Dana' });
    expect(Object.keys(response.answers)).toEqual(['sponsor', 'links', 'hours', 'first-problem']);
    expect(response.answers.hours).toEqual({ status: 'unanswered' });
    expect(response).toMatchObject({ source: 'interview x', organization: 'Acme', respondent: 'Dana' });
    expect(progressOf(q, answers)).toEqual({ answered: 2, total: 4 });
    expect(firstUnreached(q, answers)).toBe(2);
  });

  it('goes back to the previous question with its answer selected, then continues where it left off', async () => {
    const { prompter, loop } = setup([
      ['choose', v('no')], ['note', ''],
      ['chooseMany', v(['sales'])], ['note', ''],
      ['number', extra('back')],
      ['chooseMany', (ask: any) => {
        expect(ask.current).toEqual(['sales']);
        return extra('back');
      }],
      ['choose', (ask: any) => {
        expect(ask.current).toBe('no');
        return v('yes');
      }],
      ['note', ''],
      // "yes" reveals the conditional question, which is asked next
      ['choose', v(2), 'takes part visibly'], ['note', ''],
      // then straight to the first question not yet reached: links was answered already
      ['number', v(1)], ['note', ''],
      ['text', v('Handover notes')], ['note', ''],
      FINISH,
    ]);
    const answers = await loop.run();
    expect(prompter.remaining).toBe(0);
    expect(answers).toMatchObject({ sponsor: { value: 'yes' }, 'sponsor-visible': { value: 2 }, links: { value: ['sales'] }, hours: { value: 1 } });
  });

  it('lets the review change any answer, keeping its note unless changed', async () => {
    const initial: Answers = {
      sponsor: { status: 'answered', value: 'no' },
      links: { status: 'answered', value: ['sales'] },
      hours: { status: 'answered', value: 6, note: 'in winter' },
      'first-problem': { status: 'unanswered' },
    };
    const { prompter, loop, saves } = setup(
      [
        ['menu', (ask: any) => {
          expect(ask.items[0]).toMatchObject({ value: '', label: 'Finish and write the report' });
          expect(ask.items.find((i: any) => i.value === 'hours')).toMatchObject({ group: 'Habits', hint: 'Note: in winter' });
          expect(ask.items.find((i: any) => i.value === 'hours').label).toBe('2. Hours a month each person could spend on… — 6 hours'); // cut to the width
          return 'hours';
        }],
        ['number', (ask: any) => {
          expect(ask.current).toBe(6);
          expect(ask.extras).toContain('back');
          return v(10);
        }],
        ['note', (ask: any) => ask.current],
        ['menu', 'first-problem'],
        ['text', extra('back')], // back from a question opened in the review returns to the review
        FINISH,
      ],
      initial,
    );
    const answers = await loop.run();
    expect(prompter.remaining).toBe(0);
    expect(answers.hours).toEqual({ status: 'answered', value: 10, note: 'in winter' });
    expect(saves).toHaveLength(1);
    expect(saves[0]!.hours).toEqual({ status: 'answered', value: 10, note: 'in winter' });
  });

  it('saves after every answer, with every answer so far', async () => {
    const { loop, saves } = setup([
      ['choose', v('yes')], ['note', ''],
      ['choose', v(4)], ['note', 'visible'],
      ['chooseMany', extra('not-applicable')], ['note', ''],
    ]);
    await expect(loop.run()).rejects.toBeInstanceOf(PromptAbortedError);
    // each answer is saved before its note is asked, and again when a note is added
    expect(saves.map((s) => Object.keys(s))).toEqual([
      ['sponsor'],
      ['sponsor', 'sponsor-visible'],
      ['sponsor', 'sponsor-visible'],
      ['sponsor', 'sponsor-visible', 'links'],
    ]);
    expect(saves[1]!['sponsor-visible']).toEqual({ status: 'answered', value: 4 });
    expect(saves[2]!['sponsor-visible']).toEqual({ status: 'answered', value: 4, note: 'visible' });
    expect(saves[3]!.links).toEqual({ status: 'not-applicable' });
  });

  it('has saved the answer when Ctrl-C comes at its note', async () => {
    const { loop, saves } = setup([['choose', v('yes')]]);
    await expect(loop.run()).rejects.toBeInstanceOf(PromptAbortedError);
    expect(saves.at(-1)).toEqual({ sponsor: { status: 'answered', value: 'yes' } });
  });

  it('removes a note when it is cleared', async () => {
    const initial: Answers = {
      sponsor: { status: 'answered', value: 'no', note: 'old' },
      links: { status: 'not-applicable' },
      hours: { status: 'answered', value: 3 },
      'first-problem': { status: 'unanswered' },
    };
    const { loop } = setup([['menu', 'sponsor'], ['choose', v('no')], ['note', (ask: any) => (ask.current === 'old' ? '' : 'wrong')], FINISH], initial);
    const answers = await loop.run();
    expect(answers.sponsor).toEqual({ status: 'answered', value: 'no' });
  });

  it('starts at the first question never reached when resuming', async () => {
    const initial: Answers = { sponsor: { status: 'answered', value: 'no' }, links: { status: 'not-applicable' } };
    const { prompter, loop, text } = setup([['number', v(3)], ['note', ''], ['text', v('x')], ['note', ''], FINISH], initial);
    await loop.run();
    expect(prompter.calls[0]!.ask.progress).toBe('3/4 · Habits 2/3');
    expect(prompter.calls[0]!.ask.extras).toContain('back');
    expect(text()).toContain('Habits (2 of 2)');
  });

  it('shows help on request and asks again', async () => {
    const { prompter, loop, text } = setup([['choose', extra('help')], ['choose', v('yes')], ['note', '']]);
    await expect(loop.run()).rejects.toBeInstanceOf(PromptAbortedError);
    expect(text()).toContain('A sponsor is a senior person who protects time and budget.');
    expect(prompter.calls.map((c) => c.kind)).toEqual(['choose', 'choose', 'note', 'choose']);
  });

  it('refuses replies the question does not allow and asks again', async () => {
    const initial: Answers = { sponsor: { status: 'answered', value: 'no' } };
    const { loop, text } = setup(
      [
        ['chooseMany', v(['none', 'sales'])],
        ['chooseMany', v([])],
        ['chooseMany', v(['SALES'])], ['note', ''],
        ['number', v(41)],
        ['number', extra('dont-know')], // not allowed here
        ['number', v(40)], ['note', ''],
      ],
      initial,
    );
    await expect(loop.run()).rejects.toBeInstanceOf(PromptAbortedError);
    expect(text()).toContain('"None of these" cannot be combined with other answers.');
    expect(text()).toContain('Please choose at least one answer.');
    expect(text()).toContain('at most 40');
    expect(text()).toContain('That choice is not available');
    // option values are stored as the questionnaire spells them
    expect(loop.current.links).toEqual({ status: 'answered', value: ['sales'] });
    expect(loop.current.hours).toEqual({ status: 'answered', value: 40 });
  });

  it('wraps its own text to the terminal width', async () => {
    const { loop, said } = setup([['choose', extra('help')]]);
    await expect(loop.run()).rejects.toBeInstanceOf(PromptAbortedError);
    const lines = said.join('\n').split('\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(line.length).toBeLessThan(60);
  });

  it('describes answers for the review', () => {
    const hours = q.questions.find((x) => x.id === 'hours')!;
    const sponsorVisible = q.questions.find((x) => x.id === 'sponsor-visible')!;
    expect(describeAnswer(q, hours, { status: 'answered', value: 3 })).toBe('3 hours');
    expect(describeAnswer(q, sponsorVisible, { status: 'answered', value: 4 })).toBe('Agree');
    expect(describeAnswer(q, hours, { status: 'dont-know' })).toBe("don't know");
    expect(describeAnswer(q, hours, undefined)).toBe('not answered yet');
  });
});

describe('a questionnaire that changed since the answers were given', () => {
  const before = fingerprints(q);
  const answers: Answers = {
    sponsor: { status: 'answered', value: 'yes' },
    'sponsor-visible': { status: 'answered', value: 3 },
    links: { status: 'answered', value: ['sales'] },
    hours: { status: 'answered', value: 5, note: 'kept' },
    'first-problem': { status: 'answered', value: 'x' },
  };
  const changedText = readFileSync(MINI, 'utf8')
    .replace('The sponsor takes part visibly.', 'The sponsor posts in the open.')
    .replace('{ value: support, label: Support, score: 0.5 }', '{ value: support, label: Customer support, score: 0.5 }')
    .replace(/  - id: first-problem[\s\S]*?required: false\n/, '  - id: budget\n    dimension: habits\n    type: yesno\n    text: Is there a budget?\n')
    .replace('score: 0.33', 'score: 0.3') // a score change does not change what an answer means
    .replace('version: 1.0.0', 'version: 1.1.0');
  const changed = fromText(changedText, 'changed.yaml').questionnaire;

  it('keeps answers to unchanged questions and names the rest', () => {
    const r = reconcile(changed, before, answers);
    expect(Object.keys(r.answers).sort()).toEqual(['hours', 'sponsor']);
    expect(r.answers.hours).toEqual({ status: 'answered', value: 5, note: 'kept' });
    expect(r.changed.map((x) => x.id).sort()).toEqual(['links', 'sponsor-visible']);
    expect(r.removed).toEqual(['first-problem']);
    expect(r.added.map((x) => x.id)).toEqual(['budget']);
  });

  it('keeps everything when nothing changed', () => {
    const r = reconcile(q, before, answers);
    expect(r.answers).toEqual(answers);
    expect(r.changed).toEqual([]);
    expect(r.added).toEqual([]);
  });
});
