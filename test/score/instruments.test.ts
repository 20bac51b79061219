// Four published instruments written in the questionnaire format
// (test/fixtures/instruments, each citing its source), scored exactly as their
// authors' rules say. Every expected number below is computed by hand from those
// rules, not from src/score.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import type { Questionnaire } from '../../src/model/questionnaire.js';
import type { Result } from '../../src/model/result.js';
import { renderReport, reportSections } from '../../src/render/report.js';
import { plainPaint, renderSummary } from '../../src/render/summary.js';
import { assess } from '../../src/score/assess.js';
import { compareResults } from '../../src/compare/compare.js';
import { renderTrend } from '../../src/render/trend.js';
import { response } from './helpers.js';

const load = (name: string): Questionnaire =>
  loadQuestionnaire(fileURLToPath(new URL(`../fixtures/instruments/${name}.yaml`, import.meta.url))).questionnaire;

function run(questionnaire: Questionnaire, people: Record<string, number>[]): Result {
  return assess({ questionnaire, hash: 'h', responses: people.map((p) => response(p)), organization: '', date: '2026-12-01', toolVersion: 't' });
}

const dim = (r: Result, id: string) => r.dimensions.find((d) => d.id === id)!;

describe('change-readiness check (ADKAR: barrier = first element rated 3 or lower)', () => {
  const q = load('change-readiness');
  const rate = (a: number, d: number, k: number, ab: number, rf: number) =>
    run(q, [{ 'awareness-1': a, 'desire-1': d, 'knowledge-1': k, 'ability-1': ab, 'reinforcement-1': rf }]);

  it('4, 2, 3, 5, 1: the barrier is desire (the first at 3 or lower), not reinforcement (the lowest)', () => {
    const r = rate(4, 2, 3, 5, 1);
    // rating r scores 100 * (r - 1) / 4
    expect(r.dimensions.map((d) => d.score)).toEqual([75, 25, 50, 100, 0]);
    expect(r.barrier).toEqual({ dimension: 'desire', title: 'Desire', score: 25, threshold: 75 });
    // mean rating (4 + 2 + 3 + 5 + 1) / 5 = 3.0, i.e. 50 on 0..100
    expect(r.overall.score).toBe(50);
    expect(r.overall.level?.id).toBe('partly-ready');
    const md = renderReport(r);
    expect(md).toContain('overall score **3.0 on 1–5 (50/100)**');
    expect(md).toContain('It scores 2.0 on 1–5 (25/100), below its threshold of 4.0 on 1–5 (75/100).');
  });

  it('3, 5, 5, 5, 5: a 3 on the first element is the barrier although the mean is 4.6', () => {
    const r = rate(3, 5, 5, 5, 5);
    expect(r.barrier?.dimension).toBe('awareness');
    // (3 + 5 + 5 + 5 + 5) / 5 = 4.6 -> 100 * 3.6 / 4 = 90
    expect(r.overall.score).toBe(90);
    expect(renderSummary(r, {}, plainPaint, 80)).toContain('Fix this first: Awareness (3.0 on 1–5 (50/100), threshold 4.0 on 1–5 (75/100))');
  });

  it('4, 4, 4, 4, 4: no element at 3 or lower, no barrier', () => {
    const r = rate(4, 4, 4, 4, 4);
    expect(r.barrier).toBeNull();
    expect(r.overall.score).toBe(75);
    expect(r.overall.level?.id).toBe('ready');
  });
});

describe('ten-item usability scale (SUS: odd items r - 1, even items 5 - r, sum x 2.5)', () => {
  const q = load('usability-scale');
  const answers = (ratings: number[]) => Object.fromEntries(ratings.map((r, i) => [`u${i + 1}`, r]));
  const sus = (ratings: number[]) => run(q, [answers(ratings)]);

  it('scores 2.5 x the sum of contributions exactly', () => {
    // all 3: ten contributions of 2 = 20 -> 50
    expect(sus([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]).overall.score).toBe(50);
    // best answers: odd 5 (4 each), even 1 (4 each) = 40 -> 100
    expect(sus([5, 1, 5, 1, 5, 1, 5, 1, 5, 1]).overall.score).toBe(100);
    // odd 4 4 5 4 3 -> 3 3 4 3 2 = 15; even 2 1 2 2 3 -> 3 4 3 3 2 = 15; 30 x 2.5 = 75
    expect(sus([4, 2, 4, 1, 5, 2, 4, 2, 3, 3]).overall.score).toBe(75);
    // odd all 4 -> 15; even 2 2 2 2 3 -> 3 3 3 3 2 = 14; 29 x 2.5 = 72.5
    expect(sus([4, 2, 4, 2, 4, 2, 4, 2, 4, 3]).overall.score).toBe(72.5);
  });

  it('has no barrier point, whatever the score', () => {
    const r = sus([1, 5, 1, 5, 1, 5, 1, 5, 1, 5]);
    expect(r.overall.score).toBe(0);
    expect(r.barrier).toBeNull();
    expect(renderReport(r)).toContain('This questionnaire has no barrier point');
    expect(renderSummary(r, {}, plainPaint, 80)).not.toContain('Fix this first');
  });

  it('several respondents: the mean of their scores (50, 100, 75 -> 75)', () => {
    const r = run(q, [answers([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), answers([5, 1, 5, 1, 5, 1, 5, 1, 5, 1]), answers([4, 2, 4, 1, 5, 2, 4, 2, 3, 3])]);
    expect(r.overall.score).toBe(75);
    expect(r.overall.level?.id).toBe('above-average');
  });
});

describe('five-section maturity quiz (1 to 3 points per section, total 5 to 15)', () => {
  const q = load('maturity-quiz');
  const quiz = (...points: number[]) =>
    run(q, [Object.fromEntries(['strategy', 'people', 'process', 'tools', 'measurement'].map((s, i) => [`${s}-1`, points[i]!]))]);

  it('1, 2, 3, 2, 1: 9 points, developing (9 to 12)', () => {
    const r = quiz(1, 2, 3, 2, 1);
    // total p points is the score 10 * (p - 5)
    expect(r.overall.score).toBe(40);
    expect(r.overall.level?.id).toBe('developing');
    expect(dim(r, 'process').score).toBe(100);
    const md = renderReport(r);
    expect(md).toContain('overall score **9 points (5–15) (40/100)**');
    expect(md).toContain('Score **3 points (1–3) (100/100)**');
  });

  it('3, 3, 3, 3, 2: 14 points, established; 1, 1, 2, 1, 1: 6 points, beginning; 1 + 2 x 4: 9 points, developing; 8 points, beginning', () => {
    expect(quiz(3, 3, 3, 3, 2).overall).toMatchObject({ score: 90, level: { id: 'established' } });
    expect(quiz(1, 1, 2, 1, 1).overall).toMatchObject({ score: 10, level: { id: 'beginning' } });
    expect(quiz(1, 2, 2, 2, 2).overall).toMatchObject({ score: 40, level: { id: 'developing' } });
    expect(quiz(2, 2, 1, 1, 2).overall).toMatchObject({ score: 30, level: { id: 'beginning' } });
  });
});

describe('0-10 recommendation question as a net score (NPS: % 9-10 minus % 0-6)', () => {
  const q = load('recommendation');
  const nps = (...answers: number[]) => run(q, answers.map((a) => ({ recommend: a })));

  it('10 respondents, 5 promoters, 2 passives, 3 detractors: net score +20', () => {
    const r = nps(10, 9, 9, 8, 7, 6, 10, 3, 9, 5);
    // promoters 10 9 9 10 9 = 5 (50%), detractors 6 3 5 = 3 (30%): 50 - 30 = +20, i.e. (20 + 100) / 2 = 60 on 0..100
    expect(dim(r, 'loyalty').score).toBe(60);
    expect(dim(r, 'loyalty').display).toEqual({ kind: 'net', min: -100, max: 100 });
    expect(r.overall.score).toBe(60);
    const md = renderReport(r);
    expect(md).toContain('overall score **net score +20 (60/100)**');
    expect(md).toContain('Score **net score +20 (60/100)**');
    // the question itself, on its own scale; answer counts in the scale's order (0 first, 10 last)
    const answer = r.answers[0]!;
    expect(answer.distribution!.map((c) => c.label)).toEqual(['0 - Not at all likely', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10 - Extremely likely']);
    expect(md).toContain('| 3 × 1, 5 × 1, 6 × 1, 7 × 1, 8 × 1, 9 × 3, 10 - Extremely likely × 2 | net score +20 | 10 |');
  });

  it('all 10: +100; 0 to 9 once each: 10% promoters - 70% detractors = -60; all 7 or 8: 0', () => {
    expect(nps(10, 10, 10, 10, 10, 10, 10, 10, 10, 10).overall.score).toBe(100);
    const spread = nps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(spread.overall.score).toBe(20);
    expect(renderReport(spread)).toContain('net score -60');
    const passives = nps(7, 8, 7, 8, 7, 8, 7, 8, 7, 8);
    expect(passives.overall.score).toBe(50);
    expect(renderReport(passives)).toContain('overall score **net score 0 (50/100)**');
  });

  it('a net dimension is left out of the overall score unless the questionnaire includes it', () => {
    const without = { ...q, dimensions: q.dimensions.map((d) => ({ ...d, inOverall: undefined })) } as Questionnaire;
    const r = run(without, [{ recommend: 9 }, { recommend: 3 }]);
    expect(dim(r, 'loyalty')).toMatchObject({ score: 50, inOverall: false });
    expect(r.overall.score).toBeNull();
    expect(renderReport(r)).toContain('There is no overall score: the dimensions with a score are reported on their own scales');
  });

  it('one respondent is a net score of one person: +100, 0 or -100', () => {
    expect(renderReport(nps(9))).toContain('net score +100');
    expect(renderReport(nps(6))).toContain('net score -100');
  });
});

describe('docs/scoring.md worked examples for net, top-box and own scales', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/scoring.md', import.meta.url)), 'utf8');

  it('net score over 10 respondents: mean 0.6, score 60, net +20; as top-box: 50%', () => {
    const q = load('recommendation');
    const answers = [10, 9, 9, 8, 7, 6, 10, 3, 9, 5];
    const r = run(q, answers.map((a) => ({ recommend: a })));
    expect(r.answers[0]!.score).toBe(0.6);
    expect(r.overall.score).toBe(60);
    expect(doc).toContain('mean *s* = (5 × 1 + 2 × 0.5 + 3 × 0) / 10 = **0.6**, the 0–100 score **60**');
    expect(doc).toContain('net score = 200 × 0.6 − 100 = 50 − 30 = **+20**, printed "net score +20\n  (60/100)"');
    expect(renderReport(r)).toContain('net score +20 (60/100)');
    const topBox = {
      ...q,
      dimensions: q.dimensions.map((d) => ({ ...d, aggregate: { method: 'top-box' as const, high: [9, 10] } })),
    } as Questionnaire;
    const t = run(topBox, answers.map((a) => ({ recommend: a })));
    expect(t.answers[0]!.score).toBe(0.5);
    expect(renderReport(t)).toContain('top-2-box 50%');
    expect(doc).toContain('printed "top-2-box 50%"');
  });

  it('the five-element check and the points quiz', () => {
    const cr = run(load('change-readiness'), [{ 'awareness-1': 4, 'desire-1': 2, 'knowledge-1': 3, 'ability-1': 5, 'reinforcement-1': 1 }]);
    expect(cr.overall.score).toBe(50);
    expect(cr.barrier?.dimension).toBe('desire');
    expect(renderReport(cr)).toContain('3.0 on 1–5 (50/100)');
    expect(doc).toContain('printed "3.0 on 1–5 (50/100)"');
    const quiz = run(load('maturity-quiz'), [{ 'strategy-1': 1, 'people-1': 2, 'process-1': 3, 'tools-1': 2, 'measurement-1': 1 }]);
    expect(quiz.overall.score).toBe(40);
    expect(renderReport(quiz)).toContain('9 points (5–15) (40/100)');
    expect(doc).toContain('printed "9 points (5–15) (40/100)"');
  });
});

describe('reports of questionnaires that bring no wording of their own', () => {
  const reports = ['change-readiness', 'usability-scale', 'maturity-quiz', 'recommendation'].map((name) => {
    const q = load(name);
    const first = q.questions[0]!;
    const r = assess({
      questionnaire: q,
      hash: 'h',
      responses: [response(Object.fromEntries(q.questions.map((x) => [x.id, x === first ? 2 : 3])))],
      organization: 'Acme',
      date: '2026-12-01',
      toolVersion: 't',
    });
    return { name, r, md: renderReport(r), summary: renderSummary(r, {}, plainPaint, 80) };
  });

  it('say nothing about social media, adoption timelines, sponsors or champions', () => {
    for (const { name, md, summary } of reports) {
      for (const text of [md, summary]) {
        expect(text, name).not.toMatch(/social media|practitioners|18 months|sponsor|champions|early wins/i);
      }
    }
  });

  it('are titled after the questionnaire, with neutral expectations and timeline, and no pilots section', () => {
    const { md, r } = reports[0]!;
    expect(md.startsWith('# Acme: Change readiness check\n')).toBe(true);
    expect(md).toContain('Read these scores as a starting point: assess again later with the same questionnaire to see what moved.');
    expect(md).toContain('| First | Start with Awareness, the barrier point. |');
    expect(md).not.toContain('## Recommended pilots');
    expect(md).not.toContain('First pilot');
    expect(md).not.toMatch(/not yet ready/i);
    expect(r.pilotsOffered).toBe(false);
    expect(md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3))).toEqual(reportSections(r));
  });
});

describe('a net score over time', () => {
  it('compare shows it on its own scale beside the 0..100 value', () => {
    const q = load('recommendation');
    const at = (date: string, answers: number[]) =>
      assess({ questionnaire: q, hash: 'h', responses: answers.map((a) => response({ recommend: a })), organization: 'Acme', date, toolVersion: 't' });
    const trend = compareResults([at('2026-01-01', [10, 9, 9, 8, 7, 6, 10, 3, 9, 5]), at('2026-06-01', [10, 10, 9, 9, 9, 8, 7, 6, 10, 9])]);
    expect(trend.dimensions[0]!.display).toEqual({ kind: 'net', min: -100, max: 100 });
    // 7 promoters, 2 passives, 1 detractor: 70 - 10 = +60, i.e. 80
    expect(renderTrend(trend)).toContain('| Recommendation | 60 (net score +20) | 80 (net score +60) ↑ +20 |');
  });
});

describe('the interview guide of an instrument', () => {
  it('says how a net question is scored, reads singular for one minute, and names no barrier when there is none', async () => {
    const { renderGuide } = await import('../../src/render/guide.js');
    const guide = renderGuide(load('recommendation'));
    expect(guide).toContain('Scored as a net score: share answering 9, 10 minus share answering 0, 1, 2, 3, 4, 5, 6');
    expect(guide).toContain('about 1 minute ·');
    expect(guide).not.toContain('a barrier below');
  });
});
