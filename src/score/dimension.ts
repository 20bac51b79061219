// Dimension maths: score from answered items, coverage, reliability, level and finding.
import type { Dimension, Level } from '../model/questionnaire.js';
import type { DimensionResult } from '../model/result.js';
import type { ItemStatus } from './respondent.js';
import { levelFor, levelRef } from './overall.js';
import { clean } from './round.js';

/** Below this share of applicable items answered, a dimension score is marked not reliable. */
export const RELIABLE_COVERAGE = 0.6;

/**
 * One respondent's dimension score: 100 * sum(w*s) / sum(w) over answered
 * scored items. Don't-know and unanswered items count as applicable but not
 * answered (they lower coverage, not the score); n/a and hidden items count
 * for neither.
 */
export function dimensionScore(items: readonly { weight: number; status: ItemStatus; score: number | null }[]): {
  score: number | null;
  answered: number;
  applicable: number;
} {
  let weighted = 0;
  let weights = 0;
  let answered = 0;
  let applicable = 0;
  for (const item of items) {
    if (item.status === 'hidden' || item.status === 'not-applicable') continue;
    applicable += 1;
    if (item.status !== 'answered' || item.score === null) continue;
    answered += 1;
    weighted += item.weight * item.score;
    weights += item.weight;
  }
  return { score: weights > 0 ? clean((100 * weighted) / weights) : null, answered, applicable };
}

/** Share of applicable scored items answered; 0 when nothing applied (there is nothing to base a score on). */
export function coverageOf(answered: number, applicable: number): number {
  return applicable > 0 ? clean(answered / applicable) : 0;
}

export function isReliable(score: number | null, coverage: number): boolean {
  return score !== null && coverage >= RELIABLE_COVERAGE;
}

/** The finished dimension entry of a Result (score already aggregated, full precision). */
export function dimensionResult(
  dimension: Dimension,
  levels: readonly Level[],
  score: number | null,
  coverage: number,
  spread?: DimensionResult['spread'],
): DimensionResult {
  const level = score === null ? undefined : levelFor(score, levels);
  const result: DimensionResult = {
    id: dimension.id,
    title: dimension.title,
    description: dimension.description,
    weight: dimension.weight,
    threshold: dimension.threshold,
    score,
    coverage,
    reliable: isReliable(score, coverage),
    level: level ? levelRef(level) : null,
    finding: level ? (dimension.findings[level.id] ?? null) : null,
  };
  if (spread) result.spread = spread;
  return result;
}
