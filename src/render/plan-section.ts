// The report's plan sections: what moved since the last round, targets and
// progress with the status of every action, the pilots already in progress or
// done, and the phased roadmap. Pure: everything comes from Result.plan, which
// the plan layer (src/plan) computed at assessment time. The domain's words
// (phase titles, expectations) come from the questionnaire through the result;
// the sentences here speak only of scores, targets, dates and status.
import type { ActionRow, PlanOutcome, TargetRow } from '../model/plan.js';
import type { Result } from '../model/result.js';
import type { RootContent } from 'mdast';
import { targetBar } from './chart.js';
import { headingText, p, strong, table, ul, type Inline } from './doc.js';
import { clean, roundTo } from '../score/round.js';
import { showNumber, showScore } from './score-display.js';
import { plainLine, quotedName, wrap } from './text.js';

const scoreText = (score: number | null): string => showScore(score);

/**
 * The edges a dimension's score is judged against in the rest of the report: its threshold and
 * the level bands (the overall's: the bands alone), so a score here reads as it does there
 * (a barrier at 49.6 is "49.6", never "50"). An id the result does not have: the bands alone.
 */
export function edgesOf(result: Pick<Result, 'dimensions' | 'levels'>, dimension?: string): number[] {
  const bands = result.levels.flatMap((l) => [l.min, l.max]);
  const threshold = dimension === undefined ? undefined : result.dimensions.find((d) => d.id === dimension)?.threshold;
  return threshold === undefined ? bands : [threshold, ...bands];
}

/**
 * Today's score beside its target, as the HTML chart labels it: never printed on the target's other
 * side (64.9 of 65 is "64.9"), nor on the other side of an edge of `edges` (see edgesOf).
 */
export const todayText = (t: Pick<TargetRow, 'today' | 'target'>, edges: readonly number[] = []): string => showScore(t.today, [t.target, ...edges]);
/** Plain (unescaped) text: the serializer escapes it. */
const inline = (text: unknown): string => plainLine(text);
const cell = (text: unknown, empty = '—'): string => plainLine(text) || empty;

/** The `## ` sections of a report made with plan data, in order. */
export const PLAN_REPORT_SECTIONS = [
  'Executive summary',
  'Since the last round',
  'Scores at a glance',
  'Targets and progress',
  'Findings by dimension',
  'Respondents',
  'Recommended pilots',
  'Roadmap',
  'Appendix: questions and answers',
  'Methodology',
] as const;

export type Heading = (level: 2 | 3, text: string) => RootContent;
type Blocks = RootContent[];

const STATUS_WORD: Record<ActionRow['status'], string> = { planned: 'Planned', running: 'Running', done: 'Done', dropped: 'Dropped' };

/** How many decimals a printed number has ("49.6": 1). */
const decimalsOf = (text: string): number => text.split('.')[1]?.length ?? 0;

/**
 * "+7", "−0.6", "±0": the change between two scores as they are printed beside it (`before` and
 * `now`, from showScore), to the decimals they have, so the row adds up (49.6 → 49 is −0.6, not
 * the −1 of the whole numbers); "—" when either side is missing.
 */
export function changeText(before: string, now: string): string {
  if (before === '—' || now === '—') return '—';
  const d = roundTo(Number(now) - Number(before), Math.max(decimalsOf(before), decimalsOf(now)));
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0';
}

/** "49.6 then, 49 now" parts: both scores and their change, each printed against `edges`. */
function move(before: number | null, now: number | null, edges: readonly number[]): { then: string; now: string; change: string } {
  const then = showScore(before, edges);
  const today = showScore(now, edges);
  return { then, now: today, change: changeText(then, today) };
}

/**
 * A progress share as a whole percentage ("43%"), half away from zero as every figure of a report
 * (Math.round put a fall of 12.5% at "-12%" and a rise of 12.5% at "13%"), never on the other side of
 * 0% (the baseline) or 100% (the target reached): 0.996 is "99.6%", -0.004 is "-0.4%". "held" for a
 * target that only keeps the baseline and is met; "—" when it cannot be computed.
 */
export function progressText(progress: number | null, gap: number | null = null): string {
  if (progress === null) return gap !== null && gap <= 0 ? 'held' : '—';
  return `${showNumber(clean(progress * 100), [0, 100])}%`;
}

function orgOf(result: Result): string {
  const org = plainLine(result.organization);
  return org === '' ? 'the organization' : inline(org);
}

// ---------------------------------------------------------------------------

export function sinceLastRound(result: Result, plan: PlanOutcome, heading: Heading): Blocks {
  const out: Blocks = [heading(2, 'Since the last round')];
  const prev = plan.previous;
  if (!prev) {
    out.push(p(`This is the first assessment of ${orgOf(result)} with this questionnaire in its reports folder. The next one will show what moved since today.`));
  } else {
    const level = result.overall.level;
    const levelLine =
      prev.level && level ? (prev.level.id === level.id ? `unchanged at ${inline(level.label)}` : `${inline(prev.level.label)} then, ${inline(level.label)} now`) : '—';
    const barrierNow = result.barrier;
    const barrierLine =
      prev.barrier && barrierNow
        ? prev.barrier.dimension === barrierNow.dimension
          ? `still ${inline(barrierNow.title)}`
          : `${inline(barrierNow.title)} now (it was ${inline(prev.barrier.title)})`
        : prev.barrier
          ? `none now (it was ${inline(prev.barrier.title)})`
          : barrierNow
            ? `${inline(barrierNow.title)} now (there was none)`
            : 'none then or now';
    const overall = move(prev.overall, result.overall.score, edgesOf(result));
    out.push(
      p(`Compared with the assessment of ${inline(prev.date)}:`),
      ul([
        [`Overall score: ${overall.then} then, ${overall.now} now (${overall.change}).`],
        [`Level: ${levelLine}.`],
        [`Barrier point: ${barrierLine}.`],
      ]),
    );
    if (prev.dimensions.length > 0) {
      out.push(
        table(
          ['Dimension', 'Then', 'Now', 'Change'],
          prev.dimensions.map((d) => {
            const m = move(d.before, d.now, edgesOf(result, d.dimension));
            return [cell(d.title), m.then, m.now, m.change];
          }),
        ),
      );
    }
  }
  if (plan.source === 'plan') {
    const counts = (['running', 'done', 'planned', 'dropped'] as const)
      .map((st) => [st, plan.actions.filter((a) => a.status === st).length] as const)
      .filter(([, n]) => n > 0)
      .map(([st, n]) => `${n} ${st}`);
    const overdue = plan.actions.filter((a) => a.overdue).length;
    out.push(p(`Actions in the plan: ${counts.length ? counts.join(', ') : 'none yet'}${overdue > 0 ? `; ${overdue} overdue on ${inline(result.date)}` : ''}. See "Targets and progress" for each one.`));
  }
  return out;
}

// ---------------------------------------------------------------------------

/** A plain sentence for a dimension that moved against its target (or reached it); null when there is nothing to say. */
export function targetSentence(row: TargetRow): string | null {
  return targetSentenceWith(row, []);
}

/** targetSentence with the scores printed against `edges` (see edgesOf). */
function targetSentenceWith(row: TargetRow, edges: readonly number[]): string | null {
  const { baseline, today, target, gap, progress } = row;
  if (baseline === null || today === null || gap === null) return null;
  const title = plainLine(row.title) === '' ? inline(row.dimension) : inline(row.title);
  const from = `from ${showScore(baseline, edges)} at the baseline to ${todayText(row, edges)} today`;
  // from the row's gap and progress, which compare today at the plan's precision (targetRows)
  if (progress !== null && progress < 0) return `${title} moved away from its target: ${from}, against a target of ${scoreText(target)}.`;
  if (target === baseline && gap > 0) return `${title} fell below the score it was meant to hold: ${from}, against a target of ${scoreText(target)}.`;
  if (target > baseline && gap <= 0) return `${title} reached its target of ${scoreText(target)}: ${from}.`;
  return null;
}

function ownerText(owner: string): string {
  return plainLine(owner) === '' ? 'not named' : inline(owner);
}

function statusCell(a: { status: ActionRow['status']; overdue?: boolean; due: string | null }): Inline[] {
  return a.overdue ? [`${STATUS_WORD[a.status]}, `, strong('overdue'), ` (due ${inline(a.due ?? '')})`] : [STATUS_WORD[a.status]];
}

export function targetsAndProgress(result: Result, plan: PlanOutcome, heading: Heading): Blocks {
  const out: Blocks = [heading(2, 'Targets and progress')];
  if (plan.source !== 'plan' || !plan.baseline) {
    out.push(
      p(
        `No plan yet, so there are no targets to measure progress against. The command readiness plan --org ${quotedName(plainLine(result.organization) || 'NAME')} writes one from the latest result, with a target per dimension and the roadmap's pilots as actions; edit it, and the next report shows progress and the status of each action.`,
      ),
    );
    return out;
  }
  out.push(
    p(
      `Baseline: the assessment of ${inline(plan.baseline.date)} (${inline(plan.baseline.result)}). Horizon: ${inline(plan.horizon)}. Progress is (today − baseline) ÷ (target − baseline): 0% is where the baseline stood, 100% is the target reached.`,
    ),
  );
  if (plan.targets.length === 0) out.push(p('The plan sets no targets.'));
  else {
    out.push(
      p('In the last column, █ is today’s score and ▒ what remains to the target, on 0 to 100.'),
      table(
        ['Dimension', 'Baseline', 'Today', 'Target', 'Gap', 'Progress', 'Today and target'],
        plan.targets.map((t) => [
          cell(t.title),
          showScore(t.baseline, edgesOf(result, t.dimension)),
          todayText(t, edgesOf(result, t.dimension)),
          scoreText(t.target),
          // a gap left is never printed "0", which reads as reached
          t.gap === null ? '—' : t.gap <= 0 ? 'reached' : showScore(clean(t.gap), [0]),
          progressText(t.progress, t.gap),
          targetBar(t.today, t.target, 10),
        ]),
      ),
    );
    const sentences = plan.targets.map((t) => targetSentenceWith(t, edgesOf(result, t.dimension))).filter((x): x is string => x !== null);
    if (sentences.length > 0) out.push(ul(sentences.map((x) => [x])));
  }

  out.push(heading(3, 'Actions'));
  if (plan.actions.length === 0) out.push(p('The plan lists no actions.'));
  else {
    out.push(
      p(`Status on ${inline(result.date)}, the date of this assessment; an action is overdue when its due date has passed and it is neither done nor dropped.`),
      table(
        ['Action', 'Owner', 'Start', 'Due', 'Status'],
        plan.actions.map((a) => [cell(a.title), a.owner === '' ? 'not named' : cell(a.owner), cell(a.start ?? ''), cell(a.due ?? ''), statusCell(a)]),
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------

/** Blocks for the pilots section: the plan's pilots that are running, done or dropped, and so not recommended again. `result`: the scores' edges (edgesOf). */
export function settledPilots(plan: PlanOutcome, heading: Heading, result: Pick<Result, 'dimensions' | 'levels'>): Blocks {
  const settled = plan.actions.filter((a) => a.pilot !== undefined && a.status !== 'planned');
  if (settled.length === 0) return [];
  const items: Inline[][] = [];
  for (const a of settled) {
    const since = a.start ? ` since ${inline(a.start)}` : '';
    const what = a.status === 'running' ? `in progress${since}` : a.status === 'done' ? `done${a.due ? ` (due ${inline(a.due)})` : ''}` : 'dropped in the plan';
    let moved = '';
    if (a.since && a.since.changes.length > 0) {
      moved = ` Since the assessment of ${inline(a.since.date)}: ${a.since.changes
        .map((c) => {
          const m = move(c.before, c.now, edgesOf(result, c.dimension));
          return `${inline(c.title)} ${m.then} → ${m.now} (${m.change})`;
        })
        .join(', ')}.`;
    } else if (a.status !== 'dropped') {
      moved = ' No earlier result on or before its start to measure what moved.';
    }
    items.push([strong(inline(a.title)), `: ${what}; owner ${ownerText(a.owner)}.${moved}`]);
  }
  return [heading(3, 'In progress or done'), p('Pilots the plan already has running, done or dropped are not recommended again:'), ul(items)];
}

// ---------------------------------------------------------------------------

function capacityText(plan: PlanOutcome): string {
  const n = plan.capacity.pilots;
  const pilots = `${n} ${n === 1 ? 'pilot' : 'pilots'}`;
  if (plan.capacity.from === 'plan') return `At most ${pilots} at once, as the plan sets.`;
  if (plan.capacity.from === 'rule') return `At most ${pilots} at once, from the questionnaire's capacity rules applied to these answers.`;
  return `At most ${pilots} at once, the questionnaire's default.`;
}

export function roadmapSection(result: Result, plan: PlanOutcome, heading: Heading): Blocks {
  const out: Blocks = [heading(2, 'Roadmap')];
  const intro =
    plan.source === 'plan'
      ? `The plan's pilots and the recommended ones, in phases from ${inline(result.date)} to the horizon ${inline(plan.horizon)}, with owners and dates from the plan.`
      : `A proposed roadmap from ${inline(result.date)} to ${inline(plan.horizon)}. Owners are not named until there is a plan (see "Targets and progress").`;
  out.push(p(`${intro} ${capacityText(plan)} A pilot starts only after the pilots it waits for; the barrier point's pilot comes first.`));
  const titleOf = new Map<string, string>();
  for (const x of plan.roadmap.phases.flatMap((ph) => ph.pilots)) titleOf.set(x.id, x.title);
  plan.roadmap.phases.forEach((phase, k) => {
    out.push(heading(3, `Phase ${k + 1}: ${headingText(phase.title, `phase ${k + 1}`)}`));
    out.push(p(`From ${inline(phase.from)} to ${inline(phase.to)}.${phase.description && plainLine(phase.description) !== '' ? ` ${inline(phase.description)}` : ''}`));
    if (phase.pilots.length === 0) {
      out.push(p('No pilot starts in this phase.'));
      return;
    }
    out.push(
      table(
        ['Pilot', 'Owner', 'Start', 'Due', 'Status', 'After'],
        phase.pilots.map((x) => [
          cell(x.title),
          cell(x.owner),
          cell(x.start ?? ''),
          cell(x.due ?? ''),
          STATUS_WORD[x.status],
          x.after.length ? cell(x.after.map((id) => titleOf.get(id) ?? id).join(', ')) : '—',
        ]),
      ),
    );
    // a recommended pilot's measures are printed with it under "Recommended pilots": point there, do not repeat them
    const numberOf = (id: string) => result.pilots.findIndex((x) => x.id === id) + 1;
    const shown = phase.pilots.filter((x) => numberOf(x.id) > 0);
    const measures = [...new Set(phase.pilots.filter((x) => numberOf(x.id) === 0).flatMap((x) => x.measures.map(plainLine)).filter((m) => m !== ''))];
    const see = shown.length > 0 ? `the success measures of ${shown.map((x) => `pilot ${numberOf(x.id)}`).join(' and ')} are met (see "Recommended pilots")` : '';
    if (measures.length > 0) out.push(p(strong('The phase worked when:'), see ? ` ${see}, and:` : ''), ul(measures.map((m) => [m])));
    else if (see) out.push(p(strong('The phase worked when:'), ` ${see}.`));
  });
  if (plan.roadmap.later.length > 0) {
    // pilots left out for the same reason share one line (five "no room" lines said one thing five times)
    const byReason = new Map<string, string[]>();
    for (const l of plan.roadmap.later) byReason.set(inline(l.reason), [...(byReason.get(inline(l.reason)) ?? []), inline(l.title)]);
    const listed = (titles: string[]) => (titles.length === 1 ? titles[0]! : `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]!}`);
    out.push(
      heading(3, 'Later'),
      ul([...byReason].map(([reason, titles]) => [strong(listed(titles)), ` ${titles.length === 1 ? 'does' : 'do'} not fit before the horizon: ${reason}.`])),
    );
  }
  if (plan.roadmap.expectations && plainLine(plan.roadmap.expectations) !== '') out.push(p(inline(plan.roadmap.expectations)));
  return out;
}

// ---------------------------------------------------------------------------

/** Lines for the terminal summary: what moved, targets reached, overdue actions. Plain text, wrapped to `width`. */
export function planSummaryLines(result: Result, width: number): string[] {
  const plan = result.plan;
  if (!plan) return [];
  const out: string[] = [];
  if (plan.previous) {
    const overall = move(plan.previous.overall, result.overall.score, edgesOf(result));
    out.push(
      ...wrap(
        `Since ${plan.previous.date}: overall ${overall.then} → ${overall.now} (${overall.change})`,
        width,
      ),
    );
  }
  if (plan.source === 'plan' && plan.targets.length > 0) {
    const reached = plan.targets.filter((t) => t.gap !== null && t.gap <= 0).length;
    const away = plan.targets.filter((t) => t.progress !== null && t.progress < 0).length;
    out.push(...wrap(`Targets: ${reached} of ${plan.targets.length} reached${away > 0 ? `, ${away} moved away` : ''}`, width));
    for (const t of plan.targets) {
      out.push(`  ${plainLine(t.title) || t.dimension}: ${showScore(t.baseline, edgesOf(result, t.dimension))} → ${todayText(t, edgesOf(result, t.dimension))} of ${scoreText(t.target)} (${progressText(t.progress, t.gap)})`);
    }
  }
  const overdue = plan.actions.filter((a) => a.overdue);
  if (overdue.length > 0) out.push(...wrap(`Overdue on ${result.date}: ${overdue.map((a) => plainLine(a.title)).join(', ')}`, width));
  return out;
}
