import { describe, expect, it } from 'vitest';
import { makePaint } from '../../src/cli/paint.js';
import { plainPaint, renderSummary, type Paint } from '../../src/render/summary.js';
import { displayWidth } from '../../src/render/text.js';
import { fixtureNames, loadFixture } from './fixtures.js';

const PATHS = {
  report: 'reports/northwind-housing-association/2026-11-29-quick-check.md',
  result: 'reports/northwind-housing-association/2026-11-29-quick-check.json',
};
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

function barOf(summary: string, title: string): string {
  const line = summary.split('\n').find((l) => l.startsWith(title));
  expect(line, title).toBeDefined();
  return line!.match(/[█░]+/)![0];
}

describe('renderSummary', () => {
  it('shows level, score, gate, one bar per dimension, the barrier, the pilots and the paths', () => {
    expect(renderSummary(loadFixture('single'), PATHS, plainPaint, 80)).toBe(
      [
        'Northwind Housing Association · Quick readiness check · 2026-11-29',
        'Readiness: Starting · overall 55/100',
        '  Held at Starting (scores alone: Emerging). No senior sponsor is named, so the',
        '  level cannot rise above Starting.',
        '',
        'Leadership support        ███████░░░░░░░░░░░░░░░░░░░░░░░░░░░░  19 ◀ barrier',
        'Culture of collaboration  ██████████████████████████░░░░░░░░░  75',
        'Objectives and strategy   ███████████████████████████████████ 100 (low coverage)',
        'Champions and networks    ████████████████░░░░░░░░░░░░░░░░░░░  45',
        '',
        'Fix this first: Leadership support (19/100, threshold 50)',
        'Recommended pilots:',
        '  1. Sponsor first',
        '  2. Anchor team',
        '',
        `Report: ${PATHS.report}`,
        `Result: ${PATHS.result}`,
        '',
      ].join('\n'),
    );
  });

  it('says when nothing is below threshold, no pilot fits, the result is partial, and prints no paths when none were written', () => {
    const s = renderSummary(loadFixture('partial'), {}, plainPaint, 80);
    expect(s).toContain('Partial: some required questions were not answered.');
    expect(s).toContain('No dimension is below its threshold.');
    // its not-yet list is empty, so nothing points to it
    expect(s).toContain('No pilot fits the current scores yet.');
    expect(s).not.toContain('what must change first');
    expect(s).toMatch(/^Culture of collaboration +░+ +— \(low coverage\)$/m);
    expect(s).not.toContain('Report:');
    expect(s.startsWith('Quick readiness check · 2026-11-29\n')).toBe(true);
  });

  it('counts respondents for an aggregated result', () => {
    expect(renderSummary(loadFixture('multi'), PATHS, plainPaint, 80)).toContain('\n20 respondents\n');
  });

  it('makes bars longer on wider terminals', () => {
    const result = loadFixture('single');
    const widths = [60, 80, 100].map((w) => barOf(renderSummary(result, PATHS, plainPaint, w), 'Culture of').length);
    expect(widths[0]!).toBeLessThan(widths[1]!);
    expect(widths[1]!).toBeLessThan(widths[2]!);
  });

  it('puts each title above its bar on a narrow terminal', () => {
    const s = renderSummary(loadFixture('single'), PATHS, plainPaint, 40).split('\n');
    const i = s.indexOf('Leadership support');
    expect(i).toBeGreaterThan(0);
    expect(s[i + 1]).toMatch(/^ {2}█+░+ {2}19 ◀ barrier$/);
  });

  for (const name of fixtureNames()) {
    it(`${name}: every line fits the terminal width from 40 to 120 columns, paths aside`, () => {
      const result = loadFixture(name);
      for (const width of [40, 41, 50, 59, 60, 72, 80, 100, 120]) {
        const lines = renderSummary(result, PATHS, plainPaint, width).split('\n');
        for (const line of lines.filter((l) => !l.startsWith('Report:') && !l.startsWith('Result:'))) {
          expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
        }
      }
    });

    it(`${name}: no escape codes with plainPaint, even from hostile text`, () => {
      const s = renderSummary(loadFixture(name), PATHS, plainPaint, 80);
      expect(s).not.toMatch(ANSI);
      // eslint-disable-next-line no-control-regex
      expect(s).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
    });
  }

  it('treats narrower than 40 columns as 40', () => {
    const result = loadFixture('single');
    expect(renderSummary(result, PATHS, plainPaint, 20)).toBe(renderSummary(result, PATHS, plainPaint, 40));
    expect(renderSummary(result, PATHS, plainPaint, Number.NaN)).toBe(renderSummary(result, PATHS, plainPaint, 80));
  });

  it('colours through the given Paint: the barrier red, the level by rank', () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const paint = Object.fromEntries(Object.keys(plainPaint).map((k) => [k, tag(k)])) as unknown as Paint;
    const s = renderSummary(loadFixture('single'), PATHS, paint, 80);
    expect(s).toContain('<bold><red>Readiness: Starting · overall 55/100</red></bold>');
    expect(s).toContain('<bold><red>Fix this first: Leadership support (19/100, threshold 50)</red></bold>');
    expect(s).toContain('<bold><red> ◀ barrier</red></bold>');
    expect(s).toContain('<cyan>Sponsor first</cyan>');
  });
});

describe('makePaint', () => {
  it('emits ANSI codes when enabled and none when disabled', () => {
    const result = loadFixture('single');
    expect(renderSummary(result, PATHS, makePaint(true), 80)).toMatch(ANSI);
    const plain = renderSummary(result, PATHS, makePaint(false), 80);
    expect(plain).not.toMatch(ANSI);
    expect(plain).toBe(renderSummary(result, PATHS, plainPaint, 80));
  });

  it('provides every style the Paint interface names', () => {
    const paint = makePaint(true);
    for (const key of Object.keys(plainPaint) as (keyof Paint)[]) {
      expect(paint[key]('x'), key).toMatch(ANSI);
      expect(makePaint(false)[key]('x'), key).toBe('x');
    }
  });
});
