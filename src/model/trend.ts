// A Trend: what changed between two or more stored results, in date order.
// `readiness compare --json` prints exactly this; the Markdown trend report and
// the terminal summary are renderings of it.
import * as z from 'zod';
import { LevelRef, ScoreDisplay } from './result.js';

/** "↑" rose, "↓" fell, "→" moved less than MOVE_THRESHOLD points (no real change). */
export const Arrow = z.enum(['↑', '↓', '→']);
export type Arrow = z.infer<typeof Arrow>;

export const PilotRef = z.object({ id: z.string(), title: z.string() });
export type PilotRef = z.infer<typeof PilotRef>;

export const Barrier = z.object({ dimension: z.string(), title: z.string(), score: z.number(), threshold: z.number() });

/** One stored result as a point in time. */
export const TrendPoint = z.object({
  /** The date, made unique ("2026-03-01 (2)") when two results share a date. */
  label: z.string(),
  date: z.string(),
  /** Where the result came from (file path), when known. */
  source: z.string().optional(),
  organization: z.string(),
  questionnaire: z.object({ id: z.string(), title: z.string(), version: z.string() }),
  respondents: z.number(),
  /** Who answered, in words: "2 interviews and 40 survey responses (Leader 2, Manager 10, Staff 30)". */
  mix: z.string().optional(),
  partial: z.boolean(),
  /** The overall score and level as that result stored them. */
  score: z.number().nullable(),
  level: LevelRef.nullable(),
  /**
   * The overall score the trend compares: the stored one when every result has the same
   * dimensions, else recomputed over the shared dimensions only (see Trend.overallBasis).
   */
  comparable: z.number().nullable(),
  /** Change of `comparable` since the previous point; null at the first point. */
  change: z.number().nullable(),
  arrow: Arrow.nullable(),
  barrier: Barrier.nullable(),
  pilots: z.array(PilotRef),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const DimensionPoint = z.object({
  score: z.number().nullable(),
  coverage: z.number(),
  reliable: z.boolean(),
  /** Change since the previous point; null at the first point or when either score is missing. */
  change: z.number().nullable(),
  arrow: Arrow.nullable(),
});
export type DimensionPoint = z.infer<typeof DimensionPoint>;

export const DimensionTrend = z.object({
  id: z.string(),
  /** The title in the latest result. */
  title: z.string(),
  points: z.array(DimensionPoint),
  /** First to last point. */
  change: z.number().nullable(),
  arrow: Arrow.nullable(),
  /**
   * How many of the latest points lie within STEADY_RANGE points of each other ("has not
   * moved in the last three assessments"); 1 when it moved at the last step, 0 without a score.
   */
  steadyFor: z.number().int().nonnegative(),
  /** The dimension's own scale in the latest result (net score, top-box, mean, points); absent: 0..100. */
  display: ScoreDisplay.optional(),
});
export type DimensionTrend = z.infer<typeof DimensionTrend>;

export const QuestionMove = z.object({
  questionId: z.string(),
  text: z.string(),
  dimension: z.string(),
  /** Item scores on 0..100 at the first and the last point. */
  from: z.number(),
  to: z.number(),
  change: z.number(),
  arrow: Arrow,
});
export type QuestionMove = z.infer<typeof QuestionMove>;

/** Something that could not be compared, and why. */
export const LeftOut = z.object({
  kind: z.enum(['dimension', 'question']),
  id: z.string(),
  title: z.string(),
  /** Labels of the points that have it. */
  presentIn: z.array(z.string()),
  /** Labels of the points that lack it. */
  missingFrom: z.array(z.string()),
  reason: z.string(),
});
export type LeftOut = z.infer<typeof LeftOut>;

export const Trend = z.object({
  organizations: z.array(z.string()),
  /** Results of several organizations compared (only with --allow-mixed). */
  mixed: z.boolean(),
  from: z.string(),
  to: z.string(),
  points: z.array(TrendPoint),
  overallBasis: z.enum(['stored', 'shared-dimensions']),
  /** The dimensions every result has, in the latest result's order. */
  dimensions: z.array(DimensionTrend),
  /** Shared questions answered at the first and the last point that moved at least MOVE_THRESHOLD. */
  questions: z.object({ up: z.array(QuestionMove), down: z.array(QuestionMove), compared: z.number() }),
  /** Pilots recommended at the first point and at the last. */
  pilots: z.object({ kept: z.array(PilotRef), dropped: z.array(PilotRef), added: z.array(PilotRef) }),
  leftOut: z.array(LeftOut),
  /** Caveats in plain words (different question sets, unanswered questions, ...). */
  notes: z.array(z.string()),
  /** The plain-language summary, one sentence each. */
  summary: z.array(z.string()),
});
export type Trend = z.infer<typeof Trend>;
