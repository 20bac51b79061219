// The interview guide that `readiness show` prints: what a consultant needs in
// front of them to run the interview on paper. Plain text, no colour.
import type { Question, Questionnaire } from '../model/questionnaire.js';
import { boxRuleOf, isScored } from '../score/item.js';
import { allowedAnswers, describeCondition, orderedLevels } from './questionnaire-json.js';

const TYPE_NAMES: Record<Question['type'], string> = {
  likert: 'rating scale',
  single: 'single choice',
  multiple: 'multiple choice',
  yesno: 'yes / no',
  number: 'number',
  text: 'free text',
};

/** Indents every line of `text` (which may span several lines). */
function indented(text: string, indent: string): string[] {
  return text
    .trim()
    .split('\n')
    .map((line) => (line.trim() ? `${indent}${line.trimEnd()}` : ''));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function questionLines(q: Questionnaire, question: Question, number: number): string[] {
  const lines: string[] = [];
  const [first, ...rest] = question.text.trim().split('\n');
  lines.push(`  ${number}. ${first!.trim()}`);
  for (const line of rest) lines.push(`     ${line.trim()}`);

  const facts = [question.id, TYPE_NAMES[question.type]];
  if (question.weight !== 1) facts.push(`weight ${question.weight}`);
  if (!question.required) facts.push('optional');
  if (question.reverse) facts.push('reverse-scored');
  if (!isScored(q, question)) facts.push('not scored');
  lines.push(`     [${facts.join(' · ')}]`);

  if (question.help) {
    const [h, ...more] = question.help.trim().split('\n');
    lines.push(`     Why it matters: ${h!.trim()}`);
    for (const line of more) lines.push(`       ${line.trim()}`);
  }
  if (question.when) lines.push(`     Ask only if: ${describeCondition(question.when, q)}`);
  const box = boxRuleOf(q, question);
  if (box) {
    const list = (values: readonly (string | number)[] | undefined) => (values ?? []).map(String).join(', ');
    lines.push(
      box.method === 'net'
        ? `     Scored as a net score: share answering ${list(box.high)} minus share answering ${list(box.low)}`
        : `     Scored as a top-box share: share answering ${list(box.high)}`,
    );
  }

  const options = allowedAnswers(q, question);
  if (options) {
    const width = Math.max(...options.map((o) => String(o.value).length));
    const labelWidth = Math.max(...options.map((o) => o.label.length));
    lines.push(`     Answers${question.type === 'multiple' ? ' (choose any; the scores add up to at most 1)' : ''}:`);
    for (const o of options) {
      const score = o.score === undefined ? '' : `  score ${o.score}`;
      const excl = o.exclusive ? '  (only on its own)' : '';
      lines.push(`       ${String(o.value).padEnd(width)}  ${o.label.padEnd(labelWidth)}${score}${excl}`.trimEnd());
    }
  } else if (question.type === 'number') {
    const bounds =
      question.min !== undefined && question.max !== undefined
        ? `from ${question.min} to ${question.max}`
        : question.min !== undefined
          ? `at least ${question.min}`
          : question.max !== undefined
            ? `at most ${question.max}`
            : 'any number';
    lines.push(`     Answer: ${bounds}${question.unit ? ` ${question.unit}` : ''}`);
    if (question.scoring) {
      const { worst, best } = question.scoring;
      lines.push(`     Scoring: ${worst} or ${best > worst ? 'less' : 'more'} scores 0, ${best} or ${best > worst ? 'more' : 'less'} scores 1${question.reverse ? ' (before reversing)' : ''}`);
    }
  } else {
    lines.push('     Answer: in their own words');
  }
  const extras = [question.allowDontKnow ? `"don't know" (dont-know)` : '', question.allowNotApplicable ? '"not applicable" (n/a)' : ''].filter(Boolean);
  if (extras.length) lines.push(`     Also allowed: ${extras.join(', ')}`);
  return lines;
}

/** The questionnaire as a readable interview guide. */
export function renderGuide(q: Questionnaire): string {
  const out: string[] = [];
  out.push(q.title);
  out.push(`${q.id} · version ${q.version} · about ${plural(q.minutes, 'minute')} · ${plural(q.questions.length, 'question')} in ${plural(q.dimensions.length, 'dimension')}`);
  out.push('');
  out.push(...indented(q.description, ''));

  const dimensions = new Map(q.dimensions.map((d) => [d.id, d]));
  let current: string | undefined;
  q.questions.forEach((question, index) => {
    if (question.dimension !== current) {
      current = question.dimension;
      const d = dimensions.get(current);
      out.push('');
      out.push(`== ${d?.title ?? current} (${current}) ==`);
      if (d) {
        const facts = [`weight ${d.weight}`, q.barrierPoint === false ? `threshold ${d.threshold}` : `a barrier below ${d.threshold}`];
        out.push(...indented(d.description, ''));
        if (d.why) out.push(`Why it matters: ${d.why.trim()}`);
        out.push(`[${facts.join(' · ')}]`);
      }
    }
    out.push('');
    out.push(...questionLines(q, question, index + 1));
  });

  out.push('', '== Readiness levels ==');
  for (const level of orderedLevels(q)) {
    out.push(`  ${level.label} (${level.id}): ${level.min} to ${level.max === 100 ? '100' : `below ${level.max}`}`);
    out.push(...indented(level.description, '    '));
  }

  if (q.gates.length) {
    out.push('', '== Gates ==');
    const labels = new Map(q.levels.map((l) => [l.id, l.label]));
    for (const gate of q.gates) {
      out.push(`  ${gate.id}: at most "${labels.get(gate.cap) ?? gate.cap}" when ${describeCondition(gate.when, q)}`);
      out.push(...indented(gate.reason, '    '));
    }
  }

  if (q.pilots.length) {
    out.push('', '== Pilots ==');
    for (const pilot of [...q.pilots].sort((a, b) => b.priority - a.priority)) {
      out.push('');
      out.push(`  ${pilot.title} (${pilot.id}, ${pilot.duration})`);
      out.push(...indented(pilot.summary, '    '));
      out.push(`    Fits when: ${describeCondition(pilot.fits, q)}`);
      for (const blocker of pilot.notYet) out.push(`    Not yet while: ${describeCondition(blocker.when, q)}; first: ${blocker.fix.trim()}`);
    }
  }
  return `${out.join('\n')}\n`;
}
