// Reproduces, number for number, the worked example in docs/scoring.md.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../helpers/markdownlint.js';
import { DEFAULT_MIN_GROUP, DIMENSION_DIVERGENCE_SD, QUESTION_DIVERGENCE_SD } from '../../src/score/aggregate.js';
import { RELIABLE_COVERAGE } from '../../src/score/dimension.js';
import { clean } from '../../src/score/round.js';
import { Result } from '../../src/model/result.js';
import { assess } from '../../src/score/assess.js';
import { fixture, loadAnswersFile, loadQuestionnaireFile } from './helpers.js';

const questionnaire = loadQuestionnaireFile(fixture('worked-example.yaml'));
const answers = loadAnswersFile(fixture('worked-example-answers.yaml'));
const result = assess({
  questionnaire,
  hash: 'sha256:worked-example',
  responses: [answers],
  organization: 'Example Org',
  date: '2026-11-29',
  toolVersion: '0.0.0-test',
});
const item = (id: string) => result.answers.find((a) => a.questionId === id)!;
const dim = (id: string) => result.dimensions.find((d) => d.id === id)!;

describe('worked example (docs/scoring.md)', () => {
  it('is a valid Result', () => {
    expect(() => Result.parse(result)).not.toThrow();
  });

  it('step 1: item scores, with the reverse item flipped and the number scored linearly', () => {
    expect(item('lead-sponsor')).toMatchObject({ status: 'answered', value: 'no', label: 'No', score: 0, weight: 2 });
    expect(item('lead-active')).toMatchObject({ status: 'hidden', score: null });
    expect(item('lead-model')).toMatchObject({ value: 4, label: 'Agree', score: 0.75, note: 'Mostly the IT director' });
    expect(item('culture-share')).toMatchObject({ value: 5, label: 'Strongly agree', score: 1 });
    expect(item('culture-blame')).toMatchObject({ value: 2, label: 'Disagree', score: 0.75, reverse: true });
    expect(item('culture-tools')).toMatchObject({ status: 'not-applicable', score: null });
    expect(item('obj-goals')).toMatchObject({ status: 'dont-know', score: null });
    expect(item('obj-written')).toMatchObject({ value: 3, label: '3 goals', score: 0.75 });
    expect(item('obj-examples')).toMatchObject({ status: 'answered', value: 'Cut internal e-mail by a third', score: null });
  });

  it('step 2: dimension scores and coverage', () => {
    // leadership: 100 * (2*0 + 1*0.75) / (2 + 1) = 25; lead-active hidden, so 2 of 2 applicable answered
    expect(dim('leadership')).toMatchObject({ score: 25, coverage: 1, reliable: true, level: { id: 'low' } });
    expect(dim('leadership').finding).toBe('Nobody at the top has taken the change on yet.');
    // culture: 100 * (1 + 0.75) / 2 = 87.5; n/a lowers coverage to 2/3, not the score
    expect(dim('culture')).toMatchObject({ score: 87.5, coverage: clean(2 / 3), answered: 2, asked: 3, reliable: true, level: { id: 'ready' } });
    // objectives: 100 * 0.75 / 1 = 75; don't-know lowers coverage to 1/2, below 0.6
    expect(dim('objectives')).toMatchObject({ score: 75, coverage: 0.5, reliable: false, finding: null });
  });

  it('step 3: overall score, level, gate and barrier point', () => {
    // (2*25 + 1*87.5 + 1*75) / (2 + 1 + 1) = 212.5 / 4 = 53.125, kept at full precision
    expect(result.overall.score).toBe(53.125);
    expect(result.overall.uncappedLevel?.id).toBe('developing');
    expect(result.overall.level?.id).toBe('low');
    expect(result.overall.gates).toEqual([
      { id: 'no-sponsor', cap: 'low', reason: 'Without a named sponsor, no pilot gets the time and attention it needs.' },
    ]);
    expect(result.barrier).toEqual({ dimension: 'leadership', title: 'Leadership support', score: 25, threshold: 50 });
  });

  it('step 4: strengths and risks', () => {
    expect(result.strengths.map((s) => [s.questionId, s.score])).toEqual([
      ['culture-share', 1],
      ['lead-model', 0.75],
      ['culture-blame', 0.75],
    ]);
    expect(result.risks.map((s) => [s.questionId, s.score])).toEqual([['lead-sponsor', 0]]);
  });

  it('step 5: pilots, reasons and the not-yet list', () => {
    expect(result.pilots.map((p) => p.id)).toEqual(['sponsor-first', 'problem-first', 'test-and-learn']);
    expect(result.pilots[0]!.reasons).toEqual(['Leadership support scored 25/100 (below its threshold of 50)']);
    expect(result.pilots[1]!.reasons).toEqual([
      'Objectives and measures scored 75/100 (below 80); its threshold is 60',
      'No answer (Don\'t know) to "The problems this should solve are written down."',
    ]);
    expect(result.pilots[2]!.reasons).toEqual(['Overall readiness scored 53/100 (at least 50)']);
    expect(result.notYet).toEqual([
      {
        id: 'connector-network',
        title: 'Connector network',
        blockers: [
          {
            reason: 'Answer "No" to "Is there a named senior sponsor for this change?"',
            fix: 'Name a senior sponsor who will back the network.',
          },
        ],
      },
    ]);
  });

  it('keeps the single-respondent shape: no aggregate block, no names', () => {
    expect(result.aggregate).toBeUndefined();
    expect(result.respondents).toEqual({ count: 1, byRole: { 'Head of Operations': 1 } });
    expect(JSON.stringify(result)).not.toContain('Sam Example');
    expect(result.partial).toBe(false);
  });
});

describe('docs/scoring.md', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/scoring.md', import.meta.url)), 'utf8');

  it('passes markdownlint', () => {
    expect(lintMarkdown(doc)).toEqual([]);
  });

  it('shows the numbers the code computes for the worked example', () => {
    for (const d of result.dimensions) expect(doc).toContain(`**${d.score!.toFixed(1)}**`);
    expect(doc).toContain(`stored as **${result.overall.score}**`);
    expect(doc).toContain(`level is **${result.overall.level!.label}**`);
    expect(doc).toContain(`Recommended, in order: **${result.pilots[0]!.id}**`);
  });

  it('states the thresholds the code uses', () => {
    expect(doc).toContain(`(default **${RELIABLE_COVERAGE}**, 60 %)`);
    expect(doc).toContain(`**${DIMENSION_DIVERGENCE_SD} points or more**`);
    expect(doc).toContain(`**${QUESTION_DIVERGENCE_SD} or more**`);
    expect(doc).toContain(`default ${DEFAULT_MIN_GROUP}, \`--min-group\``);
  });
});
