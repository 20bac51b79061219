// Built-in questionnaires, checked once at build time. The build runs the real
// checker over questionnaires/*.yaml and embeds every valid result here, keyed
// by the sha256 of the file's text. At run time a file whose text matches is
// used without parsing and checking it again: the answer would be identical,
// since the code that checked it is the code in this very bundle. Any edited
// file misses the cache and goes through the full check. Without a bundle
// (tests, tsx) there is no cache.
import { createHash } from 'node:crypto';
import type { Questionnaire } from '../model/questionnaire.js';

declare const __BUILTIN_QUESTIONNAIRES__: string | undefined;

export interface CachedQuestionnaire {
  questionnaire: Questionnaire;
  hash: string;
}

let table: Record<string, CachedQuestionnaire> | undefined;

export function textKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function cachedQuestionnaire(text: string): CachedQuestionnaire | undefined {
  if (typeof __BUILTIN_QUESTIONNAIRES__ !== 'string') return undefined;
  table ??= JSON.parse(__BUILTIN_QUESTIONNAIRES__) as Record<string, CachedQuestionnaire>;
  const hit = table[textKey(text)];
  // a deep copy, so that a caller changing its questionnaire cannot change the next one
  return hit ? (JSON.parse(JSON.stringify(hit)) as CachedQuestionnaire) : undefined;
}
