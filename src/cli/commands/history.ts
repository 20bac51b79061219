// `readiness history`: the stored results, newest first, with the files that could not be read.
import type { Io } from '../io.js';
import { isAbsolute, relative, resolve } from 'node:path';
import { sameOrganization, type History } from '../../store/result-files.js';
import { listSummaries } from '../../store/summaries.js';
import type { ResultSummary } from '../../model/result-summary.js';
// from text.js, not markdown.js: a listing needs no Markdown serializer
import { columns, padColumns, plainLine, quotedName } from '../../render/text.js';
import { dirFlag } from '../shell-arg.js';
import { round1 } from '../../score/round.js';
import { escapeUnsafeJson, inertName } from '../../errors.js';

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const dirOption = typeof opts.dir === 'string' ? opts.dir : 'reports';
  const org = typeof opts.org === 'string' ? opts.org : undefined;
  const dir = isAbsolute(dirOption) ? dirOption : resolve(io.cwd, dirOption);
  const history = await listSummaries(dir, org === undefined ? {} : { org });
  if (opts.json) {
    // paths as they are: JSON escapes the C0 controls, escapeUnsafeJson the rest
    io.stdout(`${escapeUnsafeJson(JSON.stringify(historyJson(history, (p) => plainPath(io.cwd, p)), null, 2))}\n`);
    return;
  }
  io.stdout(formatHistory(history, { dirShown: dirOption, org, shown: (p) => displayPath(io.cwd, p) }));
}

/**
 * Paths as the user would type them: relative to where they stand when inside it; quoted as
 * JSON when the name holds a control or bidirectional character (inertName).
 */
export function displayPath(cwd: string, path: string): string {
  return inertName(plainPath(cwd, path));
}

/** The path displayPath shows, as it is (for JSON). */
export function plainPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function historyJson(history: History<ResultSummary>, shown: (p: string) => string) {
  return {
    dir: shown(history.dir),
    results: history.entries.map(({ path, result: r }) => ({
      path: shown(path),
      organization: r.organization,
      date: r.date,
      questionnaire: { id: r.questionnaire.id, version: r.questionnaire.version, title: r.questionnaire.title },
      respondents: r.respondents.count,
      partial: r.partial,
      level: r.overall.level ? { id: r.overall.level.id, label: r.overall.level.label } : null,
      overall: r.overall.score,
    })),
    skipped: history.skipped.map((s) => ({ path: shown(s.path), reason: s.reason })),
  };
}

export function formatHistory(
  history: History<ResultSummary>,
  options: { dirShown: string; org: string | undefined; shown: (p: string) => string },
): string {
  const { org, shown } = options;
  // the folder as given, for printed commands (shellArg quotes it); quoted when named in a sentence
  const dirShown = inertName(options.dirShown);
  const lines: string[] = [];
  const whose = org === undefined ? '' : ` of ${plainLine(org)}`;
  // printed commands name the same folder (dirShown is the folder as given)
  const dir = dirFlag(options.dirShown);
  if (history.missing) {
    return `There is no reports folder at ${dirShown} yet, so no stored results. Run \`readiness assess${dir}\` (an interview) or \`readiness assess --answers FILE --org NAME${dir}\` to create the first one.\n`;
  }
  if (history.entries.length === 0) {
    lines.push(
      org === undefined
        ? `No stored results in ${dirShown} yet. Run \`readiness assess${dir}\` (an interview) or \`readiness assess --answers FILE --org NAME${dir}\` to create one.`
        : `No stored results${whose} in ${dirShown}. Run \`readiness history${dir}\` without --org to see every organization, or \`readiness assess --org ${quotedName(plainLine(org))}${dir}\` to create one.`,
    );
  } else {
    const n = history.entries.length;
    lines.push(`${n} stored result${n === 1 ? '' : 's'}${whose} in ${dirShown}, newest first:`, '');
    const header = ['DATE', 'ORGANIZATION', 'QUESTIONNAIRE', 'RESP.', 'LEVEL', 'SCORE', 'PATH'];
    const rows = history.entries.map(({ path, result: r }) => [
      plainLine(r.date),
      plainLine(r.organization) || '(none)',
      `${plainLine(r.questionnaire.id)} ${plainLine(r.questionnaire.version)}`,
      String(r.respondents.count),
      plainLine(r.overall.level?.label ?? '—') + (r.partial ? ' (partial)' : ''),
      // one decimal as compare prints it (half away from zero, src/score/round.ts): toFixed rounds the binary value, so 72.35 was 72.3 here and 72.4 in the trend
      r.overall.score === null ? '—' : round1(r.overall.score).toFixed(1),
      plainLine(shown(path)),
    ]);
    const right = new Set([3, 5]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => columns(r[i]!))));
    const fmt = (cells: string[]) =>
      cells
        .map((c, i) => (i === cells.length - 1 ? c : padColumns(c, widths[i]!, right.has(i))))
        .join('  ')
        .trimEnd();
    lines.push(fmt(header), ...rows.map(fmt));
    const newestOrg = history.entries[0]!.result.organization;
    if (history.entries.filter((e) => sameOrganization(e.result.organization, newestOrg)).length >= 2) {
      lines.push('', `See what changed with \`readiness compare --org ${quotedName(plainLine(newestOrg))}${dir}\`.`);
    }
  }
  if (history.skipped.length > 0) {
    const k = history.skipped.length;
    lines.push('', `Skipped ${k} file${k === 1 ? '' : 's'} that ${k === 1 ? 'is' : 'are'} not a readable result:`);
    for (const s of history.skipped) lines.push(`  ${plainLine(shown(s.path))}: ${plainLine(s.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}
