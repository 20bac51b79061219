// One respondent's answers, checked against the questionnaire: which questions
// were shown to them, each item's score, and their own dimension scores.
import type { Answer, AnswerValue, Response } from '../model/answers.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { evaluateCondition } from './conditions.js';
import { canonicalValue, isScored, itemScore } from './item.js';
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

const plans = new WeakMap<Questionnaire, Map<string, number[]>>();

/** Per dimension, the indexes of its scored questions (worked out once per questionnaire: surveys have many rows). */
function planOf(questionnaire: Questionnaire): Map<string, number[]> {
  let plan = plans.get(questionnaire);
  if (!plan) {
    plan = new Map(questionnaire.dimensions.map((d) => [d.id, [] as number[]]));
    questionnaire.questions.forEach((question, i) => {
      if (isScored(questionnaire, question)) plan!.get(question.dimension)?.push(i);
    });
    plans.set(questionnaire, plan);
  }
  return plan;
}

/**
 * Walks the questions in order; a question whose `when` does not hold for the
 * earlier answers is hidden (any answer to it is ignored, the loader refuses those).
 */
export function scoreRespondent(questionnaire: Questionnaire, response: Response): ScoredRespondent {
  const seen: Record<string, Answer | undefined> = {};
  const items: RespondentItem[] = [];
  let missingRequired = false;
  for (const question of questionnaire.questions) {
    const visible = !question.when || evaluateCondition(question.when, { dimensions: {}, overall: null, answers: seen });
    if (!visible) {
      seen[question.id] = undefined;
      items.push({ questionId: question.id, status: 'hidden', score: null });
      continue;
    }
    const answer: Answer = response.answers[question.id] ?? { status: 'unanswered' };
    const note = answer.note !== undefined && answer.note.trim() !== '' ? answer.note : undefined;
    const item: RespondentItem = { questionId: question.id, status: answer.status, score: null };
    if (note !== undefined) item.note = note;
    if (answer.status === 'answered') {
      const value = canonicalValue(questionnaire, question, answer.value);
      item.value = value;
      item.score = itemScore(questionnaire, question, value);
      seen[question.id] = { status: 'answered', value };
    } else {
      if (answer.status === 'unanswered' && question.required) missingRequired = true;
      seen[question.id] = { status: answer.status };
    }
    items.push(item);
  }

  const dimensions: Record<string, RespondentDimension> = {};
  for (const [dimensionId, indexes] of planOf(questionnaire)) {
    dimensions[dimensionId] = dimensionScore(
      indexes.map((i) => ({ weight: questionnaire.questions[i]!.weight, status: items[i]!.status, score: items[i]!.score })),
    );
  }
  return { items, dimensions, missingRequired };
}
