// Single-respondent scoring rules, with hand-computed expectations.
import { describe, expect, it } from 'vitest';
import type { AnswerEntry } from '../../src/model/answers.js';
import type { QuestionnaireInput } from '../../src/model/questionnaire.js';
import { Result } from '../../src/model/result.js';
import { assess, type AssessInput } from '../../src/score/assess.js';
import { questionnaireFrom, response } from './helpers.js';
import { clean } from '../../src/score/round.js';

// agree scale: 1..5 -> 0, 0.25, 0.5, 0.75, 1
const base: QuestionnaireInput = {
  id: 'rules',
  title: 'Rules',
  version: '2',
  description: 'Scoring rules.',
  minutes: 3,
  scales: {
    agree: {
      options: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: `A${v}`, score: (v - 1) / 4 })),
    },
  },
  dimensions: [
    { id: 'lead', title: 'Leadership', description: 'L.', order: 2, weight: 2 },
    { id: 'cult', title: 'Culture', description: 'C.', order: 1, threshold: 60, findings: { mid: 'Culture is mid.' } },
    { id: 'obj', title: 'Objectives', description: 'O.', order: 3 },
  ],
  levels: [
    { id: 'low', label: 'Low', min: 0, max: 40, description: 'Low.' },
    { id: 'mid', label: 'Mid', min: 40, max: 70, description: 'Mid.' },
    { id: 'high', label: 'High', min: 70, max: 100, description: 'High.' },
  ],
  questions: [
    { id: 'l1', dimension: 'lead', text: 'Sponsor named', type: 'yesno', weight: 3 },
    { id: 'l2', dimension: 'lead', text: 'Leaders take part', type: 'likert', scale: 'agree', allowDontKnow: true },
    { id: 'l3', dimension: 'lead', text: 'Sponsor visible', type: 'likert', scale: 'agree', when: { question: 'l1', equals: 'yes' } },
    { id: 'c1', dimension: 'cult', text: 'People share', type: 'likert', scale: 'agree' },
    { id: 'c2', dimension: 'cult', text: 'Mistakes punished', type: 'likert', scale: 'agree', reverse: true, allowNotApplicable: true },
    { id: 'c3', dimension: 'cult', text: 'Teams compete', type: 'likert', scale: 'agree', reverse: true, required: false },
    { id: 'o1', dimension: 'obj', text: 'Goals written', type: 'likert', scale: 'agree', allowDontKnow: true },
    { id: 'o2', dimension: 'obj', text: 'Measures agreed', type: 'likert', scale: 'agree', allowDontKnow: true },
    { id: 'o3', dimension: 'obj', text: 'Anything else?', type: 'text', required: false },
  ],
  gates: [
    { id: 'no-sponsor', when: { question: 'l1', equals: 'no' }, cap: 'low', reason: 'No sponsor yet.' },
    { id: 'weak-culture', when: { dimension: 'cult', lt: 60 }, cap: 'mid', reason: 'Culture is weak.' },
  ],
};
const questionnaire = questionnaireFrom(base);

function run(answers: Record<string, AnswerEntry>, extra: Partial<AssessInput> = {}, who: Parameters<typeof response>[1] = {}) {
  const result = assess({
    questionnaire,
    hash: 'sha256:test',
    responses: [response(answers, who)],
    organization: 'Org',
    date: '2026-01-15',
    toolVersion: '0.0.0',
    ...extra,
  });
  Result.parse(result);
  return result;
}
const all: Record<string, AnswerEntry> = { l1: 'yes', l2: 4, l3: 5, c1: 4, c2: 2, c3: 2, o1: 3, o2: 3, o3: null };
const dim = (r: Result, id: string) => r.dimensions.find((d) => d.id === id)!;

describe('dimension scores', () => {
  it('weights items: a weight-3 yes beside two weight-1 zeros gives 60, not 33.3', () => {
    const r = run({ ...all, l1: 'yes', l2: 1, l3: 1 });
    // 100 * (3*1 + 1*0 + 1*0) / 5 = 60
    expect(dim(r, 'lead').score).toBe(60);
    const r2 = run({ ...all, l1: 'no', l2: 5 });
    // l3 hidden (l1 is no): 100 * (3*0 + 1*1) / 4 = 25
    expect(dim(r2, 'lead').score).toBe(25);
  });

  it('reverse items count agreement as less ready', () => {
    // c1 A4 = 0.75, c2 A2 reversed = 0.75, c3 A5 reversed = 0 -> 100 * 1.5 / 3 = 50
    const r = run({ ...all, c1: 4, c2: 2, c3: 5 });
    expect(dim(r, 'cult').score).toBe(50);
    expect(r.answers.find((a) => a.questionId === 'c3')).toMatchObject({ score: 0, reverse: true, label: 'A5' });
  });

  it("don't know lowers coverage, not the score", () => {
    const r = run({ ...all, o1: 5, o2: 'dont-know' });
    expect(dim(r, 'obj')).toMatchObject({ score: 100, coverage: 0.5, reliable: false });
  });

  it('not applicable leaves the score alone but counts as asked and not answered for coverage', () => {
    const r = run({ ...all, c1: 5, c2: 'n/a', c3: 1 });
    expect(dim(r, 'cult')).toMatchObject({ score: 100, coverage: clean(2 / 3), answered: 2, asked: 3, reliable: true });
  });

  it('unanswered items lower coverage like don\'t know', () => {
    const r = run({ ...all, c1: 5, c2: 1, c3: null });
    // c1 1.0, c2 reversed 1.0; c3 unanswered: coverage 2/3
    expect(dim(r, 'cult')).toMatchObject({ score: 100, coverage: clean(2 / 3), reliable: true });
  });

  it('hidden conditional questions count for neither score nor coverage', () => {
    const r = run({ ...all, l1: 'no', l2: 3, l3: null });
    expect(r.answers.find((a) => a.questionId === 'l3')).toMatchObject({ status: 'hidden', score: null, label: 'Not asked' });
    // 100 * (3*0 + 1*0.5) / 4 = 12.5, coverage 2/2
    expect(dim(r, 'lead')).toMatchObject({ score: 12.5, coverage: 1 });
  });

  it('marks a dimension unreliable below 60% coverage and gives no score when nothing was answered', () => {
    const r = run({ ...all, o1: 'dont-know', o2: 'dont-know' });
    expect(dim(r, 'obj')).toMatchObject({ score: null, coverage: 0, reliable: false, level: null, finding: null });
    // the overall score then uses the other dimensions only
    const lead = dim(r, 'lead').score!;
    const cult = dim(r, 'cult').score!;
    expect(r.overall.score).toBe(clean((2 * lead + cult) / 3));
  });

  it('bands each dimension with the levels and takes its finding', () => {
    // culture: c1 A3 0.5, c2 A2 reversed 0.75, c3 A3 reversed 0.5 -> 58.3 -> mid
    const r = run({ ...all, c1: 3, c2: 2, c3: 3 });
    expect(dim(r, 'cult')).toMatchObject({ score: clean(175 / 3), level: { id: 'mid' }, finding: 'Culture is mid.' });
  });
});

describe('overall, level, gates and barrier', () => {
  it('weights dimensions and bands the overall score', () => {
    // lead: 100*(3+0.75+1)/5 = 95; cult: (0.75+0.75+0.75)/3 = 75; obj: 50 -> (2*95 + 75 + 50)/4 = 78.75 (kept unrounded)
    const r = run(all);
    expect(r.dimensions.map((d) => [d.id, d.score])).toEqual([
      ['cult', 75],
      ['lead', 95],
      ['obj', 50],
    ]);
    expect(r.overall).toMatchObject({ score: 78.75, level: { id: 'high' }, uncappedLevel: { id: 'high' }, gates: [] });
  });

  it('caps the level while a gate holds, keeps the uncapped level and gives the reason', () => {
    const r = run({ ...all, l1: 'no', l2: 5 });
    // lead 25, cult 75, obj 50 -> (50 + 75 + 50)/4 = 43.75 (mid), capped to low
    expect(r.overall.score).toBe(43.75);
    expect(r.overall.uncappedLevel?.id).toBe('mid');
    expect(r.overall.level?.id).toBe('low');
    expect(r.overall.gates).toEqual([{ id: 'no-sponsor', cap: 'low', reason: 'No sponsor yet.' }]);
  });

  it('applies the lowest cap when several gates hold and never raises a level', () => {
    // lead 25, cult 58.3, obj 100 -> (50 + 58.33 + 100)/4 = 52.08 (mid, from the unrounded 58.33); caps mid and low -> low
    const r = run({ ...all, l1: 'no', l2: 5, c1: 3, c2: 2, c3: 3, o1: 5, o2: 5 });
    expect(r.overall.score).toBe(clean((50 + 175 / 3 + 100) / 4));
    expect(r.overall.uncappedLevel?.id).toBe('mid');
    expect(r.overall.gates.map((g) => g.id)).toEqual(['no-sponsor', 'weak-culture']);
    expect(r.overall.level?.id).toBe('low');
    // weak culture caps at mid, but the score alone is already low: stays low
    const r2 = run({ ...all, l1: 'yes', l2: 1, l3: 1, c1: 1, c2: 5, c3: 5, o1: 1, o2: 1 });
    expect(r2.overall.uncappedLevel?.id).toBe('low');
    expect(r2.overall.level?.id).toBe('low');
    expect(r2.overall.gates.map((g) => g.id)).toEqual(['weak-culture']);
  });

  it('names the first dimension in display order below its threshold as the barrier point', () => {
    // display order: cult (order 1), lead (2), obj (3); cult threshold 60
    const r = run({ ...all, c1: 3, c2: 2, c3: 3, l1: 'no', l2: 1 });
    expect(r.dimensions.map((d) => d.id)).toEqual(['cult', 'lead', 'obj']);
    expect(r.barrier).toEqual({ dimension: 'cult', title: 'Culture', score: clean(175 / 3), threshold: 60 });
    // culture fine: leadership (0) is next
    const r2 = run({ ...all, l1: 'no', l2: 1 });
    expect(r2.barrier).toMatchObject({ dimension: 'lead', score: 0 });
    expect(run(all).barrier).toBeNull();
  });

  it('gives no score and no level when nothing scored was answered', () => {
    const r = run({ l1: null, l2: 'dont-know', c1: null, c2: 'n/a', c3: null, o1: 'dont-know', o2: 'dont-know' }, { partial: true });
    expect(r.overall).toMatchObject({ score: null, level: null, uncappedLevel: null });
    expect(r.barrier).toBeNull();
  });
});

describe('partial, strengths and risks, privacy, determinism', () => {
  it('is partial when the caller says so or a required answer is missing', () => {
    expect(run(all).partial).toBe(false);
    expect(run(all, { partial: true }).partial).toBe(true);
    expect(run({ ...all, c1: null }).partial).toBe(true);
    // c3 and o3 are optional
    expect(run({ ...all, c3: null, o3: null }).partial).toBe(false);
  });

  it('lists up to 3 strengths above the midpoint and risks below it, ties by weight then order', () => {
    const r = run({ l1: 'yes', l2: 5, l3: 5, c1: 1, c2: 5, c3: 3, o1: 4, o2: 2, o3: null });
    // 1.0: l1 (weight 3), l2, l3; 0.75: o1 -> top 3 are the 1.0 items, l1 first by weight
    expect(r.strengths.map((s) => s.questionId)).toEqual(['l1', 'l2', 'l3']);
    // 0: c1, c2 (reversed A5); 0.25: o2; c3 (0.5) is neither
    expect(r.risks.map((s) => [s.questionId, s.score])).toEqual([
      ['c1', 0],
      ['c2', 0],
      ['o2', 0.25],
    ]);
  });

  it('never names respondents unless asked to', () => {
    const who = { respondent: 'Dana Reyes', role: 'CEO', source: 'dana.yaml' };
    const hidden = run(all, {}, who);
    expect(hidden.respondents.list).toBeUndefined();
    expect(JSON.stringify(hidden)).not.toContain('Dana');
    expect(JSON.stringify(hidden)).not.toContain('dana.yaml');
    // a single respondent's role is shown as given (there is no group to protect); the name is not
    expect(hidden.respondents.byRole).toEqual({ CEO: 1 });
    const shown = run(all, { showRespondents: true }, who);
    expect(shown.respondents.list).toEqual([{ name: 'Dana Reyes', role: 'CEO', source: 'dana.yaml' }]);
    expect(shown.respondents.byRole).toEqual({ CEO: 1 });
  });

  it('carries questionnaire identity, texts, labels and notes', () => {
    const r = run({ ...all, c1: { value: 'A4', note: 'Within teams | not across' }, o3: 'Free text' });
    expect(r.questionnaire).toEqual({ id: 'rules', title: 'Rules', version: '2', hash: 'sha256:test' });
    expect(r.answers.find((a) => a.questionId === 'c1')).toMatchObject({ value: 4, label: 'A4', note: 'Within teams | not across', text: 'People share' });
    expect(r.answers.find((a) => a.questionId === 'o3')).toMatchObject({ value: 'Free text', score: null });
    expect(r.levels.map((l) => l.id)).toEqual(['low', 'mid', 'high']);
  });

  it('is deterministic and does not change its input', () => {
    const responses = [response({ ...all, c1: { value: 3, note: 'n' } })];
    const before = JSON.stringify(responses);
    const input = { questionnaire, hash: 'h', responses, organization: 'O', date: '2026-01-01', toolVersion: '1' };
    const a = JSON.stringify(assess(input));
    const b = JSON.stringify(assess(input));
    expect(a).toBe(b);
    expect(JSON.stringify(responses)).toBe(before);
  });
});
