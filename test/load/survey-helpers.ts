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
