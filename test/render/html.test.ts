// The HTML report: one self-contained page built from the same document tree
// as the Markdown. Goldens are rewritten with UPDATE_GOLDEN=1, never by hand.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/compare/compare.js';
import { loadResult } from '../../src/load/result.js';
import { HTML_CSP, renderReportHtml, renderTrendHtml } from '../../src/render/html.js';
import { plainLine } from '../../src/render/text.js';
import { loadFixture } from './fixtures.js';

const GOLDEN = join(import.meta.dirname, '../fixtures/html');
const HISTORY = join(import.meta.dirname, '../fixtures/results-history');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Checks every page must pass: self-contained, no script, no other host, the strict policy. */
function checkSelfContained(page: string): void {
  let html = page;
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
  expect(HTML_CSP).toContain("default-src 'none'");
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  // The SVG charts (vega's output): drawing elements only, no script, link, handler or foreign content.
  const figures = [...html.matchAll(/<figure class="chart">([\s\S]*?)<\/figure>/g)].map((m) => m[1]!);
  for (const svg of figures) {
    expect(svg.startsWith('<svg role="img" ')).toBe(true);
    expect(svg).not.toMatch(/<script|<foreignObject|<image|<a[\s>]|\s(href|xlink:href|src)=|\son[a-z]+=|https?:/i);
  }
  // Outside them, only document tags; attributes only where the page itself sets them (no src, href or on* handler).
  html = html.replace(/<figure class="chart">[\s\S]*?<\/figure>/g, '');
  const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
  const allowed = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'h3', 'p', 'strong', 'em', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'pre', 'code']);
  expect(tags.map((t) => t[1]!.toLowerCase()).filter((t) => !allowed.has(t))).toEqual([]);
  const attributes = tags.filter((t) => t[2]!.trim() !== '' && !['meta', 'html'].includes(t[1]!)).map((t) => t[0]);
  for (const a of attributes) expect(a).toMatch(/^<(h2 class="new-page"|code class="language-text"|ol)>$/);
  // No http(s) resource anywhere in the markup or styles (text may mention an address, escaped).
  expect(html.replace(/<main>[\s\S]*<\/main>/, '')).not.toMatch(/https?:\/\//);
  expect(html).not.toMatch(/url\(/);
}

describe('renderReportHtml', () => {
  for (const name of ['single', 'multi', 'partial', 'hostile-single', 'hostile-multi']) {
    it(`${name}: matches its golden page and is self-contained`, async () => {
      const html = await renderReportHtml(loadFixture(name));
      golden(`${name}.html`, html);
      checkSelfContained(html);
    });
  }

  it('says the same as the Markdown: every section heading, in order', async () => {
    const html = await renderReportHtml(loadFixture('single'));
    const h2 = [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'Executive summary',
      'Scores at a glance',
      'Findings by dimension',
      'Respondents',
      'Recommended pilots',
      'Next steps and a realistic timeline',
      'Appendix: questions and answers',
      'Methodology',
    ]);
    // The long parts start a new printed page.
    expect(html).toContain('<h2 class="new-page">Findings by dimension</h2>');
    expect(html).toContain('@media print');
    // the dimension chart follows its heading
    expect(html).toMatch(/<h2>Scores at a glance<\/h2>\n<figure class="chart"><svg role="img"/);
  });

  it('draws the plan’s target beside today’s score when a plan exists', async () => {
    const result = loadFixture('single');
    const [a, b] = result.dimensions;
    result.plan = {
      source: 'plan',
      horizon: '2027-06-01',
      capacity: { pilots: 1, from: 'default' },
      baseline: { result: 'reports/x/2026-01-01-q.json', date: '2026-01-01' },
      previous: null,
      targets: [
        { dimension: a!.id, title: a!.title, baseline: 20, today: a!.score, target: 65, gap: 65 - a!.score!, progress: 0.3 },
        { dimension: b!.id, title: b!.title, baseline: null, today: null, target: 50, gap: null, progress: null },
      ],
      actions: [],
      roadmap: { phases: [], later: [] },
    };
    const html = await renderReportHtml(result);
    checkSelfContained(html);
    expect(html).toMatch(/<h2>Targets and progress<\/h2>\n<figure class="chart"><svg role="img"/);
    expect(html).toContain('Today and the plan’s target');
    expect(html).toContain('→ 65');
  });

  it('draws the perception gap for several respondents', async () => {
    const html = await renderReportHtml(loadFixture('multi'));
    expect(html).toMatch(/<h3>Perception gaps<\/h3>\n<figure class="chart"><svg/);
    expect(html).toContain('Perception gap: score by role group');
  });

  it('shows hostile text as text: escaped by the library, never as markup', async () => {
    const result = loadFixture('hostile-single');
    const html = await renderReportHtml(result);
    expect(html).toContain('&#x3C;b>bold&#x3C;/b>');
    expect(html).toContain(`<title>${plainLine(result.organization).replace(/&/g, '&#x26;').replace(/</g, '&#x3C;')}: social media readiness</title>`);
  });
});

describe('renderTrendHtml', () => {
  it('matches its golden page, is self-contained and draws the trend chart', async () => {
    const files = ['example-org/2025-04-15-quick-check.json', 'example-org/2026-03-01-social-readiness.json'];
    const html = await renderTrendHtml(compareResults(files.map((f) => loadResult(join(HISTORY, 'reports', f))), { sources: files }));
    golden('trend-example-org.html', html);
    checkSelfContained(html);
    expect(html).toContain('<figure class="chart"><svg role="img"');
  });
});
