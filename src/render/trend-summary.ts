// The terminal summary of a Trend. Pure: colour comes in through a Paint, so the
// same function prints plain text when piped, with NO_COLOR or --no-color.
import type { Arrow, Trend } from '../model/trend.js';
import { shownChange } from '../score/round.js';
import { plainLine } from './markdown.js';
import { plainPaint, type Paint } from './paint.js';
import { showScore } from './score-display.js';
import { columns, padColumns } from './text.js';
import { changeText } from './trend.js';

/** The colours the trend summary uses: any Paint (src/cli/paint.ts) will do. */
export type TrendPaint = Pick<Paint, 'bold' | 'dim' | 'green' | 'red'>;

export const plainTrendPaint: TrendPaint = plainPaint;

function colourChange(paint: TrendPaint, change: number | null, arrow: Arrow | null): string {
  const text = changeText(change, arrow);
  if (arrow === '↑') return paint.green(text);
  if (arrow === '↓') return paint.red(text);
  return paint.dim(text);
}

const score = (s: number | null) => showScore(s, [], 1);

export function renderTrendSummary(trend: Trend, paint: TrendPaint = plainTrendPaint): string {
  const first = trend.points[0]!;
  const last = trend.points[trend.points.length - 1]!;
  const org = trend.organizations.map(plainLine).join(' and ') || 'the organization';
  const lines: string[] = [];
  lines.push(paint.bold(`Readiness trend: ${org}, ${first.label} to ${last.label} (${trend.points.length} assessments)`), '');

  const rows: [string, string, string][] = [];
  // a level names a band of the whole overall score, not of the score on the shared dimensions
  const level = (p: typeof first) => (p.level && trend.overallBasis !== 'shared-dimensions' ? ` ${plainLine(p.level.label)}` : '');
  // the difference of the two scores printed on the row, as the trend's own changes are: the row and the summary's sentence agree
  const overallChange = first.comparable === null || last.comparable === null ? null : shownChange(first.comparable, last.comparable);
  rows.push([
    trend.overallBasis === 'shared-dimensions' ? 'Overall (shared dimensions)' : 'Overall',
    `${score(first.comparable)}${level(first)} → ${score(last.comparable)}${level(last)}`,
    colourChange(paint, overallChange, overallChange === null ? null : overallChange >= 1 ? '↑' : overallChange <= -1 ? '↓' : '→'),
  ]);
  for (const d of trend.dimensions) {
    rows.push([`  ${plainLine(d.title)}`, `${score(d.points[0]!.score)} → ${score(d.points[d.points.length - 1]!.score)}`, colourChange(paint, d.change, d.arrow)]);
  }
  const w0 = Math.max(...rows.map((r) => columns(r[0])));
  const w1 = Math.max(...rows.map((r) => columns(r[1])));
  for (const [name, values, change] of rows) lines.push(`${padColumns(name, w0)}  ${padColumns(values, w1)}  ${change}`);

  lines.push('');
  const b0 = first.barrier ? plainLine(first.barrier.title) : 'none';
  const b1 = last.barrier ? plainLine(last.barrier.title) : 'none';
  lines.push(`Barrier point: ${b0 === b1 ? `still ${b1}` : `${b0} then, ${b1} now`}`);
  const names = (refs: { title: string }[]) => (refs.length === 0 ? 'none' : refs.map((r) => plainLine(r.title)).join(', '));
  lines.push(`Pilots new: ${names(trend.pilots.added)}; no longer recommended: ${names(trend.pilots.dropped)}`);
  if (trend.leftOut.length > 0) {
    lines.push(paint.dim(`Compared on shared ids only: ${trend.leftOut.length} dimension(s) and question(s) left out (see the report).`));
  }
  lines.push('');
  for (const s of trend.summary) lines.push(`- ${plainLine(s)}`);
  return `${lines.join('\n')}\n`;
}
