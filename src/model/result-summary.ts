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

type SummaryAnswer = ResultSummary['answers'][number];
/** What an answer of a summary holds besides its status and score. */
export type SummaryQuestion = Pick<SummaryAnswer, 'questionId' | 'dimension' | 'text'>;

/** Each answer's status and score, in the order of the questions. */
export interface AnswerValues {
  status: readonly SummaryAnswer['status'][];
  score: readonly SummaryAnswer['score'][];
}

/** The parts a summary's answers are made of, until they are made (see withLazyAnswers). */
interface Unmade {
  questions: readonly SummaryQuestion[];
  values: () => AnswerValues;
}

/**
 * Summaries whose answers were not made yet (see withLazyAnswers), with what they will be made
 * of. A summary is here only while nobody has read or replaced its answers (answerQuestions).
 */
const unmade = new WeakMap<ResultSummary, Unmade>();

function settle(summary: ResultSummary, answers: SummaryAnswer[]): SummaryAnswer[] {
  unmade.delete(summary);
  Object.defineProperty(summary, 'answers', { value: answers, writable: true, enumerable: true, configurable: true });
  return answers;
}

/**
 * One accessor for every summary: V8 keeps an accessor in the object's hidden class, so a
 * function per summary would give each summary a class of its own (and every access to any of
 * their fields would become a slow, megamorphic one).
 */
const LAZY_ANSWERS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: ResultSummary): SummaryAnswer[] {
    const parts = unmade.get(this);
    // read through an object that inherits from the summary: the summary's own answers
    if (parts === undefined) return (Object.getPrototypeOf(this) as ResultSummary).answers;
    const { questions } = parts;
    const { status, score } = parts.values();
    if (status.length !== questions.length || score.length !== questions.length) throw new Error('a summary of a stored result has not as many statuses and scores as questions');
    const answers: SummaryAnswer[] = new Array(questions.length);
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i]!;
      answers[i] = { questionId: q.questionId, dimension: q.dimension, text: q.text, status: status[i]!, score: score[i]! };
    }
    return settle(this, answers);
  },
  set(this: ResultSummary, answers: SummaryAnswer[]): void {
    settle(this, answers);
  },
};

/**
 * Gives `summary` its `answers` (questions[i] with values().status[i] and values().score[i]),
 * made when first read: a long trend reads the answers of a few results only (the first, the
 * last, one per shape), and a listing none; `values` is called then, once. The property is
 * enumerable and in the same place as a plain one (JSON, equality and copies see the same
 * object); reading or setting it makes it a plain one. Reading it throws Error when the values
 * are not one per question (the caller vouches that they are).
 */
export function withLazyAnswers(summary: ResultSummary, questions: readonly SummaryQuestion[], values: () => AnswerValues): void {
  unmade.set(summary, { questions, values });
  Object.defineProperty(summary, 'answers', LAZY_ANSWERS);
}

/**
 * The question id, dimension and text of each answer of `summary`, in order, without making
 * its answers when they are not made yet (see withLazyAnswers): summaries from the cache made
 * from the same list of questions give the same list (so the same object says the same).
 */
export function answerQuestions(summary: ResultSummary): readonly SummaryQuestion[] {
  return unmade.get(summary)?.questions ?? summary.answers;
}
