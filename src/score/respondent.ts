// One respondent's answers, checked against the questionnaire: which questions
// were shown to them, each item's score, and their own dimension scores.
import type { Answer, AnswerValue, Response } from '../model/answers.js';
import type { Option, Question, Questionnaire } from '../model/questionnaire.js';
import { evaluateCondition, referencedQuestions } from './conditions.js';
import { canonicalValue, findOption, isScored, itemScore, optionsOf } from './item.js';
import { dimensionScore } from './dimension.js';

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
  /** 0..100 rounded to 1 decimal; null when no scored item was answered. */
  score: number | null;
  /** Scored items answered. */
  answered: number;
  /** Scored items that applied (not hidden, not n/a). */
  applicable: number;
}

export interface ScoredRespondent {
  items: RespondentItem[];
  dimensions: Record<string, RespondentDimension>;
  /** A required question that was shown stayed unanswered. */
  missingRequired: boolean;
}

interface ScoringPlan {
  /** Per question, in order: its options (choice questions) and whether it is scored. */
  questions: { question: Question; options: readonly Option[] | undefined; scored: boolean; referenced: boolean }[];
  /** Per dimension, its scored questions with a scratch entry each, reused for every respondent. */
  dimensions: { id: string; indexes: number[]; scratch: { weight: number; status: ItemStatus; score: number | null }[] }[];
}

const plans = new WeakMap<Questionnaire, ScoringPlan>();

/** What can be worked out once per questionnaire (surveys have many rows). */
function planOf(questionnaire: Questionnaire): ScoringPlan {
  let plan = plans.get(questionnaire);
  if (!plan) {
    // only answers that some `when` reads need to be remembered while walking a respondent's answers
    const referenced = new Set(questionnaire.questions.flatMap((q) => (q.when ? referencedQuestions(q.when) : [])));
    const questions = questionnaire.questions.map((question) => ({
      question,
      options: question.type === 'yesno' || question.type === 'number' || question.type === 'text' ? undefined : optionsOf(questionnaire, question),
      scored: isScored(questionnaire, question),
      referenced: referenced.has(question.id),
    }));
    const dimensions = questionnaire.dimensions.map((d) => {
      const indexes = questions.flatMap((q, i) => (q.scored && q.question.dimension === d.id ? [i] : []));
      const scratch = indexes.map((i) => ({ weight: questionnaire.questions[i]!.weight, status: 'unanswered' as ItemStatus, score: null as number | null }));
      return { id: d.id, indexes, scratch };
    });
    plan = { questions, dimensions };
    plans.set(questionnaire, plan);
  }
  return plan;
}

/**
 * Walks the questions in order; a question whose `when` does not hold for the
 * earlier answers is hidden (any answer to it is ignored, the loader refuses those).
 */
export function scoreRespondent(questionnaire: Questionnaire, response: Response): ScoredRespondent {
  const plan = planOf(questionnaire);
  const seen: Record<string, Answer | undefined> = {};
  const items: RespondentItem[] = new Array(plan.questions.length);
  let missingRequired = false;
  const ctx = { dimensions: {}, overall: null, answers: seen };
  for (let i = 0; i < plan.questions.length; i++) {
    const { question, options, scored, referenced } = plan.questions[i]!;
    const visible = !question.when || evaluateCondition(question.when, ctx);
    if (!visible) {
      if (referenced) seen[question.id] = undefined;
      items[i] = { questionId: question.id, status: 'hidden', score: null };
      continue;
    }
    const answer: Answer = response.answers[question.id] ?? UNANSWERED;
    const note = answer.note !== undefined && answer.note.trim() !== '' ? answer.note : undefined;
    const item: RespondentItem = { questionId: question.id, status: answer.status, score: null };
    if (note !== undefined) item.note = note;
    if (answer.status === 'answered') {
      // likert/single: one option lookup gives both the canonical value and the score
      const option = options && question.type !== 'multiple' && !Array.isArray(answer.value) ? findOption(options, answer.value) : undefined;
      const value = option ? option.value : canonicalValue(questionnaire, question, answer.value);
      item.value = value;
      if (option) {
        const raw = scored ? (option.score ?? null) : null;
        item.score = raw === null ? null : question.reverse ? 1 - raw : raw;
      } else {
        item.score = itemScore(questionnaire, question, value);
      }
      // the loaders already give canonical values: reuse the answer instead of copying it per respondent
      if (referenced) seen[question.id] = value === answer.value ? answer : { status: 'answered', value };
    } else {
      if (answer.status === 'unanswered' && question.required) missingRequired = true;
      if (referenced) seen[question.id] = STATUS_ANSWERS[answer.status];
    }
    items[i] = item;
  }

  const dimensions: Record<string, RespondentDimension> = {};
  for (const { id, indexes, scratch } of plan.dimensions) {
    for (let k = 0; k < indexes.length; k++) {
      const item = items[indexes[k]!]!;
      scratch[k]!.status = item.status;
      scratch[k]!.score = item.score;
    }
    dimensions[id] = dimensionScore(scratch);
  }
  return { items, dimensions, missingRequired };
}

const UNANSWERED: Answer = Object.freeze({ status: 'unanswered' });
/** What later conditions see of a non-answer (shared: conditions only read them). */
const STATUS_ANSWERS: Record<Exclude<Answer['status'], 'answered'>, Answer> = {
  'dont-know': Object.freeze({ status: 'dont-know' }),
  'not-applicable': Object.freeze({ status: 'not-applicable' }),
  unanswered: UNANSWERED,
};
