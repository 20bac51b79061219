// From stored results to a Trend. Pure: the same results (in any order) give the
// same Trend. Unlike results are compared on what they share, and everything left
// out is named with the reason.
import { InputError } from '../errors.js';
import { answerQuestions, type ResultSummary } from '../model/result-summary.js';
import type { Arrow, DimensionTrend, LeftOut, PilotRef, QuestionMove, Trend, TrendPoint } from '../model/trend.js';
import { showScore } from '../render/score-display.js';
import { orgKey } from '../model/organization.js';
import { round1, shownChange } from '../score/round.js';

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
  // what is asked is looked up once per shape, not per result (a trend may have a thousand points)
  const { shapes, shapeAt } = shapesOf(ordered);
  const sharedDims = last.dimensions.filter((d) => shapes.every((sh) => sh.dimIndex.has(d.id))).map((d) => d.id);
  const sharedDimSet = new Set(sharedDims);
  const sameDims = shapes.every((sh) => sh.result.dimensions.length === sharedDims.length);
  const sharedQuestions = new Set(last.answers.filter((a) => shapes.every((sh) => sh.questionIds.has(a.questionId))).map((a) => a.questionId));

  // plain loops and object literals of one shape: this runs once per trend, in code too cold for
  // callbacks and spreads to be cheap, a thousand times per dimension for a long trend
  const n = ordered.length;
  const comparable: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) comparable[i] = sameDims ? ordered[i]!.overall.score : sharedOverall(ordered[i]!, sharedDimSet);
  const points: TrendPoint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { result: r, source } = items[i]!;
    const change = i === 0 ? null : diff(comparable[i - 1]!, comparable[i]!);
    const arrow = i === 0 ? null : arrowOf(change);
    const questionnaire = { id: r.questionnaire.id, title: r.questionnaire.title, version: r.questionnaire.version };
    const pilots: PilotRef[] = new Array(r.pilots.length);
    for (let k = 0; k < r.pilots.length; k++) pilots[k] = { id: r.pilots[k]!.id, title: r.pilots[k]!.title };
    const label = labels[i]!;
    const mix = respondentMix(r);
    // (the keys in the order they always had: `source` only when known)
    points[i] =
      source !== undefined
        ? { label, date: r.date, source, organization: r.organization, questionnaire, respondents: r.respondents.count, mix, partial: r.partial, score: r.overall.score, level: r.overall.level, comparable: comparable[i]!, change, arrow, barrier: r.barrier, pilots }
        : { label, date: r.date, organization: r.organization, questionnaire, respondents: r.respondents.count, mix, partial: r.partial, score: r.overall.score, level: r.overall.level, comparable: comparable[i]!, change, arrow, barrier: r.barrier, pilots };
  }

  const dimensions: DimensionTrend[] = sharedDims.map((id) => {
    // each result's dimension of that id, by the position its shape gives (a few shapes, many results)
    const at = new Map<Shape, number>();
    for (const sh of shapes) at.set(sh, sh.dimIndex.get(id)!);
    const series: ResultSummary['dimensions'][number][] = new Array(n);
    let shape: Shape | undefined;
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (shapeAt[i] !== shape) k = at.get((shape = shapeAt[i]!))!;
      series[i] = ordered[i]!.dimensions[k]!;
    }
    const dimPoints: DimensionTrend['points'] = new Array(n);
    const scores: (number | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const d = series[i]!;
      const change = i === 0 ? null : diff(series[i - 1]!.score, d.score);
      dimPoints[i] = { score: d.score, coverage: d.coverage, reliable: d.reliable, change, arrow: i === 0 ? null : arrowOf(change) };
      scores[i] = d.score;
    }
    const total = diff(scores[0]!, scores[n - 1]!);
    const latest = series[n - 1]!;
    const out: DimensionTrend = { id, title: latest.title, points: dimPoints, change: total, arrow: arrowOf(total), steadyFor: steadyRun(scores) };
    if (latest.display) out.display = latest.display;
    return out;
  });

  const { up, down, compared, unanswered } = questionMoves(first, last, sharedQuestions);
  // with one shape every result has every dimension and question of the latest: nothing is left out
  const leftOut = shapes.length === 1 ? [] : findLeftOut(ordered, labels, sharedDimSet, sharedQuestions);
  const notes = buildNotes(ordered, labels, sharedDims, sharedQuestions, sameDims, unanswered, shapes);
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

/**
 * Results that ask the same: the same dimension ids, and the same question ids in the same
 * dimensions, in the same order. `result` is the first of them; `dimIndex` is each dimension
 * id's position in the dimensions of every one of them (the first, as `find` gives it).
 */
interface Shape {
  result: ResultSummary;
  dimIndex: Map<string, number>;
  questionIds: Set<string>;
}

/**
 * The shapes of `results` in order of first appearance (a long trend of one questionnaire has
 * one), and each result's. A result is compared with the shape of the one before it, and
 * looked up by what it asks only when that differs: linear however many shapes there are.
 */
function shapesOf(results: ResultSummary[]): { shapes: Shape[]; shapeAt: Shape[] } {
  const shapes: Shape[] = [];
  const shapeAt: Shape[] = [];
  const bySignature = new Map<string, Shape>();
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const previous = shapeAt[i - 1];
    // with the result before (of that shape): one whose answers are not made yet tells without making them (sameShape)
    if (previous && sameShape(results[i - 1]!, r)) {
      shapeAt.push(previous);
      continue;
    }
    const signature = JSON.stringify([r.dimensions.map((d) => d.id), r.answers.map((a) => [a.questionId, a.dimension])]);
    let shape = bySignature.get(signature);
    if (!shape) {
      const dimIndex = new Map<string, number>();
      r.dimensions.forEach((d, k) => {
        if (!dimIndex.has(d.id)) dimIndex.set(d.id, k);
      });
      shape = { result: r, dimIndex, questionIds: new Set(r.answers.map((a) => a.questionId)) };
      bySignature.set(signature, shape);
      shapes.push(shape);
    }
    shapeAt.push(shape);
  }
  return { shapes, shapeAt };
}

/** The same dimension ids, and question ids in the same dimensions, in the same order. */
function sameShape(a: ResultSummary, b: ResultSummary): boolean {
  if (a === b) return true;
  if (a.dimensions.length !== b.dimensions.length) return false;
  for (let k = 0; k < a.dimensions.length; k++) if (a.dimensions[k]!.id !== b.dimensions[k]!.id) return false;
  // (not the answers themselves: a summary from the cache makes them when they are first read)
  const qa = answerQuestions(a);
  const qb = answerQuestions(b);
  if (qa === qb) return true;
  if (qa.length !== qb.length) return false;
  for (let k = 0; k < qa.length; k++) {
    const x = qa[k]!;
    const y = qb[k]!;
    if (x.questionId !== y.questionId || x.dimension !== y.dimension) return false;
  }
  return true;
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
  // the key of each name once: a long trend repeats one name
  const keys = new Map<string, string>();
  for (const r of sortByDate(results.map((result) => ({ result })))) {
    const name = r.result.organization;
    let slug = keys.get(name);
    if (slug === undefined) keys.set(name, (slug = orgKey(name)));
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

/**
 * The change from one score to the next (0..100 points) as the trend prints it beside them: the
 * difference of the two scores shown to one decimal (shownChange), so a row adds up (43.8 → 62.5 is
 * +18.7) and a fall is rounded as a rise is (a fall of 0.95 reaches the 1-point arrow as a rise does).
 */
function diff(from: number | null, to: number | null): number | null {
  return from === null || to === null ? null : shownChange(from, to);
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
  shapes: Shape[],
): string[] {
  const notes: string[] = [];
  // different people answering is a change too: say so wherever the mix of respondents changed
  const mixes = ordered.map(mixKey);
  for (let i = 1; i < ordered.length; i++) {
    const [before, after] = [ordered[i - 1]!, ordered[i]!];
    if (mixes[i - 1] !== mixes[i]) {
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
  // each shape's question ids per dimension (the same in all its results), gathered in one pass over its answers
  const byDimension = shapes.map(({ result: r }) => {
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
  notes.push(...wordingNotes(ordered, labels, sharedQuestions));
  if (unanswered.length > 0) {
    notes.push(`${unanswered.length} shared question${unanswered.length === 1 ? ' was' : 's were'} not answered both at ${labels[0]} and at ${labels[labels.length - 1]} and cannot show a move: ${unanswered.join(', ')}.`);
  }
  const partial = ordered.map((r, i) => (r.partial ? labels[i]! : '')).filter(Boolean);
  if (partial.length > 0) notes.push(`Partial results (required questions unanswered): ${partial.join(', ')}.`);
  return notes;
}

/** In the note that names a shared question whose wording changed (the CLI also prints these notes). */
export const WORDING_CHANGED = 'is worded differently across the results, so its scores may not be comparable:';
/** How much of a question's text a wording note quotes. */
const QUOTE_CHARS = 160;

/**
 * One note per shared question whose text differs between results (a questionnaire version
 * that reworded it under the same id), naming the question and each wording with the points
 * that used it, in the latest result's order. Texts that differ only in spacing are the same.
 * Linear: each result's texts are compared with the first result's; only questions found
 * reworded are looked at again.
 */
function wordingNotes(ordered: ResultSummary[], labels: string[], sharedQuestions: Set<string>): string[] {
  if (sharedQuestions.size === 0) return [];
  const firstText = new Map<string, string>();
  for (const q of answerQuestions(ordered[0]!)) if (sharedQuestions.has(q.questionId) && !firstText.has(q.questionId)) firstText.set(q.questionId, q.text);
  const reworded = new Set<string>();
  for (let i = 1; i < ordered.length; i++) {
    for (const q of answerQuestions(ordered[i]!)) {
      const t0 = firstText.get(q.questionId);
      if (t0 !== undefined && t0 !== q.text && !reworded.has(q.questionId) && plainText(t0) !== plainText(q.text)) reworded.add(q.questionId);
    }
  }
  if (reworded.size === 0) return [];
  const notes: string[] = [];
  for (const q of answerQuestions(ordered[ordered.length - 1]!)) {
    if (!reworded.has(q.questionId)) continue;
    reworded.delete(q.questionId); // once, should a result list a question twice
    const byText = new Map<string, number[]>();
    ordered.forEach((r, i) => {
      const text = plainText(answerQuestions(r).find((x) => x.questionId === q.questionId)!.text);
      byText.set(text, [...(byText.get(text) ?? []), i]);
    });
    const quote = (t: string) => JSON.stringify(t.length > QUOTE_CHARS ? `${t.slice(0, QUOTE_CHARS - 1)}…` : t);
    const wordings = [...byText].map(([text, idx]) => `${quote(text)} in ${describePoints(ordered, labels, idx)}`);
    notes.push(`Question ${q.questionId} ${WORDING_CHANGED} ${wordings.join('; ')}.`);
  }
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
