// `readiness report RESULT.json`: write the report again (Markdown, HTML or PDF) from a stored
// result, byte for byte what `assess` wrote.
import { resolve } from 'node:path';
import { inertName, UsageError } from '../../errors.js';
import { loadResult } from '../../load/result.js';
import { renderReport } from '../../render/report.js';
import { writeFilesAtomically } from '../../store/write.js';
import type { Io } from '../io.js';
import { outputFormats, reportFiles } from '../formats.js';

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const file = args[0];
  if (!file) throw new UsageError('give the result JSON to render, e.g. `readiness report reports/example-org/2026-11-29-quick-check.json`.');
  // Keep the path as typed in messages unless the Io's folder differs from the process's.
  const readable = resolve(io.cwd, file) === resolve(file) ? file : resolve(io.cwd, file);
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  // without --format the -o file's name chooses: -o client.pdf is a PDF, never Markdown named .pdf
  const formats = outputFormats(opts.format, output);
  const result = loadResult(readable);
  const report = renderReport(result);
  if (output === undefined || output === '-') {
    if (formats.includes('pdf') || formats.length > 1) {
      throw new UsageError('a PDF or several formats need a file: give -o FILE (each format gets its own extension).');
    }
    if (formats[0] === 'html') {
      const { renderReportHtml } = await import('../../render/html.js');
      io.stdout(await renderReportHtml(result));
    } else io.stdout(report);
    return;
  }
  const files =
    formats.length === 1 && formats[0] === 'md'
      ? [{ path: output, content: report }]
      : await reportFiles({ kind: 'report', result }, report, output, formats, { flag: typeof opts.browser === 'string' ? opts.browser : undefined, env: io.env });
  writeFilesAtomically(files, { force: opts.force === true, cwd: io.cwd, otherwise: 'or give another file with -o' });
  for (const f of files) io.stdout(`Report written to ${inertName(f.path)}\n`);
}
