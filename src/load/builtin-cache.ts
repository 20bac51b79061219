// Built-in questionnaires, checked once at build time. The build runs the real
// checker over questionnaires/*.yaml and embeds every valid result here with
// the exact text it was made from. At run time a file whose text is identical
// is used without parsing and checking it again: the answer would be the same,
// since the code that checked it is the code in this very bundle. Any edited
// file differs and goes through the full check. Without a bundle (tests, tsx)
// there is no cache. Exact text comparison, not a digest, so that no hash
// module has to load at start-up and no collision is possible.
import type { Questionnaire } from '../model/questionnaire.js';

// An array literal in the bundle, not a JSON string: its strings come with the
// compiled code, and start-up does not parse the whole table to use one entry.
declare const __BUILTIN_QUESTIONNAIRES__: CacheTable | undefined;

export interface CachedQuestionnaire {
  questionnaire: Questionnaire;
  hash: string;
}

/**
 * [source text, JSON of CachedQuestionnaire, blank answers-file template]
 * triples, as embedded by the build. The template is renderTemplate's text
 * for the questionnaire (src/render/template.ts), so that `readiness template`
 * prints a built-in's without loading the YAML library.
 */
export type CacheTable = Array<[string, string, string]>;

function entryFor(text: string): [string, string, string] | undefined {
  if (typeof __BUILTIN_QUESTIONNAIRES__ === 'undefined') return undefined;
  return __BUILTIN_QUESTIONNAIRES__.find(([source]) => source === text);
}

/** The build-time check of a questionnaire whose text is exactly a built-in's; undefined otherwise or without a bundle. */
export function cachedQuestionnaire(text: string): CachedQuestionnaire | undefined {
  const hit = entryFor(text);
  // parsed afresh each time, so that a caller changing its copy cannot change the next one
  return hit ? (JSON.parse(hit[1]) as CachedQuestionnaire) : undefined;
}

/** The blank answers-file template (YAML text) rendered at build time for a built-in's exact text; undefined otherwise. */
export function cachedBlankTemplate(text: string): string | undefined {
  return entryFor(text)?.[2];
}
