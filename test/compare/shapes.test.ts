// compareResults looks up what each result asks once per shape of results (the same dimension
// ids and the same question ids in the same dimensions, in order) rather than once per result.
// It gives exactly the trend it gave before (test/compare/reference-compare.ts): random
// mixes of results of one or several shapes, with dimensions and questions dropped, swapped or
// moved to another dimension,
// dates that tie, with and without sources.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/compare/compare.js';
import { decodeEntry, encodeEntry } from '../../src/load/result-summaries.js';
import type { ResultSummary } from '../../src/model/result-summary.js';
import { summarizeResult } from '../../src/model/result-summary.js';
import type { Result } from '../../src/model/result.js';
import { compareResults as reference } from './reference-compare.js';

const REPORTS = join(import.meta.dirname, '../fixtures/results-history/reports');
const FILES = [
  'example-org/2025-06-01-social-readiness.json',
  'example-org/2025-09-01-social-readiness.json',
  'example-org/2025-12-01-social-readiness.json',
  'example-org/2026-03-01-social-readiness.json',
  'example-org/2025-04-15-quick-check.json',
  'acme-b-partners-b/2025-09-15-social-readiness.json',
];
const bases = FILES.map((f) => summarizeResult(JSON.parse(readFileSync(join(REPORTS, f), 'utf8')) as Result));

/** A result from a fixture, maybe with a dimension or some questions left out or moved, and another date. */
const arbResult = fc
  .record({
    base: fc.constantFrom(0, 0, 1, 2, 3, 4, 5),
    date: fc.constantFrom('2025-01-01', '2025-06-01', '2025-06-01', '2026-01-01', undefined),
    dropDimension: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
    dropQuestions: fc.oneof(fc.constant([]), fc.array(fc.nat(), { maxLength: 3 })),
    swapQuestions: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined, freq: 2 }),
    moveQuestion: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined, freq: 2 }),
  })
  .map(({ base, date, dropDimension, dropQuestions, swapQuestions, moveQuestion }) => {
    const r = structuredClone(bases[base]!);
    if (date) r.date = date;
    if (dropDimension !== undefined && r.dimensions.length > 1) r.dimensions.splice(dropDimension % r.dimensions.length, 1);
    for (const n of dropQuestions) if (r.answers.length > 1) r.answers.splice(n % r.answers.length, 1);
    if (swapQuestions) {
      const [i, j] = swapQuestions.map((n) => n % r.answers.length) as [number, number];
      [r.answers[i], r.answers[j]] = [r.answers[j]!, r.answers[i]!];
    }
    // a question counted in another dimension than in the fixture
    if (moveQuestion) r.answers[moveQuestion[0] % r.answers.length]!.dimension = r.dimensions[moveQuestion[1] % r.dimensions.length]!.id;
    return r;
  });

/** Runs of copies of a few results, so that shapes repeat, next to and apart from each other. */
const arbResults = fc
  .array(fc.tuple(arbResult, fc.integer({ min: 1, max: 4 })), { minLength: 2, maxLength: 5 })
  .chain((runs) => fc.shuffledSubarray(runs.flatMap(([r, n]) => Array.from({ length: n }, () => structuredClone(r))), { minLength: 2 }))

describe('compareResults by shapes of results', () => {
  it('gives the trend the per-result lookups gave, byte for byte', () => {
    fc.assert(
      fc.property(arbResults, fc.boolean(), (results: ResultSummary[], named) => {
        const options = { allowMixed: true, ...(named ? { sources: results.map((_, i) => `r${i % 3}.json`) } : {}) };
        const want = reference(structuredClone(results), options);
        const got = compareResults(results, options);
        expect(JSON.stringify(got)).toBe(JSON.stringify(want));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same trend from summaries of the cache, whose answers are made when read, also after some were read or changed', () => {
    fc.assert(
      fc.property(arbResults, fc.array(fc.nat(), { maxLength: 3 }), (results: ResultSummary[], touched) => {
        const want = reference(structuredClone(results), { allowMixed: true });
        const decoded = results.map((r, i) => {
          const digest = i.toString(16).padStart(64, '0');
          return decodeEntry(encodeEntry(digest, r), digest)!;
        });
        // answers read (made) before the trend, one of them changed back to what it was
        for (const n of touched) {
          const r = decoded[n % decoded.length]!;
          const first = r.answers[0];
          if (first) r.answers[0] = { ...first };
        }
        expect(JSON.stringify(compareResults(decoded, { allowMixed: true }))).toBe(JSON.stringify(want));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what it refused before', () => {
    expect(() => compareResults([bases[0]!, bases[5]!])).toThrow(/different organizations/);
    expect(() => reference([bases[0]!, bases[5]!])).toThrow(/different organizations/);
  });
});
