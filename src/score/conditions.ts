// Evaluates the structured conditions of the questionnaire format (gates,
// pilots, conditional questions). Conditions are data; this is the only
// interpreter. Semantics (documented in docs/questionnaire-format.md):
// - a leaf with several comparisons holds only if all of them hold;
// - a missing score (no data) or an unanswered question makes value tests false;
// - `answered: false` holds for don't-know, n/a, unanswered and hidden questions.
import type { Answer, AnswerValue } from '../model/answers.js';
import type { Condition, OptionValue } from '../model/questionnaire.js';

export interface ConditionContext {
  /** Dimension scores 0..100 (null: no data). Empty while answering questions. */
  dimensions: Record<string, number | null>;
  overall: number | null;
  /** Answers so far, by question id. For several respondents, a representative answer (see score). */
  answers: Record<string, Answer | undefined>;
}

interface Comparisons {
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
}

export function compare(value: number | null | undefined, c: Comparisons): boolean {
  if (value === null || value === undefined || Number.isNaN(value)) return false;
  if (c.lt !== undefined && !(value < c.lt)) return false;
  if (c.lte !== undefined && !(value <= c.lte)) return false;
  if (c.gt !== undefined && !(value > c.gt)) return false;
  if (c.gte !== undefined && !(value >= c.gte)) return false;
  return true;
}

const same = (a: OptionValue, b: OptionValue) => String(a).toLowerCase() === String(b).toLowerCase();

function asList(value: AnswerValue): OptionValue[] {
  return Array.isArray(value) ? value : [value];
}

export function evaluateCondition(condition: Condition, ctx: ConditionContext): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, ctx));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, ctx));
  if ('not' in condition) return !evaluateCondition(condition.not, ctx);
  if ('dimension' in condition) return compare(ctx.dimensions[condition.dimension], condition);
  if ('overall' in condition) return compare(ctx.overall, condition);

  const answer = ctx.answers[condition.question];
  const answered = answer?.status === 'answered';
  if (condition.answered !== undefined && condition.answered !== answered) return false;
  const valueTests =
    condition.equals !== undefined ||
    condition.in !== undefined ||
    condition.includes !== undefined ||
    condition.countAtLeast !== undefined ||
    condition.lt !== undefined ||
    condition.lte !== undefined ||
    condition.gt !== undefined ||
    condition.gte !== undefined;
  if (!valueTests) return true;
  if (!answer || answer.status !== 'answered') return false;
  const values = asList(answer.value);
  if (condition.equals !== undefined && !(values.length === 1 && same(values[0]!, condition.equals))) return false;
  if (condition.in !== undefined && !values.some((v) => condition.in!.some((w) => same(v, w)))) return false;
  if (condition.includes !== undefined && !values.some((v) => same(v, condition.includes!))) return false;
  if (condition.countAtLeast !== undefined && !(values.length >= condition.countAtLeast)) return false;
  if (condition.lt !== undefined || condition.lte !== undefined || condition.gt !== undefined || condition.gte !== undefined) {
    const n = typeof answer.value === 'number' ? answer.value : Number.NaN;
    if (!compare(n, condition)) return false;
  }
  return true;
}

/** Question ids a condition refers to (for ordering checks and for hiding dependants). */
export function referencedQuestions(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(referencedQuestions);
  if ('any' in condition) return condition.any.flatMap(referencedQuestions);
  if ('not' in condition) return referencedQuestions(condition.not);
  if ('question' in condition) return [condition.question];
  return [];
}

/** Dimension ids a condition refers to. */
export function referencedDimensions(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(referencedDimensions);
  if ('any' in condition) return condition.any.flatMap(referencedDimensions);
  if ('not' in condition) return referencedDimensions(condition.not);
  if ('dimension' in condition) return [condition.dimension];
  return [];
}
