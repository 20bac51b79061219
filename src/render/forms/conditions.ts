// A question's `when` condition, written in a form tool's expression language
// (XLSForm `relevant`, LimeSurvey ExpressionScript `relevance`, SurveyJS
// `visibleIf`). One translator for all three: each tool supplies a dialect of
// small writers; the meaning follows src/score/conditions.ts exactly:
// - value tests hold only for a real answer (not blank, don't know or n/a);
// - `equals` on multiple choice means exactly that one choice;
// - comparisons on a question with options hold for the options whose numeric
//   value passes them, so they are written as a list of those options.
// What a tool cannot express (dimension and overall scores, texts it cannot
// quote) is returned as a reason, never dropped silently. Pure.
import type { Condition, OptionValue, Question, QuestionTest, Questionnaire } from '../../model/questionnaire.js';
import { optionsOf } from '../../score/item.js';

/** How one form tool writes the pieces of a condition. Every writer returns an expression, or undefined when it cannot. */
export interface Dialect {
  /** The tool's name, for messages. */
  tool: string;
  and(parts: string[]): string;
  or(parts: string[]): string;
  not(part: string): string;
  /** Constant false (a test no answer can pass). */
  never: string;
  /** The question holds a real answer (not blank, don't know or n/a). */
  answered(q: Question): string;
  /** Single choice, yes/no: the answer is this option value (`yes`/`no` for yes/no). */
  isOption(q: Question, value: OptionValue): string | undefined;
  /** Multiple choice: this option is ticked. */
  ticked(q: Question, value: OptionValue): string | undefined;
  /** Multiple choice: exactly this one option is ticked. */
  onlyTicked(q: Question, value: OptionValue): string | undefined;
  /** Multiple choice: at least n options are ticked. */
  countAtLeast(q: Question, n: number): string | undefined;
  /** Number: compares the value. */
  compare(q: Question, op: '<' | '<=' | '>' | '>=' | '=', n: number): string | undefined;
  /** Text: equals this text. */
  textEquals(q: Question, text: string): string | undefined;
}

export interface Translated {
  /** The expression; undefined when the question has no condition or the tool cannot express it. */
  expression?: string;
  /** Why the condition could not be written (then the question is always shown). */
  problem?: string;
}

class Inexpressible extends Error {}

const same = (a: OptionValue, b: OptionValue) => String(a).toLowerCase() === String(b).toLowerCase();

/**
 * Writes a question's `when` in a form tool's expression language.
 * Returns `{}` without a condition, `{ expression }` when it can be written, and
 * `{ problem }` (a sentence) when any part of it cannot, so that the caller
 * reports it: a partly written condition would show or hide the question for the
 * wrong respondents.
 */
export function translateCondition(condition: Condition | undefined, questionnaire: Questionnaire, dialect: Dialect): Translated {
  if (!condition) return {};
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const need = (e: string | undefined, what: string): string => {
    if (e === undefined) throw new Inexpressible(what);
    return e;
  };
  const walk = (c: Condition): string => {
    if ('all' in c) return dialect.and(c.all.map(walk));
    if ('any' in c) return dialect.or(c.any.map(walk));
    if ('not' in c) return dialect.not(walk(c.not));
    if ('dimension' in c) throw new Inexpressible(`it tests the score of dimension ${c.dimension}, which exists only after scoring`);
    if ('overall' in c) throw new Inexpressible('it tests the overall score, which exists only after scoring');
    const q = byId.get(c.question);
    if (!q) throw new Inexpressible(`it refers to question ${c.question}, which the questionnaire does not have`);
    return leaf(c, q);
  };
  const leaf = (c: QuestionTest, q: Question): string => {
    const parts: string[] = [];
    if (c.answered !== undefined) parts.push(c.answered ? dialect.answered(q) : dialect.not(dialect.answered(q)));
    const options = optionsOf(questionnaire, q);
    const choiceValues: OptionValue[] | undefined = q.type === 'yesno' ? ['yes', 'no'] : options?.map((o) => o.value);
    const comparisons = (['lt', 'lte', 'gt', 'gte'] as const).filter((k) => c[k] !== undefined);
    const ops = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
    const passes = (v: OptionValue) => typeof v === 'number' && comparisons.every((k) => (k === 'lt' ? v < c.lt! : k === 'lte' ? v <= c.lte! : k === 'gt' ? v > c.gt! : v >= c.gte!));

    if (q.type === 'multiple' && choiceValues) {
      const known = (v: OptionValue) => choiceValues.find((w) => same(v, w));
      if (c.equals !== undefined) {
        const v = known(c.equals);
        parts.push(v === undefined ? dialect.never : need(dialect.onlyTicked(q, v), `${dialect.tool} cannot quote the choice "${c.equals}"`));
      }
      for (const list of [c.in, c.includes === undefined ? undefined : [c.includes]]) {
        if (!list) continue;
        const values = choiceValues.filter((w) => list.some((v) => same(v, w)));
        parts.push(values.length === 0 ? dialect.never : dialect.or(values.map((v) => need(dialect.ticked(q, v), `${dialect.tool} cannot quote the choice "${v}"`))));
      }
      if (c.countAtLeast !== undefined) {
        parts.push(c.countAtLeast === 0 ? dialect.answered(q) : need(dialect.countAtLeast(q, c.countAtLeast), `${dialect.tool} cannot count choices`));
      }
      // an answer of several choices has no numeric value: comparisons never hold
      if (comparisons.length > 0) parts.push(dialect.never);
    } else if (choiceValues) {
      // single choice, likert, yes/no: the answer is one value, so every test is a set of values
      let allowed = choiceValues;
      let tested = false;
      if (c.equals !== undefined) (tested = true), (allowed = allowed.filter((w) => same(w, c.equals!)));
      if (c.in !== undefined) (tested = true), (allowed = allowed.filter((w) => c.in!.some((v) => same(v, w))));
      if (c.includes !== undefined) (tested = true), (allowed = allowed.filter((w) => same(w, c.includes!)));
      if (c.countAtLeast !== undefined && c.countAtLeast > 1) (tested = true), (allowed = []);
      else if (c.countAtLeast !== undefined) tested = true;
      if (comparisons.length > 0) (tested = true), (allowed = allowed.filter(passes));
      if (tested) {
        parts.push(
          allowed.length === 0
            ? dialect.never
            : allowed.length === choiceValues.length
              ? dialect.answered(q)
              : dialect.or(allowed.map((v) => need(dialect.isOption(q, v), `${dialect.tool} cannot quote the answer "${v}"`))),
        );
      }
    } else if (q.type === 'number') {
      const tests: [('<' | '<=' | '>' | '>=' | '='), number][] = comparisons.map((k) => [ops[k], c[k]!]);
      const numbers = (list: OptionValue[]) => list.map(Number).filter((n) => Number.isFinite(n));
      const sets: number[][] = [];
      if (c.equals !== undefined) sets.push(numbers([c.equals]));
      if (c.in !== undefined) sets.push(numbers(c.in));
      if (c.includes !== undefined) sets.push(numbers([c.includes]));
      for (const set of sets) {
        parts.push(set.length === 0 ? dialect.never : dialect.or(set.map((n) => need(dialect.compare(q, '=', n), `${dialect.tool} cannot compare numbers`))));
      }
      for (const [op, n] of tests) parts.push(need(dialect.compare(q, op, n), `${dialect.tool} cannot compare numbers`));
      if (c.countAtLeast !== undefined) parts.push(c.countAtLeast > 1 ? dialect.never : dialect.answered(q));
    } else {
      // text
      const sets: OptionValue[][] = [];
      if (c.equals !== undefined) sets.push([c.equals]);
      if (c.in !== undefined) sets.push(c.in);
      if (c.includes !== undefined) sets.push([c.includes]);
      for (const set of sets) {
        parts.push(dialect.or(set.map((t) => need(dialect.textEquals(q, String(t)), `${dialect.tool} cannot quote the text "${t}"`))));
      }
      if (c.countAtLeast !== undefined) parts.push(c.countAtLeast > 1 ? dialect.never : dialect.answered(q));
      if (comparisons.length > 0) parts.push(dialect.never);
    }
    // a leaf that names a question and tests nothing always holds
    if (parts.length === 0) return dialect.not(dialect.never);
    return parts.length === 1 ? parts[0]! : dialect.and(parts);
  };
  try {
    return { expression: walk(condition) };
  } catch (error) {
    if (error instanceof Inexpressible) return { problem: error.message };
    throw error;
  }
}

/** Joins parts with an operator, each in brackets when there are several. */
export function joinParts(parts: string[], op: string): string {
  if (parts.length === 1) return parts[0]!;
  return parts.map((p) => `(${p})`).join(` ${op} `);
}
