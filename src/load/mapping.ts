// The survey mapping file: which CSV column answers which question, which
// column holds the role (and, only when named, the respondent), and optional
// per-question aliases for answer texts. YAML, checked with positions.
//
//   questionnaire: quick-check        # optional; must match -q when given
//   roleColumn: What is your role?    # optional (a column literally named "role" is found without it)
//   respondentColumn: Name            # optional; without it no name or e-mail is ever read
//   delimiter: ";"                    # optional; detected otherwise
//   columns:                          # column header -> question id; ~ (blank) ignores the column
//     Q1: lead-sponsor
//     Timestamp: ~
//   values:                           # optional: answer text -> option value, per question
//     lead-sponsor: { "Trifft voll zu": 5, "Weiß nicht": dont-know }
//   roles:                            # optional: role text -> role group
//     Head of Marketing: leadership
import { type Problem, throwIfProblems } from '../errors.js';
import type { Option, OptionValue, Question, Questionnaire } from '../model/questionnaire.js';
import { DONT_KNOW, NOT_APPLICABLE } from '../model/special-answers.js';
import { encodingExists } from './csv.js';
import { READ_LIMITS } from './safe-read.js';
import { didYouMean, parseYaml, readTextFile } from './source.js';
import { optionsOf } from '../score/item.js';

export interface SurveyMapping {
  file: string;
  /** normalized header -> question id, or null to ignore the column. Several columns may name one question. */
  columns: Map<string, string | null>;
  /** normalized header -> the choice it ticks (`id/choice`) or "other" text (`id/other`), for multiple choice spread over columns. */
  columnParts: Map<string, { choice?: OptionValue; other?: true }>;
  /** The export's shape, when named (`format: limesurvey`); detected otherwise. */
  format?: string;
  /** The file's encoding, when named (`encoding: windows-1252`); detected otherwise. */
  encoding?: string;
  /** normalized header -> where it is written in the mapping file. */
  columnPositions: Map<string, { line: number; column: number; header: string }>;
  roleColumn?: string;
  respondentColumn?: string;
  delimiter?: string;
  /** question id -> normalized answer text -> option value (may be "dont-know" / "n/a"). */
  values: Map<string, Map<string, OptionValue>>;
  /** normalized role text -> role group. */
  roles: Map<string, string>;
}

const TOP_KEYS = ['questionnaire', 'format', 'encoding', 'roleColumn', 'respondentColumn', 'delimiter', 'columns', 'values', 'roles'];
/** The export shapes `--format` and a mapping's `format:` accept. */
export const SURVEY_FORMATS = ['google', 'microsoft', 'surveymonkey', 'qualtrics', 'limesurvey', 'kobo', 'typeform', 'generic'] as const;
export type SurveyFormat = (typeof SURVEY_FORMATS)[number];
const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', '\t': '\t', tab: '\t' };

/**
 * Typographic look-alikes and their plain forms: curly quotes, primes, dashes,
 * non-breaking and thin spaces, zero-width characters. Form tools and word
 * processors write the left side; people type the right side.
 */
const LOOK_ALIKES: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032\u00b4\u0060]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u200b\u200c\u200d\u2060\ufeff]/g, ''],
];

/** Plain forms of typographic look-alikes and every kind of space, case kept (see normalizeText). */
export function foldText(text: string): string {
  if (!/[^\x20-\x7e]| {2}/.test(text)) return text.trim();
  let t = text.normalize('NFC');
  for (const [re, plain] of LOOK_ALIKES) t = t.replace(re, plain);
  return t.replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').trim();
}

/**
 * The form used for every header and label comparison: case ignored, runs of
 * spaces (non-breaking ones too) collapsed, ends trimmed, typographic quotes,
 * dashes and ellipses matched as their plain forms ("don’t" = "don't").
 */
export function normalizeText(text: string): string {
  const trimmed = text.trim();
  // fast path: plain printable ASCII without double spaces needs no Unicode work (most survey cells)
  if (!/[^\x20-\x7e]| {2}/.test(trimmed)) return trimmed.toLowerCase();
  return foldText(trimmed).toLowerCase();
}

/** The allowed options of a likert/single/multiple question (scale or inline); [] for the others. */
export function questionOptions(q: Question, questionnaire: Questionnaire): Option[] {
  return optionsOf(questionnaire, q) ?? [];
}

/** Whether `value` is something question `q` accepts as a mapped answer. */
function allowedValue(q: Question, questionnaire: Questionnaire, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return 'must be an option value (text or number)';
  const v = String(value).toLowerCase();
  if (v === DONT_KNOW) return q.allowDontKnow ? undefined : `"${DONT_KNOW}" is not allowed for question ${q.id}`;
  if (v === NOT_APPLICABLE) return q.allowNotApplicable ? undefined : `"${NOT_APPLICABLE}" is not allowed for question ${q.id}`;
  switch (q.type) {
    case 'yesno':
      return v === 'yes' || v === 'no' ? undefined : 'must be yes or no';
    case 'number':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'text':
      return typeof value === 'string' ? undefined : 'must be text';
    default: {
      const options = questionOptions(q, questionnaire);
      if (options.some((o) => String(o.value).toLowerCase() === v)) return undefined;
      const values = options.map((o) => String(o.value));
      return `is not an option of question ${q.id}${didYouMean(String(value), values)}; allowed: ${values.join(', ')}`;
    }
  }
}

/** What a value that is no text or number is, for a message: "a list", "a mapping" or "empty (~)"; undefined for text, numbers and booleans (they are shown as written). */
function notScalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'empty (~)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and checks a mapping file against a questionnaire; every problem is returned, none thrown. */
export function checkMapping(file: string, questionnaire: Questionnaire): { mapping?: SurveyMapping; problems: Problem[] } {
  const { doc, problems } = parseYaml(readTextFile(file, READ_LIMITS.mapping, 'mapping file'), file);
  if (!doc) return { problems };
  const value = doc.value;
  if (!isPlainObject(value)) {
    return { problems: [doc.problem([], 'a mapping file must be a YAML map with a `columns:` section; run `readiness template <questionnaire> --csv` for a skeleton.')] };
  }
  const questions = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const ids = [...questions.keys()];
  const mapping: SurveyMapping = { file, columns: new Map(), columnParts: new Map(), columnPositions: new Map(), values: new Map(), roles: new Map() };

  for (const key of Object.keys(value)) {
    if (!TOP_KEYS.includes(key)) {
      problems.push(doc.problem([key], `unknown key "${key}"${didYouMean(key, TOP_KEYS)}; allowed keys: ${TOP_KEYS.join(', ')}.`, true));
    }
  }
  const text = (key: string, what = 'the text of a column header'): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push(doc.problem([key], `${key} must be ${what}.`));
      return undefined;
    }
    return v;
  };
  if (notScalar(value.questionnaire) !== undefined && value.questionnaire !== null && value.questionnaire !== undefined) {
    problems.push(doc.problem(['questionnaire'], `questionnaire must be the id of a questionnaire (here "${questionnaire.id}"), not ${notScalar(value.questionnaire)}.`));
  } else if (value.questionnaire !== undefined && value.questionnaire !== null && String(value.questionnaire) !== questionnaire.id) {
    problems.push(
      doc.problem(['questionnaire'], `this mapping is for questionnaire "${String(value.questionnaire)}", not "${questionnaire.id}"; use the matching questionnaire or mapping.`),
    );
  }
  mapping.roleColumn = text('roleColumn');
  const format = text('format', `one of ${SURVEY_FORMATS.join(', ')}`);
  if (format !== undefined) {
    if ((SURVEY_FORMATS as readonly string[]).includes(format.toLowerCase())) mapping.format = format.toLowerCase();
    else problems.push(doc.problem(['format'], `format must be one of ${SURVEY_FORMATS.join(', ')}${didYouMean(format, SURVEY_FORMATS)}.`));
  }
  mapping.encoding = text('encoding', 'the name of an encoding, e.g. windows-1252');
  if (mapping.encoding !== undefined && !encodingExists(mapping.encoding)) {
    problems.push(doc.problem(['encoding'], `"${mapping.encoding}" is not an encoding this tool knows; try utf-8, utf-16le, windows-1252 or iso-8859-15.`));
    delete mapping.encoding;
  }
  mapping.respondentColumn = text('respondentColumn');
  if (value.delimiter !== undefined && value.delimiter !== null) {
    // own keys only: `delimiter: constructor` found Object's constructor and read the file with it
    const d = Object.hasOwn(DELIMITERS, String(value.delimiter)) ? DELIMITERS[String(value.delimiter)] : undefined;
    if (d) mapping.delimiter = d;
    else problems.push(doc.problem(['delimiter'], 'delimiter must be "," or ";" or "tab".'));
  }

  const columns = value.columns;
  if (columns === undefined || columns === null) {
    // a mapping may only name the role column or aliases; headers then match by id or text
  } else if (!isPlainObject(columns)) {
    problems.push(doc.problem(['columns'], 'columns must map each column header to a question id, e.g. `Q1: lead-sponsor`.'));
  } else {
    for (const [header, target] of Object.entries(columns)) {
      const key = normalizeText(header);
      const pos = doc.locateKey(['columns', header]);
      if (mapping.columns.has(key)) {
        problems.push(doc.problem(['columns', header], `column "${header}" is listed twice (case and spaces are ignored); keep one.`, true));
        continue;
      }
      mapping.columnPositions.set(key, { ...pos, header });
      if (target === null || target === undefined || target === '') {
        mapping.columns.set(key, null);
        continue;
      }
      const kind = notScalar(target);
      if (kind !== undefined) {
        problems.push(doc.problem(['columns', header], `column "${header}" is mapped to ${kind}; write one question id after its colon, or ~ to ignore the column.`));
        continue;
      }
      // `id/choice` ticks one choice of a multiple-choice question; `id/other` holds its "Other" text
      const raw = typeof target === 'string' ? target : String(target);
      const slash = raw.indexOf('/');
      const qid = slash === -1 ? raw : raw.slice(0, slash);
      if (typeof target !== 'string' || !questions.has(qid)) {
        problems.push(
          doc.problem(['columns', header], `"${raw}" is not a question id of ${questionnaire.id}${didYouMean(qid, ids)}; use one of the ids shown by \`readiness show ${questionnaire.id}\`, or ~ to ignore the column.`),
        );
        continue;
      }
      if (slash !== -1) {
        const part = raw.slice(slash + 1).trim();
        const q = questions.get(qid)!;
        if (normalizeText(part) === 'other') mapping.columnParts.set(key, { other: true });
        else {
          const option = questionOptions(q, questionnaire).find((o) => normalizeText(String(o.value)) === normalizeText(part) || normalizeText(o.label) === normalizeText(part));
          if (q.type !== 'multiple' || !option) {
            const values = questionOptions(q, questionnaire).map((o) => String(o.value));
            problems.push(
              doc.problem(
                ['columns', header],
                q.type !== 'multiple'
                  ? `"${raw}": only a multiple-choice question takes one column per choice; map the column to ${qid}, or to ${qid}/other for its "Other" text.`
                  : `"${part}" is not a choice of ${qid}${didYouMean(part, values)}; write ${qid}/<choice> with one of: ${values.join(', ')}, or ${qid}/other.`,
              ),
            );
            continue;
          }
          mapping.columnParts.set(key, { choice: option.value });
        }
      }
      mapping.columns.set(key, qid);
    }
  }

  const values = value.values;
  if (values !== undefined && values !== null) {
    if (!isPlainObject(values)) {
      problems.push(doc.problem(['values'], 'values must map question ids to `answer text: option value` pairs.'));
    } else {
      for (const [qid, aliases] of Object.entries(values)) {
        const q = questions.get(qid);
        if (!q) {
          problems.push(doc.problem(['values', qid], `"${qid}" is not a question id of ${questionnaire.id}${didYouMean(qid, ids)}.`, true));
          continue;
        }
        if (!isPlainObject(aliases)) {
          problems.push(doc.problem(['values', qid], `values of ${qid} must map answer texts to option values, e.g. "Totally agree": 5.`));
          continue;
        }
        const table = new Map<string, OptionValue>();
        for (const [alias, target] of Object.entries(aliases)) {
          const kind = notScalar(target);
          if (kind !== undefined) {
            problems.push(doc.problem(['values', qid, alias], `the answer text "${alias}" is mapped to ${kind}; write one option value of ${qid} (text or number) after its colon.`));
            continue;
          }
          const why = allowedValue(q, questionnaire, target);
          if (why) {
            problems.push(doc.problem(['values', qid, alias], `"${String(target)}" ${why}.`));
            continue;
          }
          table.set(normalizeText(alias), target as OptionValue);
        }
        mapping.values.set(qid, table);
      }
    }
  }

  const roles = value.roles;
  if (roles !== undefined && roles !== null) {
    if (!isPlainObject(roles)) {
      problems.push(doc.problem(['roles'], 'roles must map role texts found in the CSV to role groups, e.g. "Head of Sales": leadership.'));
    } else {
      for (const [from, to] of Object.entries(roles)) {
        if (typeof to !== 'string' || to.trim() === '') {
          problems.push(doc.problem(['roles', from], `the role group for "${from}" must be a non-empty text.`));
          continue;
        }
        mapping.roles.set(normalizeText(from), to.trim());
      }
    }
  }
  return problems.length > 0 ? { problems } : { mapping, problems };
}

/** Like checkMapping, but throws an InputError listing every problem. */
export function loadMapping(file: string, questionnaire: Questionnaire): SurveyMapping {
  const { mapping, problems } = checkMapping(file, questionnaire);
  throwIfProblems(problems, 'survey mapping file');
  return mapping!;
}
