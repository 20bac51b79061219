// The trend report: what changed between assessments, for a team's wiki or a
// client. Built once as a document tree (mdast, see ./doc.ts) and printed to
// Markdown (renderTrend) or HTML (./html.ts). Pure: the same Trend gives the
// same bytes.
import type { Root, RootContent } from 'mdast';
import type { Arrow, DimensionTrend, QuestionMove, Trend, TrendPoint } from '../model/trend.js';
import { mermaidXy, textBar } from './chart.js';
import { codeBlock, heading, headingText, p, root, table, ul } from './doc.js';
import { mermaidLabel, plainLine, toMarkdownText } from './markdown.js';
import { showOnScale, showScore, showShare } from './score-display.js';

type Blocks = RootContent[];

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
const score = (s: number | null): string => {
  let text = scoreTexts.get(s);
  if (text === undefined) {
    text = showScore(s, [], 1);
    if (scoreTexts.size < 4096) scoreTexts.set(s, text);
  }
  return text;
};
/** Scores as printed: a long trend prints the same few hundred scores thousands of times (in its tables and its text chart). */
const scoreTexts = new Map<number | null, string>();
/** The cut-off the note under the confidence table names (a summary does not carry its questionnaire's own). */
const LOW_COVERAGE = 0.6;
// as the assessment's report prints coverage: half away from zero without float noise (0.145 is 15%, not 14%),
// and never on the other side of the cut-off (0.595 is "59.5% (low)", not "60% (low)")
const pct = (c: number) => showShare(c, [LOW_COVERAGE]);

/** The trend report as Markdown (GitHub flavoured), ending in one newline. */
export function renderTrend(trend: Trend): string {
  return toMarkdownText(buildTrend(trend));
}

/** The trend report as a document tree (mdast root); print it with ./markdown.ts or ./html.ts. */
export function buildTrend(trend: Trend): Root {
  const blocks: Blocks[] = [
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
  ];
  return root(blocks.flat());
}

function orgText(trend: Trend): string {
  const names = trend.organizations.map(plainLine).filter((n) => n !== '');
  return names.length === 0 ? 'the organization' : names.join(' and ');
}

function title(trend: Trend): Blocks {
  const n = trend.points.length;
  const questionnaires = [...new Set(trend.points.map((pt) => `${plainLine(pt.questionnaire.title)} (${plainLine(pt.questionnaire.id)} ${plainLine(pt.questionnaire.version)})`))];
  return [
    heading(1, `Readiness trend: ${headingText(orgText(trend), 'the organization')}`),
    p(`${orgText(trend)}, ${n} assessments from ${trend.from} to ${trend.to}, with ${questionnaires.join(' and ')}.`),
  ];
}

function summary(trend: Trend): Blocks {
  return [heading(2, 'Summary'), ul(trend.summary.map((s) => [s]))];
}

function overall(trend: Trend): Blocks {
  const shared = trend.overallBasis === 'shared-dimensions';
  const header = ['Date', 'Questionnaire', 'Respondents', 'Level', 'Overall score', ...(shared ? ['On shared dimensions'] : []), 'Change'];
  const rows = trend.points.map((pt) => [
    pt.label,
    `${pt.questionnaire.id} ${pt.questionnaire.version}`,
    pt.mix !== undefined ? plainLine(pt.mix) : String(pt.respondents),
    pt.level ? plainLine(pt.level.label) + (pt.partial ? ' (partial)' : '') : '—',
    score(pt.score),
    ...(shared ? [score(pt.comparable)] : []),
    changeText(pt.change, pt.arrow),
  ]);
  return [
    heading(2, 'Overall readiness'),
    table(header, rows),
    p(
      shared
        ? 'The change is computed on the shared dimensions only, because not every result has the same dimensions; the level is the one each result stored.'
        : 'The change is the difference from the previous assessment, in points out of 100.',
    ),
  ];
}

function dimensionCell(d: DimensionTrend, i: number): string {
  const pt = d.points[i]!;
  const flag = pt.score !== null && !pt.reliable ? ' *' : '';
  // a score with its own scale shows it beside the 0..100 value: "60 (net score +20)"
  const own = d.display && d.display.kind !== 'score' && pt.score !== null ? ` (${showOnScale(pt.score, d.display)})` : '';
  if (i === 0 || pt.change === null) return `${score(pt.score)}${own}${flag}`;
  return `${score(pt.score)}${own}${flag} ${changeText(pt.change, pt.arrow)}`;
}

function dimensions(trend: Trend): Blocks {
  const labels = trend.points.map((pt) => pt.label);
  const out: Blocks = [heading(2, 'Dimensions over time')];
  if (trend.dimensions.length === 0) {
    return [...out, p('The results share no dimension, so no dimension can be followed over time.')];
  }
  out.push(
    table(
      ['Dimension', ...labels, 'Overall change'],
      trend.dimensions.map((d) => [d.title, ...trend.points.map((_, i) => dimensionCell(d, i)), changeText(d.change, d.arrow)]),
    ),
    p(
      'Each score is followed by its change since the previous assessment: ↑ rose, ↓ fell, → moved less than one point. A * marks a score from fewer than 60% of its questions answered: read it with caution.',
    ),
    heading(3, 'Confidence: share of questions answered'),
    table(
      ['Dimension', ...labels],
      trend.dimensions.map((d) => [d.title, ...d.points.map((pt) => (pt.reliable ? pct(pt.coverage) : `${pct(pt.coverage)} (low)`))]),
    ),
  );
  return out;
}

function barrierLine(pt: TrendPoint, when: string): string {
  const b = pt.barrier;
  return b
    ? `${when} (${plainLine(pt.label)}): ${plainLine(b.title)}, ${showScore(b.score, [b.threshold], 1)} (below its threshold of ${b.threshold}).`
    : `${when} (${plainLine(pt.label)}): none; every dimension was at or above its threshold.`;
}

function barrier(trend: Trend): Blocks {
  const first = trend.points[0]!;
  const last = trend.points[trend.points.length - 1]!;
  return [
    heading(2, 'Barrier point'),
    p('The barrier point is the first dimension, in the questionnaire’s order, below its threshold: the one to work on first.'),
    ul([[barrierLine(first, 'Then')], [barrierLine(last, 'Now')]]),
  ];
}

function questionTable(moves: QuestionMove[], from: string, to: string): RootContent {
  return table(
    ['Question', 'Id', from, to, 'Change'],
    moves.map((m) => [m.text, m.questionId, String(m.from), String(m.to), changeText(m.change, m.arrow)]),
  );
}

function questions(trend: Trend): Blocks {
  const from = trend.points[0]!.label;
  const to = trend.points[trend.points.length - 1]!.label;
  return [
    heading(2, 'Questions that moved most'),
    p(`${trend.questions.compared} shared questions were answered both at ${from} and at ${to}; item scores are out of 100.`),
    heading(3, 'Moved up'),
    trend.questions.up.length > 0 ? questionTable(trend.questions.up, from, to) : p('No shared question rose by a point or more.'),
    heading(3, 'Moved down'),
    trend.questions.down.length > 0 ? questionTable(trend.questions.down, from, to) : p('No shared question fell by a point or more.'),
  ];
}

function pilots(trend: Trend): Blocks {
  const ids: { id: string; title: string }[] = [];
  for (const pt of trend.points) for (const x of pt.pilots) if (!ids.some((y) => y.id === x.id)) ids.push(x);
  const out: Blocks = [heading(2, 'Recommended pilots')];
  if (ids.length === 0) return [...out, p('No result recommended a pilot.')];
  // Titles from the latest result that recommends each pilot.
  const titleOf = (id: string) => [...trend.points].reverse().flatMap((pt) => pt.pilots).find((x) => x.id === id)!.title;
  const first = trend.points[0]!.label;
  const list = (refs: { title: string }[]) => (refs.length === 0 ? 'none' : refs.map((r) => plainLine(r.title)).join(', '));
  out.push(
    table(
      ['Pilot', ...trend.points.map((pt) => pt.label)],
      ids.map(({ id }) => [titleOf(id), ...trend.points.map((pt) => (pt.pilots.some((x) => x.id === id) ? '✓' : '—'))]),
    ),
    ul([
      [`New since ${plainLine(first)}: ${list(trend.pilots.added)}.`],
      [`No longer recommended: ${list(trend.pilots.dropped)}.`],
      [`Recommended then and now: ${list(trend.pilots.kept)}.`],
    ]),
  );
  return out;
}

function chart(trend: Trend): Blocks {
  const labels = trend.points.map((pt) => `"${mermaidLabel(pt.label, 'date')}"`);
  const overallSeries = trend.points.map((pt) => pt.comparable);
  const out: Blocks = [heading(2, 'Trend chart')];
  // Mermaid cannot label lines, so only the overall score is drawn there (one labelled bar per
  // date); every dimension is in the text chart below, each line named.
  if (overallSeries.every((s) => s !== null)) {
    out.push(codeBlock('mermaid', mermaidXy('Overall readiness over time', labels, [`  bar [${overallSeries.map(score).join(', ')}]`], false)));
    out.push(p('The bars show the overall score at each assessment. The dimensions follow in text, one named bar per date:'));
  } else {
    out.push(p('Each dimension in text, one named bar per date:'));
  }
  out.push(codeBlock('text', textChart(trend).join('\n')));
  return out;
}

/** Bars per series and date, readable in any viewer. The serializer picks a fence longer than any backtick run. */
function textChart(trend: Trend): string[] {
  const series = [
    { name: 'Overall', scores: trend.points.map((pt) => pt.comparable) },
    ...trend.dimensions.map((d) => ({ name: plainLine(d.title).replace(/`/g, "'"), scores: d.points.map((pt) => pt.score) })),
  ];
  const nameWidth = Math.min(32, Math.max(...series.map((s) => s.name.length)));
  const labelWidth = Math.max(...trend.points.map((pt) => pt.label.length));
  // the parts every series repeats, made once: the padded labels, the blank name column, each bar and its score
  const labels = trend.points.map((pt) => pt.label.padEnd(labelWidth));
  const blank = ' '.repeat(nameWidth);
  const bars = new Map<number | null, string>();
  const bar = (s: number | null) => {
    let text = bars.get(s);
    if (text === undefined) {
      text = `${textBar(s, BAR_WIDTH)}  ${score(s)}`;
      if (bars.size < 4096) bars.set(s, text);
    }
    return text;
  };
  const out: string[] = [];
  series.forEach((s, k) => {
    if (k > 0) out.push('');
    const name = s.name.length > nameWidth ? `${s.name.slice(0, nameWidth - 1)}…` : s.name;
    for (let i = 0; i < labels.length; i++) {
      const head = i === 0 ? name.padEnd(nameWidth) : blank;
      out.push(`${head}  ${labels[i]}  ${bar(s.scores[i] ?? null)}`.trimEnd());
    }
  });
  return out;
}

function leftOut(trend: Trend): Blocks {
  if (trend.leftOut.length === 0 && trend.notes.length === 0) return [];
  const out: Blocks = [heading(2, 'What was left out')];
  if (trend.notes.length > 0) out.push(ul(trend.notes.map((n) => [n])));
  for (const kind of ['dimension', 'question'] as const) {
    const items = trend.leftOut.filter((l) => l.kind === kind);
    if (items.length === 0) continue;
    out.push(
      table(
        [kind === 'dimension' ? 'Dimension left out' : 'Question left out', 'Id', 'Why'],
        items.map((l) => [l.title, l.id, l.reason]),
      ),
    );
  }
  if (trend.leftOut.length === 0) out.push(p('Every dimension and question appears in every result.'));
  return out;
}

function sources(trend: Trend): Blocks {
  const withFiles = trend.points.some((pt) => pt.source !== undefined);
  return [
    heading(2, 'Results compared'),
    table(
      ['Date', 'Organization', 'Questionnaire', ...(withFiles ? ['File'] : [])],
      trend.points.map((pt) => [
        pt.label,
        pt.organization,
        `${pt.questionnaire.title} (${pt.questionnaire.id} ${pt.questionnaire.version})`,
        ...(withFiles ? [pt.source ?? '—'] : []),
      ]),
    ),
  ];
}
