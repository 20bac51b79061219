// Scores are kept at full precision (result schema 2) and rounded once, when
// presented (src/render/score-display.ts). `clean` only removes float noise
// (12 significant digits), so 100 * (0.1 + 0.2) / 0.6 is 50, not
// 49.99999999999999, and a score equal to a threshold is never below it.
// Rounding goes through toPrecision(12) first for the same reason
// (0.15 * 10 = 1.4999999999999998 rounds the way a person would: half away from zero).

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Number((value * factor).toPrecision(12));
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return rounded / factor + 0; // + 0 turns -0 into 0
}

/** Recently cleaned scores: a survey's respondents share a few hundred distinct dimension scores, and toPrecision is slow. */
const cleaned = new Map<number, number>();

/** The value without float noise (12 significant digits); used for every stored 0..100 score, never a visible rounding. */
export const clean = (value: number): number => {
  let out = cleaned.get(value);
  if (out === undefined) {
    out = Number.isFinite(value) ? Number(value.toPrecision(12)) + 0 : value;
    if (cleaned.size < ROUND_CACHE_LIMIT) cleaned.set(value, out);
  }
  return out;
};

/** Recently rounded scores: a survey's respondents share a few hundred distinct dimension scores, and toPrecision is slow. */
const rounded1 = new Map<number, number>();
const ROUND_CACHE_LIMIT = 4096;

/** Scores on 0..100 (dimension, overall, group means, spreads of those). */
export const round1 = (value: number): number => {
  let rounded = rounded1.get(value);
  if (rounded === undefined) {
    rounded = roundTo(value, 1);
    if (rounded1.size < ROUND_CACHE_LIMIT) rounded1.set(value, rounded);
  }
  return rounded;
};

/**
 * The change from `from` to `to` (0..100 scores, in points) as a report prints it beside them: the
 * difference of the two scores each shown to one decimal, so that "43.8 → 62.5" reads "+18.7" (not the
 * +18.75 → +18.8 of the unrounded scores) and a fall is rounded as a rise is. Used by the trend.
 */
export const shownChange = (from: number, to: number): number => round1(round1(to) - round1(from));

/** Item scores on 0..1 (and their spreads, coverage). */
export const round3 = (value: number): number => roundTo(value, 3);


/** Running mean and population standard deviation (Welford), so aggregation never keeps every value. */
export interface Stats {
  n: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}

export function newStats(): Stats {
  return { n: 0, mean: 0, m2: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
}

export function addStat(stats: Stats, value: number): void {
  stats.n += 1;
  const delta = value - stats.mean;
  stats.mean += delta / stats.n;
  stats.m2 += delta * (value - stats.mean);
  if (value < stats.min) stats.min = value;
  if (value > stats.max) stats.max = value;
}

/** Population standard deviation (divide by n): defined for one respondent (0) and easy to explain. */
export function sdOf(stats: Stats): number {
  return stats.n > 0 ? Math.sqrt(Math.max(0, stats.m2 / stats.n)) : 0;
}

/** Deterministic string order (code units), independent of the machine's locale. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
