// Markdown from a report's document tree (./doc.ts), printed by
// mdast-util-to-markdown with GitHub's extensions (tables, autolink
// literals, strikethrough) from mdast-util-gfm. The library escapes every
// text node: hostile text can never start a block, close a table cell, open
// a link or inject HTML. The options below match the repository's
// markdownlint config (dash bullets, underscore emphasis, fenced code).
import type { Root, Table, Text } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { defaultHandlers, toMarkdown, type Handle, type Options, type ConstructName, type SafeConfig, type State, type Unsafe } from 'mdast-util-to-markdown';
import { mermaidLabel, plainLine } from './text.js';

export { mermaidLabel, plainLine };

/** The Markdown text of a document tree, ending in exactly one newline. */
export function toMarkdownText(tree: Root): string {
  const md = toMarkdown(tree, markdownOptions());
  // No line ends in a space (markdownlint MD009), whatever text was empty.
  return `${md.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * The serializer's options; `libraryText` keeps the library's own text handler
 * (for the test that shows the quick one gives the same bytes).
 */
export function markdownOptions(libraryText = false): Options {
  return {
    ...(libraryText ? {} : { handlers: { text: quickText } }),
    extensions: [gfmExtension(!libraryText)],
    bullet: '-',
    emphasis: '_',
    strong: '*',
    fence: '`',
    fences: true,
    listItemIndent: 'one',
    rule: '-',
    incrementListMarker: true,
    // GitHub renders $…$ as math; the library does not know that extension.
    // "www." alone is not a link to GitHub but markdownlint calls it a bare URL (MD034).
    unsafe: [
      { character: '$', inConstruct: 'phrasing' },
      { character: '.', before: '[Ww]{3}', inConstruct: 'phrasing' },
    ],
  };
}

/**
 * The library's text handler, skipped where it would return the text as it is.
 * Its escaping (`safe`) only ever changes a text at a position that holds the
 * character of an unsafe pattern matching there, or at a backslash; this runs
 * just the patterns whose character occurs in the text (most texts hold none
 * of them: a table of a thousand results has tens of thousands of cells), with
 * the library's own compiled expressions on the same subject, skipping only
 * patterns for constructs that are not open (it may hand over more texts than
 * needed, never fewer).
 */
const quickText: Handle = (node, parent, state, info) => {
  const value = (node as Text).value;
  if (value.includes('\\') || mayEscape(state, value, info)) return defaultHandlers.text(node as Text, parent, state, info);
  return value;
};

/** `scoped`: the patterns of state.unsafe already found in scope for the open constructs (quickTable). */
function mayEscape(state: State, input: string, config: SafeConfig, scoped?: Unsafe[]): boolean {
  const value = (config.before || '') + input + (config.after || '');
  const offset = config.before ? config.before.length : 0;
  const end = value.length - (config.after ? config.after.length : 0);
  for (const pattern of scoped ?? state.unsafe) {
    if (!input.includes(pattern.character) || (!scoped && outOfScope(state.stack, pattern.inConstruct))) continue;
    const expression = state.compilePattern(pattern);
    const from = pattern.beforeNode ? offset : 0;
    const subject = value.slice(from, pattern.afterNode ? end : undefined);
    expression.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = expression.exec(subject))) {
      const lead = pattern.before || pattern.atBreak ? match[1]?.length : 0;
      const position = lead === undefined ? offset : from + match.index + lead;
      if (position >= offset && position < end) {
        expression.lastIndex = 0; // the library's own loop expects a fresh expression
        return true;
      }
    }
  }
  return false;
}

/** The pattern applies only inside constructs none of which is open (the library's rule for `inConstruct`). */
function outOfScope(stack: State['stack'], inConstruct: Unsafe['inConstruct']): boolean {
  if (inConstruct === undefined || inConstruct === null) return false;
  const list = typeof inConstruct === 'string' ? [inConstruct] : inConstruct;
  return list.length > 0 && !list.some((c) => stack.includes(c));
}

const gfm = new Map<boolean, Options>();
/** The table options given to mdast-util-gfm; `AROUND` is what its cells are serialized between. */
const TABLE_OPTIONS: { tablePipeAlign: boolean; tableCellPadding?: boolean } = { tablePipeAlign: false };
const AROUND = TABLE_OPTIONS.tableCellPadding ? ' ' : '|';

/**
 * GitHub's extensions, with unaligned tables (aligned columns make every
 * edit of a long cell a diff of the whole table) whose delimiter row reads
 * `| --- |` rather than the library's minimal `| - |`. With `quick`, tables
 * whose every cell is one text the serializer would not change are written
 * here (see quickTable).
 */
function gfmExtension(quick: boolean): Options {
  const known = gfm.get(quick);
  if (known) return known;
  const ext = gfmToMarkdown(TABLE_OPTIONS);
  for (const part of ext.extensions ?? []) {
    const table = part.handlers?.table as Handle | undefined;
    if (!table) continue;
    part.handlers!.table = (node, parent, state, info) => {
      const lines = ((quick ? quickTable(node as Table, state) : undefined) ?? table(node, parent, state, info)).split('\n');
      if (lines[1] !== undefined) lines[1] = lines[1].replace(/-+/g, '---');
      return lines.join('\n');
    };
  }
  gfm.set(quick, ext);
  return ext;
}

/**
 * A table as the library writes it (unaligned, padded, no alignment), or
 * undefined when a cell is not a single non-empty text that the serializer
 * would keep as it is: then the library writes the table. It is what the
 * library does for such tables without its per-cell machinery, which costs
 * tens of milliseconds for the thousands of cells of a long trend.
 */
function quickTable(node: Table, state: State): string | undefined {
  const width = node.children[0]?.children.length ?? 0;
  if (width === 0 || (node.align ?? []).some((a) => a !== null && a !== undefined)) return undefined;
  // the constructs the library opens around a cell's text, so that the same unsafe patterns apply
  const exits = (['table', 'tableRow', 'tableCell', 'phrasing'] as ConstructName[]).map((c) => state.enter(c));
  // every cell is seen in the same constructs between the same characters: a text kept once is kept
  // wherever it occurs (a long trend repeats the same few hundred scores thousands of times)
  const kept = new Set<string>();
  try {
    // the patterns in scope in a cell, and their characters: a text holding none of them is kept without a search
    const scoped = state.unsafe.filter((pattern) => !outOfScope(state.stack, pattern.inConstruct));
    const characters = new Set(scoped.map((pattern) => pattern.character));
    const single = [...characters].every((c) => c.length === 1);
    const clear = (text: string) => {
      if (!single) return false;
      for (let i = 0; i < text.length; i++) if (characters.has(text[i]!)) return false;
      return true;
    };
    let out = '';
    for (let r = 0; r < node.children.length; r++) {
      const row = node.children[r]!;
      if (row.children.length !== width) return undefined;
      let line = '|';
      for (const cell of row.children) {
        const only = cell.children.length === 1 ? cell.children[0] : undefined;
        if (only?.type !== 'text') return undefined;
        const value = only.value;
        if (!kept.has(value)) {
          if (value === '' || value.includes('\\')) return undefined;
          if (!clear(value) && mayEscape(state, value, { before: AROUND, after: AROUND }, scoped)) return undefined;
          kept.add(value);
        }
        line += ` ${value} |`;
      }
      out += r === 0 ? `${line}\n|${' - |'.repeat(width)}` : `\n${line}`;
    }
    return out;
  } finally {
    for (const exit of exits.reverse()) exit();
  }
}
