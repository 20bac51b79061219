// `readiness report RESULT.json`: re-render the Markdown report from a stored
// result, byte for byte what `assess` wrote.
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { loadResult } from '../../load/result.js';
import { renderReport } from '../../render/report.js';
import { writeFilesAtomically } from '../../store/write.js';
import type { Io } from '../io.js';

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const file = args[0];
  if (!file) throw new UsageError('give the result JSON to render, e.g. `readiness report reports/example-org/2026-11-29-quick-check.json`.');
  // Keep the path as typed in messages unless the Io's folder differs from the process's.
  const readable = resolve(io.cwd, file) === resolve(file) ? file : resolve(io.cwd, file);
  const report = renderReport(loadResult(readable));
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  if (output === undefined || output === '-') {
    io.stdout(report);
    return;
  }
  writeFilesAtomically([{ path: output, content: report }], { force: opts.force === true, cwd: io.cwd, otherwise: 'or give another file with -o' });
  io.stdout(`Report written to ${output}\n`);
}
