// A blank answers file for a questionnaire: the header fields, then one
// entry per question id, with the question and its allowed values as comments.
// The shape is AnswersFile (src/model/answers.ts); `assess --answers` reads it.
import { stringify } from 'yaml';
import type { Answer } from '../model/answers.js';
import type { Question, Questionnaire } from '../model/questionnaire.js';
import { DONT_KNOW, NOT_APPLICABLE } from '../model/special-answers.js';
import { allowedAnswers, describeCondition } from './questionnaire-json.js';
import { hasActiveText, quoteInert } from '../errors.js';

/**
 * A YAML scalar written so that it reads back as the same string (quoted only when needed). A text
 * holding a control or bidirectional character (a note typed with U+202E) is double-quoted with
 * that character as a \u escape, which YAML reads back as the same text: the file is printed to
 * the terminal without -o, and an editor shows the escape instead of text reading backwards.
 */
function yamlScalar(text: string): string {
  if (hasActiveText(text)) return quoteInert(text);
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

/** What a pre-filled answers file holds besides the questions: one respondent's header and answers. */
export interface FilledAnswers {
  organization?: string;
  respondent?: string;
  role?: string;
  /** YYYY-MM-DD; absent: left blank (the day `assess` runs). */
  date?: string;
  /** Respondent attributes such as unit or site (attribute -> value). */
  segments?: Record<string, string>;
  /** Answers by question id; questions without one are left blank. */
  answers: Record<string, Answer>;
  /** First comment lines, e.g. where the answers came from. */
  comments?: string[];
}

/** The YAML text of one answer entry (flow style), or '' for a blank. */
function entryText(answer: Answer | undefined): string {
  if (!answer) return '';
  const value = answer.status === 'answered' ? answer.value : answer.status === 'dont-know' ? DONT_KNOW : answer.status === 'not-applicable' ? NOT_APPLICABLE : null;
  const entry = answer.note !== undefined && answer.note.trim() !== '' ? { value, note: answer.note } : value;
  if (entry === null) return '';
  return flowText(entry);
}

/** One line of YAML flow style: strings with line breaks as JSON strings (valid YAML), others as plain as they can be. */
function flowText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${flowText(x)}`).join(', ')} }`;
  if (typeof v === 'string') {
    if (hasActiveText(v)) return quoteInert(v);
    if (/[\r\n]/.test(v)) return JSON.stringify(v);
    const plain = yamlScalar(v);
    // inside a flow collection, commas and brackets need quotes too
    return /[,[\]{}]/.test(plain) && !/^["']/.test(plain) ? JSON.stringify(v) : plain;
  }
  return String(v);
}

/** A header line `key: value`, blank when there is no value. */
function headerLine(key: string, value: string | undefined, comment = ''): string {
  const text = value === undefined || value.trim() === '' ? `${key}:` : `${key}: ${yamlScalar(value)}`;
  return comment ? `${text.padEnd(14)} ${comment}` : text;
}

/**
 * The answers-file template as YAML text; with `filled`, a pre-filled answers
 * file in the same shape (the interview writes one per respondent, and
 * `template --from` writes one from an earlier answers file or result).
 */
export function renderTemplate(q: Questionnaire, filled?: FilledAnswers): string {
  const segments = Object.entries(filled?.segments ?? {});
  const lines: string[] = [
    ...(filled?.comments ?? []).flatMap((c) => comment(c, '')),
    `# Answers to "${q.title}" (${q.id}, version ${q.version}), about ${q.minutes} minute${q.minutes === 1 ? '' : 's'}.`,
    '# Write each answer after its question id; leave a question blank to skip it.',
    '# An answer may carry a note:  some-id: { value: 3, note: "only in the sales team" }',
    '# Segments (optional) group respondents in the report, e.g.  segments: { unit: Sales, site: Leeds }',
    '# Then score it with:  readiness assess --answers <this file>',
    `questionnaire: ${yamlScalar(q.id)}`,
    headerLine('organization', filled?.organization),
    headerLine('respondent', filled?.respondent),
    headerLine('role', filled?.role),
    headerLine('date', filled?.date, '# YYYY-MM-DD; blank means the day you run readiness assess'),
    ...(segments.length > 0 ? ['segments:', ...segments.map(([k, v]) => `  ${yamlScalar(k)}: ${yamlScalar(v)}`)] : []),
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
    const entry = entryText(filled?.answers[question.id]);
    lines.push(`  ${yamlScalar(question.id)}:${entry ? ` ${entry}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
