// One respondent's answers, checked against the questionnaire: which questions
// were shown to them, each item's score, and their own dimension scores.
// types only: the model module holds the answers file's schema (zod), which scoring never loads
import type { Answer, AnswerValue, Response } from '../model/answers.js';
import type { Aggregate, Option, Question, Questionnaire } from '../model/questionnaire.js';
import { evaluateCondition, referencedQuestions, type ConditionContext } from './conditions.js';
import { boxRuleOf, boxScore, canonicalValue, findOption, isScored, itemScore, optionsOf } from './item.js';
import { dimensionScoreInto, minCoverageOf, type DimensionTotals } from './dimension.js';

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
    /** The question's id, condition and required flag: read per respondent, kept here where every entry has one shape. */
    id: string;
    when: Question['when'];
    required: boolean;
    options: readonly Option[] | undefined;
    scored: boolean;
    /** A top-box or net rule (scores come from it, not from option scores). */
    box: Aggregate | undefined;
    referenced: boolean;
    scratch: DimensionScratch | undefined;
    /**
     * Answer value (text or number as given) -> its canonical value, item score and option
     * index: a pure function of the value, so worked out once per distinct value (a survey
     * repeats a few labels over many rows). Bounded by KNOWN_VALUES.
     */
    known: Map<string | number, KnownValue>;
    /** The first few of `known`, compared directly (quicker than hashing for a scale's few values). */
    firstValues: (string | number)[];
    firstKnown: KnownValue[];
  }[];
  /** Per dimension, one scratch entry per scored question, overwritten for every respondent. */
  dimensions: { id: string; minCoverage: number; scratch: DimensionScratch[] }[];
  /**
   * What conditions see of the answers so far, reused for every respondent:
   * every referenced question is written before any later `when` reads it.
   */
  seen: Record<string, Answer | undefined>;
  ctx: ConditionContext;
  /** Reused for every dimension of every respondent (the sink receives its fields, not the object). */
  totals: DimensionTotals;
}

/** What scoring makes of one answer value of one question. */
interface KnownValue {
  value: AnswerValue;
  score: number | null;
  /** Index of the chosen option (first option with that value), -1 when not a single choice. */
  option: number;
}

/** Distinct answer values remembered per question; beyond this (numbers, free text) each is worked out again. */
const KNOWN_VALUES = 256;
/** Of those, compared one by one before the map is asked. */
const FIRST_VALUES = 8;

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
        id: question.id,
        when: question.when,
        required: question.required === true,
        options: question.type === 'yesno' || question.type === 'number' || question.type === 'text' ? undefined : optionsOf(questionnaire, question),
        scored,
        box: boxRuleOf(questionnaire, question),
        referenced: referenced.has(question.id),
        scratch: scored ? { weight: question.weight, status: 'unanswered' as ItemStatus, score: null as number | null } : undefined,
        known: new Map<string | number, KnownValue>(),
        firstValues: [] as (string | number)[],
        firstKnown: [] as KnownValue[],
      };
    });
    const dimensions = questionnaire.dimensions.map((d) => ({
      id: d.id,
      minCoverage: minCoverageOf(questionnaire, d),
      scratch: questions.flatMap((q) => (q.scratch && q.question.dimension === d.id ? [q.scratch] : [])),
    }));
    const seen: Record<string, Answer | undefined> = {};
    plan = { questions, dimensions, seen, ctx: { dimensions: {}, overall: null, answers: seen }, totals: { score: null, answered: 0, asked: 0 } };
    plans.set(questionnaire, plan);
  }
  return plan;
}

/**
 * Receives one item of a respondent (question index in questionnaire order). `option` is the
 * index of the chosen option of a likert/single answer (the first option with that value),
 * -1 otherwise (multiple choice, yes/no, number, text, not answered).
 */
export type ItemSink = (index: number, status: ItemStatus, value: AnswerValue | undefined, score: number | null, note: string | undefined, option: number) => void;
/** Receives one dimension of a respondent (questionnaire order, `index` its position there), as in RespondentDimension. */
export type DimensionSink = (id: string, score: number | null, answered: number, asked: number, index: number) => void;

/** A Response's answers by question index (what `answers[id]` gives for each question, in order). */
export function answersByIndex(questions: readonly { id: string }[], answers: Record<string, Answer>): (Answer | undefined)[] {
  const out = new Array<Answer | undefined>(questions.length);
  for (let i = 0; i < questions.length; i++) out[i] = answers[questions[i]!.id];
  return out;
}

/**
 * scoreRespondent without building its result: each item and dimension is
 * handed to a sink (the aggregation adds them to its counts directly, which
 * matters at 100,000 survey rows). Returns whether a required question that
 * was shown stayed unanswered.
 */
export function scoreRespondentInto(questionnaire: Questionnaire, response: Response, onItem: ItemSink, onDimension: DimensionSink): boolean {
  return scoreAnswersInto(questionnaire, answersByIndex(questionnaire.questions, response.answers), response.notAsked, onItem, onDimension);
}

/**
 * scoreRespondentInto over answers by question index (`answers[i]` answers
 * questionnaire.questions[i]; undefined is unanswered), as a survey's loader
 * hands them over: no lookup by id per question and respondent.
 */
export function scoreAnswersInto(
  questionnaire: Questionnaire,
  answers: readonly (Answer | undefined)[],
  notAsked: ReadonlySet<string> | undefined,
  onItem: ItemSink,
  onDimension: DimensionSink,
): boolean {
  const plan = planOf(questionnaire);
  const { seen, ctx } = plan;
  // nothing of the previous respondent may show through (a `when` on a later question is refused by the loader, but still)
  for (const id in seen) seen[id] = undefined;
  let missingRequired = false;
  for (let i = 0; i < plan.questions.length; i++) {
    const entry = plan.questions[i]!;
    const { id, referenced, scratch } = entry;
    // never asked (another questionnaire, a survey without its column) counts like a question hidden by its condition
    const visible = (notAsked === undefined || !notAsked.has(id)) && (!entry.when || evaluateCondition(entry.when, ctx));
    if (!visible) {
      if (referenced) seen[id] = undefined;
      if (scratch) {
        scratch.status = 'hidden';
        scratch.score = null;
      }
      onItem(i, 'hidden', undefined, null, undefined, -1);
      continue;
    }
    const answer: Answer = answers[i] ?? UNANSWERED;
    const note = answer.note !== undefined && answer.note.trim() !== '' ? answer.note : undefined;
    let value: AnswerValue | undefined;
    let score: number | null = null;
    let option = -1;
    if (answer.status === 'answered') {
      const given = answer.value;
      // -0 is left to the definition: the memory (=== and Map keys) would not tell it from 0
      const primitive = typeof given === 'string' || (typeof given === 'number' && (given !== 0 || 1 / given > 0));
      let known: KnownValue | undefined;
      if (primitive) {
        const first = entry.firstValues;
        for (let k = 0; k < first.length; k++) {
          if (first[k] === given) {
            known = entry.firstKnown[k];
            break;
          }
        }
        if (known === undefined && first.length === FIRST_VALUES) known = entry.known.get(given);
      }
      if (known === undefined) {
        known = scoreValue(questionnaire, entry, given);
        if (primitive && entry.known.size < KNOWN_VALUES) {
          entry.known.set(given, known);
          if (entry.firstValues.length < FIRST_VALUES) {
            entry.firstValues.push(given);
            entry.firstKnown.push(known);
          }
        }
      }
      value = known.value;
      score = known.score;
      option = known.option;
      // the loaders already give canonical values: reuse the answer instead of copying it per respondent
      if (referenced) seen[id] = value === given ? answer : { status: 'answered', value };
    } else {
      if (answer.status === 'unanswered' && entry.required) missingRequired = true;
      if (referenced) seen[id] = STATUS_ANSWERS[answer.status];
    }
    if (scratch) {
      scratch.status = answer.status;
      scratch.score = score;
    }
    onItem(i, answer.status, value, score, note, option);
  }
  const totals = plan.totals;
  const dimensions = plan.dimensions;
  for (let d = 0; d < dimensions.length; d++) {
    const { id, minCoverage, scratch } = dimensions[d]!;
    dimensionScoreInto(scratch, minCoverage, totals);
    onDimension(id, totals.score, totals.answered, totals.asked, d);
  }
  return missingRequired;
}

/** One answer value's canonical value, item score and option index (throws, like canonicalValue, for a value the question does not allow). */
function scoreValue(questionnaire: Questionnaire, entry: ScoringPlan['questions'][number], given: AnswerValue): KnownValue {
  const { question, options, scored, box } = entry;
  // likert/single: one option lookup gives both the canonical value and the score
  const found = options && question.type !== 'multiple' && !Array.isArray(given) ? findOption(options, given) : undefined;
  const value = found ? found.value : canonicalValue(questionnaire, question, given);
  let score: number | null;
  if (box) {
    score = boxScore(box, value);
  } else if (found) {
    const raw = scored ? (found.score ?? null) : null;
    score = raw === null ? null : question.reverse ? 1 - raw : raw;
  } else {
    score = itemScore(questionnaire, question, value);
  }
  let option = -1;
  if (found && options) {
    for (let k = 0; k < options.length; k++) {
      if (options[k]!.value === value) {
        option = k;
        break;
      }
    }
  }
  return { value, score, option };
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
