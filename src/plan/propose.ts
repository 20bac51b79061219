// The first version of an organization's plan, proposed from its latest
// result: a target per dimension, a horizon, and the roadmap's pilots as
// planned actions. The user edits it from there; the tool never overwrites it.
import type { PlanFile, PlanTarget } from '../model/plan.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { buildRoadmap, capacityOf, horizonOf, planRound as round2 } from './outcome.js';

/**
 * The default target of a dimension (0..100): below its threshold, the lower
 * bound of the next level above its score (100 from the top level); at or
 * above its threshold, its current score (hold the ground). Null without a score.
 */
export function defaultTarget(score: number | null, threshold: number, levels: readonly { min: number; max: number }[]): number | null {
  if (score === null) return null;
  if (score >= threshold) return round2(score);
  const next = [...levels].sort((a, b) => a.min - b.min).find((l) => l.min > score);
  return next ? next.min : 100;
}

/** A plan proposed from `result` (stored as `resultFile` beside the plan). */
export function proposePlan(questionnaire: Questionnaire, result: Result, resultFile: string): PlanFile {
  const targets: Record<string, PlanTarget> = {};
  for (const d of result.dimensions) {
    const target = defaultTarget(d.score, d.threshold, result.levels);
    if (target === null || d.score === null) continue;
    targets[d.id] = { baseline: round2(d.score), target };
  }
  const horizon = horizonOf(questionnaire, result.date);
  const capacity = capacityOf(questionnaire, result);
  const roadmap = buildRoadmap(questionnaire, result, undefined, capacity.pilots, horizon);
  const actions: PlanFile['actions'] = roadmap.phases.flatMap((phase) =>
    phase.pilots.map((p) => ({ pilot: p.id, owner: '', start: phase.from, due: phase.to, status: 'planned' as const })),
  );
  return {
    organization: result.organization,
    questionnaire: result.questionnaire.id,
    baseline: { result: resultFile, date: result.date },
    horizon,
    targets,
    actions,
  };
}
