// Test helpers: read fixture questionnaires and answers without the loader
// (which lands separately), so scoring tests depend only on the model schemas.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
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
