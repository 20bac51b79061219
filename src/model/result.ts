// A Result is self-contained: it can be re-rendered and compared years later
// without the questionnaire file. Bump RESULT_SCHEMA_VERSION on any breaking
// change and teach src/load/result.ts to upgrade older versions (docs/scoring.md).
import * as z from 'zod';
import { AnswerValue } from './answers.js';
import { ReportWording } from './questionnaire.js';
import { IsoDate, PlanOutcome } from './plan.js';

export { RESULT_SCHEMA_VERSION } from './schema-version.js';

export const LevelRef = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
});
export type LevelRef = z.infer<typeof LevelRef>;

/**
 * How a score is printed on its own scale: `mean`/`points` map 0..100 linearly onto min..max;
 * `net` is -100..100 ("net score +20"); `top-box` is the share answering one of `boxes` top
 * answers ("top-2-box 64%"). Absent: 0..100.
 */
export const ScoreDisplay = z.object({
  kind: z.enum(['score', 'mean', 'points', 'net', 'top-box']),
  min: z.number(),
  max: z.number(),
  decimals: z.number().int().min(0).max(3).optional(),
  /** top-box: how many answers count as the top box (the "2" of "top-2-box"). */
  boxes: z.number().int().positive().optional(),
});
export type ScoreDisplay = z.infer<typeof ScoreDisplay>;

/** One entry of a distribution: an answer's label and how many gave it. */
export const Count = z.object({ label: z.string(), count: z.number() });
export type Count = z.infer<typeof Count>;

export const ScoredAnswer = z.object({
  questionId: z.string(),
  dimension: z.string(),
  text: z.string(),
  type: z.string(),
  status: z.enum(['answered', 'dont-know', 'not-applicable', 'unanswered', 'hidden']),
  value: AnswerValue.optional(),
  /** Human label(s) of the value, e.g. "Agree". */
  label: z.string().optional(),
  note: z.string().optional(),
  /** Normalized 0..1 after reverse-coding, full precision (schema 2); null when unscored (text, unanswered, ...). */
  score: z.number().min(0).max(1).nullable(),
  weight: z.number(),
  reverse: z.boolean(),
  /** top-box or net items: the item's own scale (its `score` is then the share in the top box, or (net + 100) / 200). */
  display: ScoreDisplay.optional(),
  /**
   * Aggregated results: how many respondents gave each answer, in the scale's order
   * (then "Don't know", "Not applicable", "Not answered"). A list, not an object:
   * labels such as "1".."10" would otherwise be reordered as object keys.
   */
  distribution: z.array(Count).optional(),
  respondents: z.number().optional(),
  /** Aggregated: standard deviation of normalized scores across respondents. */
  spread: z.number().optional(),
  /**
   * Aggregated, scored items: share (0..1) of the respondents asked (answered or "don't know")
   * who answered below the midpoint (e.g. "No") or "don't know". Strengths need it low.
   */
  doubt: z.number().min(0).max(1).optional(),
  /** Aggregated free text: the texts, without names. */
  texts: z.array(z.string()).optional(),
  /** Aggregated free text: answers given beyond those listed in `texts` (only counted, to keep results small). */
  textsOmitted: z.number().int().min(1).optional(),
});
export type ScoredAnswer = z.infer<typeof ScoredAnswer>;

export const DimensionResult = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  weight: z.number(),
  threshold: z.number(),
  /** 0..100, null when no scored item was answered. */
  score: z.number().min(0).max(100).nullable(),
  /** Share of the scored items asked (shown) that were answered (0..1); before schema 2, n/a items were not counted as asked. */
  coverage: z.number().min(0).max(1),
  /** Coverage reached the questionnaire's low-coverage cut-off (and there is a score). */
  reliable: z.boolean(),
  /** Scored items answered and asked (summed over respondents); absent before schema 2. */
  answered: z.number().int().nonnegative().optional(),
  asked: z.number().int().nonnegative().optional(),
  /** The minimum coverage (0..1) below which the dimension has no score; absent when 0. */
  minCoverage: z.number().min(0).max(1).optional(),
  /** Its own scale, when not plain 0..100. */
  display: ScoreDisplay.optional(),
  /** false: left out of the overall score (top-box and net dimensions by default). */
  inOverall: z.literal(false).optional(),
  level: LevelRef.nullable(),
  finding: z.string().nullable(),
  /** Aggregated results only. */
  spread: z.object({ sd: z.number(), min: z.number(), max: z.number(), respondents: z.number() }).optional(),
});
export type DimensionResult = z.infer<typeof DimensionResult>;

export const PilotResult = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  why: z.string(),
  steps: z.array(z.string()),
  measures: z.array(z.string()),
  duration: z.string(),
  /** Plain-language reasons naming the scores and answers that made it fit. */
  reasons: z.array(z.string()),
});
export type PilotResult = z.infer<typeof PilotResult>;

export const NotYetPilot = z.object({
  id: z.string(),
  title: z.string(),
  /** What must change first, one entry per blocking condition that holds. */
  blockers: z.array(z.object({ reason: z.string(), fix: z.string() })),
});
export type NotYetPilot = z.infer<typeof NotYetPilot>;

/** The pilot that works on the barrier point, or (pilot null) the sentence saying none can start yet and what must change first. */
export const BarrierPilot = z.object({
  dimension: z.string(),
  pilot: z.string().nullable(),
  note: z.string().optional(),
});
export type BarrierPilot = z.infer<typeof BarrierPilot>;

export const Respondent = z.object({
  name: z.string().optional(),
  role: z.string().optional(),
  source: z.string().optional(),
  segments: z.record(z.string(), z.string()).optional(),
});

/** Respondents of one source: the interviews, other answers files, or one survey export (by its file name). */
export const RespondentSource = z.object({
  kind: z.enum(['interview', 'answers', 'survey']),
  /** "Interviews", "Answers files", "Survey staff.csv". */
  label: z.string(),
  count: z.number().int().nonnegative(),
});
export type RespondentSource = z.infer<typeof RespondentSource>;

/** Dimension means per group of one attribute (role, source, a segment), privacy rules applied. */
export const ViewResult = z.object({
  attribute: z.string(),
  title: z.string(),
  dimensions: z.array(z.object({ dimension: z.string(), title: z.string(), groups: z.record(z.string(), z.number()) })),
});

export const Result = z.object({
  schemaVersion: z.number().int().positive(),
  /**
   * Set in memory only, when an older result was upgraded on loading: the schema it was
   * written with. Renderers then reproduce that version's report byte for byte (its
   * scores were stored rounded and are printed as they were).
   */
  upgradedFrom: z.number().int().nonnegative().optional(),
  tool: z.object({ name: z.string(), version: z.string() }),
  questionnaire: z.object({
    id: z.string(),
    title: z.string(),
    version: z.string(),
    /** sha256 of the normalized questionnaire (see src/load/hash.ts). */
    hash: z.string(),
  }),
  organization: z.string(),
  /** A real date, YYYY-MM-DD: it names files (a trend's default output), so a hand-edited one must not hold a path. */
  date: IsoDate,
  partial: z.boolean(),
  /**
   * Free text (notes, free-text and "Other" answers) in this result: e-mail addresses and
   * phone numbers replaced ('redacted'), left out entirely ('left-out', --no-free-text);
   * absent: shown as typed (--show-respondents, or results written before this field).
   */
  freeText: z.enum(['redacted', 'left-out']).optional(),
  respondents: z.object({
    count: z.number().int().nonnegative(),
    byRole: z.record(z.string(), z.number()),
    /** Names only when --show-respondents was given. */
    list: z.array(Respondent).optional(),
    /** Respondents per source, when they came from more than one (an engagement: interviews and surveys). */
    sources: z.array(RespondentSource).optional(),
  }),
  levels: z.array(z.object({ id: z.string(), label: z.string(), min: z.number(), max: z.number(), description: z.string() })),
  /** The questionnaire's low-coverage cut-off (0..1); absent: 0.6. */
  lowCoverage: z.number().min(0).max(1).optional(),
  /** The questionnaire's own report texts (title, expectations, timeline); absent: neutral sentences (schema 2). */
  wording: ReportWording.optional(),
  /** false when the questionnaire offers no pilots at all (the report then has no pilots section). */
  pilotsOffered: z.literal(false).optional(),
  /** false when the questionnaire declares that it has no barrier point (then `barrier` is always null). */
  barrierPoint: z.literal(false).optional(),
  overall: z.object({
    score: z.number().min(0).max(100).nullable(),
    /** Its own scale, when the questionnaire declares one. */
    display: ScoreDisplay.optional(),
    level: LevelRef.nullable(),
    /** The level the score alone would give, before gates. */
    uncappedLevel: LevelRef.nullable(),
    gates: z.array(z.object({ id: z.string(), cap: z.string(), reason: z.string() })),
  }),
  dimensions: z.array(DimensionResult),
  barrier: z.object({ dimension: z.string(), title: z.string(), score: z.number(), threshold: z.number() }).nullable(),
  strengths: z.array(z.object({ questionId: z.string(), text: z.string(), score: z.number() })),
  risks: z.array(z.object({ questionId: z.string(), text: z.string(), score: z.number() })),
  answers: z.array(ScoredAnswer),
  pilots: z.array(PilotResult),
  notYet: z.array(NotYetPilot),
  /** With a barrier point and a pilot catalogue: which pilot works on it, or why none can yet (absent in older results). */
  barrierPilot: BarrierPilot.optional(),
  /**
   * Survey exports only: what happened to the rows of the file. `rowsRead`
   * data rows were read; `respondents` of them were scored; `setAside` rows had
   * another number of fields than the header (lines: the first few); unfinished
   * responses were left out (or included with --include-unfinished).
   */
  survey: z
    .object({
      rowsRead: z.number().int().nonnegative(),
      respondents: z.number().int().nonnegative(),
      setAside: z.number().int().nonnegative(),
      setAsideLines: z.array(z.number().int().positive()),
      unfinished: z.number().int().nonnegative(),
      unfinishedIncluded: z.boolean(),
      rolesRefused: z.number().int().nonnegative(),
      otherAnswers: z.number().int().nonnegative(),
      format: z.string(),
    })
    .optional(),
  /** Multi-respondent extras (issue: many respondents). Absent for a single respondent. */
  aggregate: z
    .object({
      divergent: z.array(z.object({ kind: z.enum(['question', 'dimension']), id: z.string(), text: z.string(), sd: z.number() })),
      perceptionGaps: z.array(
        z.object({ dimension: z.string(), title: z.string(), groups: z.record(z.string(), z.number()) }),
      ),
      hiddenGroups: z.number().int().nonnegative(),
      /** Views by source and by segment (unit, site...), beside the role view of perceptionGaps. */
      views: z.array(ViewResult).optional(),
      /** Views left out for a dimension because a group could be worked out by subtraction across two attributes. */
      viewsWithheld: z.number().int().nonnegative().optional(),
      unmatchedCells: z.number().int().nonnegative(),
      minGroup: z.number().int().positive(),
    })
    .optional(),
  /** Targets, progress, action status and the phased roadmap (src/plan); absent in results made before plans existed. */
  plan: PlanOutcome.optional(),
});
export type Result = z.infer<typeof Result>;
