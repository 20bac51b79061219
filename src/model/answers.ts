// An answers file: one respondent's answers, keyed by question id.
// `readiness template` writes exactly this shape; `assess --answers` reads it.
import * as z from 'zod';
import { OptionValue } from './questionnaire.js';

/** A real answer: a scalar for likert/single/yesno/number/text, a list for multiple choice. */
export const AnswerValue = z.union([OptionValue, z.array(OptionValue)]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** `dont-know` and `n/a` are written as plain strings; a note may accompany any answer. */
export const AnswerEntry = z.union([
  AnswerValue,
  z.null(), // left blank in a template: unanswered
  z.strictObject({ value: z.union([AnswerValue, z.null()]), note: z.string().optional() }),
]);
export type AnswerEntry = z.infer<typeof AnswerEntry>;

export const AnswersFile = z.strictObject({
  questionnaire: z.string().min(1),
  // Header fields may be left blank (null) in a template.
  organization: z.string().nullish(),
  respondent: z.string().nullish(),
  role: z.string().nullish(),
  /** ISO date, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD').nullish(),
  /** Respondent attributes (unit, site, tenure...), used to group respondents in the report. */
  segments: z.record(z.string(), z.union([z.string(), z.number()]).nullable()).nullish(),
  answers: z.record(z.string(), AnswerEntry).nullish(),
});
export type AnswersFile = z.infer<typeof AnswersFile>;

/** One answer after loading and checking against the questionnaire. */
export type Answer =
  | { status: 'answered'; value: AnswerValue; note?: string }
  | { status: 'dont-know'; note?: string }
  | { status: 'not-applicable'; note?: string }
  | { status: 'unanswered'; note?: string };

/** One respondent's checked answers: what scoring consumes. */
export interface Response {
  respondent?: string;
  role?: string;
  organization?: string;
  date?: string;
  /** Respondent attributes (unit, site, tenure...): attribute -> value. */
  segments?: Record<string, string>;
  /** Where it came from, for messages ("answers/jane.yaml", "export.csv row 14"). */
  source: string;
  /** The kind of source and its file, for the respondent mix of a result (interview, answers file, survey export). */
  origin?: { kind: 'interview' | 'answers' | 'survey'; file: string };
  /**
   * Questions this respondent was never asked (another questionnaire's answers, a survey
   * without a column for them): counted as hidden, so neither in scores nor in coverage.
   */
  notAsked?: ReadonlySet<string>;
  answers: Record<string, Answer>;
}

/**
 * One respondent as a survey export's loader hands it over: the answers by question index
 * (questionnaire order; undefined: no answer, as a missing key of Response.answers) instead
 * of by id, so that no object is built per row. The loader reuses the object and the array
 * for every row: a receiver reads them during the call and copies what it keeps.
 */
export interface IndexedResponse extends Omit<Response, 'answers'> {
  answers: readonly (Answer | undefined)[];
}
