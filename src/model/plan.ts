// The plan: an organization's own decisions, kept beside its results as
// reports/<org>/plan.yaml (targets per dimension, a horizon, actions with
// owners, dates and status). The tool writes it once (`readiness plan`) and
// never overwrites it; every assessment reads it. `PlanOutcome` is what an
// assessment made of the plan (progress, action status, the phased roadmap),
// stored in the result so that a report can be re-rendered years later.
import * as z from 'zod';
import { Id } from './questionnaire.js';

/** A real calendar date written YYYY-MM-DD. */
export const IsoDate = z.string().refine(
  (text) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  },
  { message: 'must be a real date written YYYY-MM-DD (e.g. 2026-11-29)' },
);

export const ACTION_STATUSES = ['planned', 'running', 'done', 'dropped'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** A score on the 0..100 scale. */
const Score = z.number().min(0).max(100);

/**
 * One action: a pilot of the questionnaire's catalogue (`pilot`) or a free
 * action the client adds (`title`). Dates are YYYY-MM-DD; `due` not before `start`.
 */
export const PlanAction = z.strictObject({
  pilot: Id.optional(),
  title: z.string().min(1).optional(),
  owner: z.string().nullish(),
  start: IsoDate.nullish(),
  due: IsoDate.nullish(),
  status: ActionStatus.default('planned'),
  note: z.string().nullish(),
});
export type PlanAction = z.infer<typeof PlanAction>;

/** Where a dimension started (the baseline result's score) and where the organization wants it. */
export const PlanTarget = z.strictObject({
  baseline: Score.nullable(),
  target: Score,
});
export type PlanTarget = z.infer<typeof PlanTarget>;

export const PlanFile = z.strictObject({
  organization: z.string().min(1),
  questionnaire: Id,
  /** The result the plan was made from: its file name beside the plan, and its date. */
  baseline: z.strictObject({ result: z.string().min(1), date: IsoDate }),
  /** The date by which the targets should be reached; the roadmap's phases split the time until then. */
  horizon: IsoDate,
  /** Pilots at once, overriding the questionnaire's capacity rules. */
  capacity: z.number().int().min(1).max(20).optional(),
  /** Per dimension id. */
  targets: z.record(z.string(), PlanTarget).default({}),
  actions: z.array(PlanAction).default([]),
});
export type PlanFile = z.infer<typeof PlanFile>;

// ---------------------------------------------------------------------------
// What an assessment made of the plan: stored in Result.plan.
// ---------------------------------------------------------------------------

const ScoreChange = z.object({
  dimension: z.string(),
  title: z.string(),
  /** 0..100 or null (no score). */
  before: z.number().nullable(),
  now: z.number().nullable(),
});

export const TargetRow = z.object({
  dimension: z.string(),
  title: z.string(),
  /** 0..100: the baseline result's score. */
  baseline: z.number().nullable(),
  /** 0..100: this result's score. */
  today: z.number().nullable(),
  /** 0..100 */
  target: z.number(),
  /** target − today, points; null without a score today. */
  gap: z.number().nullable(),
  /** (today − baseline) / (target − baseline), a share (1 = target reached; may be below 0 or above 1); null when it cannot be computed. */
  progress: z.number().nullable(),
});
export type TargetRow = z.infer<typeof TargetRow>;

export const ActionRow = z.object({
  pilot: z.string().optional(),
  title: z.string(),
  owner: z.string(),
  start: z.string().nullable(),
  due: z.string().nullable(),
  status: ActionStatus,
  /** Due before the assessment's date and neither done nor dropped. */
  overdue: z.boolean(),
  /** Pilots that are running or done: their dimensions' scores at (or before) the start and now. */
  since: z.object({ date: z.string(), changes: z.array(ScoreChange) }).optional(),
});
export type ActionRow = z.infer<typeof ActionRow>;

export const RoadmapPilot = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  start: z.string().nullable(),
  due: z.string().nullable(),
  status: ActionStatus,
  /** Why it is placed no earlier: the pilots it waits for. */
  after: z.array(z.string()),
  measures: z.array(z.string()),
});
export type RoadmapPilot = z.infer<typeof RoadmapPilot>;

export const RoadmapPhaseRow = z.object({
  title: z.string(),
  description: z.string().optional(),
  /** YYYY-MM-DD, inclusive; `to` is the day before the next phase starts. */
  from: z.string(),
  to: z.string(),
  pilots: z.array(RoadmapPilot),
});
export type RoadmapPhaseRow = z.infer<typeof RoadmapPhaseRow>;

export const PlanOutcome = z.object({
  /** "plan": made with reports/<org>/plan.yaml; "proposed": no plan yet, the roadmap is a proposal. */
  source: z.enum(['plan', 'proposed']),
  horizon: z.string(),
  capacity: z.object({ pilots: z.number().int().min(1), from: z.enum(['plan', 'rule', 'default']) }),
  baseline: z.object({ result: z.string(), date: z.string() }).nullable(),
  previous: z
    .object({
      date: z.string(),
      overall: z.number().nullable(),
      level: z.object({ id: z.string(), label: z.string() }).nullable(),
      barrier: z.object({ dimension: z.string(), title: z.string() }).nullable(),
      dimensions: z.array(ScoreChange),
    })
    .nullable(),
  targets: z.array(TargetRow),
  actions: z.array(ActionRow),
  roadmap: z.object({
    phases: z.array(RoadmapPhaseRow),
    /** Pilots that could not be placed within the horizon, with why. */
    later: z.array(z.object({ id: z.string(), title: z.string(), reason: z.string() })),
    expectations: z.string().optional(),
  }),
});
export type PlanOutcome = z.infer<typeof PlanOutcome>;
