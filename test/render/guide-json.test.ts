// `show --json`: the normalized questionnaire other tools build on.
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import type { Questionnaire } from '../../src/model/questionnaire.js';
import { describeCondition, normalizeForJson } from '../../src/render/questionnaire-json.js';

const q = loadQuestionnaire('test/fixtures/questionnaires/valid/minimal.yaml').questionnaire;
const json = normalizeForJson(q);
const question = (id: string) => json.questions.find((x) => x.id === id)!;

describe('normalizeForJson', () => {
  it('lists every question with id, dimension, type, text and help', () => {
    expect(json.questions.map((x) => [x.id, x.dimension, x.type])).toEqual(q.questions.map((x) => [x.id, x.dimension, x.type]));
    expect(question('lead-sponsor')).toMatchObject({ text: 'A named senior leader sponsors the initiative.', help: 'A sponsor secures budget and patience.', scored: true, weight: 2 });
    expect(question('lead-budget').help).toBeNull();
  });

  it('spells out allowed answers with scores normalized after reverse-coding', () => {
    expect(question('lead-sponsor').options).toEqual([
      { value: 1, label: 'Strongly disagree', score: 0 },
      { value: 2, label: 'Disagree', score: 0.3 },
      { value: 3, label: 'Agree', score: 0.7 },
      { value: 4, label: 'Strongly agree', score: 1 },
    ]);
    expect(question('culture-silos').options!.map((o) => o.score)).toEqual([1, 0.7, 0.3, 0]);
    expect(question('lead-budget').options).toEqual([
      { value: 'yes', label: 'Yes', score: 1 },
      { value: 'no', label: 'No', score: 0 },
    ]);
    expect(question('culture-channels')).toMatchObject({
      options: [
        { value: 'chat', label: 'Team chat', score: 0.5 },
        { value: 'wiki', label: 'Wiki', score: 0.5 },
        { value: 'none', label: 'None of these', score: 0, exclusive: true },
      ],
      combine: "sum of the chosen options' scores, capped at 1",
    });
  });

  it('gives number questions their bounds and scoring instead of options, and marks unscored ones', () => {
    expect(question('culture-hours')).toMatchObject({ min: 0, max: 40, unit: 'hours', scoring: { worst: 0, best: 4, reversed: false }, scored: true });
    expect(question('culture-hours')).not.toHaveProperty('options');
    expect(question('culture-size')).toMatchObject({ min: 1, max: null, scoring: null, scored: false });
    expect(question('culture-notes')).toMatchObject({ scored: false, when: { not: { question: 'culture-channels', includes: 'none' } } });
    expect(question('culture-notes')).not.toHaveProperty('options');
  });

  it('reverses yes/no scores too', () => {
    const reversed: Questionnaire = { ...q, questions: q.questions.map((x) => (x.id === 'lead-budget' ? { ...x, reverse: true } : x)) };
    expect(normalizeForJson(reversed).questions[1]!.options!.map((o) => [o.value, o.score])).toEqual([
      ['yes', 0],
      ['no', 1],
    ]);
  });

  it('orders dimensions by `order`, then position, with their question ids', () => {
    const swapped: Questionnaire = { ...q, dimensions: q.dimensions.map((d) => (d.id === 'leadership' ? { ...d, order: 5 } : d)) };
    expect(normalizeForJson(swapped).dimensions.map((d) => [d.id, d.order])).toEqual([
      ['culture', 1],
      ['leadership', 2],
    ]);
    expect(json.dimensions[0]).toMatchObject({ id: 'leadership', weight: 2, threshold: 40, questions: ['lead-sponsor', 'lead-budget'] });
  });

  it('keeps levels (lowest first), gates and pilots, and survives a JSON round trip', () => {
    expect(json.levels.map((l) => l.id)).toEqual(['early', 'ready']);
    expect(json.gates[0]).toMatchObject({ id: 'no-sponsor', cap: 'early' });
    expect(json.pilots.map((p) => p.id)).toEqual(['sponsor-first', 'anchor-team']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('describeCondition', () => {
  it('puts conditions in plain words with labels', () => {
    expect(describeCondition({ dimension: 'leadership', lt: 40, gte: 10 }, q)).toBe('"Leadership support" score below 40 and at least 10');
    expect(describeCondition({ overall: true, lte: 60 }, q)).toBe('overall score at most 60');
    expect(describeCondition({ question: 'culture-mood', equals: 'learned' }, q)).toBe('culture-mood is "We learn from them"');
    expect(describeCondition({ question: 'culture-mood', answered: false }, q)).toBe('culture-mood is not answered');
    expect(describeCondition({ any: [{ all: [{ overall: true, gt: 1 }, { overall: true, lt: 9 }] }, { not: { dimension: 'culture', gt: 50 } }] }, q)).toBe(
      '(overall score above 1 and overall score below 9) or not ("Culture of collaboration" score above 50)',
    );
  });
});
