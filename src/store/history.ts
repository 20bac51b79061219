// The stored results under a reports folder, loaded in full (plan reads them so).
// Finding and listing the files is in ./result-files.ts, re-exported here.
import { loadResult } from '../load/result.js';
import { listStored, type History } from './result-files.js';

export { findResultFiles, listStored, newestFirst, sameOrganization, type History, type HistoryEntry, type SkippedFile } from './result-files.js';

/** Loads every stored result under `dir` in full; `org` keeps only that organization's results. */
export function listHistory(dir: string, options: { org?: string } = {}): History {
  return listStored(dir, options, loadResult);
}
