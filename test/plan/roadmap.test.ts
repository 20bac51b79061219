// The roadmap's sequencing rules (src/plan/roadmap.ts), as properties over
// random catalogues: the barrier's pilot is in phase 1 whenever it can be; no
// pilot is placed in or before the phase of a pilot it waits for; no phase
// holds more pilots than the capacity; every candidate is placed or listed for later.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequencePilots, type RoadmapCandidate } from '../../src/plan/roadmap.js';

/** Random candidates p0..p(n-1); waits point only to lower indexes or to ids outside the set (no cycles), plus some done ids. */
const scenario = fc
  .record({
    n: fc.integer({ min: 0, max: 9 }),
    phases: fc.integer({ min: 1, max: 5 }),
    capacity: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 3 }), { minLength: 9, maxLength: 9 }),
    notBefore: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 9, maxLength: 9 }),
    done: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 3 }),
    barrier: fc.integer({ min: 0, max: 9 }),
    order: fc.array(fc.integer(), { minLength: 9, maxLength: 9 }),
  })
  .map((s) => {
    const candidates: RoadmapCandidate[] = [];
    for (let i = 0; i < s.n; i++) {
      // waits on earlier candidates (i' < i), done ids (>= 9 are outside the candidates)
      const after = [...new Set(s.seed[i]!.filter((k) => k < i || k >= 9).map((k) => `p${k}`))];
      candidates.push({ id: `p${i}`, after, ...(s.notBefore[i]! > 0 ? { notBefore: s.notBefore[i]! } : {}) });
    }
    // shuffle the given order so dependants may come before what they wait for
    const shuffled = candidates.map((c, i) => ({ c, k: s.order[i]! })).sort((a, b) => a.k - b.k).map((x) => x.c);
    const done = new Set(s.done.filter((k) => k >= 9).map((k) => `p${k}`));
    return { candidates: shuffled, phases: s.phases, capacity: s.capacity, done, barrier: s.barrier < s.n ? `p${s.barrier}` : undefined };
  });

describe('sequencePilots', () => {
  it('never exceeds the capacity, never places a pilot before one it waits for, and accounts for every pilot', () => {
    fc.assert(
      fc.property(scenario, ({ candidates, phases, capacity, done, barrier }) => {
        const seq = sequencePilots(candidates, { phases, capacity, done, ...(barrier ? { barrier } : {}) });
        expect(seq.phases).toHaveLength(phases);
        const phaseOf = new Map<string, number>();
        seq.phases.forEach((ids, p) => {
          expect(ids.length).toBeLessThanOrEqual(capacity);
          for (const id of ids) phaseOf.set(id, p);
        });
        for (const c of candidates) {
          const p = phaseOf.get(c.id);
          const later = seq.later.some((l) => l.id === c.id);
          expect(p !== undefined || later, `${c.id} is placed or later`).toBe(true);
          expect(p !== undefined && later).toBe(false);
          if (p === undefined) continue;
          expect(p).toBeGreaterThanOrEqual(c.notBefore ?? 0);
          for (const d of c.after) {
            if (done.has(d)) continue;
            const dp = phaseOf.get(d);
            expect(dp, `${c.id} waits for ${d}, which is placed`).toBeDefined();
            expect(dp!).toBeLessThan(p);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('puts the barrier pilot in phase 1 whenever it waits for nothing unfinished and may start now', () => {
    fc.assert(
      fc.property(scenario, ({ candidates, phases, capacity, done, barrier }) => {
        if (!barrier) return;
        const c = candidates.find((x) => x.id === barrier)!;
        const seq = sequencePilots(candidates, { phases, capacity, done, barrier });
        const free = c.after.every((d) => done.has(d)) && (c.notBefore ?? 0) === 0;
        if (free) expect(seq.phases[0]).toContain(barrier);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps running pilots in phase 1 and places the rest after them by rank', () => {
    const seq = sequencePilots(
      [
        { id: 'a', after: [] },
        { id: 'run', after: [], running: true },
        { id: 'b', after: ['a'] },
        { id: 'c', after: ['missing'] },
      ],
      { phases: 3, capacity: 1 },
    );
    expect(seq.phases).toEqual([['run'], ['a'], ['b']]);
    expect(seq.later).toEqual([{ id: 'c', why: 'waits', waitsFor: ['missing'] }]);
  });

  it('lists pilots that wait for each other for later instead of looping', () => {
    const seq = sequencePilots(
      [
        { id: 'x', after: ['y'] },
        { id: 'y', after: ['x'] },
      ],
      { phases: 2, capacity: 2 },
    );
    expect(seq.phases).toEqual([[], []]);
    expect(seq.later.map((l) => l.id)).toEqual(['x', 'y']);
  });
});
