// The stored results under a reports folder: finding the files and listing them
// with any loader. Listing never fails because of one bad file: each unreadable,
// foreign or newer file is kept aside with the reason. Loads no result code
// itself (store/history.ts loads results in full, store/summaries.ts their summaries).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, ReadinessError } from '../errors.js';
import type { Result } from '../model/result.js';
import type { ResultSummary } from '../model/result-summary.js';
import { sameOrganizationName } from '../model/organization.js';
import { JOURNAL_NAME, LOCK_NAME, recoverFolder } from './write.js';

/** Folders never searched: interview sessions, hidden folders, installed packages. */
const SKIP_DIRS = new Set(['.sessions', 'node_modules', 'answers']);
/** Bounds on a walk through a folder the user pointed at (it might be their home folder). */
const MAX_DEPTH = 8;
const MAX_FILES = 5000;

/** A stored result: in full (Result) or what listings and trends read of it (ResultSummary). */
export interface HistoryEntry<R extends ResultSummary = Result> {
  /** The file, joined onto the folder as given (relative stays relative). */
  path: string;
  result: R;
}

export interface SkippedFile {
  path: string;
  /** Why it was left out, one sentence without the file name. */
  reason: string;
}

export interface History<R extends ResultSummary = Result> {
  dir: string;
  /** Newest first: by date, then by path. */
  entries: HistoryEntry<R>[];
  skipped: SkippedFile[];
  /** The folder does not exist (a fresh project): not an error. */
  missing: boolean;
}

/** Every *.json file under `dir`, recursively, sorted, skipping .sessions and hidden folders. */
export function findResultFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, depth: number) => {
    if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // an unreadable sub-folder is not worth failing the listing for
    }
    // a run killed while publishing a report and its result is completed first
    if (entries.some((e) => e.name === JOURNAL_NAME || e.name === LOCK_NAME)) {
      recoverFolder(folder);
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        return;
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // join(folder, name) for every name read from the folder (one path component, never . or ..):
    // the folder's part normalized once, not once per file (a thousand results: a few ms)
    // (a Windows UNC root of a server alone is written otherwise: there, join each)
    const prefix = join(folder, 'x').slice(0, -1);
    const quick = join(folder, 'y.json') === `${prefix}y.json`;
    for (const e of entries) {
      const full = quick ? prefix + e.name : join(folder, e.name);
      // Symbolic links to folders are not followed (no loops, no escaping the folder).
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full, depth + 1);
      } else if ((e.isFile() || e.isSymbolicLink()) && e.name.toLowerCase().endsWith('.json') && !e.name.startsWith('.')) {
        if (found.length < MAX_FILES) found.push(full);
      }
    }
  };
  walk(dir, 0);
  return found;
}

/**
 * Same organization: compared on the stored names (see orgKey), so "Example Org",
 * "example org" and "example-org" agree while 日本電気 and 富士通 do not.
 */
export function sameOrganization(a: string, b: string): boolean {
  return sameOrganizationName(a, b);
}

/** Every stored result under `dir` as `load` gives it; `org` keeps only that organization's. */
export function listStored<R extends ResultSummary>(dir: string, options: { org?: string }, load: (file: string) => R): History<R> {
  const files = resultFilesIn(dir);
  if (files === undefined) return { dir, entries: [], skipped: [], missing: true };
  const listing = new Listing<R>(options);
  for (const path of files) {
    try {
      listing.add(path, load(path));
    } catch (error) {
      listing.skip(path, error);
    }
  }
  return listing.done(dir);
}

/** listStored with a loader that may wait (one file at a time, in order). */
export async function listStoredAsync<R extends ResultSummary>(dir: string, options: { org?: string }, load: (file: string) => R | Promise<R>): Promise<History<R>> {
  const files = resultFilesIn(dir);
  if (files === undefined) return { dir, entries: [], skipped: [], missing: true };
  const listing = new Listing<R>(options);
  for (const path of files) {
    try {
      // a result given as it is is not awaited: a thousand waits cost more than the listing
      const loaded = load(path);
      listing.add(path, loaded instanceof Promise ? await loaded : loaded);
    } catch (error) {
      listing.skip(path, error);
    }
  }
  return listing.done(dir);
}

/** The result files under `dir`; undefined when there is no such folder; InputError when it is a file. */
function resultFilesIn(dir: string): string[] | undefined {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return undefined;
  }
  if (!isDir) throw new InputError(`${dir} is a file, not a reports folder; give the folder that holds the results with --dir.`);
  return findResultFiles(dir);
}

/** The entries and skipped files of one listing, as listStored and listStoredAsync gather them. */
class Listing<R extends ResultSummary> {
  private readonly entries: HistoryEntry<R>[] = [];
  private readonly skipped: SkippedFile[] = [];
  /** Whether a stored name is the organization asked for, once per distinct name (see sameOrganization). */
  private readonly same = new Map<string, boolean>();
  constructor(private readonly options: { org?: string }) {}

  add(path: string, result: R): void {
    const org = this.options.org;
    if (org !== undefined) {
      let same = this.same.get(result.organization);
      if (same === undefined) this.same.set(result.organization, (same = sameOrganization(result.organization, org)));
      if (!same) return;
    }
    this.entries.push({ path, result });
  }

  skip(path: string, error: unknown): void {
    this.skipped.push({ path, reason: reasonOf(error, path) });
  }

  done(dir: string): History<R> {
    this.entries.sort(newestFirst);
    return { dir, entries: this.entries, skipped: this.skipped, missing: false };
  }
}

/** Newest first by date; the same date ordered by path so the listing is stable. */
export function newestFirst(a: HistoryEntry<ResultSummary>, b: HistoryEntry<ResultSummary>): number {
  if (a.result.date !== b.result.date) return a.result.date < b.result.date ? 1 : -1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function reasonOf(error: unknown, path: string): string {
  const message = error instanceof ReadinessError ? error.message : `cannot be read (${(error as Error)?.message ?? String(error)})`;
  // Loader messages start with the file name; the listing already shows it.
  let reason = message.startsWith(path) ? message.slice(path.length).replace(/^:?\s*/, '') : message;
  if (error instanceof ReadinessError && error.details.length > 0) reason = `${reason.replace(/\.$/, '')}: ${error.details[0]!.replace(`${path}:`, 'at ')}`;
  return reason;
}
