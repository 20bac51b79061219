// Recommendations that cannot contradict the answers: the questionnaire's table of
// forbidden pairs (answer condition → pilot text that must not appear), checked on
// the worked example and over generated answers for every built-in questionnaire;
// the barrier point always gets a pilot that works on it or a sentence saying why not.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/load/answers.js';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import type { Answer, Response } from '../../src/model/answers.js';
import type { Question, Questionnaire } from '../../src/model/questionnaire.js';
import type { Result } from '../../src/model/result.js';
import { contextFromResult } from '../../src/plan/context.js';
import { findContradictions } from '../../src/recommend/contradictions.js';
import { pilotAddresses } from '../../src/recommend/pilots.js';
import { renderReport } from '../../src/render/report.js';
import { assess } from '../../src/score/assess.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BUILTINS = readdirSync(join(ROOT, 'questionnaires'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => loadQuestionnaire(join(ROOT, 'questionnaires', f)));
const RUNS = Number(process.env.PROPERTY_RUNS ?? 0) || 150;

function run(questionnaire: Questionnaire, hash: string, responses: Response[]): Result {
  return assess({ questionnaire, hash, responses, organization: 'Client', date: '2026-11-29', toolVersion: '0.1.0', partial: true });
}

/** What the report shows is what must not be contradicted: the result's answers (single: with notes). */
const shown = (result: Result) => contextFromResult(result);

describe('the worked example', () => {
  const loaded = BUILTINS.find((b) => b.questionnaire.id === 'social-readiness')!;
  const checked = loadAnswersFile(join(ROOT, 'reports', 'examples', 'example-org-answers.yaml'), loaded.questionnaire);
  const result = run(loaded.questionnaire, loaded.hash, [checked.response]);
  const report = renderReport(result);
  const page1 = report.slice(report.indexOf('## Executive summary'), report.indexOf('## Since the last round'));

  it('shows "named senior sponsor: Yes" as a strength, so no pilot may ask to win a sponsor', () => {
    expect(page1).toMatch(/named senior sponsor[^\n]*: Yes/);
    expect(page1).not.toMatch(/win a (named senior )?sponsor/i);
    expect(report).not.toMatch(/win a (named senior )?sponsor/i);
    expect(findContradictions(loaded.questionnaire, result, shown(result))).toEqual([]);
  });

  it('opens with the sponsor pilot in its "sponsor exists" variant: turning support into resources', () => {
    expect(result.pilots[0]?.id).toBe('sponsor-first');
    expect(result.pilots[0]?.title).toBe('From support to resources');
    expect(page1).toContain('First pilot: From support to resources.');
    // their own note fills the placeholder in "why it fits"
    expect(result.pilots[0]?.why).toContain('(Approval only: no budget line and no staff time so far)');
  });

  it('gives the barrier point (leadership) a pilot that works on it', () => {
    expect(result.barrier?.dimension).toBe('leadership');
    expect(result.barrierPilot).toEqual({ dimension: 'leadership', pilot: 'sponsor-first' });
  });

  it('names the client’s own problems in the first steps and the dimension’s threshold in the reasons', () => {
    const workshop = result.pilots.find((p) => p.id === 'problem-first-workshop')!;
    expect(workshop.steps.join('\n')).toContain('“1. Tenants\' repair requests are passed between Repairs');
    expect(workshop.reasons).toContain('Objectives and strategy scored 49/100 (below 60); its threshold is 50');
  });
});

// ------------------------------------------------------------- generated answers

// The client's own words are quoted as given (never expanded again), so hostile braces stay verbatim.
// Generated notes avoid the forbidden phrases: a client quoting them is not the tool contradicting them.
const BRACES = ['{lead-sponsor|x}', '{champ-depts}'];
const note = fc.option(fc.constantFrom('As discussed.', `HR and IT ${BRACES[0]!}`, '  ', 'Nobody | knows *yet*'), { nil: undefined });

function answerArb(questionnaire: Questionnaire, q: Question): fc.Arbitrary<Answer | undefined> {
  const options = q.options ?? (q.scale ? questionnaire.scales[q.scale]?.options : undefined) ?? [];
  let value: fc.Arbitrary<Answer['status'] extends string ? unknown : never>;
  switch (q.type) {
    case 'yesno':
      value = fc.constantFrom('yes', 'no');
      break;
    case 'number':
      value = fc.integer({ min: q.min ?? 0, max: q.max ?? 40 });
      break;
    case 'text':
      value = fc.constantFrom('Paper forms nobody reads', `Nothing ${BRACES[1]!} here`, 'A very long answer '.repeat(20), 'x');
      break;
    case 'multiple': {
      const plain = options.filter((o) => !o.exclusive).map((o) => o.value);
      const exclusive = options.filter((o) => o.exclusive).map((o) => [o.value]);
      value = fc.oneof(fc.subarray(plain, { minLength: 1 }), ...(exclusive.length ? [fc.constantFrom(...exclusive)] : []));
      break;
    }
    default:
      value = fc.constantFrom(...options.map((o) => o.value));
  }
  const answered = fc.record({ value, note }).map(({ value: v, note: n }) => ({ status: 'answered', value: v, ...(n !== undefined ? { note: n } : {}) }) as Answer);
  return fc.oneof(
    { weight: 6, arbitrary: answered },
    { weight: 1, arbitrary: fc.constant<Answer>({ status: 'dont-know' }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function responseArb(questionnaire: Questionnaire): fc.Arbitrary<Response> {
  return fc
    .tuple(...questionnaire.questions.map((q) => answerArb(questionnaire, q)))
    .map((list) => {
      const answers: Record<string, Answer> = {};
      questionnaire.questions.forEach((q, i) => {
        answers[q.id] = list[i] ?? { status: 'unanswered' };
      });
      return { source: 'generated', answers };
    });
}

describe.each(BUILTINS.map((b) => [b.questionnaire.id, b] as const))('built-in questionnaire %s', (_id, loaded) => {
  const q = loaded.questionnaire;

  it('keeps a table of forbidden pairs with its pilot catalogue', () => {
    expect((q.contradictions ?? []).length).toBeGreaterThan(0);
  });

  it('recommends no pilot text that contradicts a shown answer, for one respondent or several', () => {
    fc.assert(
      fc.property(fc.array(responseArb(q), { minLength: 1, maxLength: 4 }), (responses) => {
        const result = run(q, loaded.hash, responses);
        expect(findContradictions(q, result, shown(result))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the barrier point a pilot that works on it, or a sentence saying none can start yet', () => {
    fc.assert(
      fc.property(responseArb(q), (response) => {
        const result = run(q, loaded.hash, [response]);
        if (!result.barrier) return;
        const bp = result.barrierPilot!;
        expect(bp.dimension).toBe(result.barrier.dimension);
        if (bp.pilot === null) {
          expect(bp.note).toContain(result.barrier.title);
          // no unblocked pilot that works on the barrier fits
          expect(result.pilots.some((p) => pilotAddresses(q.pilots.find((c) => c.id === p.id)!).includes(bp.dimension))).toBe(false);
        } else {
          expect(result.pilots.map((p) => p.id)).toContain(bp.pilot);
          expect(pilotAddresses(q.pilots.find((c) => c.id === bp.pilot)!)).toContain(bp.dimension);
        }
        // placeholders never leak into what the client reads
        for (const p of result.pilots) {
          const texts = [p.title, p.summary, p.why, ...p.steps, ...p.measures].join('\n');
          expect(BRACES.reduce((t, b) => t.replaceAll(b, ''), texts)).not.toMatch(/\{[a-z][a-z0-9-]*(\.note)?\|/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
