// scoreRespondent remembers what each distinct answer value scores (a survey repeats a few
// labels over many rows): whatever the order of respondents, a warm memory must give what
// the straightforward definition gives (canonicalValue and itemScore, per item, every time).
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import type { Answer, AnswerValue, Response } from '../../src/model/answers.js';
import type { Question, Questionnaire } from '../../src/model/questionnaire.js';
import { evaluateCondition } from '../../src/score/conditions.js';
import { dimensionScore, minCoverageOf } from '../../src/score/dimension.js';
import { canonicalValue, isScored, itemScore, optionsOf } from '../../src/score/item.js';
import { scoreRespondent } from '../../src/score/respondent.js';

const builtIn = (id: string) => loadQuestionnaire(fileURLToPath(new URL(`../../questionnaires/${id}.yaml`, import.meta.url))).questionnaire;

/** Values as the loaders give them, and as a person may write them (labels, other case, numbers as text). */
function answerArbitrary(questionnaire: Questionnaire, q: Question): fc.Arbitrary<Answer> {
  const answered = (value: fc.Arbitrary<AnswerValue>) => value.map((v): Answer => ({ status: 'answered', value: v }));
  let real: fc.Arbitrary<Answer>;
  switch (q.type) {
    case 'yesno':
      real = answered(fc.constantFrom('yes', 'no', 'Yes', ' NO '));
      break;
    case 'number':
      real = answered(fc.oneof(fc.integer({ min: q.min ?? 0, max: q.max ?? 1000 }), fc.constantFrom(-0, 0.5, 12.25)));
      break;
    case 'text':
      real = answered(fc.oneof(fc.constantFrom('same text', 'none'), fc.string({ minLength: 1, maxLength: 20 })));
      break;
    case 'multiple': {
      const values = optionsOf(questionnaire, q)!.map((o) => o.value);
      real = answered(fc.subarray(values, { minLength: 1 }));
      break;
    }
    default: {
      const options = optionsOf(questionnaire, q)!;
      real = answered(fc.constantFrom(...options.map((o) => o.value), ...options.map((o) => o.label), ...options.map((o) => String(o.value).toUpperCase())));
    }
  }
  const special = [fc.constant<Answer>({ status: 'unanswered' }), fc.constant<Answer>({ status: 'dont-know' }), fc.constant<Answer>({ status: 'not-applicable' })];
  return fc.oneof({ arbitrary: real, weight: 5 }, ...special.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

function responseArbitrary(questionnaire: Questionnaire): fc.Arbitrary<Response> {
  return fc
    .record(Object.fromEntries(questionnaire.questions.map((q) => [q.id, answerArbitrary(questionnaire, q)])) as Record<string, fc.Arbitrary<Answer>>)
    .map((answers) => ({ source: 'property', answers }));
}

/** The definition, item by item, with nothing remembered. */
function expected(questionnaire: Questionnaire, response: Response) {
  const seen: Record<string, Answer | undefined> = {};
  const items = questionnaire.questions.map((q) => {
    if (q.when && !evaluateCondition(q.when, { dimensions: {}, overall: null, answers: seen })) {
      seen[q.id] = undefined;
      return { status: 'hidden', score: null as number | null, value: undefined as AnswerValue | undefined, weight: q.weight, q };
    }
    const answer = response.answers[q.id] ?? { status: 'unanswered' };
    if (answer.status !== 'answered') {
      seen[q.id] = answer;
      return { status: answer.status, score: null, value: undefined, weight: q.weight, q };
    }
    const value = canonicalValue(questionnaire, q, answer.value);
    seen[q.id] = { status: 'answered', value };
    return { status: 'answered', score: itemScore(questionnaire, q, value), value, weight: q.weight, q };
  });
  const dimensions = Object.fromEntries(
    questionnaire.dimensions.map((d) => [
      d.id,
      dimensionScore(
        items.filter((i) => i.q.dimension === d.id && isScored(questionnaire, i.q)) as { weight: number; status: 'answered'; score: number | null }[],
        minCoverageOf(questionnaire, d),
      ),
    ]),
  );
  return { items: items.map(({ status, score, value }) => ({ status, score, value })), dimensions };
}

describe('scoreRespondent with remembered answer values', () => {
  for (const id of ['quick-check', 'social-readiness']) {
    it(`equals the item-by-item definition for any sequence of respondents (${id})`, () => {
      fc.assert(
        fc.property(fc.array(responseArbitrary(builtIn(id)), { minLength: 1, maxLength: 30 }), (responses) => {
          // a fresh questionnaire object: its memory starts empty and fills over the sequence
          const questionnaire = builtIn(id);
          for (const response of responses) {
            const scored = scoreRespondent(questionnaire, response);
            const want = expected(questionnaire, response);
            expect(scored.items.map(({ status, score, value }) => ({ status, score, value }))).toEqual(want.items);
            expect(scored.dimensions).toEqual(want.dimensions);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});
