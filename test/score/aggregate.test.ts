// Several respondents: means, spreads, divergence, perception gaps and privacy.
import { describe, expect, it } from 'vitest';
import type { AnswerEntry, Response } from '../../src/model/answers.js';
import { Result } from '../../src/model/result.js';
import { assess, createAssessor, type AssessInput } from '../../src/score/assess.js';
import { shownGroups } from '../../src/score/aggregate.js';
import { clean } from '../../src/score/round.js';
import { questionnaireFrom, response, rounded } from './helpers.js';

/** A distribution (ordered list) from counts written in order. */
const counts = (c: Record<string, number>) => Object.entries(c).map(([label, count]) => ({ label, count }));

const questionnaire = questionnaireFrom({
  id: 'multi',
  title: 'Multi',
  version: '1',
  description: 'Aggregation cases.',
  minutes: 2,
  scales: { agree: { options: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: `A${v}`, score: (v - 1) / 4 })) } },
  dimensions: [
    { id: 'lead', title: 'Leadership', description: 'L.' },
    { id: 'cult', title: 'Culture', description: 'C.' },
    { id: 'obj', title: 'Objectives', description: 'O.' },
  ],
  levels: [
    { id: 'low', label: 'Low', min: 0, max: 50, description: 'Low.' },
    { id: 'high', label: 'High', min: 50, max: 100, description: 'High.' },
  ],
  questions: [
    { id: 'l1', dimension: 'lead', text: 'Leaders back it', type: 'likert', scale: 'agree' },
    { id: 'l2', dimension: 'lead', text: 'Leaders take part', type: 'likert', scale: 'agree', allowDontKnow: true },
    { id: 'c1', dimension: 'cult', text: 'People share', type: 'likert', scale: 'agree' },
    {
      id: 'c2',
      dimension: 'cult',
      text: 'Where do connectors work?',
      type: 'multiple',
      options: [
        { value: 'it', label: 'IT', score: 0.5 },
        { value: 'hr', label: 'HR', score: 0.5 },
        { value: 'none', label: 'Nowhere', score: 0, exclusive: true },
      ],
    },
    { id: 'o1', dimension: 'obj', text: 'Goals with a measure', type: 'number', scoring: { worst: 0, best: 10 } },
    { id: 'o2', dimension: 'obj', text: 'What would help?', type: 'text', required: false },
  ],
  pilots: [
    {
      id: 'connectors',
      title: 'Connectors',
      summary: 'S.',
      why: 'W.',
      steps: ['s'],
      measures: ['m'],
      duration: '3 months',
      fits: { question: 'c2', countAtLeast: 1 },
    },
    {
      id: 'leaders-open',
      title: 'Leaders in the open',
      summary: 'S.',
      why: 'W.',
      steps: ['s'],
      measures: ['m'],
      duration: '3 months',
      fits: { question: 'l1', in: [1, 2] },
    },
  ],
});

const person = (name: string, role: string | undefined, answers: Record<string, AnswerEntry>): Response =>
  response(answers, { respondent: name, source: `${name.toLowerCase()}.yaml`, ...(role !== undefined ? { role } : {}) });

// Per respondent (lead, cult, obj):
// A 100 / 100 / 100, B 87.5 / 62.5 / 80, C 75 / 100 / 60, D 0 / 12.5 / 20, E 25 / 25 / 0, F 0 / 12.5 / 40
const six = [
  person('Ann', 'Leader', { l1: 5, l2: 5, c1: 5, c2: ['it', 'hr'], o1: 10, o2: 'Keep going' }),
  person('Bo', 'leader ', { l1: 5, l2: 4, c1: 4, c2: ['it'], o1: 8, o2: { value: 'More time', note: 'said twice' } }),
  person('Cy', 'Leader', { l1: 4, l2: 'dont-know', c1: 5, c2: ['it', 'hr'], o1: 6, o2: null }),
  person('Di', 'Staff', { l1: 1, l2: 1, c1: 2, c2: ['none'], o1: 2, o2: 'Nobody listens' }),
  person('Ed', 'Staff', { l1: 2, l2: 2, c1: 1, c2: ['hr'], o1: 0, o2: null }),
  person('Fay', 'Staff', { l1: 1, l2: 'dont-know', c1: 2, c2: ['none'], o1: 4, o2: null }),
];

function run(responses: Response[], extra: Partial<AssessInput> = {}): Result {
  const result = assess({ questionnaire, hash: 'h', responses, organization: 'Org', date: '2026-02-01', toolVersion: '0', ...extra });
  Result.parse(result);
  return result;
}
const dim = (r: Result, id: string) => r.dimensions.find((d) => d.id === id)!;
const item = (r: Result, id: string) => r.answers.find((a) => a.questionId === id)!;

describe('aggregation of several respondents', () => {
  const r = run(six);

  it('takes the mean of respondents\' dimension scores, with sd, range and count', () => {
    // lead: (100 + 87.5 + 75 + 0 + 25 + 0) / 6 = 47.9167; population sd 41.08
    expect(rounded(dim(r, 'lead'), 1)).toMatchObject({ score: 47.9, spread: { sd: 41.1, min: 0, max: 100, respondents: 6 } });
    // cult: 312.5 / 6 = 52.083; obj: 300 / 6 = 50 (sd sqrt(7000/6) = 34.16)
    expect(rounded(dim(r, 'cult'), 1)).toMatchObject({ score: 52.1, spread: { sd: 37.8, min: 12.5, max: 100, respondents: 6 } });
    expect(rounded(dim(r, 'obj'), 1)).toMatchObject({ score: 50, spread: { sd: 34.2, min: 0, max: 100, respondents: 6 } });
  });

  it('pools coverage over respondents and computes the overall score from the dimension means', () => {
    // lead: 12 answered of 12 applicable, minus 2 don't know -> 10/12
    expect(dim(r, 'lead').coverage).toBe(clean(10 / 12));
    expect(dim(r, 'cult').coverage).toBe(1);
    // (47.9 + 52.1 + 50) / 3 = 50
    expect(r.overall.score).toBe(50);
    expect(r.overall.level?.id).toBe('high');
  });

  it('gives each question its mean score, spread, respondents and distribution', () => {
    // l1 scores 1, 1, .75, 0, .25, 0: mean .5, sd sqrt(1.125/6) = .433
    expect(rounded(item(r, 'l1'), 3)).toMatchObject({
      score: 0.5,
      spread: 0.433,
      respondents: 6,
      distribution: counts({ A1: 2, A2: 1, A3: 0, A4: 1, A5: 2 }),
    });
    // l2: 4 answered (1, .75, 0, .25), 2 don't know
    expect(item(r, 'l2')).toMatchObject({ score: 0.5, respondents: 4, distribution: counts({ A1: 1, A2: 1, A3: 0, A4: 1, A5: 1, "Don't know": 2 }) });
    expect(item(r, 'c2').distribution).toEqual(counts({ IT: 3, HR: 3, Nowhere: 2 }));
  });

  it('uses the most common answer (ties: the lower-scoring one), majority choices and the median for conditions', () => {
    // l1: A1 and A5 both twice -> A1, the lower-scoring
    expect(item(r, 'l1')).toMatchObject({ value: 1, label: 'A1' });
    // c2: no option chosen by more than half
    expect(item(r, 'c2')).toMatchObject({ value: [], label: 'Nothing chosen' });
    // o1: 0 2 4 6 8 10 -> (4 + 6) / 2
    expect(item(r, 'o1').value).toBe(5);
    expect(r.pilots.map((p) => p.id)).toEqual(['leaders-open']);
    expect(r.pilots[0]!.reasons).toEqual(['Most common answer "A1" to "Leaders back it"']);
  });

  it('gives the median of two answers near the largest number without overflowing', () => {
    // (a + b) / 2 was Infinity, stored as null: "unexpected error: Answer null is not an allowed value"
    const huge = run([1.7e308, 1.5e308].map((o1) => response({ l1: 3, l2: 3, c1: 3, c2: ['it'], o1 })));
    expect(item(huge, 'o1').value).toBe(1.6e308);
  });

  it('lists free text without names, sorted, and notes without names', () => {
    expect(item(r, 'o2')).toMatchObject({ texts: ['Keep going', 'More time', 'Nobody listens'], note: 'said twice' });
    expect(item(r, 'o2').value).toBeUndefined();
    const json = JSON.stringify(r);
    for (const name of ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Fay', '.yaml']) expect(json).not.toContain(name);
    expect(r.respondents.list).toBeUndefined();
  });

  it('flags strong disagreement on dimensions (sd >= 20) and questions (sd >= 0.3)', () => {
    // question sds: l1 (1 1 .75 0 .25 0) .433; c2 (1 .5 1 0 .5 0) .408; l2 (1 .75 0 .25) .395;
    // c1 (1 .75 1 .25 0 .25) .393; o1 (1 .8 .6 .2 0 .4) .342 -- largest first
    expect(r.aggregate?.divergent.map((d) => rounded(d, d.kind === 'dimension' ? 1 : 3))).toEqual([
      { kind: 'dimension', id: 'lead', text: 'Leadership', sd: 41.1 },
      { kind: 'dimension', id: 'cult', text: 'Culture', sd: 37.8 },
      { kind: 'dimension', id: 'obj', text: 'Objectives', sd: 34.2 },
      { kind: 'question', id: 'l1', text: 'Leaders back it', sd: 0.433 },
      { kind: 'question', id: 'c2', text: 'Where do connectors work?', sd: 0.408 },
      { kind: 'question', id: 'l2', text: 'Leaders take part', sd: 0.395 },
      { kind: 'question', id: 'c1', text: 'People share', sd: 0.393 },
      { kind: 'question', id: 'o1', text: 'Goals with a measure', sd: 0.342 },
    ]);
    const agreeing = run([six[0]!, six[0]!, six[0]!]);
    expect(agreeing.aggregate?.divergent).toEqual([]);
    // an even split between Agree and Disagree: question sd .25, leadership sd 12.5 -- not strong enough
    const same = { l2: 3, c1: 3, c2: ['it'], o1: 5 };
    const split = run([person('X', 'Staff', { l1: 4, ...same }), person('Y', 'Staff', { l1: 2, ...same })]);
    expect(split.answers[0]!.spread).toBe(0.25);
    expect(split.dimensions[0]!.spread?.sd).toBe(12.5);
    expect(split.aggregate?.divergent).toEqual([]);
  });

  it('compares role groups side by side, grouping roles case-insensitively', () => {
    expect(rounded(r.aggregate?.perceptionGaps, 1)).toEqual([
      { dimension: 'lead', title: 'Leadership', groups: { Leader: 87.5, Staff: 8.3 } },
      { dimension: 'cult', title: 'Culture', groups: { Leader: 87.5, Staff: 16.7 } },
      { dimension: 'obj', title: 'Objectives', groups: { Leader: 80, Staff: 20 } },
    ]);
    expect(r.aggregate).toMatchObject({ hiddenGroups: 0, minGroup: 3, unmatchedCells: 0 });
    expect(r.respondents).toEqual({ count: 6, byRole: { Leader: 3, Staff: 3 } });
  });
});

describe('privacy threshold', () => {
  const gi = person('Gil', 'Intern', { l1: 3, l2: 3, c1: 3, c2: ['it'], o1: 5 });
  const hu = person('Hu', 'Intern', { l1: 3, l2: 3, c1: 3, c2: ['it'], o1: 5 });

  it('never shows a group of 2, and folds the smallest group in so it cannot be worked out by subtraction', () => {
    const r = run([...six, gi, hu]);
    const groups = r.aggregate!.perceptionGaps.map((g) => g.groups);
    for (const g of groups) expect(Object.keys(g)).not.toContain('Intern');
    // Staff (3) + Intern (2) pooled: lead (0 + 25 + 0 + 50 + 50) / 5 = 25
    expect(r.aggregate!.perceptionGaps[0]).toEqual({ dimension: 'lead', title: 'Leadership', groups: { Leader: 87.5, 'Other roles: 2 groups, 5 people': 25 } });
    expect(r.aggregate!.hiddenGroups).toBe(1);
    expect(r.respondents.byRole).toEqual({ Leader: 3, Staff: 3, 'Other roles': 2 });
  });

  it('shows "Other roles" on its own once the pooled small groups reach the threshold', () => {
    const noRole = person('Ira', undefined, { l1: 5, l2: 5, c1: 5, c2: ['it'], o1: 5 });
    const r = run([...six, gi, hu, noRole]);
    // Intern 50, 50 and no role 100 -> 66.7
    expect(rounded(r.aggregate!.perceptionGaps[0]!.groups, 1)).toEqual({ Leader: 87.5, Staff: 8.3, 'Other roles: 2 groups, 3 people': 66.7 });
    expect(r.respondents.byRole).toEqual({ Leader: 3, Staff: 3, 'Other roles': 3 });
  });

  it('honours a larger --min-group and shows no gaps when fewer than two groups remain', () => {
    const r = run(six, { minGroup: 4 });
    expect(r.aggregate!.perceptionGaps).toEqual([]);
    expect(r.aggregate!.hiddenGroups).toBe(2);
    expect(r.aggregate!.minGroup).toBe(4);
    expect(r.respondents.byRole).toEqual({ 'Other roles': 6 });
  });

  it('shows no e-mail address or phone number typed as a role or segment without showRespondents', () => {
    const typed = (name: string, role: string, unit: string, l1: number) => ({ ...person(name, role, { l1, l2: 3, c1: 3, c2: ['it'], o1: 5 }), segments: { unit } });
    const desk = 'Desk +44 20 7946 0958';
    const six = [
      typed('Al', 'comms@corp.example', desk, 5), typed('Bea', 'Comms@corp.example', desk, 5), typed('Cal', 'comms@corp.example ', desk, 5),
      typed('Di', 'Staff', 'Field', 1), typed('Ed', 'Staff', 'Field', 1), typed('Fay', 'Staff', 'Field', 1),
    ];
    const views = { segments: [{ id: 'unit', title: 'Unit', plural: 'units' }] };
    const hidden = run(six, { views });
    expect(JSON.stringify(hidden)).not.toMatch(/corp\.example|7946/);
    expect(hidden.respondents.byRole).toEqual({ '[e-mail removed]': 3, Staff: 3 });
    expect(JSON.stringify(hidden.aggregate)).toContain('Desk [phone removed]');
    // with showRespondents the header fields are shown as typed
    const shown = run(six, { views, showRespondents: true });
    expect(shown.respondents.byRole).toEqual({ 'Comms@corp.example': 3, Staff: 3 });
    expect(JSON.stringify(shown.aggregate)).toContain(desk);
  });

  it('shows names and every role only with showRespondents', () => {
    const r = run([...six, gi], { showRespondents: true });
    expect(r.respondents.list?.map((p) => p.name)).toEqual(['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Fay', 'Gil']);
    expect(r.respondents.byRole).toEqual({ Intern: 1, Leader: 3, Staff: 3 });
    // perception gaps still never show the intern alone
    for (const g of r.aggregate!.perceptionGaps) expect(Object.keys(g.groups)).not.toContain('Intern');
  });

  it('pools per dimension by the respondents who have a score there', () => {
    const groups = new Map([
      ['a', { n: 5, sum: 250 }],
      ['b', { n: 3, sum: 60 }],
      ['c', { n: 4, sum: 200 }],
      ['d', { n: 1, sum: 10 }],
    ]);
    const labels = new Map([
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
      ['d', 'D'],
    ]);
    // D (1) alone is too small; B (3, the smallest shown) joins it: (60 + 10) / 4 = 17.5
    expect(shownGroups(groups, labels, 3)).toEqual([
      { label: 'A', n: 5, mean: 50 },
      { label: 'C', n: 4, mean: 50 },
      { label: 'Other roles: 2 groups, 4 people', n: 4, mean: 17.5 },
    ]);
  });
});

describe('one respondent is an aggregate of one', () => {
  it('gives the same numbers as the same answers repeated', () => {
    const one = run([six[1]!]);
    const three = run([six[1]!, six[1]!, six[1]!]);
    expect(three.dimensions.map((d) => [d.score, d.coverage])).toEqual(one.dimensions.map((d) => [d.score, d.coverage]));
    expect(three.answers.map((a) => [a.questionId, a.score, a.value])).toEqual(
      one.answers.filter((a) => a.type !== 'text').map((a) => [a.questionId, a.score, a.value]).concat([['o2', null, undefined]]),
    );
    expect(three.overall).toEqual(one.overall);
    expect(one.aggregate).toBeUndefined();
    expect(one.dimensions[0]!.spread).toBeUndefined();
    expect(three.dimensions[0]!.spread).toEqual({ sd: 0, min: 87.5, max: 87.5, respondents: 3 });
  });

  it('keeps the aggregate block for one respondent when CSV cells were unmatched', () => {
    const r = run([six[0]!], { unmatchedCells: 2 });
    expect(r.aggregate).toMatchObject({ unmatchedCells: 2, divergent: [], perceptionGaps: [] });
  });

  it('streams: createAssessor gives the same result as assess', () => {
    const assessor = createAssessor({ questionnaire, hash: 'h', organization: 'Org', date: '2026-02-01', toolVersion: '0' });
    for (const p of six) assessor.add(p);
    expect(JSON.stringify(assessor.finish())).toBe(JSON.stringify(run(six)));
  });

  it('refuses an empty list of respondents', () => {
    expect(() => run([])).toThrow(/at least one response/);
  });
});
