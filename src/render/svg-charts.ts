// SVG charts for the HTML and PDF reports, drawn by vega-lite + vega's SVG
// renderer without a browser. Loaded only with the HTML renderer (vega is
// large). Pure apart from being asynchronous: the same data gives the same SVG.
// Text in the SVG is escaped by vega; the namespace attributes are dropped
// (inline SVG in HTML needs none), so the page names no http(s) address.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Result } from '../model/result.js';
import type { Trend } from '../model/trend.js';
import { showScore } from './score-display.js';
import { edgesOf, todayText } from './plan-section.js';
import { plainLine } from './text.js';

const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 400 },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
  view: { stroke: null },
  background: 'white',
};
const BAR = '#4a6fa5';
const BARRIER = '#c0392b';

async function toSvg(spec: TopLevelSpec): Promise<string> {
  // Quiet: a library warning must not reach the user's terminal.
  const quiet = vega.logger(vega.None);
  const view = new vega.View(vega.parse(compile(spec, { logger: quiet }).spec), { renderer: 'none', logger: quiet });
  const svg = await view.toSVG();
  view.finalize();
  return svg.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '').replace('<svg ', '<svg role="img" ');
}

const short = (text: unknown, max = 40): string => {
  const s = plainLine(text);
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
};

/**
 * Dimension scores (0..100) as labelled horizontal bars, each dimension's
 * threshold marked by a black tick, the barrier point in red; null when no
 * dimension has a score.
 */
export async function dimensionChart(result: Result): Promise<string | null> {
  const rows = result.dimensions
    .filter((d) => d.score !== null)
    .map((d) => ({
      dimension: short(d.title || d.id),
      score: d.score!,
      // printed as the report prints it: never on the other side of the threshold or a band edge
      label: showScore(d.score, [d.threshold, ...result.levels.flatMap((l) => [l.min, l.max])]),
      threshold: d.threshold,
      barrier: result.barrier?.dimension === d.id,
    }));
  if (rows.length === 0) return null;
  const y = { field: 'dimension', type: 'nominal' as const, sort: null, title: null };
  return toSvg({
    width: 420,
    config: CONFIG,
    title: { text: 'Score by dimension (0 to 100); black tick: threshold; red: barrier point', fontSize: 13, anchor: 'start' },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: 16 },
        encoding: {
          y,
          x: { field: 'score', type: 'quantitative', scale: { domain: [0, 100] }, title: 'Score' },
          color: { condition: { test: 'datum.barrier', value: BARRIER }, value: BAR },
        },
      },
      { mark: { type: 'tick', thickness: 3, color: '#111', size: 22 }, encoding: { y, x: { field: 'threshold', type: 'quantitative' } } },
      {
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 12, fontWeight: 'bold' },
        encoding: { y, x: { field: 'score', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
      },
    ],
  } as TopLevelSpec);
}

/** The perception gap: per dimension, one dot per role group on a line from lowest to highest; null without groups. */
export async function perceptionGapChart(result: Result): Promise<string | null> {
  const gaps = result.aggregate?.perceptionGaps ?? [];
  const points = gaps.flatMap((g) =>
    Object.entries(g.groups).map(([group, score]) => ({ dimension: short(g.title), group: short(group, 28) || 'Role not given', score: Math.round(score * 10) / 10 })),
  );
  if (points.length === 0) return null;
  const y = { field: 'dimension', type: 'nominal' as const, sort: null, title: null };
  return toSvg({
    width: 420,
    config: CONFIG,
    title: { text: 'Perception gap: score by role group (0 to 100)', fontSize: 13, anchor: 'start' },
    data: { values: points },
    layer: [
      { mark: { type: 'rule', color: '#999', strokeWidth: 2 }, encoding: { y, x: { aggregate: 'min', field: 'score', type: 'quantitative' }, x2: { aggregate: 'max', field: 'score' } } },
      {
        mark: { type: 'point', filled: true, size: 110, opacity: 1 },
        encoding: {
          y,
          x: { field: 'score', type: 'quantitative', scale: { domain: [0, 100] }, title: 'Score' },
          color: { field: 'group', type: 'nominal', title: 'Group', legend: { orient: 'bottom', direction: 'horizontal' } },
          shape: { field: 'group', type: 'nominal', title: 'Group' },
        },
      },
    ],
  } as TopLevelSpec);
}

/** The trend: the overall score and every dimension over time, with a legend and each line named at its end. */
export async function trendChart(trend: Trend): Promise<string | null> {
  const series = [
    { name: 'Overall', scores: trend.points.map((p) => p.comparable) },
    ...trend.dimensions.map((d) => ({ name: short(d.title, 28), scores: d.points.map((p) => p.score) })),
  ];
  const rows = series.flatMap((s) =>
    trend.points.flatMap((p, i) => (s.scores[i] === null || s.scores[i] === undefined ? [] : [{ series: s.name, date: p.label, score: s.scores[i]! }])),
  );
  if (rows.length === 0) return null;
  const last = trend.points[trend.points.length - 1]!.label;
  const x = { field: 'date', type: 'ordinal' as const, sort: null, title: null, axis: { labelAngle: 0 } };
  return toSvg({
    width: 460,
    height: 260,
    config: CONFIG,
    title: { text: 'Scores over time (0 to 100)', fontSize: 13, anchor: 'start' },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'score', type: 'quantitative', scale: { domain: [0, 100] }, title: 'Score' },
          color: { field: 'series', type: 'nominal', sort: null, title: null, legend: { orient: 'bottom', columns: 2 } },
          strokeDash: { condition: { test: "datum.series === 'Overall'", value: [1, 0] }, value: [4, 2] },
        },
      },
      {
        transform: [{ filter: { field: 'date', equal: last } }],
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11 },
        encoding: {
          x,
          y: { field: 'score', type: 'quantitative' },
          color: { field: 'series', type: 'nominal', sort: null, title: null, legend: { orient: 'bottom', columns: 2 } },
          text: { field: 'series' },
        },
      },
    ],
  } as TopLevelSpec);
}

const TARGET = '#1e7b3a';

/**
 * The plan's targets beside today's scores (0..100): today as a bar, the target as a green tick,
 * the baseline as a grey dot, each row labelled "today → target"; null without a plan's targets.
 */
export async function targetChart(result: Result): Promise<string | null> {
  const plan = result.plan;
  if (!plan || plan.source !== 'plan') return null;
  const rows = plan.targets.map((t) => ({
    dimension: short(t.title || t.dimension),
    today: t.today,
    target: t.target,
    baseline: t.baseline,
    label: `${todayText(t, edgesOf(result, t.dimension))} → ${showScore(t.target)}`,
  }));
  if (rows.length === 0) return null;
  const y = { field: 'dimension', type: 'nominal' as const, sort: null, title: null };
  const x = (field: string) => ({ field, type: 'quantitative' as const, scale: { domain: [0, 100] }, title: 'Score' });
  return toSvg({
    width: 420,
    config: CONFIG,
    title: { text: 'Today and the plan’s target (0 to 100); bar: today; green tick: target; grey dot: baseline', fontSize: 13, anchor: 'start' },
    data: { values: rows },
    layer: [
      { transform: [{ filter: 'datum.today !== null' }], mark: { type: 'bar', height: 16, color: BAR }, encoding: { y, x: x('today') } },
      { mark: { type: 'tick', thickness: 4, color: TARGET, size: 24 }, encoding: { y, x: x('target') } },
      { transform: [{ filter: 'datum.baseline !== null' }], mark: { type: 'point', filled: true, size: 60, color: '#888', opacity: 1 }, encoding: { y, x: x('baseline') } },
      {
        mark: { type: 'text', align: 'left', dx: 8, fontSize: 12, fontWeight: 'bold' },
        encoding: { y, x: { value: 425 }, text: { field: 'label', type: 'nominal' } },
      },
    ],
  } as TopLevelSpec);
}
