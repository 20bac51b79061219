// STUB (owned by the history/compare work): reading stored results.
import type { Result } from '../model/result.js';

/**
 * Reads a stored result JSON: refuses corrupt/truncated JSON (with line:column), a schema
 * version newer than this tool knows, and results whose scores do not match their answers;
 * upgrades older schema versions. Throws InputError with one clear sentence.
 */
export function loadResult(_file: string): Result {
  throw new Error('not implemented');
}
