// From a scored result, the questionnaire, the organization's plan (if any)
// and its earlier results to the PlanOutcome stored in the result: targets
// and progress, the status of every action, what moved since the last round,
// and the phased roadmap. Pure: "today" is the assessment's date, never the clock.
import type { ActionStatus, ActionRow, PlanFile, PlanOutcome, RoadmapPilot, TargetRow } from '../model/plan.js';
import type { Pilot, Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { evaluateCondition, referencedDimensions } from '../score/conditions.js';
import { pilotTexts } from '../recommend/pilots.js';
import { contextFromResult } from './context.js';
import { addDays, addMonths, rangeIndexOf, splitRange } from './dates.js';
import { sequencePilots, type RoadmapCandidate } from './roadmap.js';

/** Phases used when the questionnaire has no `roadmap` section: neutral names, three of them. */
const DEFAULT_PHASES = 3;
const DEFAULT_MONTHS = 12;

/** What the plan layer needs of an earlier result. */
export type EarlierResult = Pick<Result, 'date' | 'overall' | 'dimensions' | 'barrier'>;

export interface PlanOutcomeInput {
  questionnaire: Questionnaire;
  /** The new result (its pilots already leave out those the plan has running, done or dropped). */
  result: Result;
  plan?: PlanFile;
  /** Earlier results of the same organization and questionnaire, any order; later or same-day ones are ignored. */
  earlier?: readonly EarlierResult[];
}

/** Pilots the plan has running, done or dropped: not recommended again (see docs/plans.md). */
export function settledPilots(plan: PlanFile | undefined): Set<string> {
  const out = new Set<string>();
  for (const a of plan?.actions ?? []) if (a.pilot && a.status !== 'planned') out.add(a.pilot);
  return out;
}

/** How many pilots can run at once, and where that number comes from. */
export function capacityOf(questionnaire: Questionnaire, result: Result, plan?: PlanFile): PlanOutcome['capacity'] {
  if (plan?.capacity !== undefined) return { pilots: plan.capacity, from: 'plan' };
  const roadmap = questionnaire.roadmap;
  if (roadmap) {
    const ctx = contextFromResult(result);
    const rule = roadmap.capacityRules.find((r) => evaluateCondition(r.when, ctx));
    if (rule) return { pilots: rule.pilots, from: 'rule' };
    return { pilots: roadmap.capacity, from: 'default' };
  }
  return { pilots: 1, from: 'default' };
}

/** The last day of the roadmap: the plan's horizon when it lies after the assessment, else the questionnaire's months from it. */
export function horizonOf(questionnaire: Questionnaire, date: string, plan?: PlanFile): string {
  if (plan && plan.horizon > date) return plan.horizon;
  return addMonths(date, questionnaire.roadmap?.months ?? DEFAULT_MONTHS);
}

/**
 * progress = (today − baseline) / (target − baseline), as a share: 0 = still
 * at the baseline, 1 = target reached, below 0 = moved away from the target.
 * Null when a score is missing or the target equals the baseline.
 */
export function progressOf(baseline: number | null, today: number | null, target: number): number | null {
  if (baseline === null || today === null || target === baseline) return null;
  return (today - baseline) / (target - baseline);
}

/** A score as a plan file writes it: two decimals, enough to keep the baseline's progress honest, short enough to read. */
export function planRound(score: number): number {
  return Math.round(score * 100) / 100;
}

/**
 * The plan's targets against `result`. Today's score is compared at the plan file's precision
 * (planRound): the plan holds the baseline as written, rounded, so the very result it was made
 * from (73.6667 against a baseline and hold target of 73.67) has not fallen below it.
 */
export function targetRows(result: Result, plan: PlanFile): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const d of result.dimensions) {
    const t = plan.targets[d.id];
    if (!t) continue;
    const today = d.score === null ? null : planRound(d.score);
    rows.push({
      dimension: d.id,
      title: d.title,
      baseline: t.baseline,
      today: d.score,
      target: t.target,
      gap: today === null ? null : t.target - today,
      progress: progressOf(t.baseline, today, t.target),
    });
  }
  return rows;
}

/** The latest earlier result dated strictly before `date`, or undefined. */
function latestBefore(earlier: readonly EarlierResult[], date: string, inclusive = false): EarlierResult | undefined {
  let best: EarlierResult | undefined;
  for (const e of earlier) {
    if (inclusive ? e.date > date : e.date >= date) continue;
    if (!best || e.date > best.date) best = e;
  }
  return best;
}

function changes(before: EarlierResult, now: Result, only?: readonly string[]) {
  const old = new Map(before.dimensions.map((d) => [d.id, d.score]));
  return now.dimensions
    .filter((d) => (only ? only.includes(d.id) : true) && old.has(d.id))
    .map((d) => ({ dimension: d.id, title: d.title, before: old.get(d.id) ?? null, now: d.score }));
}

function pilotDimensions(pilot: Pilot | undefined): string[] {
  return pilot ? [...new Set(referencedDimensions(pilot.fits))] : [];
}

/** Every action of the plan with its status on the assessment's date. */
export function actionRows(questionnaire: Questionnaire, result: Result, plan: PlanFile, earlier: readonly EarlierResult[]): ActionRow[] {
  const catalogue = new Map(questionnaire.pilots.map((p) => [p.id, p]));
  const ctx = contextFromResult(result);
  return plan.actions.map((a) => {
    const pilot = a.pilot ? catalogue.get(a.pilot) : undefined;
    const row: ActionRow = {
      ...(a.pilot ? { pilot: a.pilot } : {}),
      // the pilot's words for this round's answers (its variant), as the pilots section names it
      title: a.title ?? (pilot ? pilotTexts(pilot, questionnaire, ctx).title : undefined) ?? a.pilot ?? 'Action',
      owner: a.owner?.trim() ?? '',
      start: a.start ?? null,
      due: a.due ?? null,
      status: a.status,
      overdue: isOverdue(a.status, a.due ?? null, result.date),
    };
    if (pilot && (a.status === 'running' || a.status === 'done') && a.start) {
      // the scores as they stood when the pilot started: the latest result on or before its start
      const before = latestBefore(earlier, a.start, true);
      if (before && before.date < result.date) row.since = { date: before.date, changes: changes(before, result, pilotDimensions(pilot)) };
    }
    return row;
  });
}

/** Due before the assessment's date and not finished (planned or running). */
export function isOverdue(status: ActionStatus, due: string | null, date: string): boolean {
  return due !== null && due < date && (status === 'planned' || status === 'running');
}

/** The PlanOutcome of an assessment: see the module comment. */
export function buildPlanOutcome(input: PlanOutcomeInput): PlanOutcome {
  const { questionnaire, result, plan } = input;
  const earlier = (input.earlier ?? []).filter((e) => e.date < result.date);
  const previousResult = latestBefore(earlier, result.date);
  const previous: PlanOutcome['previous'] = previousResult
    ? {
        date: previousResult.date,
        overall: previousResult.overall.score,
        level: previousResult.overall.level ? { id: previousResult.overall.level.id, label: previousResult.overall.level.label } : null,
        barrier: previousResult.barrier ? { dimension: previousResult.barrier.dimension, title: previousResult.barrier.title } : null,
        dimensions: changes(previousResult, result),
      }
    : null;
  const capacity = capacityOf(questionnaire, result, plan);
  const horizon = horizonOf(questionnaire, result.date, plan);
  return {
    source: plan ? 'plan' : 'proposed',
    horizon,
    capacity,
    baseline: plan ? { result: plan.baseline.result, date: plan.baseline.date } : null,
    previous,
    targets: plan ? targetRows(result, plan) : [],
    actions: plan ? actionRows(questionnaire, result, plan, earlier) : [],
    roadmap: buildRoadmap(questionnaire, result, plan, capacity.pilots, horizon),
  };
}

/** The phased roadmap: chosen and recommended pilots sequenced by src/plan/roadmap.ts, with the plan's owners and dates. */
export function buildRoadmap(questionnaire: Questionnaire, result: Result, plan: PlanFile | undefined, capacity: number, horizon: string): PlanOutcome['roadmap'] {
  const catalogue = new Map(questionnaire.pilots.map((p) => [p.id, p]));
  const phaseWords = questionnaire.roadmap?.phases ?? Array.from({ length: DEFAULT_PHASES }, (_, k) => ({ title: `Phase ${k + 1}`, description: undefined }));
  // the horizon is the last day of the last phase
  const ranges = splitRange(result.date, addDays(horizon, 1), phaseWords.length);
  const ctx = contextFromResult(result);
  const actionOf = new Map<string, NonNullable<PlanFile['actions']>[number]>();
  for (const a of plan?.actions ?? []) if (a.pilot && !actionOf.has(a.pilot)) actionOf.set(a.pilot, a);

  const done = new Set<string>();
  const dropped = new Set<string>();
  for (const [id, a] of actionOf) {
    if (a.status === 'done') done.add(id);
    if (a.status === 'dropped') dropped.add(id);
  }
  /** Static waits plus the waits of the blockers that hold now. */
  const waitsOf = (pilot: Pilot): string[] => {
    const out = new Set(pilot.after ?? []);
    for (const b of pilot.notYet) if (evaluateCondition(b.when, ctx)) for (const d of b.after ?? []) out.add(d);
    out.delete(pilot.id);
    return [...out];
  };
  const candidates: RoadmapCandidate[] = [];
  const add = (id: string, extra: Partial<RoadmapCandidate> = {}) => {
    const pilot = catalogue.get(id);
    if (dropped.has(id) || done.has(id)) return;
    candidates.push({ id, after: pilot ? waitsOf(pilot) : [], ...extra });
  };
  for (const [id, a] of actionOf) {
    if (a.status === 'running') add(id, { running: true });
    else if (a.status === 'planned') {
      const startPhase = a.start ? rangeIndexOf(a.start, ranges) : 0;
      add(id, { notBefore: Math.max(0, startPhase) });
    }
  }
  for (const p of result.pilots) add(p.id);
  // A blocked pilot joins the roadmap when every blocker that holds names the pilots that lift it.
  for (const n of result.notYet) {
    const pilot = catalogue.get(n.id);
    if (!pilot) continue;
    const holding = pilot.notYet.filter((b) => evaluateCondition(b.when, ctx));
    if (holding.length > 0 && holding.every((b) => (b.after ?? []).length > 0)) add(n.id);
  }

  const barrierId = result.barrierPilot?.pilot && candidates.some((c) => c.id === result.barrierPilot!.pilot && !c.running)
    ? result.barrierPilot.pilot
    : result.barrier
    ? candidates.find((c) => !c.running && pilotDimensions(catalogue.get(c.id)).includes(result.barrier!.dimension))?.id
    : undefined;
  const sequence = sequencePilots(candidates, { phases: phaseWords.length, capacity, done, ...(barrierId ? { barrier: barrierId } : {}) });

  // the result's words first: they are the variant chosen for these answers, placeholders filled
  const titleOf = (id: string) => {
    const pilot = catalogue.get(id);
    return result.pilots.find((p) => p.id === id)?.title ?? result.notYet.find((p) => p.id === id)?.title ?? (pilot ? pilotTexts(pilot, questionnaire, ctx).title : id);
  };
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const roadmapPilot = (id: string): RoadmapPilot => {
    const a = actionOf.get(id);
    const pilot = catalogue.get(id);
    return {
      id,
      title: titleOf(id),
      owner: a?.owner?.trim() ?? '',
      start: a?.start ?? null,
      due: a?.due ?? null,
      status: a?.status ?? 'planned',
      after: [...(byId.get(id)?.after ?? [])],
      measures: [...(result.pilots.find((p) => p.id === id)?.measures ?? (pilot ? pilotTexts(pilot, questionnaire, ctx).measures : []))],
    };
  };
  const later = sequence.later.map((l) => ({
    id: l.id,
    title: titleOf(l.id),
    reason:
      l.why === 'capacity'
        ? 'no phase before the horizon has room at the capacity set'
        : `it waits for ${l.waitsFor.map(titleOf).join(', ')}, which ${l.waitsFor.length === 1 ? 'is' : 'are'} not on the roadmap`,
  }));
  return {
    phases: phaseWords.map((words, k) => ({
      title: words.title,
      ...(words.description !== undefined ? { description: words.description } : {}),
      from: ranges[k]!.from,
      to: ranges[k]!.to,
      pilots: sequence.phases[k]!.map(roadmapPilot),
    })),
    later,
    ...(questionnaire.roadmap?.expectations !== undefined ? { expectations: questionnaire.roadmap.expectations } : {}),
  };
}
