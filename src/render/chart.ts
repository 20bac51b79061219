// Score charts: a text bar that reads in any viewer and a Mermaid bar chart
// that GitHub renders. Both are pure and take scores on 0..100.
import type { Code } from 'mdast';
import { codeBlock } from './doc.js';
import { mermaidLabel } from './text.js';

const FULL = '█';
const EMPTY = '░';
const TO_GO = '▒';

/** A bar of `width` cells for a 0..100 score, e.g. "████████░░". Null scores draw an empty bar. */
export function textBar(score: number | null, width: number): string {
  const w = Math.max(1, Math.floor(width));
  const filled = score === null ? 0 : Math.max(0, Math.min(w, Math.round((score / 100) * w)));
  return FULL.repeat(filled) + EMPTY.repeat(w - filled);
}

/**
 * A Mermaid `xychart-beta` bar chart of the scored items; null when none has a score.
 * `show` prints a value with the edges its item is judged against (a dimension's threshold),
 * so a bar's label reads as the tables do (default: whole numbers, as results before schema 2 were charted).
 */
export function mermaidBarChart(
  title: string,
  items: { label: string; score: number | null; edges?: readonly number[] }[],
  show: (score: number, edges: readonly number[]) => string = (score) => String(Math.round(score)),
): Code | null {
  const scored = items.filter((i): i is { label: string; score: number; edges?: readonly number[] } => i.score !== null);
  if (scored.length === 0) return null;
  const labels = scored.map((i, n) => `"${mermaidLabel(i.label, `D${n + 1}`)}"`);
  const values = scored.map((i) => show(i.score, i.edges ?? []));
  return codeBlock('mermaid', mermaidXy(title, labels, [`  bar [${values.join(', ')}]`], true));
}

/**
 * Mermaid `xychart-beta` source with its values printed on the bars. Horizontal
 * bars leave room for whole labels (vertical ones overlapped into one unreadable line).
 */
export function mermaidXy(title: string, labels: string[], series: string[], horizontal: boolean): string {
  return [
    '---',
    'config:',
    '  xyChart:',
    '    showDataLabel: true',
    '---',
    horizontal ? 'xychart-beta horizontal' : 'xychart-beta',
    `  title "${mermaidLabel(title, 'Scores', 60)}"`,
    `  x-axis [${labels.join(', ')}]`,
    '  y-axis "Score" 0 --> 100',
    ...series,
  ].join('\n');
}

/**
 * Today's score and a target on one bar of `width` cells (0..100): "█" up to today, "▒" from
 * today up to the target (nothing when the target is reached), "░" for the rest.
 */
export function targetBar(today: number | null, target: number, width: number): string {
  const w = Math.max(1, Math.floor(width));
  const cells = (score: number) => Math.max(0, Math.min(w, Math.round((score / 100) * w)));
  const done = today === null ? 0 : cells(today);
  const goal = Math.max(done, cells(target));
  return FULL.repeat(done) + TO_GO.repeat(goal - done) + EMPTY.repeat(w - goal);
}
