// Rounding that reads the way a person rounds, and level bands at their edges.
import { describe, expect, it } from 'vitest';
import { levelFor } from '../../src/score/overall.js';
import { clean, round1, round3 } from '../../src/score/round.js';
import { showNumber } from '../../src/render/score-display.js';

describe('rounding', () => {
  it('rounds half away from zero despite float noise', () => {
    expect(round1(53.125)).toBe(53.1);
    expect(round1(53.15)).toBe(53.2);
    expect(round1(0.15 * 100)).toBe(15);
    expect(round3(2 / 3)).toBe(0.667);
    expect(round3(1.0005)).toBe(1.001);
    expect(Object.is(round1(-0.01), 0)).toBe(true);
    expect(showNumber(38)).toBe('38');
    expect(showNumber(53.125)).toBe('53');
    expect(showNumber(53.125, [], 1)).toBe('53.1');
  });

  it('cleans float noise without rounding what a person would see', () => {
    expect(clean((100 * (0.1 + 0.2)) / 0.6)).toBe(50);
    expect(clean(200 / 3)).toBeCloseTo(66.6666666667, 9);
    expect(clean(-0)).toBe(0);
  });
});

describe('level bands', () => {
  const levels = [
    { id: 'high', label: 'High', min: 70, max: 100, description: 'H.' },
    { id: 'low', label: 'Low', min: 0, max: 40, description: 'L.' },
    { id: 'mid', label: 'Mid', min: 40, max: 70, description: 'M.' },
  ];
  it('uses [min, max) bands, the last one including 100, whatever order they are listed in', () => {
    expect(levelFor(0, levels)?.id).toBe('low');
    expect(levelFor(39.9, levels)?.id).toBe('low');
    expect(levelFor(40, levels)?.id).toBe('mid');
    expect(levelFor(69.9, levels)?.id).toBe('mid');
    expect(levelFor(70, levels)?.id).toBe('high');
    expect(levelFor(100, levels)?.id).toBe('high');
  });
});
