// Content checks on the two built-in questionnaires and the documented example.
// Shape is checked by the zod schema; these tests check what a consultant would
// notice: sizes, complete findings, the pilot catalogue, comparable quick-check
// questions, and pilot conditions that give sensible advice for typical organizations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerValue } from '../../src/model/answers.js';
import { lintMarkdown } from '../helpers/markdownlint.js';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import type { Condition, Option, Question, Questionnaire } from '../../src/model/questionnaire.js';
import { evaluateCondition, referencedDimensions, referencedQuestions, type ConditionContext } from '../../src/score/conditions.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const paths = {
  full: `${root}questionnaires/social-readiness.yaml`,
  quick: `${root}questionnaires/quick-check.yaml`,
  example: `${root}test/fixtures/questionnaires/valid/doc-example.yaml`,
  doc: `${root}docs/questionnaire-format.md`,
};

// The real loader: shape, cross references and positions; throws listing every problem.
function read(file: string): Questionnaire {
  return loadQuestionnaire(file).questionnaire;
}

const full = read(paths.full);
const quick = read(paths.quick);
const example = read(paths.example);

const PATTERNS = [
  'anchor-team',
  'silo-straddler-network',
  'community-of-practice',
  'leaders-in-the-open',
  'listening-sprint',
  'problem-first-workshop',
  'test-and-learn-sprint',
  'learning-by-doing',
  'guardrails-sprint',
  'one-new-thing',
  'sponsor-first',
];

// ---------------------------------------------------------------- helpers

function optionsOf(q: Questionnaire, question: Question): Option[] {
  if (question.options) return question.options;
  if (question.scale) return q.scales[question.scale]?.options ?? [];
  return [];
}

/** Every condition in the questionnaire, with where it sits (for messages). */
function conditionsOf(q: Questionnaire): { where: string; cond: Condition }[] {
  const out: { where: string; cond: Condition }[] = [];
  for (const question of q.questions) if (question.when) out.push({ where: `question ${question.id}`, cond: question.when });
  for (const gate of q.gates) out.push({ where: `gate ${gate.id}`, cond: gate.when });
  for (const pilot of q.pilots) {
    out.push({ where: `pilot ${pilot.id} fits`, cond: pilot.fits });
    pilot.notYet.forEach((b, i) => out.push({ where: `pilot ${pilot.id} notYet[${i}]`, cond: b.when }));
  }
  return out;
}

/** Leaf question tests inside a condition. */
function questionLeaves(cond: Condition): Extract<Condition, { question: string }>[] {
  if ('all' in cond) return cond.all.flatMap(questionLeaves);
  if ('any' in cond) return cond.any.flatMap(questionLeaves);
  if ('not' in cond) return questionLeaves(cond.not);
  if ('question' in cond) return [cond];
  return [];
}

/** The cross-reference checks the loader also makes, so the content is known good before it lands. */
function crossReferenceProblems(q: Questionnaire): string[] {
  const problems: string[] = [];
  const dims = new Set(q.dimensions.map((d) => d.id));
  const levels = new Set(q.levels.map((l) => l.id));
  const position = new Map(q.questions.map((x, i) => [x.id, i]));
  if (position.size !== q.questions.length) problems.push('duplicate question ids');
  if (new Set(q.pilots.map((p) => p.id)).size !== q.pilots.length) problems.push('duplicate pilot ids');
  for (const [i, question] of q.questions.entries()) {
    if (!dims.has(question.dimension)) problems.push(`${question.id}: unknown dimension ${question.dimension}`);
    if (question.scale && !q.scales[question.scale]) problems.push(`${question.id}: unknown scale ${question.scale}`);
    for (const ref of question.when ? referencedQuestions(question.when) : []) {
      if (!((position.get(ref) ?? Infinity) < i)) problems.push(`${question.id}: condition refers to ${ref}, not an earlier question`);
    }
  }
  for (const d of q.dimensions) {
    if (!q.questions.some((x) => x.dimension === d.id)) problems.push(`dimension ${d.id} has no question`);
    for (const key of Object.keys(d.findings)) if (!levels.has(key)) problems.push(`dimension ${d.id}: findings for unknown level ${key}`);
  }
  for (const gate of q.gates) if (!levels.has(gate.cap)) problems.push(`gate ${gate.id}: unknown level ${gate.cap}`);
  for (const { where, cond } of conditionsOf(q)) {
    for (const ref of referencedDimensions(cond)) if (!dims.has(ref)) problems.push(`${where}: unknown dimension ${ref}`);
    for (const leaf of questionLeaves(cond)) {
      const question = q.questions.find((x) => x.id === leaf.question);
      if (!question) {
        problems.push(`${where}: unknown question ${leaf.question}`);
        continue;
      }
      // Values named in a condition must be real answers, or the condition silently never holds.
      const values = [leaf.equals, leaf.includes, ...(leaf.in ?? [])].filter((v) => v !== undefined);
      const allowed =
        question.type === 'yesno' ? ['yes', 'no'] : optionsOf(q, question).map((o) => String(o.value).toLowerCase());
      for (const v of values) {
        if (!allowed.includes(String(v).toLowerCase())) problems.push(`${where}: ${leaf.question} has no answer "${v}"`);
      }
      const numeric = leaf.lt !== undefined || leaf.lte !== undefined || leaf.gt !== undefined || leaf.gte !== undefined;
      if (numeric && question.type !== 'number') problems.push(`${where}: numeric test on ${leaf.question}, a ${question.type} question`);
      if (leaf.countAtLeast !== undefined && question.type !== 'multiple') problems.push(`${where}: countAtLeast on ${leaf.question}`);
    }
  }
  const bands = [...q.levels].sort((a, b) => a.min - b.min);
  if (bands[0]?.min !== 0 || bands.at(-1)?.max !== 100) problems.push('levels do not cover 0..100');
  bands.slice(1).forEach((b, i) => {
    if (b.min !== bands[i]!.max) problems.push(`level ${b.id} does not start where ${bands[i]!.id} ends`);
  });
  return problems;
}

// A small reference scorer following docs/questionnaire-format.md, independent of
// src/score, so that the content can be checked on its own terms.

type Profile = 'best' | 'worst' | 'middle';

function itemScore(q: Questionnaire, question: Question, value: Answer & { status: 'answered' }): number | null {
  let s: number | null = null;
  const v = value.value;
  if (question.type === 'yesno') s = String(v) === 'yes' ? 1 : 0;
  else if (question.type === 'number') {
    if (!question.scoring) return null;
    const { worst, best } = question.scoring;
    s = Math.min(1, Math.max(0, (Number(v) - worst) / (best - worst)));
  } else if (question.type === 'text') return null;
  else {
    const chosen = (Array.isArray(v) ? v : [v]).map((x) => optionsOf(q, question).find((o) => String(o.value) === String(x))!);
    s = question.type === 'multiple' ? Math.min(1, chosen.reduce((sum, o) => sum + (o.score ?? 0), 0)) : chosen[0]!.score ?? 0;
  }
  return question.reverse ? 1 - s : s;
}

function pick(q: Questionnaire, question: Question, profile: Profile): Answer & { status: 'answered' } {
  const answered = (value: AnswerValue) => ({ status: 'answered', value }) as const;
  switch (question.type) {
    case 'yesno':
      return answered(profile === 'worst' ? 'no' : 'yes');
    case 'text':
      return answered('Slow answers to customers; knowledge lost when people leave');
    case 'number': {
      const { worst, best } = question.scoring ?? { worst: question.min ?? 0, best: question.max ?? 1 };
      return answered(profile === 'best' ? best : profile === 'worst' ? worst : (worst + best) / 2);
    }
    case 'multiple': {
      const options = optionsOf(q, question);
      const normal = options.filter((o) => !o.exclusive).map((o) => o.value);
      const none = options.find((o) => o.exclusive);
      if (profile === 'best') return answered(normal);
      if (profile === 'worst') return answered(none ? [none.value] : []);
      return answered(normal.slice(0, 2));
    }
    default: {
      // Rank options by their score after reverse-coding; middle = closest to 0.5, ties to the lower.
      const ranked = optionsOf(q, question)
        .map((o) => ({ o, s: question.reverse ? 1 - (o.score ?? 0) : (o.score ?? 0) }))
        .sort((a, b) => a.s - b.s);
      if (profile === 'best') return answered(ranked.at(-1)!.o.value);
      if (profile === 'worst') return answered(ranked[0]!.o.value);
      const middle = [...ranked].sort((a, b) => Math.abs(a.s - 0.5) - Math.abs(b.s - 0.5) || a.s - b.s)[0]!;
      return answered(middle.o.value);
    }
  }
}

interface Scored extends ConditionContext {
  level: string;
  gates: string[];
  fitting: string[];
  blocked: string[];
}

function score(q: Questionnaire, profile: Profile): Scored {
  const answers: Record<string, Answer> = {};
  const sums: Record<string, { ws: number; w: number }> = {};
  for (const question of q.questions) {
    if (question.when && !evaluateCondition(question.when, { dimensions: {}, overall: null, answers })) continue;
    const answer = pick(q, question, profile);
    answers[question.id] = answer;
    const s = itemScore(q, question, answer);
    if (s === null) continue;
    const sum = (sums[question.dimension] ??= { ws: 0, w: 0 });
    sum.ws += question.weight * s;
    sum.w += question.weight;
  }
  const dimensions: Record<string, number | null> = {};
  let ws = 0;
  let w = 0;
  for (const d of q.dimensions) {
    const sum = sums[d.id];
    const value = sum && sum.w > 0 ? (100 * sum.ws) / sum.w : null;
    dimensions[d.id] = value;
    if (value !== null) {
      ws += d.weight * value;
      w += d.weight;
    }
  }
  const overall = w > 0 ? ws / w : null;
  const ctx: ConditionContext = { dimensions, overall, answers };
  const bands = [...q.levels].sort((a, b) => a.min - b.min);
  const index = (id: string) => bands.findIndex((l) => l.id === id);
  let level = [...bands].reverse().find((l) => (overall ?? 0) >= l.min)!.id;
  const gates = q.gates.filter((g) => evaluateCondition(g.when, ctx)).map((g) => g.id);
  for (const g of q.gates) if (gates.includes(g.id) && index(g.cap) < index(level)) level = g.cap;
  const byPriority = [...q.pilots].sort((a, b) => b.priority - a.priority);
  const fits = byPriority.filter((p) => evaluateCondition(p.fits, ctx));
  const isBlocked = (p: (typeof fits)[number]) => p.notYet.some((b) => evaluateCondition(b.when, ctx));
  return {
    ...ctx,
    level,
    gates,
    fitting: fits.filter((p) => !isBlocked(p)).map((p) => p.id),
    blocked: fits.filter(isBlocked).map((p) => p.id),
  };
}

// ---------------------------------------------------------------- tests

describe.each([
  ['social-readiness', () => full, paths.full],
  ['quick-check', () => quick, paths.quick],
  ['doc example', () => example, paths.example],
])('%s', (id, get) => {
  it('has no broken cross references', () => {
    expect(crossReferenceProblems(get())).toEqual([]);
  });

  it('has a finding for every level in every dimension', () => {
    const q = get();
    for (const d of q.dimensions) expect(Object.keys(d.findings).sort(), `dimension ${d.id}`).toEqual(q.levels.map((l) => l.id).sort());
  });

  it('reaches the top level with the best answers and passes no gate', () => {
    const q = get();
    const best = score(q, 'best');
    expect(best.overall).toBeCloseTo(100, 6);
    expect(best.gates).toEqual([]);
    expect(best.level).toBe([...q.levels].sort((a, b) => a.min - b.min).at(-1)!.id);
  });

  it('scores 0 with the worst answers', () => {
    expect(score(get(), 'worst').overall).toBeCloseTo(0, 6);
  });

  // the doc example keeps its questions short on purpose; the built-ins explain every one
  if (id !== 'doc example') {
    it('has a help text on every question', () => {
      for (const question of get().questions) expect(question.help, question.id).toMatch(/\w{3,}.*\./);
    });
  }
});

describe('social-readiness (full interview)', () => {
  it('asks 30 to 45 questions over the seven readiness factors in 25 to 40 minutes', () => {
    expect(full.questions.length).toBeGreaterThanOrEqual(30);
    expect(full.questions.length).toBeLessThanOrEqual(45);
    expect(full.minutes).toBeGreaterThanOrEqual(25);
    expect(full.minutes).toBeLessThanOrEqual(40);
    expect(full.dimensions.map((d) => d.id)).toEqual([
      'leadership',
      'culture',
      'objectives',
      'champions',
      'engagement',
      'capacity',
      'governance',
    ]);
    for (const d of full.dimensions) expect(full.questions.filter((x) => x.dimension === d.id).length, d.id).toBeGreaterThanOrEqual(4);
  });

  it('weighs the core three factors more than the others', () => {
    const weight = (id: string) => full.dimensions.find((d) => d.id === id)!.weight;
    for (const core of ['leadership', 'culture', 'objectives']) {
      for (const other of ['champions', 'engagement', 'capacity', 'governance']) expect(weight(core)).toBeGreaterThan(weight(other));
    }
  });

  it('uses every answer type, reverse items, don\'t know, n/a and a conditional question', () => {
    const types = new Set(full.questions.map((x) => x.type));
    expect([...types].sort()).toEqual(['likert', 'multiple', 'number', 'single', 'text', 'yesno']);
    expect(full.questions.filter((x) => x.reverse).length).toBeGreaterThanOrEqual(4);
    expect(full.questions.some((x) => x.allowDontKnow)).toBe(true);
    expect(full.questions.some((x) => x.allowNotApplicable)).toBe(true);
    expect(full.questions.find((x) => x.id === 'lead-sponsor-active')?.when).toEqual({ question: 'lead-sponsor', equals: 'yes' });
    expect(full.questions.filter((x) => x.type === 'number').every((x) => x.min !== undefined && x.max !== undefined && x.scoring)).toBe(true);
  });

  it('caps an organization without a named sponsor at emerging', () => {
    const gate = full.gates.find((g) => g.id === 'leadership-gate')!;
    expect(gate.cap).toBe('emerging');
    const base = score(full, 'best');
    const noSponsor = { ...base, answers: { ...base.answers, 'lead-sponsor': { status: 'answered' as const, value: 'no' } } };
    expect(evaluateCondition(gate.when, noSponsor)).toBe(true);
    expect(evaluateCondition(gate.when, { ...base, dimensions: { ...base.dimensions, leadership: 39 } })).toBe(true);
    expect(evaluateCondition(gate.when, base)).toBe(false);
  });

  it('has at least 10 pilots covering every pattern, each practical and conditional', () => {
    expect(full.pilots.length).toBeGreaterThanOrEqual(10);
    expect(full.pilots.map((p) => p.id)).toEqual(expect.arrayContaining(PATTERNS));
    for (const p of full.pilots) {
      expect(p.steps.length, `${p.id} steps`).toBeGreaterThanOrEqual(3);
      expect(p.steps.length, `${p.id} steps`).toBeLessThanOrEqual(5);
      expect(p.measures.length, `${p.id} measures`).toBeGreaterThanOrEqual(2);
      expect(p.measures.length, `${p.id} measures`).toBeLessThanOrEqual(4);
    }
    const top = Math.max(...full.pilots.map((p) => p.priority));
    expect(full.pilots.find((p) => p.id === 'sponsor-first')!.priority).toBe(top);
    expect(full.pilots.filter((p) => p.priority === top)).toHaveLength(1);
  });

  it('does not start a community of practice without a facilitator', () => {
    const best = score(full, 'best');
    const cop = full.pilots.find((p) => p.id === 'community-of-practice')!;
    const noFacilitator = { ...best, answers: { ...best.answers, 'champ-facilitator': { status: 'answered' as const, value: 'no' } } };
    expect(cop.notYet.some((b) => evaluateCondition(b.when, noFacilitator))).toBe(true);
    expect(cop.notYet.some((b) => evaluateCondition(b.when, best))).toBe(false);
  });

  it('recommends the silo-straddler network only where connectors can be named in two or more areas', () => {
    const middle = score(full, 'middle');
    const silo = full.pilots.find((p) => p.id === 'silo-straddler-network')!;
    const withDepts = (value: string[]) => ({ ...middle, answers: { ...middle.answers, 'champ-depts': { status: 'answered' as const, value } } });
    expect(evaluateCondition(silo.fits, withDepts(['it', 'marketing', 'hr']))).toBe(true);
    expect(evaluateCondition(silo.fits, withDepts(['none']))).toBe(false);
    expect(evaluateCondition(silo.fits, withDepts(['it']))).toBe(false);
  });
});

describe('quick-check (self-assessment)', () => {
  it('asks 10 to 14 questions on leadership, culture and objectives in about five minutes', () => {
    expect(quick.questions.length).toBeGreaterThanOrEqual(10);
    expect(quick.questions.length).toBeLessThanOrEqual(14);
    expect(quick.minutes).toBeLessThanOrEqual(7);
    expect(quick.dimensions.map((d) => d.id)).toEqual(['leadership', 'culture', 'objectives']);
    expect(quick.gates.map((g) => g.id)).toContain('leadership-gate');
    expect(quick.pilots.length).toBeGreaterThanOrEqual(5);
    expect(quick.pilots.length).toBeLessThanOrEqual(7);
  });

  it('asks shared questions exactly as the full interview does, so results can be compared', () => {
    const shared = quick.questions.filter((x) => full.questions.some((y) => y.id === x.id));
    expect(shared.length).toBe(quick.questions.length);
    for (const x of shared) {
      const y = full.questions.find((z) => z.id === x.id)!;
      expect({ text: x.text, type: x.type, dimension: x.dimension, reverse: x.reverse }, x.id).toEqual({
        text: y.text,
        type: y.type,
        dimension: y.dimension,
        reverse: y.reverse,
      });
      expect(optionsOf(quick, x), x.id).toEqual(optionsOf(full, y));
      expect(x.scoring, x.id).toEqual(y.scoring);
    }
  });

  it('uses the same levels, dimensions and pilot titles as the full interview', () => {
    expect(quick.levels).toEqual(full.levels);
    for (const d of quick.dimensions) expect(d, d.id).toEqual(full.dimensions.find((e) => e.id === d.id));
    for (const p of quick.pilots) {
      const same = full.pilots.find((e) => e.id === p.id);
      expect(same, `${p.id} is also in the full catalogue`).toBeDefined();
      expect(p.title).toBe(same!.title);
      expect(p.priority).toBe(same!.priority);
    }
  });
});

describe.each([
  ['social-readiness', () => full],
  ['quick-check', () => quick],
])('recommended pilots from %s', (_id, get) => {
  it('puts sponsor-first first when everything is at its worst', () => {
    const worst = score(get(), 'worst');
    expect(worst.gates).toContain('leadership-gate');
    expect(worst.fitting[0]).toBe('sponsor-first');
    expect(worst.blocked.length).toBeGreaterThan(0);
  });

  it('offers at least three unblocked pilots to a middling organization, without sponsor-first', () => {
    const middle = score(get(), 'middle');
    expect(middle.fitting.length).toBeGreaterThanOrEqual(3);
    expect(middle.fitting).not.toContain('sponsor-first');
    expect(middle.level).toBe('developing');
  });

  it('still offers scale-up pilots to an organization with the best answers', () => {
    const best = score(get(), 'best');
    expect(best.fitting).toContain('scale-out');
    expect(best.fitting).toContain('anchor-team');
    expect(best.fitting).not.toContain('sponsor-first');
  });
});

describe('docs/questionnaire-format.md', () => {
  const doc = readFileSync(paths.doc, 'utf8');

  it('shows the validated example file unchanged', () => {
    expect(doc).toContain('```yaml\n' + readFileSync(paths.example, 'utf8') + '```');
  });

  it('documents every field of the format', () => {
    const fields = [
      'id', 'title', 'version', 'description', 'minutes', 'scales', 'dimensions', 'questions', 'levels', 'gates', 'pilots',
      'options', 'value', 'label', 'score', 'exclusive', 'why', 'weight', 'order', 'threshold', 'findings',
      'dimension', 'text', 'help', 'type', 'scale', 'min', 'max', 'unit', 'scoring', 'reverse', 'required',
      'allowDontKnow', 'allowNotApplicable', 'when', 'cap', 'reason', 'summary', 'steps', 'measures', 'duration',
      'fits', 'notYet', 'priority', 'all', 'any', 'not', 'overall', 'question', 'equals', 'in', 'includes',
      'countAtLeast', 'answered', 'lt', 'lte', 'gt', 'gte', 'minCoverage', 'lowCoverage', 'barrierPoint', 'aggregate', 'display', 'inOverall', 'method', 'high', 'low', 'kind', 'decimals', 'report', 'expectations', 'timeline', 'timelineNote', 'noPilotStart', 'what',
    ];
    for (const field of fields) expect(doc, field).toContain(`\`${field}\``);
  });

  it('passes markdownlint with the committed config', () => {
    expect(lintMarkdown(doc)).toEqual([]);
  });
});
