// Escaping for user-provided text (organization names, questionnaire texts,
// answers, notes) placed in generated Markdown. Every such string goes
// through `inline`, so hostile text can never start a block, close a table
// cell, open a link or inject HTML. The report uses no raw HTML at all.

import { plainLine } from './text.js';

export { plainLine };

/**
 * Escape text for inline use anywhere in the report: paragraphs, list items,
 * headings and table cells. Newlines collapse to spaces, Markdown
 * metacharacters are backslash-escaped, `<`/`>` become entities, things that
 * would auto-link (URLs, e-mail addresses) are defused.
 */
export function inline(text: unknown): string {
  let s = plainLine(text);
  s = s.replace(/\\/g, '\\\\');
  // Only `&` that would start an entity needs escaping; "R&D" stays readable.
  s = s.replace(/&(?=#?[a-zA-Z0-9]+;)/g, '&amp;');
  s = s.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // Emphasis, code, links/images/footnotes, table pipes, headings, strikethrough, GitHub math.
  s = s.replace(/[`*_[\]|#~$]/g, (c) => `\\${c}`);
  // Auto-links: scheme URLs, www. domains, e-mail addresses.
  s = s.replace(/:\/\//g, '\\://');
  s = s.replace(/(www)\./gi, '$1\\.');
  s = s.replace(/@/g, '\\@');
  // Block markers matter only at the start of a line; text may start a list item or a line.
  s = s.replace(/^([-+=])/, '\\$1');
  s = s.replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
  return s;
}

/** A table cell: escaped, never empty (an empty cell reads as missing data). */
export function cell(text: unknown, empty = '—'): string {
  const s = inline(text);
  return s === '' ? empty : s;
}

/** One table row from already-escaped cells; blank cells show "—" (and keep one space each side, markdownlint MD060). */
export function row(cells: string[]): string {
  return `| ${cells.map((c) => c.trim() || '—').join(' | ')} |`;
}

/** A complete GitHub table: header cells are escaped by the caller. */
export function table(header: string[], rows: string[][]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

/**
 * Heading text from user text: escaped, with trailing punctuation removed
 * (markdownlint MD026) and a fallback when nothing is left.
 */
export function headingText(text: unknown, fallback: string): string {
  const stripped = plainLine(text).replace(/[.,;:!。，；：！\s]+$/u, '');
  const s = inline(stripped);
  return s === '' ? inline(fallback) : s;
}

/** Labels inside a Mermaid chart: letters, digits and a little punctuation only, short. */
export function mermaidLabel(text: unknown, fallback: string, max = 24): string {
  let s = plainLine(text)
    .replace(/[^\p{L}\p{N} ,.'-]/gu, ' ')
    .replace(/ +/g, ' ')
    .trim();
  const chars = Array.from(s);
  if (chars.length > max) s = `${chars.slice(0, max - 1).join('').trimEnd()}…`;
  return s === '' ? fallback : s;
}
