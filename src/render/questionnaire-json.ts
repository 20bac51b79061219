// The normalized questionnaire that `readiness show --json` prints, and small
// pure helpers shared by the guide and the answers template: allowed answers
// with their final scores, and conditions in plain words.
import type { Condition, OptionValue, Question, Questionnaire } from '../model/questionnaire.js';
import { boxRuleOf, isScored, optionsOf } from '../score/item.js';

/** An allowed answer with its score in 0..1 after reverse-coding (undefined when the question is unscored). */
export interface AllowedAnswer {
  value: OptionValue;
  label: string;
  score?: number;
  exclusive?: boolean;
}

/** Rounded so that 1 - 0.7 prints as 0.3, not 0.30000000000000004. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The allowed answers of a likert / single / multiple / yesno question, with
 * scores normalized after reverse-coding; undefined for number and text.
 * Multiple choice: each option's own contribution (the question's score is the
 * capped sum of the chosen ones, reversed afterwards when `reverse` is set).
 */
export function allowedAnswers(q: Questionnaire, question: Question): AllowedAnswer[] | undefined {
  const flip = (s: number | undefined) => (s === undefined ? undefined : tidy(question.reverse && question.type !== 'multiple' ? 1 - s : s));
  if (question.type === 'yesno') {
    return [
      { value: 'yes', label: 'Yes', score: flip(1)! },
      { value: 'no', label: 'No', score: flip(0)! },
    ];
  }
  if (question.type === 'number' || question.type === 'text') return undefined;
  return optionsOf(q, question)?.map((o) => ({
    value: o.value,
    label: o.label,
    ...(o.score !== undefined ? { score: flip(o.score)! } : {}),
    ...(o.exclusive ? { exclusive: true } : {}),
  }));
}

/** Dimensions in display order: `order` when given, else their position (stable). */
export function orderedDimensions(q: Questionnaire): Questionnaire['dimensions'] {
  return q.dimensions
    .map((d, index) => ({ d, index, key: d.order ?? index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ d }) => d);
}

/** Levels from lowest to highest. */
export function orderedLevels(q: Questionnaire): Questionnaire['levels'] {
  return [...q.levels].sort((a, b) => a.min - b.min);
}

/** The questionnaire as other tools should consume it: defaults applied, allowed answers spelled out. */
export function normalizeForJson(q: Questionnaire) {
  return {
    id: q.id,
    title: q.title,
    version: q.version,
    description: q.description,
    minutes: q.minutes,
    // the scoring extensions appear only when a questionnaire uses them
    ...(q.minCoverage !== undefined ? { minCoverage: q.minCoverage } : {}),
    ...(q.lowCoverage !== undefined ? { lowCoverage: q.lowCoverage } : {}),
    ...(q.barrierPoint === false ? { barrierPoint: false } : {}),
    ...(q.display ? { display: q.display } : {}),
    dimensions: orderedDimensions(q).map((d, position) => ({
      id: d.id,
      title: d.title,
      description: d.description,
      why: d.why ?? null,
      weight: d.weight,
      order: position + 1,
      threshold: d.threshold,
      findings: d.findings,
      ...(d.minCoverage !== undefined ? { minCoverage: d.minCoverage } : {}),
      ...(d.aggregate ? { aggregate: d.aggregate } : {}),
      ...(d.display ? { display: d.display } : {}),
      ...(d.inOverall !== undefined ? { inOverall: d.inOverall } : {}),
      questions: q.questions.filter((x) => x.dimension === d.id).map((x) => x.id),
    })),
    questions: q.questions.map((question) => {
      const scored = isScored(q, question);
      const options = allowedAnswers(q, question);
      return {
        id: question.id,
        dimension: question.dimension,
        type: question.type,
        text: question.text,
        help: question.help ?? null,
        scored,
        weight: question.weight,
        reverse: question.reverse,
        required: question.required,
        allowDontKnow: question.allowDontKnow,
        allowNotApplicable: question.allowNotApplicable,
        when: question.when ?? null,
        ...(boxRuleOf(q, question) ? { aggregate: boxRuleOf(q, question) } : {}),
        ...(question.scale ? { scale: question.scale } : {}),
        ...(options ? { options } : {}),
        ...(question.type === 'multiple'
          ? { combine: `sum of the chosen options' scores, capped at 1${question.reverse ? ', then reversed (1 - score)' : ''}` }
          : {}),
        ...(question.type === 'number'
          ? {
              min: question.min ?? null,
              max: question.max ?? null,
              unit: question.unit ?? null,
              scoring: question.scoring ? { ...question.scoring, reversed: question.reverse } : null,
            }
          : {}),
      };
    }),
    levels: orderedLevels(q),
    gates: q.gates,
    pilots: q.pilots,
  };
}
export type NormalizedQuestionnaire = ReturnType<typeof normalizeForJson>;

// ---------------------------------------------------------------------------
// Conditions in words
// ---------------------------------------------------------------------------

const COMPARISON_WORDS = { lt: 'below', lte: 'at most', gt: 'above', gte: 'at least' } as const;

function comparisons(c: { lt?: number; lte?: number; gt?: number; gte?: number }): string {
  return (Object.keys(COMPARISON_WORDS) as Array<keyof typeof COMPARISON_WORDS>)
    .filter((k) => c[k] !== undefined)
    .map((k) => `${COMPARISON_WORDS[k]} ${c[k]}`)
    .join(' and ');
}

/** A condition in plain words, e.g. `"Leadership support" score below 40 and lead-budget is "Yes"`. */
export function describeCondition(condition: Condition, q: Questionnaire): string {
  const wrap = (c: Condition) => {
    const text = describeCondition(c, q);
    return 'all' in c || 'any' in c ? `(${text})` : text;
  };
  if ('all' in condition) return condition.all.map(wrap).join(' and ');
  if ('any' in condition) return condition.any.map(wrap).join(' or ');
  if ('not' in condition) return `not (${describeCondition(condition.not, q)})`;
  if ('dimension' in condition) {
    const title = q.dimensions.find((d) => d.id === condition.dimension)?.title ?? condition.dimension;
    return `"${title}" score ${comparisons(condition)}`;
  }
  if ('overall' in condition) return `overall score ${comparisons(condition)}`;

  const question = q.questions.find((x) => x.id === condition.question);
  const options = question ? allowedAnswers(q, question) : undefined;
  const name = (v: OptionValue) => {
    const o = options?.find((x) => String(x.value).toLowerCase() === String(v).toLowerCase());
    return `"${o ? o.label : String(v)}"`;
  };
  const parts: string[] = [];
  if (condition.equals !== undefined) parts.push(`is ${name(condition.equals)}`);
  if (condition.in !== undefined) parts.push(`is ${condition.in.map(name).join(' or ')}`);
  if (condition.includes !== undefined) parts.push(`includes ${name(condition.includes)}`);
  if (condition.countAtLeast !== undefined) parts.push(`has at least ${condition.countAtLeast} choice${condition.countAtLeast === 1 ? '' : 's'}`);
  const cmp = comparisons(condition);
  if (cmp) parts.push(`is ${cmp}`);
  if (condition.answered !== undefined) parts.push(condition.answered ? 'is answered' : 'is not answered');
  return `${condition.question} ${parts.join(' and ')}`.trim();
}
