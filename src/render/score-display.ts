// How a score is printed: the one display rule every renderer calls (Markdown
// report, terminal summary, trend report, pilot reasons). Pure and small on
// purpose, so a report built as a document tree can call it too.
//
// The rule: scores are kept at full precision and rounded once, here. A number
// is printed whole (or with `decimals`), unless that rounding would put it on
// the other side of an edge it is judged against (a threshold, a level band's
// bound, a condition's bound): then it gets one more decimal, and so on, so a
// dimension at 49.6 with threshold 50 reads "49.6", never "50" beside "below 50".
import { clean, roundTo } from '../score/round.js';

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

/** The shape of a score's own scale (see ScoreDisplay in src/model/result.ts). */
export interface Scale {
  kind: 'score' | 'mean' | 'points' | 'net' | 'top-box';
  min: number;
  max: number;
  decimals?: number | undefined;
  boxes?: number | undefined;
}

/** A 0..100 score on a scale's own range: min + (max - min) * score / 100 (mean 1..5, points 5..15, net -100..100). */
export function nativeValue(score: number, scale: Pick<Scale, 'min' | 'max'>): number {
  return scale.min + ((scale.max - scale.min) * score) / 100;
}

const range = (scale: Scale) => `${showNumber(scale.min)}–${showNumber(scale.max)}`;

/** A mean on its own scale keeps its decimals ("3.0 on 1–5", as authors print it). */
function padded(text: string, decimals: number): string {
  if (decimals <= 0 || !/^-?\d+(\.\d+)?$/.test(text)) return text;
  const [whole, fraction = ''] = text.split('.');
  return fraction.length >= decimals ? text : `${whole}.${fraction.padEnd(decimals, '0')}`;
}

/**
 * A 0..100 score in the scale's own words, with the display rule applied on that scale (edges
 * are on 0..100 and mapped the same way): "net score +20", "top-2-box 64%", "3.4 on 1–5",
 * "12 points (5–15)", or "64/100" for the plain scale.
 */
export function showOnScale(score: number, scale: Scale | undefined, edges: readonly number[] = []): string {
  if (!scale || scale.kind === 'score') return `${showNumber(score, edges)}/100`;
  const native = clean(nativeValue(score, scale));
  const nativeEdges = edges.map((e) => nativeValue(e, scale));
  switch (scale.kind) {
    case 'net': {
      const text = showNumber(native, nativeEdges, scale.decimals ?? 0);
      return `net score ${text.startsWith('-') || Number(text) === 0 ? text.replace(/^-0$/, '0') : `+${text}`}`;
    }
    case 'top-box':
      return `top-${scale.boxes ?? 1}-box ${showNumber(native, nativeEdges, scale.decimals ?? 0)}%`;
    case 'mean':
      return `${padded(showNumber(native, nativeEdges, scale.decimals ?? 1), scale.decimals ?? 1)} on ${range(scale)}`;
    default:
      return `${showNumber(native, nativeEdges, scale.decimals ?? 0)} points (${range(scale)})`;
  }
}

/**
 * A score as a sentence shows it: its own scale with the 0..100 value beside it where they
 * differ ("net score +20 (60/100)", "3.4 on 1–5 (60/100)"), else "64/100" or "top-2-box 64%".
 */
export function showScoreWithScale(score: number | null | undefined, scale: Scale | undefined, edges: readonly number[] = []): string {
  if (score === null || score === undefined) return '—';
  if (!scale || scale.kind === 'score') return `${showNumber(score, edges)}/100`;
  const own = showOnScale(score, scale, edges);
  return scale.kind === 'top-box' ? own : `${own} (${showNumber(score, edges)}/100)`;
}
