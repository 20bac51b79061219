// The survey CSV template: a header row (a role column, then one column per
// question) and a mapping skeleton that ties each header to its question id.
// Pure: returns text; the command writes it.
//
// Headers are the question texts, because that is what respondents see and
// what form tools (Google Forms, Microsoft Forms, ...) put in their exports,
// so an export of a form built from this template matches without a mapping.
// Where two questions share a text, the id is used instead so that every
// header stays unambiguous. The mapping names the id of every column anyway,
// so an edited or translated header only needs its left side changed.
import type { Question, Questionnaire } from '../model/questionnaire.js';
import { DONT_KNOW, NOT_APPLICABLE } from '../model/special-answers.js';
import { optionsOf } from '../score/item.js';

/** The header of the role column: `assess --responses` finds a column of this name by itself. */
export const ROLE_HEADER = 'role';

export interface CsvTemplate {
  /** The header row, CRLF-terminated, with a BOM so that spreadsheet programs read accents right. */
  csv: string;
  /** The mapping skeleton (YAML). */
  mapping: string;
  /** The headers in order (role first). */
  headers: string[];
}

function csvCell(text: string): string {
  return /[",;\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** One header per question: its text, or its id when the text is shared or could be mistaken for the role column. */
export function questionHeaders(questionnaire: Questionnaire): Map<string, string> {
  const counts = new Map<string, number>();
  for (const q of questionnaire.questions) counts.set(normalized(q.text), (counts.get(normalized(q.text)) ?? 0) + 1);
  return new Map(
    questionnaire.questions.map((q) => {
      const key = normalized(q.text);
      return [q.id, counts.get(key)! > 1 || key === ROLE_HEADER ? q.id : q.text.replace(/\s+/g, ' ').trim()];
    }),
  );
}

function allowedAnswers(q: Question, questionnaire: Questionnaire): string {
  const options = optionsOf(questionnaire, q);
  const extra = [q.allowDontKnow ? "Don't know" : '', q.allowNotApplicable ? 'N/A' : ''].filter(Boolean);
  let answers: string;
  switch (q.type) {
    case 'yesno':
      answers = 'Yes / No';
      break;
    case 'number': {
      const bounds = q.min !== undefined && q.max !== undefined ? ` from ${q.min} to ${q.max}` : q.min !== undefined ? ` of at least ${q.min}` : q.max !== undefined ? ` up to ${q.max}` : '';
      answers = `a number${bounds}${q.unit ? ` (${q.unit})` : ''}`;
      break;
    }
    case 'text':
      answers = 'free text';
      break;
    case 'multiple':
      answers = `one or more of, separated by ";": ${(options ?? []).map((o) => o.label).join(' / ')}`;
      break;
    default:
      answers = (options ?? []).map((o) => o.label).join(' / ');
  }
  return [answers, ...extra].join(' / ').replace(/\s+/g, ' ');
}

function yamlKey(text: string): string {
  // a JSON string is a valid YAML double-quoted scalar
  return JSON.stringify(text);
}

export function renderCsvTemplate(questionnaire: Questionnaire, files: { csv: string }): CsvTemplate {
  const byQuestion = questionHeaders(questionnaire);
  const headers = [ROLE_HEADER, ...questionnaire.questions.map((q) => byQuestion.get(q.id)!)];
  const csv = `\uFEFF${headers.map(csvCell).join(',')}\r\n`;

  const lines: string[] = [
    `# Survey mapping for "${questionnaire.title}" (${questionnaire.id}, version ${questionnaire.version}).`,
    `# Written with ${files.csv} by \`readiness template ${questionnaire.id} --csv\`. Use it as:`,
    `#   readiness assess --responses export.csv --map <this file> -q ${questionnaire.id} --org "Your org"`,
    '#',
    '# columns: each CSV column header -> the question id it answers. If your form tool',
    '#   exports other headers (codes such as Q1, or reworded questions), change the left side.',
    '#   Columns matched by nothing (timestamps, e-mail addresses, ...) are ignored; write',
    '#   `Header: ~` to ignore one explicitly.',
    `# Answers may be given by value or by label, in any case; "${DONT_KNOW}" and "${NOT_APPLICABLE}"`,
    "#   also as \"Don't know\" and \"N/A\"; several choices separated by ; or ,.",
    '# values: optional answer aliases per question, e.g.',
    '#   values:',
    '#     <question-id>: { "Trifft voll zu": <option value> }',
    '# roles: optional grouping of role texts, e.g. { "Head of Sales": Leadership }.',
    '# respondentColumn: left out on purpose. Without it no name or e-mail address is read;',
    '#   even with it, names reach a report only with --show-respondents.',
    '',
    `questionnaire: ${questionnaire.id}`,
    `roleColumn: ${ROLE_HEADER}`,
    'columns:',
    ...questionnaire.questions.map((q) => `  ${yamlKey(byQuestion.get(q.id)!)}: ${q.id}  # ${q.type}: ${allowedAnswers(q, questionnaire)}`),
    '',
  ];
  return { csv, mapping: lines.join('\n'), headers };
}
