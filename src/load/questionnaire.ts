// STUB (owned by the loader work): signatures others code against.
import type { Problem } from '../errors.js';
import type { Questionnaire } from '../model/questionnaire.js';

export interface LoadedQuestionnaire {
  questionnaire: Questionnaire;
  /** The file it was read from. */
  file: string;
  /** questionnaireHash(questionnaire) */
  hash: string;
  builtIn: boolean;
}

/** Parses and checks one questionnaire file; returns every problem found (never throws for bad content). */
export function checkQuestionnaireFile(_file: string): { loaded?: LoadedQuestionnaire; problems: Problem[] } {
  throw new Error('not implemented');
}

/** Like checkQuestionnaireFile, but throws an InputError listing every problem. */
export function loadQuestionnaire(_file: string): LoadedQuestionnaire {
  throw new Error('not implemented');
}
