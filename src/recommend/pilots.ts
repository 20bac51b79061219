// Recommended pilots: the catalogue's conditions evaluated against the scored
// result. Pure: same result, same pilots, same order, same words.
import type { Answer } from '../model/answers.js';
import type { Condition, Pilot, Questionnaire } from '../model/questionnaire.js';
import type { BarrierPilot, NotYetPilot, PilotResult } from '../model/result.js';
import { evaluateCondition, type ConditionContext } from '../score/conditions.js';
import { optionsOf, valueLabel } from '../score/item.js';
import { clean } from '../score/round.js';
import { explainCondition, type ExplainSource } from './explain.js';

export const DEFAULT_PILOT_COUNT = 3;

interface Candidate {
  pilot: Pilot;
  index: number;
  /** Sum of the margins of the score tests that made it fit (points past their bounds). */
  strength: number;
  reasons: string[];
  blockers: { reason: string; fix: string }[];
}

/** Priority first (higher first), then fit strength (stronger first), then catalogue order. */
function byRank(a: Candidate, b: Candidate): number {
  return b.pilot.priority - a.pilot.priority || b.strength - a.strength || a.index - b.index;
}

/**
 * `{question-id|fallback}` or `{question-id.note|fallback}` in a pilot's text: the answer's
 * label(s) or text, or the note given with it; the fallback when there is none (not answered,
 * don't know, an exclusive "none" option). See docs/questionnaire-format.md.
 */
export const PLACEHOLDER = /\{([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)(\.note)?(?:\|([^{}]*))?\}/g;

/** Longest answer text put into a pilot's sentence; longer ones are cut at a word with "…". */
const MAX_FILLED = 240;

function oneLine(text: string): string {
  // the catalogue's sentence brings its own punctuation
  const line = text.replace(/\s+/g, ' ').trim().replace(/[\s.;,:]+$/u, '');
  if (line.length <= MAX_FILLED) return line;
  const cut = line.slice(0, MAX_FILLED);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_FILLED / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/u, '')}…`;
}

function listed(labels: string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]!}`;
}

/** The answer in the client's words, or undefined when there is nothing to put in. */
function answerWords(questionnaire: Questionnaire, id: string, answer: Answer | undefined, note: boolean): string | undefined {
  if (!answer) return undefined;
  if (note) return answer.note !== undefined && answer.note.trim() !== '' ? oneLine(answer.note) : undefined;
  if (answer.status !== 'answered') return undefined;
  const question = questionnaire.questions.find((q) => q.id === id);
  if (!question) return undefined;
  if (question.type === 'text') return String(answer.value).trim() !== '' ? oneLine(String(answer.value)) : undefined;
  if (question.type === 'multiple' || question.type === 'single' || question.type === 'likert') {
    const values = Array.isArray(answer.value) ? answer.value : [answer.value];
    const options = optionsOf(questionnaire, question) ?? [];
    const chosen = options.filter((o) => !o.exclusive && values.some((v) => String(v).toLowerCase() === String(o.value).toLowerCase()));
    return chosen.length > 0 ? oneLine(listed(chosen.map((o) => o.label))) : undefined;
  }
  const label = valueLabel(questionnaire, question, answer.value);
  return label !== undefined ? oneLine(label) : undefined;
}

/** An empty fill marked, so that the quotes or brackets around it can go with it. */
const EMPTY = '\u0000';
/** An empty fill with the quotes and/or brackets that held it and the space before them: ` (“”)` says nothing. */
const EMPTY_QUOTED = / ?(?:\((?:“\u0000”|"\u0000"|‘\u0000’|\u0000)\)|“\u0000”|"\u0000"|‘\u0000’)/g;

/**
 * A catalogue text with its answer placeholders filled (pure; unknown ids keep their fallback).
 * An empty fill (an empty fallback, or a free-text answer left out with --no-free-text) takes
 * the quotes or brackets directly around it away too, with the space before them.
 */
export function fillPlaceholders(text: string, questionnaire: Questionnaire, answers: ConditionContext['answers']): string {
  let empty = false;
  const filled = text.replace(PLACEHOLDER, (_all, id: string, note: string | undefined, fallback: string | undefined) => {
    const words = answerWords(questionnaire, id, answers[id], note !== undefined) ?? (fallback ?? '').trim();
    if (words !== '') return words;
    empty = true;
    return EMPTY;
  });
  return empty ? filled.replace(EMPTY_QUOTED, '').replaceAll(EMPTY, '') : filled;
}

export type PilotTexts = Pick<PilotResult, 'title' | 'summary' | 'why' | 'steps' | 'measures' | 'duration'>;

/** The first variant whose condition holds, if any. */
export function chosenVariant(pilot: Pilot, ctx: ConditionContext): NonNullable<Pilot['variants']>[number] | undefined {
  return (pilot.variants ?? []).find((v) => evaluateCondition(v.when, ctx));
}

/** A pilot's words for these answers: the first variant that holds over the pilot's own text, placeholders filled. */
export function pilotTexts(pilot: Pilot, questionnaire: Questionnaire, ctx: ConditionContext): PilotTexts {
  const v = chosenVariant(pilot, ctx);
  const fill = (t: string) => fillPlaceholders(t, questionnaire, ctx.answers);
  return {
    title: fill(v?.title ?? pilot.title),
    summary: fill(v?.summary ?? pilot.summary),
    why: fill(v?.why ?? pilot.why),
    steps: (v?.steps ?? pilot.steps).map(fill),
    measures: (v?.measures ?? pilot.measures).map(fill),
    duration: fill(v?.duration ?? pilot.duration),
  };
}

function upperBounded(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(upperBounded);
  if ('any' in condition) return condition.any.flatMap(upperBounded);
  if ('not' in condition) return [];
  if ('dimension' in condition && (condition.lt !== undefined || condition.lte !== undefined)) return [condition.dimension];
  return [];
}

/** The dimensions a pilot works on: its `addresses`, else those its `fits` tests with an upper bound (a weak score makes it fit). */
export function pilotAddresses(pilot: Pilot): string[] {
  return [...new Set(pilot.addresses ?? upperBounded(pilot.fits))];
}

export function evaluatePilots(pilots: readonly Pilot[], src: ExplainSource): Candidate[] {
  const fitting: Candidate[] = [];
  pilots.forEach((pilot, index) => {
    if (!evaluateCondition(pilot.fits, src.ctx)) return;
    const because = explainCondition(pilot.fits, { ...src, thresholds: true });
    const blockers = pilot.notYet
      .filter((b) => evaluateCondition(b.when, src.ctx))
      .map((b) => ({
        reason: explainCondition(b.when, src)
          .map((r) => r.text)
          .join('; '),
        fix: fillPlaceholders(b.fix, src.questionnaire, src.ctx.answers),
      }));
    fitting.push({
      pilot,
      index,
      // full precision, without float noise, so equal strengths tie and fall back to catalogue order
      strength: clean(because.reduce((total, r) => total + r.margin, 0)),
      reasons: because.map((r) => r.text),
      blockers,
    });
  });
  return fitting.sort(byRank);
}

/** Used when the questionnaire gives no `report.noBarrierPilot`. */
export const NEUTRAL_NO_BARRIER_PILOT =
  'No pilot in this questionnaire works on {barrier} yet. Work first on the answers that pulled it down most (see its findings), then assess again.';

/**
 * The top `count` pilots that fit and are not blocked, each with the reasons
 * it fits; and every pilot that fits but is blocked ("not yet"), with what
 * blocks it and what must change first. Both lists are in rank order.
 *
 * With a barrier point, one recommended pilot works on it when any unblocked
 * pilot that fits does (it takes the last place if it ranked lower); otherwise
 * `barrierPilot.note` says that none can start yet and what must change first
 * (the blocked pilot's fix, or the questionnaire's `noBarrierPilot` sentence).
 */
export function recommendPilots(
  pilots: readonly Pilot[],
  src: ExplainSource,
  count: number = DEFAULT_PILOT_COUNT,
  barrier?: { dimension: string; title: string } | null,
): { pilots: PilotResult[]; notYet: NotYetPilot[]; barrierPilot?: BarrierPilot } {
  const ranked = evaluatePilots(pilots, src);
  const limit = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : DEFAULT_PILOT_COUNT;
  const open = ranked.filter((c) => c.blockers.length === 0);
  let chosen = open.slice(0, limit);
  const works = (c: Candidate) => barrier !== undefined && barrier !== null && pilotAddresses(c.pilot).includes(barrier.dimension);
  let barrierPilot: BarrierPilot | undefined;
  if (barrier && pilots.length > 0) {
    if (limit > 0 && !chosen.some(works)) {
      const later = open.find(works);
      if (later) chosen = [...chosen.slice(0, limit - 1), later];
    }
    const found = chosen.find(works);
    if (found) barrierPilot = { dimension: barrier.dimension, pilot: found.pilot.id };
    else {
      const blocked = ranked.find((c) => c.blockers.length > 0 && works(c));
      const words = (src.questionnaire.report?.noBarrierPilot ?? NEUTRAL_NO_BARRIER_PILOT).replaceAll('{barrier}', barrier.title);
      const note = blocked
        ? `No pilot that works on ${barrier.title} can start yet: ${pilotTexts(blocked.pilot, src.questionnaire, src.ctx).title} must wait. What must change first: ${blocked.blockers.map((b) => b.fix).join(' ')}`
        : words;
      barrierPilot = { dimension: barrier.dimension, pilot: null, note };
    }
  }
  return {
    pilots: chosen.map(({ pilot, reasons }) => ({ id: pilot.id, ...pilotTexts(pilot, src.questionnaire, src.ctx), reasons })),
    notYet: ranked
      .filter((c) => c.blockers.length > 0)
      .map(({ pilot, blockers }) => ({ id: pilot.id, title: pilotTexts(pilot, src.questionnaire, src.ctx).title, blockers })),
    ...(barrierPilot ? { barrierPilot } : {}),
  };
}
