// The questionnaire's table of forbidden pairs (`contradictions`): while an answer
// condition holds, no recommended pilot text may contain the listed phrases. Pure;
// the tests run it over generated answers for every built-in questionnaire.
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { evaluateCondition, type ConditionContext } from '../score/conditions.js';

export interface Contradiction {
  /** Index of the pair in the questionnaire's `contradictions`. */
  pair: number;
  /** The forbidden phrase found. */
  phrase: string;
  /** Where it was found, e.g. "pilot sponsor-first summary". */
  where: string;
  text: string;
}

/** The pilot texts a report shows: recommended pilots, blocked pilots and their fixes, the barrier's sentence. */
export function shownPilotTexts(result: Pick<Result, 'pilots' | 'notYet' | 'barrierPilot'>): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const p of result.pilots) {
    out.push({ where: `pilot ${p.id} title`, text: p.title }, { where: `pilot ${p.id} summary`, text: p.summary }, { where: `pilot ${p.id} why`, text: p.why });
    p.steps.forEach((t, i) => out.push({ where: `pilot ${p.id} step ${i + 1}`, text: t }));
    p.measures.forEach((t, i) => out.push({ where: `pilot ${p.id} measure ${i + 1}`, text: t }));
    out.push({ where: `pilot ${p.id} duration`, text: p.duration });
  }
  for (const n of result.notYet) {
    out.push({ where: `not-yet ${n.id} title`, text: n.title });
    n.blockers.forEach((b, i) => out.push({ where: `not-yet ${n.id} fix ${i + 1}`, text: b.fix }));
  }
  if (result.barrierPilot?.note) out.push({ where: 'barrier pilot note', text: result.barrierPilot.note });
  return out;
}

/**
 * Every forbidden phrase (case-insensitive) that a shown pilot text contains while its answer
 * condition holds for `ctx` (the answers the report shows). Empty: no contradiction.
 */
export function findContradictions(questionnaire: Pick<Questionnaire, 'contradictions'>, result: Pick<Result, 'pilots' | 'notYet' | 'barrierPilot'>, ctx: ConditionContext): Contradiction[] {
  const out: Contradiction[] = [];
  const texts = shownPilotTexts(result).map((t) => ({ ...t, lower: t.text.toLowerCase() }));
  (questionnaire.contradictions ?? []).forEach((pair, index) => {
    if (!evaluateCondition(pair.when, ctx)) return;
    for (const phrase of pair.texts) {
      const needle = phrase.toLowerCase();
      for (const t of texts) if (t.lower.includes(needle)) out.push({ pair: index, phrase, where: t.where, text: t.text });
    }
  });
  return out;
}
