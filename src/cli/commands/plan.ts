// `readiness plan --org NAME [--check] [--force] [--dir reports] [--json]`:
// writes reports/<org>/plan.yaml from the organization's latest result, or
// (--check) validates the plan and prints its status against that result.
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { escapeUnsafeJson, inertName, InputError, throwIfProblems, UsageError } from '../../errors.js';
import { checkPlanText, MAX_PLAN_BYTES } from '../../load/plan.js';
import { resolveQuestionnaire } from '../../load/resolve.js';
import { decodeUtf8, parseYaml, readTextFile } from '../../load/source.js';
import { readRegularFile } from '../../load/safe-read.js';
import type { Result } from '../../model/result.js';
import { buildPlanOutcome } from '../../plan/outcome.js';
import { proposePlan } from '../../plan/propose.js';
import { renderPlanFile } from '../../render/plan-file.js';
import { edgesOf, progressText, todayText } from '../../render/plan-section.js';
import { showScore as scoreText } from '../../render/score-display.js';
import { listHistory, sameOrganization, type HistoryEntry } from '../../store/history.js';
import { orgFolderName } from '../../store/org-folder.js';
import { assertRealInside, keepCopy, writeFilesAtomically } from '../../store/write.js';
import type { Io } from '../io.js';
import { PLAN_FILE } from '../assess-finish.js';
import { dirFlag } from '../shell-arg.js';
import { quotedName } from '../../render/text.js';

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const org = typeof opts.org === 'string' ? opts.org.trim() : '';
  if (org === '') throw new UsageError('give the organization with --org "<name>", e.g. `readiness plan --org "Example Org"`.');
  const dirOption = typeof opts.dir === 'string' ? opts.dir : 'reports';
  // the folder assess writes to (names in other scripts are transliterated there)
  const folder = join(dirOption, await orgFolderName(org));
  const planShown = join(folder, PLAN_FILE);
  const planPath = resolve(io.cwd, planShown);
  const history = listHistory(resolve(io.cwd, folder));
  const entries = history.entries.filter((e) => sameOrganization(e.result.organization, org));
  const latest = entries[0];
  if (!latest) {
    throw new InputError(
      `no stored result of "${org}" in ${folder}; assess it first, e.g. \`readiness assess --answers <file> --org ${quotedName(org)}${dirFlag(dirOption)}\`.`,
    );
  }
  if (opts.check === true) {
    await check(planPath, planShown, latest, entries, opts, io);
    return;
  }
  const { questionnaire } = resolveQuestionnaire(latest.result.questionnaire.id, io.cwd);
  const plan = proposePlan(questionnaire, latest.result, basename(latest.path));
  // The plan is the user's data: --force replaces it, but the one replaced is kept beside it
  // (checked to be inside the reports folder first, as the write below is).
  let previous: string | undefined;
  if (opts.force === true && existsSync(planPath)) {
    assertRealInside(resolve(io.cwd, dirOption), resolve(io.cwd, folder), folder);
    // another organization's plan is refused below, so nothing of it is kept either
    const refusal = otherOrganizationsPlan(planPath, planShown, org, dirOption);
    if (refusal) throw new InputError(refusal);
    previous = keepCopy(planPath, planShown, folder, 'plan.previous', '.yaml', io.cwd);
  }
  writeFilesAtomically([{ path: planShown, content: renderPlanFile(plan, questionnaire) }], {
    cwd: io.cwd,
    // like assess: never through a link out of the reports folder (reports/acme -> /elsewhere)
    root: dirOption,
    force: opts.force === true,
    otherwise: `or edit the plan you have (\`readiness plan --org ${quotedName(org)} --check${dirFlag(dirOption)}\` validates it)`,
    // two names can share a folder ("Acme Inc", "Acme Inç"): --force replaces this organization's plan, never another's
    guard: (target, shown) => otherOrganizationsPlan(target, shown, org, dirOption),
  });
  const n = Object.keys(plan.targets).length;
  io.stdout(
    `Wrote the plan of ${org}: ${inertName(planShown)}\n` +
      `${n} ${n === 1 ? 'target' : 'targets'} from the result of ${latest.result.date}, horizon ${plan.horizon}, ${plan.actions.length} ${plan.actions.length === 1 ? 'action' : 'actions'}.\n` +
      `Name owners, adjust targets and dates, then check it with: readiness plan --org ${quotedName(org)} --check${dirFlag(dirOption)}\n`,
  );
  if (previous !== undefined) io.stdout(`The plan it replaced is kept as ${inertName(previous)}.\n`);
}

async function check(planPath: string, planShown: string, latest: HistoryEntry, entries: HistoryEntry[], opts: Record<string, unknown>, io: Io): Promise<void> {
  let text: string;
  try {
    text = readTextFile(planShown, MAX_PLAN_BYTES, 'plan', planPath);
  } catch (error) {
    if (error instanceof InputError && /does not exist/.test(error.message)) {
      throw new InputError(`${planShown} does not exist; write it first with \`readiness plan --org ${quotedName(latest.result.organization)}${dirFlag(typeof opts.dir === 'string' ? opts.dir : 'reports')}\`.`);
    }
    throw error;
  }
  // The plan names its questionnaire; without a usable name, check it against the latest result's.
  const named = parseYaml(text, planShown).doc?.value as { questionnaire?: unknown; organization?: unknown } | null | undefined;
  const org = typeof opts.org === 'string' ? opts.org.trim() : latest.result.organization;
  if (named && typeof named === 'object' && typeof named.organization === 'string' && named.organization.trim() !== '' && !sameOrganization(named.organization, org)) {
    throw new InputError(otherPlanSentence(planShown, named.organization, org, typeof opts.dir === 'string' ? opts.dir : 'reports'));
  }
  const ref = named && typeof named === 'object' && typeof named.questionnaire === 'string' ? named.questionnaire : latest.result.questionnaire.id;
  // a questionnaire the organization has no result of: checked against the latest result's, which names the mismatch
  let questionnaire;
  try {
    questionnaire = entries.some((e) => e.result.questionnaire.id === ref) ? resolveQuestionnaire(ref, io.cwd).questionnaire : undefined;
  } catch {
    questionnaire = undefined;
  }
  questionnaire ??= resolveQuestionnaire(latest.result.questionnaire.id, io.cwd).questionnaire;
  const checked = checkPlanText(text, planShown, questionnaire, { allowEmails: opts.showRespondents === true });
  throwIfProblems(checked.problems, 'plan');
  const plan = checked.plan!;
  const same = entries.filter((e) => e.result.questionnaire.id === questionnaire.id);
  const current: Result = same[0]?.result ?? latest.result;
  const outcome = buildPlanOutcome({ questionnaire, result: current, plan, earlier: same.slice(1).map((e) => e.result) });
  if (opts.json === true) {
    io.stdout(`${escapeUnsafeJson(JSON.stringify(outcome, null, 2))}\n`);
    return;
  }
  const counts = (['running', 'done', 'planned', 'dropped'] as const)
    .map((s) => [s, plan.actions.filter((a) => a.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const lines = [
    `${planShown} is valid: ${outcome.targets.length} ${outcome.targets.length === 1 ? 'target' : 'targets'}, ${plan.actions.length} ${plan.actions.length === 1 ? 'action' : 'actions'}${counts.length ? ` (${counts.join(', ')})` : ''}; horizon ${plan.horizon}.`,
    `Status against the latest result (${current.date}):`,
  ];
  for (const t of outcome.targets) {
    lines.push(`  ${t.title}: baseline ${scoreText(t.baseline, edgesOf(current, t.dimension))}, today ${todayText(t, edgesOf(current, t.dimension))}, target ${scoreText(t.target)}, progress ${progressText(t.progress, t.gap)}`);
  }
  for (const a of outcome.actions) {
    lines.push(`  ${a.title}: ${a.status}${a.overdue ? `, overdue (due ${a.due})` : ''}${a.owner ? `, owner ${a.owner}` : ', no owner named'}`);
  }
  io.stdout(`${lines.join('\n')}\n`);
}

/** The sentence for a plan file of another organization that shares the folder (names that slug alike). */
function otherPlanSentence(shown: string, stored: string, org: string, dir: string): string {
  return `${shown} is the plan of another organization ("${stored.trim().slice(0, 80)}"), whose name shares the folder with "${org}"; readiness never replaces it, even with --force, nor checks it against ${org}'s results, so keep ${org}'s results and plan in another reports folder (--dir, e.g. \`readiness assess ... --dir ${dir === 'reports' ? 'reports-2' : `${dir}-2`}\`).`;
}

/** A sentence when the plan file at `target` names another organization than `org`; undefined when it cannot be read as one. */
function otherOrganizationsPlan(target: string, shown: string, org: string, dir: string): string | undefined {
  let stored: unknown;
  try {
    // read only to see whose plan it is: not an input of this command, which --force may replace
    stored = (parseYaml(decodeUtf8(readRegularFile(shown, { maxBytes: MAX_PLAN_BYTES, what: 'plan', path: target, notInput: true }), shown), shown).doc?.value as { organization?: unknown } | null | undefined)?.organization;
  } catch {
    return undefined; // not a readable plan: nothing of another organization to protect
  }
  if (typeof stored !== 'string' || stored.trim() === '' || sameOrganization(stored, org)) return undefined;
  return otherPlanSentence(shown, stored, org, dir);
}
