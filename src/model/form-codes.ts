// Names that form tools give our questions and choices when a questionnaire
// is exported to them (readiness export). The survey reader uses the same
// functions to recognise the tools' response exports, so an exported form
// comes back without a mapping file. Pure; no dependencies.
import type { OptionValue, Questionnaire } from './questionnaire.js';

/** LimeSurvey question codes: letters and digits only, starting with a letter, at most 20 characters. */
export const LIMESURVEY_CODE_MAX = 20;

/**
 * Codes LimeSurvey cannot use for a question: the columns of its response table and the
 * words of its expression language (`and`, `lt`, `this`, ...); such a code gets a `Q` in front.
 */
const LIMESURVEY_RESERVED = new Set([
  'id', 'token', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'startdate', 'datestamp', 'ipaddr', 'refurl',
  'this', 'self', 'that', 'and', 'or', 'not', 'lt', 'le', 'gt', 'ge', 'eq', 'ne', 'true', 'false', 'null',
]);

/**
 * LimeSurvey question codes for every question, in questionnaire order.
 * Rule: the id's parts between `-` and `_` are joined in camelCase
 * ("lead-sponsor" -> "leadSponsor"); a code that is a reserved word of LimeSurvey
 * ("seed", "and") gets a `Q` in front ("Qseed"); longer than 20 characters, the code is
 * cut to 17 and numbered; a code equal (case ignored) to an earlier one gets
 * the lowest free number. Deterministic for a given questionnaire.
 */
export function limesurveyCodes(questionnaire: Pick<Questionnaire, 'questions'>): Map<string, string> {
  const codes = new Map<string, string>();
  const taken = new Set<string>();
  for (const q of questionnaire.questions) {
    const parts = q.id.split(/[-_]+/).filter(Boolean);
    let code = parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('').replace(/[^A-Za-z0-9]/g, '');
    if (!/^[A-Za-z]/.test(code) || LIMESURVEY_RESERVED.has(code.toLowerCase())) code = `Q${code}`;
    let candidate = code.slice(0, LIMESURVEY_CODE_MAX);
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${code.slice(0, LIMESURVEY_CODE_MAX - 3)}${n}`;
    taken.add(candidate.toLowerCase());
    codes.set(q.id, candidate);
  }
  return codes;
}

/** LimeSurvey answer code of the n-th option (0-based): A1, A2, ... (codes allow at most 5 characters). */
export function limesurveyAnswerCode(index: number): string {
  return `A${index + 1}`;
}

/** LimeSurvey subquestion code of the n-th choice of a multiple-choice question (0-based): SQ001, SQ002, ... */
export function limesurveySubquestionCode(index: number): string {
  return `SQ${String(index + 1).padStart(3, '0')}`;
}

/** LimeSurvey answer codes of the special answers. */
export const LIMESURVEY_DONT_KNOW = 'DK';
export const LIMESURVEY_NOT_APPLICABLE = 'NA';

/**
 * XLSForm / ODK choice name of an option value: XML-name-safe (letters,
 * digits, `_`, `-`, `.`), spaces as `_`. Numbers stay as written.
 */
export function xlsformChoiceName(value: OptionValue): string {
  const text = String(value).trim();
  if (typeof value === 'number' || /^[A-Za-z0-9_.-]+$/.test(text)) return text;
  const safe = text.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return safe === '' ? 'choice' : /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

/** The XLSForm choice names of the special answers. */
export const XLSFORM_DONT_KNOW = 'dont_know';
export const XLSFORM_NOT_APPLICABLE = 'not_applicable';
