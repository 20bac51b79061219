// Loading reports/<org>/plan.yaml: read (refusing hostile input), parse with
// positions, check the shape (zod) and the meaning against the questionnaire
// (dimension and pilot ids, dates, owners), and report every problem at once
// with file:line:column and a did-you-mean where a known id is close.
import { throwIfProblems, type Problem } from '../errors.js';
import { IsoDate, PlanFile } from '../model/plan.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { didYouMean, parseYaml, readTextFile, type ParsedDocument, type PathSegment } from './source.js';
import { sortProblems } from './questionnaire-checks.js';
import { zodIssuesToProblems } from './zod-problems.js';

/** A horizon may lie at most this many years after the baseline. */
export const MAX_HORIZON_YEARS = 100;

/** Plans are small; anything near this is not a plan. */
export const MAX_PLAN_BYTES = 512 * 1024;

export interface PlanCheckOptions {
  /** Owners and action titles may hold e-mail addresses (the report is made with --show-respondents). */
  allowEmails?: boolean;
}

export interface PlanCheck {
  plan?: PlanFile;
  problems: Problem[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const EMAIL = /[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks plan text against the questionnaire it names. `file` is used in
 * problems. Returns the plan when there is no problem. Pure.
 */
export function checkPlanText(text: string, file: string, questionnaire: Questionnaire, options: PlanCheckOptions = {}): PlanCheck {
  const { doc, problems: syntax } = parseYaml(text, file);
  if (!doc) return { problems: syntax.slice(0, 1) };
  const raw = doc.value;
  if (raw === null || raw === undefined) {
    return { problems: [{ file, line: 1, column: 1, path: '', message: 'the plan is empty; run `readiness plan --org <name> --force` to write a fresh one.' }] };
  }
  if (!isObj(raw)) return { problems: [doc.problem([], 'a plan must be a mapping with organization, questionnaire, baseline, horizon, targets and actions; see docs/plans.md.')] };
  const problems: Problem[] = [];
  const parsed = PlanFile.safeParse(raw);
  if (!parsed.success) problems.push(...zodIssuesToProblems(parsed.error.issues, raw, doc, PlanFile));
  problems.push(...meaningProblems(raw, doc, questionnaire, options));
  const sorted = sortProblems(problems);
  if (sorted.length > 0 || !parsed.success) return { problems: sorted };
  return { plan: parsed.data, problems: [] };
}

/** Reads and checks a plan file; throws an InputError listing every problem. */
export function loadPlan(file: string, questionnaire: Questionnaire, options: PlanCheckOptions = {}, displayAs = file): PlanFile {
  // the safe reader (open, fstat the descriptor, size-limited): messages name `displayAs`
  const text = readTextFile(displayAs, MAX_PLAN_BYTES, 'plan', file);
  const check = checkPlanText(text, displayAs, questionnaire, options);
  throwIfProblems(check.problems, 'plan');
  return check.plan!;
}

/** Problems beyond shape: references to the questionnaire, dates in order, no e-mail addresses in owners and titles. */
function meaningProblems(raw: Obj, doc: ParsedDocument, questionnaire: Questionnaire, options: PlanCheckOptions): Problem[] {
  const problems: Problem[] = [];
  const add = (path: PathSegment[], message: string, atKey = false) => problems.push(doc.problem(path, message, atKey));
  if (typeof raw.questionnaire === 'string' && raw.questionnaire !== questionnaire.id) {
    add(['questionnaire'], `this plan is for the questionnaire "${raw.questionnaire}", but the results use "${questionnaire.id}"; fix the id or make a new plan with \`readiness plan --org <name> --force\``);
    return problems; // every id below would be unknown too
  }
  const dimensions = questionnaire.dimensions.map((d) => d.id);
  if (isObj(raw.targets)) {
    for (const id of Object.keys(raw.targets)) {
      if (!dimensions.includes(id)) add(['targets', id], `"${id}" is not a dimension of "${questionnaire.id}"${didYouMean(id, dimensions)}; the dimensions are: ${dimensions.join(', ')}`, true);
    }
  }
  const pilots = questionnaire.pilots.map((p) => p.id);
  const firstLine = new Map<string, number>();
  const actions = Array.isArray(raw.actions) ? raw.actions : [];
  actions.forEach((a, i) => {
    if (!isObj(a)) return;
    const at = (...rest: PathSegment[]): PathSegment[] => ['actions', i, ...rest];
    if (a.pilot === undefined && a.title === undefined) add(at(), 'an action needs `pilot: <id>` (a pilot of the questionnaire) or `title: "..."` (an action of your own)');
    if (typeof a.pilot === 'string') {
      if (!pilots.includes(a.pilot)) {
        add(at('pilot'), `unknown pilot "${a.pilot}"${didYouMean(a.pilot, pilots)}; the questionnaire's pilots are: ${pilots.join(', ') || 'none'}`);
      } else if (firstLine.has(a.pilot)) {
        add(at('pilot'), `the pilot "${a.pilot}" is already an action at line ${firstLine.get(a.pilot)}; keep one entry per pilot`);
      } else firstLine.set(a.pilot, doc.locate(at('pilot')).line);
    }
    if (typeof a.start === 'string' && typeof a.due === 'string' && DATE.test(a.start) && DATE.test(a.due) && a.due < a.start) {
      add(at('due'), `the due date ${a.due} is before the start ${a.start}; put the due date on or after the start`);
    }
    if (typeof a.owner === 'string' && EMAIL.test(a.owner) && options.allowEmails !== true) {
      add(at('owner'), 'is an e-mail address, and reports show no e-mail addresses unless made with --show-respondents; write a name or a role instead');
    }
    // the title is printed in the report and stored in the result, like the owner
    if (typeof a.title === 'string' && EMAIL.test(a.title) && options.allowEmails !== true) {
      add(at('title'), 'holds an e-mail address, and reports show no e-mail addresses unless made with --show-respondents; name a person or a role instead');
    }
  });
  if (typeof raw.horizon === 'string' && isObj(raw.baseline) && IsoDate.safeParse(raw.baseline.date).success && IsoDate.safeParse(raw.horizon).success && (raw.horizon as string) <= (raw.baseline.date as string)) {
    add(['horizon'], `the horizon ${raw.horizon} is not after the baseline date ${raw.baseline.date}; give the date by which the targets should be reached`);
  }
  // the roadmap splits the time up to the horizon into phases; 9999-12-31 left no date after it to count to
  if (typeof raw.horizon === 'string' && isObj(raw.baseline) && IsoDate.safeParse(raw.baseline.date).success && IsoDate.safeParse(raw.horizon).success && Number(raw.horizon.slice(0, 4)) - Number((raw.baseline.date as string).slice(0, 4)) > MAX_HORIZON_YEARS) {
    add(['horizon'], `the horizon ${raw.horizon} is more than ${MAX_HORIZON_YEARS} years after the baseline date ${raw.baseline.date}; give the date by which the targets should be reached`);
  }
  return problems;
}
