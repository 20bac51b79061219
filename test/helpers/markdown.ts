// Reading a rendered Markdown report in tests.
import { expect } from 'vitest';

/** The lines of one `## ` section (without its heading); fails the test when the section is missing. */
export function section(md: string, title: string): string {
  const lines = md.split('\n');
  const start = lines.indexOf(`## ${title}`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}
