// Normalized score and label of one answer.
import { describe, expect, it } from 'vitest';
import { numberLabel, singularUnit } from '../../src/score/item.js';
import { canonicalValue, itemScore, isScored, valueLabel } from '../../src/score/item.js';
import { questionnaireFrom } from './helpers.js';

const q = questionnaireFrom({
  id: 'items',
  title: 'Items',
  version: '1',
  description: 'Item scoring cases.',
  minutes: 1,
  scales: {
    agree: {
      options: [
        { value: 1, label: 'Disagree', score: 0 },
        { value: 2, label: 'Neutral', score: 0.5 },
        { value: 3, label: 'Agree', score: 1 },
      ],
    },
  },
  dimensions: [{ id: 'd', title: 'D', description: 'D.' }],
  levels: [{ id: 'all', label: 'All', min: 0, max: 100, description: 'All.' }],
  questions: [
    { id: 'lik', dimension: 'd', text: 'Likert', type: 'likert', scale: 'agree' },
    { id: 'rev', dimension: 'd', text: 'Reverse', type: 'likert', scale: 'agree', reverse: true },
    {
      id: 'multi',
      dimension: 'd',
      text: 'Areas',
      type: 'multiple',
      options: [
        { value: 'it', label: 'IT', score: 0.4 },
        { value: 'hr', label: 'HR', score: 0.4 },
        { value: 'sales', label: 'Sales', score: 0.4 },
        { value: 'none', label: 'None of these', score: 0, exclusive: true },
      ],
    },
    { id: 'yn', dimension: 'd', text: 'Yes or no', type: 'yesno' },
    { id: 'num', dimension: 'd', text: 'Hours', type: 'number', unit: 'hours', scoring: { worst: 0, best: 10 } },
    { id: 'fewer', dimension: 'd', text: 'Approvals needed', type: 'number', scoring: { worst: 5, best: 1 } },
    { id: 'info', dimension: 'd', text: 'Headcount', type: 'number' },
    { id: 'txt', dimension: 'd', text: 'Comments', type: 'text' },
  ],
});
const question = (id: string) => q.questions.find((x) => x.id === id)!;
const score = (id: string, value: Parameters<typeof itemScore>[2]) => itemScore(q, question(id), value);

describe('item scores', () => {
  it('takes the option score of a likert answer, by value or by label', () => {
    expect(score('lik', 3)).toBe(1);
    expect(score('lik', '2')).toBe(0.5);
    expect(score('lik', 'agree')).toBe(1);
  });

  it('reverse-codes after the option score: s = 1 - s', () => {
    expect(score('rev', 3)).toBe(0);
    expect(score('rev', 1)).toBe(1);
    expect(score('rev', 2)).toBe(0.5);
  });

  it('sums multiple choices and caps the sum at 1', () => {
    expect(score('multi', ['it'])).toBeCloseTo(0.4, 10);
    expect(score('multi', ['it', 'hr'])).toBeCloseTo(0.8, 10);
    expect(score('multi', ['it', 'hr', 'sales'])).toBe(1);
    expect(score('multi', ['none'])).toBe(0);
  });

  it('scores yes as 1 and no as 0, case-insensitively', () => {
    expect(score('yn', 'yes')).toBe(1);
    expect(score('yn', 'No')).toBe(0);
  });

  it('maps numbers linearly between worst and best, clamped to 0..1', () => {
    expect(score('num', 5)).toBe(0.5);
    expect(score('num', 25)).toBe(1);
    expect(score('num', -3)).toBe(0);
    // fewer is better: worst 5, best 1
    expect(score('fewer', 2)).toBe(0.75);
    expect(score('fewer', 9)).toBe(0);
  });

  it('leaves informational numbers and text unscored', () => {
    expect(isScored(q, question('info'))).toBe(false);
    expect(isScored(q, question('txt'))).toBe(false);
    expect(score('info', 120)).toBeNull();
    expect(score('txt', 'anything')).toBeNull();
  });

  it('refuses a value that is not allowed (the loader should have caught it)', () => {
    expect(() => score('lik', 9)).toThrow(/not an allowed value for question "lik"/);
  });
});

describe('canonical values and labels', () => {
  it('turns a label into its option value', () => {
    expect(canonicalValue(q, question('lik'), 'Agree')).toBe(3);
    expect(canonicalValue(q, question('yn'), 'YES')).toBe('yes');
  });

  it('orders multiple choices as the questionnaire does, without duplicates', () => {
    expect(canonicalValue(q, question('multi'), ['sales', 'IT', 'it'])).toEqual(['it', 'sales']);
    expect(valueLabel(q, question('multi'), ['sales', 'it'])).toBe('IT, Sales');
  });

  it('labels yes/no, numbers with their unit, and options', () => {
    expect(valueLabel(q, question('yn'), 'yes')).toBe('Yes');
    expect(valueLabel(q, question('num'), 4)).toBe('4 hours');
    expect(valueLabel(q, question('info'), 300)).toBe('300');
    expect(valueLabel(q, question('lik'), 1)).toBe('Disagree');
    expect(valueLabel(q, question('txt'), 'hello')).toBeUndefined();
  });
});

describe('units for a count of one', () => {
  it('are made singular, so no "1 people" or "1 hours per month"', () => {
    const q = (unit: string) => ({ unit }) as Parameters<typeof numberLabel>[0];
    expect(numberLabel(q('people'), 1)).toBe('1 person');
    expect(numberLabel(q('people'), 2)).toBe('2 people');
    expect(numberLabel(q('hours per month'), 1)).toBe('1 hour per month');
    expect(numberLabel(q('hours per month'), 0)).toBe('0 hours per month');
    expect(numberLabel(q('communities'), 1)).toBe('1 community');
    expect(numberLabel(q('goals'), -1)).toBe('-1 goal');
    expect(numberLabel(q('% of staff'), 1)).toBe('1 % of staff');
    expect(singularUnit('boxes')).toBe('box');
    expect(singularUnit('status')).toBe('status');
  });
});
