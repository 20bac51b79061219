// One respondent's answers, checked against the questionnaire: which questions
// were shown to them, each item's score, and their own dimension scores.
import type { Answer, AnswerValue, Response } from '../model/answers.js';
import type { Aggregate, Option, Question, Questionnaire } from '../model/questionnaire.js';
import { evaluateCondition, referencedQuestions, type ConditionContext } from './conditions.js';
import { boxRuleOf, boxScore, canonicalValue, findOption, isScored, itemScore, optionsOf } from './item.js';
import { dimensionScore, minCoverageOf } from './dimension.js';

export type ItemStatus = 'answered' | 'dont-know' | 'not-applicable' | 'unanswered' | 'hidden';

export interface RespondentItem {
  questionId: string;
  status: ItemStatus;
  /** Canonical value when answered. */
  value?: AnswerValue;
  /** 0..1 after reverse-coding, full precision; null when unscored or not answered. */
  score: number | null;
  note?: string;
}

export interface RespondentDimension {
  /** 0..100, full precision; null when no scored item was answered or fewer than its minimum coverage. */
  score: number | null;
  /** Scored items answered. */
  answered: number;
  /** Scored items asked (not hidden; n/a, don't know and blank count as asked, not answered). */
  asked: number;
}

export interface ScoredRespondent {
  items: RespondentItem[];
  dimensions: Record<string, RespondentDimension>;
  /** A required question that was shown stayed unanswered. */
  missingRequired: boolean;
}

type DimensionScratch = { weight: number; status: ItemStatus; score: number | null };

interface ScoringPlan {
  /** Per question, in order: its options (choice questions), whether it is scored, whether a `when` reads it. */
  questions: {
    question: Question;
    options: readonly Option[] | undefined;
    scored: boolean;
    /** A top-box or net rule (scores come from it, not from option scores). */
    box: Aggregate | undefined;
    referenced: boolean;
    scratch: DimensionScratch | undefined;
  }[];
  /** Per dimension, one scratch entry per scored question, overwritten for every respondent. */
  dimensions: { id: string; minCoverage: number; scratch: DimensionScratch[] }[];
  /**
   * What conditions see of the answers so far, reused for every respondent:
   * every referenced question is written before any later `when` reads it.
   */
  seen: Record<string, Answer | undefined>;
  ctx: ConditionContext;
}

const plans = new WeakMap<Questionnaire, ScoringPlan>();

/** What can be worked out once per questionnaire (surveys have many rows). */
function planOf(questionnaire: Questionnaire): ScoringPlan {
  let plan = plans.get(questionnaire);
  if (!plan) {
    // only answers that some `when` reads need to be remembered while walking a respondent's answers
    const referenced = new Set(questionnaire.questions.flatMap((q) => (q.when ? referencedQuestions(q.when) : [])));
    const questions = questionnaire.questions.map((question) => {
      const scored = isScored(questionnaire, question);
      return {
        question,
        options: question.type === 'yesno' || question.type === 'number' || question.type === 'text' ? undefined : optionsOf(questionnaire, question),
        scored,
        box: boxRuleOf(questionnaire, question),
        referenced: referenced.has(question.id),
        scratch: scored ? { weight: question.weight, status: 'unanswered' as ItemStatus, score: null as number | null } : undefined,
      };
    });
    const dimensions = questionnaire.dimensions.map((d) => ({
      id: d.id,
      minCoverage: minCoverageOf(questionnaire, d),
      scratch: questions.flatMap((q) => (q.scratch && q.question.dimension === d.id ? [q.scratch] : [])),
    }));
    const seen: Record<string, Answer | undefined> = {};
    plan = { questions, dimensions, seen, ctx: { dimensions: {}, overall: null, answers: seen } };
    plans.set(questionnaire, plan);
  }
  return plan;
}

/** Receives one item of a respondent (question index in questionnaire order). */
export type ItemSink = (index: number, status: ItemStatus, value: AnswerValue | undefined, score: number | null, note: string | undefined) => void;
/** Receives one dimension of a respondent (questionnaire order), as in RespondentDimension. */
export type DimensionSink = (id: string, score: number | null, answered: number, asked: number) => void;

/**
 * scoreRespondent without building its result: each item and dimension is
 * handed to a sink (the aggregation adds them to its counts directly, which
 * matters at 100,000 survey rows). Returns whether a required question that
 * was shown stayed unanswered.
 */
export function scoreRespondentInto(questionnaire: Questionnaire, response: Response, onItem: ItemSink, onDimension: DimensionSink): boolean {
  const plan = planOf(questionnaire);
  const { seen, ctx } = plan;
  // nothing of the previous respondent may show through (a `when` on a later question is refused by the loader, but still)
  for (const id in seen) seen[id] = undefined;
  let missingRequired = false;
  const notAsked = response.notAsked;
  for (let i = 0; i < plan.questions.length; i++) {
    const { question, options, scored, box, referenced, scratch } = plan.questions[i]!;
    // never asked (another questionnaire, a survey without its column) counts like a question hidden by its condition
    const visible = (notAsked === undefined || !notAsked.has(question.id)) && (!question.when || evaluateCondition(question.when, ctx));
    if (!visible) {
      if (referenced) seen[question.id] = undefined;
      if (scratch) {
        scratch.status = 'hidden';
        scratch.score = null;
      }
      onItem(i, 'hidden', undefined, null, undefined);
      continue;
    }
    const answer: Answer = response.answers[question.id] ?? UNANSWERED;
    const note = answer.note !== undefined && answer.note.trim() !== '' ? answer.note : undefined;
    let value: AnswerValue | undefined;
    let score: number | null = null;
    if (answer.status === 'answered') {
      // likert/single: one option lookup gives both the canonical value and the score
      const option = options && question.type !== 'multiple' && !Array.isArray(answer.value) ? findOption(options, answer.value) : undefined;
      value = option ? option.value : canonicalValue(questionnaire, question, answer.value);
      if (box) {
        score = boxScore(box, value);
      } else if (option) {
        const raw = scored ? (option.score ?? null) : null;
        score = raw === null ? null : question.reverse ? 1 - raw : raw;
      } else {
        score = itemScore(questionnaire, question, value);
      }
      // the loaders already give canonical values: reuse the answer instead of copying it per respondent
      if (referenced) seen[question.id] = value === answer.value ? answer : { status: 'answered', value };
    } else {
      if (answer.status === 'unanswered' && question.required) missingRequired = true;
      if (referenced) seen[question.id] = STATUS_ANSWERS[answer.status];
    }
    if (scratch) {
      scratch.status = answer.status;
      scratch.score = score;
    }
    onItem(i, answer.status, value, score, note);
  }
  for (const { id, minCoverage, scratch } of plan.dimensions) {
    const d = dimensionScore(scratch, minCoverage);
    onDimension(id, d.score, d.answered, d.asked);
  }
  return missingRequired;
}

/**
 * Walks the questions in order; a question whose `when` does not hold for the
 * earlier answers is hidden (any answer to it is ignored, the loader refuses those).
 */
export function scoreRespondent(questionnaire: Questionnaire, response: Response): ScoredRespondent {
  const items: RespondentItem[] = new Array(questionnaire.questions.length);
  const dimensions: Record<string, RespondentDimension> = {};
  const missingRequired = scoreRespondentInto(
    questionnaire,
    response,
    (index, status, value, score, note) => {
      const item: RespondentItem = { questionId: questionnaire.questions[index]!.id, status, score };
      if (value !== undefined) item.value = value;
      if (note !== undefined) item.note = note;
      items[index] = item;
    },
    (id, score, answered, asked) => {
      dimensions[id] = { score, answered, asked };
    },
  );
  return { items, dimensions, missingRequired };
}

const UNANSWERED: Answer = Object.freeze({ status: 'unanswered' });
/** What later conditions see of a non-answer (shared: conditions only read them). */
const STATUS_ANSWERS: Record<Exclude<Answer['status'], 'answered'>, Answer> = {
  'dont-know': Object.freeze({ status: 'dont-know' }),
  'not-applicable': Object.freeze({ status: 'not-applicable' }),
  unanswered: UNANSWERED,
};
