import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/compare/compare.js';
import { loadResult } from '../../src/load/result.js';
import type { Result } from '../../src/model/result.js';
import { renderTrend, TREND_SECTIONS } from '../../src/render/trend.js';
import { plainTrendPaint, renderTrendSummary } from '../../src/render/trend-summary.js';
import { htmlText, lintMarkdown, markdownToHtml } from '../helpers/markdownlint.js';
import { displayWidth } from '../../src/render/text.js';

const FIX = join(import.meta.dirname, '../fixtures/results-history');
const QUARTERS = ['2025-06-01', '2025-09-01', '2025-12-01', '2026-03-01'].map((d) => `example-org/${d}-social-readiness.json`);
const QUICK = 'example-org/2025-04-15-quick-check.json';
const load = (f: string) => loadResult(join(FIX, 'reports', f));

/** Compares with the committed file; UPDATE_GOLDEN=1 rewrites it instead (never edit goldens by hand). */
function golden(name: string, actual: string) {
  const file = join(FIX, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const headings = (md: string) => md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));

describe('renderTrend', () => {
  const quarterly = renderTrend(compareResults(QUARTERS.map(load), { sources: QUARTERS }));

  it('matches the golden report of four quarterly results', () => {
    golden('trend-example-org.md', quarterly);
  });

  it('matches the golden report of a quick-check against a full interview', () => {
    const files = [QUICK, QUARTERS[3]!];
    golden('trend-quick-vs-full.md', renderTrend(compareResults(files.map(load), { sources: files })));
  });

  it('passes markdownlint with the repository config', () => {
    expect(lintMarkdown(quarterly)).toEqual([]);
    const mixed = renderTrend(compareResults([load(QUICK), load('acme-b-partners-b/2025-09-15-social-readiness.json')], { allowMixed: true }));
    expect(lintMarkdown(mixed)).toEqual([]);
  });

  it('has its sections in order, and the left-out section only when something was left out', () => {
    // the quarterly set has a note (a question not answered at the start)
    expect(headings(quarterly)).toEqual([...TREND_SECTIONS]);
    const same = renderTrend(compareResults([load(QUARTERS[3]!), load(QUARTERS[3]!)]));
    expect(headings(same)).toEqual(TREND_SECTIONS.filter((s) => s !== 'What was left out'));
    expect(lintMarkdown(same)).toEqual([]);
  });

  it('draws the overall score as labelled Mermaid bars (no unlabelled lines), and every dimension in a named text chart', () => {
    expect(quarterly).toContain('```mermaid\n---\nconfig:\n  xyChart:\n    showDataLabel: true\n---\nxychart-beta\n');
    expect(quarterly).toContain('  x-axis ["2025-06-01", "2025-09-01", "2025-12-01", "2026-03-01"]');
    expect(quarterly).not.toContain('  line [');
    expect(quarterly).toContain('  bar [28.6, 42.7, 55.2, 63.5]');
    expect(quarterly).toMatch(/```text\nOverall +2025-06-01 +█+░+ +28\.6/);
  });

  it('shows signed deltas with arrows and flags low-confidence scores', () => {
    expect(quarterly).toContain('| Leadership support | 18.8 | 50 ↑ +31.2 | 62.5 ↑ +12.5 | 87.5 ↑ +25 | ↑ +68.7 |');
    expect(quarterly).toContain('| Governance and risk | 37.5 | 37.5 → 0 | 50 ↑ +12.5 | 37.5 ↓ −12.5 | → 0 |');
    expect(quarterly).toContain('| Objectives and strategy | 25 \\* |');
    expect(quarterly).toContain('| Objectives and strategy | 50% (low) |');
  });

  it('prints coverage as the assessment report does: half away from zero, on its side of the 60% cut-off', () => {
    const [a, b] = [load(QUARTERS[0]!), load(QUARTERS[1]!)];
    // 119 of 200 answered (59.5%, not reliable) and 29 of 200 (14.5%: 100 × 0.145 is 14.499999999999998 in floating point)
    a.dimensions[0] = { ...a.dimensions[0]!, coverage: 0.595, reliable: false };
    b.dimensions[0] = { ...b.dimensions[0]!, coverage: 0.145, reliable: false };
    const md = renderTrend(compareResults([a, b]));
    expect(md).toContain(`| ${a.dimensions[0]!.title} | 59.5% (low) | 15% (low) |`);
  });

  it('never lets hostile names and texts break the structure or inject HTML', () => {
    const a = structuredClone(load(QUARTERS[0]!)) as Result;
    const b = structuredClone(load(QUARTERS[3]!)) as Result;
    for (const r of [a, b]) {
      r.organization = 'Evil | Org <script>alert(1)</script>\n# not a heading';
      r.dimensions[0]!.title = 'Lead `ers` | <img src=x onerror=alert(1)>\n\n- item';
      r.pilots[0]!.title = '[click](https://evil.example) **bold**';
      r.answers[0]!.text = '```\nbreak out';
    }
    const md = renderTrend(compareResults([a, b], { sources: ['a|b.json', '<x>.json'] }));
    expect(lintMarkdown(md)).toEqual([]);
    const html = markdownToHtml(md);
    expect(html).not.toMatch(/<script|<img|<a /);
    expect(htmlText(html)).toContain('Evil | Org <script>alert(1)</script> # not a heading');
    expect(md.split('\n').filter((l) => l.startsWith('# '))).toHaveLength(1);
    // the text chart stays inside its code block
    expect(md.match(/^```/gm)!.length % 2).toBe(0);
  });
});

describe('renderTrendSummary', () => {
  const trend = compareResults(QUARTERS.map(load));

  it('prints the overall and each dimension from first to last with coloured changes', () => {
    const red: string[] = [];
    const green: string[] = [];
    const text = renderTrendSummary(trend, { ...plainTrendPaint, green: (t) => (green.push(t), `<g>${t}</g>`), red: (t) => (red.push(t), `<r>${t}</r>`) });
    expect(text).toMatch(/^Readiness trend: Example Org, 2025-06-01 to 2026-03-01 \(4 assessments\)/);
    expect(text).toMatch(/Overall +28\.6 Emerging → 63\.5 Developing +<g>↑ \+34\.9<\/g>/);
    expect(text).toMatch(/Leadership support +18\.8 → 87\.5 +<g>↑ \+68\.7<\/g>/);
    expect(text).toContain('Barrier point: Leadership support then, Culture of collaboration now');
    expect(red).toEqual([]);
  });

  it('aligns its columns in terminal columns: dimension titles in CJK or with combining accents', () => {
    const results = QUARTERS.slice(0, 2).map(load);
    for (const r of results) {
      r.dimensions[0]!.title = '指導者の支援'; // 6 wide characters: 12 columns
      r.dimensions[1]!.title = 'Cultu\u0301re'; // an accent typed as a combining mark: 7 columns
    }
    const rows = renderTrendSummary(compareResults(results)).split('\n').filter((l) => l.includes(' → '));
    expect(rows).toHaveLength(6);
    // the change column (its arrow is the last on the line) starts in the same terminal column on every row
    const arrowAt = rows.map((l) => displayWidth(l.slice(0, Math.max(l.lastIndexOf('↑'), l.lastIndexOf('↓'), l.lastIndexOf('→')))));
    expect(new Set(arrowAt).size, rows.join('\n')).toBe(1);
  });

  it('gives no level beside scores on the shared dimensions (a level is a band of the whole overall score)', () => {
    const text = renderTrendSummary(compareResults([load(QUICK), load(QUARTERS[3]!)]));
    expect(text).toMatch(/^Overall \(shared dimensions\) +12\.5 → 68\.1 +↑ \+55\.6$/m);
  });

  it('gives the overall change as the difference of the printed scores, in the row and the sentence: 50 to 43.75 (43.8) is -6.2', () => {
    const [a, b] = [load(QUARTERS[0]!), load(QUARTERS[0]!)];
    b.date = '2025-09-01';
    a.overall.score = 50;
    b.overall.score = 43.75;
    const t = compareResults([a, b]);
    const text = renderTrendSummary(t);
    expect(text).toMatch(/^Overall +50 Emerging → 43\.8 Emerging +↓ −6\.2$/m);
    expect(t.summary[0]).toContain('fell 6.2 points');
  });

  it('is plain text without a paint, with no escape codes', () => {
    const text = renderTrendSummary(trend);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/\u001b/);
    expect(text).toContain('- Culture of collaboration has not moved in the last three assessments (since 2025-09-01).');
  });
});
