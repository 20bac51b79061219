// Sequencing pilots into the phases of a roadmap. Pure and generic over ids,
// so the rules can be property-tested on their own (test/plan/roadmap.test.ts):
//
// 1. Pilots already running stay in phase 1 (they are happening now).
// 2. The barrier's pilot comes next, then the others in the order given
//    (the plan's chosen pilots, then the recommended ones by rank).
// 3. A pilot is placed in the earliest phase that is (a) after every pilot
//    it waits for (its `after` list and the `after` of its blockers that
//    hold), (b) not before the phase of its planned start, and (c) not
//    full: at most `capacity` pilots per phase.
// 4. A pilot that fits in no phase, or waits for a pilot that is neither
//    done nor placed, is left for later, with the reason.

export interface RoadmapCandidate {
  id: string;
  /** Ids this pilot waits for: each must be done or placed in an earlier phase. */
  after: readonly string[];
  /** The earliest phase index allowed (from a planned start date); default 0. */
  notBefore?: number;
  /** Already running: placed in phase 0 whatever the capacity. */
  running?: boolean;
}

export interface LaterPilot {
  id: string;
  /** "capacity": no phase had room; "waits": it waits for pilots that are not placed (listed). */
  why: 'capacity' | 'waits';
  waitsFor: string[];
}

export interface Sequence {
  /** Pilot ids per phase, in placing order. */
  phases: string[][];
  later: LaterPilot[];
}

export interface SequenceOptions {
  phases: number;
  /** Pilots at once (per phase), at least 1. */
  capacity: number;
  /** Pilots already done: they satisfy any wait. */
  done?: ReadonlySet<string>;
  /** The barrier's pilot: placed first among those not yet running. */
  barrier?: string;
}

/** Places `candidates` into phases by the rules above. Duplicated ids keep their first entry. */
export function sequencePilots(candidates: readonly RoadmapCandidate[], options: SequenceOptions): Sequence {
  const n = Math.max(1, Math.floor(options.phases));
  const capacity = Math.max(1, Math.floor(options.capacity));
  const done = options.done ?? new Set<string>();
  const phases: string[][] = Array.from({ length: n }, () => []);
  const placed = new Map<string, number>();
  const later: LaterPilot[] = [];
  const laterIds = new Set<string>();

  const unique: RoadmapCandidate[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.id) || done.has(c.id)) continue;
    seen.add(c.id);
    unique.push(c);
  }
  const running = unique.filter((c) => c.running);
  for (const c of running) {
    placed.set(c.id, 0);
    phases[0]!.push(c.id);
  }
  const rest = unique.filter((c) => !c.running);
  const barrierIndex = rest.findIndex((c) => c.id === options.barrier);
  if (barrierIndex > 0) rest.unshift(...rest.splice(barrierIndex, 1));
  const known = new Set(unique.map((c) => c.id));

  const pending = [...rest];
  while (pending.length > 0) {
    // The first pending pilot whose waits are all settled (done, placed, or impossible).
    const index = pending.findIndex((c) => c.after.every((d) => d === c.id || done.has(d) || placed.has(d) || laterIds.has(d) || !known.has(d)));
    if (index < 0) {
      // They wait for each other: none can go first.
      for (const c of pending) {
        later.push({ id: c.id, why: 'waits', waitsFor: c.after.filter((d) => !done.has(d) && !placed.has(d)) });
        laterIds.add(c.id);
      }
      break;
    }
    const c = pending.splice(index, 1)[0]!;
    const missing = c.after.filter((d) => d !== c.id && !done.has(d) && !placed.has(d));
    if (missing.length > 0) {
      later.push({ id: c.id, why: 'waits', waitsFor: missing });
      laterIds.add(c.id);
      continue;
    }
    let earliest = Math.max(0, c.notBefore ?? 0);
    for (const d of c.after) if (placed.has(d)) earliest = Math.max(earliest, placed.get(d)! + 1);
    let phase = -1;
    for (let p = earliest; p < n; p++) {
      if (phases[p]!.length < capacity) {
        phase = p;
        break;
      }
    }
    if (phase < 0) {
      later.push({ id: c.id, why: 'capacity', waitsFor: [] });
      laterIds.add(c.id);
      continue;
    }
    placed.set(c.id, phase);
    phases[phase]!.push(c.id);
  }
  return { phases, later };
}
