// Build step: checks the built-in questionnaires with the real checker and
// returns the table embedded by src/load/builtin-cache.ts. Invalid files are
// left out, so that at run time they get the full check and its messages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheTable } from '../src/load/builtin-cache.js';
import { checkQuestionnaireText } from '../src/load/questionnaire.js';
import { decodeUtf8 } from '../src/load/source.js';
import { renderTemplate } from '../src/render/template.js';

export function buildCache(dir: string): CacheTable {
  const table: CacheTable = [];
  for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = join(dir, name);
    const text = decodeUtf8(readFileSync(file), file);
    const { loaded } = checkQuestionnaireText(text, file);
    if (!loaded) continue;
    const json = JSON.stringify({ questionnaire: loaded.questionnaire, hash: loaded.hash });
    // rendered from the JSON round trip, which is the questionnaire the bundle hands out at run time
    table.push([text, json, renderTemplate((JSON.parse(json) as { questionnaire: typeof loaded.questionnaire }).questionnaire)]);
  }
  return table;
}
