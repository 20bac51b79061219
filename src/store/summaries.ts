// The summaries of the stored results under a reports folder (what history and
// compare read), from the cache of summaries where a file's bytes are known
// (src/load/result-summaries.ts). Loads the result checks only for a file that
// is not known (a first run, or an edited file).
import { summaryOf } from '../load/result-summaries.js';
import type { ResultSummary } from '../model/result-summary.js';
import { listStoredAsync, type History } from './result-files.js';

/**
 * The summaries of every stored result under `dir`, each checked as listHistory checks it,
 * or taken from the cache when the file's bytes are those of a summary made before.
 * `org` keeps only that organization's results.
 */
export function listSummaries(dir: string, options: { org?: string } = {}): Promise<History<ResultSummary>> {
  return listStoredAsync(dir, options, summaryOf);
}
