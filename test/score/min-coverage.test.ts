// Minimum coverage (docs/scoring.md, "Minimum coverage"): a dimension with too few
// answered items has no score, is never the barrier and never moves the overall.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerEntry } from '../../src/model/answers.js';
import type { QuestionnaireInput } from '../../src/model/questionnaire.js';
import { renderReport } from '../../src/render/report.js';
import { assess } from '../../src/score/assess.js';
import { neededAnswers } from '../../src/score/dimension.js';
import { questionnaireFrom, response } from './helpers.js';

const agree = {
  options: [
    { value: 1, label: 'Strongly disagree', score: 0 },
    { value: 2, label: 'Disagree', score: 0.25 },
    { value: 3, label: 'Neither', score: 0.5 },
    { value: 4, label: 'Agree', score: 0.75 },
    { value: 5, label: 'Strongly agree', score: 1 },
  ],
};

/** Dimension "a" (4 items, minCoverage 0.5, threshold 90 so it would be the barrier) before "b" (2 items). */
function input(minCoverage?: number): QuestionnaireInput {
  return {
    id: 'mc',
    title: 'Minimum coverage',
    version: '1',
    description: 'D.',
    minutes: 1,
    ...(minCoverage === undefined ? {} : { minCoverage }),
    scales: { agree },
    dimensions: [
      { id: 'a', title: 'Subscale A', description: 'A.', threshold: 90, weight: 3 },
      { id: 'b', title: 'Subscale B', description: 'B.', minCoverage: 0 },
    ],
    questions: [
      ...[1, 2, 3, 4].map((n) => ({ id: `a${n}`, dimension: 'a', text: `A ${n}`, type: 'likert' as const, scale: 'agree', allowNotApplicable: true, allowDontKnow: true, required: false })),
      ...[1, 2].map((n) => ({ id: `b${n}`, dimension: 'b', text: `B ${n}`, type: 'likert' as const, scale: 'agree', required: false })),
    ],
    levels: [
      { id: 'low', label: 'Low', min: 0, max: 50, description: 'L.' },
      { id: 'high', label: 'High', min: 50, max: 100, description: 'H.' },
    ],
    pilots: [{ id: 'fix-a', title: 'Fix A', summary: 'S.', why: 'W.', steps: ['s'], measures: ['m'], duration: '1 month', fits: { dimension: 'a', lt: 101 } }],
  };
}

const run = (q: QuestionnaireInput, ...people: Record<string, AnswerEntry>[]) =>
  assess({ questionnaire: questionnaireFrom(q), hash: 'h', responses: people.map((p) => response(p)), organization: 'Org', date: '2026-12-01', toolVersion: 't' });

describe('minimum coverage', () => {
  it('needs ceil(min x asked), at least one', () => {
    expect(neededAnswers(0.5, 4)).toBe(2);
    expect(neededAnswers(0.5, 5)).toBe(3);
    expect(neededAnswers(0.6, 5)).toBe(3);
    expect(neededAnswers(0.1, 3)).toBe(1);
    expect(neededAnswers(1, 4)).toBe(4);
  });

  it('reproduces the example in docs/scoring.md: 1 of 4 answered (3 n/a) is not scored; 2 of 4 scores 50', () => {
    const one = run(input(0.5), { a1: 4, a2: 'n/a', a3: 'n/a', a4: 'n/a', b1: 3, b2: 3 });
    const a = one.dimensions[0]!;
    expect(a).toMatchObject({ score: null, answered: 1, asked: 4, coverage: 0.25, minCoverage: 0.5, reliable: false, level: null });
    // left out of the overall (b alone), never the barrier, its pilot condition false
    expect(one.overall.score).toBe(50);
    expect(one.barrier).toBeNull();
    expect(one.pilots).toEqual([]);
    const md = renderReport(one);
    expect(md).toContain('Not scored (1 of 4 answered; needs 2).');
    expect(md).toContain('| Subscale A | ░░░░░░░░░░ — | 90 | 25% (below minimum) | — |');
    expect(md).toContain('A dimension is scored only when at least 50% of its questions asked were answered');

    const two = run(input(0.5), { a1: 4, a2: 2, a3: 'dont-know', a4: null, b1: 3, b2: 3 });
    expect(two.dimensions[0]).toMatchObject({ score: 50, answered: 2, asked: 4 });
    expect(two.barrier?.dimension).toBe('a');
    // (3 x 50 + 1 x 50) / 4
    expect(two.overall.score).toBe(50);
  });

  it('a dimension without its own minimum takes the questionnaire default; 0 keeps every answered dimension', () => {
    const none = run(input(), { a1: 5, a2: null, a3: null, a4: null, b1: 3, b2: null });
    expect(none.dimensions.map((d) => d.score)).toEqual([100, 50]);
    expect(none.dimensions[0]!.minCoverage).toBeUndefined();
    // b overrides a questionnaire-wide 0.75 with 0
    const strict = run(input(0.75), { a1: 5, a2: 5, a3: null, a4: null, b1: 3, b2: null });
    expect(strict.dimensions.map((d) => d.score)).toEqual([null, 50]);
  });

  it('applies per respondent: a respondent below the minimum is left out of the mean', () => {
    const r = run(input(0.5), { a1: 5, a2: 5, b1: 3, b2: 3 }, { a1: 1, b1: 3, b2: 3 });
    expect(r.dimensions[0]).toMatchObject({ score: 100, spread: { respondents: 1 } });
    const nobody = run(input(0.5), { a1: 5, b1: 3 }, { a2: 1, b1: 3 });
    expect(nobody.dimensions[0]!.score).toBeNull();
    expect(renderReport(nobody)).toContain('Not scored: no respondent answered enough of its questions (each needs 50% of those asked).');
  });

  it('whatever the answers: below the minimum there is no score, no barrier and no effect on the overall', () => {
    const entry = fc.constantFrom<AnswerEntry>(1, 2, 3, 4, 5, 'n/a', 'dont-know', null);
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.array(entry, { minLength: 4, maxLength: 4 }), b: fc.array(fc.constantFrom<AnswerEntry>(1, 2, 3, 4, 5), { minLength: 2, maxLength: 2 }) }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0.25, 0.5, 0.75, 1),
        (people, min) => {
          const answers = people.map((p) => ({ a1: p.a[0]!, a2: p.a[1]!, a3: p.a[2]!, a4: p.a[3]!, b1: p.b[0]!, b2: p.b[1]! }));
          const r = run(input(min), ...answers);
          const enough = people.filter((p) => p.a.filter((x) => typeof x === 'number').length >= neededAnswers(min, 4));
          const a = r.dimensions[0]!;
          if (enough.length === 0) {
            expect(a.score).toBeNull();
            expect(r.barrier?.dimension).not.toBe('a');
            expect(r.overall.score).toBe(r.dimensions[1]!.score);
            expect(r.pilots).toEqual([]);
          } else {
            expect(a.score).not.toBeNull();
            expect(a.spread?.respondents ?? 1).toBe(enough.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
