// Property tests over the built-in questionnaires: random valid answer sets
// always give scores in range and a valid Result; best answers reach 100 and
// the top level, worst answers 0; the same input always gives the same bytes.
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import type { Answer, AnswerValue, Response } from '../../src/model/answers.js';
import type { Question, Questionnaire } from '../../src/model/questionnaire.js';
import { Result } from '../../src/model/result.js';
import { assess } from '../../src/score/assess.js';
import { evaluateCondition } from '../../src/score/conditions.js';
import { isScored, itemScore, optionsOf } from '../../src/score/item.js';
import { sortedLevels } from '../../src/score/overall.js';

const builtIn = (id: string) => loadQuestionnaire(fileURLToPath(new URL(`../../questionnaires/${id}.yaml`, import.meta.url)));
const BUILT_INS = ['social-readiness', 'quick-check'].map(builtIn);

/** Every answer a respondent could give to one question (a random pick among them). */
function answerArbitrary(questionnaire: Questionnaire, q: Question): fc.Arbitrary<Answer> {
  const special: fc.Arbitrary<Answer>[] = [fc.constant<Answer>({ status: 'unanswered' })];
  if (q.allowDontKnow) special.push(fc.constant<Answer>({ status: 'dont-know' }));
  if (q.allowNotApplicable) special.push(fc.constant<Answer>({ status: 'not-applicable' }));
  const answered = (value: fc.Arbitrary<AnswerValue>) => value.map((v): Answer => ({ status: 'answered', value: v }));
  let real: fc.Arbitrary<Answer>;
  switch (q.type) {
    case 'yesno':
      real = answered(fc.constantFrom('yes', 'no'));
      break;
    case 'number':
      real = answered(fc.integer({ min: q.min ?? 0, max: q.max ?? 1000 }));
      break;
    case 'text':
      real = answered(fc.string({ minLength: 1, maxLength: 40 }));
      break;
    case 'multiple': {
      const options = optionsOf(questionnaire, q)!;
      const inclusive = options.filter((o) => !o.exclusive).map((o) => o.value);
      const exclusive = options.filter((o) => o.exclusive).map((o) => [o.value]);
      const sets: fc.Arbitrary<AnswerValue>[] = [fc.subarray(inclusive, { minLength: 1 })];
      if (exclusive.length > 0) sets.push(fc.constantFrom(...exclusive));
      real = answered(fc.oneof(...sets));
      break;
    }
    default:
      real = answered(fc.constantFrom(...optionsOf(questionnaire, q)!.map((o) => o.value)));
  }
  return fc.oneof({ arbitrary: real, weight: 4 }, ...special.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

/** Drops answers to questions their condition hides, as a loaded answers file would. */
function visibleOnly(questionnaire: Questionnaire, answers: Record<string, Answer>): Record<string, Answer> {
  const seen: Record<string, Answer | undefined> = {};
  const out: Record<string, Answer> = {};
  for (const q of questionnaire.questions) {
    if (q.when && !evaluateCondition(q.when, { dimensions: {}, overall: null, answers: seen })) {
      seen[q.id] = undefined;
      continue;
    }
    seen[q.id] = answers[q.id];
    if (answers[q.id]) out[q.id] = answers[q.id]!;
  }
  return out;
}

function responseArbitrary(questionnaire: Questionnaire): fc.Arbitrary<Response> {
  const shape = Object.fromEntries(questionnaire.questions.map((q) => [q.id, answerArbitrary(questionnaire, q)]));
  return fc
    .record({ answers: fc.record(shape), role: fc.option(fc.constantFrom('Leader', 'Manager', 'Staff'), { nil: undefined }) })
    .map(({ answers, role }) => ({ source: 'generated', ...(role ? { role } : {}), answers: visibleOnly(questionnaire, answers) }));
}

/** The value with the best (or worst) score after reverse-coding. */
function extremeValue(questionnaire: Questionnaire, q: Question, best: boolean): AnswerValue {
  const candidates: AnswerValue[] = [];
  switch (q.type) {
    case 'yesno':
      candidates.push('yes', 'no');
      break;
    case 'number':
      candidates.push(q.scoring!.best, q.scoring!.worst);
      break;
    case 'multiple': {
      const options = optionsOf(questionnaire, q)!;
      candidates.push(options.filter((o) => !o.exclusive).map((o) => o.value));
      for (const o of options) candidates.push([o.value]);
      break;
    }
    default:
      for (const o of optionsOf(questionnaire, q)!) candidates.push(o.value);
  }
  const scored = candidates.map((value) => ({ value, score: itemScore(questionnaire, q, value)! }));
  scored.sort((a, b) => (best ? b.score - a.score : a.score - b.score));
  return scored[0]!.value;
}

function extremeResponse(questionnaire: Questionnaire, best: boolean): Response {
  const answers: Record<string, Answer> = {};
  for (const q of questionnaire.questions) {
    if (q.type === 'text') answers[q.id] = { status: 'answered', value: 'Some words' };
    else if (q.type === 'number' && !isScored(questionnaire, q)) answers[q.id] = { status: 'answered', value: q.min ?? 1 };
    else answers[q.id] = { status: 'answered', value: extremeValue(questionnaire, q, best) };
  }
  return { source: best ? 'best' : 'worst', answers: visibleOnly(questionnaire, answers) };
}

const input = (questionnaire: Questionnaire, hash: string, responses: Response[]) => ({
  questionnaire,
  hash,
  responses,
  organization: 'Property Org',
  date: '2026-03-01',
  toolVersion: '0.0.0',
  partial: true,
});

function inRange(result: Result): void {
  for (const d of result.dimensions) if (d.score !== null) expect(d.score).toBeGreaterThanOrEqual(0), expect(d.score).toBeLessThanOrEqual(100);
  if (result.overall.score !== null) expect(result.overall.score).toBeGreaterThanOrEqual(0), expect(result.overall.score).toBeLessThanOrEqual(100);
  for (const a of result.answers) if (a.score !== null) expect(a.score).toBeGreaterThanOrEqual(0), expect(a.score).toBeLessThanOrEqual(1);
}

describe.each(BUILT_INS.map((l) => [l.questionnaire.id, l] as const))('built-in questionnaire %s', (_id, loaded) => {
  const { questionnaire, hash } = loaded;
  const levels = sortedLevels(questionnaire.levels);

  it('scores every random answer set within 0..100, as a valid Result, deterministically', () => {
    fc.assert(
      fc.property(responseArbitrary(questionnaire), (response) => {
        const result = assess(input(questionnaire, hash, [response]));
        Result.parse(result);
        inRange(result);
        // sponsor-first, whenever recommended, comes before every other pilot
        const sponsor = result.pilots.findIndex((p) => p.id === 'sponsor-first');
        expect(sponsor === -1 || sponsor === 0).toBe(true);
        expect(JSON.stringify(assess(input(questionnaire, hash, [response])))).toBe(JSON.stringify(result));
      }),
      { numRuns: 150 },
    );
  });

  it('scores random groups of respondents within range, as a valid Result, deterministically', () => {
    fc.assert(
      fc.property(fc.array(responseArbitrary(questionnaire), { minLength: 2, maxLength: 8 }), (responses) => {
        const result = assess(input(questionnaire, hash, responses));
        Result.parse(result);
        inRange(result);
        for (const d of result.dimensions) if (d.spread) expect(d.spread.min).toBeLessThanOrEqual(d.score!), expect(d.spread.max).toBeGreaterThanOrEqual(d.score!);
        expect(JSON.stringify(assess(input(questionnaire, hash, responses)))).toBe(JSON.stringify(result));
      }),
      { numRuns: 60 },
    );
  });

  it('gives 100 and the top level for the best answers', () => {
    const result = assess(input(questionnaire, hash, [extremeResponse(questionnaire, true)]));
    for (const d of result.dimensions) if (d.score !== null) expect([d.id, d.score]).toEqual([d.id, 100]);
    expect(result.overall.score).toBe(100);
    expect(result.overall.gates).toEqual([]);
    expect(result.overall.level?.id).toBe(levels[levels.length - 1]!.id);
    expect(result.barrier).toBeNull();
  });

  it('puts sponsor-first first and caps the level when only the sponsor is missing', () => {
    const best = extremeResponse(questionnaire, true);
    const answers = visibleOnly(questionnaire, { ...best.answers, 'lead-sponsor': { status: 'answered', value: 'no' } });
    const result = assess(input(questionnaire, hash, [{ source: 'no-sponsor', answers }]));
    expect(result.overall.gates.length).toBeGreaterThan(0);
    expect(result.overall.level!.id).not.toBe(result.overall.uncappedLevel!.id);
    expect(result.pilots[0]?.id).toBe('sponsor-first');
    expect(result.pilots[0]!.reasons.join(' ')).toContain('"No"');
  });

  it('gives 0 and the bottom level for the worst answers, with sponsor-first as the first pilot', () => {
    const result = assess(input(questionnaire, hash, [extremeResponse(questionnaire, false)]));
    for (const d of result.dimensions) if (d.score !== null) expect([d.id, d.score]).toEqual([d.id, 0]);
    expect(result.overall.score).toBe(0);
    expect(result.overall.level?.id).toBe(levels[0]!.id);
    if (questionnaire.pilots.some((p) => p.id === 'sponsor-first')) expect(result.pilots[0]?.id).toBe('sponsor-first');
  });
});
