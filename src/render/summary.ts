// The short terminal summary printed after an assessment: level, overall
// score, one bar per dimension, the barrier point, the pilots and the paths
// written. Pure: colour comes in as a Paint (identity when colour is off) and
// the width as a number, so tests see exactly what a user sees.
import type { DimensionResult, Result } from '../model/result.js';
import { textBar } from './chart.js';
import { showOnScale, showScore, showScoreWithScale } from './score-display.js';
import { displayWidth, plainLine, truncate, wrap } from './text.js';
import { planSummaryLines } from './plan-section.js';

// re-exported: the interface lives on its own so that plain output loads no renderer
export { plainPaint, type Paint } from './paint.js';
import type { Paint } from './paint.js';

export interface SummaryPaths {
  report?: string;
  result?: string;
}

/** Below this many columns a dimension's title goes on its own line above its bar. */
const TWO_LINE_BELOW = 60;
const MIN_WIDTH = 40;
const MAX_WIDTH = 120;
const BARRIER_MARK = ' ◀ barrier';
const LOW_MARK = ' (low coverage)';
const NOT_SCORED_MARK = ' (not scored: too few answers)';

export function renderSummary(result: Result, paths: SummaryPaths, paint: Paint, width: number): string {
  const w = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.floor(Number.isFinite(width) ? width : 80)));
  const out: string[] = [];
  const rankColour = levelColours(result, paint);
  const bands = result.levels.flatMap((l) => [l.min, l.max]);

  // Heading: who and what.
  const org = plainLine(result.organization);
  const header = [org, plainLine(result.questionnaire.title), plainLine(result.date)].filter((s) => s !== '').join(' · ');
  out.push(...wrap(header, w).map((l) => paint.bold(l)));
  if (result.respondents.count > 1) out.push(paint.dim(`${result.respondents.count} respondents`));

  // Level and overall score.
  const level = result.overall.level;
  if (level && result.overall.score !== null) {
    const colour = rankColour(level.id);
    const lines = wrap(`Readiness: ${plainLine(level.label)} · overall ${showScoreWithScale(result.overall.score, result.overall.display, bands)}`, w);
    out.push(...lines.map((l) => paint.bold(colour(l))));
    const uncapped = result.overall.uncappedLevel;
    if (result.overall.gates.length > 0 && uncapped && uncapped.id !== level.id) {
      const reasons = result.overall.gates.map((g) => plainLine(g.reason)).join(' ');
      out.push(...indent(wrap(`Held at ${plainLine(level.label)} (scores alone: ${plainLine(uncapped.label)}). ${reasons}`, w - 2), '  ').map(paint.dim));
    }
  } else if (result.dimensions.some((d) => d.inOverall === false && d.score !== null)) {
    out.push(...wrap('No overall score: the scored dimensions are reported on their own scales.', w));
  } else {
    out.push(...wrap('No scored answers: no overall score or level yet.', w));
  }
  if (result.partial) out.push(...wrap('Partial: some required questions were not answered.', w).map(paint.yellow));

  // One bar per dimension.
  out.push('');
  out.push(...dimensionBars(result, paint, rankColour, w));

  // The barrier point.
  out.push('');
  if (result.barrier) {
    const b = result.barrier;
    const barrierScale = result.dimensions.find((d) => d.id === b.dimension)?.display;
    out.push(
      ...wrap(`Fix this first: ${plainLine(b.title)} (${showScoreWithScale(b.score, barrierScale, [...bands, b.threshold])}, threshold ${barrierScale ? showScoreWithScale(b.threshold, barrierScale) : showScore(b.threshold)})`, w).map((l, i) =>
        i === 0 ? paint.bold(paint.red(l)) : paint.red(l),
      ),
    );
  } else {
    out.push(...wrap(result.barrierPoint === false ? 'No barrier point: this questionnaire has none.' : 'No dimension is below its threshold.', w).map(paint.green));
  }

  // Pilots, titles only.
  if (result.pilots.length > 0) {
    out.push(paint.bold('Recommended pilots:'));
    result.pilots.forEach((p, i) => {
      const prefix = `  ${i + 1}. `;
      const lines = wrap(plainLine(p.title), w - prefix.length);
      out.push(...lines.map((l, n) => (n === 0 ? prefix : ' '.repeat(prefix.length)) + paint.cyan(l)));
    });
  } else if (result.pilotsOffered !== false) {
    // point to the report's "not yet" list only when it has something in it
    out.push(...wrap(result.notYet.length > 0 ? 'No pilot fits yet: see the report for what must change first.' : 'No pilot fits the current scores yet.', w));
  }

  // What moved since the last round, targets, overdue actions (results made with plan data).
  const planLines = planSummaryLines(result, w);
  if (planLines.length > 0) out.push('', ...planLines);

  // Paths: never wrapped or truncated, so they can be copied.
  const written: [string, string | undefined][] = [
    ['Report', paths.report],
    ['Result', paths.result],
  ];
  if (written.some(([, p]) => p)) out.push('');
  for (const [label, p] of written) if (p) out.push(`${paint.dim(`${label}:`)} ${plainLine(p)}`);

  return `${out.join('\n')}\n`;
}

function indent(lines: string[], prefix: string): string[] {
  return lines.map((l) => prefix + l);
}

/** Colour by a level's rank: lowest red, highest green, the rest yellow. */
function levelColours(result: Result, paint: Paint): (levelId: string | undefined) => (s: string) => string {
  const sorted = [...result.levels].sort((a, b) => a.min - b.min);
  return (levelId) => {
    const i = sorted.findIndex((l) => l.id === levelId);
    if (i < 0) return (s) => s;
    if (i === 0) return paint.red;
    if (i === sorted.length - 1) return paint.green;
    return paint.yellow;
  };
}

function dimensionBars(result: Result, paint: Paint, rankColour: (id: string | undefined) => (s: string) => string, w: number): string[] {
  const dims = result.dimensions;
  const titles = dims.map((d) => plainLine(d.title) || d.id);
  const twoLine = w < TWO_LINE_BELOW;
  // a score on its own scale follows the bar ("  60 net score +20"), before any mark
  const marks = dims.map((d) => {
    const own = d.display && d.score !== null && d.display.kind !== 'score' ? ` ${showOnScale(d.score, d.display, [...result.levels.flatMap((l) => [l.min, l.max]), d.threshold])}` : '';
    return own + mark(result, d);
  });
  const markWidth = Math.max(0, ...marks.map(displayWidth));
  // " 100", wider when a score needs decimals to stay on its side of a threshold ("  49.6")
  const bands = result.levels.flatMap((l) => [l.min, l.max]);
  const scores = dims.map((d) => showScore(d.score, [...bands, d.threshold]));
  const scoreWidth = Math.max(4, ...scores.map((t) => t.length + 1));
  const out: string[] = [];

  if (twoLine) {
    const barWidth = Math.max(10, w - 2 - scoreWidth - markWidth);
    dims.forEach((d, i) => {
      out.push(...wrap(titles[i]!, w).map(paint.bold));
      out.push(`  ${barLine(d, scores[i]!, scoreWidth, barWidth, paint, rankColour)}${paintMark(marks[i]!, paint)}`);
    });
    return out;
  }

  const labelWidth = Math.min(Math.max(0, ...titles.map(displayWidth)), Math.floor(w * 0.35));
  const barWidth = Math.max(10, Math.min(50, w - labelWidth - 2 - scoreWidth - markWidth));
  dims.forEach((d, i) => {
    const label = truncate(titles[i]!, labelWidth);
    const pad = ' '.repeat(Math.max(0, labelWidth - displayWidth(label)));
    out.push(`${label}${pad}  ${barLine(d, scores[i]!, scoreWidth, barWidth, paint, rankColour)}${paintMark(marks[i]!, paint)}`);
  });
  return out;
}

function mark(result: Result, d: DimensionResult): string {
  if (result.barrier?.dimension === d.id) return BARRIER_MARK;
  if (d.score === null && d.minCoverage !== undefined && d.minCoverage > 0 && (d.answered ?? 0) > 0) return NOT_SCORED_MARK;
  if (!d.reliable) return LOW_MARK;
  return '';
}

function paintMark(m: string, paint: Paint): string {
  if (m.endsWith(BARRIER_MARK)) return m.slice(0, -BARRIER_MARK.length) + paint.bold(paint.red(BARRIER_MARK));
  return m === '' ? '' : paint.dim(m);
}

function barLine(
  d: DimensionResult,
  scoreText: string,
  scoreWidth: number,
  barWidth: number,
  paint: Paint,
  rankColour: (id: string | undefined) => (s: string) => string,
): string {
  const colour = d.score === null ? paint.dim : d.score < d.threshold ? paint.red : rankColour(d.level?.id);
  const score = scoreText.padStart(scoreWidth);
  return `${colour(textBar(d.score, barWidth))}${score}`;
}
