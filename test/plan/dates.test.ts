import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, rangeIndexOf, splitRange } from '../../src/plan/dates.js';

describe('plan dates', () => {
  it('adds days and months on the calendar, clamping the day to the month', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-06-01', 12)).toBe('2027-06-01');
    expect(daysBetween('2026-06-01', '2027-06-01')).toBe(365);
  });

  it('splits a horizon into consecutive phases that meet without gaps', () => {
    // 2026-06-01 .. 2027-05-31 inclusive is 365 days: 122 + 121 + 122 by rounding 365k/3
    const ranges = splitRange('2026-06-01', '2027-06-01', 3);
    expect(ranges).toEqual([
      { from: '2026-06-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2027-01-29' },
      { from: '2027-01-30', to: '2027-05-31' },
    ]);
    expect(rangeIndexOf('2026-05-31', ranges)).toBe(-1);
    expect(rangeIndexOf('2026-10-01', ranges)).toBe(1);
    expect(rangeIndexOf('2027-06-01', ranges)).toBe(3);
  });
});
