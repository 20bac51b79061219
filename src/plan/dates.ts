// Calendar arithmetic on YYYY-MM-DD strings, in UTC. Pure: the plan layer
// never reads the clock; "today" is always the assessment's date.

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function format(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** `date` plus `days` days (may be negative). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** `date` plus `months` calendar months; the day is clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))));
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/**
 * Splits [from, to) into `n` consecutive ranges of (nearly) equal length in
 * days. Each range is { from, to } with `to` inclusive (the day before the
 * next range starts). Needs to > from and n >= 1.
 */
export function splitRange(from: string, to: string, n: number): { from: string; to: string }[] {
  const total = Math.max(n, daysBetween(from, to));
  const out: { from: string; to: string }[] = [];
  for (let k = 0; k < n; k++) {
    const start = Math.round((total * k) / n);
    const end = Math.round((total * (k + 1)) / n);
    out.push({ from: addDays(from, start), to: addDays(from, end - 1) });
  }
  return out;
}

/** The index of the range containing `date`; -1 before the first, ranges.length after the last. */
export function rangeIndexOf(date: string, ranges: readonly { from: string; to: string }[]): number {
  if (ranges.length === 0 || date < ranges[0]!.from) return -1;
  const i = ranges.findIndex((r) => date >= r.from && date <= r.to);
  return i < 0 ? ranges.length : i;
}
