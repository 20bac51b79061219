// How a score is printed: the one display rule every renderer calls (Markdown
// report, terminal summary, trend report, pilot reasons). Pure and small on
// purpose, so a report built as a document tree can call it too.
//
// The rule: scores are kept at full precision and rounded once, here. A number
// is printed whole (or with `decimals`), unless that rounding would put it on
// the other side of an edge it is judged against (a threshold, a level band's
// bound, a condition's bound): then it gets one more decimal, and so on, so a
// dimension at 49.6 with threshold 50 reads "49.6", never "50" beside "below 50".
import { roundTo } from '../score/round.js';

/** At most this many decimals beyond the requested ones; closer to an edge than that, the value is printed unrounded. */
const EXTRA_DECIMALS = 3;

const relation = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The printed form of `value`: rounded half away from zero to `decimals` (default 0), or to
 * more decimals while rounding would change how the value stands against any of `edges`
 * (below, equal, above); printed unrounded when even 3 extra decimals cross. Examples: (49.6, [50]) -> "49.6"; (49.96, [50]) -> "49.96";
 * (50, [50]) -> "50"; (66.6667, [50]) -> "67". Units are the caller's (0..100, a native scale).
 */
export function showNumber(value: number, edges: readonly number[] = [], decimals = 0): string {
  for (let d = decimals; d <= decimals + EXTRA_DECIMALS; d++) {
    const rounded = roundTo(value, d);
    if (edges.every((edge) => relation(rounded, edge) === relation(value, edge))) return String(rounded);
  }
  // still on an edge after the extra decimals (a value within float noise of it): print it unrounded
  return String(value);
}

/** A 0..100 score as printed: see showNumber; "—" when there is none. */
export function showScore(score: number | null | undefined, edges: readonly number[] = [], decimals = 0): string {
  return score === null || score === undefined ? '—' : showNumber(score, edges, decimals);
}

/** How results written before schema 2 printed a score: whole numbers, with no edge rule (kept for byte-identical re-renders). */
export function legacyScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : String(Math.round(score));
}

/** A 0..1 share as a whole percentage, with the same edge rule on 0..100 ("60%", "59.6%"). */
export function showShare(share: number, edges: readonly number[] = []): string {
  return `${showNumber(share * 100, edges.map((e) => e * 100))}%`;
}
