// Loading answers files (YAML or JSON, one per respondent) and checking them
// against a questionnaire. Every problem of every file is collected, each with
// file:line:column, so a user fixes them all in one pass.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { inertName, InputError, UsageError, type Problem } from '../errors.js';
import type { Answer, AnswerValue, Response } from '../model/answers.js';
import type { Condition, Option, OptionValue, Question, Questionnaire } from '../model/questionnaire.js';
import { evaluateCondition, referencedQuestions } from '../score/conditions.js';
import { isIsoDate } from '../store/paths.js';
import type { LoadedQuestionnaire } from './questionnaire.js';
import { fileErrorMessage, READ_LIMITS } from './safe-read.js';
import { MAX_FREE_TEXT_CHARS, MAX_NOTE_CHARS } from '../model/limits.js';
import { didYouMean, parseYaml, readTextFile, type ParsedDocument, type PathSegment } from './source.js';
import { optionsOf as choiceOptions } from '../score/item.js';
import { shellArg } from './shell-arg.js';

const HEADER_KEYS = ['questionnaire', 'organization', 'respondent', 'role', 'date', 'segments', 'answers'] as const;
const ENTRY_KEYS = ['value', 'note'] as const;
const ANSWERS_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** The first words of an answers file the interview wrote (src/cli/interview/run.ts). */
export const INTERVIEW_MARK = '# Written by the interview ';

/** Spellings accepted for the two special answers (compared lower-case, trimmed). */
const DONT_KNOW_WORDS = new Set(['dont-know', "don't know", 'dont know', "don't-know"]);
const NOT_APPLICABLE_WORDS = new Set(['n/a', 'not applicable', 'not-applicable']);
/** Text answers keep ordinary words; only the reserved tokens mean "don't know" / "n/a" there. */
const TEXT_DONT_KNOW = new Set(['dont-know']);
const TEXT_NOT_APPLICABLE = new Set(['n/a']);

/** An answers file read and shape-checked, not yet checked against a questionnaire. */
export interface ParsedAnswersFile {
  /** The path as the user gave it (for messages). */
  file: string;
  doc: ParsedDocument;
  questionnaire?: string;
  organization?: string;
  respondent?: string;
  role?: string;
  date?: string;
  /** Respondent attributes (unit, site, tenure...): attribute -> value. */
  segments?: Record<string, string>;
  /** Written by the interview (its first comment line says so). */
  fromInterview?: boolean;
  /** The raw `answers` mapping (values unchecked). */
  answers: Record<string, unknown>;
}

export interface CheckedAnswers {
  response: Response;
  problems: Problem[];
  /** Required questions, shown under the answers given, left unanswered. Not a positional problem. */
  missingRequired: string[];
}

/**
 * Reads and shape-checks one answers file. Problems (syntax, unknown header
 * keys, wrong header types) are returned; a missing or unreadable file throws InputError.
 * `file` is shown in messages; `cwd` resolves it.
 */
export function readAnswersFile(file: string, cwd = process.cwd()): { parsed?: ParsedAnswersFile; problems: Problem[] } {
  // messages name the file quoted when its name holds a control character (a file found in a folder can)
  const shown = inertName(file);
  const text = readTextFile(shown, READ_LIMITS.answers, 'answers file', resolve(cwd, file));
  const { doc, problems } = parseYaml(text, shown);
  // After the first syntax error the parser's later complaints are mostly echoes of it.
  if (!doc) return { problems: problems.slice(0, 1) };
  const value = doc.value;
  if (value === null || value === undefined) {
    return { problems: [{ file: shown, line: 1, column: 1, path: '', message: 'the file is empty; write the answers in it (`readiness template <questionnaire>` gives a blank one).' }] };
  }
  if (!isPlainObject(value)) {
    return { problems: [doc.problem([], 'an answers file must be a mapping with `questionnaire:` and `answers:`; see `readiness template <questionnaire>`.')] };
  }
  if (isStoredResult(value)) {
    throw new InputError(
      `${shown} is a stored result, not an answers file; turn it into one with \`readiness template --from ${shellArg(file)} -o answers.yaml\` and give that to --answers.`,
    );
  }
  const out: ParsedAnswersFile = { file, doc, answers: {} };
  if (text.startsWith(INTERVIEW_MARK)) out.fromInterview = true;
  const found: Problem[] = [];
  for (const key of Object.keys(value)) {
    if (!(HEADER_KEYS as readonly string[]).includes(key)) {
      found.push(doc.problem([key], `unknown field "${key}"${didYouMean(key, HEADER_KEYS)}; the fields are ${HEADER_KEYS.join(', ')}.`, true));
    }
  }
  const text_ = (key: 'questionnaire' | 'organization' | 'respondent' | 'role' | 'date'): string | undefined => {
    const v = value[key];
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string') {
      found.push(doc.problem([key], `must be text, not ${describeType(v)}.`));
      return undefined;
    }
    const t = v.trim();
    return t === '' ? undefined : t;
  };
  out.questionnaire = text_('questionnaire');
  out.organization = text_('organization');
  out.respondent = text_('respondent');
  out.role = text_('role');
  const date = text_('date');
  if (date !== undefined) {
    if (isIsoDate(date)) out.date = date;
    else found.push(doc.problem(['date'], `"${date}" is not a real date written YYYY-MM-DD (e.g. 2026-11-29).`));
  }
  const segments = value.segments;
  if (segments !== null && segments !== undefined) {
    if (!isPlainObject(segments)) {
      found.push(doc.problem(['segments'], `must be a mapping from attribute to value (e.g. { unit: Sales, site: Leeds }), not ${describeType(segments)}.`));
    } else {
      const out_: Record<string, string> = {};
      for (const [k, v] of Object.entries(segments)) {
        if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
        if (typeof v !== 'string' && typeof v !== 'number') {
          found.push(doc.problem(['segments', k], `must be text, not ${describeType(v)}.`));
          continue;
        }
        if (k.trim() === '') continue;
        out_[k.trim()] = String(v).trim();
      }
      if (Object.keys(out_).length > 0) out.segments = out_;
    }
  }
  const answers = value.answers;
  if (answers !== null && answers !== undefined) {
    if (isPlainObject(answers)) out.answers = answers;
    else found.push(doc.problem(['answers'], `must be a mapping from question ids to answers, not ${describeType(answers)}.`));
  }
  return { parsed: out, problems: found };
}

/**
 * Checks a parsed answers file against a questionnaire: unknown question ids,
 * values outside the allowed set or range, wrong types, special answers where
 * they are not allowed, answers to questions hidden by their condition, and a
 * questionnaire id that does not match. Values given by label are normalized to
 * the option's value.
 */
/** How many unknown question ids one answers file names one by one before "and N more". */
const MAX_UNKNOWN_ECHOED = 10;

export function checkAnswers(parsed: ParsedAnswersFile, questionnaire: Questionnaire, ref: string = questionnaire.id): CheckedAnswers {
  const { doc, file } = parsed;
  const response: Response = { source: file, answers: {} };
  if (parsed.respondent !== undefined) response.respondent = parsed.respondent;
  if (parsed.role !== undefined) response.role = parsed.role;
  if (parsed.organization !== undefined) response.organization = parsed.organization;
  if (parsed.date !== undefined) response.date = parsed.date;
  if (parsed.segments !== undefined) response.segments = parsed.segments;

  if (parsed.questionnaire !== undefined && parsed.questionnaire !== questionnaire.id) {
    // Every question id would be unknown too; one clear problem is better than a flood.
    return {
      response,
      missingRequired: [],
      problems: [
        doc.problem(
          ['questionnaire'],
          `this file answers the questionnaire "${parsed.questionnaire}", not "${questionnaire.id}"; use the matching questionnaire (-q ${parsed.questionnaire}) or fix the id.`,
        ),
      ],
    };
  }

  const problems: Problem[] = [];
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  // Only the first few unknown ids are located and echoed (each lookup walks
  // the document): a file of 150,000 unknown ids is reported in linear time.
  const unknown = Object.keys(parsed.answers).filter((id) => !byId.has(id));
  for (const id of unknown.slice(0, MAX_UNKNOWN_ECHOED)) {
    const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
    problems.push(doc.problem(['answers', id], `"${shown}" is not a question of "${questionnaire.id}"${didYouMean(id, byId.keys())}; see \`readiness show ${ref}\` for the question ids.`, true));
  }
  if (unknown.length > MAX_UNKNOWN_ECHOED) {
    const more = unknown.length - MAX_UNKNOWN_ECHOED;
    problems.push(
      doc.problem(['answers'], `and ${more.toLocaleString('en')} more id${more === 1 ? '' : 's'} that ${more === 1 ? 'is not a question' : 'are not questions'} of "${questionnaire.id}"; check that this is an answers file for it.`, true),
    );
  }

  const soFar: Record<string, Answer | undefined> = {};
  // Questions whose answer was invalid: conditions depending on them cannot be judged.
  const broken = new Set<string>();
  const missingRequired: string[] = [];
  for (const q of questionnaire.questions) {
    const has = Object.prototype.hasOwnProperty.call(parsed.answers, q.id);
    const raw = has ? parsed.answers[q.id] : undefined;
    const checked = checkEntry(q, questionnaire, raw, ['answers', q.id], doc);
    if (checked.problems.length > 0) {
      problems.push(...checked.problems);
      broken.add(q.id);
      continue;
    }
    const answer = checked.answer;
    const uncertain = q.when !== undefined && referencedQuestions(q.when).some((id) => broken.has(id));
    const visible = q.when === undefined || evaluateCondition(q.when, { dimensions: {}, overall: null, answers: soFar });
    if (uncertain) {
      broken.add(q.id);
      continue;
    }
    if (!visible) {
      if (answer.status !== 'unanswered') {
        problems.push(
          doc.problem(
            ['answers', q.id],
            `this question is not asked with the earlier answers (it is asked only when ${describeCondition(q.when!)}); remove this answer or change the earlier one.`,
            true,
          ),
        );
      }
      continue;
    }
    soFar[q.id] = answer;
    response.answers[q.id] = answer;
    if (q.required && answer.status === 'unanswered') missingRequired.push(q.id);
  }
  return { response, problems, missingRequired };
}

/** Reads and checks one answers file against a questionnaire. */
export function loadAnswersFile(file: string, questionnaire: Questionnaire, cwd = process.cwd()): CheckedAnswers {
  const { parsed, problems } = readAnswersFile(file, cwd);
  if (!parsed) return { response: { source: file, answers: {} }, problems, missingRequired: [] };
  const checked = checkAnswers(parsed, questionnaire);
  return { ...checked, problems: [...problems, ...checked.problems] };
}

/**
 * The answers files named on the command line: files as given, folders expanded
 * to their .yaml/.yml/.json files (sorted, hidden files skipped). Missing paths
 * and empty folders are refused, all at once.
 */
export function expandAnswersPaths(paths: string[], cwd = process.cwd()): string[] {
  const files: string[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(resolve(cwd, p)).isDirectory();
    } catch (error) {
      errors.push(fileErrorMessage(p, error).replace(/;.*$/s, ''));
      continue;
    }
    if (!isDir) {
      files.push(p);
      continue;
    }
    const inside = readdirSync(resolve(cwd, p))
      .filter((name) => !name.startsWith('.') && ANSWERS_EXTENSIONS.has(extname(name).toLowerCase()))
      .sort()
      .map((name) => join(p, name))
      // sub-folders are not answers; anything else (a FIFO, a device, a broken link) is kept so
      // that the safe reader refuses it by name instead of it vanishing from the count
      .filter((f) => {
        try {
          return !statSync(resolve(cwd, f)).isDirectory();
        } catch {
          return true;
        }
      });
    if (inside.length === 0) errors.push(`${p} holds no answers files (.yaml, .yml or .json)`);
    files.push(...inside);
  }
  if (errors.length === 1) throw new InputError(`${errors[0]}; check the path and try again.`);
  if (errors.length > 1) throw new InputError('some answers paths cannot be used; check them and try again.', errors);
  // the same file named twice would count one respondent twice
  return [...new Set(files)];
}

export interface LoadedAnswers {
  loaded: LoadedQuestionnaire;
  responses: Response[];
  /** Per file, the required questions left unanswered. */
  missing: { file: string; questionIds: string[] }[];
}

/**
 * Loads every answers file (or folder of them), decides the questionnaire
 * (`questionnaireRef` from -q, else the one all files name), checks them all
 * and throws one InputError listing every problem of every file.
 * `resolveQuestionnaire` is injected so tests can give fixtures.
 */
export function loadAnswersFiles(
  paths: string[],
  options: { cwd: string; questionnaireRef?: string; resolveQuestionnaire: (ref: string, cwd: string) => LoadedQuestionnaire },
): LoadedAnswers {
  const files = expandAnswersPaths(paths, options.cwd);
  const problems: Problem[] = [];
  const parsedFiles: ParsedAnswersFile[] = [];
  for (const file of files) {
    const { parsed, problems: p } = readAnswersFile(file, options.cwd);
    problems.push(...p);
    if (parsed) parsedFiles.push(parsed);
  }

  let ref = options.questionnaireRef;
  if (ref === undefined) {
    const named = parsedFiles.filter((p) => p.questionnaire !== undefined);
    const ids = [...new Set(named.map((p) => p.questionnaire!))];
    if (ids.length > 1) {
      const details = named.map((p) => {
        const { line, column } = p.doc.locate(['questionnaire']);
        return `${inertName(p.file)}:${line}:${column} questionnaire: ${p.questionnaire}`;
      });
      throw new InputError(`the answers files name different questionnaires (${ids.join(', ')}); give -q <id> to pool them into one (the others' answers count for the questions they share), or score them separately.`, details);
    }
    if (ids.length === 0) {
      if (problems.length > 0) throwAll(problems);
      throw new UsageError('the answers name no questionnaire; add `questionnaire: <id>` to the file or give -q <id|path>.');
    }
    ref = ids[0]!;
    for (const p of parsedFiles.filter((f) => f.questionnaire === undefined)) {
      problems.push({ file: inertName(p.file), line: 1, column: 1, path: '', message: `the file names no questionnaire; add \`questionnaire: ${ref}\` at the top.` });
    }
  }

  const loaded = options.resolveQuestionnaire(ref, options.cwd);
  const target = loaded.questionnaire;
  const responses: Response[] = [];
  const missing: LoadedAnswers['missing'] = [];
  // answers to another questionnaire count for the questions it shares with this one (when they are the same)
  const others = new Map<string, { questionnaire: Questionnaire; shared: Set<string>; notAsked: Set<string> }>();
  const otherOf = (parsed: ParsedAnswersFile) => {
    const id = parsed.questionnaire!;
    let other = others.get(id);
    if (!other) {
      let q: Questionnaire;
      try {
        q = options.resolveQuestionnaire(id, options.cwd).questionnaire;
      } catch (error) {
        if (error instanceof InputError || error instanceof UsageError) return undefined; // not a questionnaire found here: the id is likely wrong
        throw error;
      }
      const mine = new Map(target.questions.map((x) => [x.id, x]));
      const shared = q.questions.filter((x) => mine.has(x.id));
      const differing = shared.filter((x) => !sameQuestion(q, x, target, mine.get(x.id)!));
      if (differing.length > 0) {
        throw new InputError(
          `${inertName(parsed.file)} answers "${id}", whose questions ${differing.map((x) => x.id).join(', ')} differ from those of "${target.id}" with the same id (type or answer options); their answers cannot be pooled, so score the two questionnaires separately.`,
          differing.map((x) => `${x.id}: ${describeQuestion(q, x)} in ${id}, ${describeQuestion(target, mine.get(x.id)!)} in ${target.id}`),
        );
      }
      if (shared.length === 0) {
        throw new InputError(`${inertName(parsed.file)} answers "${id}", which shares no question with "${target.id}"; score it with -q ${id} instead.`);
      }
      const sharedIds = new Set(shared.map((x) => x.id));
      other = { questionnaire: q, shared: sharedIds, notAsked: new Set(target.questions.filter((x) => !sharedIds.has(x.id)).map((x) => x.id)) };
      others.set(id, other);
    }
    return other;
  };
  for (const parsed of parsedFiles) {
    const origin = { kind: parsed.fromInterview ? ('interview' as const) : ('answers' as const), file: parsed.file };
    if (options.questionnaireRef !== undefined && parsed.questionnaire !== undefined && parsed.questionnaire !== target.id) {
      const other = otherOf(parsed);
      const otherIds = new Set(other?.questionnaire.questions.map((x) => x.id) ?? []);
      const foreign = Object.keys(parsed.answers).filter((id) => !otherIds.has(id));
      if (!other || (foreign.length > 0 && foreign.every((id) => target.questions.some((x) => x.id === id)))) {
        // answers to questions of -q under another questionnaire's name: most likely a wrong `questionnaire:` line
        problems.push(...checkAnswers(parsed, target).problems);
        continue;
      }
      const checked = checkAnswers(parsed, other.questionnaire);
      problems.push(...checked.problems);
      const answers: Record<string, Answer> = {};
      for (const [id, a] of Object.entries(checked.response.answers)) if (other.shared.has(id)) answers[id] = a;
      responses.push({ ...checked.response, answers, origin, notAsked: other.notAsked });
      const required = checked.missingRequired.filter((id) => other.shared.has(id));
      if (required.length > 0) missing.push({ file: parsed.file, questionIds: required });
      continue;
    }
    const checked = checkAnswers(parsed, target, /[\\/]|\.ya?ml$|\.json$/i.test(ref) ? ref : target.id);
    problems.push(...checked.problems);
    responses.push({ ...checked.response, origin });
    if (checked.missingRequired.length > 0) missing.push({ file: parsed.file, questionIds: checked.missingRequired });
  }
  throwAll(problems);
  return { loaded, responses, missing };
}

/**
 * Whether a question of one questionnaire means the same as the one with its id
 * in another: same type, same answer options (values and scores), same range,
 * number scoring and reverse-scoring. Wording may differ.
 */
export function sameQuestion(qa: Questionnaire, a: Question, qb: Questionnaire, b: Question): boolean {
  return JSON.stringify(questionShape(qa, a)) === JSON.stringify(questionShape(qb, b));
}

function questionShape(q: Questionnaire, x: Question): unknown {
  return {
    type: x.type,
    options: optionsOf(x, q).map((o) => [String(o.value).toLowerCase(), o.score ?? null, o.exclusive === true]),
    min: x.min ?? null,
    max: x.max ?? null,
    scoring: x.scoring ?? null,
    reverse: x.reverse === true,
  };
}

function describeQuestion(q: Questionnaire, x: Question): string {
  const options = optionsOf(x, q);
  return options.length > 0 ? `${x.type} with ${options.map((o) => `${String(o.value)}${o.score !== undefined ? ` (${o.score})` : ''}`).join(', ')}` : x.type;
}

function throwAll(problems: Problem[]): void {
  if (problems.length === 0) return;
  const files = [...new Set(problems.map((p) => p.file))];
  const n = problems.length;
  const where = files.length === 1 ? files[0]! : `${files.length} answers files`;
  throw new InputError(
    `${where} ${files.length === 1 ? 'has' : 'have'} ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} and try again.`,
    problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`),
  );
}

// ---------------------------------------------------------------------------
// One entry

/** The options a question's answer must come from (scale or inline), empty for yesno/number/text. */
export function optionsOf(q: Question, questionnaire: Questionnaire): Option[] {
  return choiceOptions(questionnaire, q) ?? [];
}

/**
 * Re-checks one answer stored in an interview session against its question
 * (a session is a file anyone can edit): the value must be one the question
 * allows, special answers must be allowed, notes and text within bounds.
 * Returns the normalized answer, or the reason it cannot be used, in words
 * that follow "the answer to <question>".
 */
export function checkStoredAnswer(q: Question, questionnaire: Questionnaire, stored: Answer): { answer: Answer } | { problem: string } {
  if (stored.note !== undefined && stored.note.length > MAX_NOTE_CHARS) {
    return { problem: `has a note of ${stored.note.length.toLocaleString('en')} characters, more than the ${MAX_NOTE_CHARS.toLocaleString('en')} allowed` };
  }
  const withNote = (a: Answer): Answer => (stored.note !== undefined ? { ...a, note: stored.note } : a);
  switch (stored.status) {
    case 'unanswered':
      return { answer: withNote({ status: 'unanswered' }) };
    case 'dont-know':
      return q.allowDontKnow ? { answer: withNote({ status: 'dont-know' }) } : { problem: `is "don't know", which this question does not allow` };
    case 'not-applicable':
      return q.allowNotApplicable ? { answer: withNote({ status: 'not-applicable' }) } : { problem: 'is "not applicable", which this question does not allow' };
  }
  if (q.type === 'text') {
    if (typeof stored.value !== 'string') return { problem: 'is not text' };
    if (stored.value.length > MAX_FREE_TEXT_CHARS) return { problem: `is ${stored.value.length.toLocaleString('en')} characters long, more than the ${MAX_FREE_TEXT_CHARS.toLocaleString('en')} allowed` };
    return { answer: withNote({ status: 'answered', value: stored.value }) };
  }
  const problems: string[] = [];
  const doc: ParsedDocument = {
    file: '',
    value: undefined,
    locate: () => ({ line: 1, column: 1 }),
    locateKey: () => ({ line: 1, column: 1 }),
    problem: (_path, message) => {
      problems.push(message);
      return { file: '', line: 1, column: 1, path: '', message };
    },
  };
  const checked = checkValue(q, questionnaire, stored.value, [], doc);
  if (problems.length > 0) return { problem: `(${quote(stored.value)}) cannot be used: ${problems[0]!.replace(/\.$/, '')}` };
  if (checked.answer.status !== 'answered') return { problem: `(${quote(stored.value)}) is not an answer this question allows` };
  return { answer: withNote(checked.answer) };
}

function checkEntry(
  q: Question,
  questionnaire: Questionnaire,
  raw: unknown,
  path: PathSegment[],
  doc: ParsedDocument,
): { answer: Answer; problems: Problem[] } {
  if (raw === undefined || raw === null) return { answer: { status: 'unanswered' }, problems: [] };
  if (isPlainObject(raw)) {
    const problems: Problem[] = [];
    for (const key of Object.keys(raw)) {
      if (!(ENTRY_KEYS as readonly string[]).includes(key)) {
        problems.push(doc.problem([...path, key], `unknown field "${key}"${didYouMean(key, ENTRY_KEYS)}; an answer with a note is written { value: ..., note: "..." }.`, true));
      }
    }
    let note: string | undefined;
    const rawNote = raw.note;
    if (typeof rawNote === 'string' || typeof rawNote === 'number') {
      note = String(rawNote).trim() || undefined;
      if (note !== undefined && note.length > MAX_NOTE_CHARS) {
        problems.push(doc.problem([...path, 'note'], `this note has ${note.length.toLocaleString('en')} characters, more than the ${MAX_NOTE_CHARS.toLocaleString('en')} a note may have; shorten it (keep long documents outside the answers file).`));
        note = undefined;
      }
    } else if (rawNote !== undefined && rawNote !== null) {
      problems.push(doc.problem([...path, 'note'], `a note must be text, not ${describeType(rawNote)}.`));
    }
    const inner = checkValue(q, questionnaire, raw.value ?? null, [...path, 'value'], doc);
    problems.push(...inner.problems);
    const answer = inner.answer;
    if (note !== undefined) answer.note = note;
    return { answer, problems };
  }
  return checkValue(q, questionnaire, raw, path, doc);
}

function checkValue(
  q: Question,
  questionnaire: Questionnaire,
  raw: unknown,
  path: PathSegment[],
  doc: ParsedDocument,
): { answer: Answer; problems: Problem[] } {
  const fail = (message: string, at: PathSegment[] = path) => ({ answer: { status: 'unanswered' } as Answer, problems: [doc.problem(at, message)] });
  if (raw === null || raw === undefined) return { answer: { status: 'unanswered' }, problems: [] };

  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    const isText = q.type === 'text';
    if ((isText ? TEXT_DONT_KNOW : DONT_KNOW_WORDS).has(word)) {
      if (q.allowDontKnow) return { answer: { status: 'dont-know' }, problems: [] };
      return fail(`"don't know" is not allowed for this question; ${expectation(q, questionnaire)}, or leave it blank.`);
    }
    if ((isText ? TEXT_NOT_APPLICABLE : NOT_APPLICABLE_WORDS).has(word)) {
      if (q.allowNotApplicable) return { answer: { status: 'not-applicable' }, problems: [] };
      return fail(`"not applicable" is not allowed for this question; ${expectation(q, questionnaire)}, or leave it blank.`);
    }
  }

  const ok = (value: AnswerValue) => ({ answer: { status: 'answered', value } as Answer, problems: [] as Problem[] });
  switch (q.type) {
    case 'likert':
    case 'single': {
      if (!isScalar(raw)) return fail(`expects one answer, not ${describeType(raw)}; ${expectation(q, questionnaire)}.`);
      const option = matchOption(optionsOf(q, questionnaire), raw);
      if (!option) return fail(`${quote(raw)} is not an allowed answer; ${expectation(q, questionnaire)}.`);
      return ok(option.value);
    }
    case 'multiple': {
      const items: unknown[] = Array.isArray(raw) ? raw : [raw];
      if (Array.isArray(raw) && raw.length === 0) return { answer: { status: 'unanswered' }, problems: [] };
      const options = optionsOf(q, questionnaire);
      const chosen: Option[] = [];
      const problems: Problem[] = [];
      items.forEach((item, i) => {
        const at = Array.isArray(raw) ? [...path, i] : path;
        if (!isScalar(item)) {
          problems.push(doc.problem(at, `each choice must be one value, not ${describeType(item)}; ${expectation(q, questionnaire)}.`));
          return;
        }
        const option = matchOption(options, item);
        if (!option) {
          problems.push(doc.problem(at, `${quote(item)} is not an allowed choice; ${expectation(q, questionnaire)}.`));
          return;
        }
        if (!chosen.includes(option)) chosen.push(option);
      });
      if (problems.length > 0) return { answer: { status: 'unanswered' }, problems };
      const exclusive = chosen.find((o) => o.exclusive);
      if (exclusive && chosen.length > 1) {
        return fail(`"${exclusive.label}" cannot be combined with other choices; keep either it or the others.`);
      }
      return ok(chosen.map((o) => o.value));
    }
    case 'yesno': {
      if (raw === true) return ok('yes');
      if (raw === false) return ok('no');
      if (typeof raw === 'string' && ['yes', 'no'].includes(raw.trim().toLowerCase())) return ok(raw.trim().toLowerCase());
      return fail(`${isScalar(raw) ? quote(raw) + ' is not an allowed answer' : `expects yes or no, not ${describeType(raw)}`}; ${expectation(q, questionnaire)}.`);
    }
    case 'number': {
      let n: number | undefined;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw.trim()))) n = Number(raw.trim());
      if (n === undefined || !Number.isFinite(n)) {
        return fail(`expects a number, not ${isScalar(raw) ? quote(raw) : describeType(raw)}; ${expectation(q, questionnaire)}.`);
      }
      if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) {
        return fail(`${n} is outside the allowed range; ${expectation(q, questionnaire)}.`);
      }
      return ok(n);
    }
    case 'text': {
      if (typeof raw === 'string' && raw.length > MAX_FREE_TEXT_CHARS) {
        return fail(`this answer has ${raw.length.toLocaleString('en')} characters, more than the ${MAX_FREE_TEXT_CHARS.toLocaleString('en')} a free-text answer may have; shorten it.`);
      }
      if (typeof raw === 'string') return raw.trim() === '' ? { answer: { status: 'unanswered' }, problems: [] } : ok(raw);
      if (typeof raw === 'number') return ok(String(raw));
      return fail(`expects text, not ${describeType(raw)}; write the answer as one piece of text (in quotes if needed).`);
    }
  }
}

function matchOption(options: Option[], raw: OptionValue | boolean): Option | undefined {
  const wanted = String(raw).trim().toLowerCase();
  return (
    options.find((o) => String(o.value).toLowerCase() === wanted) ?? options.find((o) => o.label.trim().toLowerCase() === wanted)
  );
}

/** What the question accepts, in words: "give one of: 1 (Strongly disagree), 2 (Disagree), ...". */
export function expectation(q: Question, questionnaire: Questionnaire): string {
  const special = [q.allowDontKnow ? 'dont-know' : '', q.allowNotApplicable ? 'n/a' : ''].filter(Boolean);
  const orSpecial = special.length > 0 ? `, or ${special.join(' or ')}` : '';
  switch (q.type) {
    case 'likert':
    case 'single':
    case 'multiple': {
      const options = optionsOf(q, questionnaire);
      const shown = options.slice(0, 12).map((o) => (String(o.value).toLowerCase() === o.label.toLowerCase() ? `${o.value}` : `${o.value} (${o.label})`));
      const more = options.length > shown.length ? `, ... (${options.length - shown.length} more)` : '';
      const head = q.type === 'multiple' ? 'give a list of choices from' : 'give one of';
      return `${head}: ${shown.join(', ')}${more}${orSpecial}`;
    }
    case 'yesno':
      return `give yes or no${orSpecial}`;
    case 'number': {
      const range =
        q.min !== undefined && q.max !== undefined
          ? ` from ${q.min} to ${q.max}`
          : q.min !== undefined
            ? ` of at least ${q.min}`
            : q.max !== undefined
              ? ` of at most ${q.max}`
              : '';
      return `give a number${range}${q.unit ? ` (${q.unit})` : ''}${orSpecial}`;
    }
    case 'text':
      return `write the answer as text${orSpecial}`;
  }
}

/** A result written by `assess` (schemaVersion and a questionnaire object), given where answers are expected. */
function isStoredResult(v: Record<string, unknown>): boolean {
  return typeof v.schemaVersion === 'number' && isPlainObject(v.questionnaire) && 'overall' in v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function describeType(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'blank';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'boolean') return `true/false (${v})`;
  if (typeof v === 'number') return `a number (${v})`;
  return `text (${quote(v as string)})`;
}

function quote(v: unknown): string {
  const s = String(v);
  const short = s.length > 40 ? `${s.slice(0, 37)}...` : s;
  return `"${short.replace(/[\r\n]+/g, ' ')}"`;
}

/** A condition in words, for messages: `"lead-sponsor" is "yes" and "lead-time" is at least 6`. */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map((x) => wrapped(x)).join(' and ');
  if ('any' in c) return c.any.map((x) => wrapped(x)).join(' or ');
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  const comparisons = (subject: string, t: { lt?: number; lte?: number; gt?: number; gte?: number }) =>
    [
      t.lt !== undefined ? `${subject} is below ${t.lt}` : '',
      t.lte !== undefined ? `${subject} is at most ${t.lte}` : '',
      t.gt !== undefined ? `${subject} is above ${t.gt}` : '',
      t.gte !== undefined ? `${subject} is at least ${t.gte}` : '',
    ].filter(Boolean);
  if ('dimension' in c) return comparisons(`the ${c.dimension} score`, c).join(' and ') || `the ${c.dimension} score is known`;
  if ('overall' in c) return comparisons('the overall score', c).join(' and ') || 'the overall score is known';
  const q = `"${c.question}"`;
  const parts = [
    c.answered === true ? `${q} is answered` : '',
    c.answered === false ? `${q} is not answered` : '',
    c.equals !== undefined ? `${q} is "${c.equals}"` : '',
    c.in !== undefined ? `${q} is one of ${c.in.map((v) => `"${v}"`).join(', ')}` : '',
    c.includes !== undefined ? `${q} includes "${c.includes}"` : '',
    c.countAtLeast !== undefined ? `${q} has at least ${c.countAtLeast} choices` : '',
    ...comparisons(q, c),
  ].filter(Boolean);
  return parts.join(' and ') || `${q} is asked`;
}

function wrapped(c: Condition): string {
  const text = describeCondition(c);
  return 'all' in c || 'any' in c ? `(${text})` : text;
}
