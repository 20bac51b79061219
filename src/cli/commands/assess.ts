import type { Io } from '../io.js';
import { UsageError } from '../../errors.js';

export async function run(_args: string[], _opts: Record<string, unknown>, _io: Io): Promise<void> {
  throw new UsageError('`readiness assess` is not implemented yet.');
}
