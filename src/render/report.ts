// The readiness report: the deliverable a consultant hands to a client.
// Built once as a document tree (mdast, see ./doc.ts) and printed to
// Markdown (renderReport) or HTML (./html.ts) from that same tree, so both
// formats say the same thing and escaping is the serializers' job. Pure and
// deterministic: the same Result always gives the same bytes (no clock, no
// environment).
//
// The set of `## ` sections is the same for every result (single or many
// respondents, partial or complete) so readers and tools can rely on it.
import type { Root, RootContent } from 'mdast';
import type { ReportWording } from '../model/questionnaire.js';
import type { DimensionResult, Result, ScoredAnswer } from '../model/result.js';
import { mermaidBarChart, textBar } from './chart.js';
import { clause, code, em, heading, headingText, type Inline, ol, p, root, strong, table, ul, type Cell } from './doc.js';
import { plainLine, toMarkdownText } from './markdown.js';
import { addDays } from '../plan/dates.js';
import { roadmapSection, settledPilots, sinceLastRound, targetsAndProgress } from './plan-section.js';
import { legacyScore, showNumber, showOnScale, showScore, showScoreWithScale, showShare, type Scale } from './score-display.js';
import { roundTo } from '../score/round.js';

/** The `## ` section titles, in order. Tests rely on this list. */
export const REPORT_SECTIONS = [
  'Executive summary',
  'Scores at a glance',
  'Findings by dimension',
  'Respondents',
  'Recommended pilots',
  'Next steps and a realistic timeline',
  'Appendix: questions and answers',
  'Methodology',
] as const;

const TEXT_BAR_WIDTH = 10;

/**
 * The words of the built-in questionnaires, which results written before schema 2 did not
 * store: their reports are re-rendered with them. A schema 2 result carries its
 * questionnaire's own `wording`, or gets neutral sentences.
 */
export const LEGACY_WORDING: ReportWording = {
  title: 'social media readiness',
  expectations:
    'Expect slow, uneven adoption. Practitioners report that collaboration tools take 18 months to 3 years to gain traction, and in one workplace only 1 or 2 of every 14 people trained took a tool on. Start small and plan for the long run.',
  timeline: [
    { when: 'Months 0 to 3', what: '{start}' },
    { when: 'Months 3 to 6', what: '{review} Report early wins to management.' },
    { when: 'Months 6 to 18', what: 'Spread through champions and connectors to neighbouring teams; train on real work, not in seminars; assess again to see what moved.' },
    { when: 'Months 18 to 36', what: 'Traction: the new ways of working become routine for a growing minority, then for most.' },
  ],
  timelineNote:
    'Do not expect overnight success. Practitioners report 18 months to 3 years before these tools gain traction, and in one workplace only 1 or 2 of every 14 people trained took a tool on. A few enthusiastic early adopters are a good start, not a failure.',
  noPilotStart: 'Agree on a sponsor and the problems to solve',
};

/** Sentences for a questionnaire that brings no wording of its own: true of any instrument. */
const NEUTRAL_TIMELINE: NonNullable<ReportWording['timeline']> = [
  { when: 'First', what: '{start}' },
  { when: 'Then', what: '{review}' },
  { when: 'Later', what: 'Assess again with the same questionnaire to see what moved.' },
];
const NEUTRAL_EXPECTATIONS = 'Read these scores as a starting point: assess again later with the same questionnaire to see what moved.';

/** The `## ` sections of this result's report: the fixed list, without "Recommended pilots" when the questionnaire offers none. */
export function reportSections(result: Pick<Result, 'pilotsOffered'>): string[] {
  return REPORT_SECTIONS.filter((s) => s !== 'Recommended pilots' || result.pilotsOffered !== false);
}

/** The report as Markdown (GitHub flavoured), ending in one newline. */
export function renderReport(result: Result): string {
  return toMarkdownText(buildReport(result));
}

/** The report as a document tree (mdast root); print it with ./markdown.ts or ./html.ts. */
export function buildReport(result: Result): Root {
  const ctx = new Context(result);
  // Results made with plan data (src/plan) get its sections (PLAN_REPORT_SECTIONS in
  // plan-section.ts): the roadmap replaces the timeline. Older results render as before.
  const plan = result.plan;
  const h = (level: 2 | 3, text: string) => ctx.heading(level, text);
  return root([
    ...title(ctx),
    ...executiveSummary(ctx),
    ...(plan ? sinceLastRound(result, plan, h) : []),
    ...scoresAtAGlance(ctx),
    ...(plan ? targetsAndProgress(result, plan, h) : []),
    ...findings(ctx),
    ...respondents(ctx),
    ...(result.pilotsOffered === false ? [] : [...pilots(ctx), ...(plan ? settledPilots(plan, h, result) : [])]),
    ...(plan ? roadmapSection(result, plan, h) : timeline(ctx)),
    ...appendix(ctx),
    ...methodology(ctx),
  ]);
}

type Blocks = RootContent[];

// ---------------------------------------------------------------------------

class Context {
  readonly multi: boolean;
  readonly org: string;
  /** Upgraded from a result written before schema 2: print numbers exactly as that version did. */
  readonly legacy: boolean;
  /** Every level band's bounds: a printed score must stand on the same side of each as the score itself. */
  readonly bandEdges: number[];
  private readonly seenHeadings = new Set<string>();

  constructor(readonly result: Result) {
    this.multi = result.aggregate !== undefined || result.respondents.count > 1;
    this.org = plainLine(result.organization);
    this.legacy = result.upgradedFrom !== undefined && result.upgradedFrom < 2;
    this.bandEdges = result.levels.flatMap((l) => [l.min, l.max]);
    this.lowCoverage = result.lowCoverage ?? LOW_COVERAGE;
  }

  /** The questionnaire's low-coverage cut-off (0..1). */
  readonly lowCoverage: number;

  /** The report's own words: the result's, the built-ins' for results before schema 2, else none (neutral). */
  get wording(): ReportWording {
    return this.result.wording ?? (this.legacy ? LEGACY_WORDING : {});
  }

  /** A 0..100 score as printed, judged against the level bands and `edges` (see score-display.ts). */
  score(value: number | null | undefined, edges: readonly number[] = []): string {
    return this.legacy ? legacyScore(value) : showScore(value, [...this.bandEdges, ...edges]);
  }

  /** A score as a sentence shows it, on its own scale where it has one: "net score +20 (60/100)", "49.6/100". */
  withScale(value: number | null | undefined, scale: Scale | undefined, edges: readonly number[] = []): string {
    if (this.legacy) return `${legacyScore(value)}/100`;
    return showScoreWithScale(value, scale, [...this.bandEdges, ...edges]);
  }

  /** A table cell: the 0..100 number, with the own scale beside it ("60 (net score +20)"). */
  cellScore(value: number | null | undefined, scale: Scale | undefined, edges: readonly number[] = []): string {
    const plain = this.score(value, edges);
    if (this.legacy || value === null || value === undefined || !scale || scale.kind === 'score') return plain;
    return `${plain} (${showOnScale(value, scale, [...this.bandEdges, ...edges])})`;
  }

  /** A threshold: "50", or on the dimension's own scale with 0..100 beside it ("4.0 on 1–5 (75/100)"). */
  threshold(value: number, scale: Scale | undefined): string {
    if (this.legacy || !scale || scale.kind === 'score') return this.plain(value);
    return showScoreWithScale(value, scale);
  }

  /** A dimension's score, judged against its threshold and the level bands. */
  dimScore(d: Pick<DimensionResult, 'score' | 'threshold'>): string {
    return this.score(d.score, [d.threshold]);
  }

  /**
   * The gap between two group scores as printed beside it (each with `edges`, see score): the
   * difference of the two printed numbers, to the decimals they have, so a row adds up (78 and 33
   * are 45 apart, although 77.5 and 33.33 are 44.17). Results before schema 2: as printed then.
   */
  gap(hi: number, lo: number, edges: readonly number[] = []): string {
    if (this.legacy) return legacyScore(hi - lo);
    const [a, b] = [this.score(hi, edges), this.score(lo, edges)];
    const decimals = (text: string) => text.split('.')[1]?.length ?? 0;
    return String(roundTo(Number(a) - Number(b), Math.max(decimals(a), decimals(b))));
  }

  /** A number that is not judged against anything (spreads, thresholds, band bounds). */
  plain(value: number | null | undefined): string {
    return this.legacy ? legacyScore(value) : showScore(value);
  }

  /** An item score (0..1) on 0..100, or on its own scale (top-box, net); the midpoint 50 separates strengths from risks. */
  item(score: number | null, scale?: Scale): string {
    if (score === null) return '—';
    if (this.legacy) return `${String(Math.round(score * 100))}/100`;
    return scale ? showOnScale(score * 100, scale, [50]) : `${showNumber(score * 100, [50])}/100`;
  }

  /** A coverage share as a percentage, judged against the low-coverage cut-off and the minimum. */
  pct(share: number, minCoverage?: number): string {
    if (this.legacy) return `${Math.round(share * 100)}%`;
    return showShare(share, minCoverage === undefined ? [this.lowCoverage] : [this.lowCoverage, minCoverage]);
  }

  /** A dimension's coverage with its mark: "(low)", or "(below minimum)" when it is not scored for too few answers. */
  coverage(d: DimensionResult): string {
    const mark = belowMinimum(d) ? ' (below minimum)' : d.reliable ? '' : ' (low)';
    return `${this.pct(d.coverage, d.minCoverage)}${mark}`;
  }


  /** "Acme" or "the organization". */
  orgName(): string {
    return this.org === '' ? 'the organization' : this.org;
  }

  /** A heading, unique in the whole report (markdownlint MD024). */
  heading(level: 2 | 3, text: string): RootContent {
    let candidate = text;
    for (let n = 2; this.seenHeadings.has(candidate.toLowerCase()); n++) candidate = `${text} (${n})`;
    this.seenHeadings.add(candidate.toLowerCase());
    return heading(level, candidate);
  }

  answersOf(dimensionId: string): ScoredAnswer[] {
    return this.result.answers.filter((a) => a.dimension === dimensionId);
  }

  /** "2 of 4" for the level's rank among the bands, lowest first. */
  levelRank(levelId: string): string | null {
    const sorted = [...this.result.levels].sort((a, b) => a.min - b.min);
    const i = sorted.findIndex((l) => l.id === levelId);
    return i < 0 ? null : `${i + 1} of ${sorted.length}`;
  }
}

/** The low-coverage cut-off of results that do not store their own (before schema 2 it was fixed). */
const LOW_COVERAGE = 0.6;

/** How many answers a dimension needs to reach its minimum coverage (see src/score/dimension.ts). */
function neededAnswers(minCoverage: number, asked: number): number {
  return Math.max(1, Math.ceil(Number((minCoverage * asked).toPrecision(12))));
}

/** The dimension has no score because too few of its questions were answered (below its minCoverage). */
function belowMinimum(d: DimensionResult): boolean {
  return d.score === null && d.minCoverage !== undefined && d.minCoverage > 0 && d.answered !== undefined && d.answered > 0;
}

/** "not scored (1 of 4 answered; needs 2)" for one respondent; the rule in words for several. */
function notScoredText(d: DimensionResult, multi: boolean): string {
  const min = d.minCoverage ?? 0;
  if (!multi && d.asked !== undefined && d.answered !== undefined) {
    return `Not scored (${d.answered} of ${d.asked} answered; needs ${neededAnswers(min, d.asked)}).`;
  }
  return `Not scored: no respondent answered enough of its questions (each needs ${showShare(min)} of those asked).`;
}


function valueText(value: ScoredAnswer['value']): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

const STATUS_TEXT: Record<ScoredAnswer['status'], string> = {
  answered: 'answered',
  'dont-know': "Don't know",
  'not-applicable': 'Not applicable',
  unanswered: 'Not answered',
  hidden: 'Not asked (did not apply)',
};

/** What was answered, as plain text. */
function answerText(a: ScoredAnswer): string {
  if (a.status !== 'answered') return STATUS_TEXT[a.status];
  return plainLine(a.label ?? valueText(a.value));
}

/** Aggregated answers: "Agree × 5, Disagree × 3", in the scale's order, answers nobody gave left out. */
function distributionText(a: ScoredAnswer): string {
  const entries = (a.distribution ?? []).filter((e) => e.count > 0);
  if (entries.length === 0) return a.status === 'answered' ? answerText(a) : STATUS_TEXT[a.status];
  return entries.map((e) => `${plainLine(e.label)} × ${e.count}`).join(', ');
}

/** The answered items that cost the dimension the most points, biggest first. */
function pulledDown(answers: ScoredAnswer[], limit: number): ScoredAnswer[] {
  const scored = answers.filter((a) => a.status === 'answered' && a.score !== null);
  return scored
    .map((a, i) => ({ a, i, loss: a.weight * (1 - (a.score ?? 1)) }))
    .filter((x) => x.loss > 0)
    .sort((x, y) => y.loss - x.loss || x.i - y.i)
    .slice(0, limit)
    .map((x) => x.a);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function quoteText(text: string): string {
  return `“${plainLine(text)}”`;
}

/** Plain text or a fallback when it is empty. */
function or(text: unknown, fallback: string): string {
  const s = plainLine(text);
  return s === '' ? fallback : s;
}

// ---------------------------------------------------------------------------

function title(ctx: Context): Blocks {
  const r = ctx.result;
  const name = ctx.wording.title ?? r.questionnaire.title;
  const h1 = ctx.org === '' ? capitalize(headingText(name, 'Readiness')) : `${headingText(ctx.org, 'Organization')}: ${headingText(name, 'readiness')}`;
  const respondentsText = ctx.multi
    ? `${r.respondents.count} respondents${roleSummary(r) ? ` (${roleSummary(r)})` : ''}`
    : `${r.respondents.count}${singleRole(r) ? ` (${singleRole(r)})` : ''}`;
  return [
    heading(1, h1),
    table(
      ['Item', 'Detail'],
      [
        ['Organization', or(r.organization, 'Not named')],
        ['Date', plainLine(r.date)],
        ['Questionnaire', `${or(r.questionnaire.title, '—')} (${plainLine(r.questionnaire.id)}), version ${plainLine(r.questionnaire.version)}`],
        ['Respondents', respondentsText],
        ...(r.survey ? [['Survey rows', surveyRowsText(r.survey)]] : []),
        [
          'Status',
          r.partial
            ? r.survey
              ? 'Partial: a required question was answered by nobody, so part of the questionnaire is not measured'
              : 'Partial: some required questions were not answered, so read the scores with care'
            : r.survey
              ? 'Complete: every required question has answers; blank cells show as coverage per question and dimension'
              : 'Complete: every required question was answered',
        ],
      ],
    ),
  ];
}

/** "120 rows read, 117 respondents scored, 2 rows set aside (lines 14, 90); 1 unfinished response left out". */
function surveyRowsText(s: NonNullable<Result['survey']>): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const lines = s.setAsideLines.join(', ') + (s.setAside > s.setAsideLines.length ? ` and ${s.setAside - s.setAsideLines.length} more` : '');
  const parts = [
    `${plural(s.rowsRead, 'row', 'rows')} read, ${plural(s.respondents, 'respondent', 'respondents')} scored, ${plural(s.setAside, 'row', 'rows')} set aside${s.setAside > 0 ? ` (line${s.setAside === 1 ? '' : 's'} ${lines})` : ''}`,
  ];
  if (s.unfinished > 0) parts.push(`${plural(s.unfinished, 'unfinished response', 'unfinished responses')} ${s.unfinishedIncluded ? 'included' : 'left out'}`);
  if (s.rolesRefused > 0) parts.push(`${plural(s.rolesRefused, 'role cell', 'role cells')} not used as a role (too long, an e-mail address or a phone number)`);
  return parts.join('; ');
}

/** "Leadership 2, Staff 5", roles sorted by name; empty when no roles are known. */
function roleSummary(r: Result): string {
  const entries = Object.entries(r.respondents.byRole).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([role, n]) => `${plainLine(role) || 'role not given'} ${n}`).join(', ');
}

/** The one respondent's role; empty when unknown. */
function singleRole(r: Result): string {
  const role = Object.keys(r.respondents.byRole)[0];
  return role === undefined ? '' : plainLine(role);
}

function executiveSummary(ctx: Context): Blocks {
  const r = ctx.result;
  const out: Blocks = [ctx.heading(2, 'Executive summary')];

  if ((r.overall.score === null || r.overall.level === null) && r.dimensions.some((d) => d.inOverall === false && d.score !== null)) {
    out.push(p('There is no overall score: the dimensions with a score are reported on their own scales (net score, top-box share) and are left out of it. See the scores below.'));
  } else if (r.overall.score === null || r.overall.level === null) {
    out.push(p('No scored question was answered, so there is no overall score or level yet. Complete the questionnaire and run the assessment again.'));
  } else {
    const rank = ctx.levelRank(r.overall.level.id);
    out.push(
      p(
        strong(`Readiness level: ${or(r.overall.level.label, r.overall.level.id)}`),
        rank ? ` (level ${rank})` : '',
        ', overall score ',
        strong(ctx.withScale(r.overall.score, r.overall.display)),
        `. ${plainLine(r.overall.level.description)}`,
      ),
    );
    const uncapped = r.overall.uncappedLevel;
    if (r.overall.gates.length > 0 && uncapped && uncapped.id !== r.overall.level.id) {
      out.push(
        p(`The scores alone would reach ${plainLine(uncapped.label)}, but the level is held at ${plainLine(r.overall.level.label)} because:`),
        ul(r.overall.gates.map((g) => [plainLine(g.reason)])),
      );
    }
  }
  if (r.partial) {
    out.push(p('This assessment is partial: some required questions were not answered, so the scores may move once they are.'));
  }

  if (r.barrier) {
    out.push(
      p(
        strong(`Fix this first: ${clause(r.barrier.title, '.') || 'the first dimension below its threshold.'}`),
        ` It scores ${ctx.withScale(r.barrier.score, r.dimensions.find((d) => d.id === r.barrier!.dimension)?.display, [r.barrier.threshold])}, below its threshold of ${ctx.threshold(r.barrier.threshold, r.dimensions.find((d) => d.id === r.barrier!.dimension)?.display)}. It is the first dimension below its threshold: the barrier point. Progress elsewhere tends to stall until it moves.`,
      ),
    );
  } else {
    out.push(
      p(
        r.barrierPoint === false
          ? 'This questionnaire has no barrier point: read each dimension against its own threshold.'
          : 'No dimension is below its threshold, so no single barrier stands in the way. Build on the strengths below.',
      ),
    );
  }

  const words = ownWords(ctx);
  if (words.length > 0) out.push(p(strong(`In ${ctx.multi ? 'the respondents’' : 'the client’s'} own words:`)), ul(words.map((w) => [w])));
  const gap = largestGap(ctx);
  if (gap) out.push(p(strong('Largest perception gap:'), ` ${gap}`));

  const strengths = shownStrengths(ctx);
  out.push(p(strong('Strengths:')));
  out.push(
    ul(
      strengths.length
        ? strengths.map((s) => [highlight(ctx, s)])
        : [[r.strengths.length ? 'None clears its dimension’s threshold with enough answers yet.' : 'None stand out yet.']],
    ),
  );
  out.push(p(strong('Risks:')));
  out.push(ul(r.risks.length ? r.risks.map((s) => [highlight(ctx, s)]) : [['None stand out.']]));

  const first = r.pilots[0];
  if (first) {
    out.push(
      p(
        strong(`First pilot: ${clause(first.title, '.') || 'untitled.'}`),
        ` ${plainLine(first.summary)} Suggested duration: ${clause(first.duration, '.') || 'to be agreed.'}`,
      ),
    );
  } else if (r.pilotsOffered === false) {
    // the questionnaire offers no pilots: nothing to say about them
  } else if (r.notYet.length > 0 || ctx.legacy) {
    out.push(p(strong('First pilot:'), ' none fits yet. See the list of pilots that are not yet ready and what must change first.'));
  } else {
    out.push(p(strong('First pilot:'), ' none fits the current scores yet.'));
  }
  out.push(...barrierPilotNote(ctx));
  out.push(...nextThirtyDays(ctx));

  out.push(p(ctx.wording.expectations ?? NEUTRAL_EXPECTATIONS));
  return out;
}

/** How many days "the next 30 days" looks ahead from the assessment's date. */
const NEXT_DAYS = 30;

/**
 * What to do in the next 30 days, for the CEO's page: the plan's open actions that are overdue,
 * running or start or fall due within 30 days of the assessment; without a plan (or none due),
 * the first two steps of the pilot that comes first (the barrier point's pilot when there is one);
 * without a pilot, the questionnaire's first step and the barrier point.
 */
function nextThirtyDays(ctx: Context): Blocks {
  const r = ctx.result;
  if (ctx.legacy) return [];
  const label = strong('Next 30 days:');
  const horizon = addDays(r.date, NEXT_DAYS);
  const open = (r.plan?.source === 'plan' ? r.plan.actions : []).filter(
    (a) => (a.status === 'planned' || a.status === 'running') && (a.overdue || a.status === 'running' || (a.start !== null && a.start <= horizon) || (a.due !== null && a.due <= horizon)),
  );
  if (open.length > 0) {
    const items = open.slice(0, 3).map((a) => {
      const who = plainLine(a.owner) !== '' ? ` (${plainLine(a.owner)})` : '';
      const when = a.overdue ? `, overdue since ${a.due!}` : a.status === 'running' ? ', running' : a.due !== null ? `, due ${a.due}` : '';
      return `${clause(a.title) || 'an action'}${who}${when}`;
    });
    const more = open.length > 3 ? `; and ${open.length - 3} more (see "Targets and progress")` : '';
    return [p(label, ` ${items.join('; ')}${more}.`)];
  }
  const barrierId = r.barrierPilot?.pilot ?? undefined;
  const first = r.pilots.find((x) => x.id === barrierId) ?? r.pilots[0];
  const steps = (first?.steps ?? []).map((s) => clause(s, '.')).filter((s) => s !== '').slice(0, 2);
  if (first && steps.length > 0) return [p(label, ` start ${clause(first.title) || 'the first pilot'}. ${steps.join(' ')}`)];
  if (r.pilotsOffered === false || r.barrier === null) return [];
  const start = clause(ctx.wording.noPilotStart ?? 'Agree on what to improve first');
  return [p(label, ` ${start}; work on ${clause(r.barrier.title) || 'the barrier point'}, the barrier point.`)];
}

/**
 * Strengths that are strengths: the item's score clears its dimension's
 * threshold and the dimension has enough answers (a 52/100 item in a
 * dimension whose threshold is 60 is not a strength).
 */
function shownStrengths(ctx: Context): Result['strengths'] {
  return ctx.result.strengths.filter((s) => {
    const answer = ctx.result.answers.find((a) => a.questionId === s.questionId);
    const dim = ctx.result.dimensions.find((d) => d.id === answer?.dimension);
    if (!dim) return true;
    return dim.reliable && s.score * 100 >= dim.threshold;
  });
}

/** Free text counted and grouped: "Paper forms nobody reads" given eight times is listed once, with its count. */
function grouped(texts: string[]): { text: string; count: number }[] {
  const counts = new Map<string, { text: string; count: number }>();
  for (const t of texts.map(plainLine).filter((x) => x !== '')) {
    const key = t.toLowerCase().replace(/[.!?\s]+$/u, '');
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { text: t, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

/** Up to three of the client's own sentences: their stated problems (free-text answers), then their notes. */
function ownWords(ctx: Context): string[] {
  const answers = ctx.result.answers.filter((a) => a.status !== 'hidden');
  if (ctx.multi) {
    const listed = answers.flatMap((a) => a.texts ?? []);
    const texts = grouped(listed);
    // a large survey keeps only the first answers' texts (textsOmitted counts the rest): a
    // text's count is then of those, not of the respondents who gave it
    const partial = answers.some((a) => (a.textsOmitted ?? 0) > 0);
    const times = (n: number) => (partial ? ` (${n} of the ${listed.length} answers listed in full)` : ` (${n} respondents)`);
    return texts.slice(0, 3).map((t) => `“${t.text}”${t.count > 1 ? times(t.count) : ''}`);
  }
  const free = answers
    .filter((a) => a.type === 'text' && a.status === 'answered' && plainLine(valueText(a.value)) !== '')
    .map((a) => `“${plainLine(valueText(a.value))}” (asked: ${plainLine(a.text)})`);
  const notes = answers.filter((a) => plainLine(a.note) !== '').map((a) => `“${plainLine(a.note)}” (note on: ${plainLine(a.text)})`);
  return [...free, ...notes].slice(0, 3);
}

/** The largest gap between role groups, in one sentence with its numbers; empty without groups. */
function largestGap(ctx: Context): string {
  let best: { dimension: string; title: string; hi: [string, number]; lo: [string, number] } | undefined;
  for (const g of ctx.result.aggregate?.perceptionGaps ?? []) {
    const entries = Object.entries(g.groups).sort((a, b) => b[1] - a[1]);
    if (entries.length < 2) continue;
    const hi = entries[0]!;
    const lo = entries[entries.length - 1]!;
    if (!best || hi[1] - lo[1] > best.hi[1] - best.lo[1]) best = { dimension: g.dimension, title: g.title, hi, lo };
  }
  if (!best) return '';
  // each group's score as the perception-gap table prints it (its dimension's threshold and the bands are its edges)
  const threshold = ctx.result.dimensions.find((d) => d.id === best.dimension)?.threshold;
  const group = (v: number) => ctx.score(v, threshold === undefined ? [] : [threshold]);
  return `on ${plainLine(best.title)}, ${plainLine(best.hi[0]) || 'one group'} score it ${group(best.hi[1])} and ${plainLine(best.lo[0]) || 'another group'} ${group(best.lo[1])}, a gap of ${ctx.gap(best.hi[1], best.lo[1], threshold === undefined ? [] : [threshold])} points out of 100. Talk it through before acting.`;
}

/** A strength or risk with the answer behind it, so a reverse-scored question reads right. */
function highlight(ctx: Context, item: { questionId: string; text: string; score: number }): string {
  const answer = ctx.result.answers.find((a) => a.questionId === item.questionId);
  const label = !ctx.multi && answer && answer.status === 'answered' ? answerText(answer) : '';
  const score = ctx.multi && !answer?.display ? `mean ${ctx.item(item.score)}` : ctx.item(item.score, answer?.display);
  return `${quoteText(item.text)}${label ? `: ${label}` : ''} (${score})`;
}

function scoresAtAGlance(ctx: Context): Blocks {
  const r = ctx.result;
  const out: Blocks = [ctx.heading(2, 'Scores at a glance')];
  const chart = mermaidBarChart(
    'Readiness by dimension, 0 to 100',
    // each bar's label as the table beside it prints the score: on its side of the dimension's threshold too (49.6, not 50)
    r.dimensions.map((d) => ({ label: d.title, score: d.score, edges: [d.threshold] })),
    ctx.legacy ? undefined : (score, edges) => showNumber(score, [...ctx.bandEdges, ...edges]),
  );
  if (chart) out.push(chart);
  // dimensions on their own scale are drawn on 0..100 too: say how, so "60" is not read as a net score of 60
  const ownScale = chart && !ctx.legacy ? r.dimensions.filter((d) => d.score !== null && (d.display?.kind === 'net' || d.display?.kind === 'top-box')) : [];
  if (ownScale.length > 0) {
    out.push(
      p(
        'In the chart, ',
        ownScale
          .map((d) =>
            d.display!.kind === 'net'
              ? `${clause(d.title) || d.id} is a ${ctx.withScale(d.score!, d.display)}, drawn at ${ctx.plain(d.score!)} (net scores run from −100 to +100 and are drawn as (net + 100) ÷ 2)`
              : `${clause(d.title) || d.id} is a ${ctx.withScale(d.score!, d.display)}, drawn at ${ctx.plain(d.score!)} (the share in the top box, in percent)`,
          )
          .join('; '),
        '.',
      ),
    );
  }
  const overallRow: Cell[] = [
    strong('Overall'),
    `${textBar(r.overall.score, TEXT_BAR_WIDTH)} ${ctx.cellScore(r.overall.score, r.overall.display)}`,
    '—',
    '—',
    r.overall.level ? or(r.overall.level.label, '—') : '—',
  ];
  out.push(
    table(
      ['Dimension', 'Score', 'Threshold', 'Coverage', 'Level'],
      [
        ...r.dimensions.map((d) => [
          or(d.title, '—'),
          `${textBar(d.score, TEXT_BAR_WIDTH)} ${ctx.cellScore(d.score, d.display, [d.threshold])}${r.barrier?.dimension === d.id ? ' (barrier)' : ''}${d.inOverall === false && d.score !== null ? ' (not in overall)' : ''}`,
          ctx.plain(d.threshold),
          ctx.coverage(d),
          d.level ? or(d.level.label, '—') : '—',
        ]),
        overallRow,
      ],
    ),
  );
  return out;
}

function findings(ctx: Context): Blocks {
  const r = ctx.result;
  const out: Blocks = [ctx.heading(2, 'Findings by dimension')];
  if (r.dimensions.length === 0) out.push(p('The questionnaire has no dimensions.'));
  for (const d of r.dimensions) out.push(...dimensionSection(ctx, d));
  return out;
}

function dimensionSection(ctx: Context, d: DimensionResult): Blocks {
  const r = ctx.result;
  const out: Blocks = [ctx.heading(3, headingText(d.title, d.id))];
  const facts: Inline[] = [];
  if (belowMinimum(d)) facts.push(notScoredText(d, ctx.multi));
  else if (d.score === null) facts.push('No scored question was answered, so there is no score.');
  else {
    facts.push('Score ', strong(ctx.withScale(d.score, d.display, [d.threshold])), `${d.level ? `, level ${plainLine(d.level.label)}` : ''}; threshold ${ctx.threshold(d.threshold, d.display)}.`);
    if (r.barrier?.dimension === d.id) facts.push(' Below its threshold: this is the barrier point, fix it first.');
    else if (d.score < d.threshold) facts.push(' Below its threshold.');
  }
  if (ctx.legacy) facts.push(` Coverage ${ctx.pct(d.coverage)} of its applicable questions answered.`);
  else facts.push(` Coverage: ${ctx.pct(d.coverage, d.minCoverage)} of its questions asked were answered.`);
  if (!d.reliable && !belowMinimum(d)) facts.push(' Low coverage: treat with care.');
  if (d.spread) {
    facts.push(
      ` Across ${d.spread.respondents} respondents: spread (standard deviation) ${ctx.plain(d.spread.sd)}, range ${ctx.dimScore({ score: d.spread.min, threshold: d.threshold })} to ${ctx.dimScore({ score: d.spread.max, threshold: d.threshold })}.`,
    );
  }
  out.push(p(...facts));
  if (plainLine(d.description) !== '') out.push(p(em('What it covers:'), ` ${plainLine(d.description)}`));
  if (d.finding !== null && plainLine(d.finding) !== '') out.push(p(strong('Finding:'), ` ${plainLine(d.finding)}`));

  const answers = ctx.answersOf(d.id).filter((a) => a.status !== 'hidden');
  const down = pulledDown(answers, 2);
  if (down.length > 0) {
    out.push(
      p(
        strong('Pulled the score down most:'),
        ` ${down.map((a) => `${quoteText(a.text)} (${ctx.multi ? (a.display ? '' : 'mean ') : `${answerText(a)}, `}${ctx.item(a.score, a.display)})`).join('; ')}.`,
      ),
    );
  }
  // Each answer table appears once, in the appendix (a report that printed them twice ran to 22 pages).
  if (answers.length > 0) out.push(p(`The answers behind it are in the appendix, under “Answers: ${headingText(d.title, d.id)}”.`));
  return out;
}

function questionCell(a: ScoredAnswer): string {
  return `${or(a.text, '—')}${a.reverse ? ' (reverse-scored)' : ''}`;
}

function respondents(ctx: Context): Blocks {
  const r = ctx.result;
  const out: Blocks = [ctx.heading(2, 'Respondents')];
  const roles = Object.entries(r.respondents.byRole).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  if (!ctx.multi) {
    const role = roles[0]?.[0];
    const person = r.respondents.list?.[0];
    const who = [plainLine(person?.name), plainLine(role)].filter((s) => s !== '').join(', ');
    out.push(
      p(
        `One respondent${who ? ` (${who})` : ''}. One view of an organization is a start: compare it with the views of leaders, middle managers and staff before deciding, because they often differ.`,
      ),
    );
    return out;
  }

  out.push(p(`${r.respondents.count} respondents took part.`));
  const sources = r.respondents.sources ?? [];
  if (sources.length > 0) {
    out.push(table(['Source', 'Respondents'], sources.map((s) => [or(s.label, '—'), String(s.count)])));
  }
  if (roles.length > 0) {
    out.push(table(['Role', 'Respondents'], roles.map(([role, n]) => [or(role, 'Role not given'), String(n)])));
  }
  if (r.respondents.list && r.respondents.list.length > 0) {
    out.push(p('Respondents named with their consent:'));
    out.push(ul(r.respondents.list.map((person) => [`${or(person.name, 'Not named')}${plainLine(person.role) ? `, ${plainLine(person.role)}` : ''}`])));
  }
  out.push(p(`Response coverage by dimension (share of ${ctx.legacy ? 'applicable questions answered' : 'the questions asked that were answered'}):`));
  out.push(
    table(
      ['Dimension', 'Coverage', 'Respondents', 'Spread (sd)', 'Range'],
      r.dimensions.map((d) => [
        or(d.title, '—'),
        ctx.coverage(d),
        d.spread ? String(d.spread.respondents) : '—',
        d.spread ? ctx.plain(d.spread.sd) : '—',
        d.spread ? `${ctx.dimScore({ score: d.spread.min, threshold: d.threshold })} to ${ctx.dimScore({ score: d.spread.max, threshold: d.threshold })}` : '—',
      ]),
    ),
  );
  const agg = r.aggregate;
  if (agg && agg.unmatchedCells > 0) {
    out.push(
      p(
        `${agg.unmatchedCells} survey ${agg.unmatchedCells === 1 ? 'cell' : 'cells'} could not be matched to an allowed answer and ${agg.unmatchedCells === 1 ? 'was' : 'were'} counted as unanswered.`,
      ),
    );
  }

  out.push(ctx.heading(3, 'Where views diverge'));
  const divergent = agg?.divergent ?? [];
  if (divergent.length === 0) out.push(p('Respondents broadly agree: no question or dimension shows a strong disagreement.'));
  else {
    out.push(p('Respondents disagree strongly on these. The disagreement itself is a finding: talk it through before acting.'));
    out.push(
      table(
        ['Kind', 'Item', 'Spread (sd, 0 to 100)'],
        divergent.map((v) => [v.kind === 'question' ? 'Question' : 'Dimension', or(v.text, '—'), ctx.plain(divergenceSd(v))]),
      ),
    );
  }

  out.push(ctx.heading(3, 'Perception gaps'));
  const gaps = agg?.perceptionGaps ?? [];
  const minGroup = agg?.minGroup ?? 3;
  const groups = [...new Set(gaps.flatMap((g) => Object.keys(g.groups)))].sort();
  if (gaps.length === 0 || groups.length === 0) {
    out.push(p('No role groups large enough to compare side by side.'));
  } else {
    out.push(p('Dimension scores by role group, side by side. A large gap between groups is a finding in itself.'));
    out.push(gapTable(ctx, gaps, groups, 'Role not given'));
  }
  for (const view of agg?.views ?? []) {
    const name = plainLine(view.title).toLowerCase() || 'group';
    out.push(ctx.heading(3, `By ${name}`));
    const columns = [...new Set(view.dimensions.flatMap((g) => Object.keys(g.groups)))].sort();
    out.push(p(view.attribute === 'source' ? 'Dimension scores by where the answers came from (interviews, each survey), side by side.' : `Dimension scores by ${name}, side by side.`));
    out.push(gapTable(ctx, view.dimensions, columns, '—'));
  }
  if (agg?.viewsWithheld) {
    out.push(
      p(
        `${agg.viewsWithheld} ${agg.viewsWithheld === 1 ? 'view of a dimension is' : 'views of dimensions are'} left out: beside the groups already shown, ${agg.viewsWithheld === 1 ? 'it' : 'they'} would let a group of fewer than ${minGroup} respondents be worked out by subtraction.`,
      ),
    );
  }
  const hidden = agg?.hiddenGroups ?? 0;
  out.push(
    p(
      `To protect respondents, groups with fewer than ${minGroup} respondents are not shown on their own${hidden > 0 ? ` (${hidden} ${hidden === 1 ? 'group' : 'groups'} hidden)` : ''}. Free-text answers appear without names.`,
    ),
  );
  return out;
}

/** Dimension means of groups side by side, with the largest gap. */
function gapTable(ctx: Context, rows: { dimension: string; title: string; groups: Record<string, number> }[], columns: string[], blank: string) {
  const r = ctx.result;
  return table(
    ['Dimension', ...columns.map((g) => or(g, blank)), 'Gap'],
    rows.map((g) => {
      const values = columns.map((name) => g.groups[name]);
      const present = values.filter((v): v is number => v !== undefined);
      const threshold = r.dimensions.find((d) => d.id === g.dimension)?.threshold;
      const edges = threshold === undefined ? [] : [threshold];
      const gap = present.length >= 2 ? ctx.gap(Math.max(...present), Math.min(...present), edges) : '—';
      return [or(g.title, '—'), ...values.map((v) => (v === undefined ? '—' : ctx.score(v, edges))), gap];
    }),
  );
}

/** Question spreads are stored on the 0..1 item scale, dimension spreads on 0..100; show both on 0..100. */
function divergenceSd(v: { kind: 'question' | 'dimension'; sd: number }): number {
  return v.kind === 'question' ? v.sd * 100 : v.sd;
}

/**
 * The barrier point's pilot: which recommended pilot works on it (only when it is not the
 * first pilot), or the sentence saying none can start yet and what must change first.
 */
function barrierPilotNote(ctx: Context): Blocks {
  const r = ctx.result;
  const bp = r.barrierPilot;
  if (!bp || !r.barrier || bp.dimension !== r.barrier.dimension) return [];
  const label = `For the barrier point (${clause(r.barrier.title) || 'untitled'}):`;
  if (bp.pilot === null) return bp.note && plainLine(bp.note) !== '' ? [p(strong(label), ` ${plainLine(bp.note)}`)] : [];
  const index = r.pilots.findIndex((x) => x.id === bp.pilot);
  // the first pilot is the barrier's pilot: "Fix this first" and "First pilot" already say so
  if (index <= 0) return [];
  return [p(strong(label), ` pilot ${index + 1} (${clause(r.pilots[index]!.title) || 'untitled'}) works on it.`)];
}

function pilots(ctx: Context): Blocks {
  const r = ctx.result;
  const out: Blocks = [ctx.heading(2, 'Recommended pilots')];
  if (r.pilots.length === 0) {
    out.push(p(r.barrierPoint === false ? 'No pilot fits the current scores.' : 'No pilot fits the current scores. Work on the barrier point first, then assess again.'));
  } else {
    out.push(p(`Start small: run one pilot, learn from it, then grow. These fit ${ctx.orgName()} best, in order.`));
  }
  out.push(...barrierPilotNote(ctx));
  r.pilots.forEach((pilot, i) => {
    out.push(ctx.heading(3, `Pilot ${i + 1}: ${headingText(pilot.title, pilot.id)}`));
    if (plainLine(pilot.summary) !== '') out.push(p(plainLine(pilot.summary)));
    out.push(p(strong(`Why it fits ${ctx.orgName()}:`), ` ${plainLine(pilot.why)}`));
    if (pilot.reasons.length > 0) out.push(ul(pilot.reasons.map((reason) => [plainLine(reason)])));
    if (pilot.steps.length > 0) out.push(p(strong('First steps:')), ol(pilot.steps.map((s) => [plainLine(s)])));
    if (pilot.measures.length > 0) out.push(p(strong('How to measure success:')), ul(pilot.measures.map((m) => [plainLine(m)])));
    out.push(p(strong('Duration:'), ` ${clause(pilot.duration, '.') || 'to be agreed.'}`));
  });

  out.push(ctx.heading(3, 'Not yet'));
  if (r.notYet.length === 0) {
    out.push(p('No attractive pilot is blocked at the moment.'));
  } else {
    out.push(p('Attractive pilots that should wait, and what must change first:'));
    out.push(
      ul(
        r.notYet.map((pilot) => {
          const blockers = pilot.blockers
            .map((b) => `${clause(b.reason, '.') || 'A condition holds.'} Change first: ${clause(b.fix, '.') || 'see the findings.'}`)
            .join(' ');
          return [strong(clause(pilot.title, ':') || 'Untitled:'), ` ${blockers || 'Its conditions are not met yet.'}`];
        }),
      ),
    );
  }
  return out;
}

function timeline(ctx: Context): Blocks {
  const r = ctx.result;
  const first = r.pilots[0];
  const second = r.pilots[1];
  const barrier = r.barrier
    ? `work on ${clause(r.barrier.title, ',') || 'the weakest dimension,'} the barrier point`
    : r.barrierPoint === false
      ? 'work on the weakest dimensions'
      : 'keep the strengths visible';
  const wording = ctx.wording;
  const noPilotStart = wording.noPilotStart ? clause(wording.noPilotStart) : '';
  const start = first
    ? `Run ${clause(first.title) || 'the first pilot'} with a small group that wants it; ${barrier}.`
    : noPilotStart
      ? `${noPilotStart}; ${barrier}.`
      : r.barrier
        ? `Start with ${clause(r.barrier.title) || 'the weakest dimension'}, the barrier point.`
        : `Agree on what to improve first; ${barrier}.`;
  const grow = first
    ? second
      ? `Review the pilot against its success measures; keep what works, drop what does not; consider ${clause(second.title, '.') || 'the next pilot.'}`
      : 'Review the pilot against its success measures; keep what works, drop what does not.'
    : wording.timeline
      ? 'Review the pilot against its success measures; keep what works, drop what does not.'
      : 'Work through the findings above, weakest dimension first.';
  // The questionnaire's row text with its slots filled; the tree's text nodes are escaped by the serializer.
  const fill = (what: string) =>
    what
      .split(/(\{start\}|\{review\})/)
      .map((part) => (part === '{start}' ? start : part === '{review}' ? grow : part.replace(/[\s\u2028\u2029]+/g, ' ')))
      .join('');
  const rows = (wording.timeline ?? NEUTRAL_TIMELINE).map((row) => [plainLine(row.when), plainLine(fill(row.what))]);
  const out: Blocks = [ctx.heading(2, 'Next steps and a realistic timeline'), table(['When', 'What'], rows)];
  if (wording.timelineNote) out.push(p(plainLine(wording.timelineNote)));
  return out;
}

function appendix(ctx: Context): Blocks {
  const r = ctx.result;
  const out: Blocks = [ctx.heading(2, 'Appendix: questions and answers')];
  const known = new Set(r.dimensions.map((d) => d.id));
  const groups: { title: string; id: string; answers: ScoredAnswer[] }[] = r.dimensions.map((d) => ({
    title: d.title,
    id: d.id,
    answers: ctx.answersOf(d.id),
  }));
  const orphans = r.answers.filter((a) => !known.has(a.dimension));
  if (orphans.length > 0) groups.push({ title: 'Other questions', id: 'other', answers: orphans });
  if (r.answers.length === 0) out.push(p('No questions were recorded.'));

  for (const g of groups) {
    if (g.answers.length === 0) continue;
    out.push(ctx.heading(3, `Answers: ${headingText(g.title, g.id)}`));
    if (ctx.multi) {
      out.push(
        table(
          ['Question', 'Answers', 'Mean score', 'Respondents'],
          g.answers.map((a) => [
            `${questionCell(a)} (${plainLine(a.questionId)})`,
            a.type === 'text' ? `${freeTextCount(a)}, listed below` : distributionText(a),
            ctx.item(a.score, a.display),
            a.respondents === undefined ? '—' : String(a.respondents),
          ]),
        ),
      );
      for (const a of g.answers) {
        const texts = (a.texts ?? []).map(plainLine).filter((t) => t !== '');
        if (texts.length > 0) {
          out.push(p(`Free-text answers to ${quoteText(a.text)}:`), ul(grouped(texts).map((t) => [t.count > 1 ? `${t.text} (× ${t.count})` : t.text])));
        }
        if (texts.length > 0 && a.textsOmitted) out.push(p(`…and ${a.textsOmitted} more, not listed (the first ${texts.length} are shown).`));
        // Aggregated notes arrive one per line, without names.
        const notes = (a.note ?? '').split('\n').map(plainLine).filter((t) => t !== '');
        if (notes.length > 0) out.push(p(`Notes on ${quoteText(a.text)}:`), ul(notes.map((t) => [t])));
      }
    } else {
      out.push(
        table(
          ['Question', 'Answer', 'Score', 'Note'],
          g.answers.map((a) => [`${questionCell(a)} (${plainLine(a.questionId)})`, answerText(a), ctx.item(a.score, a.display), plainLine(a.note)]),
        ),
      );
    }
  }
  return out;
}

function methodology(ctx: Context): Blocks {
  const r = ctx.result;
  const levels = [...r.levels].sort((a, b) => a.min - b.min);
  const hash: Cell = /^[\w:.+/=-]+$/.test(r.questionnaire.hash) ? code(r.questionnaire.hash) : plainLine(r.questionnaire.hash);
  const out: Blocks = [
    ctx.heading(2, 'Methodology'),
    ul(
      [
        'Each answer gets a score from 0 to 1, where 1 is most ready; reverse-scored questions are flipped (1 minus the score).',
        ...coverageMethod(ctx),
        'The overall score is the weighted mean of the dimension scores. Its band gives the readiness level; gates can hold the level down while a critical condition holds, whatever the score.',
        r.barrierPoint === false
          ? 'This questionnaire has no barrier point: a dimension below its threshold is weak, but none is singled out to fix first.'
          : 'The barrier point is the first dimension, in the questionnaire\'s order, whose score is below its threshold: fix that one first.',
        'Strengths and risks are the highest and lowest scoring answered questions. Pilots are matched to the scores and answers by the questionnaire\'s rules.',
        ...(ctx.multi
          ? ['With several respondents, each dimension score is the mean of the respondents\' dimension scores, with its spread; question scores are means over the respondents who answered them.']
          : []),
        ...(r.freeText === 'redacted'
          ? ['E-mail addresses and phone numbers typed into notes and free-text answers are replaced by a mark in this report; names in free text cannot be found reliably and are not removed.']
          : r.freeText === 'left-out'
            ? ['Notes and free-text answers are left out of this report and its result.']
            : []),
      ].map((s) => [s]),
    ),
  ];
  if (levels.length > 0) {
    out.push(
      table(
        ['Level', 'Overall score', 'What it means'],
        levels.map((l, i) => [
          or(l.label, '—'),
          `${ctx.plain(l.min)} to ${i === levels.length - 1 ? `${ctx.plain(l.max)}` : `under ${ctx.plain(l.max)}`}`,
          or(l.description, '—'),
        ]),
      ),
    );
  }
  out.push(
    table(
      ['Item', 'Value'],
      [
        ['Dimension weights', r.dimensions.length ? r.dimensions.map((d) => `${plainLine(d.title)} ${formatNumber(d.weight)}`).join(', ') : '—'],
        ['Questionnaire', `${or(r.questionnaire.id, '—')}, version ${plainLine(r.questionnaire.version)}`],
        ['Questionnaire hash', hash],
        ['Result schema version', String(r.upgradedFrom ?? r.schemaVersion)],
        ['Tool', `${or(r.tool.name, '—')} ${plainLine(r.tool.version)}`],
      ],
    ),
  );
  return out;
}

/** How scores and coverage were computed: the rule of the result's schema, with the questionnaire's cut-offs. */
function coverageMethod(ctx: Context): string[] {
  if (ctx.legacy) {
    return [
      'A dimension score is the weighted mean of its answered, scored questions, on a scale of 0 to 100. "Don\'t know" and unanswered questions lower coverage, not the score; "not applicable" removes a question from both.',
      'Coverage is the share of a dimension\'s applicable questions that were answered. Below 60% the dimension is marked as low coverage: treat it with care.',
    ];
  }
  const mins = [...new Set(ctx.result.dimensions.map((d) => d.minCoverage ?? 0))].filter((m) => m > 0);
  const lines = [
    'A dimension score is the weighted mean of its answered, scored questions, on a scale of 0 to 100. "Don\'t know", "not applicable" and unanswered questions lower coverage, not the score; questions not asked count for neither.',
    `Coverage is the share of a dimension's questions asked that were answered. Below ${showShare(ctx.lowCoverage)} the dimension is marked as low coverage: treat it with care.`,
  ];
  if (mins.length > 0) {
    lines.push(
      `A dimension is scored only when at least ${mins.map((m) => showShare(m)).join(' or ')} of its questions asked were answered (the questionnaire's minimum coverage${mins.length > 1 ? ', per dimension' : ''}); otherwise it has no score, is left out of the overall score with the other weights renormalized, and cannot be the barrier point.`,
    );
  }
  return lines;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** "12 free-text answers", counting the ones a large survey keeps out of the listing. */
function freeTextCount(a: { texts?: string[]; textsOmitted?: number }): string {
  const n = (a.texts?.length ?? 0) + (a.textsOmitted ?? 0);
  return `${n} free-text answer${n === 1 ? '' : 's'}`;
}
