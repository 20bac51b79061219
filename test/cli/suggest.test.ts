import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/cli/suggest.js';

describe('did you mean', () => {
  const flags = ['--help', '--json', '--force', '--format', '--no-color', '--output'];
  it('finds the option meant, also one known only in its negative form', () => {
    expect(closest('--jsn', flags)).toEqual(['--json']);
    expect(closest('--colour', flags)).toEqual(['--no-color']);
    expect(closest('--no-colour', flags)).toEqual(['--no-color']);
    expect(didYouMean('--forse', flags)).toBe(' (did you mean --force?)');
    expect(didYouMean('lst', ['list', 'show'])).toBe(' (did you mean list?)');
  });
  it('suggests nothing far off, nothing for one character, and every tie', () => {
    expect(closest('--zzzzzz', flags)).toEqual([]);
    expect(closest('--x', flags)).toEqual([]);
    expect(didYouMean('--forma', ['--force', '--format', '--forms'])).toBe(' (did you mean --format or --forms?)');
    expect(closest(`--${'a'.repeat(200)}`, flags)).toEqual([]);
  });
});
