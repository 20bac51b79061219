// A content hash of a questionnaire, stored in every result, so a result can
// tell whether it was made with exactly this questionnaire.
import type * as Crypto from 'node:crypto';
import type { Questionnaire } from '../model/questionnaire.js';

/** JSON with object keys sorted: the same data always gives the same text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** "sha256:<hex>" of the normalized (parsed, defaults applied) questionnaire. */
export function questionnaireHash(q: Questionnaire): string {
  // loaded on first use: built-in questionnaires come with their hash (builtin-cache.ts)
  const { createHash } = process.getBuiltinModule('node:crypto') as typeof Crypto;
  return `sha256:${createHash('sha256').update(stableStringify(q)).digest('hex')}`;
}
