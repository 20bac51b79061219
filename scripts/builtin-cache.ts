// Build step: checks the built-in questionnaires with the real checker and
// returns the table embedded by src/load/builtin-cache.ts. Invalid files are
// left out, so that at run time they get the full check and its messages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkQuestionnaireText } from '../src/load/questionnaire.js';
import { textKey, type CachedQuestionnaire } from '../src/load/builtin-cache.js';
import { decodeUtf8 } from '../src/load/source.js';

export function buildCache(dir: string): Record<string, CachedQuestionnaire> {
  const table: Record<string, CachedQuestionnaire> = {};
  for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = join(dir, name);
    const text = decodeUtf8(readFileSync(file), file);
    const { loaded } = checkQuestionnaireText(text, file);
    if (loaded) table[textKey(text)] = { questionnaire: loaded.questionnaire, hash: loaded.hash };
  }
  return table;
}
