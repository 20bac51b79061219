// Several respondents, one pass: a tally that keeps counts and running
// statistics (never every response), so 100,000 survey rows need no more
// memory than 10. One respondent is simply a tally of one, so single and
// multi-respondent results come from the same code and the same numbers.
import type { Answer, AnswerValue, IndexedResponse, Response } from '../model/answers.js';
import type { Option, Question, Questionnaire } from '../model/questionnaire.js';
import type { Count, DimensionResult, ScoredAnswer } from '../model/result.js';
import { boxRuleOf, isScored, numberLabel, optionsOf, sortTexts, STATUS_LABELS, valueLabel } from './item.js';
import { boxDisplay } from './dimension.js';
import { referencedQuestions } from './conditions.js';
import { redactPersonalData } from './personal-data.js';
import { answersByIndex, scoreAnswersInto, type DimensionSink, type ItemSink, type ItemStatus } from './respondent.js';
import { addStat, byString, clean, newStats, sdOf, type Stats } from './round.js';
import { addViewScore, createViewTally, shownViewGroups, viewKeys, type GroupRef, type ViewSpec, type ViewTally } from './views.js';

/** A question is flagged as divergent when the sd of respondents' item scores (0..1) reaches this. */
export const QUESTION_DIVERGENCE_SD = 0.3;
/** A dimension is flagged as divergent when the sd of respondents' dimension scores (0..100) reaches this. */
export const DIMENSION_DIVERGENCE_SD = 20;
/** Divergence needs at least this many respondents with a score. */
export const DIVERGENCE_MIN_RESPONDENTS = 2;
/** Default smallest group shown on its own (`--min-group`). */
export const DEFAULT_MIN_GROUP = 3;

/**
 * Free-text answers listed per question. A 100,000-row survey must not put
 * 100,000 texts into the result and report: the first this many (in input
 * order) are kept and listed sorted; the rest are only counted (textsOmitted).
 */
export const MAX_LISTED_TEXTS = 200;
/** Distinct texts counted for the representative answer; later new texts are not counted (memory stays bounded). */
export const MAX_COUNTED_TEXTS = 1000;

export const OTHER_ROLES = 'Other roles';
export const ROLE_NOT_GIVEN = 'Role not given';

/** When no one answered, the most common non-answer wins; ties go to the first in this list. */
const NON_ANSWER_PRIORITY: ItemStatus[] = ['dont-know', 'not-applicable', 'unanswered', 'hidden'];

export interface QuestionTally {
  question: Question;
  scored: boolean;
  statuses: Record<ItemStatus, number>;
  /** Item scores of those who answered (scored questions only). */
  scores: Stats;
  /** Respondents whose item score was below the midpoint (0.5): the unready side, e.g. "No". */
  below: number;
  /** likert/single/multiple: how many respondents chose each option (by option index). */
  optionCounts: number[];
  /** likert/single/multiple: the options counted ([] for the other types), looked up once. */
  options: readonly Option[];
  yes: number;
  no: number;
  /** number: how many gave each value. */
  numbers: Map<number, number>;
  /** text: the first MAX_LISTED_TEXTS texts given, in input order. */
  texts: string[];
  /** text: texts given beyond those kept in `texts`. */
  textsOmitted: number;
  /**
   * text: how often each distinct text was given (at most MAX_COUNTED_TEXTS
   * distinct texts); undefined when no gate or pilot condition reads this
   * question, as then the most common text is never used.
   */
  textCounts: Map<string, number> | undefined;
  notes: string[];
}

interface GroupSum {
  n: number;
  sum: number;
}

export interface DimensionTally {
  scores: Stats;
  answered: number;
  asked: number;
  /** Respondents' dimension scores summed per role key ("" = no role given). */
  byGroup: Map<string, GroupSum>;
}

export interface Tally {
  questionnaire: Questionnaire;
  respondents: number;
  questions: QuestionTally[];
  dimensions: Map<string, DimensionTally>;
  /** Respondents per role key ("" = no role given), with the label shown for the role. */
  roles: Map<string, { label: string; count: number }>;
  missingRequired: boolean;
  /** Names, roles, sources and segments in input order; kept only when names may be shown. */
  list?: { name?: string; role?: string; source?: string; segments?: Record<string, string> }[];
  /** Respondents per source (interviews, answers files, each survey export), in order of appearance. */
  sources: Map<string, { kind: 'interview' | 'answers' | 'survey'; count: number }>;
  /** Views by role, source and segments (absent: only the role view of perceptionGaps). */
  views?: ViewTally;
}

/** The label of a respondent's source: "Interviews", "Answers files", "Survey staff.csv". */
export function sourceLabel(origin: Response['origin']): string {
  if (!origin) return 'Answers files';
  if (origin.kind === 'interview') return 'Interviews';
  if (origin.kind === 'answers') return 'Answers files';
  const name = origin.file.slice(Math.max(origin.file.lastIndexOf('/'), origin.file.lastIndexOf('\\')) + 1);
  return `Survey ${name}`;
}

const sourceLabels = new WeakMap<object, string>();

function sourceOf(response: Pick<Response, 'origin'>): { label: string; kind: 'interview' | 'answers' | 'survey' } {
  const origin = response.origin;
  if (!origin) return { label: 'Answers files', kind: 'answers' };
  let label = sourceLabels.get(origin);
  if (label === undefined) sourceLabels.set(origin, (label = sourceLabel(origin)));
  return { label, kind: origin.kind };
}

/** A respondent's group in each view (role, source, segments), as keys and labels. */
function viewRefs(specs: readonly ViewSpec[], response: Pick<Response, 'segments'>, role: { key: string; label: string }, source: string, redact: boolean): GroupRef[] {
  return specs.map((spec) => {
    if (spec.id === 'role') return role;
    if (spec.id === 'source') return { key: source.toLowerCase(), label: source };
    let value: string | undefined;
    const segments = response.segments;
    if (segments) for (const k in segments) if (k.trim().toLowerCase() === spec.id) value = segments[k];
    const label = (redact ? redacted(value ?? '') : value ?? '').trim().replace(/\s+/g, ' ');
    return { key: label.toLowerCase(), label };
  });
}

/** Header fields (role, segments) as a report without --show-respondents shows them: e-mail addresses and phone numbers replaced; remembered per distinct text (surveys repeat a few). */
const redactedForms = new Map<string, string>();

function redacted(text: string): string {
  let out = redactedForms.get(text);
  if (out === undefined) {
    out = redactPersonalData(text);
    if (redactedForms.size < 1000) redactedForms.set(text, out);
  }
  return out;
}

function roleLabel(role: string | undefined): string {
  return (role ?? '').trim().replace(/\s+/g, ' ');
}

/** Roles group case-insensitively ("Manager" and "manager " are one group). */
export function roleKey(role: string | undefined): string {
  return roleLabel(role).toLowerCase();
}

export function createTally(questionnaire: Questionnaire, keepList: boolean, views?: ViewSpec[]): Tally {
  const conditions = [
    ...(questionnaire.gates ?? []).map((g) => g.when),
    ...(questionnaire.pilots ?? []).flatMap((p) => [p.fits, ...(p.notYet ?? []).map((b) => b.when), ...(p.variants ?? []).map((v) => v.when)]),
  ];
  const readByConditions = new Set(conditions.flatMap(referencedQuestions));
  // answers put into pilot texts ({question-id|...}) are read like conditions: the most common one
  for (const id of placeholderQuestions(questionnaire)) readByConditions.add(id);
  const tally: Tally = {
    questionnaire,
    respondents: 0,
    questions: questionnaire.questions.map((question) => ({
      question,
      scored: isScored(questionnaire, question),
      statuses: { answered: 0, 'dont-know': 0, 'not-applicable': 0, unanswered: 0, hidden: 0 },
      scores: newStats(),
      below: 0,
      optionCounts: (optionsOf(questionnaire, question) ?? []).map(() => 0),
      options: optionsOf(questionnaire, question) ?? [],
      yes: 0,
      no: 0,
      numbers: new Map(),
      texts: [],
      textsOmitted: 0,
      textCounts: question.type === 'text' && readByConditions.has(question.id) ? new Map() : undefined,
      notes: [],
    })),
    dimensions: new Map(
      questionnaire.dimensions.map((d) => [d.id, { scores: newStats(), answered: 0, asked: 0, byGroup: new Map() }]),
    ),
    roles: new Map(),
    missingRequired: false,
    sources: new Map(),
  };
  if (keepList) tally.list = [];
  if (views && views.length > 0) tally.views = createViewTally(views, questionnaire.dimensions.map((d) => d.id));
  return tally;
}

/** Counts one answered value; `option` is the chosen option's index when the scorer knows it (-1: look it up). */
function countValue(t: QuestionTally, value: AnswerValue, option: number): void {
  const q = t.question;
  if (q.type === 'text') {
    const text = String(value);
    if (t.texts.length < MAX_LISTED_TEXTS) t.texts.push(text);
    else t.textsOmitted += 1;
    const counts = t.textCounts;
    if (counts) {
      const count = counts.get(text);
      if (count !== undefined) counts.set(text, count + 1);
      else if (counts.size < MAX_COUNTED_TEXTS) counts.set(text, 1);
    }
  } else if (q.type === 'number') {
    const n = value as number;
    t.numbers.set(n, (t.numbers.get(n) ?? 0) + 1);
  } else if (q.type === 'yesno') {
    if (value === 'yes') t.yes += 1;
    else t.no += 1;
  } else {
    const options = t.options;
    if (Array.isArray(value)) {
      for (const v of value) {
        const index = options.findIndex((o) => o.value === v);
        if (index >= 0) t.optionCounts[index]! += 1;
      }
    } else if (option >= 0) {
      t.optionCounts[option]! += 1;
    } else {
      for (let index = 0; index < options.length; index++) {
        if (options[index]!.value === value) {
          t.optionCounts[index]! += 1;
          break;
        }
      }
    }
  }
}

/** A role's grouping key and shown label, remembered per distinct spelling (surveys repeat a few roles). */
const roleForms = new Map<string, { key: string; label: string }>();

function roleForm(role: string | undefined): { key: string; label: string } {
  const raw = role ?? '';
  let form = roleForms.get(raw);
  if (!form) {
    form = { key: roleKey(raw), label: roleLabel(raw) };
    if (roleForms.size < 1000) roleForms.set(raw, form);
  }
  return form;
}

/** statuses[status] += 1, with named properties (a computed key is several times slower per row). */
function countStatus(statuses: Record<ItemStatus, number>, status: ItemStatus): void {
  switch (status) {
    case 'answered':
      statuses.answered += 1;
      break;
    case 'dont-know':
      statuses['dont-know'] += 1;
      break;
    case 'not-applicable':
      statuses['not-applicable'] += 1;
      break;
    case 'unanswered':
      statuses.unanswered += 1;
      break;
    default:
      statuses.hidden += 1;
  }
}

/** The item and dimension sinks of one tally, made once; `row` holds what differs per respondent. */
interface TallySinks {
  row: { key: string; keys: string[] | undefined };
  onItem: ItemSink;
  onDimension: DimensionSink;
}

const tallySinks = new WeakMap<Tally, TallySinks>();

function sinksOf(tally: Tally): TallySinks {
  let sinks = tallySinks.get(tally);
  if (sinks) return sinks;
  const row: TallySinks['row'] = { key: '', keys: undefined };
  const questions = tally.questions;
  // the dimensions' tallies in questionnaire order (the scorer hands over each one's index)
  const dimensions = tally.questionnaire.dimensions.map((d) => tally.dimensions.get(d.id)!);
  sinks = {
    row,
    // items and dimensions go straight into the counts: nothing is built per respondent
    onItem: (index, status, value, score, note, option) => {
      const t = questions[index]!;
      countStatus(t.statuses, status);
      if (note !== undefined) t.notes.push(note);
      if (status !== 'answered' || value === undefined) return;
      countValue(t, value, option);
      if (score === null) return;
      addStat(t.scores, score);
      if (score < 0.5) t.below += 1;
    },
    onDimension: (id, score, answered, asked, index) => {
      const t = dimensions[index]!;
      t.answered += answered;
      t.asked += asked;
      if (score === null) return;
      addStat(t.scores, score);
      if (row.keys) addViewScore(tally.views!, id, row.keys, score);
      const group = t.byGroup.get(row.key);
      if (group) {
        group.n += 1;
        group.sum += score;
      } else {
        t.byGroup.set(row.key, { n: 1, sum: score });
      }
    },
  };
  tallySinks.set(tally, sinks);
  return sinks;
}

/** Adds one respondent to the tally. */
export function addResponse(tally: Tally, response: Response): void {
  addIndexedResponse(tally, { ...response, answers: answersByIndex(tally.questionnaire.questions, response.answers) });
}

/**
 * Adds one respondent whose answers are by question index (a survey row): the same
 * counts as addResponse of the same answers by id. Keeps nothing of `response` itself
 * (the loader reuses it): names and roles are strings, segments are copied.
 */
export function addIndexedResponse(tally: Tally, response: IndexedResponse): void {
  // without --show-respondents (no list kept) a role or segment typed as an address is not shown either
  const redact = tally.list === undefined;
  const roleRef = redact ? roleForm(response.role === undefined ? undefined : redacted(response.role)) : roleForm(response.role);
  const { key, label } = roleRef;
  const source = sourceOf(response);
  const views = tally.views;
  const sinks = sinksOf(tally);
  sinks.row.key = key;
  sinks.row.keys = views ? viewKeys(views, viewRefs(views.specs, response, roleRef, source.label, redact)) : undefined;
  const missingRequired = scoreAnswersInto(tally.questionnaire, response.answers, response.notAsked, sinks.onItem, sinks.onDimension);
  tally.respondents += 1;
  if (missingRequired) tally.missingRequired = true;

  const role = tally.roles.get(key);
  if (role) {
    role.count += 1;
    if (label !== role.label && byString(label, role.label) < 0) role.label = label; // stable label whatever the input order
  } else {
    tally.roles.set(key, { label, count: 1 });
  }
  const counted = tally.sources.get(source.label);
  if (counted) counted.count += 1;
  else tally.sources.set(source.label, { kind: source.kind, count: 1 });
  if (tally.list) {
    const entry: { name?: string; role?: string; source?: string; segments?: Record<string, string> } = {};
    if (response.respondent) entry.name = response.respondent;
    if (response.role) entry.role = response.role;
    if (response.source) entry.source = response.source;
    if (response.segments && Object.keys(response.segments).length > 0) entry.segments = { ...response.segments };
    tally.list.push(entry);
  }
}

/** The non-answer shared by most respondents (only used when nobody answered). */
function commonNonAnswer(t: QuestionTally): Exclude<ItemStatus, 'answered'> {
  let best: Exclude<ItemStatus, 'answered'> = 'hidden';
  let bestCount = -1;
  for (const status of NON_ANSWER_PRIORITY) {
    if (t.statuses[status] > bestCount) {
      best = status as Exclude<ItemStatus, 'answered'>;
      bestCount = t.statuses[status];
    }
  }
  return best;
}

/** Median of the numbers given (mean of the two middle values for an even count). */
function median(numbers: Map<number, number>): number {
  const values = [...numbers.entries()].sort((a, b) => a[0] - b[0]);
  const total = values.reduce((n, [, c]) => n + c, 0);
  const at = (position: number): number => {
    let seen = 0;
    for (const [v, c] of values) {
      seen += c;
      if (position < seen) return v;
    }
    return values[values.length - 1]![0];
  };
  if (total % 2 === 1) return at((total - 1) / 2);
  const [low, high] = [at(total / 2 - 1), at(total / 2)];
  // two answers near the largest number (1.7e308) sum to Infinity; halving each first cannot
  // overflow, and where the sum is finite the two ways give the same number
  return Number.isFinite(low + high) ? (low + high) / 2 : low / 2 + high / 2;
}

/**
 * The answer that stands for all respondents in conditions (gates, pilots):
 * the most common value (ties go to the lower-scoring value, then option order);
 * for multiple choice the options chosen by more than half of those who
 * answered; the median for numbers. For one respondent it is their answer.
 */
export function representativeValue(t: QuestionTally, questionnaire: Questionnaire): AnswerValue | undefined {
  if (t.statuses.answered === 0) return undefined;
  const q = t.question;
  const lowerFirst = (a: { count: number; score: number; index: number }, b: { count: number; score: number; index: number }) =>
    b.count - a.count || a.score - b.score || a.index - b.index;
  switch (q.type) {
    case 'number':
      return median(t.numbers);
    case 'text': {
      // unread by conditions (and not shown for several respondents): any kept text will do; one respondent's is theirs
      if (!t.textCounts) return sortTexts(t.texts)[0]!;
      return [...t.textCounts.entries()].sort((a, b) => b[1] - a[1] || byString(a[0], b[0]))[0]![0];
    }
    case 'yesno': {
      const yesScore = q.reverse ? 0 : 1;
      const ranked = [
        { value: 'yes', count: t.yes, score: yesScore, index: 0 },
        { value: 'no', count: t.no, score: 1 - yesScore, index: 1 },
      ].sort(lowerFirst);
      return ranked[0]!.value;
    }
    case 'multiple': {
      const options = optionsOf(questionnaire, q) ?? [];
      return options.filter((_, i) => t.optionCounts[i]! * 2 > t.statuses.answered).map((o) => o.value);
    }
    default: {
      const options = optionsOf(questionnaire, q) ?? [];
      const ranked = options
        .map((o, index) => ({ value: o.value, count: t.optionCounts[index]!, index, score: q.reverse ? 1 - (o.score ?? 0) : (o.score ?? 0) }))
        .sort(lowerFirst);
      return ranked[0]?.value;
    }
  }
}

/** What conditions see for this question across respondents (undefined when it was hidden for all). */
export function representativeAnswer(t: QuestionTally, questionnaire: Questionnaire): Answer | undefined {
  const value = representativeValue(t, questionnaire);
  if (value !== undefined) return { status: 'answered', value };
  const status = commonNonAnswer(t);
  return status === 'hidden' ? undefined : { status };
}

/** How many gave each answer, in the scale's order (an ordered list: see Count). */
function distributionOf(t: QuestionTally, questionnaire: Questionnaire): Count[] | undefined {
  const q = t.question;
  const counts: [string, number][] = [];
  if (q.type === 'text') return undefined;
  if (q.type === 'yesno') counts.push(['Yes', t.yes], ['No', t.no]);
  else if (q.type === 'number')
    for (const [v, c] of [...t.numbers.entries()].sort((a, b) => a[0] - b[0])) counts.push([numberLabel(q, v), c]);
  else (optionsOf(questionnaire, q) ?? []).forEach((o, i) => counts.push([o.label, t.optionCounts[i]!]));
  if (t.statuses['dont-know'] > 0) counts.push([STATUS_LABELS['dont-know'], t.statuses['dont-know']]);
  if (t.statuses['not-applicable'] > 0) counts.push([STATUS_LABELS['not-applicable'], t.statuses['not-applicable']]);
  if (t.statuses.unanswered > 0) counts.push([STATUS_LABELS.unanswered, t.statuses.unanswered]);
  // two options with the same label are counted together, at the first one's place
  const out: Count[] = [];
  const byLabel = new Map<string, Count>();
  for (const [label, count] of counts) {
    const seen = byLabel.get(label);
    if (seen) seen.count += count;
    else {
      const entry = { label, count };
      byLabel.set(label, entry);
      out.push(entry);
    }
  }
  return out;
}

/** A mean of 0..1 scores, kept inside 0..1 (a running mean can drift by float noise). */
function clampUnit(mean: number): number {
  return Math.min(1, Math.max(0, clean(mean)));
}

/**
 * The Result entry of one question. For one respondent: their answer, label,
 * note and score. For several: the representative value, the mean item score,
 * its spread, the distribution, and free text without names (sorted).
 */
export function scoredAnswer(t: QuestionTally, questionnaire: Questionnaire, single: boolean): ScoredAnswer {
  const q = t.question;
  const value = representativeValue(t, questionnaire);
  const status: ItemStatus = value !== undefined ? 'answered' : commonNonAnswer(t);
  const answer: ScoredAnswer = {
    questionId: q.id,
    dimension: q.dimension,
    text: q.text,
    type: q.type,
    status,
    score: t.scored && t.scores.n > 0 ? clampUnit(t.scores.mean) : null,
    weight: q.weight,
    reverse: q.reverse,
  };
  const box = boxRuleOf(questionnaire, q);
  if (box) answer.display = boxDisplay(box);
  const showValue = value !== undefined && (single || q.type !== 'text');
  if (showValue) answer.value = value;
  const label = value !== undefined ? (q.type === 'text' ? undefined : valueLabel(questionnaire, q, value)) : STATUS_LABELS[status as Exclude<ItemStatus, 'answered'>];
  if (label !== undefined) answer.label = label;
  if (t.notes.length > 0) answer.note = single ? t.notes[0]! : sortTexts(t.notes).join('\n');
  if (single) return answer;

  const distribution = distributionOf(t, questionnaire);
  if (distribution) answer.distribution = distribution;
  answer.respondents = t.statuses.answered;
  if (t.scored && t.scores.n > 0) {
    answer.spread = sdOf(t.scores);
    answer.doubt = clean((t.below + t.statuses['dont-know']) / (t.scores.n + t.statuses['dont-know']));
  }
  if (q.type === 'text') {
    answer.texts = sortTexts(t.texts);
    if (t.textsOmitted > 0) answer.textsOmitted = t.textsOmitted;
  }
  return answer;
}

/** Aggregated dimension score (mean of respondents' scores), pooled coverage and spread. */
export function dimensionAggregate(t: DimensionTally, single: boolean): {
  score: number | null;
  answered: number;
  asked: number;
  spread?: DimensionResult['spread'];
} {
  const score = t.scores.n > 0 ? clean(t.scores.mean) : null;
  const out: { score: number | null; answered: number; asked: number; spread?: DimensionResult['spread'] } = {
    score,
    answered: t.answered,
    asked: t.asked,
  };
  if (!single && t.scores.n > 0) {
    out.spread = { sd: clean(sdOf(t.scores)), min: t.scores.min, max: t.scores.max, respondents: t.scores.n };
  }
  return out;
}

export interface Divergence {
  kind: 'question' | 'dimension';
  id: string;
  text: string;
  sd: number;
}

/**
 * Where respondents disagree strongly: dimensions whose scores have sd >= 20
 * points, questions whose item scores have sd >= 0.3, each with at least two
 * respondents scored. Dimensions first, then questions; each by sd (largest
 * first), ties in questionnaire order.
 */
export function divergence(
  dimensions: readonly { id: string; title: string; sd: number; respondents: number }[],
  questions: readonly { id: string; text: string; sd: number; respondents: number }[],
): Divergence[] {
  const dims = dimensions
    .map((d, index) => ({ d, index }))
    .filter(({ d }) => d.respondents >= DIVERGENCE_MIN_RESPONDENTS && d.sd >= DIMENSION_DIVERGENCE_SD)
    .sort((a, b) => b.d.sd - a.d.sd || a.index - b.index)
    .map(({ d }) => ({ kind: 'dimension' as const, id: d.id, text: d.title, sd: d.sd }));
  const qs = questions
    .map((q, index) => ({ q, index }))
    .filter(({ q }) => q.respondents >= DIVERGENCE_MIN_RESPONDENTS && q.sd >= QUESTION_DIVERGENCE_SD)
    .sort((a, b) => b.q.sd - a.q.sd || a.index - b.index)
    .map(({ q }) => ({ kind: 'question' as const, id: q.id, text: q.text, sd: q.sd }));
  return [...dims, ...qs];
}

export interface ShownGroup {
  label: string;
  n: number;
  mean: number;
}

/** The role attribute as a view (perception gaps are the role view). */
export const ROLE_VIEW: ViewSpec = { id: 'role', title: 'Role', plural: 'roles' };

/**
 * Role groups that may be shown for one dimension, given the respondents who
 * have a score there: shownViewGroups for roles (see src/score/views.ts). A
 * role group is shown on its own only with at least `minGroup` members;
 * everyone else is pooled ("Other roles: 2 groups, 9 people"), shown only when
 * the pool reaches `minGroup`, and the smallest shown group joins a pool that
 * is too small, so that no group can be worked out by subtraction.
 */
export function shownGroups(
  groups: ReadonlyMap<string, GroupSum>,
  labels: ReadonlyMap<string, string>,
  minGroup: number,
): ShownGroup[] {
  return shownViewGroups(groups, labels, ROLE_VIEW, minGroup).map(({ label, n, mean }) => ({ label, n, mean }));
}

/** Perception gaps: for each dimension (display order), the shown role groups' mean scores, when two or more can be shown. */
export function perceptionGaps(
  tally: Tally,
  dimensions: readonly { id: string; title: string }[],
  minGroup: number,
): { dimension: string; title: string; groups: Record<string, number> }[] {
  const labels = new Map([...tally.roles.entries()].map(([key, r]) => [key, r.label]));
  const gaps: { dimension: string; title: string; groups: Record<string, number> }[] = [];
  for (const d of dimensions) {
    const t = tally.dimensions.get(d.id);
    if (!t) continue;
    const shown = shownGroups(t.byGroup, labels, minGroup);
    if (shown.length < 2) continue;
    const groups: Record<string, number> = {};
    for (const g of shown) groups[g.label] = g.mean;
    gaps.push({ dimension: d.id, title: d.title, groups });
  }
  return gaps;
}

/** Role groups (with a role) too small to be shown on their own. */
export function hiddenGroupCount(tally: Tally, minGroup: number): number {
  let hidden = 0;
  for (const [key, r] of tally.roles) if (key !== '' && r.count < minGroup) hidden += 1;
  return hidden;
}

/**
 * Respondents by role. Without permission to show respondents, roles with
 * fewer than `minGroup` respondents are pooled with those who gave no role
 * ("Other roles", or "Role not given" when only those). With permission
 * (and for a single respondent), every role is listed.
 */
export function respondentsByRole(tally: Tally, minGroup: number, showAll: boolean): Record<string, number> {
  const named = [...tally.roles.entries()].filter(([key]) => key !== '').sort((a, b) => byString(a[1].label, b[1].label));
  const noRole = tally.roles.get('')?.count ?? 0;
  const out: Record<string, number> = {};
  let pooled = 0;
  let pooledRoles = 0;
  for (const [, r] of named) {
    if (showAll || r.count >= minGroup) out[r.label] = r.count;
    else {
      pooled += r.count;
      pooledRoles += 1;
    }
  }
  if (pooledRoles > 0) out[out[OTHER_ROLES] === undefined ? OTHER_ROLES : `${OTHER_ROLES} (combined)`] = pooled + noRole;
  else if (noRole > 0) out[ROLE_NOT_GIVEN] = noRole;
  return out;
}

/** Question ids named by answer placeholders in the pilots' texts (see src/recommend/pilots.ts). */
function placeholderQuestions(questionnaire: Questionnaire): string[] {
  const texts = (questionnaire.pilots ?? []).flatMap((p) => [
    p.title, p.summary, p.why, p.duration, ...p.steps, ...p.measures, ...(p.notYet ?? []).map((b) => b.fix),
    ...(p.variants ?? []).flatMap((v) => [v.title, v.summary, v.why, v.duration, ...(v.steps ?? []), ...(v.measures ?? [])]),
  ]);
  const ids: string[] = [];
  for (const text of texts) if (text) for (const m of text.matchAll(/\{([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)(?:\.note)?(?:\|[^{}]*)?\}/g)) ids.push(m[1]!);
  return ids;
}
