// Pilot rules: which pilots fit, in what order, why, and what blocks the rest.
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerValue } from '../../src/model/answers.js';
import type { Condition, Pilot } from '../../src/model/questionnaire.js';

type PilotInput = Omit<Pilot, 'notYet' | 'priority'> & Partial<Pick<Pilot, 'notYet' | 'priority'>>;
import { explainCondition } from '../../src/recommend/explain.js';
import { fillPlaceholders, recommendPilots } from '../../src/recommend/pilots.js';
import { questionnaireFrom } from '../score/helpers.js';

const pilot = (id: string, fits: Condition, extra: Partial<PilotInput> = {}): PilotInput => ({
  id,
  title: `Pilot ${id}`,
  summary: 'S.',
  why: 'W.',
  steps: ['Step'],
  measures: ['Measure'],
  duration: '3 months',
  fits,
  ...extra,
});

const questionnaire = questionnaireFrom({
  id: 'pilots',
  title: 'Pilots',
  version: '1',
  description: 'Pilot rules.',
  minutes: 1,
  dimensions: [
    { id: 'lead', title: 'Leadership support', description: 'L.' },
    { id: 'cult', title: 'Culture of collaboration', description: 'C.' },
    { id: 'obj', title: 'Objectives', description: 'O.' },
  ],
  levels: [{ id: 'all', label: 'All', min: 0, max: 100, description: 'All.' }],
  questions: [
    { id: 'sponsor', dimension: 'lead', text: 'Is there a named sponsor?', type: 'yesno' },
    {
      id: 'areas',
      dimension: 'cult',
      text: 'Which areas have connectors?',
      type: 'multiple',
      options: [
        { value: 'it', label: 'IT', score: 0.3 },
        { value: 'hr', label: 'HR', score: 0.3 },
        { value: 'sales', label: 'Sales', score: 0.3 },
        { value: 'none', label: 'None', score: 0, exclusive: true },
      ],
    },
    { id: 'hours', dimension: 'obj', text: 'Hours a week free for new work', type: 'number', unit: 'hours', scoring: { worst: 0, best: 5 } },
  ],
  pilots: [
    pilot('problem-first', { dimension: 'obj', lt: 60 }),
    pilot('connectors', {
      all: [
        { dimension: 'cult', lt: 50 },
        { question: 'areas', countAtLeast: 2 },
      ],
    }),
    pilot('listening', { any: [{ dimension: 'cult', lt: 50 }, { dimension: 'obj', lt: 50 }] }),
    pilot('leaders-open', { dimension: 'lead', gte: 40 }, {
      notYet: [
        { when: { question: 'sponsor', equals: 'no' }, fix: 'Name a sponsor first.' },
        { when: { dimension: 'lead', lt: 45 }, fix: 'Raise leadership support above 45.' },
      ],
    }),
    pilot('sponsor-first', { any: [{ dimension: 'lead', lt: 50 }, { question: 'sponsor', equals: 'no' }] }, { priority: 100 }),
    pilot('never', { not: { dimension: 'lead', lt: 101 } }),
  ],
});

const answered = (value: AnswerValue): Answer => ({ status: 'answered', value });

function source(dimensions: Record<string, number | null>, answers: Record<string, Answer>, respondents = 1) {
  return { questionnaire, ctx: { dimensions, overall: null, answers }, respondents };
}

const weak = source({ lead: 42, cult: 38, obj: 55 }, { sponsor: answered('no'), areas: answered(['it', 'hr', 'sales']), hours: answered(2) });

describe('recommended pilots', () => {
  it('puts sponsor-first before any other pilot when leadership is missing', () => {
    const { pilots } = recommendPilots(questionnaire.pilots, weak);
    expect(pilots[0]!.id).toBe('sponsor-first');
  });

  it('ranks by priority, then by how far past its bounds each pilot fits, then catalogue order', () => {
    const { pilots } = recommendPilots(questionnaire.pilots, weak, 10);
    // connectors: cult 38 < 50 -> margin 12; listening: cult 38 < 50 -> 12 (obj 55 is not < 50);
    // problem-first: obj 55 < 60 -> 5. connectors before listening by catalogue order.
    expect(pilots.map((p) => p.id)).toEqual(['sponsor-first', 'connectors', 'listening', 'problem-first']);
  });

  it('gives the reasons in plain words, naming scores and answers', () => {
    const { pilots } = recommendPilots(questionnaire.pilots, weak, 10);
    const reasons = Object.fromEntries(pilots.map((p) => [p.id, p.reasons]));
    expect(reasons['sponsor-first']).toEqual([
      'Leadership support scored 42/100 (below its threshold of 50)',
      'Answer "No" to "Is there a named sponsor?"',
    ]);
    expect(reasons['connectors']).toEqual([
      'Culture of collaboration scored 38/100 (below its threshold of 50)',
      '3 options chosen for "Which areas have connectors?" (at least 2): "IT", "HR", "Sales"',
    ]);
    // only the branch of `any` that held is named
    expect(reasons['listening']).toEqual(['Culture of collaboration scored 38/100 (below its threshold of 50)']);
  });

  it('limits the list to N pilots (--pilots N) without touching the not-yet list', () => {
    expect(recommendPilots(questionnaire.pilots, weak).pilots).toHaveLength(3);
    expect(recommendPilots(questionnaire.pilots, weak, 1).pilots.map((p) => p.id)).toEqual(['sponsor-first']);
    const none = recommendPilots(questionnaire.pilots, weak, 0);
    expect(none.pilots).toEqual([]);
    expect(none.notYet.map((p) => p.id)).toEqual(['leaders-open']);
  });

  it('lists a fitting but blocked pilot as not yet, with each blocking reason and its fix', () => {
    const { pilots, notYet } = recommendPilots(questionnaire.pilots, weak, 10);
    expect(pilots.map((p) => p.id)).not.toContain('leaders-open');
    expect(notYet).toEqual([
      {
        id: 'leaders-open',
        title: 'Pilot leaders-open',
        blockers: [
          { reason: 'Answer "No" to "Is there a named sponsor?"', fix: 'Name a sponsor first.' },
          { reason: 'Leadership support scored 42/100 (below 45)', fix: 'Raise leadership support above 45.' },
        ],
      },
    ]);
  });

  it('recommends a pilot once its blockers are gone, and nothing that does not fit', () => {
    const strong = source({ lead: 80, cult: 70, obj: 90 }, { sponsor: answered('yes'), areas: answered(['it']), hours: answered(5) });
    const { pilots, notYet } = recommendPilots(questionnaire.pilots, strong);
    expect(pilots.map((p) => p.id)).toEqual(['leaders-open']);
    expect(pilots[0]).toMatchObject({ reasons: ['Leadership support scored 80/100 (at least 40); its threshold is 50'], steps: ['Step'], duration: '3 months' });
    expect(notYet).toEqual([]);
  });

  it('is the same every time', () => {
    const a = JSON.stringify(recommendPilots(questionnaire.pilots, weak, 5));
    expect(JSON.stringify(recommendPilots(questionnaire.pilots, weak, 5))).toBe(a);
  });
});

describe('answer placeholders', () => {
  it('fill with the answer, or drop an empty fill with the quotes or brackets around it (--no-free-text left “” behind)', () => {
    const fill = (text: string, answers: Record<string, Answer> = {}) => fillPlaceholders(text, questionnaire, answers);
    expect(fill('Start from the problems written down (“{areas|}”), add those raised.', { areas: answered(['it', 'hr']) })).toBe(
      'Start from the problems written down (“IT and HR”), add those raised.',
    );
    expect(fill('Start from the problems written down (“{areas|}”), add those raised.')).toBe('Start from the problems written down, add those raised.');
    expect(fill('Ask “{areas|}” first, then ({areas|}) and "{areas.note|}".')).toBe('Ask first, then and.');
    expect(fill('Ask (“{areas|nobody yet}”) first.')).toBe('Ask (“nobody yet”) first.');
    // a bare empty fill stays as the catalogue wrote the sentence around it
    expect(fill('Areas: {areas|}; then more.')).toBe('Areas: ; then more.');
  });
});

describe('plain-words explanations', () => {
  const texts = (c: Condition, src = weak, want = true) => explainCondition(c, src, want).map((b) => b.text);

  it('describes negated leaves by what failed', () => {
    expect(texts({ not: { dimension: 'cult', gte: 50 } })).toEqual(['Culture of collaboration scored 38/100 (not at least 50)']);
    expect(texts({ not: { question: 'sponsor', equals: 'yes' } })).toEqual(['Answer "No" to "Is there a named sponsor?" (not "Yes")']);
  });

  it('describes multiple-choice, number and missing answers', () => {
    expect(texts({ question: 'areas', includes: 'hr' })).toEqual(['"HR" chosen for "Which areas have connectors?"']);
    expect(texts({ question: 'hours', lt: 3 })).toEqual(['2 hours for "Hours a week free for new work" (below 3)']);
    const missing = source({ lead: null, cult: 38, obj: 55 }, { sponsor: { status: 'dont-know' } });
    expect(texts({ question: 'sponsor', answered: false }, missing)).toEqual(['No answer (Don\'t know) to "Is there a named sponsor?"']);
    expect(texts({ not: { dimension: 'lead', gte: 50 } }, missing)).toEqual(['Leadership support has no score (no scored answers)']);
  });

  it('says "most common" and "median" for several respondents', () => {
    const many = source({ lead: 42, cult: 38, obj: 55 }, { sponsor: answered('no'), areas: answered(['it', 'hr']), hours: answered(2.5) }, 12);
    expect(texts({ question: 'sponsor', equals: 'no' }, many)).toEqual(['Most common answer "No" to "Is there a named sponsor?"']);
    expect(texts({ question: 'hours', lte: 3 }, many)).toEqual(['Median 2.5 hours for "Hours a week free for new work" (at most 3)']);
    expect(texts({ question: 'areas', countAtLeast: 2 }, many)).toEqual([
      '2 options chosen by most respondents for "Which areas have connectors?" (at least 2): "IT", "HR"',
    ]);
  });

  it('measures the fit margin of score tests', () => {
    expect(explainCondition({ dimension: 'cult', lt: 50, gte: 30 }, weak)).toEqual([
      { text: 'Culture of collaboration scored 38/100 (below 50 and at least 30)', margin: 8 },
    ]);
  });
});
