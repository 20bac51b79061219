// PLACEHOLDER: the survey CSV template (`readiness template --csv`) is written
// by the CSV work; this file only keeps the dispatch in template.ts compiling.
import type { Io } from '../io.js';
import { UsageError } from '../../errors.js';

export async function run(_args: string[], _opts: Record<string, unknown>, _io: Io): Promise<void> {
  throw new UsageError('`readiness template --csv` is not implemented yet.');
}
