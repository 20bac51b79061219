// One answer to one question: its canonical value, its label and its
// normalized score in 0..1 (1 = most ready, after reverse-coding).
import type { AnswerValue } from '../model/answers.js';
import type { Aggregate, Option, OptionValue, Question, Questionnaire } from '../model/questionnaire.js';
import { byString } from './round.js';

/** The allowed options of a choice question (inline or from its scale); undefined for yesno/number/text. */
export function optionsOf(questionnaire: Questionnaire, question: Question): Option[] | undefined {
  if (question.options) return question.options;
  if (question.scale) return questionnaire.scales[question.scale]?.options;
  return undefined;
}

const textKey = (v: OptionValue) => String(v).trim().toLowerCase();

/** Per options list, text key -> option (values before labels, first option first); built once, used per answer. */
const optionIndexes = new WeakMap<readonly Option[], Map<string, Option>>();

function optionIndex(options: readonly Option[]): Map<string, Option> {
  let index = optionIndexes.get(options);
  if (!index) {
    index = new Map();
    for (const o of options) if (!index.has(textKey(o.label))) index.set(textKey(o.label), o);
    // a value match wins over any label match
    const byValue = new Map<string, Option>();
    for (const o of options) if (!byValue.has(textKey(o.value))) byValue.set(textKey(o.value), o);
    for (const [key, o] of byValue) index.set(key, o);
    optionIndexes.set(options, index);
  }
  return index;
}

/** An option by its value (compared as text, case-insensitive) or, failing that, by its label. */
export function findOption(options: readonly Option[], value: OptionValue): Option | undefined {
  // canonical values (what the loaders produce) are the option's own value: no text work needed
  for (const o of options) if (o.value === value) return o;
  return optionIndex(options).get(textKey(value));
}

/** Per questionnaire: each question's top-box or net rule (its own, else its dimension's); absent for a mean. */
const boxRules = new WeakMap<Questionnaire, Map<Question, Aggregate | undefined>>();

/**
 * The top-box or net rule of a question: its own `aggregate`, else its dimension's; undefined
 * for a mean (the default) and for question types a box cannot apply to (text, multiple choice).
 */
export function boxRuleOf(questionnaire: Questionnaire, question: Question): Aggregate | undefined {
  let rules = boxRules.get(questionnaire);
  if (!rules) {
    rules = new Map();
    const byDimension = new Map(questionnaire.dimensions.map((d) => [d.id, d.aggregate]));
    for (const q of questionnaire.questions) {
      const rule = q.aggregate ?? byDimension.get(q.dimension);
      rules.set(q, rule && rule.method !== 'mean' && q.type !== 'text' && q.type !== 'multiple' ? rule : undefined);
    }
    boxRules.set(questionnaire, rules);
  }
  if (rules.has(question)) return rules.get(question);
  const rule = question.aggregate ?? questionnaire.dimensions.find((d) => d.id === question.dimension)?.aggregate;
  return rule && rule.method !== 'mean' && question.type !== 'text' && question.type !== 'multiple' ? rule : undefined;
}

const inList = (list: readonly OptionValue[] | undefined, value: AnswerValue): boolean =>
  list !== undefined && !Array.isArray(value) && list.some((v) => String(v).trim().toLowerCase() === String(value).trim().toLowerCase());

/**
 * One answer under a top-box or net rule, as an item score in 0..1: top-box 1 when the value
 * is one of `high`, else 0 (so the mean is the top-box share); net 1 for `high`, 0 for `low`,
 * 0.5 otherwise (so the net score is 200 * mean - 100, on -100..100). `value` is canonical.
 */
export function boxScore(rule: Aggregate, value: AnswerValue): number {
  if (inList(rule.high, value)) return 1;
  if (rule.method === 'net') return inList(rule.low, value) ? 0 : 0.5;
  return 0;
}

/** Whether the question contributes to scores at all (text and unscored numbers do not). */
export function isScored(questionnaire: Questionnaire, question: Question): boolean {
  if (boxRuleOf(questionnaire, question)) return true;
  switch (question.type) {
    case 'text':
      return false;
    case 'number':
      return question.scoring !== undefined;
    case 'yesno':
      return true;
    default: {
      const options = optionsOf(questionnaire, question);
      return options !== undefined && options.every((o) => typeof o.score === 'number');
    }
  }
}

function unknownValue(question: Question, value: unknown): Error {
  return new Error(`Answer ${JSON.stringify(value)} is not an allowed value for question "${question.id}".`);
}

function asNumber(question: Question, value: AnswerValue): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) throw unknownValue(question, value);
  return n;
}

function yesNo(question: Question, value: AnswerValue): 'yes' | 'no' {
  const text = String(value).trim().toLowerCase();
  if (text === 'yes' || text === 'no') return text;
  throw unknownValue(question, value);
}

/** Chosen options of a multiple-choice answer, de-duplicated, in the questionnaire's option order. */
function chosenOptions(question: Question, options: readonly Option[], value: AnswerValue): Option[] {
  const picked = new Set<Option>();
  for (const v of Array.isArray(value) ? value : [value]) {
    const option = findOption(options, v);
    if (!option) throw unknownValue(question, v);
    picked.add(option);
  }
  return options.filter((o) => picked.has(o));
}

/**
 * The canonical form of a real answer: option values as written in the
 * questionnaire, "yes"/"no", numbers as numbers. Conditions and distributions
 * work on this, so an answer given by its label behaves like its value.
 */
export function canonicalValue(questionnaire: Questionnaire, question: Question, value: AnswerValue): AnswerValue {
  switch (question.type) {
    case 'yesno':
      return yesNo(question, Array.isArray(value) ? (value[0] ?? '') : value);
    case 'number':
      return asNumber(question, Array.isArray(value) ? (value[0] ?? '') : value);
    case 'text':
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
    case 'multiple':
      return chosenOptions(question, optionsOf(questionnaire, question) ?? [], value).map((o) => o.value);
    default: {
      const scalar = Array.isArray(value) && value.length === 1 ? value[0]! : value;
      if (Array.isArray(scalar)) throw unknownValue(question, value);
      const option = findOption(optionsOf(questionnaire, question) ?? [], scalar);
      if (!option) throw unknownValue(question, value);
      return option.value;
    }
  }
}

/** Score before reverse-coding, in 0..1; null when the question is unscored. */
export function rawItemScore(questionnaire: Questionnaire, question: Question, value: AnswerValue): number | null {
  if (!isScored(questionnaire, question)) return null;
  const box = boxRuleOf(questionnaire, question);
  if (box) return boxScore(box, canonicalValue(questionnaire, question, value));
  switch (question.type) {
    case 'yesno':
      return yesNo(question, Array.isArray(value) ? (value[0] ?? '') : value) === 'yes' ? 1 : 0;
    case 'number': {
      const { worst, best } = question.scoring!;
      if (best === worst) return null;
      const n = asNumber(question, Array.isArray(value) ? (value[0] ?? '') : value);
      return Math.min(1, Math.max(0, (n - worst) / (best - worst)));
    }
    case 'multiple': {
      const options = optionsOf(questionnaire, question) ?? [];
      const sum = chosenOptions(question, options, value).reduce((total, o) => total + (o.score ?? 0), 0);
      return Math.min(1, sum);
    }
    default: {
      const scalar = Array.isArray(value) && value.length === 1 ? value[0]! : value;
      if (Array.isArray(scalar)) throw unknownValue(question, value);
      const option = findOption(optionsOf(questionnaire, question) ?? [], scalar);
      if (!option) throw unknownValue(question, value);
      return option.score ?? null;
    }
  }
}

/** Normalized item score in 0..1 after reverse-coding (s' = 1 - s); null when unscored. */
export function itemScore(questionnaire: Questionnaire, question: Question, value: AnswerValue): number | null {
  const raw = rawItemScore(questionnaire, question, value);
  if (raw === null) return null;
  // a top-box or net rule names its high and low answers itself: reverse-coding does not apply
  return question.reverse && !boxRuleOf(questionnaire, question) ? 1 - raw : raw;
}

const IRREGULAR: Record<string, string> = { people: 'person', children: 'child', men: 'man', women: 'woman', staff: 'staff' };

/**
 * A unit written in the plural ("people", "hours per month") for a count of one: its first
 * word made singular ("person", "hour per month"). Units not ending in a plural are kept.
 */
export function singularUnit(unit: string): string {
  const match = /^(\S+)(.*)$/su.exec(unit);
  if (!match) return unit;
  const [, word, rest] = match as unknown as [string, string, string];
  const lower = word.toLowerCase();
  let one = word;
  if (IRREGULAR[lower] !== undefined) one = word[0] === word[0]!.toUpperCase() ? IRREGULAR[lower]!.charAt(0).toUpperCase() + IRREGULAR[lower]!.slice(1) : IRREGULAR[lower]!;
  else if (/[^aeiou]ies$/i.test(word)) one = `${word.slice(0, -3)}y`;
  else if (/(ch|sh|ss|x)es$/i.test(word)) one = word.slice(0, -2);
  else if (/[^su]s$/i.test(word)) one = word.slice(0, -1);
  return one + rest;
}

/** "12 people", "1 person", "1 hour per month" for a number with a unit. */
export function numberLabel(question: Question, n: number): string {
  if (!question.unit) return String(n);
  return `${n} ${Math.abs(n) === 1 ? singularUnit(question.unit) : question.unit}`;
}

/** The human label of a canonical value ("Agree", "Yes", "IT, Marketing", "12 people"); undefined for text. */
export function valueLabel(questionnaire: Questionnaire, question: Question, value: AnswerValue): string | undefined {
  switch (question.type) {
    case 'text':
      return undefined;
    case 'yesno':
      return yesNo(question, Array.isArray(value) ? (value[0] ?? '') : value) === 'yes' ? 'Yes' : 'No';
    case 'number':
      return numberLabel(question, asNumber(question, Array.isArray(value) ? (value[0] ?? '') : value));
    case 'multiple': {
      const chosen = chosenOptions(question, optionsOf(questionnaire, question) ?? [], value);
      return chosen.length > 0 ? chosen.map((o) => o.label).join(', ') : 'Nothing chosen';
    }
    default: {
      const scalar = Array.isArray(value) && value.length === 1 ? value[0]! : value;
      if (Array.isArray(scalar)) return undefined;
      return findOption(optionsOf(questionnaire, question) ?? [], scalar)?.label;
    }
  }
}

/** Labels shown for answers that carry no value. */
export const STATUS_LABELS = {
  'dont-know': "Don't know",
  'not-applicable': 'Not applicable',
  unanswered: 'Not answered',
  hidden: 'Not asked',
} as const;

/** Text answers in a stable order that does not depend on who answered first. */
export function sortTexts(texts: readonly string[]): string[] {
  return [...texts].sort(byString);
}
