// The questionnaire format, defined once. Everything else speaks these types.
// Shape checks live here; cross-reference checks (unknown ids, band gaps, ...)
// live in src/load/questionnaire-checks.ts because they need the whole document.
import * as z from 'zod';

/** Ids are short, stable, file-name and URL safe: they end up in answers files and result JSON. */
export const Id = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/, 'must be lowercase letters, digits and single - or _ (e.g. "leader-sponsor")');
export type Id = z.infer<typeof Id>;

/** Answer values that an option can carry. "dont-know" and "n/a" are reserved for the special answers. */
export const OptionValue = z.union([z.string().min(1), z.number()]);
export type OptionValue = z.infer<typeof OptionValue>;

/** An allowed answer. `score` is in 0..1 before reverse-coding (1 = most ready). */
export const Option = z.strictObject({
  value: OptionValue,
  label: z.string().min(1),
  score: z.number().optional(),
  /** Multiple choice only: choosing it excludes every other option (e.g. "none of these"). */
  exclusive: z.boolean().optional(),
});
export type Option = z.infer<typeof Option>;

/** A reusable answer scale, e.g. a 5-point agreement scale. */
export const Scale = z.strictObject({
  title: z.string().optional(),
  options: z.array(Option).min(2),
});
export type Scale = z.infer<typeof Scale>;

export const Comparison = {
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
};

/**
 * Conditions are data, never code. A leaf tests one dimension score (0..100)
 * or one earlier answer; all/any/not combine them.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | DimensionTest
  | QuestionTest
  | OverallTest;

export const DimensionTest = z.strictObject({
  dimension: Id,
  ...Comparison,
});
export type DimensionTest = z.infer<typeof DimensionTest>;

export const OverallTest = z.strictObject({
  overall: z.literal(true),
  ...Comparison,
});
export type OverallTest = z.infer<typeof OverallTest>;

export const QuestionTest = z.strictObject({
  question: Id,
  /** The answer equals this value (for multiple choice: exactly this one choice). */
  equals: OptionValue.optional(),
  /** The answer is one of these values. */
  in: z.array(OptionValue).min(1).optional(),
  /** Multiple choice: the choices include this value. */
  includes: OptionValue.optional(),
  /** Multiple choice: at least this many values chosen (an exclusive "none" counts as one: use 2 or more, or `not: { includes: none }`). */
  countAtLeast: z.number().int().nonnegative().optional(),
  /** true: answered with a real value (not don't-know / n/a / missing). false: the opposite. */
  answered: z.boolean().optional(),
  /** Number questions: compare the numeric value. */
  ...Comparison,
});
export type QuestionTest = z.infer<typeof QuestionTest>;

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
    DimensionTest,
    QuestionTest,
    OverallTest,
  ]),
);

export const QuestionType = z.enum(['likert', 'single', 'multiple', 'yesno', 'number', 'text']);
export type QuestionType = z.infer<typeof QuestionType>;

/** Number questions: a linear score between `worst` (0) and `best` (1), clamped. */
export const NumberScoring = z.strictObject({
  worst: z.number(),
  best: z.number(),
});

/**
 * How an item's answers are aggregated: `mean` (the default: the option scores), `top-box`
 * (the share of respondents whose answer is one of `high`, e.g. "top-2-box") or `net` (the
 * share answering one of `high` minus the share answering one of `low`, -100..100, e.g. the
 * 0-10 recommendation question: 9-10 minus 0-6). Values are option values, numbers or yes/no.
 */
export const Aggregate = z.strictObject({
  method: z.enum(['mean', 'top-box', 'net']),
  high: z.array(OptionValue).min(1).optional(),
  low: z.array(OptionValue).min(1).optional(),
});
export type Aggregate = z.infer<typeof Aggregate>;

/**
 * How a score is shown on the instrument's own scale, beside the 0..100 value: `mean` on
 * min..max (e.g. 1-5), `points` from min to max (e.g. 5-15), `net` (-100..100, for a dimension
 * of net items that joins the overall, or an overall made of one), `score` (0..100, the default).
 * The native value is min + (max - min) * score / 100; levels, thresholds and gates stay on 0..100.
 */
export const Display = z.strictObject({
  kind: z.enum(['score', 'mean', 'points', 'net']),
  min: z.number(),
  max: z.number(),
  /** Decimals of the native value (default: mean 1, points 0, score 0). */
  decimals: z.number().int().min(0).max(3).optional(),
});
export type Display = z.infer<typeof Display>;

export const Question = z.strictObject({
  id: Id,
  dimension: Id,
  text: z.string().min(1),
  /** Why it matters: shown on request in the interview and in the guide. */
  help: z.string().optional(),
  type: QuestionType,
  /** likert (required) / single / multiple: a scale id from `scales`. */
  scale: Id.optional(),
  /** single / multiple: inline options (instead of a scale). */
  options: z.array(Option).min(2).optional(),
  /** number: allowed bounds, and how values map to a score (omit to leave it unscored). */
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  scoring: NumberScoring.optional(),
  /** Reverse-scored: agreeing means *less* ready (score becomes 1 - score). */
  reverse: z.boolean().default(false),
  weight: z.number().default(1),
  required: z.boolean().default(true),
  allowDontKnow: z.boolean().default(false),
  allowNotApplicable: z.boolean().default(false),
  /** Ask only when this holds for earlier answers. */
  when: Condition.optional(),
  /** top-box or net instead of the mean of option scores (default: the dimension's, else mean). */
  aggregate: Aggregate.optional(),
});
export type Question = z.infer<typeof Question>;
export type QuestionInput = z.input<typeof Question>;

export const Dimension = z.strictObject({
  id: Id,
  title: z.string().min(1),
  description: z.string().min(1),
  /** One line on why it matters, shown when the interview opens the dimension. */
  why: z.string().optional(),
  weight: z.number().default(1),
  /** Display and barrier-point order; defaults to the position in the list. */
  order: z.number().int().optional(),
  /** Below this score (0..100) the dimension is a barrier. */
  threshold: z.number().min(0).max(100).default(50),
  /** Finding text per readiness level id (the dimension's own score is banded with the same levels). */
  findings: z.record(z.string(), z.string().min(1)).default({}),
  /**
   * Share (0..1) of the scored questions asked that must be answered for the dimension to get a
   * score at all (published scales often require half). Default: the questionnaire's `minCoverage`.
   */
  minCoverage: z.number().min(0).max(1).optional(),
  /** How all its items are aggregated (a question's own `aggregate` wins). */
  aggregate: Aggregate.optional(),
  /** Its score on the instrument's own scale, beside 0..100. */
  display: Display.optional(),
  /**
   * Whether its score joins the overall score. Default: yes, except a dimension whose items are
   * all top-box or net (reported on its own scale) unless this is true.
   */
  inOverall: z.boolean().optional(),
});
export type Dimension = z.infer<typeof Dimension>;

/** A readiness level: a band of the overall score. Bands are [min, max), the last one includes its max. */
export const Level = z.strictObject({
  id: Id,
  label: z.string().min(1),
  min: z.number().min(0).max(100),
  max: z.number().min(0).max(100),
  description: z.string().min(1),
});
export type Level = z.infer<typeof Level>;

/** A gate caps the overall level when its condition holds (e.g. no leadership support). */
export const Gate = z.strictObject({
  id: Id,
  when: Condition,
  /** The best level the organization can reach while the gate holds. */
  cap: Id,
  reason: z.string().min(1),
});
export type Gate = z.infer<typeof Gate>;

/** A condition under which a pilot must not start yet, with what must change first. */
export const Blocker = z.strictObject({
  when: Condition,
  fix: z.string().min(1),
  /** Pilots whose completion lifts this blocker: the roadmap may place the blocked pilot after them. */
  after: z.array(Id).optional(),
});
export type Blocker = z.infer<typeof Blocker>;

/**
 * Other words for a pilot when its `when` holds for the answers (e.g. a sponsor exists: the
 * sponsor pilot turns support into resources instead of winning a sponsor). Fields it leaves
 * out keep the pilot's own text. The first variant whose condition holds is used.
 */
export const PilotVariant = z.strictObject({
  when: Condition,
  title: z.string().min(1).optional(),
  summary: z.string().min(1).optional(),
  why: z.string().min(1).optional(),
  steps: z.array(z.string().min(1)).min(1).optional(),
  measures: z.array(z.string().min(1)).min(1).optional(),
  duration: z.string().min(1).optional(),
});
export type PilotVariant = z.infer<typeof PilotVariant>;

export const Pilot = z.strictObject({
  id: Id,
  title: z.string().min(1),
  summary: z.string().min(1),
  why: z.string().min(1),
  steps: z.array(z.string().min(1)).min(1),
  measures: z.array(z.string().min(1)).min(1),
  duration: z.string().min(1),
  /** The pilot fits when this holds. */
  fits: Condition,
  /** The pilot must not start while any of these holds. */
  notYet: z.array(Blocker).default([]),
  /** Higher comes first among fitting pilots (sponsor-first uses a high priority). */
  priority: z.number().default(0),
  /** Pilots that must be done, or run in an earlier roadmap phase, before this one starts. */
  after: z.array(Id).optional(),
  /**
   * The dimensions this pilot works on (raises). When the barrier point is one of them, the
   * pilot can be the barrier's pilot. Absent: the dimensions its `fits` tests with an upper
   * bound (lt/lte).
   */
  addresses: z.array(Id).optional(),
  /** Condition-chosen other words (see PilotVariant); texts may hold answer placeholders. */
  variants: z.array(PilotVariant).optional(),
});
export type Pilot = z.infer<typeof Pilot>;

/**
 * The report's own words for this instrument. Without them the report uses neutral sentences;
 * the built-in questionnaires carry their social-media texts here. In `timeline` rows, `{start}`
 * stands for the generated first step (the first pilot and the barrier point) and `{review}`
 * for the generated review of the pilots.
 */
export const ReportWording = z.strictObject({
  /** The report title after "Organization: " (capitalized when no organization is named). */
  title: z.string().min(1).optional(),
  /** The closing paragraph of the executive summary: what to expect. */
  expectations: z.string().min(1).optional(),
  /** The rows of the "Next steps and a realistic timeline" table. */
  timeline: z.array(z.strictObject({ when: z.string().min(1), what: z.string().min(1) })).min(1).optional(),
  /** The paragraph under the timeline. */
  timelineNote: z.string().min(1).optional(),
  /** The first step when no pilot fits (before "; " and the barrier point). */
  noPilotStart: z.string().min(1).optional(),
  /**
   * When no pilot addresses the barrier point (none fits, or all that fit are blocked): the
   * sentence saying so and what must change first. `{barrier}` stands for the dimension's title.
   */
  noBarrierPilot: z.string().min(1).optional(),
});
export type ReportWording = z.infer<typeof ReportWording>;

/** A rule for how many pilots can run at once: the first rule whose condition holds wins. */
export const CapacityRule = z.strictObject({
  when: Condition,
  pilots: z.number().int().min(1),
});
export type CapacityRule = z.infer<typeof CapacityRule>;

/** One phase of the roadmap: its words come from the questionnaire, its dates from the plan's horizon. */
export const RoadmapPhase = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1).optional(),
});
export type RoadmapPhase = z.infer<typeof RoadmapPhase>;

/** How recommended and chosen pilots are sequenced into phases (see docs/plans.md). */
export const Roadmap = z.strictObject({
  /** The default horizon, in months from the assessment date, when no plan sets one. */
  months: z.number().int().min(1).max(120).default(12),
  phases: z.array(RoadmapPhase).min(1),
  /** Pilots at once when no capacity rule holds. */
  capacity: z.number().int().min(1).default(1),
  capacityRules: z.array(CapacityRule).default([]),
  /** Shown under the roadmap: what to expect, in the questionnaire's own words. */
  expectations: z.string().min(1).optional(),
});
export type Roadmap = z.infer<typeof Roadmap>;

export const Questionnaire = z.strictObject({
  id: Id,
  title: z.string().min(1),
  version: z.string().min(1),
  description: z.string().min(1),
  minutes: z.number().positive(),
  scales: z.record(z.string(), Scale).default({}),
  dimensions: z.array(Dimension).min(1),
  questions: z.array(Question).min(1),
  levels: z.array(Level).min(1),
  gates: z.array(Gate).default([]),
  pilots: z.array(Pilot).default([]),
  /** Default minimum coverage (0..1) of every dimension; 0 (absent): one answered question gives a score. */
  minCoverage: z.number().min(0).max(1).optional(),
  /** Below this coverage (0..1) a scored dimension is marked "low coverage" (default 0.6). */
  lowCoverage: z.number().min(0).max(1).optional(),
  /** The overall score on the instrument's own scale (e.g. points 5..15), beside 0..100. */
  display: Display.optional(),
  /** The report's own words (title, expectations, timeline); absent: neutral sentences. */
  report: ReportWording.optional(),
  /**
   * Forbidden pairs, kept with the catalogue they guard: while `when` holds for the answers, no
   * recommended pilot text (title, summary, why, steps, measures, blockers' fixes) may contain any
   * of `texts` (case-insensitive). The tests check every built-in questionnaire against it.
   */
  contradictions: z.array(z.strictObject({ when: Condition, texts: z.array(z.string().min(1)).min(1) })).optional(),
  /** false: the instrument has no barrier point (a usability scale has none); thresholds still mark weak dimensions. */
  barrierPoint: z.boolean().optional(),

  /** How pilots are sequenced into a phased roadmap; without it the roadmap has one phase per pilot slot. */
  roadmap: Roadmap.optional(),
});
export type Questionnaire = z.infer<typeof Questionnaire>;
export type QuestionnaireInput = z.input<typeof Questionnaire>;

/** Reserved answer values (see answers.ts). */
export { DONT_KNOW, NOT_APPLICABLE } from './special-answers.js';
