// Recommended pilots: the catalogue's conditions evaluated against the scored
// result. Pure: same result, same pilots, same order, same words.
import type { Pilot } from '../model/questionnaire.js';
import type { NotYetPilot, PilotResult } from '../model/result.js';
import { evaluateCondition } from '../score/conditions.js';
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

export function evaluatePilots(pilots: readonly Pilot[], src: ExplainSource): Candidate[] {
  const fitting: Candidate[] = [];
  pilots.forEach((pilot, index) => {
    if (!evaluateCondition(pilot.fits, src.ctx)) return;
    const because = explainCondition(pilot.fits, src);
    const blockers = pilot.notYet
      .filter((b) => evaluateCondition(b.when, src.ctx))
      .map((b) => ({
        reason: explainCondition(b.when, src)
          .map((r) => r.text)
          .join('; '),
        fix: b.fix,
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

/**
 * The top `count` pilots that fit and are not blocked, each with the reasons
 * it fits; and every pilot that fits but is blocked ("not yet"), with what
 * blocks it and what must change first. Both lists are in rank order.
 */
export function recommendPilots(
  pilots: readonly Pilot[],
  src: ExplainSource,
  count: number = DEFAULT_PILOT_COUNT,
): { pilots: PilotResult[]; notYet: NotYetPilot[] } {
  const ranked = evaluatePilots(pilots, src);
  const limit = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : DEFAULT_PILOT_COUNT;
  return {
    pilots: ranked
      .filter((c) => c.blockers.length === 0)
      .slice(0, limit)
      .map(({ pilot, reasons }) => ({
        id: pilot.id,
        title: pilot.title,
        summary: pilot.summary,
        why: pilot.why,
        steps: [...pilot.steps],
        measures: [...pilot.measures],
        duration: pilot.duration,
        reasons,
      })),
    notYet: ranked
      .filter((c) => c.blockers.length > 0)
      .map(({ pilot, blockers }) => ({ id: pilot.id, title: pilot.title, blockers })),
  };
}
