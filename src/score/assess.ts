// STUB (owned by the scoring work): from checked responses to a Result. Pure.
import type { Response } from '../model/answers.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';

export interface AssessInput {
  questionnaire: Questionnaire;
  /** questionnaireHash(questionnaire), computed by the caller (load layer). */
  hash: string;
  /** One or more respondents. */
  responses: Response[];
  organization: string;
  /** YYYY-MM-DD */
  date: string;
  toolVersion: string;
  /** How many pilots to recommend (default 3). */
  pilots?: number;
  /** Some required answers are missing (the caller allowed it). */
  partial?: boolean;
  /** Smallest role group shown on its own (default 3). */
  minGroup?: number;
  /** Include respondent names in the result. */
  showRespondents?: boolean;
  /** CSV cells that could not be matched and were counted as unanswered. */
  unmatchedCells?: number;
}

export function assess(_input: AssessInput): Result {
  throw new Error('not implemented');
}
