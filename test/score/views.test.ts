// Views by role, source and segment under one privacy rule: no group under
// minGroup, none recoverable by subtraction within one attribute or across two.
import { describe, expect, it } from 'vitest';
import { addViewScore, computeViews, createViewTally, viewKeys, type ViewSpec } from '../../src/score/views.js';

const ROLE: ViewSpec = { id: 'role', title: 'Role', plural: 'roles' };
const UNIT: ViewSpec = { id: 'unit', title: 'Unit', plural: 'units' };

/** Respondents as [role, unit, score]; one dimension "d". */
function views(people: [string, string, number][], minGroup = 3) {
  const tally = createViewTally([ROLE, UNIT], ['d']);
  for (const [role, unit, score] of people) {
    const keys = viewKeys(tally, [
      { key: role.toLowerCase(), label: role },
      { key: unit.toLowerCase(), label: unit },
    ]);
    addViewScore(tally, 'd', keys, score);
  }
  return computeViews(tally, [{ id: 'd', title: 'D' }], minGroup);
}

describe('views across two attributes', () => {
  it('withholds a view that would let one person be worked out by subtraction from another view', () => {
    // roles A (3) and B (4); unit X holds all of A and one of B, so X − A is one person:
    // 4 × mean(X) − 3 × mean(A) would be that person's score
    const out = views([
      ['A', 'X', 10],
      ['A', 'X', 20],
      ['A', 'X', 30],
      ['B', 'X', 90],
      ['B', 'Y', 40],
      ['B', 'Y', 50],
      ['B', 'Y', 60],
    ]);
    expect(out.views.map((v) => v.attribute)).toEqual(['role']);
    expect(out.views[0]!.dimensions[0]!.groups).toEqual({ A: 20, B: 60 });
    expect(out.withheld).toBe(1);
  });

  it('shows both views when no overlap, difference or remainder is a group under the minimum', () => {
    // A × X: both 2, A − X 1, X − A 2, rest 2: no cell is empty, so none is determined by the sums
    const out = views([
      ['A', 'X', 10],
      ['A', 'X', 20],
      ['A', 'Y', 30],
      ['B', 'X', 40],
      ['B', 'X', 50],
      ['B', 'Y', 60],
      ['B', 'Y', 70],
    ]);
    expect(out.views.map((v) => v.attribute)).toEqual(['role', 'unit']);
    // X: 10, 20, 40, 50; Y: 30, 60, 70
    const groups = out.views[1]!.dimensions[0]!.groups;
    expect(Object.keys(groups)).toEqual(['X', 'Y']);
    expect(groups.X).toBe(30);
    expect(groups.Y).toBeCloseTo(160 / 3, 9);
    expect(out.withheld).toBe(0);
  });

  it('withholds a view when the respondents in neither of two groups are too few (the remainder)', () => {
    // A (3) and X (3) are disjoint; of 7 respondents one is in neither: total − A − X is one person
    const out = views([
      ['A', 'Y', 10],
      ['A', 'Y', 20],
      ['A', 'Y', 30],
      ['B', 'X', 40],
      ['B', 'X', 50],
      ['B', 'X', 60],
      ['B', 'Y', 70],
    ]);
    expect(out.views.map((v) => v.attribute)).toEqual(['role']);
    expect(out.withheld).toBe(1);
  });

  it('labels a pooled group with what it pools, in counts, never with a hidden name', () => {
    const out = views([
      ['A', 'X', 10],
      ['A', 'X', 20],
      ['A', 'X', 30],
      ['Secret', 'X', 40],
      ['Hidden', 'X', 50],
      ['', 'X', 60],
    ]);
    expect(Object.keys(out.views[0]!.dimensions[0]!.groups)).toEqual(['A', 'Other roles: 3 groups, 3 people']);
    expect(JSON.stringify(out)).not.toMatch(/Secret|Hidden/);
  });
});
