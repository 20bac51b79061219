// The interview guide printed by `readiness show`.
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import { renderGuide } from '../../src/render/guide.js';

const q = loadQuestionnaire('test/fixtures/questionnaires/valid/minimal.yaml').questionnaire;
const guide = renderGuide(q);

describe('renderGuide', () => {
  it('opens with the title and what the interview takes', () => {
    expect(guide.split('\n').slice(0, 4)).toEqual([
      'Minimal readiness check',
      'minimal · version 1.0 · about 3 minutes · 8 questions in 2 dimensions',
      '',
      'A tiny questionnaire used by the tests; every feature appears once.',
    ]);
  });

  it('numbers every question in interview order under its dimension', () => {
    q.questions.forEach((question, i) => expect(guide).toContain(`  ${i + 1}. ${question.text}`));
    expect(guide.indexOf('== Leadership support (leadership) ==')).toBeLessThan(guide.indexOf('  1. '));
    expect(guide.indexOf('== Culture of collaboration (culture) ==')).toBeLessThan(guide.indexOf('  3. '));
  });

  it('lists allowed answers with their scores after reverse-coding', () => {
    expect(guide).toContain(
      [
        '     [culture-silos · rating scale · reverse-scored]',
        '     Answers:',
        '       1  Strongly disagree  score 1',
        '       2  Disagree           score 0.7',
        '       3  Agree              score 0.3',
        '       4  Strongly agree     score 0',
        '     Also allowed: "not applicable" (n/a)',
      ].join('\n'),
    );
    expect(guide).toContain('       none  None of these  score 0  (only on its own)');
    expect(guide).toContain('     Answer: from 0 to 40 hours\n     Scoring: 0 or less scores 0, 4 or more scores 1');
    expect(guide).toContain('     [culture-size · number · not scored]');
  });

  it('says why a question matters and when it is asked', () => {
    expect(guide).toContain('     Why it matters: A sponsor secures budget and patience.');
    expect(guide).toContain('     Ask only if: lead-sponsor is "Agree" or "Strongly agree"');
    expect(guide).toContain('     Ask only if: not (culture-channels includes "None of these")');
  });

  it('ends with levels, gates and pilots (highest priority first)', () => {
    expect(guide).toContain('  Early (early): 0 to below 50\n    The ground is not ready yet.\n  Ready (ready): 50 to 100');
    expect(guide).toContain('  no-sponsor: at most "Early" when lead-sponsor is "Strongly disagree" or "Disagree"');
    expect(guide.indexOf('Win a sponsor first (sponsor-first, 4 weeks)')).toBeLessThan(guide.indexOf('Anchor team (anchor-team, 3 months)'));
    expect(guide).toContain(
      '    Fits when: "Culture of collaboration" score at least 40 and overall score at least 30 and (culture-channels has at least 1 choice or culture-hours is at least 2)',
    );
    expect(guide).toContain('    Not yet while: lead-budget is "No"; first: Agree a small budget first.');
  });

  it('is the same text every time (pure)', () => {
    expect(renderGuide(q)).toBe(guide);
  });
});
