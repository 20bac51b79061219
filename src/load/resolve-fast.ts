// The common case without the checker: a built-in questionnaire asked for by
// id (or by the path of an unedited built-in file) is taken from the bundle's
// build-time cache (builtin-cache.ts), so that `assess` does not load the
// questionnaire checker and its schema library at all. Anything else goes to
// the full resolver (resolve.ts), imported only then. Same answers either way.
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { cachedBlankTemplate, cachedQuestionnaire, type CachedQuestionnaire } from './builtin-cache.js';
import { builtInDirectory } from './package-root.js';
import { READ_LIMITS, readRegularFile } from './safe-read.js';
import type { LoadedQuestionnaire } from './questionnaire.js';
import { questionnaireFilesIn } from './questionnaire-files.js';
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
  const template = hit && cachedBlankTemplate(hit.text);
  return hit && template !== undefined ? { loaded: hit.loaded, template } : undefined;
}

function fastHit(ref: string, cwd: string): { loaded: LoadedQuestionnaire; text: string } | undefined {
  const dir = builtInDirectory();
  if (dir === undefined) return undefined;
  const isId = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/.test(ref);
  // a folder of the user's own questionnaires may override a built-in id
  if (isId && existsSync(join(cwd, 'questionnaires'))) return undefined;
  const file = isId ? join(dir, `${ref}.yaml`) : resolve(cwd, ref);
  const text = fileText(file);
  const hit = text === undefined ? undefined : cachedQuestionnaire(text);
  if (!hit || text === undefined || (isId && hit.questionnaire.id !== ref)) return undefined;
  return { loaded: { ...hit, file, builtIn: resolve(file).startsWith(dir + sep) }, text };
}

/** The text of `file` without a byte-order mark; undefined when it cannot be read. */
function fileText(file: string): string | undefined {
  let text: string;
  try {
    // the safe reader: a FIFO or device named as a questionnaire must not hang here
    text = readRegularFile(file, { maxBytes: READ_LIMITS.questionnaire }).toString('utf8');
  } catch {
    return undefined;
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The build-time check of `file` when its text is an unedited built-in's; undefined otherwise (or unreadable). */
export function cachedFile(file: string): CachedQuestionnaire | undefined {
  const text = fileText(file);
  return text === undefined ? undefined : cachedQuestionnaire(text);
}

/** Like resolveQuestionnaire (resolve.ts), loading the checker only when the fast path cannot answer. */
export async function resolveQuestionnaireLazily(ref: string, cwd: string): Promise<LoadedQuestionnaire> {
  const fast = resolveBuiltInFast(ref, cwd);
  if (fast) return fast;
  const { resolveQuestionnaire } = await import('./resolve.js');
  return resolveQuestionnaire(ref, cwd);
}

/**
 * The questionnaires `readiness list` shows, from the build-time cache alone:
 * defined only when there is no ./questionnaires folder and every built-in
 * file is an unedited, valid built-in with its own id. Otherwise undefined,
 * and the caller scans with the checker (resolve.ts scanQuestionnaires),
 * which gives the same rows for the same files.
 */
export function listBuiltInsFast(cwd: string): QuestionnaireSummary[] | undefined {
  const dir = builtInDirectory();
  if (dir === undefined || existsSync(join(cwd, 'questionnaires'))) return undefined;
  const rows: QuestionnaireSummary[] = [];
  for (const file of questionnaireFilesIn(dir)) {
    const hit = cachedFile(file);
    if (!hit || rows.some((r) => r.id === hit.questionnaire.id)) return undefined;
    const q = hit.questionnaire;
    rows.push({ id: q.id, title: q.title, version: q.version, questions: q.questions.length, minutes: q.minutes, file, builtIn: true });
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
