// Dimension maths: score from answered items, coverage, reliability, level and finding.
import type { Aggregate, Dimension, Display, Level, Question, Questionnaire } from '../model/questionnaire.js';
import type { DimensionResult, ScoreDisplay } from '../model/result.js';
import type { ItemStatus } from './respondent.js';
import { levelFor, levelRef } from './overall.js';
import { clean } from './round.js';
import { boxRuleOf, isScored } from './item.js';

/** Default low-coverage cut-off: below this share of the asked items answered, a dimension score is marked not reliable. */
export const RELIABLE_COVERAGE = 0.6;

/**
 * How many of `asked` scored items must be answered to reach `minCoverage` (0..1):
 * ceil(minCoverage * asked), at least 1 (0.5 of 4 needs 2; 0.5 of 5 needs 3).
 */
export function neededAnswers(minCoverage: number, asked: number): number {
  return Math.max(1, Math.ceil(clean(minCoverage * asked)));
}

/** A respondent's dimension score with its counts, as dimensionScore returns it. */
export interface DimensionTotals {
  score: number | null;
  answered: number;
  asked: number;
}

/**
 * One respondent's dimension score: 100 * sum(w*s) / sum(w) over answered scored items
 * (0..100, full precision). Don't-know, n/a and unanswered items were asked but not
 * answered (they lower coverage, not the score); hidden items were not asked. Below
 * `minCoverage` (0..1) of the asked items answered, there is no score (null).
 */
export function dimensionScore(
  items: readonly { weight: number; status: ItemStatus; score: number | null }[],
  minCoverage = 0,
): DimensionTotals {
  return dimensionScoreInto(items, minCoverage, { score: null, answered: 0, asked: 0 });
}

/** dimensionScore written into `out` (returned): nothing is allocated per respondent of a large survey. */
export function dimensionScoreInto(
  items: readonly { weight: number; status: ItemStatus; score: number | null }[],
  minCoverage: number,
  out: DimensionTotals,
): DimensionTotals {
  let weighted = 0;
  let weights = 0;
  let answered = 0;
  let asked = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.status === 'hidden') continue;
    asked += 1;
    if (item.status !== 'answered' || item.score === null) continue;
    answered += 1;
    weighted += item.weight * item.score;
    weights += item.weight;
  }
  const enough = minCoverage <= 0 || answered >= neededAnswers(minCoverage, asked);
  out.score = weights > 0 && enough ? clean((100 * weighted) / weights) : null;
  out.answered = answered;
  out.asked = asked;
  return out;
}

/** Share of the asked scored items answered; 0 when nothing was asked (there is nothing to base a score on). */
export function coverageOf(answered: number, asked: number): number {
  return asked > 0 ? clean(answered / asked) : 0;
}

export function isReliable(score: number | null, coverage: number, lowCoverage = RELIABLE_COVERAGE): boolean {
  return score !== null && coverage >= lowCoverage;
}

/** A questionnaire's `display` as stored in a result (absent for plain 0..100). */
export function scoreDisplay(display: Display | undefined): ScoreDisplay | undefined {
  if (!display || display.kind === 'score') return undefined;
  const out: ScoreDisplay = { kind: display.kind, min: display.min, max: display.max };
  if (display.decimals !== undefined) out.decimals = display.decimals;
  return out;
}

/** The own scale of a top-box or net item: net on -100..100, top-box as a share of 0..100 with its number of boxes. */
export function boxDisplay(rule: Aggregate): ScoreDisplay {
  return rule.method === 'net' ? { kind: 'net', min: -100, max: 100 } : { kind: 'top-box', min: 0, max: 100, boxes: rule.high?.length ?? 1 };
}

/**
 * How a dimension is shown and whether it joins the overall score. Its own `display` wins;
 * a dimension whose scored items all follow the same top-box or net rule is shown on that
 * scale ("net score +20", "top-2-box 64%") and is left out of the overall unless `inOverall: true`.
 */
export function dimensionScale(questionnaire: Questionnaire, dimension: Dimension): { display?: ScoreDisplay; inOverall: boolean } {
  const scored = questionnaire.questions.filter((q: Question) => q.dimension === dimension.id && isScored(questionnaire, q));
  const displays = scored.map((q) => {
    const rule = boxRuleOf(questionnaire, q);
    return rule ? JSON.stringify(boxDisplay(rule)) : 'mean';
  });
  const boxed = displays.length > 0 && displays.every((d) => d !== 'mean' && d === displays[0]);
  const display = scoreDisplay(dimension.display) ?? (boxed ? (JSON.parse(displays[0]!) as ScoreDisplay) : undefined);
  return { ...(display ? { display } : {}), inOverall: dimension.inOverall ?? !boxed };
}

/** A dimension's minimum coverage: its own, else the questionnaire's, else 0. */
export function minCoverageOf(questionnaire: Pick<Questionnaire, 'minCoverage'>, dimension: Pick<Dimension, 'minCoverage'>): number {
  return dimension.minCoverage ?? questionnaire.minCoverage ?? 0;
}

/** The finished dimension entry of a Result (score already aggregated, full precision). */
export function dimensionResult(
  dimension: Dimension,
  levels: readonly Level[],
  score: number | null,
  counts: { answered: number; asked: number; minCoverage: number; lowCoverage: number; display?: ScoreDisplay; inOverall?: boolean },
  spread?: DimensionResult['spread'],
): DimensionResult {
  const coverage = coverageOf(counts.answered, counts.asked);
  const level = score === null ? undefined : levelFor(score, levels);
  const result: DimensionResult = {
    id: dimension.id,
    title: dimension.title,
    description: dimension.description,
    weight: dimension.weight,
    threshold: dimension.threshold,
    score,
    coverage,
    reliable: isReliable(score, coverage, counts.lowCoverage),
    answered: counts.answered,
    asked: counts.asked,
    level: level ? levelRef(level) : null,
    finding: level ? (dimension.findings[level.id] ?? null) : null,
  };
  if (counts.minCoverage > 0) result.minCoverage = counts.minCoverage;
  if (counts.display) result.display = counts.display;
  if (counts.inOverall === false) result.inOverall = false;
  if (spread) result.spread = spread;
  return result;
}
