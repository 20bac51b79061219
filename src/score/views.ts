// Views side by side: each dimension's mean per group of one respondent
// attribute (role, source, and any segment such as unit or site), under one
// privacy rule: no group under `minGroup` is shown, and none can be worked out
// by subtraction, within one attribute or across two (see docs/scoring.md,
// "Privacy"). Counts and sums only: memory grows with the distinct values,
// never with the respondents.
import { byString, clean } from './round.js';

/** One attribute respondents are grouped by. */
export interface ViewSpec {
  /** 'role', 'source', or a segment's key (lower case). */
  id: string;
  /** Shown as the view's name: "Role", "Source", "Unit". */
  title: string;
  /** Shown in a pooled group's label: "roles", "sources", "units". */
  plural: string;
}

interface GroupSum {
  n: number;
  sum: number;
}

/** A respondent's group in one view: its grouping key ('' = not given) and the label shown. */
export interface GroupRef {
  key: string;
  label: string;
}

/** Distinct values kept per view; later new values are pooled with "not given" (memory stays bounded). */
export const MAX_VIEW_VALUES = 200;

export interface ViewTally {
  specs: ViewSpec[];
  /** Per view: key -> label (first spelling, then the alphabetically first) and respondents. */
  values: Map<string, { label: string; count: number }>[];
  /** Per dimension: per view, key -> sum; per pair of views (i < j), "keyI\0keyJ" -> respondents. */
  dimensions: Map<string, { byView: Map<string, GroupSum>[]; joint: Map<string, number>[] }>;
  /** pairs[i][j] (i < j): the index into `joint`. */
  pairs: number[][];
}

export function createViewTally(specs: ViewSpec[], dimensionIds: readonly string[]): ViewTally {
  const pairs: number[][] = specs.map(() => []);
  let n = 0;
  for (let i = 0; i < specs.length; i++) for (let j = i + 1; j < specs.length; j++) pairs[i]![j] = n++;
  return {
    specs,
    values: specs.map(() => new Map()),
    dimensions: new Map(dimensionIds.map((id) => [id, { byView: specs.map(() => new Map()), joint: Array.from({ length: n }, () => new Map()) }])),
    pairs,
  };
}

/** The keys of one respondent in every view (values beyond MAX_VIEW_VALUES count as not given); counts the respondent. */
export function viewKeys(tally: ViewTally, refs: readonly GroupRef[]): string[] {
  return refs.map((ref, i) => {
    const values = tally.values[i]!;
    const known = values.get(ref.key);
    if (known) {
      known.count += 1;
      if (ref.label !== known.label && byString(ref.label, known.label) < 0) known.label = ref.label;
      return ref.key;
    }
    const key = values.size < MAX_VIEW_VALUES ? ref.key : '';
    const entry = values.get(key);
    if (entry) entry.count += 1;
    else values.set(key, { label: key === ref.key ? ref.label : '', count: 1 });
    return key;
  });
}

/** Adds one respondent's score in one dimension to every view and pair of views. */
export function addViewScore(tally: ViewTally, dimension: string, keys: readonly string[], score: number): void {
  const d = tally.dimensions.get(dimension);
  if (!d) return;
  for (let i = 0; i < keys.length; i++) {
    const group = d.byView[i]!;
    const g = group.get(keys[i]!);
    if (g) {
      g.n += 1;
      g.sum += score;
    } else group.set(keys[i]!, { n: 1, sum: score });
    for (let j = i + 1; j < keys.length; j++) {
      const joint = d.joint[tally.pairs[i]![j]!]!;
      const k = `${keys[i]}\u0000${keys[j]}`;
      joint.set(k, (joint.get(k) ?? 0) + 1);
    }
  }
}

/** A group shown in a view: its label, how many respondents, their mean (0..100), and the keys it holds. */
export interface ShownViewGroup {
  label: string;
  n: number;
  mean: number;
  keys: string[];
}

/**
 * The groups of one view that may be shown for one dimension. A value's group
 * is shown on its own with at least `minGroup` respondents; everyone else
 * (smaller groups, value not given) is pooled, and the pool is shown only when
 * it reaches `minGroup` too. A pool that is not empty but too small could be
 * worked out from the overall mean and the shown groups, so the smallest shown
 * group joins it until it is large enough. The pool is labelled with what it
 * holds in counts ("Other roles: 2 groups, 9 people"), never with a hidden name;
 * holding only respondents who gave no value, it is "Role not given".
 */
export function shownViewGroups(groups: ReadonlyMap<string, GroupSum>, labels: ReadonlyMap<string, string>, spec: ViewSpec, minGroup: number): ShownViewGroup[] {
  const big: { label: string; n: number; sum: number; key: string }[] = [];
  const pool = { n: 0, sum: 0, keys: [] as string[] };
  for (const [key, g] of groups) {
    if (key !== '' && g.n >= minGroup) big.push({ label: labels.get(key) || key, n: g.n, sum: g.sum, key });
    else {
      pool.n += g.n;
      pool.sum += g.sum;
      pool.keys.push(key);
    }
  }
  big.sort((a, b) => byString(a.label, b.label));
  while (pool.n > 0 && pool.n < minGroup && big.length > 0) {
    // the smallest group (ties: the last by name) joins the pool
    let pick = big.length - 1;
    for (let i = big.length - 1; i >= 0; i -= 1) if (big[i]!.n < big[pick]!.n) pick = i;
    const [moved] = big.splice(pick, 1);
    pool.n += moved!.n;
    pool.sum += moved!.sum;
    pool.keys.push(moved!.key);
  }
  const shown: ShownViewGroup[] = big.map((g) => ({ label: g.label, n: g.n, mean: clean(g.sum / g.n), keys: [g.key] }));
  if (pool.n >= minGroup) {
    const named = pool.keys.filter((k) => k !== '').length;
    const label =
      named === 0
        ? `${spec.title} not given`
        : `Other ${spec.plural}: ${pool.keys.length} group${pool.keys.length === 1 ? '' : 's'}, ${pool.n} ${pool.n === 1 ? 'person' : 'people'}`;
    shown.push({ label, n: pool.n, mean: clean(pool.sum / pool.n), keys: pool.keys.sort(byString) });
  }
  return shown;
}

/** One view in a result: per dimension, the shown groups' means. */
export interface ViewResult {
  attribute: string;
  title: string;
  dimensions: { dimension: string; title: string; groups: Record<string, number> }[];
}

/**
 * Every view, dimension by dimension, in the order of `specs` (role first).
 * A view is shown for a dimension only when two or more of its groups can be
 * shown and, for every group of every view already shown there, no group is
 * recoverable by subtraction across the two attributes: with groups A and B
 * of two attributes, their overlap, A − B, B − A and the rest (everyone else)
 * must each hold 0 or at least `minGroup` respondents whenever one of them is
 * empty (then the sums shown determine the others). A view that fails is left
 * out for that dimension and counted in `withheld`.
 */
export function computeViews(tally: ViewTally, dimensions: readonly { id: string; title: string }[], minGroup: number): { views: ViewResult[]; withheld: number } {
  const views: ViewResult[] = tally.specs.map((s) => ({ attribute: s.id, title: s.title, dimensions: [] }));
  const labels = tally.values.map((values) => new Map([...values].map(([k, v]) => [k, v.label])));
  let withheld = 0;
  for (const dim of dimensions) {
    const d = tally.dimensions.get(dim.id);
    if (!d) continue;
    let total = 0;
    for (const g of d.byView[0]?.values() ?? []) total += g.n;
    const accepted: { view: number; groups: ShownViewGroup[] }[] = [];
    tally.specs.forEach((spec, v) => {
      const shown = shownViewGroups(d.byView[v]!, labels[v]!, spec, minGroup);
      if (shown.length < 2) return;
      const safe = accepted.every((other) => pairIsSafe(d.joint[tally.pairs[other.view]![v]!]!, other.groups, shown, total, minGroup));
      if (!safe) {
        withheld += 1;
        return;
      }
      accepted.push({ view: v, groups: shown });
      const groups: Record<string, number> = {};
      for (const g of shown) groups[g.label] = g.mean;
      views[v]!.dimensions.push({ dimension: dim.id, title: dim.title, groups });
    });
  }
  return { views: views.filter((v) => v.dimensions.length > 0), withheld };
}

/** Whether no cell of two groups (one per attribute) is recoverable from their sums and the total: see computeViews. */
function pairIsSafe(joint: ReadonlyMap<string, number>, first: ShownViewGroup[], second: ShownViewGroup[], total: number, minGroup: number): boolean {
  for (const a of first) {
    for (const b of second) {
      let both = 0;
      for (const ka of a.keys) for (const kb of b.keys) both += joint.get(`${ka}\u0000${kb}`) ?? 0;
      const cells = [both, a.n - both, b.n - both, total - a.n - b.n + both];
      if (cells.some((c) => c === 0) && cells.some((c) => c > 0 && c < minGroup)) return false;
    }
  }
  return true;
}
