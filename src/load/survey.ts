// Survey exports (CSV, one row per respondent) into checked Responses.
// Columns are matched to questions by id, by question text, or by a mapping
// file; cells are matched to allowed answers by value, by label, or by the
// mapping's aliases. Rows are streamed: forEachSurveyResponse hands each
// Response to a callback and keeps nothing per row, so memory does not grow
// with the file (apart from a bounded list of problems).
//
// Decisions (documented for users in the mapping skeleton and docs):
// - a column literally named "role" is the role column unless another is named;
// - respondent names are read only from a column explicitly named as the
//   respondent column: e-mail and name columns are otherwise ignored (privacy);
// - SurveyMonkey's second header row is recognised (a "Response" /
//   "Open-Ended Response" cell and an empty first cell) and used as sub-labels:
//   a question whose header spans several columns (one per choice) is read
//   from all of them;
// - numbers accept a decimal comma ("3,5"), except with exactly three digits
//   after it ("1,500"), which is ambiguous and reported;
// - multiple choice cells may list several answers separated by ";" or ",";
//   the longest known label wins, so labels that contain commas still match.
import { InputError, formatProblem, type Problem } from '../errors.js';
import type { Answer, Response } from '../model/answers.js';
import type { OptionValue, Question, Questionnaire } from '../model/questionnaire.js';
import { DONT_KNOW, NOT_APPLICABLE } from '../model/special-answers.js';
import { evaluateCondition, type ConditionContext } from '../score/conditions.js';
import { streamCsv } from './csv.js';
import { loadMapping, normalizeText, questionOptions, type SurveyMapping } from './mapping.js';
import type { LoadedQuestionnaire } from './questionnaire.js';
import { didYouMean } from './source.js';

export interface SurveyOptions {
  /** A mapping file (YAML): column -> question id, role/respondent columns, answer aliases. */
  map?: string;
  /** The column holding each respondent's role (overrides the mapping's roleColumn). */
  roleColumn?: string;
  /** Refuse the file when any cell cannot be matched, or a question has two columns. */
  strict?: boolean;
  /** The column holding respondent names. Without it no name or e-mail is read. */
  respondentColumn?: string;
}

export interface SurveySummary {
  /** Data rows read (one per respondent; empty lines and header rows excluded). */
  rows: number;
  /** Non-empty cells that could not be matched and were counted as unanswered. */
  unmatchedCells: number;
  /** Unmatched cells and duplicated columns, with file:line:column (at most MAX_LISTED_PROBLEMS). */
  problems: Problem[];
  /** Headers of columns that answer no question (Timestamp, Email, ...). */
  ignoredColumns: string[];
  /** One-line notes to show the user (ignored columns, questions without a column, ...). */
  warnings: string[];
  /** The delimiter used. */
  delimiter: string;
}

/** Problems kept in detail; beyond this they are only counted (a 100,000-row file may have many). */
export const MAX_LISTED_PROBLEMS = 200;

const DONT_KNOW_TEXTS = new Set(["don't know", 'don’t know', 'dont know', 'do not know', 'dont-know', 'unknown']);
const NOT_APPLICABLE_TEXTS = new Set(['n/a', 'na', 'n.a.', 'not applicable', 'does not apply']);
const YES_TEXTS = new Set(['yes', 'y', 'true']);
const NO_TEXTS = new Set(['no', 'n', 'false']);
const SUBHEADER_MARKERS = new Set(['response', 'open-ended response']);

type CellMatch = { answer: Answer } | { error: string };

interface QuestionColumns {
  question: Question;
  /** 0-based column indexes; more than one only for SurveyMonkey choice-per-column groups. */
  columns: number[];
  /** Second-row sub-labels (SurveyMonkey), by column index. */
  subLabels: Map<number, string>;
  /** Known answer texts (normalized) -> value, longest first, for multiple choice. */
  tokens: [string, OptionValue][];
  /** Exact answer texts (normalized) -> value for likert/single. */
  lookup: Map<string, OptionValue>;
  /** Raw cell text -> its match: survey cells repeat the same few labels, so each is matched once. */
  memo: Map<string, CellMatch>;
  /**
   * The first few remembered texts and their matches, scanned before the memo:
   * comparing a fresh cell with a handful of labels is cheaper than hashing it.
   */
  recentTexts: string[];
  recentMatches: CellMatch[];
}

/** Distinct cell texts remembered per question; beyond this (free text, numbers) cells are matched each time. */
const MEMO_LIMIT = 512;
/** Remembered texts compared directly (a scale's labels, yes/no, a few numbers). */
const RECENT_LIMIT = 8;

interface Plan {
  headers: string[];
  questions: QuestionColumns[];
  roleColumn?: number;
  respondentColumn?: number;
  ignored: string[];
  warnings: string[];
  duplicateProblems: Problem[];
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

function listShort(items: string[], max = 8): string {
  const shown = items.slice(0, max).map((h) => `"${clip(h)}"`);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}

function answerTexts(q: Question, questionnaire: Questionnaire, mapping?: SurveyMapping): Map<string, OptionValue> {
  const table = new Map<string, OptionValue>();
  for (const o of questionOptions(q, questionnaire)) {
    table.set(normalizeText(String(o.value)), o.value);
    table.set(normalizeText(o.label), o.value);
  }
  for (const [alias, value] of mapping?.values.get(q.id) ?? []) table.set(alias, value);
  return table;
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

function buildPlan(
  file: string,
  headerLine: number,
  headers: string[],
  subLabels: string[] | undefined,
  questionnaire: Questionnaire,
  opts: SurveyOptions,
  mapping: SurveyMapping | undefined,
): Plan {
  const plan: Plan = { headers, questions: [], ignored: [], warnings: [], duplicateProblems: [] };
  const roleName = opts.roleColumn ?? mapping?.roleColumn;
  const respondentName = opts.respondentColumn ?? mapping?.respondentColumn;
  if (roleName !== undefined) plan.roleColumn = findColumn(headers, roleName, 'role', file);
  else {
    const auto = headers.findIndex((h) => normalizeText(h) === 'role');
    if (auto !== -1) plan.roleColumn = auto;
  }
  if (respondentName !== undefined) plan.respondentColumn = findColumn(headers, respondentName, 'respondent', file);

  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const byText = new Map<string, Question[]>();
  for (const q of questionnaire.questions) {
    const key = normalizeText(q.text);
    byText.set(key, [...(byText.get(key) ?? []), q]);
  }
  const groups = new Map<string, QuestionColumns>();
  const firstColumnOf = new Map<string, number>();
  let previous: QuestionColumns | undefined;
  const seenMapped = new Set<string>();

  headers.forEach((raw, index) => {
    const header = raw.trim();
    const key = normalizeText(header);
    if (index === plan.roleColumn || index === plan.respondentColumn) {
      previous = undefined;
      return;
    }
    // SurveyMonkey: a blank header under a question continues it (one column per choice)
    if (header === '' && subLabels && previous) {
      previous.columns.push(index);
      previous.subLabels.set(index, subLabels[index] ?? '');
      return;
    }
    previous = undefined;
    let question: Question | undefined;
    let how = '';
    if (mapping?.columns.has(key)) {
      seenMapped.add(key);
      const id = mapping.columns.get(key);
      question = id ? byId.get(id) : undefined;
      how = 'mapping';
      if (!question) {
        plan.ignored.push(header);
        return;
      }
    } else if (byId.has(key)) {
      question = byId.get(key);
    } else {
      const candidates = byText.get(key) ?? [];
      if (candidates.length > 1) {
        plan.warnings.push(
          `column ${index + 1} ("${clip(header)}") matches the text of several questions (${candidates.map((q) => q.id).join(', ')}); it is ignored: name the question in a mapping file.`,
        );
        plan.ignored.push(header);
        return;
      }
      question = candidates[0];
    }
    if (!question) {
      plan.ignored.push(header === '' ? `(column ${index + 1})` : header);
      return;
    }
    const earlier = firstColumnOf.get(question.id);
    if (earlier !== undefined) {
      plan.duplicateProblems.push({
        file,
        line: headerLine,
        column: index + 1,
        path: header,
        message: `question ${question.id} already has column ${earlier + 1} ("${clip(headers[earlier]!)}"); this duplicated column is ignored${how ? '' : ' (remove one, or map them in a mapping file)'}.`,
      });
      return;
    }
    firstColumnOf.set(question.id, index);
    const lookup = answerTexts(question, questionnaire, mapping);
    const group: QuestionColumns = {
      question,
      columns: [index],
      subLabels: new Map(subLabels ? [[index, subLabels[index] ?? '']] : []),
      lookup,
      memo: new Map(),
      recentTexts: [],
      recentMatches: [],
      tokens: [...lookup].sort((a, b) => b[0].length - a[0].length),
    };
    groups.set(question.id, group);
    previous = group;
  });

  // keep questionnaire order so that conditions see earlier answers first
  plan.questions = questionnaire.questions.flatMap((q) => groups.get(q.id) ?? []);
  if (plan.questions.length === 0) {
    throw new InputError(
      `no column of ${file} matches a question of ${questionnaire.id} by id or by question text; write a mapping file (\`readiness template ${questionnaire.id} --csv\` writes a skeleton) and pass it with --map.`,
      [`columns found: ${listShort(headers.filter((h) => h.trim() !== ''), 12)}`],
    );
  }
  if (mapping) {
    for (const [key, pos] of mapping.columnPositions) {
      if (!seenMapped.has(key)) {
        plan.warnings.push(`${mapping.file}:${pos.line}:${pos.column} column "${clip(pos.header)}" is not in ${file}; check its spelling against the CSV header.`);
      }
    }
  }
  if (plan.ignored.length > 0) {
    plan.warnings.push(`ignored ${plan.ignored.length} column${plan.ignored.length === 1 ? '' : 's'} that answer no question: ${listShort(plan.ignored)}.`);
  }
  const missing = questionnaire.questions.filter((q) => !groups.has(q.id)).map((q) => q.id);
  if (missing.length > 0) {
    plan.warnings.push(`${missing.length} question${missing.length === 1 ? ' has' : 's have'} no column in ${file} and count${missing.length === 1 ? 's' : ''} as unanswered: ${missing.join(', ')}.`);
  }
  for (const p of plan.duplicateProblems) plan.warnings.push(formatProblem(p));
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

/** Splits a multiple-choice cell into known answers, longest label first; unknown pieces are returned. */
function splitChoices(key: string, tokens: [string, OptionValue][]): { values: OptionValue[]; unknown: string[] } {
  const values: OptionValue[] = [];
  const unknown: string[] = [];
  let pos = 0;
  while (pos < key.length) {
    while (pos < key.length && /[\s;,]/.test(key[pos]!)) pos++;
    if (pos >= key.length) break;
    const hit = tokens.find(([t]) => {
      if (!key.startsWith(t, pos)) return false;
      const rest = key.slice(pos + t.length).trimStart();
      return rest === '' || rest[0] === ';' || rest[0] === ',';
    });
    if (hit) {
      if (!values.some((v) => String(v) === String(hit[1]))) values.push(hit[1]);
      pos += hit[0].length;
      continue;
    }
    const next = key.slice(pos).search(/[;,]/);
    const end = next === -1 ? key.length : pos + next;
    unknown.push(key.slice(pos, end).trim());
    pos = end;
  }
  return { values, unknown };
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
  if (group.question.type === 'text') return matchCellOnce(group, text, questionnaire); // free text: each cell its own
  const known = group.memo.get(text);
  if (known) return known;
  const match = matchCellOnce(group, text, questionnaire);
  if (group.memo.size < MEMO_LIMIT) {
    // shared between responses, so frozen: scoring only reads answers
    if ('answer' in match) deepFreeze(match.answer);
    group.memo.set(text, match);
    if (group.recentTexts.length < RECENT_LIMIT) {
      group.recentTexts.push(text);
      group.recentMatches.push(match);
    }
  }
  return match;
}

function deepFreeze(answer: Answer): void {
  if (answer.status === 'answered' && Array.isArray(answer.value)) Object.freeze(answer.value);
  Object.freeze(answer);
}

function matchCellOnce(group: QuestionColumns, text: string, questionnaire: Questionnaire): CellMatch {
  const q = group.question;
  const key = normalizeText(text);
  const exact = group.lookup.get(key);
  if (exact !== undefined) {
    const answer = fromValue(exact);
    if (q.type === 'multiple' && answer.status === 'answered') return { answer: { status: 'answered', value: [exact] } };
    return { answer };
  }
  const sp = special(q, key);
  if (sp) return sp;
  switch (q.type) {
    case 'text':
      return { answer: { status: 'answered', value: text.trim() } };
    case 'number':
      return parseNumber(q, text);
    case 'yesno':
      if (YES_TEXTS.has(key)) return { answer: { status: 'answered', value: 'yes' } };
      if (NO_TEXTS.has(key)) return { answer: { status: 'answered', value: 'no' } };
      return { error: `question ${q.id} expects yes or no` };
    case 'multiple': {
      const { values, unknown } = splitChoices(key, group.tokens);
      if (unknown.length > 0) {
        return { error: `${listShort(unknown, 3)} ${unknown.length === 1 ? 'is' : 'are'} not among the answers of ${q.id}${didYouMean(unknown[0]!, labelsOf(group, questionnaire))}` };
      }
      return checkMultiple(q, values, questionnaire);
    }
    default: {
      const labels = labelsOf(group, questionnaire);
      const hint = didYouMean(text.trim(), labels) || ` (allowed: ${listShort(labels, 6)})`;
      return { error: `not an answer of ${q.id}${hint}; or add an alias under \`values:\` in a mapping file` };
    }
  }
}

function checkMultiple(q: Question, values: OptionValue[], questionnaire: Questionnaire): CellMatch {
  const special = values.find((v) => [DONT_KNOW, NOT_APPLICABLE].includes(String(v).toLowerCase()));
  if (special !== undefined) {
    if (values.length > 1) return { error: `"${special}" cannot be combined with other answers` };
    return { answer: fromValue(special) };
  }
  const exclusive = questionOptions(q, questionnaire).find((o) => o.exclusive && values.some((v) => String(v) === String(o.value)));
  if (exclusive && values.length > 1) return { error: `"${exclusive.label}" cannot be combined with other answers of ${q.id}` };
  return { answer: { status: 'answered', value: values } };
}

/** Matches a question's cells in one row (several only for choice-per-column exports). */
function matchGroup(group: QuestionColumns, cells: string[], questionnaire: Questionnaire): { answer?: Answer; error?: { column: number; text: string; why: string } } {
  if (group.columns.length === 1) {
    // the common case, once per cell of a large file: no arrays, no trimming of remembered texts
    const c = group.columns[0]!;
    const text = cells[c];
    if (text === undefined || text === '') return NOTHING;
    const recent = group.recentTexts;
    for (let i = 0; i < recent.length; i++) {
      if (recent[i] === text) {
        const hit = group.recentMatches[i]!;
        if ('answer' in hit) return hit;
        break;
      }
    }
    const known = group.question.type === 'text' ? undefined : group.memo.get(text);
    if (known !== undefined && 'answer' in known) return known;
    if (text.trim() === '') return NOTHING;
    const m = known ?? matchCell(group, text, questionnaire);
    return 'answer' in m ? { answer: m.answer } : { error: { column: c, text, why: m.error } };
  }
  const filled = group.columns.filter((c) => (cells[c] ?? '').trim() !== '');
  if (filled.length === 0) return {};
  if (filled.length === 1 && group.columns.length === 1) {
    const c = filled[0]!;
    const m = matchCell(group, cells[c]!, questionnaire);
    return 'answer' in m ? { answer: m.answer } : { error: { column: c, text: cells[c]!, why: m.error } };
  }
  // one column per choice: each filled cell holds a choice (its text, or else the column's sub-label)
  const answers: Answer[] = [];
  for (const c of filled) {
    let m = matchCell(group, cells[c]!, questionnaire);
    const sub = group.subLabels.get(c);
    if ('error' in m && sub) {
      const bySub = matchCell(group, sub, questionnaire);
      if ('answer' in bySub) m = bySub;
    }
    if ('error' in m) return { error: { column: c, text: cells[c]!, why: m.error } };
    answers.push(m.answer);
  }
  if (group.question.type === 'multiple') {
    const values: OptionValue[] = [];
    for (const a of answers) {
      if (a.status !== 'answered') {
        return { error: { column: filled[0]!, text: filled.map((i) => cells[i]).join('; '), why: `"${a.status === 'dont-know' ? DONT_KNOW : NOT_APPLICABLE}" cannot be combined with other answers` } };
      }
      for (const v of a.value as OptionValue[]) if (!values.some((x) => String(x) === String(v))) values.push(v);
    }
    const m = checkMultiple(group.question, values, questionnaire);
    const c = filled[0]!;
    return 'answer' in m ? { answer: m.answer } : { error: { column: c, text: filled.map((i) => cells[i]).join('; '), why: m.error } };
  }
  const c = filled[1]!;
  return { error: { column: c, text: filled.map((i) => cells[i]).join('; '), why: `question ${group.question.id} takes one answer, found ${filled.length}` } };
}

const NOTHING: { answer?: Answer } = Object.freeze({});
/** Question conditions see no dimension scores while answers are read. */
const NO_SCORES: Record<string, number | null> = Object.freeze({});
/** Shared by every blank cell (answers are only read downstream). */
const UNANSWERED: Answer = Object.freeze({ status: 'unanswered' });

function isSubHeader(cells: string[]): boolean {
  return (cells[0] ?? '').trim() === '' && cells.some((c) => SUBHEADER_MARKERS.has(normalizeText(c)));
}

/**
 * Streams a survey export: calls `onResponse` once per data row, in file order.
 * Unmatched cells count as unanswered and are reported in the summary; with
 * `strict`, an InputError listing them is thrown after the whole file has been
 * read (responses already handed over must then be discarded).
 */
export async function forEachSurveyResponse(
  file: string,
  loaded: LoadedQuestionnaire,
  opts: SurveyOptions,
  onResponse: (response: Response) => void,
): Promise<SurveySummary> {
  const { questionnaire } = loaded;
  const mapping = opts.map ? loadMapping(opts.map, questionnaire) : undefined;
  let header: { cells: string[]; line: number } | undefined;
  let plan: Plan | undefined;
  let rows = 0;
  let unmatchedCells = 0;
  let hiddenAnswers = 0;
  let problemCount = 0;
  const problems: Problem[] = [];
  const roleSpelling = new Map<string, string>();
  const roleOfCell = new Map<string, string>();
  /** The role a role cell stands for ('' for none). */
  const roleOf = (cell: string): string => {
    const text = cell.trim();
    if (text === '') return '';
    const key = normalizeText(text);
    const grouped = mapping?.roles.get(key);
    if (grouped !== undefined) return grouped;
    // "Staff" and "staff " are one group: keep the first spelling seen
    if (!roleSpelling.has(key)) roleSpelling.set(key, text.replace(/\s+/g, ' '));
    return roleSpelling.get(key)!;
  };
  const addProblem = (p: Problem) => {
    problemCount++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push(p);
  };

  const handleRow = (cells: string[], line: number) => {
    const p = plan!;
    rows++;
    const answers: Record<string, Answer> = {};
    let ctx: ConditionContext | undefined;
    for (const group of p.questions) {
      const q = group.question;
      if (q.when && !evaluateCondition(q.when, (ctx ??= { dimensions: NO_SCORES, overall: null, answers }))) {
        // the form showed a question the questionnaire would have skipped: its answer cannot count
        if (group.columns.some((c) => (cells[c] ?? '').trim() !== '')) hiddenAnswers++;
        continue;
      }
      const { answer, error } = matchGroup(group, cells, questionnaire);
      if (error) {
        unmatchedCells++;
        addProblem({
          file,
          line,
          column: error.column + 1,
          path: p.headers[error.column]?.trim() || p.headers[group.columns[0]!]!.trim(),
          message: `"${clip(error.text)}" was not understood: ${error.why}.`,
        });
      }
      answers[q.id] = answer ?? UNANSWERED;
    }
    for (let c = p.headers.length; c < cells.length; c++) {
      if (cells[c]!.trim() === '') continue;
      unmatchedCells++;
      addProblem({ file, line, column: c + 1, path: '', message: `"${clip(cells[c]!)}" lies beyond the last header column (${p.headers.length}); check the quoting of this row.` });
    }
    const response: Response = { source: `${file} row ${rows}`, answers };
    if (p.roleColumn !== undefined) {
      const cell = cells[p.roleColumn] ?? '';
      let role = roleOfCell.get(cell);
      if (role === undefined) {
        role = roleOf(cell);
        // a cell's role never changes once seen (the first spelling wins), so it is looked up once
        if (roleOfCell.size < MEMO_LIMIT) roleOfCell.set(cell, role);
      }
      if (role !== '') response.role = role;
    }
    if (p.respondentColumn !== undefined) {
      const name = (cells[p.respondentColumn] ?? '').trim();
      if (name !== '') response.respondent = name;
    }
    onResponse(response);
  };

  const makePlan = (subLabels?: string[]) => {
    plan = buildPlan(file, header!.line, header!.cells, subLabels, questionnaire, opts, mapping);
  };
  const { delimiter } = await streamCsv(
    file,
    ({ cells, line }) => {
      if (!header) {
        header = { cells, line };
        return;
      }
      if (!plan) {
        if (isSubHeader(cells)) {
          makePlan(cells);
          return;
        }
        makePlan();
      }
      handleRow(cells, line);
    },
    { delimiter: mapping?.delimiter },
  );
  if (!header) throw new InputError(`${file} is empty; give a survey export with a header row and one row per respondent.`);
  if (!plan) makePlan();
  const p = plan!;

  const warnings = [...p.warnings];
  if (hiddenAnswers > 0) {
    warnings.push(`${hiddenAnswers} answer${hiddenAnswers === 1 ? ' was' : 's were'} given to questions that their condition hides for that respondent; they were not counted.`);
  }
  if (unmatchedCells > 0) {
    warnings.push(
      `${unmatchedCells} cell${unmatchedCells === 1 ? '' : 's'} could not be matched to an allowed answer and count${unmatchedCells === 1 ? 's' : ''} as unanswered${problemCount > problems.length ? ` (the first ${problems.length} are listed)` : ''}.`,
    );
  }
  if (opts.strict && (problemCount > 0 || p.duplicateProblems.length > 0)) {
    const all = [...p.duplicateProblems, ...problems];
    const total = problemCount + p.duplicateProblems.length;
    const details = all.map(formatProblem);
    if (total > all.length) details.push(`... and ${total - all.length} more.`);
    throw new InputError(
      `${file} has ${total} problem${total === 1 ? '' : 's'} that --strict refuses; fix ${total === 1 ? 'it' : 'them'} (or add answer aliases to a mapping file), or run without --strict to count unmatched cells as unanswered.`,
      details,
    );
  }
  return {
    rows,
    unmatchedCells,
    problems: [...p.duplicateProblems, ...problems],
    ignoredColumns: p.ignored,
    warnings,
    delimiter,
  };
}

/** The whole export as an array of Responses (convenient; memory grows with the rows). */
export async function loadSurveyResponses(
  file: string,
  loaded: LoadedQuestionnaire,
  opts: SurveyOptions = {},
): Promise<SurveySummary & { responses: Response[] }> {
  const responses: Response[] = [];
  const summary = await forEachSurveyResponse(file, loaded, opts, (r) => void responses.push(r));
  return { ...summary, responses };
}
