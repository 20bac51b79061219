import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/compare/compare.js';
import { InputError } from '../../src/errors.js';
import { loadResult } from '../../src/load/result.js';
import type { Result } from '../../src/model/result.js';
import { Trend } from '../../src/model/trend.js';

const REPORTS = join(import.meta.dirname, '../fixtures/results-history/reports');
const QUARTERS = ['2025-06-01', '2025-09-01', '2025-12-01', '2026-03-01'].map((d) => `example-org/${d}-social-readiness.json`);
const QUICK = 'example-org/2025-04-15-quick-check.json';
const OTHER = 'acme-b-partners-b/2025-09-15-social-readiness.json';
const load = (f: string) => loadResult(join(REPORTS, f));

describe('compareResults', () => {
  it('orders results by date whatever the argument order', () => {
    const shuffled = [QUARTERS[2]!, QUARTERS[0]!, QUARTERS[3]!, QUARTERS[1]!];
    const a = compareResults(shuffled.map(load), { sources: shuffled });
    const b = compareResults(QUARTERS.map(load), { sources: QUARTERS });
    expect(a.points.map((p) => p.date)).toEqual(['2025-06-01', '2025-09-01', '2025-12-01', '2026-03-01']);
    expect(a).toEqual(b);
    expect(Trend.parse(a)).toEqual(a);
  });

  it('gives the overall change at each point and dimension deltas with arrows', () => {
    const t = compareResults(QUARTERS.map(load));
    expect(t.points.map((p) => [p.score, p.change, p.arrow])).toEqual([
      [28.6, null, null],
      [42.7, 14.1, '↑'],
      [55.2, 12.5, '↑'],
      [63.5, 8.3, '↑'],
    ]);
    const gov = t.dimensions.find((d) => d.id === 'governance')!;
    expect(gov.points.map((p) => p.arrow)).toEqual([null, '→', '↑', '↓']);
    expect(gov.change).toBe(0);
    expect(t.dimensions.find((d) => d.id === 'leadership')!.change).toBe(68.7);
  });

  it('writes a plain-language summary naming the biggest move and what stood still', () => {
    const t = compareResults(QUARTERS.map(load));
    expect(t.summary).toContain('Leadership support rose 68.7 points since 2025-06-01.');
    expect(t.summary).toContain('Culture of collaboration has not moved in the last three assessments (since 2025-09-01).');
    expect(t.summary).toContain('The barrier point is now Culture of collaboration (41.7, below 50); it was Leadership support.');
  });

  it('never says a dimension rose and has not moved over the same span (a change of 1 to 2 points, within the steady range)', () => {
    const a = load(QUARTERS[0]!);
    const b = load(QUARTERS[0]!);
    b.date = '2025-09-01';
    const culture = b.dimensions.find((d) => d.id === 'culture')!;
    culture.score = culture.score! + 1.9;
    const t = compareResults([a, b]);
    expect(t.summary).toContain('Culture of collaboration rose 1.9 points since 2025-06-01.');
    const still = t.summary.find((line) => line.includes('not moved'))!;
    expect(still).toMatch(/ have not moved since 2025-06-01\.$/);
    expect(still).not.toContain('Culture of collaboration');
    // over three points, the span shrinks to where it stood still: 1.9 since the first, 0 since the second
    const c = load(QUARTERS[0]!);
    c.date = '2025-12-01';
    c.dimensions.find((d) => d.id === 'culture')!.score = culture.score;
    const u = compareResults([a, b, c]);
    expect(u.summary).toContain('Culture of collaboration rose 1.9 points since 2025-06-01.');
    expect(u.summary.join('\n')).not.toMatch(/Culture of collaboration[^\n]* not moved in three assessments/);
  });

  it('rounds a fall as it rounds a rise (half away from zero): 56.25 to 50 is -6.3, and a fall of 0.95 gets its arrow', () => {
    const [a, b] = [load(QUARTERS[0]!), load(QUARTERS[0]!)];
    b.date = '2025-09-01';
    // schema 2 keeps full precision; the check of dimension scores against answers is the loader's, not compare's
    a.dimensions.find((d) => d.id === 'culture')!.score = 56.25;
    b.dimensions.find((d) => d.id === 'culture')!.score = 50;
    a.dimensions.find((d) => d.id === 'governance')!.score = 40.95;
    b.dimensions.find((d) => d.id === 'governance')!.score = 40;
    const down = compareResults([a, b]);
    const culture = down.dimensions.find((d) => d.id === 'culture')!;
    expect([culture.change, culture.points[1]!.change]).toEqual([-6.3, -6.3]);
    const governance = down.dimensions.find((d) => d.id === 'governance')!;
    expect([governance.change, governance.arrow]).toEqual([-1, '↓']);
    // the same moves upwards, for symmetry
    const up = compareResults([
      { ...b, date: '2025-06-01' },
      { ...a, date: '2025-09-01' },
    ]);
    expect(up.dimensions.find((d) => d.id === 'culture')!.change).toBe(6.3);
    expect(up.dimensions.find((d) => d.id === 'governance')!.arrow).toBe('↑');
  });

  it('gives a change as the difference of the two scores printed beside it: 43.75 to 62.5 (43.8 → 62.5) is +18.7', () => {
    const [a, b] = [load(QUARTERS[0]!), load(QUARTERS[0]!)];
    b.date = '2025-09-01';
    a.dimensions.find((d) => d.id === 'culture')!.score = 43.75;
    b.dimensions.find((d) => d.id === 'culture')!.score = 62.5;
    const culture = compareResults([a, b]).dimensions.find((d) => d.id === 'culture')!;
    expect([culture.change, culture.points[1]!.change]).toEqual([18.7, 18.7]);
    const back = compareResults([
      { ...b, date: '2025-06-01' },
      { ...a, date: '2025-09-01' },
    ]).dimensions.find((d) => d.id === 'culture')!;
    expect(back.change).toBe(-18.7);
  });

  it('prints the overall scores of its summary to one decimal, as its tables do (schema 2 stores full precision)', () => {
    const [a, b] = [load(QUARTERS[0]!), load(QUARTERS[1]!)];
    // results of schema 2 keep every score at full precision (same dimension scores: no score check here)
    for (const [r, score] of [[a, 28.6123456789], [b, 42.7345678912]] as const) r.overall.score = score;
    const t = compareResults([a, b]);
    expect(t.summary[0]).toBe('Overall readiness rose 14.1 points over two assessments, from 28.6 (Emerging) on 2025-06-01 to 42.7 (Emerging) on 2025-09-01.');
  });

  it('lists the questions that moved most, up and down', () => {
    const t = compareResults(QUARTERS.map(load));
    expect(t.questions.up.map((q) => q.questionId)).toEqual(['lead-sponsor', 'lead-visible', 'lead-budget']);
    expect(t.questions.down).toEqual([
      expect.objectContaining({ questionId: 'gov-voice', from: 50, to: 25, change: -25, arrow: '↓' }),
    ]);
    // obj-measure was "don't know" at the start: it cannot show a move, and the notes say so
    expect(t.notes.join(' ')).toContain('obj-measure');
  });

  it('names a shared question whose wording changed between versions, quoting each wording with its points; spacing alone is no change', () => {
    const [a, b, c] = [load(QUARTERS[0]!), load(QUARTERS[1]!), load(QUARTERS[3]!)];
    expect(compareResults([a, b, c]).notes.join(' ')).not.toContain('worded differently');
    c.questionnaire = { ...c.questionnaire, version: '2.0' };
    c.answers = c.answers.map((x) =>
      x.questionId === 'lead-sponsor' ? { ...x, text: 'Has a senior leader agreed to sponsor it?' } : x.questionId === 'lead-budget' ? { ...x, text: ` ${x.text.replace(/ /g, '\n  ')} ` } : x,
    );
    const notes = compareResults([c, a, b]).notes.filter((n) => n.includes('worded differently'));
    expect(notes).toEqual([
      'Question lead-sponsor is worded differently across the results, so its scores may not be comparable: "A named senior sponsor backs the change." in social-readiness 1.0 (2025-06-01, 2025-09-01); "Has a senior leader agreed to sponsor it?" in social-readiness 2.0 (2026-03-01).',
    ]);
    // a very long wording is quoted in part
    c.answers = c.answers.map((x) => (x.questionId === 'lead-sponsor' ? { ...x, text: 'x'.repeat(100_000) } : x));
    expect(compareResults([a, c]).notes.find((n) => n.includes('worded differently'))!.length).toBeLessThan(400);
  });

  it('says which pilots are new and which no longer appear', () => {
    const t = compareResults(QUARTERS.map(load));
    expect(t.pilots.added.map((p) => p.id)).toEqual(['anchor-team', 'silo-straddlers', 'guardrails-sprint']);
    expect(t.pilots.dropped.map((p) => p.id)).toEqual(['sponsor-first', 'problem-first', 'listening-sprint']);
    expect(t.points[1]!.pilots.map((p) => p.id)).toContain('leaders-open');
  });

  it('compares a quick-check with a full interview on shared ids only and lists what was left out', () => {
    const t = compareResults([load(QUARTERS[3]!), load(QUICK)]);
    expect(t.dimensions.map((d) => d.id)).toEqual(['leadership', 'culture', 'objectives']);
    expect(t.overallBasis).toBe('shared-dimensions');
    expect(t.leftOut.filter((l) => l.kind === 'dimension').map((l) => l.id)).toEqual(['champions', 'governance']);
    const patience = t.leftOut.find((l) => l.id === 'qc-lead-patience')!;
    expect(patience.reason).toBe('asked in quick-check 1.0 (2025-04-15) but not in social-readiness 1.0 (2026-03-01)');
    expect(t.leftOut.filter((l) => l.kind === 'question')).toHaveLength(10);
    expect(t.questions.compared).toBe(3);
    expect(t.notes.join('\n')).toContain('Leadership support was measured by different questions (2 in quick-check 1.0, 3 in social-readiness 1.0; 1 shared)');
    // overall recomputed over leadership, culture, objectives (weights 2, 2, 2): (87.5 + 41.7 + 75) / 3
    expect(t.points[1]!.comparable).toBe(68.1);
    expect(t.points[1]!.score).toBe(63.5);
  });

  it('refuses different organizations, naming them, unless allowed', () => {
    expect(() => compareResults([load(QUARTERS[0]!), load(OTHER)])).toThrow(InputError);
    expect(() => compareResults([load(QUARTERS[0]!), load(OTHER)])).toThrow(/different organizations \("Example Org", "Acme \| <b>Partners<\/b>"\).*--allow-mixed/);
    const t = compareResults([load(QUARTERS[0]!), load(OTHER)], { allowMixed: true });
    expect(t.mixed).toBe(true);
    expect(t.summary.join(' ')).toContain('different organizations');
  });

  it('refuses a single result', () => {
    expect(() => compareResults([load(QUARTERS[0]!)])).toThrow(/at least two results, but only one was given/);
  });

  it('labels two results of the same date apart', () => {
    const t = compareResults([load(QUARTERS[0]!), load(QUARTERS[0]!)]);
    expect(t.points.map((p) => p.label)).toEqual(['2025-06-01', '2025-06-01 (2)']);
  });
});

describe('comparing a result with itself', () => {
  const base = JSON.parse(readFileSync(join(REPORTS, QUARTERS[0]!), 'utf8')) as Result;
  const bases = [...QUARTERS, QUICK, OTHER].map((f) => JSON.parse(readFileSync(join(REPORTS, f), 'utf8')) as Result);

  // Random consistent results: random item scores (some unanswered), recomputed like the scorer.
  const arbResult = fc
    .tuple(
      fc.constantFrom(...bases),
      fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 12, maxLength: 12 }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 5 }),
    )
    .map(([template, items, dimWeights]) => {
      const r = structuredClone(template);
      r.answers.forEach((a, i) => {
        const v = items[i % items.length]!;
        if (v === null) Object.assign(a, { status: 'unanswered', score: null });
        else Object.assign(a, { status: 'answered', score: v / 4 });
      });
      r.dimensions.forEach((d, i) => {
        d.weight = dimWeights[i % dimWeights.length]!;
        const mine = r.answers.filter((a) => a.dimension === d.id && a.status === 'answered');
        const w = mine.reduce((s, a) => s + a.weight, 0);
        d.score = w > 0 ? Math.round((1000 * mine.reduce((s, a) => s + a.weight * a.score!, 0)) / w) / 10 : null;
      });
      const scored = r.dimensions.filter((d) => d.score !== null);
      const w = scored.reduce((s, d) => s + d.weight, 0);
      r.overall.score = w > 0 ? Math.round((10 * scored.reduce((s, d) => s + d.weight * d.score!, 0)) / w) / 10 : null;
      return r;
    });

  it('shows no change anywhere', () => {
    expect(base.organization).toBe('Example Org');
    fc.assert(
      fc.property(arbResult, (r) => {
        const t = compareResults([r, structuredClone(r)]);
        expect(t.points[1]!.change === null || t.points[1]!.change === 0).toBe(true);
        expect(t.points[1]!.arrow === null || t.points[1]!.arrow === '→').toBe(true);
        for (const d of t.dimensions) {
          expect(d.change === null || d.change === 0).toBe(true);
          expect(d.arrow === null || d.arrow === '→').toBe(true);
        }
        expect(t.questions.up).toEqual([]);
        expect(t.questions.down).toEqual([]);
        expect(t.pilots.added).toEqual([]);
        expect(t.pilots.dropped).toEqual([]);
        expect(t.leftOut).toEqual([]);
        expect(t.summary.join(' ')).not.toMatch(/ rose | fell /);
      }),
      { numRuns: 150 },
    );
  });
});
