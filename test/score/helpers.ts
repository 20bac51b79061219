// Test helpers: read fixture questionnaires and answers without the loader
// (which lands separately), so scoring tests depend only on the model schemas.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { roundTo } from '../../src/score/round.js';
import { Questionnaire, type QuestionnaireInput } from '../../src/model/questionnaire.js';
import { AnswersFile, type Answer, type AnswerEntry, type Response } from '../../src/model/answers.js';

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/scoring/${name}`, import.meta.url));

export function questionnaireFrom(input: QuestionnaireInput): Questionnaire {
  return Questionnaire.parse(input);
}

export function loadQuestionnaireFile(file: string): Questionnaire {
  return Questionnaire.parse(parse(readFileSync(file, 'utf8')));
}

export function toAnswer(entry: AnswerEntry): Answer {
  if (entry === null) return { status: 'unanswered' };
  if (typeof entry === 'object' && !Array.isArray(entry)) {
    const inner = toAnswer(entry.value);
    return entry.note !== undefined ? { ...inner, note: entry.note } : inner;
  }
  if (entry === 'dont-know') return { status: 'dont-know' };
  if (entry === 'n/a') return { status: 'not-applicable' };
  return { status: 'answered', value: entry };
}

/** A Response from plain answers: value, 'dont-know', 'n/a', null, or {value, note}. */
export function response(answers: Record<string, AnswerEntry>, extra: Partial<Omit<Response, 'answers'>> = {}): Response {
  return {
    source: extra.source ?? 'test',
    ...extra,
    answers: Object.fromEntries(Object.entries(answers).map(([id, entry]) => [id, toAnswer(entry)])),
  };
}

export function loadAnswersFile(file: string): Response {
  const doc = AnswersFile.parse(parse(readFileSync(file, 'utf8')));
  return response(doc.answers ?? {}, {
    source: file.split('/').pop()!,
    ...(doc.respondent ? { respondent: doc.respondent } : {}),
    ...(doc.role ? { role: doc.role } : {}),
  });
}

/**
 * Every number in `value` rounded to `decimals` (half away from zero): these older tests state
 * hand-computed expectations to 1 decimal (0..100) or 3 (0..1), while results keep full precision.
 */
export function rounded<T>(value: T, decimals: number): T {
  if (typeof value === 'number') return roundTo(value, decimals) as T;
  if (Array.isArray(value)) return value.map((v) => rounded(v, decimals)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v, decimals)])) as T;
  return value;
}
