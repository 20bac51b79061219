// Targets, progress and action status, with hand-computed expectations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import { PlanFile } from '../../src/model/plan.js';
import { Result } from '../../src/model/result.js';
import { actionRows, buildPlanOutcome, isOverdue, progressOf, targetRows } from '../../src/plan/outcome.js';
import { defaultTarget, proposePlan } from '../../src/plan/propose.js';
import { progressText, targetSentence } from '../../src/render/plan-section.js';
import { renderReport } from '../../src/render/report.js';

const questionnaire = loadQuestionnaire('questionnaires/social-readiness.yaml').questionnaire;
const example = Result.parse(JSON.parse(readFileSync('reports/examples/example-org/2026-11-29-social-readiness.json', 'utf8')));

/** The example result (dated 2026-11-29) with the given dimension scores. */
function withScores(scores: Record<string, number | null>, date = example.date): Result {
  return { ...example, date, dimensions: example.dimensions.map((d) => (d.id in scores ? { ...d, score: scores[d.id]! } : d)) };
}

const plan = PlanFile.parse({
  organization: 'Example Org',
  questionnaire: 'social-readiness',
  baseline: { result: '2026-05-01-social-readiness.json', date: '2026-05-01' },
  horizon: '2027-05-01',
  targets: {
    leadership: { baseline: 30, target: 50 },
    culture: { baseline: 70, target: 80 },
    objectives: { baseline: 40, target: 40 },
    engagement: { baseline: 20, target: 45 },
    capacity: { baseline: null, target: 50 },
  },
  actions: [
    { pilot: 'sponsor-first', owner: 'COO', start: '2026-05-15', due: '2026-11-28', status: 'running' },
    { pilot: 'problem-first-workshop', owner: 'Head of Strategy', start: '2026-06-01', due: '2026-07-01', status: 'done' },
    { pilot: 'listening-sprint', start: '2026-09-01', due: '2026-11-29', status: 'planned' },
    { title: 'Publish a usage guide', owner: 'IT lead', due: '2026-10-01', status: 'dropped' },
  ],
});

describe('progress against targets', () => {
  it('is (today − baseline) / (target − baseline), by hand', () => {
    expect(progressOf(30, 42, 50)).toBeCloseTo(0.6, 10); // 12 of 20 points
    expect(progressOf(70, 65, 80)).toBeCloseTo(-0.5, 10); // 5 points the wrong way, of 10
    expect(progressOf(20, 45, 45)).toBe(1);
    expect(progressOf(40, 45, 40)).toBeNull(); // target = baseline: no share to compute
    expect(progressOf(null, 45, 50)).toBeNull();
    expect(progressOf(30, null, 50)).toBeNull();
  });

  it('gives one row per target, in the questionnaire order, with gap and progress', () => {
    const rows = targetRows(withScores({ leadership: 42, culture: 65, objectives: 45, engagement: 45, capacity: 38 }), plan);
    expect(rows.map((r) => [r.dimension, r.baseline, r.today, r.target, r.gap, r.progress === null ? null : Math.round(r.progress * 1000) / 1000])).toEqual([
      ['leadership', 30, 42, 50, 8, 0.6],
      ['culture', 70, 65, 80, 15, -0.5],
      ['objectives', 40, 45, 40, -5, null],
      ['engagement', 20, 45, 45, 0, 1],
      ['capacity', null, 38, 50, 12, null],
    ]);
    expect(rows.map((r) => progressText(r.progress, r.gap))).toEqual(['60%', '-50%', 'held', '100%', '—']);
    expect(rows.map(targetSentence)).toEqual([
      null,
      'Culture of collaboration moved away from its target: from 70 at the baseline to 65 today, against a target of 80.',
      null,
      'Listening and engagement reached its target of 45: from 20 at the baseline to 45 today.',
      null,
    ]);
  });

  it('prints progress half away from zero, a fall as a rise, never on the other side of 0% or 100%', () => {
    // baseline 49.6, target 57.6 (8 points): 48.6 today is 1 point the wrong way, -12.5%; 50.6 is +12.5%
    expect(progressText(progressOf(49.6, 48.6, 57.6))).toBe('-13%');
    expect(progressText(progressOf(49.6, 50.6, 57.6))).toBe('13%');
    // baseline 73, target 75: 66.75 today is 6.25 points the wrong way of 2, -312.5%
    expect(progressText(progressOf(73, 66.75, 75))).toBe('-313%');
    // 24.9 of 25 points is not the target reached; 0.1 the wrong way is not the baseline
    expect(progressText(progressOf(40, 64.9, 65))).toBe('99.6%');
    expect(progressText(progressOf(40, 39.9, 65))).toBe('-0.4%');
    expect(progressText(progressOf(40, 65, 65))).toBe('100%');
    expect(progressText(progressOf(40, 40, 65))).toBe('0%');
  });

  it('never prints a gap left as 0, nor today on its target’s other side', () => {
    // objectives: baseline 47.67, target 47.8, today 47.67: a gap of 0.13 points, not reached
    const result = withScores({ objectives: 47.67 });
    const rows = targetRows(result, PlanFile.parse({ ...plan, targets: { objectives: { baseline: 47.67, target: 47.8 } } }));
    result.plan = { ...buildPlanOutcome({ questionnaire, result, plan, earlier: [] }), targets: rows };
    const md = renderReport(result);
    expect(md).toContain('| Objectives and strategy | 48 | 47.7 | 48 | 0.1 | 0% |');
  });

  it('prints a previous score and a baseline as the reports print them, and the change the row shows', () => {
    // the previous round's leadership was 49.6, below its threshold of 50 (its barrier point): that report said 49.6
    const previous = withScores({ leadership: 49.6 }, '2026-05-01');
    const result = withScores({ leadership: 49 });
    const p = PlanFile.parse({ ...plan, targets: { leadership: { baseline: 49.6, target: 57.6 } } });
    result.plan = buildPlanOutcome({ questionnaire, result, plan: p, earlier: [previous] });
    const md = renderReport(result);
    // 49 − 49.6 is −0.6, not the −1 of 49 − 50
    expect(md).toContain('| Leadership support | 49.6 | 49 | −0.6 |');
    // (49 − 49.6) / (57.6 − 49.6) = −7.5%
    expect(md).toContain('| Leadership support | 49.6 | 49 | 58 | 9 | -8% |');
  });

  it('flags overdue actions on the assessment date, not the clock', () => {
    expect(isOverdue('running', '2026-11-28', '2026-11-29')).toBe(true);
    expect(isOverdue('planned', '2026-11-29', '2026-11-29')).toBe(false); // due today is not late yet
    expect(isOverdue('done', '2026-01-01', '2026-11-29')).toBe(false);
    expect(isOverdue('dropped', '2026-01-01', '2026-11-29')).toBe(false);
    const earlier = [withScores({ leadership: 30, objectives: 40 }, '2026-05-01')];
    const rows = actionRows(questionnaire, withScores({ leadership: 42, objectives: 45 }), plan, earlier);
    expect(rows.map((a) => [a.title, a.status, a.overdue])).toEqual([
      ['From support to resources', 'running', true], // the sponsor is named in these answers: the pilot's variant title
      ['Problem-first workshop', 'done', false],
      ['Listening sprint', 'planned', false],
      ['Publish a usage guide', 'dropped', false],
    ]);
    // what moved in the running pilot's dimensions since the result before its start
    expect(rows[0]!.since).toEqual({ date: '2026-05-01', changes: [{ dimension: 'leadership', title: 'Leadership support', before: 30, now: 42 }] });
  });
});

describe('buildPlanOutcome', () => {
  it('compares with the latest earlier result, keeps settled pilots off the roadmap and places the running one first', () => {
    const older = withScores({ leadership: 20 }, '2026-01-10');
    const previous = withScores({ leadership: 30 }, '2026-05-01');
    const outcome = buildPlanOutcome({ questionnaire, result: withScores({ leadership: 42 }), plan, earlier: [older, previous] });
    expect(outcome.source).toBe('plan');
    expect(outcome.previous?.date).toBe('2026-05-01');
    expect(outcome.previous?.dimensions.find((d) => d.dimension === 'leadership')).toEqual({ dimension: 'leadership', title: 'Leadership support', before: 30, now: 42 });
    const placed = outcome.roadmap.phases.flatMap((p) => p.pilots.map((x) => x.id));
    expect(outcome.roadmap.phases[0]!.pilots[0]).toMatchObject({ id: 'sponsor-first', status: 'running', owner: 'COO' });
    expect(placed).not.toContain('problem-first-workshop'); // done
    expect(outcome.roadmap.phases.map((p) => p.title)).toEqual(questionnaire.roadmap!.phases.map((p) => p.title));
    expect(outcome.roadmap.phases.at(-1)!.to).toBe('2027-05-01');
  });
});

describe('the proposed plan', () => {
  it('targets the next level for a dimension below its threshold and holds the others', () => {
    const levels = example.levels;
    // levels: 0-25-45-65-80-100 in the built-ins; threshold 50
    expect(defaultTarget(31.4, 50, levels)).toBe(45);
    expect(defaultTarget(48.6, 50, levels)).toBe(65);
    expect(defaultTarget(73.7, 50, levels)).toBe(73.7);
    expect(defaultTarget(null, 50, levels)).toBeNull();
    const proposed = proposePlan(questionnaire, example, '2026-11-29-social-readiness.json');
    expect(proposed.targets.leadership).toEqual({ baseline: 31.43, target: 45 });
    expect(proposed.horizon).toBe('2027-11-29');
    expect(proposed.actions.map((a) => [a.pilot, a.status, a.owner])).toEqual([
      ['sponsor-first', 'planned', ''],
      ['problem-first-workshop', 'planned', ''],
      ['leaders-in-the-open', 'planned', ''],
    ]);
    expect(PlanFile.safeParse(proposed).success).toBe(true);
  });

  it('finds the result it was made from where it left it: nothing moved, held targets held', () => {
    // the plan writes scores rounded to two decimals: culture 73.666… as 73.67, leadership 31.428… as 31.43
    expect(example.dimensions.find((d) => d.id === 'culture')!.score).toBeCloseTo(73.6667, 4);
    const proposed = PlanFile.parse(proposePlan(questionnaire, example, '2026-11-29-social-readiness.json'));
    const rows = targetRows(example, proposed);
    expect(rows.map((r) => [r.dimension, r.progress === null ? null : r.progress, progressText(r.progress, r.gap)])).toEqual([
      ['leadership', 0, '0%'],
      ['culture', null, 'held'],
      ['objectives', 0, '0%'],
      ['champions', null, 'held'],
      ['engagement', 0, '0%'],
      ['capacity', 0, '0%'],
      ['governance', 0, '0%'],
    ]);
    // no "moved away from its target" nor "fell below the score it was meant to hold" for the same answers
    expect(rows.map(targetSentence).filter((x) => x !== null)).toEqual([]);
  });
});
