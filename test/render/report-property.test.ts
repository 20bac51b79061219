// Property tests: whatever a valid Result holds (or whatever answers go
// through assess()), the report passes markdownlint, keeps its fixed list of
// sections and contains no HTML.
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import type { Answer, Response } from '../../src/model/answers.js';
import type { Question, Questionnaire } from '../../src/model/questionnaire.js';
import { Result } from '../../src/model/result.js';
import { REPORT_SECTIONS, renderReport } from '../../src/render/report.js';
import { plainPaint, renderSummary } from '../../src/render/summary.js';
import { displayWidth } from '../../src/render/text.js';
import { assess } from '../../src/score/assess.js';
import { lintMarkdown, markdownToHtml } from '../helpers/markdownlint.js';
import { HOSTILE } from './hostile.js';

// Few runs by default: markdownlint takes a noticeable time per report on a busy machine.
// PROPERTY_RUNS=500 npx vitest run test/render/report-property.test.ts searches harder.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 0) || undefined;
const TIMEOUT = 240_000;

const PIECES = ['|', '#', '`', '```', '<', '>', '&', '&amp;', '*', '_', '[', ']', '(', ')', '!', '\n', '\r\n', '-', '1.', '2)', '\\', '$', '~', ' ', '  ', '\t',
  'http://', 'https://x.y', 'www.', '@', 'a', 'Word', '=', '+', ':', '.', '"', "'", '\u001b[1m', '\u202e', '<script>', '</b>', '{', '}', '^', '%%', '🙂', '漢字'];

/** Text that mixes Markdown and HTML metacharacters, plus ordinary Unicode and a few known hostile strings. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
);
const nonEmpty = text.filter((s) => s.length > 0);
const score100 = fc.double({ min: 0, max: 100, noNaN: true }).map((n) => Math.round(n * 10) / 10);
const score1 = fc.double({ min: 0, max: 1, noNaN: true }).map((n) => Math.round(n * 1000) / 1000);

const levelsArb = fc.tuple(text, text, text, text, text, text).map(([a, b, c, d, e, f]) => [
  { id: 'low', label: a, min: 0, max: 40, description: b },
  { id: 'mid', label: c, min: 40, max: 70, description: d },
  { id: 'high', label: e, min: 70, max: 100, description: f },
]);

const resultArb = fc
  .record({
    levels: levelsArb,
    organization: text,
    title: text,
    version: text,
    hash: fc.oneof(fc.constant('sha256:abc123'), text),
    partial: fc.boolean(),
    multi: fc.boolean(),
    roles: fc.dictionary(text, fc.integer({ min: 1, max: 9 }), { maxKeys: 4 }),
    names: fc.option(fc.array(fc.record({ name: text, role: text }), { maxLength: 3 }), { nil: undefined }),
    dims: fc.array(
      fc.record({
        title: text,
        description: text,
        weight: fc.integer({ min: 1, max: 3 }),
        threshold: fc.integer({ min: 0, max: 100 }),
        score: fc.option(score100, { nil: null }),
        coverage: score1,
        levelIndex: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
        finding: fc.option(text, { nil: null }),
        spread: fc.boolean(),
        answers: fc.array(
          fc.record({
            text,
            type: fc.constantFrom('likert', 'single', 'multiple', 'yesno', 'number', 'text'),
            status: fc.constantFrom('answered', 'dont-know', 'not-applicable', 'unanswered', 'hidden'),
            value: fc.option(fc.oneof(nonEmpty, fc.integer(), fc.array(nonEmpty, { maxLength: 3 })), { nil: undefined }),
            label: fc.option(text, { nil: undefined }),
            note: fc.option(text, { nil: undefined }),
            score: fc.option(score1, { nil: null }),
            weight: fc.integer({ min: 1, max: 3 }),
            reverse: fc.boolean(),
            distribution: fc.option(fc.array(fc.record({ label: text, count: fc.nat(20) }), { maxLength: 4 }), { nil: undefined }),
            texts: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
            spread: fc.option(score1, { nil: undefined }),
          }),
          { maxLength: 4 },
        ),
      }),
      { maxLength: 5 },
    ),
    gates: fc.array(text, { maxLength: 2 }),
    pilots: fc.array(
      fc.record({ title: text, summary: text, why: text, steps: fc.array(text, { maxLength: 3 }), measures: fc.array(text, { maxLength: 3 }), duration: text, reasons: fc.array(text, { maxLength: 3 }) }),
      { maxLength: 3 },
    ),
    notYet: fc.array(fc.record({ title: text, blockers: fc.array(fc.record({ reason: text, fix: text }), { maxLength: 2 }) }), { maxLength: 2 }),
    strengths: fc.array(fc.record({ text, score: score1 }), { maxLength: 3 }),
    risks: fc.array(fc.record({ text, score: score1 }), { maxLength: 3 }),
    overall: fc.option(score100, { nil: null }),
    levelIndex: fc.integer({ min: 0, max: 2 }),
    uncappedIndex: fc.integer({ min: 0, max: 2 }),
    barrierIndex: fc.option(fc.nat(4), { nil: null }),
    divergent: fc.array(fc.record({ kind: fc.constantFrom('question' as const, 'dimension' as const), text, sd: score100 }), { maxLength: 3 }),
    gaps: fc.array(fc.record({ title: text, groups: fc.dictionary(text, score100, { maxKeys: 4 }) }), { maxLength: 3 }),
    hiddenGroups: fc.nat(3),
    unmatchedCells: fc.nat(5),
  })
  .map((g): unknown => {
    const ref = (i: number) => ({ id: g.levels[i]!.id, label: g.levels[i]!.label, description: g.levels[i]!.description });
    // With no organization the report's title is the questionnaire's; a dimension of the same
    // title would repeat it as a heading (markdownlint MD024), which no questionnaire does
    const sameAsTitle = (t: string) => g.organization === '' && t.trim().toLowerCase() === (g.title.trim() || 'readiness').toLowerCase();
    const dimensions = g.dims.map((d, i) => ({
      id: `d${i}`,
      title: sameAsTitle(d.title) ? `${d.title} (dimension)` : d.title,
      description: d.description,
      weight: d.weight,
      threshold: d.threshold,
      score: d.score,
      coverage: d.coverage,
      reliable: d.coverage >= 0.6,
      level: d.levelIndex === null ? null : ref(d.levelIndex),
      finding: d.finding,
      ...(g.multi && d.spread ? { spread: { sd: 12.3, min: 10, max: 90, respondents: 7 } } : {}),
    }));
    const answers = g.dims.flatMap((d, i) =>
      d.answers.map((a, j) => ({
        questionId: `q${i}-${j}`,
        dimension: `d${i}`,
        ...a,
        ...(g.multi ? { respondents: 5 } : { distribution: undefined, texts: undefined, spread: undefined }),
      })),
    );
    const barrierDim = g.barrierIndex === null ? undefined : dimensions[g.barrierIndex];
    return {
      schemaVersion: 2,
      tool: { name: 'social-readiness', version: '0.1.0' },
      questionnaire: { id: 'random', title: g.title, version: g.version, hash: g.hash },
      organization: g.organization,
      date: '2026-11-29',
      partial: g.partial,
      respondents: { count: g.multi ? 12 : 1, byRole: g.roles, ...(g.names ? { list: g.names } : {}) },
      levels: g.levels,
      overall: {
        score: g.overall,
        level: g.overall === null ? null : ref(g.levelIndex),
        uncappedLevel: g.overall === null ? null : ref(g.uncappedIndex),
        gates: g.gates.map((reason, i) => ({ id: `g${i}`, cap: 'low', reason })),
      },
      dimensions,
      barrier: barrierDim ? { dimension: barrierDim.id, title: barrierDim.title, score: barrierDim.score ?? 0, threshold: barrierDim.threshold } : null,
      strengths: g.strengths.map((s, i) => ({ questionId: `s${i}`, ...s })),
      risks: g.risks.map((s, i) => ({ questionId: `r${i}`, ...s })),
      answers,
      pilots: g.pilots.map((p, i) => ({ id: `p${i}`, ...p })),
      notYet: g.notYet.map((p, i) => ({ id: `n${i}`, ...p })),
      ...(g.multi
        ? {
            aggregate: {
              divergent: g.divergent.map((d, i) => ({ ...d, id: `x${i}` })),
              perceptionGaps: g.gaps.map((gap, i) => ({ dimension: `d${i}`, ...gap })),
              hiddenGroups: g.hiddenGroups,
              unmatchedCells: g.unmatchedCells,
              minGroup: 3,
            },
          }
        : {}),
    };
  });

function h2(md: string): string[] {
  return md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
}

function checkReport(md: string): void {
  expect(lintMarkdown(md)).toEqual([]);
  expect(h2(md)).toEqual([...REPORT_SECTIONS]);
  expect(md.split('\n').filter((l) => l.startsWith('# '))).toHaveLength(1);
  expect(md).not.toMatch(/(?<!\\)<[a-zA-Z/!?]/);
  const html = markdownToHtml(md);
  // Only the Mermaid code block carries an attribute: no links, images or injected tags.
  for (const tag of html.match(/<[a-z][a-z0-9]*\s[^>]*>/g) ?? []) expect(tag).toBe('<code class="language-mermaid">');
  expect(html).not.toMatch(/<(a|img|script|div|span|h[456]|blockquote|hr|del|input)\b/);
}

describe('renderReport on random valid results', () => {
  it('always passes markdownlint, keeps the section list and contains no HTML', () => {
    fc.assert(
      fc.property(resultArb, (raw) => {
        const result = Result.parse(raw);
        checkReport(renderReport(result));
      }),
      { numRuns: RUNS ?? 30 },
    );
  }, TIMEOUT);

  it('always renders a terminal summary that fits 40 to 120 columns and has no control characters', () => {
    fc.assert(
      fc.property(resultArb, fc.integer({ min: 40, max: 120 }), (raw, width) => {
        const summary = renderSummary(Result.parse(raw), { report: 'r.md' }, plainPaint, width);
        for (const line of summary.split('\n').filter((l) => !l.startsWith('Report:'))) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        // eslint-disable-next-line no-control-regex
        expect(summary).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
      }),
      { numRuns: RUNS ?? 200 },
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------
// Through assess(): random answers to the built-in questionnaires.

const BUILT_INS = ['quick-check', 'social-readiness'].map((id) =>
  loadQuestionnaire(fileURLToPath(new URL(`../../questionnaires/${id}.yaml`, import.meta.url))),
);

function optionsOf(q: Questionnaire, question: Question) {
  return question.options ?? (question.scale ? q.scales[question.scale]?.options : undefined) ?? [];
}

/** One answer to `question` chosen by the random numbers `pick`, with free text `words`. */
function answerFor(q: Questionnaire, question: Question, pick: number, pick2: number, words: string, note: string | undefined): Answer {
  const special: Answer[] = [{ status: 'unanswered' }];
  if (question.allowDontKnow) special.push({ status: 'dont-know' });
  if (question.allowNotApplicable) special.push({ status: 'not-applicable' });
  const withNote = (a: Answer): Answer => (note === undefined ? a : { ...a, note });
  if (pick % 5 === 0) return withNote(special[pick2 % special.length]!);
  const options = optionsOf(q, question);
  switch (question.type) {
    case 'yesno':
      return withNote({ status: 'answered', value: pick2 % 2 ? 'yes' : 'no' });
    case 'number': {
      const min = question.min ?? 0;
      const max = question.max ?? 500;
      return withNote({ status: 'answered', value: min + (pick2 % (Math.floor(max - min) + 1)) });
    }
    case 'text':
      return withNote({ status: 'answered', value: words === '' ? 'x' : words });
    case 'multiple': {
      const exclusive = options.filter((o) => o.exclusive);
      const normal = options.filter((o) => !o.exclusive);
      if (exclusive.length > 0 && pick2 % 4 === 0) return withNote({ status: 'answered', value: [exclusive[0]!.value] });
      const chosen = normal.filter((_, i) => ((pick2 >> i) & 1) === 1);
      return withNote({ status: 'answered', value: (chosen.length ? chosen : normal.slice(0, 1)).map((o) => o.value) });
    }
    default:
      return withNote({ status: 'answered', value: options[pick2 % options.length]!.value });
  }
}

const respondentArb = fc.record({
  picks: fc.array(fc.tuple(fc.nat(), fc.nat(), text, fc.option(text, { nil: undefined })), { minLength: 80, maxLength: 80 }),
  role: fc.option(fc.constantFrom('Leadership', 'Staff', 'Middle management', '<b>Ops</b> | #1'), { nil: undefined }),
  name: fc.option(text, { nil: undefined }),
});

describe('renderReport on results from assess() with random answers', () => {
  for (const loaded of BUILT_INS) {
    it(`${loaded.questionnaire.id}: every report passes markdownlint and keeps its sections`, () => {
      const q = loaded.questionnaire;
      fc.assert(
        fc.property(fc.array(respondentArb, { minLength: 1, maxLength: 5 }), text, fc.boolean(), (people, organization, showRespondents) => {
          const responses: Response[] = people.map((p, r) => ({
            source: `respondent ${r + 1}`,
            ...(p.role !== undefined ? { role: p.role } : {}),
            ...(p.name !== undefined ? { respondent: p.name } : {}),
            answers: Object.fromEntries(
              q.questions.map((question, i) => {
                const [pick, pick2, words, note] = p.picks[i % p.picks.length]!;
                return [question.id, answerFor(q, question, pick, pick2, words, note)];
              }),
            ),
          }));
          const result = assess({
            questionnaire: q,
            hash: loaded.hash,
            responses,
            organization,
            date: '2026-11-29',
            toolVersion: '0.1.0',
            partial: true,
            minGroup: 2,
            showRespondents,
          });
          expect(Result.safeParse(result).success).toBe(true);
          checkReport(renderReport(result));
        }),
        { numRuns: RUNS ?? 12 },
      );
    }, TIMEOUT);
  }

  it('quick-check answered best everywhere reaches the top level, and the report says so', () => {
    const loaded = BUILT_INS[0]!;
    const q = loaded.questionnaire;
    const answers: Record<string, Answer> = {};
    for (const question of q.questions) {
      const options = optionsOf(q, question);
      const best = (o: { score?: number }) => (question.reverse ? 1 - (o.score ?? 0) : (o.score ?? 0));
      if (question.type === 'yesno') answers[question.id] = { status: 'answered', value: question.reverse ? 'no' : 'yes' };
      else if (question.type === 'number') answers[question.id] = { status: 'answered', value: question.scoring ? question.scoring.best : (question.min ?? 1) };
      else if (question.type === 'text') answers[question.id] = { status: 'answered', value: 'Everything is in place.' };
      else if (question.type === 'multiple') answers[question.id] = { status: 'answered', value: options.filter((o) => !o.exclusive).map((o) => o.value) };
      else answers[question.id] = { status: 'answered', value: [...options].sort((a, b) => best(b) - best(a))[0]!.value };
    }
    const result = assess({ questionnaire: q, hash: loaded.hash, responses: [{ source: 'best', answers }], organization: 'Example Org', date: '2026-11-29', toolVersion: '0.1.0' });
    const top = [...q.levels].sort((a, b) => b.min - a.min)[0]!;
    const md = renderReport(result);
    checkReport(md);
    expect(result.overall.score).toBe(100);
    expect(md).toContain(`**Readiness level: ${top.label}**`);
    expect(md).toContain('overall score **100/100**');
    expect(md).toContain('No dimension is below its threshold');
  }, TIMEOUT);
});
