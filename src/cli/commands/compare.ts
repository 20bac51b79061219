// `readiness compare`: a trend report from two or more stored results.
//
// Exit codes: a wrong command line (one file, files and --org together, nothing given) is a
// usage error (2); what is found on disk (too few stored results, a corrupt, newer or
// tampered file, mixed organizations) is invalid input (1).
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Io } from '../io.js';
import { wantsColor } from '../io.js';
import { InputError, UsageError } from '../../errors.js';
import { compareResults, MIX_CHANGED } from '../../compare/compare.js';
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
import { checkReplaceable, writeFilesAtomically } from '../../store/write.js';
import { orgFolderName } from '../../store/org-folder.js';
import { READ_LIMITS, readRegularFile } from '../../load/safe-read.js';
import { displayPath } from './history.js';
import { parseFormats, reportFiles } from '../formats.js';
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
  const formats = parseFormats(opts.format);
  const markdown = renderTrend(trend);
  const browser = { flag: typeof opts.browser === 'string' ? opts.browser : undefined, env: io.env };
  const extraFormats = formats.filter((f) => f !== 'md');

  const output = typeof opts.output === 'string' ? opts.output : undefined;
  const force = Boolean(opts.force);
  let written: string | undefined;
  let unchanged = false;
  const extras: string[] = [];
  if (output !== undefined) {
    const files = formats.length === 1 && formats[0] === 'md' ? [{ path: output, content: markdown }] : await reportFiles({ kind: 'trend', trend }, markdown, output, formats, browser);
    writeFilesAtomically(files, { force, cwd: io.cwd });
    written = files[0]!.path;
    extras.push(...files.slice(1).map((f) => f.path));
  } else if (!opts.json) {
    const folder = trend.mixed ? 'mixed-organizations' : await orgFolderName(trend.organizations[0] ?? '');
    written = defaultTrendPath(dirOption, trend, folder);
    const target = abs(written);
    // Re-running compare on the same results gives the same bytes: that is not an overwrite.
    if (existsSync(target) && !force && checkReplaceable(target, written, true)) {
      if (readRegularFile(written, { path: target, maxBytes: READ_LIMITS.result }).toString('utf8') === markdown) unchanged = true;
      else throw new InputError(`${written} already exists with different content; use --force to overwrite it, or -o FILE to write elsewhere.`);
    }
    if (!unchanged && formats.includes('md')) writeFilesAtomically([{ path: target, content: markdown }], { force: true });
    if (extraFormats.length > 0) {
      const files = await reportFiles({ kind: 'trend', trend }, markdown, written, extraFormats, browser);
      writeFilesAtomically(files, { force, cwd: io.cwd });
      extras.push(...files.map((f) => f.path));
      if (!formats.includes('md')) {
        written = undefined;
        unchanged = false;
      }
    }
  }

  if (opts.json) {
    io.stdout(`${JSON.stringify(trend, null, 2)}\n`);
    return;
  }
  io.stdout(renderTrendSummary(trend, await loadPaint(wantsColor(io, opts.color as boolean | undefined))));
  // a changed mix of respondents is said where it is seen, not only in the report
  for (const note of trend.notes.filter((n) => n.endsWith(MIX_CHANGED))) io.stdout(`\nNote: ${note}\n`);
  if (written !== undefined) io.stdout(`\nTrend report ${unchanged ? 'unchanged' : 'written'}: ${written}\n`);
  for (const path of extras) io.stdout(`${written === undefined && path === extras[0] ? '\n' : ''}Trend report written: ${path}\n`);
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
