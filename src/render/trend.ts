// The Markdown trend report: what changed between assessments, for a team's wiki.
// Pure: the same Trend gives the same bytes. Every user-provided string goes through
// the escaping in ./markdown.ts; the report contains no raw HTML.
import { showOnScale, showScore } from './score-display.js';
import type { Arrow, DimensionTrend, QuestionMove, Trend, TrendPoint } from '../model/trend.js';
import { textBar } from './chart.js';
import { cell, headingText, inline, mermaidLabel, plainLine, table } from './markdown.js';

/** The `## ` sections, in order; "What was left out" only appears when something was. */
export const TREND_SECTIONS = [
  'Summary',
  'Overall readiness',
  'Dimensions over time',
  'Barrier point',
  'Questions that moved most',
  'Recommended pilots',
  'Trend chart',
  'What was left out',
  'Results compared',
] as const;

const BAR_WIDTH = 20;

/** "+4.2", "−3", "0": a signed change in points. */
export function signed(change: number): string {
  if (change > 0) return `+${change}`;
  if (change < 0) return `−${Math.abs(change)}`;
  return '0';
}

/** "↑ +4.2" or "—" when there is no change to show. */
export function changeText(change: number | null, arrow: Arrow | null): string {
  return change === null || arrow === null ? '—' : `${arrow} ${signed(change)}`;
}

// Trends print scores to one decimal (changes are in tenths); the edge rule of score-display keeps a
// barrier's score on its side of the threshold. Results before schema 2 stored one decimal: unchanged.
const score = (s: number | null) => showScore(s, [], 1);
const pct = (c: number) => `${Math.round(c * 100)}%`;

export function renderTrend(trend: Trend): string {
  const blocks: string[][] = [
    title(trend),
    summary(trend),
    overall(trend),
    dimensions(trend),
    barrier(trend),
    questions(trend),
    pilots(trend),
    chart(trend),
    leftOut(trend),
    sources(trend),
  ].filter((b) => b.length > 0);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

function orgText(trend: Trend): string {
  const names = trend.organizations.map(plainLine).filter((n) => n !== '');
  return names.length === 0 ? 'the organization' : names.join(' and ');
}

function title(trend: Trend): string[] {
  const n = trend.points.length;
  const questionnaires = [...new Set(trend.points.map((p) => `${plainLine(p.questionnaire.title)} (${plainLine(p.questionnaire.id)} ${plainLine(p.questionnaire.version)})`))];
  return [
    `# Readiness trend: ${headingText(orgText(trend), 'the organization')}`,
    '',
    inline(`${orgText(trend)}, ${n} assessments from ${trend.from} to ${trend.to}, with ${questionnaires.join(' and ')}.`),
  ];
}

function summary(trend: Trend): string[] {
  return ['## Summary', '', ...trend.summary.map((s) => `- ${inline(s)}`)];
}

function overall(trend: Trend): string[] {
  const shared = trend.overallBasis === 'shared-dimensions';
  const header = ['Date', 'Questionnaire', 'Respondents', 'Level', 'Overall score', ...(shared ? ['On shared dimensions'] : []), 'Change'];
  const rows = trend.points.map((p) => [
    cell(p.label),
    cell(`${p.questionnaire.id} ${p.questionnaire.version}`),
    String(p.respondents),
    cell(p.level ? p.level.label + (p.partial ? ' (partial)' : '') : '—'),
    score(p.score),
    ...(shared ? [score(p.comparable)] : []),
    changeText(p.change, p.arrow),
  ]);
  const lines = ['## Overall readiness', '', ...table(header, rows)];
  lines.push(
    '',
    shared
      ? 'The change is computed on the shared dimensions only, because not every result has the same dimensions; the level is the one each result stored.'
      : 'The change is the difference from the previous assessment, in points out of 100.',
  );
  return lines;
}

function dimensionCell(d: DimensionTrend, i: number): string {
  const p = d.points[i]!;
  const flag = p.score !== null && !p.reliable ? ' \\*' : '';
  // a score with its own scale shows it beside the 0..100 value: "60 (net score +20)"
  const own = d.display && d.display.kind !== 'score' && p.score !== null ? ` (${showOnScale(p.score, d.display)})` : '';
  if (i === 0 || p.change === null) return `${score(p.score)}${own}${flag}`;
  return `${score(p.score)}${own}${flag} ${changeText(p.change, p.arrow)}`;
}

function dimensions(trend: Trend): string[] {
  const labels = trend.points.map((p) => cell(p.label));
  const lines = ['## Dimensions over time', ''];
  if (trend.dimensions.length === 0) {
    return [...lines, 'The results share no dimension, so no dimension can be followed over time.'];
  }
  lines.push(
    ...table(
      ['Dimension', ...labels, 'Overall change'],
      trend.dimensions.map((d) => [cell(d.title), ...trend.points.map((_, i) => dimensionCell(d, i)), changeText(d.change, d.arrow)]),
    ),
    '',
    'Each score is followed by its change since the previous assessment: ↑ rose, ↓ fell, → moved less than one point. A \\* marks a score from fewer than 60% of its questions answered: read it with caution.',
    '',
    '### Confidence: share of questions answered',
    '',
    ...table(
      ['Dimension', ...labels],
      trend.dimensions.map((d) => [cell(d.title), ...d.points.map((p) => (p.reliable ? pct(p.coverage) : `${pct(p.coverage)} (low)`))]),
    ),
  );
  return lines;
}

function barrierLine(p: TrendPoint, when: string): string {
  const b = p.barrier;
  return b
    ? `- ${when} (${inline(p.label)}): ${inline(b.title)}, ${showScore(b.score, [b.threshold], 1)} (below its threshold of ${b.threshold}).`
    : `- ${when} (${inline(p.label)}): none; every dimension was at or above its threshold.`;
}

function barrier(trend: Trend): string[] {
  const first = trend.points[0]!;
  const last = trend.points[trend.points.length - 1]!;
  return [
    '## Barrier point',
    '',
    'The barrier point is the first dimension, in the questionnaire’s order, below its threshold: the one to work on first.',
    '',
    barrierLine(first, 'Then'),
    barrierLine(last, 'Now'),
  ];
}

function questionTable(moves: QuestionMove[], from: string, to: string): string[] {
  return table(
    ['Question', 'Id', from, to, 'Change'],
    moves.map((m) => [cell(m.text), cell(m.questionId), String(m.from), String(m.to), changeText(m.change, m.arrow)]),
  );
}

function questions(trend: Trend): string[] {
  const from = cell(trend.points[0]!.label);
  const to = cell(trend.points[trend.points.length - 1]!.label);
  const lines = [
    '## Questions that moved most',
    '',
    inline(`${trend.questions.compared} shared questions were answered both at ${trend.points[0]!.label} and at ${trend.points[trend.points.length - 1]!.label}; item scores are out of 100.`),
    '',
    '### Moved up',
    '',
  ];
  lines.push(...(trend.questions.up.length > 0 ? questionTable(trend.questions.up, from, to) : ['No shared question rose by a point or more.']));
  lines.push('', '### Moved down', '');
  lines.push(...(trend.questions.down.length > 0 ? questionTable(trend.questions.down, from, to) : ['No shared question fell by a point or more.']));
  return lines;
}

function pilots(trend: Trend): string[] {
  const ids: { id: string; title: string }[] = [];
  for (const p of trend.points) for (const x of p.pilots) if (!ids.some((y) => y.id === x.id)) ids.push(x);
  const lines = ['## Recommended pilots', ''];
  if (ids.length === 0) return [...lines, 'No result recommended a pilot.'];
  // Titles from the latest result that recommends each pilot.
  const titleOf = (id: string) => [...trend.points].reverse().flatMap((p) => p.pilots).find((x) => x.id === id)!.title;
  lines.push(
    ...table(
      ['Pilot', ...trend.points.map((p) => cell(p.label))],
      ids.map(({ id }) => [cell(titleOf(id)), ...trend.points.map((p) => (p.pilots.some((x) => x.id === id) ? '✓' : '—'))]),
    ),
    '',
  );
  const first = trend.points[0]!.label;
  const list = (refs: { title: string }[]) => (refs.length === 0 ? 'none' : refs.map((r) => inline(r.title)).join(', '));
  lines.push(
    `- New since ${inline(first)}: ${list(trend.pilots.added)}.`,
    `- No longer recommended: ${list(trend.pilots.dropped)}.`,
    `- Recommended then and now: ${list(trend.pilots.kept)}.`,
  );
  return lines;
}

function chart(trend: Trend): string[] {
  const labels = trend.points.map((p) => `"${mermaidLabel(p.label, 'date')}"`);
  const overallSeries = trend.points.map((p) => p.comparable);
  const lines = ['## Trend chart', ''];
  const charted = trend.dimensions.filter((d) => d.points.every((p) => p.score !== null));
  const hasOverall = overallSeries.every((s) => s !== null);
  if (hasOverall || charted.length > 0) {
    lines.push('```mermaid', 'xychart-beta', '  title "Readiness over time"', `  x-axis [${labels.join(', ')}]`, '  y-axis "Score" 0 --> 100');
    if (hasOverall) lines.push(`  bar [${overallSeries.map(score).join(', ')}]`);
    for (const d of charted) lines.push(`  line [${d.points.map((p) => score(p.score)).join(', ')}]`);
    lines.push('```', '');
    const parts = [hasOverall ? 'bars show the overall score' : '', charted.length > 0 ? `lines show, in this order, ${charted.map((d) => inline(d.title)).join(', ')}` : ''].filter(Boolean);
    lines.push(`In the chart, ${parts.join('; ')}.`);
    const missing = trend.dimensions.filter((d) => !charted.includes(d));
    if (missing.length > 0) lines.push('', `Not charted because a score is missing at some point: ${missing.map((d) => inline(d.title)).join(', ')}.`);
    lines.push('');
  }
  lines.push('The same in text:', '', '```text', ...textChart(trend), '```');
  return lines;
}

/** Bars per series and date, readable in any viewer. Titles lose backticks so they cannot end the block. */
function textChart(trend: Trend): string[] {
  const series = [
    { name: 'Overall', scores: trend.points.map((p) => p.comparable) },
    ...trend.dimensions.map((d) => ({ name: plainLine(d.title).replace(/`/g, "'"), scores: d.points.map((p) => p.score) })),
  ];
  const nameWidth = Math.min(32, Math.max(...series.map((s) => s.name.length)));
  const labelWidth = Math.max(...trend.points.map((p) => p.label.length));
  const out: string[] = [];
  series.forEach((s, k) => {
    if (k > 0) out.push('');
    const name = s.name.length > nameWidth ? `${s.name.slice(0, nameWidth - 1)}…` : s.name;
    trend.points.forEach((p, i) => {
      const head = i === 0 ? name.padEnd(nameWidth) : ' '.repeat(nameWidth);
      out.push(`${head}  ${p.label.padEnd(labelWidth)}  ${textBar(s.scores[i] ?? null, BAR_WIDTH)}  ${score(s.scores[i] ?? null)}`.trimEnd());
    });
  });
  return out;
}

function leftOut(trend: Trend): string[] {
  if (trend.leftOut.length === 0 && trend.notes.length === 0) return [];
  const lines = ['## What was left out', ''];
  if (trend.notes.length > 0) lines.push(...trend.notes.map((n) => `- ${inline(n)}`), '');
  for (const kind of ['dimension', 'question'] as const) {
    const items = trend.leftOut.filter((l) => l.kind === kind);
    if (items.length === 0) continue;
    lines.push(
      ...table(
        [kind === 'dimension' ? 'Dimension left out' : 'Question left out', 'Id', 'Why'],
        items.map((l) => [cell(l.title), cell(l.id), cell(l.reason)]),
      ),
      '',
    );
  }
  if (trend.leftOut.length === 0) lines.push('Every dimension and question appears in every result.', '');
  lines.pop();
  return lines;
}

function sources(trend: Trend): string[] {
  const withFiles = trend.points.some((p) => p.source !== undefined);
  return [
    '## Results compared',
    '',
    ...table(
      ['Date', 'Organization', 'Questionnaire', ...(withFiles ? ['File'] : [])],
      trend.points.map((p) => [
        cell(p.label),
        cell(p.organization),
        cell(`${p.questionnaire.title} (${p.questionnaire.id} ${p.questionnaire.version})`),
        ...(withFiles ? [cell(p.source ?? '—')] : []),
      ]),
    ),
  ];
}
