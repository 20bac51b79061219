// The shared end of every assess path (answers files, survey CSV, interview):
// decide organization and date, score, render, write report + result, print.
import { freeTextMode, protectFreeText } from '../score/personal-data.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { escapeUnsafeJson, inertName, InputError, UsageError } from '../errors.js';
import { packageRoot } from '../load/package-root.js';
import type { LoadedQuestionnaire } from '../load/questionnaire.js';
import type { Response } from '../model/answers.js';
import type { Result } from '../model/result.js';
import { renderReport } from '../render/report.js';
import { assess, createAssessor, type AssessInput, type Assessor } from '../score/assess.js';
import { isIsoDate, reportPaths } from '../store/paths.js';
import type { PlanFile } from '../model/plan.js';
import { buildPlanOutcome, settledPilots, type EarlierResult } from '../plan/outcome.js';
import { freeStem, writeFilesAtomically } from '../store/write.js';
import { orgFolderName } from '../store/org-folder.js';
import { sameOrganizationName } from '../model/organization.js';
import { READ_LIMITS, readRegularFile } from '../load/safe-read.js';
import { wantsColor, type Io } from './io.js';
import { VERSION } from './version.js';
import { parseFormats, reportFiles, type Format } from './formats.js';
import { renderSummary } from '../render/summary.js';
import { loadPaint } from './load-paint.js';

export interface AssessCliOptions {
  /**
   * One respondent's own report (the interview): written as
   * <date>-<questionnaire>-<stem>.md/.json, with -2, -3... when taken, so
   * interviews of one organization on one day never collide.
   */
  respondentStem?: string;
  org?: string;
  date?: string;
  output: string;
  force?: boolean;
  pilots: number;
  allowPartial?: boolean;
  minGroup: number;
  showRespondents?: boolean;
  /** false with --no-free-text: notes and free-text answers are left out of the report and result. */
  freeText?: boolean;
  json?: boolean;
  color?: boolean;
  /** Report formats to write (default: Markdown only). */
  formats?: Format[];
  /** --browser PATH for PDF. */
  browser?: string;
}

export interface AssessExtra {
  partial?: boolean;
  unmatchedCells?: number;
  /** Views beside role: by source, by segment (see AssessInput). */
  views?: AssessInput['views'];
}

/** What an assessment produces, before anything is written: the same bytes the CLI writes. */
export interface AssessmentOutput {
  organization: string;
  date: string;
  result: Result;
  /** The Markdown report. */
  report: string;
  /** The result JSON text: JSON.stringify(result, null, 2) plus a newline. */
  json: string;
}

/** What an assessment knows of earlier rounds: the organization's plan and its earlier results. */
export interface Round {
  plan?: PlanFile;
  earlier: EarlierResult[];
}

/** Scores and renders without touching the file system (the examples test uses this too). */
export function buildAssessment(
  loaded: LoadedQuestionnaire,
  responses: Response[],
  opts: AssessCliOptions,
  io: Pick<Io, 'today'>,
  extra: AssessExtra = {},
  round: Round = { earlier: [] },
): AssessmentOutput {
  const organization = decideOrganization(opts.org, responses);
  const date = decideDate(opts.date, responses, io.today);
  const result = assess({ ...assessInput(forRound(loaded, round), organization, date, opts, extra), responses });
  return assessmentOutput(withPlan(loaded, protectFreeText(result, freeTextMode(opts)), round));
}

/** The questionnaire without the pilots the plan has running, done or dropped: they are not recommended again. */
function forRound(loaded: LoadedQuestionnaire, round: Round): LoadedQuestionnaire {
  const settled = settledPilots(round.plan);
  if (settled.size === 0) return loaded;
  return { ...loaded, questionnaire: { ...loaded.questionnaire, pilots: loaded.questionnaire.pilots.filter((p) => !settled.has(p.id)) } };
}

/** The result with its plan outcome: targets, actions, what moved, the roadmap (src/plan). */
function withPlan(loaded: LoadedQuestionnaire, result: Result, round: Round): Result {
  const plan = buildPlanOutcome({ questionnaire: loaded.questionnaire, result, earlier: round.earlier, ...(round.plan ? { plan: round.plan } : {}) });
  return { ...result, plan };
}

/**
 * Reads what the organization's folder holds of earlier rounds: plan.yaml
 * (checked against the questionnaire; owners may be e-mail addresses only with
 * --show-respondents) and earlier results of the same questionnaire. The
 * loaders (and their schema library) are imported only when there is something to read.
 */
export async function loadRound(loaded: LoadedQuestionnaire, organization: string, date: string, opts: AssessCliOptions, io: Pick<Io, 'cwd'>): Promise<Round> {
  // the folder the result is written to (names in other scripts are transliterated there)
  const dir = join(opts.output, await orgFolderName(organization));
  const abs = resolve(io.cwd, dir);
  const round: Round = { earlier: [] };
  const planFile = join(abs, PLAN_FILE);
  if (existsSync(planFile)) {
    const { loadPlan } = await import('../load/plan.js');
    const plan = loadPlan(planFile, loaded.questionnaire, { allowEmails: opts.showRespondents === true }, join(dir, PLAN_FILE));
    // two names can share a folder ("Acme Inc" and "Acme Inç"): another organization's plan is not this one's
    if (sameOrganizationName(plan.organization, organization)) round.plan = plan;
  }
  let names: string[] = [];
  try {
    // only results dated before this assessment: a same-day result may be replaced (--force), so it is not read
    names = readdirSync(abs).filter((n) => n.endsWith('.json') && !n.startsWith('.') && /^\d{4}-\d{2}-\d{2}-/.test(n) && n.slice(0, 10) < date);
  } catch {
    // no folder yet: a first round
  }
  if (names.length > 0) {
    const { loadResult } = await import('../load/result.js');
    for (const name of names) {
      try {
        const result = loadResult(join(abs, name));
        // the folder may hold another organization's results (names that slug alike): not an earlier round of this one
        if (result.questionnaire.id === loaded.questionnaire.id && sameOrganizationName(result.organization, organization)) round.earlier.push(result);
      } catch {
        // an unreadable earlier result is left out here; `readiness history` names it
      }
    }
  }
  return round;
}

/** The plan's file name inside the organization's folder. */
export const PLAN_FILE = 'plan.yaml';

/** What assess() needs besides the responses, from the CLI options. */
function assessInput(
  loaded: LoadedQuestionnaire,
  organization: string,
  date: string,
  opts: AssessCliOptions,
  extra: AssessExtra,
): Omit<AssessInput, 'responses'> {
  return {
    questionnaire: loaded.questionnaire,
    hash: loaded.hash,
    organization,
    date,
    toolVersion: toolVersion(),
    pilots: opts.pilots,
    partial: extra.partial ?? false,
    minGroup: opts.minGroup,
    showRespondents: opts.showRespondents ?? false,
    unmatchedCells: extra.unmatchedCells ?? 0,
    freeText: freeTextMode(opts),
    ...(extra.views ? { views: extra.views } : {}),
  };
}

/**
 * A streamed assessment (survey exports): add() each response as it is read,
 * then finish() and pass the Result to writeAssessment. Responses carry no
 * organization or date here, so both come from the options (or today), and a
 * missing --org fails before any row is read.
 */
export async function startAssessment(
  loaded: LoadedQuestionnaire,
  opts: AssessCliOptions,
  io: Pick<Io, 'today' | 'cwd'>,
  extra: AssessExtra = {},
  /** Responses already loaded (answers files of an engagement): they may name the organization and date. */
  known: Response[] = [],
  views?: AssessInput['views'],
): Promise<Assessor> {
  const organization = decideOrganization(opts.org, known);
  const date = decideDate(opts.date, known, io.today);
  const round = await loadRound(loaded, organization, date, opts, io);
  const assessor = createAssessor({ ...assessInput(forRound(loaded, round), organization, date, opts, extra), ...(views ? { views } : {}) });
  return { add: (response) => assessor.add(response), addIndexed: (response) => assessor.addIndexed(response), finish: (late) => withPlan(loaded, protectFreeText(assessor.finish(late), freeTextMode(opts)), round) };
}

/** The report and JSON of a finished Result: the same bytes the CLI writes. */
export function assessmentOutput(result: Result): AssessmentOutput {
  return { organization: result.organization, date: result.date, result, report: renderReport(result), json: resultJson(result) };
}

/** The stable text of a stored result. */
export function resultJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export async function finishAssessment(
  loaded: LoadedQuestionnaire,
  responses: Response[],
  opts: AssessCliOptions,
  io: Io,
  extra: AssessExtra = {},
): Promise<{ reportPath: string; resultPath: string; result: Result }> {
  const round = await loadRound(loaded, decideOrganization(opts.org, responses), decideDate(opts.date, responses, io.today), opts, io);
  return writeAssessment(loaded, buildAssessment(loaded, responses, opts, io, extra, round), opts, io);
}

/** Writes the report and result of a built assessment and prints the summary (or the JSON). */
export async function writeAssessment(
  loaded: LoadedQuestionnaire,
  out: AssessmentOutput,
  opts: AssessCliOptions,
  io: Io,
): Promise<{ reportPath: string; resultPath: string; result: Result }> {
  const folder = await orgFolderName(out.organization);
  const formats = opts.formats ?? ['md'];
  let suffix: string | undefined;
  if (opts.respondentStem !== undefined) {
    const { dir } = reportPaths(opts.output, out.organization, out.date, loaded.questionnaire.id, folder);
    const prefix = `${out.date}-${loaded.questionnaire.id}-`;
    suffix = freeStem(dir, `${prefix}${opts.respondentStem}`, ['.json', '.md', '.html', '.pdf'], io.cwd).slice(prefix.length);
  }
  const paths = reportPaths(opts.output, out.organization, out.date, loaded.questionnaire.id, folder, suffix);
  // Every report file and the result are published together: all or none.
  const reports = formats.length === 1 && formats[0] === 'md'
    ? [{ path: paths.report, content: out.report }]
    : await reportFiles({ kind: 'report', result: out.result }, out.report, paths.report, formats, { flag: opts.browser, env: io.env });
  writeFilesAtomically([...reports, { path: paths.result, content: out.json }], {
    force: opts.force ?? false,
    cwd: io.cwd,
    root: opts.output,
    // --force replaces this organization's own result, never another's that shares the folder name
    guard: (target, shown) => (target.endsWith('.json') ? otherOrganization(target, shown, out.organization) : undefined),
  });
  const reportPath = reports[0]!.path;
  if (opts.json) {
    // the file keeps the result as it is; the terminal gets the same JSON with C1 and bidi controls escaped
    io.stdout(escapeUnsafeJson(out.json));
  } else {
    const paint = await loadPaint(wantsColor(io, opts.color));
    io.stdout(renderSummary(out.result, { report: reportPath, result: paths.result }, paint, io.columns));
    for (const extra of reports.slice(1)) io.stdout(`${paint.dim('Report:')} ${inertName(extra.path)}\n`);
  }
  return { reportPath, resultPath: paths.result, result: out.result };
}

/** A sentence when the stored result at `target` belongs to another organization than `organization`. */
function otherOrganization(target: string, shown: string, organization: string): string | undefined {
  let stored: unknown;
  try {
    stored = (JSON.parse(readRegularFile(shown, { path: target, maxBytes: READ_LIMITS.result, notInput: true }).toString('utf8')) as { organization?: unknown }).organization;
  } catch {
    return undefined; // not a readable result: nothing of another organization to protect
  }
  if (typeof stored !== 'string' || sameOrganizationName(stored, organization)) return undefined;
  return `${shown} holds the result of another organization ("${stored.slice(0, 80)}"); readiness never replaces it, even with --force; choose another output folder with -o.`;
}

/** --org, else the organization the answers name (they must agree), else a usage error. */
/** The longest organization name: a name, not a document (every report and summary repeats it). */
export const MAX_ORGANIZATION_CHARS = 200;

export function decideOrganization(flag: string | undefined, responses: Response[]): string {
  const given = flag?.trim();
  if (given) {
    if (given.length > MAX_ORGANIZATION_CHARS) {
      throw new UsageError(`--org is ${given.length.toLocaleString('en')} characters long; an organization name may have at most ${MAX_ORGANIZATION_CHARS}, so give a shorter one.`);
    }
    return given;
  }
  const named = [...new Set(responses.map((r) => r.organization?.trim()).filter((o): o is string => Boolean(o)))];
  const tooLong = named.find((n) => n.length > MAX_ORGANIZATION_CHARS);
  if (tooLong !== undefined) {
    const where = responses.find((r) => r.organization?.trim() === tooLong)?.source ?? 'an answers file';
    throw new InputError(`${where}: the organization is ${tooLong.length.toLocaleString('en')} characters long; a name may have at most ${MAX_ORGANIZATION_CHARS}, so shorten \`organization:\` or give --org "<name>".`);
  }
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    const shown = named.slice(0, 5).map((n) => `"${n.slice(0, 60)}"`);
    throw new UsageError(`the answers name different organizations (${shown.join(', ')}${named.length > 5 ? ` and ${named.length - 5} more` : ''}); give --org "<name>" to choose the one for the report.`);
  }
  throw new UsageError('no organization is named; give --org "<name>" (or fill in `organization:` in the answers file).');
}

/** --date (a real YYYY-MM-DD), else the latest date in the answers, else today. */
export function decideDate(flag: string | undefined, responses: Response[], today: () => string): string {
  if (flag !== undefined) {
    if (!isIsoDate(flag)) throw new UsageError(`--date "${flag}" is not a real date written YYYY-MM-DD; give it like --date 2026-11-29.`);
    return flag;
  }
  const dates = responses.map((r) => r.date).filter((d): d is string => d !== undefined && isIsoDate(d));
  if (dates.length > 0) return dates.sort().at(-1)!;
  return today();
}

let cachedVersion: string | undefined;

/** The version written into results: the bundle's, or package.json's when run from source (tests). */
export function toolVersion(): string {
  if (VERSION !== '0.0.0-dev') return VERSION;
  if (cachedVersion === undefined) {
    cachedVersion = VERSION;
    const root = packageRoot();
    if (root !== undefined) {
      try {
        const v = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
        if (typeof v === 'string') cachedVersion = v;
      } catch {
        // keep the dev version
      }
    }
  }
  return cachedVersion;
}

/** Options as commander gives them (optsWithGlobals), typed. */
export function assessOptions(opts: Record<string, unknown>): AssessCliOptions {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    org: str(opts.org),
    date: str(opts.date),
    output: reportsFolder(opts),
    force: opts.force === true,
    pilots: typeof opts.pilots === 'number' ? opts.pilots : 3,
    allowPartial: opts.allowPartial === true,
    minGroup: typeof opts.minGroup === 'number' ? opts.minGroup : 3,
    showRespondents: opts.showRespondents === true,
    ...(opts.freeText === false ? { freeText: false } : {}),
    json: opts.json === true,
    color: opts.color === false ? false : undefined,
    formats: parseFormats(opts.format),
    browser: str(opts.browser),
  };
}


/**
 * The reports folder of `assess`: -d/--dir, as in history, sessions, compare
 * and plan; -o/--output is its older spelling and still works (a usage error
 * when both name different folders).
 */
export function reportsFolder(opts: Record<string, unknown>): string {
  const dir = typeof opts.dir === 'string' ? opts.dir : undefined;
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  if (dir !== undefined && output !== undefined && dir !== output) {
    throw new UsageError(`-d/--dir and -o/--output both name the reports folder here ("${dir}" and "${output}"); give one of them.`);
  }
  return dir ?? output ?? 'reports';
}
