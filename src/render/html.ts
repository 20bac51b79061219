// HTML from a report's document tree (./doc.ts): mdast-util-to-hast, then
// hast-util-to-html, wrapped in one self-contained page. The page has inline
// styles only, no script, no request to any host (a strict
// Content-Security-Policy says so to the browser too), reads on a phone and
// prints with a page break where each `## ` section begins. Raw HTML is never
// passed through: every text node is escaped by the library. Loaded lazily,
// only when an HTML or PDF report is asked for.
import type { Root as HastRoot } from 'hast';
import type { Root, RootContent } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import type { Result } from '../model/result.js';
import type { Trend } from '../model/trend.js';
import { buildReport } from './report.js';
import { plainLine } from './text.js';
import { buildTrend } from './trend.js';

/** The page's Content-Security-Policy: nothing loads, only the inline styles apply. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.5;
  color: #1b1f24; background: #fff; margin: 0 auto; max-width: 52rem; padding: 1rem 1.25rem 3rem; font-size: 1rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.25rem; border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 0.5rem; }
p, li { overflow-wrap: break-word; }
table { border-collapse: collapse; margin: 0.8rem 0; width: 100%; font-size: 0.92rem; display: block; overflow-x: auto; }
th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.55rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f3f5f7; }
tr { break-inside: avoid; }
figure.chart { margin: 1rem 0; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; font-size: 0.8rem; line-height: 1.3; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
@media (max-width: 40rem) { body { padding: 0.75rem; font-size: 0.95rem; } table { font-size: 0.85rem; } }
@media print {
  @page { size: A4; margin: 14mm 13mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.4; }
  h1 { font-size: 16pt; margin-top: 0; }
  h2 { font-size: 13pt; margin-top: 1.4rem; }
  h2.new-page { break-before: page; }
  h2, h3 { break-after: avoid; }
  table { display: table; overflow: visible; }
  pre { white-space: pre-wrap; }
}
`;

/** An SVG chart placed right after the heading with this text. */
export interface ChartPlacement {
  afterHeading: string;
  svg: string | null;
}

/**
 * A complete, self-contained HTML page of `tree`. `title` is the page title
 * (plain text). Mermaid code blocks are left out (they need a script to
 * draw); the SVG `charts` take their place. The charts are the only markup
 * passed through as is: the tree builders make no raw HTML node, and any
 * that were there are dropped first.
 */
export function toHtmlPage(tree: Root, title: string, newPageBefore: readonly string[] = [], charts: ChartPlacement[] = []): string {
  const children: RootContent[] = tree.children.filter((n) => n.type !== 'html' && !(n.type === 'code' && n.lang === 'mermaid'));
  for (const chart of charts) {
    if (chart.svg === null) continue;
    const at = children.findIndex((n) => n.type === 'heading' && textOf(n) === chart.afterHeading);
    if (at >= 0) children.splice(at + 1, 0, { type: 'html', value: `<figure class="chart">${chart.svg}</figure>` });
  }
  const body = toHast({ ...tree, children }, { allowDangerousHtml: true }) as HastRoot;
  markPageBreaks(body, newPageBefore);
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${toHtml({ type: 'text', value: plainLine(title) })}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${toHtml(body, { allowDangerousHtml: true })}
</main>
</body>
</html>
`;
  return page;
}

/**
 * Printed pages: the long parts (named `## ` sections) start a new page;
 * short sections follow on the page before, so no page is nearly empty.
 */
function markPageBreaks(tree: HastRoot, newPageBefore: readonly string[]): void {
  for (const n of tree.children) {
    if (n.type === 'element' && n.tagName === 'h2' && newPageBefore.includes(textOf(n))) n.properties = { ...n.properties, className: ['new-page'] };
  }
}

/** The report's long parts, each printed from a new page. */
const REPORT_NEW_PAGES = ['Findings by dimension', 'Recommended pilots', 'Appendix: questions and answers'];

/** The plain text of a node. */
function textOf(node: unknown): string {
  const n = node as { value?: string; children?: unknown[] };
  return typeof n.value === 'string' ? n.value : (n.children ?? []).map(textOf).join('');
}

/** The plain text of the tree's first heading (the page title). */
function titleOf(tree: Root): string {
  const h = tree.children.find((n) => n.type === 'heading');
  return h ? textOf(h) : 'Report';
}

/** The assessment report as one self-contained HTML page (same content as the Markdown, with SVG charts). */
export async function renderReportHtml(result: Result): Promise<string> {
  const tree = buildReport(result);
  const charts = await import('./svg-charts.js');
  return toHtmlPage(tree, titleOf(tree), REPORT_NEW_PAGES, [
    { afterHeading: 'Scores at a glance', svg: await charts.dimensionChart(result) },
    { afterHeading: 'Perception gaps', svg: await charts.perceptionGapChart(result) },
    { afterHeading: 'Targets and progress', svg: await charts.targetChart(result) },
  ]);
}

/** The trend report as one self-contained HTML page (same content as the Markdown, with an SVG trend chart). */
export async function renderTrendHtml(trend: Trend): Promise<string> {
  const tree = buildTrend(trend);
  const charts = await import('./svg-charts.js');
  return toHtmlPage(tree, titleOf(tree), [], [{ afterHeading: 'Trend chart', svg: await charts.trendChart(trend) }]);
}
