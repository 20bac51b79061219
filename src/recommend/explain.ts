// Plain-words explanations of why a condition holds: walks the condition tree
// and describes the leaves that decided it ("Culture of collaboration scored
// 38/100 (below 50)"). Used for pilot reasons and "not yet" blockers.
import type { Answer } from '../model/answers.js';
import type { Condition, DimensionTest, OptionValue, OverallTest, Question, QuestionTest, Questionnaire } from '../model/questionnaire.js';
import { evaluateCondition, type ConditionContext } from '../score/conditions.js';
import { findOption, optionsOf, STATUS_LABELS, valueLabel } from '../score/item.js';
import { showNumber } from '../render/score-display.js';

export interface ExplainSource {
  questionnaire: Questionnaire;
  ctx: ConditionContext;
  /** How many respondents stand behind the answers (several: answers are the most common / median). */
  respondents: number;
  /** Name each dimension's own threshold beside its score (pilot reasons; blockers stay short). */
  thresholds?: boolean;
}

export interface Because {
  text: string;
  /** For score tests that hold: how far the score is past the bound, in points (0 otherwise). */
  margin: number;
}

type Comparisons = Pick<DimensionTest, 'lt' | 'lte' | 'gt' | 'gte'>;
const COMPARISONS = ['lt', 'lte', 'gt', 'gte'] as const;
const PHRASE = { lt: 'below', lte: 'at most', gt: 'above', gte: 'at least' } as const;

function holds(op: (typeof COMPARISONS)[number], value: number, bound: number): boolean {
  return op === 'lt' ? value < bound : op === 'lte' ? value <= bound : op === 'gt' ? value > bound : value >= bound;
}

function comparisonPhrases(c: Comparisons, value: number, want: boolean): string[] {
  return COMPARISONS.filter((op) => c[op] !== undefined && holds(op, value, c[op]!) === want).map((op) => `${PHRASE[op]} ${String(c[op]!)}`);
}

/** The bounds a score is tested against: its printed form must stand on the same side of each. */
function bounds(c: Comparisons): number[] {
  return COMPARISONS.filter((op) => c[op] !== undefined).map((op) => c[op]!);
}

function margin(c: Comparisons, value: number): number {
  const distances = COMPARISONS.filter((op) => c[op] !== undefined).map((op) =>
    op === 'lt' || op === 'lte' ? c[op]! - value : value - c[op]!,
  );
  return distances.length > 0 ? Math.max(0, Math.min(...distances)) : 0;
}

function describeScore(title: string, score: number | null | undefined, c: Comparisons, want: boolean, threshold?: number): Because {
  if (score === null || score === undefined) return { text: `${title} has no score (no scored answers)`, margin: 0 };
  const atThreshold = (phrase: string) => (threshold !== undefined && phrase.endsWith(` ${String(threshold)}`) ? phrase.replace(/ (\S+)$/u, ' its threshold of $1') : phrase);
  const phrases = comparisonPhrases(c, score, want).map(atThreshold);
  const detail = phrases.length > 0 ? ` (${want ? '' : 'not '}${phrases.join(' and ')})` : '';
  // the dimension's own threshold, when no bound of the test is it: the reader sees how far from "ready" it is
  const own = threshold !== undefined && !bounds(c).includes(threshold) ? `; its threshold is ${String(threshold)}` : '';
  const shownAgainst = threshold !== undefined ? [...bounds(c), threshold] : bounds(c);
  return { text: `${title} scored ${showNumber(score, shownAgainst)}/100${detail}${own}`, margin: want ? margin(c, score) : 0 };
}

/** A client's note or text answer, on one line and quoted, cut at a word when long. */
function theirWords(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const cut = line.length <= 200 ? line : `${line.slice(0, 200).replace(/\s+\S*$/u, '')}…`;
  return `“${cut}”`;
}

const quote = (text: string) => `"${text}"`;

function optionLabel(questionnaire: Questionnaire, question: Question, value: OptionValue): string {
  if (question.type === 'yesno') return String(value).toLowerCase() === 'yes' ? 'Yes' : String(value).toLowerCase() === 'no' ? 'No' : String(value);
  return findOption(optionsOf(questionnaire, question) ?? [], value)?.label ?? String(value);
}

function answerPhrase(src: ExplainSource, question: Question, answer: Answer | undefined): string {
  const several = src.respondents > 1;
  if (!answer) return `${quote(question.text)} was not asked`;
  if (answer.status !== 'answered') return `no answer (${STATUS_LABELS[answer.status]}) to ${quote(question.text)}`;
  if (question.type === 'text') return several ? `${quote(question.text)} was answered` : `${quote(question.text)} was answered: ${theirWords(String(answer.value))}`;
  const label = valueLabel(src.questionnaire, question, answer.value) ?? String(answer.value);
  if (question.type === 'number') return `${several ? 'median ' : ''}${label} for ${quote(question.text)}`;
  if (question.type === 'multiple') return `${several ? 'chosen by most respondents' : 'chosen'}: ${label} for ${quote(question.text)}`;
  return `${several ? 'most common answer' : 'answer'} ${quote(label)} to ${quote(question.text)}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function describeQuestion(src: ExplainSource, test: QuestionTest, want: boolean): Because {
  const question = src.questionnaire.questions.find((q) => q.id === test.question);
  if (!question) return { text: `question ${test.question} ${want ? 'matched' : 'did not match'}`, margin: 0 };
  const answer = src.ctx.answers[test.question];
  const several = src.respondents > 1;
  const chosen = answer?.status === 'answered' ? (Array.isArray(answer.value) ? answer.value : [answer.value]) : [];
  const about = quote(question.text);

  if (test.countAtLeast !== undefined && answer?.status === 'answered') {
    const n = chosen.length;
    const bound = want ? `at least ${test.countAtLeast}` : `fewer than ${test.countAtLeast}`;
    // the options themselves, in the questionnaire's words: the departments or people they named
    const named = want && n > 0 ? `: ${chosen.map((v) => quote(optionLabel(src.questionnaire, question, v))).join(', ')}` : '';
    return { text: `${n} ${n === 1 ? 'option' : 'options'} chosen${several ? ' by most respondents' : ''} for ${about} (${bound})${named}`, margin: 0 };
  }
  if (test.includes !== undefined && answer?.status === 'answered') {
    const label = quote(optionLabel(src.questionnaire, question, test.includes));
    return { text: `${label} ${want ? '' : 'not '}chosen${several ? ' by most respondents' : ''} for ${about}`, margin: 0 };
  }
  let text = capitalize(answerPhrase(src, question, answer));
  const value = answer?.status === 'answered' && typeof answer.value === 'number' ? answer.value : undefined;
  if (value !== undefined) {
    const phrases = comparisonPhrases(test, value, want);
    if (phrases.length > 0) text += ` (${want ? '' : 'not '}${phrases.join(' and ')})`;
  }
  if (!want && answer?.status === 'answered') {
    if (test.equals !== undefined) text += ` (not ${quote(optionLabel(src.questionnaire, question, test.equals))})`;
    else if (test.in !== undefined) text += ` (none of ${test.in.map((v) => quote(optionLabel(src.questionnaire, question, v))).join(', ')})`;
  }
  // their own words beside the answer that decided it
  if (answer?.note !== undefined && answer.note.trim() !== '') text += `; their note: ${theirWords(answer.note)}`;
  return { text, margin: 0 };
}

function describeLeaf(src: ExplainSource, condition: DimensionTest | OverallTest | QuestionTest, want: boolean): Because {
  if ('dimension' in condition) {
    const dimension = src.questionnaire.dimensions.find((d) => d.id === condition.dimension);
    return describeScore(dimension?.title ?? condition.dimension, src.ctx.dimensions[condition.dimension], condition, want, src.thresholds === true ? dimension?.threshold : undefined);
  }
  if ('overall' in condition) return describeScore('Overall readiness', src.ctx.overall, condition, want);
  return describeQuestion(src, condition, want);
}

function walk(src: ExplainSource, condition: Condition, want: boolean): Because[] {
  if ('not' in condition) return walk(src, condition.not, !want);
  if ('all' in condition || 'any' in condition) {
    const children = 'all' in condition ? condition.all : condition.any;
    // all=true and any=false need every child; all=false and any=true only the children that decided it
    const everyChild = ('all' in condition) === want;
    const deciding = everyChild ? children : children.filter((c) => evaluateCondition(c, src.ctx) === want);
    return deciding.flatMap((c) => walk(src, c, want));
  }
  return [describeLeaf(src, condition, want)];
}

/** Why `condition` holds (or, with want=false, why it does not): one entry per deciding leaf, duplicates removed. */
export function explainCondition(condition: Condition, src: ExplainSource, want = true): Because[] {
  const seen = new Set<string>();
  const out: Because[] = [];
  for (const because of walk(src, condition, want)) {
    if (seen.has(because.text)) continue;
    seen.add(because.text);
    out.push({ text: because.text, margin: because.margin });
  }
  return out;
}
