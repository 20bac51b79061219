// Shared by the survey import tests: the fixture questionnaire, loaded without the loader.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Questionnaire } from '../../src/model/questionnaire.js';
import type { LoadedQuestionnaire } from '../../src/load/questionnaire.js';

export const fixtures = fileURLToPath(new URL('../fixtures/survey/', import.meta.url));
export const fixture = (name: string) => `${fixtures}${name}`;

export function loadFixtureQuestionnaire(name = 'questionnaire.yaml'): LoadedQuestionnaire {
  const file = fixture(name);
  const questionnaire = Questionnaire.parse(parse(readFileSync(file, 'utf8')));
  return { questionnaire, file, hash: 'test', builtIn: false };
}

/**
 * Every question's answer counts over the responses: answered values (each
 * choice of a multiple answer counted), other statuses by name, and notes
 * (the "Other: ..." text) as written. Questions hidden by a condition are absent.
 */
export function answerCounts(responses: { answers: Record<string, { status: string; value?: unknown; note?: string }> }[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of responses) {
    for (const [id, a] of Object.entries(r.answers)) {
      const counts = (out[id] ??= {});
      const keys = a.status === 'answered' ? (Array.isArray(a.value) ? a.value.map(String) : [String(a.value)]) : [a.status];
      if (a.note !== undefined) keys.push(a.note);
      for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  return out;
}
