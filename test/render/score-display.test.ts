// The printed number never contradicts the verdict beside it: the display rule
// (src/render/score-display.ts) on its own, and through assess -> report / summary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Response } from '../../src/model/answers.js';
import type { QuestionnaireInput } from '../../src/model/questionnaire.js';
import { renderReport } from '../../src/render/report.js';
import { showNumber, showShare } from '../../src/render/score-display.js';
import { plainPaint, renderSummary } from '../../src/render/summary.js';
import { assess } from '../../src/score/assess.js';
import { questionnaireFrom } from '../score/helpers.js';

// `|| 0` folds -0 into 0: below, equal and above are what matter, not the sign of a zero
const relation = (a: number, b: number) => Math.sign(a - b) || 0;

describe('showNumber', () => {
  it('prints whole numbers unless rounding would cross an edge', () => {
    expect(showNumber(49.6, [50])).toBe('49.6');
    expect(showNumber(49.96, [50])).toBe('49.96');
    expect(showNumber(50.4, [50])).toBe('50.4');
    expect(showNumber(50, [50])).toBe('50');
    expect(showNumber(66.66666666666667, [50])).toBe('67');
    expect(showNumber(49.6)).toBe('50');
    expect(showNumber(49.99999999, [50])).toBe('49.99999999');
    expect(showNumber(53.125, [], 1)).toBe('53.1');
    expect(showShare(0.596, [0.6])).toBe('59.6%');
    expect(showShare(2 / 3)).toBe('67%');
  });

  it('always stands in the same relation (below, equal, above) to every edge as the value', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.array(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ min: -100, max: 100, noNaN: true })), { maxLength: 5 }),
        fc.integer({ min: 0, max: 2 }),
        (value, edges, decimals) => {
          const printed = Number(showNumber(value, edges, decimals));
          for (const edge of edges) expect(relation(printed, edge), `${value} printed ${printed}, edge ${edge}`).toBe(relation(value, edge));
          expect(Math.abs(printed - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** Three dimensions of number questions (scored linearly 0..1000), random weights, thresholds and level cuts. */
function questionnaire(thresholds: number[], weights: number[][], cut: number): QuestionnaireInput {
  return {
    id: 'edges',
    title: 'Edges',
    version: '1',
    description: 'Scores that land anywhere.',
    minutes: 1,
    dimensions: thresholds.map((threshold, i) => ({ id: `d${i}`, title: `Dimension ${i}`, description: 'D.', threshold })),
    questions: weights.flatMap((ws, i) =>
      ws.map((weight, j) => ({ id: `q${i}-${j}`, dimension: `d${i}`, text: `Q ${i} ${j}`, type: 'number' as const, min: 0, max: 1000, scoring: { worst: 0, best: 1000 }, weight })),
    ),
    levels: [
      { id: 'low', label: 'Low', min: 0, max: cut, description: 'L.' },
      { id: 'high', label: 'High', min: cut, max: 100, description: 'H.' },
    ],
    pilots: thresholds.map((threshold, i) => ({
      id: `p${i}`,
      title: `Pilot ${i}`,
      summary: 'S.',
      why: 'W.',
      steps: ['Step.'],
      measures: ['Measure.'],
      duration: '1 month',
      fits: { dimension: `d${i}`, lt: threshold },
    })),
  };
}

const printedScores = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m.slice(1).map(Number));

describe('report and summary: the printed score never contradicts the verdict', () => {
  it('holds for any answers, thresholds, weights and level cuts', () => {
    const arb = fc.record({
      thresholds: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 3, maxLength: 3 }),
      weights: fc.array(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
      cut: fc.integer({ min: 1, max: 99 }),
      respondents: fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 9, maxLength: 9 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(arb, ({ thresholds, weights, cut, respondents }) => {
        const q = questionnaireFrom(questionnaire(thresholds, weights, cut));
        const responses: Response[] = respondents.map((values, n) => ({
          source: `r${n}`,
          answers: Object.fromEntries(q.questions.map((question, k) => [question.id, { status: 'answered' as const, value: values[k]! }])),
        }));
        const result = assess({ questionnaire: q, hash: 'h', responses, organization: 'Org', date: '2026-12-01', toolVersion: 't', pilots: 3 });
        const md = renderReport(result);
        const summary = renderSummary(result, {}, plainPaint, 100);

        // the barrier sentence and the summary's "Fix this first" line: printed below the threshold
        for (const [score, threshold] of printedScores(md, /It scores ([\d.]+)\/100, below its threshold of ([\d.]+)\./g)) expect(score).toBeLessThan(threshold!);
        for (const [score, threshold] of printedScores(summary, /\(([\d.]+)\/100, threshold ([\d.]+)\)/g)) expect(score).toBeLessThan(threshold!);
        // each dimension's finding line: same side of its threshold, inside its level's band
        for (const d of result.dimensions) {
          // the first finding line after the dimension's heading (two dimensions may print the same line)
          const line = md.slice(md.indexOf(`### ${d.title}`)).split('\n').find((l) => l.startsWith('Score **'));
          const [score, threshold] = printedScores(line!, /Score \*\*([\d.]+)\/100\*\*, level \w+; threshold ([\d.]+)\./g)[0]!;
          expect(relation(score!, threshold!)).toBe(relation(d.score!, d.threshold));
          expect(relation(score!, cut)).toBe(relation(d.score!, cut));
        }
        // the overall score beside its level
        const [overall] = printedScores(md, /overall score \*\*([\d.]+)\/100\*\*/g)[0]!;
        expect(relation(overall!, cut)).toBe(relation(result.overall.score!, cut));
        // pilot reasons: "scored X/100 (below T)"
        for (const [score, bound] of printedScores(md, /scored ([\d.]+)\/100 \(below (?:its threshold of )?([\d.]+)\)/g)) expect(score).toBeLessThan(bound!);
      }),
      { numRuns: 150 },
    );
  });

  it('prints 49.6 beside "below its threshold of 50"', () => {
    // one question weighted 1 scoring 0.496: 49.6
    const q = questionnaireFrom(questionnaire([50, 1, 1], [[1], [1], [1]], 50));
    const answers = { 'q0-0': 496, 'q1-0': 800, 'q2-0': 800 };
    const result = assess({
      questionnaire: q,
      hash: 'h',
      responses: [{ source: 'x', answers: Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, { status: 'answered' as const, value }])) }],
      organization: 'Org',
      date: '2026-12-01',
      toolVersion: 't',
    });
    expect(result.dimensions[0]!.score).toBeCloseTo(49.6, 10);
    const md = renderReport(result);
    expect(md).toContain('It scores 49.6/100, below its threshold of 50.');
    expect(md).toContain('Dimension 0 scored 49.6/100 (below its threshold of 50)');
    expect(renderSummary(result, {}, plainPaint, 80)).toContain('Fix this first: Dimension 0 (49.6/100, threshold 50)');
  });
});

describe('the examples of issue 10', () => {
  it('computes the overall from unrounded dimension scores (85 and 53.5714 weighted 5 and 7 give 66.6667, not 66.7)', async () => {
    const { overallScore } = await import('../../src/score/overall.js');
    const overall = overallScore([{ weight: 5, score: 85 }, { weight: 7, score: 375 / 7 }])!;
    expect(overall).toBeCloseTo(66.6667, 4);
    expect(Math.abs(overall - 200 / 3)).toBeLessThan(1e-9);
  });

  it('prints a question mean of 0.6546 as 65, rounding once', () => {
    expect(`${showNumber(0.6546 * 100, [50])}/100`).toBe('65/100');
  });
});
