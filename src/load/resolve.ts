// STUB (owned by the loader work): finding questionnaires by id or path.
import type { LoadedQuestionnaire } from './questionnaire.js';

export interface QuestionnaireSummary {
  id: string;
  title: string;
  version: string;
  questions: number;
  minutes: number;
  file: string;
  builtIn: boolean;
}

/** The folder holding the built-in questionnaires (works from src/ in tests and from dist/ when bundled). */
export function builtInDir(): string {
  throw new Error('not implemented');
}

/** A questionnaire by id (built-in or in <cwd>/questionnaires) or by path; throws InputError/UsageError with a clear sentence. */
export function resolveQuestionnaire(_ref: string, _cwd: string): LoadedQuestionnaire {
  throw new Error('not implemented');
}

/** Every questionnaire available: built-in and those in <cwd>/questionnaires. */
export function listQuestionnaires(_cwd: string): QuestionnaireSummary[] {
  throw new Error('not implemented');
}
