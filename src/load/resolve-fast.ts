// The common case without the checker: a built-in questionnaire asked for by
// id (or by the path of an unedited built-in file) is taken from the bundle's
// build-time cache (builtin-cache.ts), and a file of the user's that this build
// checked before from the memo of checked questionnaires (questionnaire-memo.ts),
// so that commands do not load the questionnaire checker and its YAML and
// schema libraries at all. Anything else (a file never checked, edited, or
// with problems) goes to the full resolver (resolve.ts), imported only then.
// Same answers either way.
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { cachedBlankTemplate, cachedQuestionnaire, type CachedQuestionnaire } from './builtin-cache.js';
import { builtInDirectory } from './package-root.js';
import { READ_LIMITS, readRegularFile } from './safe-read.js';
import type { LoadedQuestionnaire } from './questionnaire.js';
import { questionnaireFilesIn, sameFolder, summaryRow } from './questionnaire-files.js';
import { questionnaireDigest, rememberedQuestionnaire } from './questionnaire-memo.js';
import type { QuestionnaireSummary } from './resolve.js';

/** The cached built-in for `ref`, or undefined when the full resolver must decide. */
export function resolveBuiltInFast(ref: string, cwd: string): LoadedQuestionnaire | undefined {
  return fastHit(ref, cwd)?.loaded;
}

/**
 * A built-in named by `ref` (as resolveBuiltInFast decides) with its blank
 * answers-file template rendered at build time; undefined when the full
 * resolver must decide, and the caller renders the template itself.
 */
export function resolveBuiltInTemplateFast(ref: string, cwd: string): { loaded: LoadedQuestionnaire; template: string } | undefined {
  const hit = fastHit(ref, cwd);
  const template = hit?.text !== undefined ? cachedBlankTemplate(hit.text) : undefined;
  return hit && template !== undefined ? { loaded: hit.loaded, template } : undefined;
}

function fastHit(given: string, cwd: string): { loaded: LoadedQuestionnaire; text?: string } | undefined {
  const dir = builtInDirectory();
  // as the full resolver reads a reference: without surrounding spaces ("q.yaml " is q.yaml)
  const ref = given.trim();
  if (dir === undefined || ref === '') return undefined;
  const isId = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/.test(ref);
  // an id that is also the name of a file here is read as that file's path (resolve.ts looksLikePath)
  if (isId && namesFile(resolve(cwd, ref))) return undefined;
  if (isId) {
    // a folder of the user's own questionnaires comes first, and may override a built-in id
    const local = localFiles(cwd, dir);
    if (local === undefined) return undefined;
    const mine = local.find((f) => f.checked.questionnaire.id === ref);
    if (mine) return { loaded: { ...mine.checked, file: mine.file, builtIn: false } };
  }
  const file = isId ? join(dir, `${ref}.yaml`) : resolve(cwd, ref);
  const read = readFile(file);
  if (read === undefined) return undefined;
  const builtIn = resolve(file).startsWith(dir + sep);
  const hit = cachedQuestionnaire(read.text);
  if (hit && (!isId || hit.questionnaire.id === ref)) return { loaded: { ...hit, file, builtIn }, text: read.text };
  // a file of the user's named by its path, checked before by this build
  const known = isId ? undefined : rememberedQuestionnaire(questionnaireDigest(read.bytes));
  return known ? { loaded: { ...known, file, builtIn } } : undefined;
}

/**
 * The questionnaires of <cwd>/questionnaires in the order the full resolver
 * reads them, each answered by a cache: [] when there is no such folder (or it
 * is the built-in folder itself), undefined when some file is neither an
 * unedited built-in nor known to the memo (the full resolver must check it).
 */
function localFiles(cwd: string, builtIn: string): { file: string; checked: CachedQuestionnaire }[] | undefined {
  const local = join(cwd, 'questionnaires');
  if (!existsSync(local) || sameFolder(local, builtIn)) return [];
  const out: { file: string; checked: CachedQuestionnaire }[] = [];
  for (const file of questionnaireFilesIn(local)) {
    const checked = cachedFile(file);
    if (!checked) return undefined;
    out.push({ file, checked });
  }
  return out;
}

/** Whether something other than a folder is at `path`. */
function namesFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The bytes of `file` and their text without a byte-order mark; undefined when it cannot be read. */
function readFile(file: string): { bytes: Buffer; text: string } | undefined {
  let bytes: Buffer;
  try {
    // the safe reader: a FIFO or device named as a questionnaire must not hang here
    bytes = readRegularFile(file, { maxBytes: READ_LIMITS.questionnaire });
  } catch {
    return undefined;
  }
  const text = bytes.toString('utf8');
  return { bytes, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * The check of `file` when a cache holds it: the build-time check when its text is an
 * unedited built-in's, else the memo's when these very bytes passed every check of this
 * build before; undefined otherwise (or unreadable).
 */
export function cachedFile(file: string): CachedQuestionnaire | undefined {
  const read = readFile(file);
  if (read === undefined) return undefined;
  return cachedQuestionnaire(read.text) ?? rememberedQuestionnaire(questionnaireDigest(read.bytes));
}

/** Like resolveQuestionnaire (resolve.ts), loading the checker only when the fast path cannot answer. */
export async function resolveQuestionnaireLazily(ref: string, cwd: string): Promise<LoadedQuestionnaire> {
  const fast = resolveBuiltInFast(ref, cwd);
  if (fast) return fast;
  const { resolveQuestionnaire } = await import('./resolve.js');
  return resolveQuestionnaire(ref, cwd);
}

/**
 * The questionnaires `readiness list` shows, from the caches alone (the
 * build-time one and the memo): defined only when every file in the built-in
 * folder is an unedited, valid built-in with its own id, and every file in
 * ./questionnaires is known to a cache with an id no other file there has.
 * Otherwise undefined, and the caller scans with the checker (resolve.ts
 * scanQuestionnaires), which gives the same rows for the same files.
 */
export function listBuiltInsFast(cwd: string): QuestionnaireSummary[] | undefined {
  const dir = builtInDirectory();
  if (dir === undefined) return undefined;
  const local = localFiles(cwd, dir);
  if (local === undefined) return undefined;
  const rows: QuestionnaireSummary[] = [];
  for (const { file, checked } of local) {
    // two files with one id: the full scan says which and where
    if (rows.some((r) => r.id === checked.questionnaire.id)) return undefined;
    rows.push(summaryRow(checked.questionnaire, file, false));
  }
  const locals = rows.length;
  for (const file of questionnaireFilesIn(dir)) {
    const read = readFile(file);
    const hit = read && cachedQuestionnaire(read.text);
    if (!hit) return undefined;
    const same = rows.findIndex((r) => r.id === hit.questionnaire.id);
    if (same >= locals) return undefined;
    if (same >= 0) rows[same]!.overridesBuiltIn = true; // the local one came first and wins
    else rows.push(summaryRow(hit.questionnaire, file, true));
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
