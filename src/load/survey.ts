// Survey exports (CSV or .xlsx, one row per respondent) into checked Responses.
// Columns are matched to questions by id, by question text, by the codes our
// own form exports use, or by a mapping file; cells are matched to allowed
// answers by value, by label, or by the mapping's aliases. Rows are streamed:
// forEachSurveyResponse hands each row to a callback, its answers by question
// index in one reused object (IndexedResponse; loadSurveyResponses makes a
// Response of each), and keeps nothing per row, so memory does not grow with
// the file (apart from bounded lists of problems and positions).
//
// Shapes of form tools' exports that are recognised without a mapping (see
// docs/survey-imports.md for the user's view):
// - header rows: Qualtrics' three (names, question texts, {"ImportId":...}),
//   SurveyMonkey's second row of sub-labels ("Response", choice labels);
// - multiple choice in one column, joined by `,` `;` `|` or (ODK) spaces,
//   split label-aware (the longest known label wins, so labels containing a
//   separator still match; a reading that could also be split differently is
//   reported as ambiguous); pieces that are no choice are kept as the
//   respondent's "Other" text, beside the recognised choices;
// - multiple choice over one column per choice: LimeSurvey `Q4[SQ001]` (Y),
//   Qualtrics `Q4_1` (1 or the label), KoboToolbox/ODK `group/q4/choice`
//   (1/0, beside a space-separated column), SurveyMonkey's blank-headed
//   continuation columns with the labels in the second row, and "Question -
//   Choice" headers; "Other" text columns (`Q4[other]`, `Q4_5_TEXT`, "Other
//   (please specify)") are kept as the respondent's Other text;
// - the same question in two columns (two branches of a form): merged when
//   each row fills at most one, refused for the rows that fill both;
// - unfinished responses (LimeSurvey's empty `submitdate`, Qualtrics'
//   `Finished` = 0) are left out unless includeUnfinished, and counted;
// - rows whose number of fields differs from the header's (a stray line
//   break, a row typed with another delimiter) are set aside, counted and
//   named by line, never scored or merged;
// - a role cell longer than 80 characters or holding an e-mail address or a
//   phone number is refused as a role (the respondent counts without one);
// - unmatched cells are reported once per distinct text and column, with
//   their count, first lines, and the mapping-file lines that would fix them.
//
// Other decisions: a column literally named "role" is the role column unless
// another is named; respondent names are read only from a column explicitly
// named as the respondent column (privacy); numbers accept a decimal comma
// ("3,5") except with exactly three digits after it ("1,500"), which is
// ambiguous and reported.
import { MAX_FREE_TEXT_CHARS, MAX_NOTE_CHARS } from '../model/limits.js';
import { InputError, formatProblem, type Problem } from '../errors.js';
import type { Answer, IndexedResponse, Response } from '../model/answers.js';
import {
  LIMESURVEY_DONT_KNOW,
  LIMESURVEY_NOT_APPLICABLE,
  limesurveyAnswerCode,
  limesurveyCodes,
  limesurveySubquestionCode,
  XLSFORM_DONT_KNOW,
  XLSFORM_NOT_APPLICABLE,
  xlsformChoiceName,
} from '../model/form-codes.js';
import type { Condition, OptionValue, Question, Questionnaire } from '../model/questionnaire.js';
import { DONT_KNOW, NOT_APPLICABLE } from '../model/special-answers.js';
import { evaluateCondition, referencedQuestions, type ConditionContext } from '../score/conditions.js';
import { redactPersonalData, type FreeTextMode } from '../score/personal-data.js';
import { streamCsv } from './csv.js';
import { foldText, loadMapping, normalizeText, questionOptions, SURVEY_FORMATS, type SurveyFormat, type SurveyMapping } from './mapping.js';
import type { LoadedQuestionnaire } from './questionnaire.js';
import { didYouMean } from './source.js';
import { isXlsxPath, streamXlsx } from './xlsx.js';
import { isJsonPath, readJsonRows, type JsonRows } from './json-rows.js';

export { SURVEY_FORMATS, type SurveyFormat };

export interface SurveyOptions {
  /** A mapping file (YAML): column -> question id, role/respondent columns, answer aliases. */
  map?: string;
  /** The column holding each respondent's role (overrides the mapping's roleColumn). */
  roleColumn?: string;
  /** Refuse the file when any cell cannot be matched, a row is set aside, or a row fills one question twice. */
  strict?: boolean;
  /** The column holding respondent names. Without it no name or e-mail is read. */
  respondentColumn?: string;
  /** The export's shape; detected from the file when absent. */
  format?: SurveyFormat;
  /** The CSV file's encoding (an iconv-lite name); detected when absent. */
  encoding?: string;
  /** The sheet of an .xlsx workbook; the first when absent. */
  sheet?: string;
  /** Score unfinished responses too (LimeSurvey empty submitdate, Qualtrics Finished = 0). */
  includeUnfinished?: boolean;
  /** Columns holding respondent attributes (unit, site...), each read into the response's segments under its header. */
  segmentColumns?: string[];
  /**
   * Questions without a column count as not asked (an engagement: the survey
   * used a shorter questionnaire), instead of as left blank.
   */
  notAskedWithoutColumn?: boolean;
  /**
   * How the cell texts that messages quote (unmatched cells, "Other" texts) are shown:
   * 'shown' as typed (--show-respondents); otherwise, by default, with e-mail addresses
   * and phone numbers replaced as in reports, since warnings end up in terminals and CI logs.
   */
  freeText?: FreeTextMode;
}

/** Cells of one column that could not be matched, with the same text: reported once. */
export interface UnmatchedGroup {
  questionId: string;
  /** 1-based column. */
  column: number;
  header: string;
  /** The cell text as first seen (clipped), with e-mail addresses and phone numbers replaced unless shown as typed (SurveyOptions.freeText). */
  text: string;
  /** Whether `text` had personal data replaced (then no mapping line is suggested for it). */
  redacted?: boolean;
  /** The cell text as typed, trimmed, for a mapping line that would match it: only when not redacted and at most MAX_MAPPING_KEY characters (a clipped text never matches). */
  key?: string;
  why: string;
  count: number;
  /** The first few lines (CSV) or sheet rows (.xlsx) where it occurs; for SurveyJS results, the respondent's position in the array + 1 (messages give the real place). */
  lines: number[];
}

export interface SurveySummary {
  /** Respondents handed over (rows scored). */
  rows: number;
  /** Data rows read (header rows and empty lines excluded): rows + setAside + unfinished left out. */
  rowsRead: number;
  /** Rows whose number of fields differs from the header's: not scored. `lines` lists the first few. */
  setAside: { count: number; lines: number[] };
  /** Unfinished responses found; left out unless includeUnfinished. */
  unfinished: { count: number; excluded: boolean };
  /** Role cells refused as roles (too long, or holding an e-mail address or a phone number); those respondents count without a role. */
  rolesRefused: { count: number; lines: number[] };
  /** Answers of multiple-choice (or other) questions that carried text beside the known choices, kept as "Other" notes. */
  otherTexts: number;
  /** Non-empty cells that could not be matched and were counted as unanswered. */
  unmatchedCells: number;
  /** One per distinct unmatched text and column (at most MAX_LISTED_PROBLEMS), at its first position. */
  problems: Problem[];
  /** The same, with counts and lines. */
  unmatched: UnmatchedGroup[];
  /** Headers of columns that answer no question (Timestamp, Email, ...). */
  ignoredColumns: string[];
  /** One-line notes to show the user (ignored columns, questions without a column, ...). */
  warnings: string[];
  /** Lines of a mapping file that would match what is left unmatched (empty when nothing is). */
  fixes: string[];
  /** The delimiter used ("" for .xlsx). */
  delimiter: string;
  /** The encoding the text was read in ("xlsx" for a workbook). */
  encoding: string;
  /** The export's shape, as given or detected. */
  format: SurveyFormat;
  /** The sheet read, for .xlsx. */
  sheet?: string;
}

/** Distinct problems kept in detail; beyond this they are only counted (a 100,000-row file may have many). */
export const MAX_LISTED_PROBLEMS = 200;
/** Lines remembered per reported kind (set-aside rows, refused roles, one unmatched text). */
const MAX_LINES = 20;
/**
 * Other texts kept as answer notes per question; beyond this they are only counted (in the
 * warning's summary of the most frequent texts), so a large survey full of Other text does
 * not grow the result's notes without end.
 */
export const MAX_OTHER_NOTES = 500;
const LINES_PER_GROUP = 5;
/** Longest cell text a mapping line is suggested for: past it, the line would be unreadable (and a clipped text never matches). */
const MAX_MAPPING_KEY = 200;
/** A role longer than this is no role (it is a row typed into one cell, or a comment). */
export const MAX_ROLE_LENGTH = 80;
const EMAIL = /[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[a-z]{2,}/i;
/**
 * Whether a role or segment cell holds an e-mail address or a phone number (as the reports'
 * redaction finds them, full-width characters included): such a cell names a person, not a
 * group, and would be shown as a group's name (with --min-group 1, or when a few share it).
 */
function holdsPersonalData(text: string): boolean {
  return EMAIL.test(text) || redactPersonalData(text) !== text;
}

const DONT_KNOW_TEXTS = new Set(["don't know", 'dont know', 'do not know', 'dont-know', 'unknown']);
const NOT_APPLICABLE_TEXTS = new Set(['n/a', 'na', 'n.a.', 'not applicable', 'does not apply']);
const YES_TEXTS = new Set(['yes', 'y', 'true']);
const NO_TEXTS = new Set(['no', 'n', 'false']);
const SUBHEADER_MARKERS = new Set(['response', 'open-ended response']);
/** A choice column's cell meaning "ticked" / "not ticked". */
const TICKED = new Set(['1', 'y', 'yes', 'true', 'x', 'ticked', 'checked', 'selected', '\u2713', '\u2714']);
const NOT_TICKED = new Set(['0', 'n', 'no', 'false', 'not selected', 'unchecked', 'not checked', '-']);
const OTHER_PART = /^(other|other[ _-]?text|text|comment|other[ _-]?comment|other[ _-]?specify|\d+[ _]text|other \(please specify\)|other \(please specify\):?|other, please specify|other - text)$/;

interface CellMatch {
  answer?: Answer;
  error?: string;
  /** Text beside the known choices, kept as the respondent's Other answer. */
  other?: string[];
  /** Why the reading chosen could also be read another way. */
  ambiguous?: string;
}

interface ChoiceColumn {
  column: number;
  /** The choice the column ticks; undefined: the cell holds a label (SurveyMonkey continuation). */
  choice?: OptionValue;
}

interface QuestionColumns {
  question: Question;
  /** The question's id, position in the questionnaire and condition, read once per row: kept here, where every group has one shape. */
  id: string;
  index: number;
  when: Condition | undefined;
  /** Some question's condition reads this answer (it is kept by id for conditions while the row is read). */
  referenced: boolean;
  /** Every column of the question (for hidden-answer checks). */
  columns: number[];
  /** Columns that hold the answer itself; more than one: the question appears twice in the form. */
  main: number[];
  /** One column per choice (multiple choice). */
  choices: ChoiceColumn[];
  /** Columns of "Other" text. */
  others: number[];
  /** One plain column and nothing else: the fast path. */
  simple: boolean;
  /** Known answer texts (normalized) -> value, longest first, for multiple choice. */
  tokens: [string, OptionValue][];
  /** Exact answer texts (normalized) -> value. */
  lookup: Map<string, OptionValue>;
  /** Raw cell text -> its match: survey cells repeat the same few labels, so each is matched once. */
  memo: Map<string, CellMatch>;
  /**
   * The first few remembered texts whose match is a plain answer (no error, Other text or
   * ambiguity), bucketed by text length: a cell is compared with the texts of its own length
   * only (usually one), before any hashing of the memo.
   */
  recent: (RecentTexts | undefined)[];
  /** How many texts `recent` holds. */
  recentCount: number;
}

interface RecentTexts {
  texts: string[];
  matches: CellMatch[];
}

/** Distinct cell texts remembered per question; beyond this (free text, numbers) cells are matched each time. */
const MEMO_LIMIT = 512;
/** Remembered texts compared directly (a scale's labels, yes/no, a few numbers). */
const RECENT_LIMIT = 32;
/** Texts this long or longer are not compared directly (they are looked up in the memo). */
const RECENT_LENGTH = 256;
/** Free-text cells up to this length are remembered too (short texts repeat: "none", "-"); longer ones are matched each time. */
const MEMO_TEXT_LENGTH = 200;

interface Plan {
  headers: string[];
  questions: QuestionColumns[];
  /** The groups whose answer some condition reads. */
  referenced: QuestionColumns[];
  roleColumn?: number;
  respondentColumn?: number;
  /** Segment columns: index and the attribute name (the name as given). */
  segments: { column: number; name: string }[];
  /** Questions without a column, when they count as not asked. */
  notAsked?: Set<string>;
  /** LimeSurvey submitdate (empty = unfinished) or Qualtrics Finished (0 = unfinished). */
  status?: { column: number; kind: 'submitdate' | 'finished' };
  ignored: string[];
  warnings: string[];
  /** Mapping lines for questions without a column. */
  fixes: string[];
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

function listShort(items: string[], max = 8): string {
  const shown = items.slice(0, max).map((h) => `"${clip(h)}"`);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}

function listLines(lines: number[], total: number): string {
  return total > lines.length ? `${lines.join(', ')} and ${total - lines.length} more` : lines.join(', ');
}

/** A YAML key or value, quoted when needed. */
function yamlText(text: string): string {
  return /^[A-Za-z][A-Za-z0-9 _-]*$/.test(text) && !/^(yes|no|true|false|null|on|off|y|n)$/i.test(text.trim()) && text.trim() === text
    ? text
    : JSON.stringify(text);
}

function answerTexts(q: Question, questionnaire: Questionnaire, format: SurveyFormat, mapping?: SurveyMapping): Map<string, OptionValue> {
  const table = new Map<string, OptionValue>();
  const options = questionOptions(q, questionnaire);
  for (const o of options) {
    table.set(normalizeText(String(o.value)), o.value);
    table.set(normalizeText(o.label), o.value);
  }
  // the codes our own exports give choices, where no label or value already reads that way
  const extra = (text: string, value: OptionValue) => {
    const key = normalizeText(text);
    if (!table.has(key)) table.set(key, value);
  };
  options.forEach((o, i) => {
    extra(xlsformChoiceName(o.value), o.value);
    if (format === 'limesurvey') extra(q.type === 'multiple' ? limesurveySubquestionCode(i) : limesurveyAnswerCode(i), o.value);
  });
  if (q.allowDontKnow) {
    extra(XLSFORM_DONT_KNOW, DONT_KNOW);
    if (format === 'limesurvey') extra(LIMESURVEY_DONT_KNOW, DONT_KNOW);
  }
  if (q.allowNotApplicable) {
    extra(XLSFORM_NOT_APPLICABLE, NOT_APPLICABLE);
    if (format === 'limesurvey') extra(LIMESURVEY_NOT_APPLICABLE, NOT_APPLICABLE);
  }
  for (const [alias, value] of mapping?.values.get(q.id) ?? []) table.set(alias, value);
  return table;
}

/** A header that names the respondent's role: "Role", "Your role at Northwind", "Position", "Job title". */
const ROLE_HEADER = /\b(role|position|job ?title)\b/i;

/** A header that names a respondent attribute worth comparing by (a column to suggest for --segment-column). */
const ATTRIBUTE_HEADER = /\b(unit|department|dept|team|site|location|office|region|division|tenure|branch|country|area|business line|function)\b/i;

/** A header as a shell argument (the hint must work as printed). */
function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function findColumn(headers: string[], name: string, what: string, file: string): number {
  const key = normalizeText(name);
  const index = headers.findIndex((h) => normalizeText(h) === key);
  if (index === -1) {
    throw new InputError(
      `${file} has no column "${name}" for the ${what}${didYouMean(name, headers.filter((h) => h.trim() !== ''))}; name one of its header cells exactly.`,
    );
  }
  return index;
}

/** The header rows of an export and what they say. */
interface Shape {
  format: SurveyFormat;
  /** Header rows before the first respondent (1, 2 or 3). */
  headerRows: number;
  /** Qualtrics: the question texts of the second row. */
  texts?: string[];
  /** SurveyMonkey: the sub-labels of the second row. */
  subLabels?: string[];
}

const isImportId = (c: string) => /^\s*\{\s*"ImportId"/i.test(c);

function isSubHeader(cells: string[]): boolean {
  return (cells[0] ?? '').trim() === '' && cells.some((c) => SUBHEADER_MARKERS.has(normalizeText(c)));
}

/** Detects the tool that wrote the export from its first rows (header and up to two more). */
export function detectShape(rows: string[][], forced?: SurveyFormat): Shape {
  const [header = [], second, third] = rows;
  const names = new Set(header.map((h) => normalizeText(h)));
  const has = (...keys: string[]) => keys.every((k) => names.has(k));
  const qualtricsRows = !!third?.some(isImportId) || !!second?.some(isImportId);
  let format: SurveyFormat;
  if (forced) format = forced;
  else if (qualtricsRows || has('responseid', 'finished')) format = 'qualtrics';
  else if ((second && isSubHeader(second)) || has('respondent id', 'collector id')) format = 'surveymonkey';
  else if (has('submitdate') || has('lastpage', 'startlanguage') || header.some((h) => /^[A-Za-z][A-Za-z0-9]*\[[^\]]+\]$/.test(h.trim()))) format = 'limesurvey';
  else if (names.has('_uuid') || names.has('_submission_time') || names.has('meta/instanceid') || names.has('_id')) format = 'kobo';
  else if (has('id', 'start time', 'completion time')) format = 'microsoft';
  else if (names.has('submitted at') || (header[0] ?? '').trim() === '#') format = 'typeform';
  else if (names.has('timestamp')) format = 'google';
  else format = 'generic';

  if (format === 'qualtrics') {
    if (third?.some(isImportId)) return { format, headerRows: 3, texts: second };
    if (second?.some(isImportId)) return { format, headerRows: 2 };
    // forced, or a legacy export: a second row of question texts when it has no answers' look
    if (forced && second && third) return { format, headerRows: 3, texts: second };
    return { format, headerRows: 1 };
  }
  if (format === 'surveymonkey' && second && (isSubHeader(second) || (forced && (second[0] ?? '').trim() === ''))) {
    return { format, headerRows: 2, subLabels: second };
  }
  return { format, headerRows: 1 };
}

interface Resolver {
  question(text: string): Question | Question[] | undefined;
  part(q: Question, sub: string): { choice?: OptionValue; other?: true } | undefined;
}

function makeResolver(questionnaire: Questionnaire, format: SurveyFormat): Resolver {
  const byKey = new Map<string, Question[]>();
  const add = (key: string, q: Question) => {
    const list = byKey.get(key) ?? [];
    if (!list.includes(q)) list.push(q);
    byKey.set(key, list);
  };
  const codes = limesurveyCodes(questionnaire);
  for (const q of questionnaire.questions) add(normalizeText(q.text), q);
  for (const q of questionnaire.questions) add(normalizeText(codes.get(q.id)!), q);
  // ids win over texts and codes
  for (const q of questionnaire.questions) byKey.set(normalizeText(q.id), [q]);
  return {
    question(text) {
      const list = byKey.get(normalizeText(text));
      if (!list) return undefined;
      return list.length === 1 ? list[0] : list;
    },
    part(q, sub) {
      const key = normalizeText(sub);
      if (OTHER_PART.test(key) || key.startsWith('other (')) return { other: true };
      // the don't know / n/a columns of our own exports (LimeSurvey DK / NA, XLSForm dont_know / not_applicable)
      if (q.allowDontKnow && (key === normalizeText(LIMESURVEY_DONT_KNOW) || key === normalizeText(XLSFORM_DONT_KNOW) || DONT_KNOW_TEXTS.has(key))) return { choice: DONT_KNOW };
      if (q.allowNotApplicable && (key === normalizeText(LIMESURVEY_NOT_APPLICABLE) || key === normalizeText(XLSFORM_NOT_APPLICABLE) || NOT_APPLICABLE_TEXTS.has(key))) return { choice: NOT_APPLICABLE };
      const options = questionOptions(q, questionnaire);
      const byText = options.find(
        (o) => normalizeText(String(o.value)) === key || normalizeText(o.label) === key || normalizeText(xlsformChoiceName(o.value)) === key,
      );
      if (byText) return { choice: byText.value };
      // LimeSurvey SQ001 and Qualtrics _1: the n-th choice
      const n = /^(?:sq0*)?(\d+)$/.exec(key);
      if (n && (format === 'limesurvey' || format === 'qualtrics' || key.startsWith('sq') || format === 'generic')) {
        const option = options[Number(n[1]) - 1];
        if (option) return { choice: option.value };
      }
      return undefined;
    },
  };
}

/** Splits a header into (question, part) at its tool's sub-column syntax, last separator first. */
function splitHeader(header: string): [string, string][] {
  const h = header.trim();
  const out: [string, string][] = [];
  const bracket = /^(.+?)\s*\[([^\]]+)\]$/.exec(h);
  if (bracket) out.push([bracket[1]!, bracket[2]!]);
  const qualtrics = /^(.+?)_(\d+(?:_text)?|other(?:_text)?|text)$/i.exec(h);
  if (qualtrics) out.push([qualtrics[1]!, qualtrics[2]!]);
  const slash = h.lastIndexOf('/');
  if (slash > 0) out.push([h.slice(0, slash), h.slice(slash + 1)]);
  // "Question - Choice" (Qualtrics question texts, single-row exports); try each " - " from the right
  for (let i = h.lastIndexOf(' - '); i > 0; i = h.lastIndexOf(' - ', i - 1)) out.push([h.slice(0, i), h.slice(i + 3)]);
  return out;
}

function buildPlan(
  file: string,
  headerLine: number,
  headers: string[],
  shape: Shape,
  questionnaire: Questionnaire,
  opts: SurveyOptions,
  mapping: SurveyMapping | undefined,
): Plan {
  const plan: Plan = { headers, questions: [], referenced: [], segments: [], ignored: [], warnings: [], fixes: [] };
  const ignoredAt: number[] = [];
  const format = shape.format;
  const roleName = opts.roleColumn ?? mapping?.roleColumn;
  const respondentName = opts.respondentColumn ?? mapping?.respondentColumn;
  if (roleName !== undefined) plan.roleColumn = findColumn(headers, roleName, 'role', file);
  else {
    const auto = headers.findIndex((h) => normalizeText(h) === 'role');
    if (auto !== -1) plan.roleColumn = auto;
  }
  if (respondentName !== undefined) plan.respondentColumn = findColumn(headers, respondentName, 'respondent', file);
  for (const name of opts.segmentColumns ?? []) {
    const column = findColumn(headers, name, `segment "${name}"`, file);
    if (column === plan.roleColumn) throw new InputError(`${file}: the column "${name}" is already the role column; give --segment-column for another column.`);
    plan.segments.push({ column, name: name.trim() });
  }
  if (format === 'limesurvey') {
    const c = headers.findIndex((h) => normalizeText(h) === 'submitdate');
    if (c !== -1) plan.status = { column: c, kind: 'submitdate' };
  } else if (format === 'qualtrics') {
    const c = headers.findIndex((h) => normalizeText(h) === 'finished');
    if (c !== -1) plan.status = { column: c, kind: 'finished' };
  }

  const resolver = makeResolver(questionnaire, format);
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const indexOf = new Map(questionnaire.questions.map((q, i) => [q.id, i]));
  const groups = new Map<string, QuestionColumns>();
  const groupOf = (question: Question): QuestionColumns => {
    let group = groups.get(question.id);
    if (!group) {
      const lookup = answerTexts(question, questionnaire, format, mapping);
      group = {
        question,
        id: question.id,
        index: indexOf.get(question.id)!,
        when: question.when,
        referenced: false,
        columns: [],
        main: [],
        choices: [],
        others: [],
        simple: false,
        lookup,
        memo: new Map(),
        recent: [],
        recentCount: 0,
        tokens: [...lookup].sort((a, b) => b[0].length - a[0].length),
      };
      groups.set(question.id, group);
    }
    return group;
  };
  let previous: QuestionColumns | undefined;
  const seenMapped = new Set<string>();
  const subLabels = shape.subLabels;

  const place = (index: number, question: Question, part: { choice?: OptionValue; other?: true } | undefined) => {
    const group = groupOf(question);
    group.columns.push(index);
    if (part?.other) group.others.push(index);
    else if (part && question.type === 'multiple') group.choices.push({ column: index, choice: part.choice });
    else group.main.push(index);
    previous = group;
  };

  /** How many columns so far had each header: a mapping tells identical headers apart as "Header #2". */
  const occurrences = new Map<string, number>();
  headers.forEach((raw, index) => {
    const header = raw.trim();
    const key = normalizeText(header);
    const nth = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, nth);
    if (index === plan.roleColumn || index === plan.respondentColumn || index === plan.status?.column || plan.segments.some((g) => g.column === index)) {
      previous = undefined;
      return;
    }
    const sub = subLabels?.[index]?.trim() ?? '';
    // SurveyMonkey: a blank header under a question continues it (one column per choice, or its Other text)
    if (header === '' && subLabels && previous) {
      const q = previous.question;
      const part = resolver.part(q, sub);
      if (q.type === 'multiple') place(index, q, part ?? { choice: undefined });
      else if (part?.other) place(index, q, part);
      else place(index, q, undefined);
      return;
    }
    previous = undefined;
    const mappedKey = mapping?.columns.has(`${key} #${nth}`) ? `${key} #${nth}` : mapping?.columns.has(key) ? key : undefined;
    if (mapping && mappedKey !== undefined) {
      seenMapped.add(mappedKey);
      const id = mapping.columns.get(mappedKey);
      const question = id ? byId.get(id) : undefined;
      if (!question) {
        plan.ignored.push(header);
        ignoredAt.push(index);
        return;
      }
      const part = mapping.columnParts.get(mappedKey);
      place(index, question, part ?? (subLabels && question.type === 'multiple' ? resolver.part(question, sub) : undefined));
      return;
    }
    const resolve = (text: string): Question | undefined => {
      const found = resolver.question(text);
      if (Array.isArray(found)) {
        plan.warnings.push(
          `column ${index + 1} ("${clip(header)}") matches the text of several questions (${found.map((q) => q.id).join(', ')}); it is ignored: name the question in a mapping file.`,
        );
        return undefined;
      }
      return found;
    };
    // the whole header, or (Kobo) its last path segment, or (Qualtrics) the question text of the second row
    const candidates = [header];
    if (header.includes('/')) candidates.push(header.slice(header.lastIndexOf('/') + 1));
    if (shape.texts?.[index]) candidates.push(shape.texts[index]!);
    for (const text of candidates) {
      const question = text.trim() === '' ? undefined : resolve(text);
      if (question) {
        // SurveyMonkey: the question's first column may already be a choice
        const part = subLabels && question.type === 'multiple' && !SUBHEADER_MARKERS.has(normalizeText(sub)) ? resolver.part(question, sub) : undefined;
        place(index, question, part);
        return;
      }
    }
    // sub-columns: Q4[SQ001], Q4_1, group/q4/choice, "Question - Choice"
    for (const text of [header, shape.texts?.[index] ?? '']) {
      for (const [base, part] of splitHeader(text)) {
        const baseQuestion = resolver.question(base) ?? (base.includes('/') ? resolver.question(base.slice(base.lastIndexOf('/') + 1)) : undefined);
        if (!baseQuestion || Array.isArray(baseQuestion)) continue;
        // Qualtrics: "Question - Selected Choice" is the answer column itself
        if (normalizeText(part) === 'selected choice') {
          place(index, baseQuestion, undefined);
          return;
        }
        const resolved = resolver.part(baseQuestion, part);
        if (resolved && (resolved.other || baseQuestion.type === 'multiple')) {
          place(index, baseQuestion, resolved);
          return;
        }
      }
    }
    // Google Forms grids: "Rate each [Row]", each row of the grid a question of its own
    const grid = /^(.+?)\s*\[([^\]]+)\]$/.exec(header);
    const rowQuestion = grid ? resolve(grid[2]!) : undefined;
    if (rowQuestion) {
      place(index, rowQuestion, undefined);
      return;
    }
    plan.ignored.push(header === '' ? `(column ${index + 1})` : header);
    ignoredAt.push(index);
  });

  // a role column not named "role": a header that says role, position or job title ("Your role at Northwind")
  if (plan.roleColumn === undefined) {
    const looks = ignoredAt.filter((i) => ROLE_HEADER.test(headers[i]!) && headers[i]!.trim().length <= 80);
    if (looks.length === 1) {
      plan.roleColumn = looks[0]!;
      const at = ignoredAt.indexOf(looks[0]!);
      plan.ignored.splice(at, 1);
      ignoredAt.splice(at, 1);
      plan.warnings.push(`read each respondent's role from column ${looks[0]! + 1} ("${clip(headers[looks[0]!]!)}"); if it is another column, name it with --role-column "<header>".`);
    } else if (looks.length > 1) {
      plan.warnings.push(
        `several columns may hold the respondent's role (${looks.map((i) => `"${clip(headers[i]!)}"`).join(', ')}); name the one to use with --role-column, e.g. --role-column ${shellQuote(headers[looks[0]!]!.trim())}.`,
      );
    }
  }

  for (const group of groups.values()) {
    group.simple = group.main.length === 1 && group.choices.length === 0 && group.others.length === 0;
    if (group.main.length > 1) {
      const cols = group.main.map((c) => `${c + 1}`);
      plan.warnings.push(
        `question ${group.question.id} is in ${group.main.length} columns (${cols.join(' and ')}, "${clip(headers[group.main[0]!]!)}"), as when a form asks it in two branches; each row's answer is read from the one it fills, and a row that fills more than one is reported. If they are different questions, map them apart in a mapping file (columns:) as ${JSON.stringify(`${headers[group.main[0]!]!.trim()} #1`)} and ${JSON.stringify(`${headers[group.main[0]!]!.trim()} #2`)}.`,
      );
    }
    if (group.main.length > 0 && group.choices.length > 0) {
      // Kobo/ODK: the space-separated column holds the answer; the 1/0 columns are read only when it is blank
    }
  }

  // keep questionnaire order so that conditions see earlier answers first
  plan.questions = questionnaire.questions.flatMap((q) => groups.get(q.id) ?? []);
  const read = new Set(plan.questions.flatMap((g) => (g.when ? referencedQuestions(g.when) : [])));
  for (const group of plan.questions) group.referenced = read.has(group.id);
  plan.referenced = plan.questions.filter((g) => g.referenced);
  if (plan.questions.length === 0) {
    throw new InputError(
      `no column of ${file} matches a question of ${questionnaire.id} by id or by question text; write a mapping file (\`readiness template ${questionnaire.id} --csv\` writes a skeleton) and pass it with --map.`,
      // a header-less export's first row is a respondent's answers: quoted like any cell text (see SurveyOptions.freeText)
      [`columns found: ${listShort(headers.filter((h) => h.trim() !== '').map(opts.freeText === 'shown' ? (h) => h : redactPersonalData), 12)}`],
    );
  }
  if (mapping) {
    for (const [key, pos] of mapping.columnPositions) {
      if (!seenMapped.has(key)) {
        plan.warnings.push(`${mapping.file}:${pos.line}:${pos.column} column "${clip(pos.header)}" is not in ${file}; check its spelling against the header.`);
      }
    }
  }
  if (plan.ignored.length > 0) {
    // the columns every form tool adds (time stamps, e-mail, names, ids) are not attributes to compare by
    const named = plan.ignored.filter((h) => ATTRIBUTE_HEADER.test(h));
    const hint = named.length > 0 ? `; to compare respondents by one of them (a unit, a site), give --segment-column ${shellQuote(named[0]!.trim())}` : '';
    plan.warnings.push(`ignored ${plan.ignored.length} column${plan.ignored.length === 1 ? '' : 's'} that answer no question: ${listShort(plan.ignored)}${hint}.`);
  }
  const missing = questionnaire.questions.filter((q) => !groups.has(q.id));
  if (missing.length > 0 && opts.notAskedWithoutColumn) {
    plan.notAsked = new Set(missing.map((q) => q.id));
  } else if (missing.length > 0) {
    const ids = missing.map((q) => q.id);
    plan.warnings.push(`${ids.length} question${ids.length === 1 ? ' has' : 's have'} no column in ${file} and count${ids.length === 1 ? 's' : ''} as unanswered: ${ids.join(', ')}.`);
    // the mapping lines: a likely column for each, by its header's likeness to the question's text or id
    const free = plan.ignored.filter((h) => !h.startsWith('(column '));
    if (free.length > 0) {
      const lines = missing.map((q) => {
        const near = /"(.*)"/.exec(didYouMean(q.text, free) || didYouMean(q.id, free))?.[1];
        return `  ${yamlText(near ?? 'COLUMN HEADER')}: ${q.id}`;
      });
      plan.fixes.push('columns:', ...lines);
    }
  }
  void headerLine;
  return plan;
}

function special(q: Question, key: string): CellMatch | undefined {
  if (DONT_KNOW_TEXTS.has(key)) {
    return q.allowDontKnow ? { answer: { status: 'dont-know' } } : { error: `question ${q.id} does not allow "don't know"` };
  }
  if (NOT_APPLICABLE_TEXTS.has(key)) {
    return q.allowNotApplicable ? { answer: { status: 'not-applicable' } } : { error: `question ${q.id} does not allow "not applicable"` };
  }
  return undefined;
}

function fromValue(value: OptionValue): Answer {
  const v = String(value).toLowerCase();
  if (v === DONT_KNOW) return { status: 'dont-know' };
  if (v === NOT_APPLICABLE) return { status: 'not-applicable' };
  return { status: 'answered', value };
}

function labelsOf(group: QuestionColumns, questionnaire: Questionnaire): string[] {
  return questionOptions(group.question, questionnaire).map((o) => o.label);
}

const SEPARATOR = /[;,|]/;
const SEPARATORS = /[;,|]/g;

/**
 * Splits a multiple-choice cell into known answers, label-aware: at each
 * position the longest known label (or value) that ends at a separator
 * (`,` `;` `|`) or at the end wins, so "Sales, marketing and PR" stays one
 * choice when it is one. A cell with no such separator whose space-separated
 * words are all known values (ODK's select_multiple) is split on spaces.
 * Returns the values, the pieces that are no choice (case kept), and why the
 * reading is ambiguous when a matched label could also be read as several
 * choices.
 */
export function splitChoices(text: string, tokens: [string, OptionValue][], lookup: Map<string, OptionValue>): { values: OptionValue[]; unknown: string[]; ambiguous?: string } {
  const folded = foldText(text);
  const lower = folded.toLowerCase();
  const source = lower.length === folded.length ? folded : lower;
  const values: OptionValue[] = [];
  const push = (v: OptionValue) => {
    if (!values.some((x) => String(x) === String(v))) values.push(v);
  };
  if (!SEPARATOR.test(lower) && / /.test(lower)) {
    const words = lower.split(' ');
    if (!lookup.has(lower) && words.every((w) => lookup.has(w))) {
      for (const w of words) push(lookup.get(w)!);
      return { values, unknown: [] };
    }
  }
  const unknown: string[] = [];
  let ambiguous: string | undefined;
  let pos = 0;
  /** values.length when the last unknown piece was read, and where that Other text starts. */
  let lastUnknown = -1;
  let unknownStart = -1;
  while (pos < lower.length) {
    while (pos < lower.length && /[\s;,|]/.test(lower[pos]!)) pos++;
    if (pos >= lower.length) break;
    const hit = tokens.find(([t]) => {
      if (t === '' || !lower.startsWith(t, pos)) return false;
      const rest = lower.slice(pos + t.length).trimStart();
      return rest === '' || SEPARATOR.test(rest[0]!);
    });
    if (hit) {
      push(hit[1]);
      if (ambiguous === undefined && SEPARATOR.test(hit[0])) {
        const pieces = hit[0].split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
        if (pieces.length > 1 && pieces.every((p) => lookup.has(p))) {
          ambiguous = `"${source.slice(pos, pos + hit[0].length)}" was read as one choice, but could also be ${pieces.map((p) => `"${p}"`).join(' and ')}`;
        }
      }
      pos += hit[0].length;
      continue;
    }
    const next = lower.slice(pos).search(SEPARATOR);
    const end = next === -1 ? lower.length : pos + next;
    const piece = source.slice(pos, end).trim();
    if (piece !== '') {
      // pieces that are no choice and follow each other are one Other text typed with a separator in it
      if (lastUnknown === values.length && unknownStart >= 0) unknown[unknown.length - 1] = source.slice(unknownStart, end).trim();
      else {
        unknown.push(piece);
        unknownStart = pos;
      }
      lastUnknown = values.length;
    }
    pos = end;
  }
  return ambiguous === undefined ? { values, unknown } : { values, unknown, ambiguous };
}

function parseNumber(q: Question, text: string): CellMatch {
  let t = normalizeText(text);
  if (q.unit && t.endsWith(normalizeText(q.unit))) t = t.slice(0, -normalizeText(q.unit).length).trim();
  if (t.endsWith('%')) t = t.slice(0, -1).trim();
  let n: number;
  if (/^[-+]?\d+(\.\d+)?$/.test(t)) n = Number(t);
  else if (/^[-+]?\d+,\d+$/.test(t)) {
    if (/,\d{3}$/.test(t)) return { error: `"${clip(text)}" is ambiguous (thousands or decimals?); write ${t.replace(',', '')} or ${t.replace(',', '.')}` };
    n = Number(t.replace(',', '.'));
  } else return { error: `question ${q.id} expects a number` };
  if (q.min !== undefined && n < q.min) return { error: `${n} is below the minimum ${q.min} of question ${q.id}` };
  if (q.max !== undefined && n > q.max) return { error: `${n} is above the maximum ${q.max} of question ${q.id}` };
  return { answer: { status: 'answered', value: n } };
}

/** Matches one non-empty cell to an answer of the question (remembered per distinct text). */
function matchCell(group: QuestionColumns, text: string, questionnaire: Questionnaire): CellMatch {
  // long free text: each cell its own (such texts rarely repeat, and the memo would hold them)
  if (group.question.type === 'text' && text.length > MEMO_TEXT_LENGTH) return matchCellOnce(group, text, questionnaire);
  const known = group.memo.get(text);
  if (known) return known;
  const match = matchCellOnce(group, text, questionnaire);
  if (group.memo.size < MEMO_LIMIT) {
    // shared between responses, so frozen: scoring only reads answers
    if (match.answer) deepFreeze(match.answer);
    Object.freeze(match);
    group.memo.set(text, match);
    if (group.recentCount < RECENT_LIMIT && text.length < RECENT_LENGTH && match.error === undefined && match.other === undefined && match.ambiguous === undefined) {
      const bucket = (group.recent[text.length] ??= { texts: [], matches: [] });
      bucket.texts.push(text);
      bucket.matches.push(match);
      group.recentCount++;
    }
  }
  return match;
}

function deepFreeze(answer: Answer): void {
  if (answer.status === 'answered' && Array.isArray(answer.value)) Object.freeze(answer.value);
  Object.freeze(answer);
}

const otherNote = (texts: string[]) => {
  const note = `Other: ${texts.join('; ')}`;
  return note.length > MAX_NOTE_CHARS ? `${note.slice(0, MAX_NOTE_CHARS - 1)}…` : note;
};

function matchCellOnce(group: QuestionColumns, text: string, questionnaire: Questionnaire): CellMatch {
  const q = group.question;
  const key = normalizeText(text);
  const exact = group.lookup.get(key);
  if (exact !== undefined) {
    const answer = fromValue(exact);
    if (q.type === 'multiple' && answer.status === 'answered') {
      const match: CellMatch = { answer: { status: 'answered', value: [exact] } };
      // a whole cell equal to a label with a separator in it could also be several ticked choices
      if (SEPARATOR.test(key)) {
        const pieces = key.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
        if (pieces.length > 1 && pieces.every((p) => group.lookup.has(p))) {
          match.ambiguous = `"${foldText(text)}" was read as one choice, but could also be ${pieces.map((p) => `"${p}"`).join(' and ')}`;
        }
      }
      return match;
    }
    return { answer };
  }
  const sp = special(q, key);
  if (sp) return sp;
  switch (q.type) {
    case 'text': {
      const value = text.trim();
      // bounded at the door: a 10 MB cell would make a result that report and history refuse
      if (value.length > MAX_FREE_TEXT_CHARS) {
        return { error: `a free-text answer of ${value.length.toLocaleString('en')} characters is longer than the ${MAX_FREE_TEXT_CHARS.toLocaleString('en')} allowed; shorten the cell` };
      }
      return { answer: { status: 'answered', value } };
    }
    case 'number':
      return parseNumber(q, text);
    case 'yesno':
      if (YES_TEXTS.has(key)) return { answer: { status: 'answered', value: 'yes' } };
      if (NO_TEXTS.has(key)) return { answer: { status: 'answered', value: 'no' } };
      return { error: `question ${q.id} expects yes or no` };
    case 'multiple': {
      const { values, unknown, ambiguous } = splitChoices(text, group.tokens, group.lookup);
      if (values.length === 0 && unknown.length === 0) return { answer: UNANSWERED };
      const checked = checkMultiple(q, values, questionnaire);
      if (checked.error) return checked;
      const match: CellMatch = unknown.length === 0 ? checked : withOther(checked, unknown);
      if (ambiguous) match.ambiguous = ambiguous;
      return match;
    }
    default: {
      const labels = labelsOf(group, questionnaire);
      const hint = didYouMean(foldText(text), labels) || ` (allowed: ${listShort(labels, 6)})`;
      return { error: `not an answer of ${q.id}${hint}` };
    }
  }
}

/** Adds Other text to a match: beside recognised choices, or alone (then the question counts as unanswered, the text kept). */
function withOther(match: CellMatch, other: string[]): CellMatch {
  const note = otherNote(other);
  const a = match.answer;
  if (a && a.status === 'answered' && (!Array.isArray(a.value) || a.value.length > 0)) return { answer: { ...a, note }, other };
  if (a && a.status !== 'answered' && a.status !== 'unanswered') return { answer: { ...a, note }, other };
  return { answer: { status: 'unanswered', note }, other };
}

function checkMultiple(q: Question, values: OptionValue[], questionnaire: Questionnaire): CellMatch {
  if (values.length === 0) return { answer: { status: 'answered', value: [] } };
  const special = values.find((v) => [DONT_KNOW, NOT_APPLICABLE].includes(String(v).toLowerCase()));
  if (special !== undefined) {
    if (values.length > 1) return { error: `"${special}" cannot be combined with other answers` };
    return { answer: fromValue(special) };
  }
  const exclusive = questionOptions(q, questionnaire).find((o) => o.exclusive && values.some((v) => String(v) === String(o.value)));
  if (exclusive && values.length > 1) return { error: `"${exclusive.label}" cannot be combined with other answers of ${q.id}` };
  return { answer: { status: 'answered', value: values } };
}

interface GroupMatch extends CellMatch {
  /** 0-based column of the error or the ambiguity. */
  column?: number;
  /** The text that was not understood. */
  text?: string;
}

const NOTHING: GroupMatch = Object.freeze({});
const blank = (cell: string | undefined) => cell === undefined || cell.trim() === '';

/** Matches a question's cells in one row. */
function matchGroup(group: QuestionColumns, cells: string[], questionnaire: Questionnaire): GroupMatch {
  if (group.simple) {
    // the common case, once per cell of a large file: no arrays, no trimming of remembered texts
    const c = group.main[0]!;
    const text = cells[c];
    if (text === undefined || text === '') return NOTHING;
    const bucket = text.length < RECENT_LENGTH ? group.recent[text.length] : undefined;
    if (bucket !== undefined) {
      const texts = bucket.texts;
      for (let i = 0; i < texts.length; i++) if (texts[i] === text) return bucket.matches[i]!;
    }
    if (text.trim() === '') return NOTHING;
    const m = matchCell(group, text, questionnaire);
    return m.error !== undefined || m.ambiguous !== undefined ? { ...m, column: c, text } : m;
  }
  return matchSpread(group, cells, questionnaire);
}

/** A question spread over several columns: its answer column(s), one column per choice, Other text. */
function matchSpread(group: QuestionColumns, cells: string[], questionnaire: Questionnaire): GroupMatch {
  const q = group.question;
  const filledMain = group.main.filter((c) => !blank(cells[c]));
  let result: GroupMatch = {};
  if (filledMain.length > 1) {
    const distinct = new Set(filledMain.map((c) => normalizeText(cells[c]!)));
    if (distinct.size > 1) {
      return {
        column: filledMain[1]!,
        text: filledMain.map((c) => cells[c]!.trim()).join(' / '),
        error: `the row answers question ${q.id} in ${filledMain.length} columns (${filledMain.map((c) => c + 1).join(' and ')}) with different answers, so neither is counted`,
      };
    }
  }
  if (filledMain.length > 0) {
    const c = filledMain[0]!;
    const m = matchCell(group, cells[c]!, questionnaire);
    result = m.error !== undefined || m.ambiguous !== undefined ? { ...m, column: c, text: cells[c]! } : { ...m };
  } else if (group.choices.length > 0) {
    const values: OptionValue[] = [];
    const other: string[] = [];
    for (const { column, choice } of group.choices) {
      const cell = cells[column];
      if (blank(cell)) continue;
      const key = normalizeText(cell!);
      if (NOT_TICKED.has(key)) continue;
      const byLabel = group.lookup.get(key);
      let value: OptionValue | undefined;
      if (choice !== undefined) value = TICKED.has(key) || byLabel === undefined ? choice : byLabel;
      else if (byLabel !== undefined) value = byLabel;
      else {
        const sp = special(q, key);
        if (sp?.answer) value = sp.answer.status === 'dont-know' ? DONT_KNOW : NOT_APPLICABLE;
        else if (sp?.error) return { column, text: cell!, error: sp.error };
        else other.push(cell!.trim());
      }
      if (value !== undefined && !values.some((v) => String(v) === String(value))) values.push(value);
    }
    if (values.length > 0 || other.length > 0) {
      const checked = checkMultiple(q, values, questionnaire);
      if (checked.error) {
        const filled = group.choices.map((ch) => ch.column).filter((c) => !blank(cells[c]));
        return { column: filled[0], text: filled.map((c) => cells[c]!.trim()).join('; '), error: checked.error };
      }
      result = other.length > 0 ? withOther(checked, other) : checked;
    }
  }
  if (result.error !== undefined) return result;
  // Other text columns
  const typed: string[] = [];
  for (const c of group.others) {
    const cell = cells[c];
    if (blank(cell)) continue;
    const key = normalizeText(cell!);
    if (TICKED.has(key) || NOT_TICKED.has(key)) continue;
    typed.push(cell!.trim());
  }
  if (typed.length > 0) {
    let base = result.answer;
    if (base && base.note !== undefined) {
      const { note: _old, ...rest } = base;
      void _old;
      base = rest as Answer;
    }
    const merged = withOther(base ? { answer: base } : {}, [...(result.other ?? []), ...typed]);
    result = { ...result, answer: merged.answer, other: merged.other };
  }
  return result;
}

/** Question conditions see no dimension scores while answers are read. */
const NO_SCORES: Record<string, number | null> = Object.freeze({});
/** Shared by every blank cell (answers are only read downstream). */
const UNANSWERED: Answer = Object.freeze({ status: 'unanswered' });

/** An Other text of a question as shown: its count, and the text as typed when it is the only one shown so (for a mapping line). */
interface OtherText {
  count: number;
  typed: string | undefined;
}

/** Distinct unmatched texts tracked with counts; beyond this, cells are only counted. */
const MAX_GROUPS = 2000;
/** Cell texts whose group (or shown form) is remembered, so that each is redacted once; past it, once per cell. */
const TEXTS_REMEMBERED = 10000;

/**
 * Streams a survey export: calls `onResponse` once per respondent row, in file
 * order, with the answers by question index (see IndexedResponse: the object and its
 * arrays are reused for the next row, so `onResponse` copies what it keeps).
 * Unmatched cells count as unanswered and are reported in the summary,
 * once per distinct text; with `strict`, an InputError listing them is thrown
 * after the whole file has been read (responses already handed over must then
 * be discarded). CSV and .xlsx (by the file's extension) are read the same way.
 */
export async function forEachSurveyResponse(
  file: string,
  loaded: LoadedQuestionnaire,
  opts: SurveyOptions,
  onResponse: (response: IndexedResponse) => void,
): Promise<SurveySummary> {
  const { questionnaire } = loaded;
  const origin = { kind: 'survey' as const, file };
  const mapping = opts.map ? loadMapping(opts.map, questionnaire) : undefined;
  const forced = (opts.format ?? mapping?.format) as SurveyFormat | undefined;
  const xlsx = isXlsxPath(file);
  const pending: { cells: string[]; line: number }[] = [];
  let shape: Shape | undefined;
  let plan: Plan | undefined;
  let header: { cells: string[]; line: number } | undefined;
  let rowsRead = 0;
  let rows = 0;
  let unmatchedCells = 0;
  let hiddenAnswers = 0;
  let otherTexts = 0;
  /** Other notes kept per question, and the Other notes dropped past MAX_OTHER_NOTES. */
  const otherNotesKept = new Map<string, number>();
  let otherNotesDropped = 0;
  let ambiguousCells = 0;
  /** The first ambiguous cell: its row's line, 0-based column, question and message. */
  let ambiguousFirst: { line: number; column: number; id: string; text: string } | undefined;
  const setAside = { count: 0, lines: [] as number[] };
  const unfinished = { count: 0, excluded: opts.includeUnfinished !== true };
  const rolesRefused = { count: 0, lines: [] as number[] };
  const groups = new Map<string, UnmatchedGroup>();
  let ungrouped = 0;
  /** Other texts per question: each distinct text as shown with its count (bounded), and how many in all, for the summary and alias suggestions. */
  const others = new Map<string, { texts: Map<string, OtherText>; total: number; untold: number }>();
  /** Each Other text as shown (see quote), remembered so that a text is redacted once. */
  const shownOther = new Map<string, string>();
  const roleSpelling = new Map<string, string>();
  const roleOfCell = new Map<string, string | null>();
  /** Whether a segment cell may name a group (no personal data), remembered per text: units and sites repeat on every row. */
  const groupNames = new Map<string, boolean>();
  const isGroupName = (cell: string): boolean => {
    let ok = groupNames.get(cell);
    if (ok === undefined) {
      ok = !holdsPersonalData(cell);
      if (groupNames.size < MEMO_LIMIT) groupNames.set(cell, ok);
    }
    return ok;
  };
  /** The first few role cells seen, by length, compared directly before the map is asked (as for answer cells). */
  const recentRoles: ({ texts: string[]; roles: (string | null)[] } | undefined)[] = [];
  let recentRoleCount = 0;
  /** The role a role cell stands for ('' for none, null when refused). */
  const roleOf = (cell: string): string | null => {
    const text = cell.trim();
    if (text === '') return '';
    if (text.length > MAX_ROLE_LENGTH || holdsPersonalData(text)) return null;
    const key = normalizeText(text);
    const grouped = mapping?.roles.get(key);
    if (grouped !== undefined) return grouped;
    // "Staff" and "staff " are one group: keep the first spelling seen
    if (!roleSpelling.has(key)) roleSpelling.set(key, foldText(text));
    return roleSpelling.get(key)!;
  };
  /** A respondent's text as a message quotes it (see SurveyOptions.freeText). */
  const quote = opts.freeText === 'shown' ? (text: string) => text : redactPersonalData;
  /**
   * Unmatched texts are grouped as they are shown: texts that differ only in a removed
   * address or number are one group (the cap on groups counts what is listed). `groupOf`
   * remembers each text's group (null: past the cap), so a text is redacted once.
   */
  const groupOf = new Map<string, UnmatchedGroup | null>();
  const unmatched = (p: Plan, group: QuestionColumns, line: number, column: number, text: string, why: string) => {
    unmatchedCells++;
    const typedKey = `${column}\u0000${normalizeText(text)}`;
    let g = groupOf.get(typedKey);
    if (g === undefined) {
      // redacted before it is clipped: an address cut short would no longer be recognised
      const shown = quote(text);
      const shownKey = shown === text ? typedKey : `${column}\u0000${normalizeText(shown)}`;
      g = groups.get(shownKey) ?? null;
      if (g) {
        // a second text shown alike: no single text to suggest a mapping line for
        delete g.key;
      } else if (groups.size < MAX_GROUPS) {
        const typed = text.trim();
        g = {
          questionId: group.question.id,
          column: column + 1,
          header: (p.headers[column]?.trim() || p.headers[group.columns[0]!]?.trim()) ?? '',
          text: clip(shown),
          ...(shown === text ? (typed.length <= MAX_MAPPING_KEY ? { key: typed } : {}) : { redacted: true }),
          why: quote(why),
          count: 0,
          lines: [],
        };
        groups.set(shownKey, g);
      }
      if (groupOf.size < TEXTS_REMEMBERED) groupOf.set(typedKey, g);
    }
    if (g === null) {
      ungrouped++;
      return;
    }
    g.count++;
    if (g.lines.length < LINES_PER_GROUP) g.lines.push(line);
  };

  /** The row's answers by question index, the same array for every row (questions without a column stay undefined). */
  const rowAnswers: (Answer | undefined)[] = new Array(questionnaire.questions.length).fill(undefined);
  /** What conditions see of the row's answers so far, by id: only the answers some condition reads are kept. */
  const seen: Record<string, Answer | undefined> = {};
  const conditionContext: ConditionContext = { dimensions: NO_SCORES, overall: null, answers: seen };
  const response: IndexedResponse = { source: '', answers: rowAnswers, origin };

  /** Rows that repeat the header row: a second export joined to the first (cat a.csv b.csv), not a respondent. */
  const headerRepeats = { count: 0, lines: [] as number[] };
  let headerTrimmed: string[] | undefined;
  const repeatsHeader = (cells: string[], headers: string[]): boolean => {
    headerTrimmed ??= headers.map((h) => h.trim());
    let first = cells[0] ?? '';
    if (first.charCodeAt(0) === 0xfeff) {
      // the joined export's byte-order mark stays in its first cell, and keeps a quoted cell's quotes in it
      first = first.slice(1);
      if (first.length >= 2 && first.startsWith('"') && first.endsWith('"')) first = first.slice(1, -1).replace(/""/g, '"');
    }
    if (first.trim() !== headerTrimmed[0] || headerTrimmed[0] === '') return false;
    for (let i = 1; i < headerTrimmed.length; i++) if ((cells[i] ?? '').trim() !== headerTrimmed[i]) return false;
    return true;
  };

  const handleRow = (cells: string[], line: number) => {
    const p = plan!;
    if (repeatsHeader(cells, p.headers)) {
      headerRepeats.count++;
      if (headerRepeats.lines.length < MAX_LINES) headerRepeats.lines.push(line);
      return;
    }
    rowsRead++;
    // a row with another number of fields than the header is two rows run together or one typed with another delimiter
    if (!xlsx && (cells.length < p.headers.length || (cells.length > p.headers.length && cells.slice(p.headers.length).some((c) => c.trim() !== '')))) {
      setAside.count++;
      if (setAside.lines.length < MAX_LINES) setAside.lines.push(line);
      return;
    }
    if (p.status) {
      const cell = (cells[p.status.column] ?? '').trim();
      const done = p.status.kind === 'submitdate' ? cell !== '' : !['0', 'false', 'no'].includes(cell.toLowerCase());
      if (!done) {
        unfinished.count++;
        if (unfinished.excluded) return;
      }
    }
    rows++;
    // as a condition saw the row's answers by id: blank for a question without condition until
    // its cell is read, absent for one with a condition until it is shown
    const referenced = p.referenced;
    for (let i = 0; i < referenced.length; i++) seen[referenced[i]!.id] = referenced[i]!.when ? undefined : UNANSWERED;
    for (const group of p.questions) {
      if (group.when && !evaluateCondition(group.when, conditionContext)) {
        // the form showed a question the questionnaire would have skipped: its answer cannot count
        if (group.columns.some((c) => !blank(cells[c]))) hiddenAnswers++;
        rowAnswers[group.index] = undefined;
        continue;
      }
      const m = matchGroup(group, cells, questionnaire);
      if (m.error !== undefined) unmatched(p, group, line, m.column ?? group.columns[0]!, m.text ?? '', m.error);
      if (m.other) {
        otherTexts++;
        let table = others.get(group.id);
        if (!table) others.set(group.id, (table = { texts: new Map(), total: 0, untold: 0 }));
        for (const t of m.other) {
          table.total++;
          // counted as shown: texts that differ only in a removed address or number are one
          let shown = shownOther.get(t);
          if (shown === undefined) {
            shown = quote(t);
            if (shownOther.size < TEXTS_REMEMBERED) shownOther.set(t, shown);
          }
          const known = table.texts.get(shown);
          if (known) {
            known.count++;
            if (known.typed !== t) known.typed = undefined;
          } else if (table.texts.size < MAX_GROUPS) table.texts.set(shown, { count: 1, typed: shown === t ? t : undefined });
          else table.untold++;
        }
      }
      if (m.ambiguous !== undefined) {
        ambiguousCells++;
        ambiguousFirst ??= { line, column: m.column ?? group.columns[0]!, id: group.id, text: quote(m.ambiguous) };
      }
      let answer = m.error === undefined && m.answer ? m.answer : UNANSWERED;
      if (m.other && answer.note !== undefined) {
        const kept = otherNotesKept.get(group.id) ?? 0;
        if (kept >= MAX_OTHER_NOTES) {
          // past the cap the answer keeps its choices, not the note
          const { note: _dropped, ...rest } = answer;
          void _dropped;
          answer = rest.status === 'unanswered' ? UNANSWERED : (rest as Answer);
          otherNotesDropped++;
        } else otherNotesKept.set(group.id, kept + 1);
      }
      rowAnswers[group.index] = answer;
      if (group.referenced) seen[group.id] = answer;
    }
    response.source = `${file} row ${rows}`;
    if (p.notAsked) response.notAsked = p.notAsked;
    response.segments = undefined;
    response.role = undefined;
    response.respondent = undefined;
    if (p.segments.length > 0) {
      const segments: Record<string, string> = {};
      for (const g of p.segments) {
        const cell = (cells[g.column] ?? '').trim();
        // like a role cell: an e-mail address, a phone number or a long text is not a group
        if (cell !== '' && cell.length <= MAX_ROLE_LENGTH && isGroupName(cell)) segments[g.name] = cell;
      }
      response.segments = segments;
    }
    if (p.roleColumn !== undefined) {
      const cell = cells[p.roleColumn] ?? '';
      let role: string | null | undefined;
      const bucket = cell.length < RECENT_LENGTH ? recentRoles[cell.length] : undefined;
      if (bucket !== undefined) {
        for (let i = 0; i < bucket.texts.length; i++) {
          if (bucket.texts[i] === cell) {
            role = bucket.roles[i];
            break;
          }
        }
      }
      if (role === undefined) role = roleOfCell.get(cell);
      if (role === undefined) {
        role = roleOf(cell);
        // a cell's role never changes once seen (the first spelling wins), so it is looked up once
        if (roleOfCell.size < MEMO_LIMIT) {
          roleOfCell.set(cell, role);
          if (recentRoleCount < RECENT_LIMIT && cell.length < RECENT_LENGTH) {
            const list = (recentRoles[cell.length] ??= { texts: [], roles: [] });
            list.texts.push(cell);
            list.roles.push(role);
            recentRoleCount++;
          }
        }
      }
      if (role === null) {
        rolesRefused.count++;
        if (rolesRefused.lines.length < MAX_LINES) rolesRefused.lines.push(line);
      } else if (role !== '') response.role = role;
    }
    if (p.respondentColumn !== undefined) {
      const name = (cells[p.respondentColumn] ?? '').trim();
      if (name !== '') response.respondent = name;
    }
    onResponse(response);
  };

  const decide = () => {
    shape = detectShape(
      pending.map((r) => r.cells),
      forced,
    );
    header = pending[0]!;
    plan = buildPlan(file, header.line, header.cells, shape, questionnaire, opts, mapping);
    for (const r of pending.slice(shape.headerRows)) handleRow(r.cells, r.line);
    pending.length = 0;
  };
  const onRow = ({ cells, line }: { cells: string[]; line: number }) => {
    if (plan) {
      handleRow(cells, line);
      return;
    }
    pending.push({ cells, line });
    if (pending.length === 3) decide();
  };

  let delimiter = '';
  let encoding = 'xlsx';
  /** Where a cell is in a SurveyJS file, whose rows are respondents rather than lines (see JsonRows). */
  let placeOf: JsonRows['placeOf'] | undefined;
  let sheet: string | undefined;
  const encodingNotes: string[] = [];
  if (xlsx) {
    const read = await streamXlsx(file, onRow, { sheet: opts.sheet });
    sheet = read.sheet;
    const f = read.formulasWithoutValue;
    if (f) {
      encodingNotes.push(
        `${f.count} cell${f.count === 1 ? '' : 's'} of the sheet "${sheet}" ${f.count === 1 ? 'holds a formula' : 'hold formulas'} with no value to read (never calculated, or an error such as #DIV/0!; the first at ${file}:${f.line}:${f.column}) and ${f.count === 1 ? 'was' : 'were'} read as blank; if a program wrote the workbook, open it in Excel and save it so that the values are stored.`,
      );
    }
  } else if (isJsonPath(file)) {
    // SurveyJS results: one object per respondent (src/load/json-rows.ts)
    placeOf = readJsonRows(file, onRow).placeOf;
    encoding = 'utf-8';
  } else {
    const csv = await streamCsv(file, onRow, { delimiter: mapping?.delimiter, encoding: opts.encoding ?? mapping?.encoding });
    delimiter = csv.delimiter;
    encoding = csv.encoding;
    if (csv.encodingFrom === 'guess' && csv.encoding === 'windows-1252') {
      encodingNotes.push(`${file} is not UTF-8; it was read as windows-1252 (Excel's "CSV" on Western systems). If letters look wrong, give its encoding with --encoding.`);
    } else if (csv.encoding !== 'utf-8' && csv.encodingFrom !== 'option') {
      encodingNotes.push(`${file} was read as ${csv.encoding.toUpperCase()} (${csv.encodingFrom === 'bom' ? 'from its byte-order mark' : 'from its bytes'}).`);
    }
  }
  if (!plan && pending.length === 0) throw new InputError(`${file} is empty; give a survey export with a header row and one row per respondent.`);
  if (!plan) decide();
  const p = plan!;
  const s = shape!;
  /** A cell's place for a message: its line and 1-based column (CSV, .xlsx), its real place in a SurveyJS file. */
  const placeOfCell = (line: number, column: number): { line: number; column: number } => (placeOf ? placeOf(line, column) : { line, column: column + 1 });
  /** The rows named in a message: lines (CSV), sheet rows (.xlsx), respondents (SurveyJS, by position in the array). */
  const rowsNamed = (lines: number[], total: number, one: boolean) =>
    placeOf ? `respondent${one ? '' : 's'} ${listLines(lines.map((l) => l - 1), total)}` : `line${one ? '' : 's'} ${listLines(lines, total)}`;

  const warnings = [...encodingNotes, ...p.warnings];
  if (s.headerRows > 1) warnings.push(`read ${s.headerRows} header rows (${s.format} export).`);
  if (setAside.count > 0) {
    warnings.push(
      `${setAside.count} row${setAside.count === 1 ? ' was' : 's were'} set aside because ${setAside.count === 1 ? 'its' : 'their'} number of fields differs from the header's ${p.headers.length} (a stray line break, or a row typed with another delimiter): line${setAside.count === 1 ? '' : 's'} ${listLines(setAside.lines, setAside.count)}; fix ${setAside.count === 1 ? 'it' : 'them'} in the export to count ${setAside.count === 1 ? 'it' : 'them'}.`,
    );
  }
  if (headerRepeats.count > 0) {
    warnings.push(
      `${headerRepeats.count} row${headerRepeats.count === 1 ? ' repeats' : 's repeat'} the header row (exports joined into one file?): ${rowsNamed(headerRepeats.lines, headerRepeats.count, headerRepeats.count === 1)}; ${headerRepeats.count === 1 ? 'it is' : 'they are'} not ${headerRepeats.count === 1 ? 'a respondent' : 'respondents'} and ${headerRepeats.count === 1 ? 'was' : 'were'} left out.`,
    );
  }
  if (unfinished.count > 0) {
    warnings.push(
      unfinished.excluded
        ? `${unfinished.count} unfinished response${unfinished.count === 1 ? ' was' : 's were'} left out (${p.status!.kind === 'submitdate' ? 'no submitdate' : 'Finished is 0'}); give --include-unfinished to score ${unfinished.count === 1 ? 'it' : 'them'}.`
        : `${unfinished.count} unfinished response${unfinished.count === 1 ? ' is' : 's are'} included (--include-unfinished).`,
    );
  }
  if (rolesRefused.count > 0) {
    warnings.push(
      `${rolesRefused.count} role cell${rolesRefused.count === 1 ? ' was' : 's were'} refused as a role (longer than ${MAX_ROLE_LENGTH} characters, or holding an e-mail address or a phone number), on ${rowsNamed(rolesRefused.lines, rolesRefused.count, rolesRefused.count === 1)}; ${rolesRefused.count === 1 ? 'that respondent counts' : 'those respondents count'} without a role.`,
    );
  }
  if (hiddenAnswers > 0) {
    warnings.push(`${hiddenAnswers} answer${hiddenAnswers === 1 ? ' was' : 's were'} given to questions that their condition hides for that respondent; they were not counted.`);
  }
  if (ambiguousCells > 0) {
    const at = placeOfCell(ambiguousFirst!.line, ambiguousFirst!.column);
    const example = `${file}:${at.line}:${at.column} ${ambiguousFirst!.id}: ${ambiguousFirst!.text}`;
    warnings.push(
      `${ambiguousCells} multiple-choice cell${ambiguousCells === 1 ? ' was' : 's were'} ambiguous and read with the longest matching choice, e.g. ${example}; if that is wrong, add aliases under \`values:\` in a mapping file.`,
    );
  }
  const fixes: string[] = [...p.fixes];
  const valueFixes = new Map<string, string[]>();
  const addFix = (qid: string, line: string) => {
    const list = valueFixes.get(qid) ?? [];
    if (list.length < 10 && !list.includes(line)) list.push(line);
    valueFixes.set(qid, list);
  };
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const suggestion = (q: Question, text: string): string | undefined => {
    const options = questionOptions(q, questionnaire);
    if (q.type === 'yesno') return /"(.*)"/.exec(didYouMean(text, ['yes', 'no']))?.[1] ?? 'yes|no';
    if (options.length === 0) return undefined;
    const label = /"(.*)"/.exec(didYouMean(text, options.map((o) => o.label)))?.[1];
    const option = options.find((o) => o.label === label);
    return option ? String(option.value) : options.map((o) => String(o.value)).join('|');
  };
  if (otherTexts > 0) {
    const parts: string[] = [];
    for (const [qid, { texts, total, untold }] of others) {
      const top = [...texts].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
      parts.push(`${qid}: ${top.slice(0, 5).map(([shown, e]) => `"${clip(shown)}" ${e.count}×`).join(', ')}${top.length > 5 ? ` and ${top.length - 5} more distinct texts` : ''}${untold > 0 ? `, and ${untold} more with texts past the first ${MAX_GROUPS} distinct ones, not counted by text` : ''} (${total} in all)`);
      const q = byId.get(qid)!;
      for (const [, { typed }] of top.slice(0, 10)) {
        // no mapping line for a text that holds personal data, stands for several, or is too long to be one
        if (typed === undefined || typed.trim().length > MAX_MAPPING_KEY) continue;
        const options = questionOptions(q, questionnaire);
        const near = /"(.*)"/.exec(didYouMean(typed, options.map((o) => o.label)))?.[1];
        const option = options.find((o) => o.label === near);
        if (option) addFix(qid, `    ${yamlText(typed)}: ${yamlText(String(option.value))}`);
      }
    }
    warnings.push(
      `${otherTexts} answer${otherTexts === 1 ? '' : 's'} carried text that is no choice of the question; ${otherTexts === 1 ? 'it is' : 'they are'} kept as the respondent's "Other" answer beside the recognised choices: ${parts.join('; ')}.`,
    );
    if (otherNotesDropped > 0) {
      warnings.push(
        `only the first ${MAX_OTHER_NOTES} Other texts of a question are kept as notes; ${otherNotesDropped} more ${otherNotesDropped === 1 ? 'was' : 'were'} counted above but not kept (their ticked choices count).`,
      );
    }
  }
  const problems: Problem[] = [];
  const unmatchedList = [...groups.values()];
  for (const g of unmatchedList) {
    const q = byId.get(g.questionId)!;
    const suggested = suggestion(q, g.text);
    if (problems.length < MAX_LISTED_PROBLEMS) {
      const at = placeOfCell(g.lines[0]!, g.column - 1);
      const where = g.count > 1 ? ` (${g.count} cells, ${rowsNamed(g.lines, g.count, false)})` : placeOf ? ` (${rowsNamed(g.lines, 1, true)})` : '';
      problems.push({ file, line: at.line, column: at.column, path: g.header, message: `"${g.text}" was not understood: ${g.why}.${where}` });
    }
    if (suggested !== undefined && g.key !== undefined && !g.why.includes('columns')) addFix(g.questionId, `    ${yamlText(g.key)}: ${suggested}`);
  }
  if (valueFixes.size > 0) {
    fixes.push('values:');
    for (const [qid, lines] of valueFixes) fixes.push(`  ${qid}:`, ...lines);
  }
  if (unmatchedCells > 0) {
    const distinct = groups.size + (ungrouped > 0 ? ungrouped : 0);
    warnings.push(
      `${unmatchedCells} cell${unmatchedCells === 1 ? '' : 's'} (${groups.size} distinct text${groups.size === 1 ? '' : 's'}${ungrouped > 0 ? ` and ${ungrouped} more cells` : ''}) could not be matched to an allowed answer and count${unmatchedCells === 1 ? 's' : ''} as unanswered${distinct > problems.length ? ` (${problems.length === 1 ? 'the first is listed' : `the first ${problems.length} are listed`})` : ''}.`,
    );
  }
  if (opts.strict && (unmatchedCells > 0 || setAside.count > 0)) {
    const details = problems.map(formatProblem);
    if (unmatchedList.length > problems.length) {
      // cells past the distinct texts told apart are counted, not grouped: they are more texts still
      details.push(`... and ${unmatchedList.length - problems.length} more distinct texts${ungrouped > 0 ? `, and ${ungrouped} more cells with texts past the first ${MAX_GROUPS} distinct ones` : ''}.`);
    }
    if (setAside.count > 0) details.push(`${file}: rows set aside (their number of fields differs from the header's): lines ${listLines(setAside.lines, setAside.count)}.`);
    const total = unmatchedCells + setAside.count;
    throw new InputError(
      `${file} has ${total} problem${total === 1 ? '' : 's'} that --strict refuses; fix ${total === 1 ? 'it' : 'them'} (or add answer aliases to a mapping file), or run without --strict to count unmatched cells as unanswered.`,
      details,
    );
  }
  const summary: SurveySummary = {
    rows,
    rowsRead,
    setAside,
    unfinished,
    rolesRefused,
    otherTexts,
    unmatchedCells,
    problems,
    unmatched: unmatchedList,
    ignoredColumns: p.ignored,
    warnings,
    fixes,
    delimiter,
    encoding,
    format: s.format,
  };
  if (sheet !== undefined) summary.sheet = sheet;
  return summary;
}

/** The whole export as an array of Responses (convenient; memory grows with the rows). */
export async function loadSurveyResponses(
  file: string,
  loaded: LoadedQuestionnaire,
  opts: SurveyOptions = {},
): Promise<SurveySummary & { responses: Response[] }> {
  const responses: Response[] = [];
  const summary = await forEachSurveyResponse(file, loaded, opts, (r) => void responses.push(surveyResponse(r, loaded.questionnaire)));
  return { ...summary, responses };
}

/**
 * A survey row as a Response of its own (answers by id; nothing shared with the next row):
 * the questions without a condition in questionnaire order, then those with one that were shown.
 */
export function surveyResponse(row: IndexedResponse, questionnaire: Questionnaire): Response {
  const answers: Record<string, Answer> = {};
  const { questions } = questionnaire;
  for (let i = 0; i < questions.length; i++) if (!questions[i]!.when && row.answers[i] !== undefined) answers[questions[i]!.id] = row.answers[i]!;
  for (let i = 0; i < questions.length; i++) if (questions[i]!.when && row.answers[i] !== undefined) answers[questions[i]!.id] = row.answers[i]!;
  const response: Response = { source: row.source, answers };
  if (row.origin) response.origin = row.origin;
  if (row.notAsked) response.notAsked = row.notAsked;
  if (row.segments) response.segments = row.segments;
  if (row.role !== undefined) response.role = row.role;
  if (row.respondent !== undefined) response.respondent = row.respondent;
  return response;
}
