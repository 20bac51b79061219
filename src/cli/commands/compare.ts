// `readiness compare`: a trend report from two or more stored results.
//
// Exit codes: a wrong command line (one file, files and --org together, nothing given) is a
// usage error (2); what is found on disk (too few stored results, a corrupt, newer or
// tampered file, mixed organizations) is invalid input (1).
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Io } from '../io.js';
import { wantsColor } from '../io.js';
import { escapeUnsafeJson, inertName, InputError, UsageError } from '../../errors.js';
import { compareResults, MIX_CHANGED, WORDING_CHANGED } from '../../compare/compare.js';
import { loadResultSummary } from '../../load/result-summaries.js';
import type { ResultSummary } from '../../model/result-summary.js';
import type { Trend } from '../../model/trend.js';
import { plainLine } from '../../render/markdown.js';
import { renderTrend } from '../../render/trend.js';
import { renderTrendSummary } from '../../render/trend-summary.js';
import { loadPaint } from '../load-paint.js';
import type { HistoryEntry } from '../../store/result-files.js';
import { listSummaries } from '../../store/summaries.js';
import { orgSlug } from '../../store/paths.js';
import { checkReplaceable, writeFilesAtomically, type OutputFile } from '../../store/write.js';
import { orgFolderName } from '../../store/org-folder.js';
import { READ_LIMITS, readRegularFile } from '../../load/safe-read.js';
import { displayPath } from './history.js';
import { outputFormats, reportFiles } from '../formats.js';
import { dirFlag } from '../shell-arg.js';

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const org = typeof opts.org === 'string' ? opts.org : undefined;
  const dirOption = typeof opts.dir === 'string' ? opts.dir : 'reports';
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));

  if (org !== undefined && args.length > 0) {
    throw new UsageError('give either result files or --org, not both; --org compares every stored result of that organization.');
  }
  if (org === undefined && args.length === 0) {
    throw new UsageError('give two or more result files, or --org NAME to compare every stored result of an organization (see `readiness history`).');
  }
  if (org === undefined && args.length === 1) {
    throw new UsageError(`a trend needs at least two results, but only ${args[0]} was given; add another result file, or use --org NAME.`);
  }
  if (org !== undefined && plainLine(org) === '') throw new UsageError('--org needs an organization name.');

  const loaded = org === undefined ? await explicitFiles(args, abs) : await fromHistory(org, dirOption, abs, io, opts.includeSingle === true);
  const trend = compareResults(
    loaded.map((l) => l.result),
    { sources: loaded.map((l) => l.source), allowMixed: Boolean(opts.allowMixed) },
  );
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  // without --format the -o file's name chooses: -o trend.pdf is a PDF, never Markdown named .pdf
  const formats = outputFormats(opts.format, output);
  const markdown = renderTrend(trend);
  const browser = { flag: typeof opts.browser === 'string' ? opts.browser : undefined, env: io.env };

  const force = Boolean(opts.force);
  // what the run says it did with each file of the report, in the order md, html, pdf
  const outcome: { path: string; unchanged: boolean }[] = [];
  if (output !== undefined) {
    const files = formats.length === 1 && formats[0] === 'md' ? [{ path: output, content: markdown }] : await reportFiles({ kind: 'trend', trend }, markdown, output, formats, browser);
    writeFilesAtomically(files, { force, cwd: io.cwd, otherwise: 'or give another file with -o' });
    outcome.push(...files.map((f) => ({ path: f.path, unchanged: false })));
  } else if (!opts.json) {
    const folder = trend.mixed ? 'mixed-organizations' : await orgFolderName(trend.organizations[0] ?? '');
    const mdPath = defaultTrendPath(dirOption, trend, folder);
    // the Markdown is known before any format is rendered: a conflict is said before a browser starts
    const mdSame = formats.includes('md') && sameOrRefused({ path: mdPath, content: markdown }, force, abs);
    // Every format is rendered (the PDF printed) before anything is written, and the files are
    // published as one unit: a failure or Ctrl-C while the PDF prints leaves the folder as it was.
    const files = formats.length === 1 && formats[0] === 'md' ? [{ path: mdPath, content: markdown }] : await reportFiles({ kind: 'trend', trend }, markdown, mdPath, formats, browser);
    const same = new Set(files.filter((f) => (f.path === mdPath ? mdSame : sameOrRefused(f, force, abs))).map((f) => f.path));
    const changed = files.filter((f) => !same.has(f.path));
    if (changed.length > 0) writeFilesAtomically(changed, { force, cwd: io.cwd, otherwise: 'or -o FILE to write elsewhere' });
    outcome.push(...files.map((f) => ({ path: f.path, unchanged: same.has(f.path) })));
  }

  if (opts.json) {
    io.stdout(`${escapeUnsafeJson(JSON.stringify(trend, null, 2))}\n`);
    return;
  }
  io.stdout(renderTrendSummary(trend, await loadPaint(wantsColor(io, opts.color as boolean | undefined))));
  // a changed mix of respondents, or a reworded question, is said where it is seen, not only in the report
  for (const note of trend.notes.filter((n) => n.endsWith(MIX_CHANGED) || n.includes(WORDING_CHANGED))) io.stdout(`\nNote: ${note}\n`);
  outcome.forEach((f, i) => io.stdout(`${i === 0 ? '\n' : ''}Trend report ${f.unchanged ? 'unchanged' : 'written'}: ${inertName(f.path)}\n`));
}

/**
 * Whether the trend file `f` (a path in the reports folder) already holds exactly these bytes:
 * re-running compare on the same results is not an overwrite. Throws InputError when it holds
 * something else and --force is not given, or when it is no regular file.
 */
function sameOrRefused(f: OutputFile, force: boolean, abs: (p: string) => string): boolean {
  const target = abs(f.path);
  if (!existsSync(target) || !checkReplaceable(target, f.path, true)) return false;
  const bytes = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content;
  if (statSync(target).size === bytes.length && readRegularFile(f.path, { path: target, maxBytes: READ_LIMITS.result }).equals(bytes)) return true;
  if (force) return false;
  throw new InputError(`${f.path} already exists with different content; use --force to overwrite it, or -o FILE to write elsewhere.`);
}

/** <dir>/<org-slug>/trend-<first date>-to-<last date>.md, next to the results it compares. */
export function defaultTrendPath(dir: string, trend: Trend, folder = trend.mixed ? 'mixed-organizations' : orgSlug(trend.organizations[0] ?? '')): string {
  return join(dir, folder, `trend-${trend.from}-to-${trend.to}.md`);
}

/** The results named on the command line, in order. */
async function explicitFiles(args: string[], abs: (p: string) => string): Promise<{ result: ResultSummary; source: string }[]> {
  const out: { result: ResultSummary; source: string }[] = [];
  for (const file of args) out.push({ result: await loadResultSummary(abs(file)), source: file });
  return out;
}

async function fromHistory(org: string, dirOption: string, abs: (p: string) => string, io: Io, includeSingle = false): Promise<{ result: ResultSummary; source: string }[]> {
  const history = await listSummaries(abs(dirOption), { org });
  const shown = (p: string) => displayPath(io.cwd, p);
  if (!includeSingle) {
    // one interview's own result beside the combined assessment of the same day is not a point in time of its own
    const combined = new Set(history.entries.filter((e) => e.result.respondents.count > 1).map((e) => `${e.result.date}\u0000${e.result.questionnaire.id}`));
    const single = history.entries.filter((e) => e.result.respondents.count === 1 && combined.has(`${e.result.date}\u0000${e.result.questionnaire.id}`));
    if (single.length > 0) {
      history.entries = history.entries.filter((e) => !single.includes(e));
      io.stderr(
        `readiness: left out ${single.length} single-respondent result${single.length === 1 ? '' : 's'} dated like a combined assessment of the same questionnaire (${single.map((e) => shown(e.path)).join(', ')}); add --include-single to compare ${single.length === 1 ? 'it' : 'them'} too.\n`,
      );
    }
  }
  if (history.skipped.length > 0) {
    const k = history.skipped.length;
    io.stderr(`readiness: ${k} file${k === 1 ? '' : 's'} in ${dirOption} could not be read and ${k === 1 ? 'was' : 'were'} left out; run \`readiness history${dirFlag(dirOption)}\` to see why.\n`);
  }
  let entries: HistoryEntry<ResultSummary>[] = history.entries;
  if (entries.length < 2) {
    const where = history.missing ? `(there is no folder ${dirOption})` : `in ${dirOption}`;
    throw new InputError(
      entries.length === 0
        ? `no stored results of ${JSON.stringify(plainLine(org))} ${where}; run \`readiness history${dirFlag(dirOption)}\` to see which organizations have results.`
        : `only one stored result of ${JSON.stringify(plainLine(org))} ${where} (${shown(entries[0]!.path)}); a trend needs two, so assess again later and compare.`,
    );
  }
  // One questionnaire at a time: the one used most (ties: the most recent). Comparing across
  // questionnaires is possible by naming the files, and then only shared ids are compared.
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.result.questionnaire.id, (count.get(e.result.questionnaire.id) ?? 0) + 1);
  if (count.size > 1) {
    const best = [...count].sort((a, b) => b[1] - a[1])[0]![1];
    const chosen = entries.find((e) => count.get(e.result.questionnaire.id) === best)!.result.questionnaire.id; // entries are newest first
    const left = entries.filter((e) => e.result.questionnaire.id !== chosen);
    if (count.get(chosen)! >= 2) {
      entries = entries.filter((e) => e.result.questionnaire.id === chosen);
      io.stderr(
        `readiness: comparing the ${entries.length} results made with ${chosen}; left out ${left.map((e) => `${shown(e.path)} (${e.result.questionnaire.id})`).join(', ')}. Name the files to compare across questionnaires.\n`,
      );
    }
  }
  return [...entries].reverse().map((e) => ({ result: e.result, source: shown(e.path) }));
}
