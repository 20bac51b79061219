// The trend as compareResults made it before it looked up what is asked once per shape of
// results (src/compare/compare.ts, until the change that added shapes), kept unchanged as the
// oracle of test/compare/shapes.test.ts. Not used by the tool.
import { InputError } from '../../src/errors.js';
import type { ResultSummary } from '../../src/model/result-summary.js';
import type { Arrow, DimensionTrend, LeftOut, PilotRef, QuestionMove, Trend, TrendPoint } from '../../src/model/trend.js';
import { showScore } from '../../src/render/score-display.js';
import { orgKey } from '../../src/model/organization.js';

/** A change smaller than this (points on 0..100) is shown as "→": no real change. */
export const MOVE_THRESHOLD = 1;
/** A dimension whose scores all lie within this range (points) "has not moved". */
export const STEADY_RANGE = 2;
/** How many questions are listed among those that moved most up (and down). */
export const TOP_QUESTIONS = 3;

export interface CompareOptions {
  /** Where each result came from (same order as `results`), for the report and tie-breaking. */
  sources?: (string | undefined)[];
  /** Compare results of different organizations anyway. */
  allowMixed?: boolean;
}

// one decimal, half away from zero (written out here, not imported: this is the reference)
const round1 = (n: number): number => {
  const scaled = Number((n * 10).toPrecision(12));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 10 + 0;
};

export function arrowOf(change: number | null): Arrow | null {
  if (change === null) return null;
  if (change >= MOVE_THRESHOLD) return '↑';
  if (change <= -MOVE_THRESHOLD) return '↓';
  return '→';
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Date order; results of the same date by source, then by content, so argument order never matters. */
export function sortByDate<T extends { result: ResultSummary; source?: string | undefined }>(items: T[]): T[] {
  const key = (i: T) => JSON.stringify(i.result);
  return [...items].sort(
    (a, b) => byString(a.result.date, b.result.date) || byString(a.source ?? '', b.source ?? '') || byString(key(a), key(b)),
  );
}

/** The trend across two or more results. Throws InputError for fewer than two, or mixed organizations unless allowed. */
export function compareResults(results: ResultSummary[], options: CompareOptions = {}): Trend {
  if (results.length < 2) {
    throw new InputError(`a trend needs at least two results, but ${results.length === 1 ? 'only one was' : 'none were'} given; assess again later and compare the two.`);
  }
  const organizations = uniqueOrganizations(results);
  if (organizations.length > 1 && !options.allowMixed) {
    throw new InputError(
      `these results belong to different organizations (${organizations.map((o) => JSON.stringify(o)).join(', ')}); compare one organization at a time, or add --allow-mixed to compare them anyway.`,
    );
  }
  const items = sortByDate(results.map((result, i) => ({ result, source: options.sources?.[i] })));
  const ordered = items.map((i) => i.result);
  const labels = pointLabels(ordered);

  // Dimensions and questions every result has, in the latest result's order.
  const last = ordered[ordered.length - 1]!;
  const first = ordered[0]!;
  // ids per result, looked up once (a trend may have a thousand points)
  const dimIds = ordered.map((r) => new Set(r.dimensions.map((d) => d.id)));
  const questionIds = ordered.map((r) => new Set(r.answers.map((a) => a.questionId)));
  const sharedDims = last.dimensions.filter((d) => dimIds.every((ids) => ids.has(d.id))).map((d) => d.id);
  const sharedDimSet = new Set(sharedDims);
  const sameDims = ordered.every((r) => r.dimensions.length === sharedDims.length);
  const sharedQuestions = new Set(last.answers.filter((a) => questionIds.every((ids) => ids.has(a.questionId))).map((a) => a.questionId));

  const comparable = ordered.map((r) => (sameDims ? r.overall.score : sharedOverall(r, sharedDimSet)));
  const points: TrendPoint[] = items.map(({ result: r, source }, i) => {
    const change = i === 0 ? null : diff(comparable[i - 1]!, comparable[i]!);
    return {
      label: labels[i]!,
      date: r.date,
      ...(source !== undefined ? { source } : {}),
      organization: r.organization,
      questionnaire: { id: r.questionnaire.id, title: r.questionnaire.title, version: r.questionnaire.version },
      respondents: r.respondents.count,
      mix: respondentMix(r),
      partial: r.partial,
      score: r.overall.score,
      level: r.overall.level,
      comparable: comparable[i]!,
      change,
      arrow: i === 0 ? null : arrowOf(change),
      barrier: r.barrier,
      pilots: r.pilots.map((p) => ({ id: p.id, title: p.title })),
    };
  });

  const dimensions: DimensionTrend[] = sharedDims.map((id) => {
    const series = ordered.map((r) => r.dimensions.find((d) => d.id === id)!);
    const dimPoints = series.map((d, i) => {
      const change = i === 0 ? null : diff(series[i - 1]!.score, d.score);
      return { score: d.score, coverage: d.coverage, reliable: d.reliable, change, arrow: i === 0 ? null : arrowOf(change) };
    });
    const scores = series.map((d) => d.score);
    const total = diff(scores[0]!, scores[scores.length - 1]!);
    const latest = series[series.length - 1]!;
    const out: DimensionTrend = { id, title: latest.title, points: dimPoints, change: total, arrow: arrowOf(total), steadyFor: steadyRun(scores) };
    if (latest.display) out.display = latest.display;
    return out;
  });

  const { up, down, compared, unanswered } = questionMoves(first, last, sharedQuestions);
  const leftOut = findLeftOut(ordered, labels, sharedDimSet, sharedQuestions);
  const notes = buildNotes(ordered, labels, sharedDims, sharedQuestions, sameDims, unanswered);
  const pilots = pilotChanges(first, last);
  const trend: Trend = {
    organizations,
    mixed: organizations.length > 1,
    from: first.date,
    to: last.date,
    points,
    overallBasis: sameDims ? 'stored' : 'shared-dimensions',
    dimensions,
    questions: { up, down, compared },
    pilots,
    leftOut,
    notes,
    summary: [],
  };
  trend.summary = summarize(trend);
  return trend;
}

/** Length of the run of latest scores that all lie within STEADY_RANGE of each other. */
function steadyRun(scores: (number | null)[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  let run = 0;
  for (let i = scores.length - 1; i >= 0; i--) {
    const s = scores[i];
    if (s === null || s === undefined) break;
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
    if (hi - lo >= STEADY_RANGE) break;
    run++;
  }
  return run;
}

function uniqueOrganizations(results: ResultSummary[]): string[] {
  const seen = new Map<string, string>();
  for (const r of sortByDate(results.map((result) => ({ result })))) {
    const slug = orgKey(r.result.organization);
    if (!seen.has(slug)) seen.set(slug, r.result.organization);
  }
  return [...seen.values()];
}

function pointLabels(ordered: ResultSummary[]): string[] {
  const count = new Map<string, number>();
  return ordered.map((r) => {
    const n = (count.get(r.date) ?? 0) + 1;
    count.set(r.date, n);
    return n === 1 ? r.date : `${r.date} (${n})`;
  });
}

function diff(from: number | null, to: number | null): number | null {
  // the difference of the two scores as printed (one decimal each)
  return from === null || to === null ? null : round1(round1(to) - round1(from));
}

/** Overall score over the shared dimensions only, with the result's own dimension weights. */
function sharedOverall(r: ResultSummary, shared: Set<string>): number | null {
  let w = 0;
  let ws = 0;
  for (const d of r.dimensions) {
    if (!shared.has(d.id) || d.score === null) continue;
    w += d.weight;
    ws += d.weight * d.score;
  }
  return w > 0 ? round1(ws / w) : null;
}

function questionMoves(first: ResultSummary, last: ResultSummary, shared: Set<string>) {
  const moves: QuestionMove[] = [];
  let compared = 0;
  const unanswered: string[] = [];
  for (const a of last.answers) {
    if (!shared.has(a.questionId)) continue;
    const b = first.answers.find((x) => x.questionId === a.questionId)!;
    const scoredA = a.status === 'answered' && a.score !== null;
    const scoredB = b.status === 'answered' && b.score !== null;
    if (!scoredA || !scoredB) {
      // unscored question types (text, informational numbers) are not "unanswered"
      const scoredType = a.score !== null || b.score !== null || a.status !== 'answered' || b.status !== 'answered';
      if (scoredType) unanswered.push(a.questionId);
      continue;
    }
    compared++;
    const from = round1(b.score! * 100);
    const to = round1(a.score! * 100);
    const change = round1(to - from);
    const arrow = arrowOf(change)!;
    if (arrow !== '→') moves.push({ questionId: a.questionId, text: a.text, dimension: a.dimension, from, to, change, arrow });
  }
  const up = moves.filter((m) => m.change > 0).sort((x, y) => y.change - x.change || byString(x.questionId, y.questionId));
  const down = moves.filter((m) => m.change < 0).sort((x, y) => x.change - y.change || byString(x.questionId, y.questionId));
  return { up: up.slice(0, TOP_QUESTIONS), down: down.slice(0, TOP_QUESTIONS), compared, unanswered };
}

function describe(r: ResultSummary): string {
  return `${r.questionnaire.id} ${r.questionnaire.version}`;
}

/** "social-readiness 1.0 (2025-06-01, 2025-09-01)" for each questionnaire among the given points. */
function describePoints(ordered: ResultSummary[], labels: string[], idx: number[]): string {
  const groups = new Map<string, string[]>();
  for (const i of idx) {
    const key = describe(ordered[i]!);
    groups.set(key, [...(groups.get(key) ?? []), labels[i]!]);
  }
  return [...groups].map(([q, ls]) => `${q} (${ls.join(', ')})`).join(' and ');
}

function findLeftOut(ordered: ResultSummary[], labels: string[], sharedDims: Set<string>, sharedQuestions: Set<string>): LeftOut[] {
  const out: LeftOut[] = [];
  const seen = new Set<string>();
  const all = ordered.map((_, i) => i);
  const add = (kind: LeftOut['kind'], id: string, title: string, has: (r: ResultSummary) => boolean) => {
    const key = `${kind}:${id}`;
    if (seen.has(key)) return;
    seen.add(key);
    const present = all.filter((i) => has(ordered[i]!));
    const missing = all.filter((i) => !has(ordered[i]!));
    out.push({
      kind,
      id,
      title,
      presentIn: present.map((i) => labels[i]!),
      missingFrom: missing.map((i) => labels[i]!),
      reason: `asked in ${describePoints(ordered, labels, present)} but not in ${describePoints(ordered, labels, missing)}`,
    });
  };
  // Newest first so that titles come from the latest result that has them.
  for (const r of [...ordered].reverse()) {
    for (const d of r.dimensions) if (!sharedDims.has(d.id)) add('dimension', d.id, d.title, (x) => x.dimensions.some((y) => y.id === d.id));
  }
  for (const r of [...ordered].reverse()) {
    for (const a of r.answers) if (!sharedQuestions.has(a.questionId)) add('question', a.questionId, a.text, (x) => x.answers.some((y) => y.questionId === a.questionId));
  }
  return out.sort((a, b) => byString(a.kind, b.kind) || byString(a.id, b.id));
}

function buildNotes(
  ordered: ResultSummary[],
  labels: string[],
  sharedDims: string[],
  sharedQuestions: Set<string>,
  sameDims: boolean,
  unanswered: string[],
): string[] {
  const notes: string[] = [];
  // different people answering is a change too: say so wherever the mix of respondents changed
  for (let i = 1; i < ordered.length; i++) {
    const [before, after] = [ordered[i - 1]!, ordered[i]!];
    if (mixKey(before) !== mixKey(after)) {
      notes.push(`${labels[i - 1]}: ${respondentMix(before)}; ${labels[i]}: ${respondentMix(after)}. ${MIX_CHANGED}`);
    }
  }
  const questionnaires = [...new Set(ordered.map(describe))];
  if (questionnaires.length > 1) {
    notes.push(`The results come from different questionnaires or versions (${questionnaires.join(', ')}): only dimensions and questions with the same id in every result are compared.`);
  }
  if (!sameDims) {
    notes.push(`Overall scores are recomputed over the ${sharedDims.length} shared dimension${sharedDims.length === 1 ? '' : 's'} so that they compare; the level shown is the one each result stored.`);
  }
  // A shared dimension measured by different questions: its score moves partly because the questions changed.
  const last = ordered[ordered.length - 1]!;
  // each result's question ids per dimension, gathered in one pass over its answers
  const byDimension = ordered.map((r) => {
    const m = new Map<string, string[]>();
    for (const a of r.answers) {
      const ids = m.get(a.dimension);
      if (ids) ids.push(a.questionId);
      else m.set(a.dimension, [a.questionId]);
    }
    return m;
  });
  for (const id of sharedDims) {
    const counts = byDimension.map((m) => [...(m.get(id) ?? [])].sort().join(','));
    if (new Set(counts).size > 1) {
      const title = last.dimensions.find((d) => d.id === id)!.title;
      const parts = [...new Set(ordered.map(describe))].map((q) => {
        const r = ordered.find((x) => describe(x) === q)!;
        const n = r.answers.filter((a) => a.dimension === id).length;
        return `${n} in ${q}`;
      });
      const shared = last.answers.filter((a) => a.dimension === id && sharedQuestions.has(a.questionId)).length;
      notes.push(`${title} was measured by different questions (${parts.join(', ')}; ${shared} shared), so part of its change may come from the questions rather than the organization.`);
    }
  }
  if (unanswered.length > 0) {
    notes.push(`${unanswered.length} shared question${unanswered.length === 1 ? ' was' : 's were'} not answered both at ${labels[0]} and at ${labels[labels.length - 1]} and cannot show a move: ${unanswered.join(', ')}.`);
  }
  const partial = ordered.map((r, i) => (r.partial ? labels[i]! : '')).filter(Boolean);
  if (partial.length > 0) notes.push(`Partial results (required questions unanswered): ${partial.join(', ')}.`);
  return notes;
}

function pilotChanges(first: ResultSummary, last: ResultSummary): Trend['pilots'] {
  const ref = (p: { id: string; title: string }): PilotRef => ({ id: p.id, title: p.title });
  const firstIds = new Set(first.pilots.map((p) => p.id));
  const lastIds = new Set(last.pilots.map((p) => p.id));
  return {
    kept: last.pilots.filter((p) => firstIds.has(p.id)).map(ref),
    dropped: first.pilots.filter((p) => !lastIds.has(p.id)).map(ref),
    added: last.pilots.filter((p) => !firstIds.has(p.id)).map(ref),
  };
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

function points1(n: number): string {
  const a = Math.abs(n);
  return `${a} point${a === 1 ? '' : 's'}`;
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The plain-language summary: a few sentences a busy reader takes in at once. */
function summarize(t: Trend): string[] {
  const out: string[] = [];
  const first = t.points[0]!;
  const last = t.points[t.points.length - 1]!;
  const n = t.points.length;
  // a level names a band of the whole overall score; a score on the shared dimensions is another number
  const lvl = (p: TrendPoint) => (p.level && t.overallBasis !== 'shared-dimensions' ? ` (${p.level.label})` : '');
  const total = diff(first.comparable, last.comparable);
  const basis = t.overallBasis === 'shared-dimensions' ? ' on the shared dimensions' : '';
  if (total === null) {
    out.push(`Overall readiness cannot be compared: ${first.comparable === null ? first.label : last.label} has no overall score.`);
  } else {
    const verb = total >= MOVE_THRESHOLD ? `rose ${points1(total)}` : total <= -MOVE_THRESHOLD ? `fell ${points1(total)}` : 'did not really move';
    out.push(
      `Overall readiness${basis} ${verb} over ${numberWord(n)} assessments, from ${showScore(first.comparable, [], 1)}${lvl(first)} on ${first.label} to ${showScore(last.comparable, [], 1)}${lvl(last)} on ${last.label}.`,
    );
  }
  const moved = t.dimensions.filter((d) => d.change !== null && d.arrow !== '→');
  const risers = moved.filter((d) => d.change! > 0).sort((a, b) => b.change! - a.change! || byString(a.id, b.id));
  const fallers = moved.filter((d) => d.change! < 0).sort((a, b) => a.change! - b.change! || byString(a.id, b.id));
  for (const d of risers.slice(0, 2)) out.push(`${d.title} rose ${points1(d.change!)} since ${first.label}.`);
  for (const d of fallers.slice(0, 2)) out.push(`${d.title} fell ${points1(d.change!)} since ${first.label}.`);
  // Group the dimensions that stood still by how long, so one sentence covers each span.
  const spans = new Map<number, string[]>();
  for (const d of t.dimensions) {
    // within STEADY_RANGE yet a net change of MOVE_THRESHOLD or more over the span is an arrow, not standing still:
    // the span shrinks to where the change is below it ("rose 1.9 points since X" and "has not moved since X" both were said)
    let k = d.steadyFor;
    while (k >= Math.min(n, 3) && Math.abs(diff(d.points[n - k]!.score, d.points[n - 1]!.score) ?? 0) >= MOVE_THRESHOLD) k--;
    if (k >= Math.min(n, 3)) spans.set(k, [...(spans.get(k) ?? []), d.title]);
  }
  for (const [k, titles] of [...spans].sort((a, b) => b[0] - a[0])) {
    const since = t.points[n - k]!.label;
    const span = k === 2 ? `since ${since}` : k === n ? `in ${numberWord(k)} assessments` : `in the last ${numberWord(k)} assessments (since ${since})`;
    out.push(`${joinAnd(titles)} ${titles.length === 1 ? 'has' : 'have'} not moved ${span}.`);
  }
  const b0 = first.barrier;
  const b1 = last.barrier;
  if (b1 && b0 && b0.dimension === b1.dimension) {
    out.push(`The barrier point is still ${b1.title} (${showScore(b1.score, [b1.threshold], 1)}, below ${b1.threshold}): fix that first.`);
  } else if (b1) {
    out.push(`The barrier point is now ${b1.title} (${showScore(b1.score, [b1.threshold], 1)}, below ${b1.threshold})${b0 ? `; it was ${b0.title}` : ''}.`);
  } else if (b0) {
    out.push(`There is no barrier point any more; it was ${b0.title}.`);
  }
  if (t.mixed) out.push(`These results come from different organizations: ${joinAnd(t.organizations)}.`);
  if (t.leftOut.length > 0) {
    const dims = t.leftOut.filter((l) => l.kind === 'dimension').length;
    const qs = t.leftOut.filter((l) => l.kind === 'question').length;
    const parts = [dims ? `${dims} dimension${dims === 1 ? '' : 's'}` : '', qs ? `${qs} question${qs === 1 ? '' : 's'}` : ''].filter(Boolean);
    out.push(`Only what every result shares is compared; ${joinAnd(parts)} ${dims + qs === 1 ? 'is' : 'are'} left out (listed at the end).`);
  }
  return out;
}

/** Ends the note that says the respondents changed between two results (the CLI also prints these notes). */
export const MIX_CHANGED = 'Differences may reflect who answered, not only a change in the organization.';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Who answered a result, in words: the sources ("1 interview", "2 interviews
 * and 40 survey responses") and the roles as the result shows them (small
 * groups already pooled). Results before sources were recorded say
 * "N survey responses" for a survey, else "N respondents".
 */
export function respondentMix(r: ResultSummary): string {
  const parts: string[] = [];
  const sources = r.respondents.sources;
  if (sources && sources.length > 0) {
    const sum = (kind: string) => sources.filter((s) => s.kind === kind).reduce((n, s) => n + s.count, 0);
    if (sum('interview') > 0) parts.push(plural(sum('interview'), 'interview', 'interviews'));
    if (sum('answers') > 0) parts.push(plural(sum('answers'), 'answers file', 'answers files'));
    if (sum('survey') > 0) parts.push(plural(sum('survey'), 'survey response', 'survey responses'));
  } else if (r.survey) {
    parts.push(plural(r.respondents.count, 'survey response', 'survey responses'));
  } else {
    parts.push(plural(r.respondents.count, 'respondent', 'respondents'));
  }
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
  const roles = Object.entries(r.respondents.byRole).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return roles.length > 0 ? `${text} (${roles.map(([role, n]) => `${plainText(role)} ${n}`).join(', ')})` : text;
}

/** What makes two mixes differ: the kinds of source and the roles present, not the exact counts. */
function mixKey(r: ResultSummary): string {
  const kinds = r.respondents.sources ? [...new Set(r.respondents.sources.map((s) => s.kind))].sort() : [r.survey ? 'survey' : r.respondents.count === 1 ? 'one' : 'answers'];
  const single = r.respondents.count === 1 ? 'one' : 'many';
  return JSON.stringify([kinds, single, Object.keys(r.respondents.byRole).map((k) => k.toLowerCase()).sort()]);
}

function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
