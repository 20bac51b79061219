// What `history` and `compare` read from a stored result: a small part of it
// (about a fifth of the file). Loading many results keeps these summaries in
// the user's cache (src/load/result-summaries.ts), so that a repeat run parses
// only them. Types only from the model (no zod at run time).
import type { DimensionResult, LevelRef, Result, RespondentSource, ScoredAnswer } from './result.js';

/**
 * The fields of a Result that the listing (history) and the trend (compare)
 * use, with the same shapes and values: a full Result is a ResultSummary too.
 * Never holds respondents' names (`respondents.list` is left out).
 */
export interface ResultSummary {
  questionnaire: Pick<Result['questionnaire'], 'id' | 'title' | 'version' | 'hash'>;
  organization: string;
  date: string;
  partial: boolean;
  respondents: { count: number; byRole: Record<string, number>; sources?: RespondentSource[] };
  overall: { score: number | null; level: LevelRef | null };
  dimensions: Pick<DimensionResult, 'id' | 'title' | 'weight' | 'threshold' | 'score' | 'coverage' | 'reliable' | 'display' | 'inOverall'>[];
  barrier: Result['barrier'];
  /** Answers without values, labels or notes: what a trend compares. */
  answers: Pick<ScoredAnswer, 'questionId' | 'dimension' | 'text' | 'status' | 'score'>[];
  pilots: { id: string; title: string }[];
  survey?: Result['survey'];
}

/**
 * The summary of a checked result (pure). Objects that a trend copies as they
 * are (levels, the barrier point, display scales) are kept whole, so a trend
 * of summaries serializes byte for byte like a trend of full results.
 */
export function summarizeResult(r: Result): ResultSummary {
  const s: ResultSummary = {
    questionnaire: { id: r.questionnaire.id, title: r.questionnaire.title, version: r.questionnaire.version, hash: r.questionnaire.hash },
    organization: r.organization,
    date: r.date,
    partial: r.partial,
    respondents: {
      count: r.respondents.count,
      byRole: r.respondents.byRole,
      ...(r.respondents.sources !== undefined ? { sources: r.respondents.sources } : {}),
    },
    overall: { score: r.overall.score, level: r.overall.level },
    dimensions: r.dimensions.map((d) => ({
      id: d.id,
      title: d.title,
      weight: d.weight,
      threshold: d.threshold,
      score: d.score,
      coverage: d.coverage,
      reliable: d.reliable,
      ...(d.display !== undefined ? { display: d.display } : {}),
      ...(d.inOverall !== undefined ? { inOverall: d.inOverall } : {}),
    })),
    barrier: r.barrier,
    answers: r.answers.map((a) => ({ questionId: a.questionId, dimension: a.dimension, text: a.text, status: a.status, score: a.score })),
    pilots: r.pilots.map((p) => ({ id: p.id, title: p.title })),
  };
  if (r.survey !== undefined) s.survey = r.survey;
  return s;
}
