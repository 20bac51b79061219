// A blank answers file for a questionnaire: the header fields, then one
// entry per question id, with the question and its allowed values as comments.
// The shape is AnswersFile (src/model/answers.ts); `assess --answers` reads it.
import { stringify } from 'yaml';
import type { Question, Questionnaire } from '../model/questionnaire.js';
import { DONT_KNOW, NOT_APPLICABLE } from '../model/special-answers.js';
import { allowedAnswers, describeCondition } from './questionnaire-json.js';

/** A YAML scalar written so that it reads back as the same string (quoted only when needed). */
function yamlScalar(text: string): string {
  return stringify(text, { lineWidth: 0 }).trimEnd();
}

/** Comment lines for free text, one per line of the text. */
function comment(text: string, indent: string): string[] {
  return text
    .trim()
    .split('\n')
    .map((line) => `${indent}#${line.trim() ? ` ${line.trimEnd()}` : ''}`);
}

/** "likert: 1 = Strongly disagree, 2 = Disagree; or dont-know" */
export function allowedValuesText(q: Questionnaire, question: Question): string {
  const pair = (value: unknown, label: string) =>
    String(value).toLowerCase() === label.toLowerCase() ? String(value) : `${String(value)} = ${label}`;
  let text: string;
  switch (question.type) {
    case 'yesno':
      text = 'yes or no';
      break;
    case 'number': {
      const range =
        question.min !== undefined && question.max !== undefined
          ? `a number from ${question.min} to ${question.max}`
          : question.min !== undefined
            ? `a number, at least ${question.min}`
            : question.max !== undefined
              ? `a number, at most ${question.max}`
              : 'a number';
      text = question.unit ? `${range} (${question.unit})` : range;
      break;
    }
    case 'text':
      text = 'free text (put it in quotes if it contains a colon)';
      break;
    case 'multiple': {
      const options = allowedAnswers(q, question) ?? [];
      const example = options.filter((o) => !o.exclusive).slice(0, 2).map((o) => String(o.value));
      text = `one or more, as a list like [${example.join(', ')}]: ${options
        .map((o) => `${pair(o.value, o.label)}${o.exclusive ? ' (only on its own)' : ''}`)
        .join(', ')}`;
      break;
    }
    default: {
      const options = allowedAnswers(q, question) ?? [];
      text = `one of: ${options.map((o) => pair(o.value, o.label)).join(', ')}`;
    }
  }
  const extras = [question.allowDontKnow ? DONT_KNOW : undefined, question.allowNotApplicable ? NOT_APPLICABLE : undefined].filter(Boolean);
  return extras.length ? `${text}; or ${extras.join(' or ')}` : text;
}

/** The answers-file template as YAML text. */
export function renderTemplate(q: Questionnaire): string {
  const lines: string[] = [
    `# Answers to "${q.title}" (${q.id}, version ${q.version}), about ${q.minutes} minute${q.minutes === 1 ? '' : 's'}.`,
    '# Write each answer after its question id; leave a question blank to skip it.',
    '# An answer may carry a note:  some-id: { value: 3, note: "only in the sales team" }',
    '# Then score it with:  readiness assess --answers <this file>',
    `questionnaire: ${yamlScalar(q.id)}`,
    'organization:',
    'respondent:',
    'role:',
    'date:          # YYYY-MM-DD; blank means the day you run readiness assess',
    'answers:',
  ];
  const titles = new Map(q.dimensions.map((d) => [d.id, d.title]));
  let currentDimension: string | undefined;
  for (const question of q.questions) {
    if (question.dimension !== currentDimension) {
      currentDimension = question.dimension;
      lines.push('', `  # == ${titles.get(question.dimension) ?? question.dimension} ==`);
    }
    lines.push('');
    lines.push(...comment(question.text, '  '));
    lines.push(`  # ${question.type} — ${allowedValuesText(q, question)}`);
    const notes: string[] = [];
    if (!question.required) notes.push('optional');
    if (question.when) notes.push(`answer only if ${describeCondition(question.when, q)}`);
    if (notes.length) lines.push(`  # (${notes.join('; ')})`);
    lines.push(`  ${yamlScalar(question.id)}:`);
  }
  return `${lines.join('\n')}\n`;
}
