// STUB (owned by the assess/report work): the shared end of every assess path
// (answers files, survey CSV, interview): score, write report + result, print summary.
import type { LoadedQuestionnaire } from '../load/questionnaire.js';
import type { Response } from '../model/answers.js';
import type { Result } from '../model/result.js';
import type { Io } from './io.js';

export interface AssessCliOptions {
  org?: string;
  date?: string;
  output: string;
  force?: boolean;
  pilots: number;
  allowPartial?: boolean;
  minGroup: number;
  showRespondents?: boolean;
  json?: boolean;
  color?: boolean;
}

export async function finishAssessment(
  _loaded: LoadedQuestionnaire,
  _responses: Response[],
  _opts: AssessCliOptions,
  _io: Io,
  _extra?: { partial?: boolean; unmatchedCells?: number },
): Promise<{ reportPath: string; resultPath: string; result: Result }> {
  throw new Error('not implemented');
}
