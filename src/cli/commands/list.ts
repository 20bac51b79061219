// `readiness list [--json]`: the questionnaires available, built-in and local.
import type { Io } from '../io.js';
import { escapeUnsafeJson, formatProblem, hasUnsafeText, inertName, quoteInert } from '../../errors.js';
import { shellArg } from '../../load/shell-arg.js';
import { displayPath, plainPath } from '../../load/questionnaire-files.js';
import { listBuiltInsFast } from '../../load/resolve-fast.js';
import type { InvalidQuestionnaireFile, QuestionnaireSummary } from '../../load/resolve.js';

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  // the built-ins alone come from the build-time cache; anything else needs the checker
  const fast = listBuiltInsFast(io.cwd);
  const { available, invalid }: { available: QuestionnaireSummary[]; invalid: InvalidQuestionnaireFile[] } =
    fast ? { available: fast, invalid: [] } : (await import('../../load/resolve.js')).scanQuestionnaires(io.cwd);
  const rows = available.map(({ loaded: _loaded, ...s }: QuestionnaireSummary & { loaded?: unknown }) => ({
    ...s,
    source: s.builtIn ? 'built-in' : plainPath(s.file, io.cwd),
    overridesBuiltIn: s.overridesBuiltIn ?? false,
  }));
  // A broken local file must not hide silently: say which and how to see why.
  for (const bad of invalid) {
    const first = bad.problems[0];
    // the id of a file that failed its checks is any text: quoted as JSON, a control or bidirectional character in it stays inert
    io.stderr(
      `readiness: skipped ${displayPath(bad.file, io.cwd)}${bad.id ? ` (${quoteInert(bad.id)})` : ''}: ${bad.problems.length} problem${bad.problems.length === 1 ? '' : 's'}${first ? `, first: ${formatProblem(first)}` : ''}. Run \`readiness validate ${commandArg(plainPath(bad.file, io.cwd))}\` for all of them.\n`,
    );
  }
  if (opts.json) {
    // the path as it is: JSON escapes the C0 controls, escapeUnsafeJson the rest
    io.stdout(`${escapeUnsafeJson(JSON.stringify(rows, null, 2))}\n`);
    return;
  }
  if (rows.length === 0) {
    io.stdout('No questionnaires found.\n');
    return;
  }
  const table = [
    ['ID', 'TITLE', 'VERSION', 'QUESTIONS', 'MINUTES', 'SOURCE'],
    ...rows.map((r) => [r.id, r.title, r.version, String(r.questions), String(r.minutes), r.overridesBuiltIn ? `${inertName(r.source)} (overrides the built-in)` : inertName(r.source)]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) io.stdout(`${row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}\n`);
}

/** A path in a printed command: as displayed (unquoted, as before), or shell-quoted with escapes when it holds a control character, so that it pastes as the same name. */
function commandArg(path: string): string {
  return hasUnsafeText(path) ? shellArg(path) : path;
}
