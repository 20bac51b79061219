// Overall score, level bands, gates and the barrier point.
import type { Dimension, Gate, Level, Questionnaire } from '../model/questionnaire.js';
import type { DimensionResult, LevelRef } from '../model/result.js';
import { evaluateCondition, type ConditionContext } from './conditions.js';
import { clean } from './round.js';

/** Levels in their order (by min): the order used for capping and for "top level". */
export function sortedLevels(levels: readonly Level[]): Level[] {
  return levels
    .map((level, index) => ({ level, index }))
    .sort((a, b) => a.level.min - b.level.min || a.index - b.index)
    .map(({ level }) => level);
}

/** The band [min, max) holding the score; the last band includes its max. */
export function levelFor(score: number, levels: readonly Level[]): Level | undefined {
  const sorted = sortedLevels(levels);
  const last = sorted[sorted.length - 1];
  if (last && score >= last.min && score <= last.max) return last;
  return sorted.find((level) => score >= level.min && score < level.max);
}

export function levelRef(level: Level): LevelRef {
  return { id: level.id, label: level.label, description: level.description };
}

/** Dimensions in display and barrier order: `order` (default: position), ties by position. */
export function orderedDimensions(questionnaire: Questionnaire): Dimension[] {
  return questionnaire.dimensions
    .map((dimension, index) => ({ dimension, index, key: dimension.order ?? index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ dimension }) => dimension);
}

/**
 * Overall = sum(weight * score) / sum(weight) over dimensions that have a
 * score, from the full-precision dimension scores (0..100). Dimensions
 * without a score, and those with `inOverall: false` (top-box and net dimensions by
 * default), are left out with their weight (the rest renormalized).
 */
export function overallScore(dimensions: readonly Pick<DimensionResult, 'weight' | 'score' | 'inOverall'>[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const d of dimensions) {
    if (d.score === null || d.inOverall === false) continue;
    weighted += d.weight * d.score;
    weights += d.weight;
  }
  return weights > 0 ? clean(weighted / weights) : null;
}

export interface GateOutcome {
  level: Level | undefined;
  uncapped: Level | undefined;
  /** Gates whose condition holds, in questionnaire order. */
  gates: { id: string; cap: string; reason: string }[];
}

/** The level from the bands, then capped by every gate that holds (the lowest cap wins). */
export function applyGates(
  score: number | null,
  levels: readonly Level[],
  gates: readonly Gate[],
  ctx: ConditionContext,
): GateOutcome {
  const sorted = sortedLevels(levels);
  const uncapped = score === null ? undefined : levelFor(score, sorted);
  const held = gates.filter((gate) => evaluateCondition(gate.when, ctx));
  let level = uncapped;
  for (const gate of held) {
    const capIndex = sorted.findIndex((l) => l.id === gate.cap);
    if (level && capIndex >= 0 && sorted.indexOf(level) > capIndex) level = sorted[capIndex];
  }
  return { level, uncapped, gates: held.map((g) => ({ id: g.id, cap: g.cap, reason: g.reason })) };
}

/** The first dimension, in display order, whose score is below its threshold (ADKAR's barrier point). */
export function barrierPoint(dimensions: readonly DimensionResult[]): { dimension: string; title: string; score: number; threshold: number } | null {
  for (const d of dimensions) {
    if (d.score !== null && d.score < d.threshold) return { dimension: d.id, title: d.title, score: d.score, threshold: d.threshold };
  }
  return null;
}
