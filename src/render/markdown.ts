// Markdown from a report's document tree (./doc.ts), printed by
// mdast-util-to-markdown with GitHub's extensions (tables, autolink
// literals, strikethrough) from mdast-util-gfm. The library escapes every
// text node: hostile text can never start a block, close a table cell, open
// a link or inject HTML. The options below match the repository's
// markdownlint config (dash bullets, underscore emphasis, fenced code).
import type { Code, Heading, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, Text } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { defaultHandlers, toMarkdown, type Handle, type Info, type Options, type ConstructName, type SafeConfig, type State, type Unsafe } from 'mdast-util-to-markdown';
import { tableTexts } from './doc.js';
import { mermaidLabel, plainLine } from './text.js';

export { mermaidLabel, plainLine };

/** The Markdown text of a document tree, ending in exactly one newline. */
export function toMarkdownText(tree: Root): string {
  return endLines(toMarkdown(tree, markdownOptions()));
}

/**
 * `text` with no line ending in white space (markdownlint MD009, whatever text was empty)
 * and exactly one newline at the end. Lines are split and trimmed only when one of them
 * ends in white space: one scan of a long report (a trend of 1,000 results is 1.3 MB) costs
 * less than splitting it into ten thousand lines.
 */
export function endLines(text: string): string {
  const trimmed = /[^\S\n](?:\n|$)/.test(text) ? text.split('\n').map((l) => l.trimEnd()).join('\n') : text;
  let end = trimmed.length;
  while (end > 0 && trimmed.charCodeAt(end - 1) === 10) end--;
  return `${trimmed.slice(0, end)}\n`;
}

/**
 * The serializer's options; `libraryText` keeps the library's own text handler
 * (for the test that shows the quick one gives the same bytes).
 */
export function markdownOptions(libraryText = false): Options {
  return {
    // (the quick paragraph handler wraps GitHub's, which writes task list checks: see gfmExtension)
    ...(libraryText ? {} : { handlers: { text: quickText, heading: quickHeading, root: quickRoot, code: quickCode } }),
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
const quickText: Handle & { peek?: Handle } = (node, parent, state, info) => {
  const value = (node as Text).value;
  if (value.includes('\\') || mayEscape(state, value, info)) return defaultHandlers.text(node as Text, parent, state, info);
  return value;
};

/**
 * What the library asks of the text after a sibling: only its first character
 * is used. Escaping changes a text only where it holds a pattern's character
 * or a backslash, so a text whose first character is neither starts with that
 * character however the rest is written (the library would write it whole).
 */
quickText.peek = (node, parent, state, info) => {
  const value = (node as Text).value;
  const first = value.codePointAt(0);
  if (first === undefined) return '';
  const character = String.fromCodePoint(first);
  if (character !== '\\' && !patternsByCharacter(state.unsafe).characters.includes(character)) return character;
  return quickText(node, parent, state, info);
};

/**
 * The text of a phrasing parent whose only child is one non-empty text
 * without a backslash or line ending; undefined for anything else. For such a
 * parent the library's phrasing machinery (peeks, trackers, attention
 * sequences) returns the text handler's output unchanged.
 */
function onlyText(node: { children: PhrasingContent[] }): string | undefined {
  if (node.children.length !== 1) return undefined;
  const only = node.children[0]!;
  if (only.type !== 'text' || only.value === '' || only.value.includes('\\') || only.value.includes('\n') || only.value.includes('\r')) return undefined;
  return only.value;
}

/**
 * `paragraph` (GitHub's handler, which adds the check of a task list item),
 * skipped for a paragraph of one text that the library would keep as it is
 * and that is not in a task list item.
 */
const quickParagraph =
  (paragraph: Handle): Handle =>
  (node, parent, state, info) => {
    const value = onlyText(node as Paragraph);
    if (value !== undefined && !(parent?.type === 'listItem' && typeof parent.checked === 'boolean')) {
      const exit = state.enter('paragraph');
      const subexit = state.enter('phrasing');
      const keep = !mayEscape(state, value, { before: info.before, after: info.after });
      subexit();
      exit();
      if (keep) return value;
    }
    return paragraph(node, parent, state, info);
  };

/**
 * The library's heading handler, skipped for an ATX heading (the only kind
 * the options allow for a text without line breaks) of one text it would keep
 * as it is and that does not start with a space or tab (which it encodes).
 */
const quickHeading: Handle = (node, parent, state, info) => {
  const heading = node as Heading;
  const value = onlyText(heading);
  if (value !== undefined && !state.options.setext && !state.options.closeAtx && value[0] !== ' ' && value[0] !== '\t') {
    const exit = state.enter('headingAtx');
    const subexit = state.enter('phrasing');
    const keep = !mayEscape(state, value, { before: '# ', after: '\n' });
    subexit();
    exit();
    if (keep) return `${'#'.repeat(Math.max(Math.min(6, heading.depth || 1), 1))} ${value}`;
  }
  return defaultHandlers.heading(heading, parent, state, info);
};

/**
 * Where the library only tracks positions: lines and columns that no handler's output depends
 * on (they are handed on to the handlers within, which only track them further). Tracking costs
 * a split of each written block into its lines: for a long trend, a report of 1.3 MB split twice.
 */
const FLOW = new Set<RootContent['type']>(['paragraph', 'heading', 'list', 'table', 'code', 'blockquote', 'thematicBreak']);

/**
 * The library's root handler for a document of blocks (its `containerFlow`) without the position
 * tracker: each block written and joined as the library joins them. Any other root (one holding
 * phrasing or html, which the library writes as phrasing) goes to the library.
 */
const quickRoot: Handle = (node, parent, state, info) => {
  const children = (node as Root).children;
  for (const child of children) if (!FLOW.has(child.type)) return defaultHandlers.root(node as Root, parent, state, info);
  const indexStack = state.indexStack;
  const results: string[] = [];
  indexStack.push(-1);
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    indexStack[indexStack.length - 1] = index;
    results.push(state.handle(child, node as Root, state, { before: '\n', after: '\n', now: { line: 1, column: 1 }, lineShift: 0 }));
    if (child.type !== 'list') state.bulletLastUsed = undefined;
    if (index < children.length - 1) results.push(between(child, children[index + 1]!, node as Root, state));
  }
  indexStack.pop();
  return results.join('');
};

/** What the library writes between two blocks of a flow container (its `between`). */
function between(left: RootContent, right: RootContent, parent: Root, state: State): string {
  let index = state.join.length;
  while (index--) {
    const result = state.join[index]!(left, right, parent, state);
    if (result === true || result === 1) break;
    if (typeof result === 'number') return '\n'.repeat(1 + result);
    if (result === false) return '\n\n<!---->\n\n';
  }
  return '\n\n';
}

/**
 * The library's handler of a fenced code block with a language and no meta (the only kind a
 * report writes; any other goes to the library), without its position tracker: the 8,000 lines
 * of a long trend's text chart are not split to be counted.
 */
const quickCode: Handle = (node, parent, state, info) => {
  const code = node as Code;
  if (!code.lang || code.meta || state.options.fences !== true || (state.options.fence ?? '`') !== '`') return defaultHandlers.code(code, parent, state, info);
  const raw = code.value || '';
  const sequence = '`'.repeat(Math.max(longestRun(raw, '`') + 1, 3));
  const exit = state.enter('codeFenced');
  let value = sequence;
  const subexit = state.enter('codeFencedLangGraveAccent');
  value += state.safe(code.lang, { before: value, after: ' ', encode: ['`'] });
  subexit();
  value += '\n';
  if (raw) value += `${raw}\n`;
  value += sequence;
  exit();
  return value;
};

/** The length of the longest run of `character` in `text` (the library's longestStreak for one character). */
function longestRun(text: string, character: string): number {
  let longest = 0;
  let at = text.indexOf(character);
  while (at !== -1) {
    let end = at + 1;
    while (text[end] === character) end++;
    if (end - at > longest) longest = end - at;
    at = text.indexOf(character, end);
  }
  return longest;
}

/** `scoped`: the patterns of state.unsafe already found in scope for the open constructs (quickTable). */
function mayEscape(state: State, input: string, config: SafeConfig, scoped?: Unsafe[]): boolean {
  const value = (config.before || '') + input + (config.after || '');
  const offset = config.before ? config.before.length : 0;
  const end = value.length - (config.after ? config.after.length : 0);
  // by character: GitHub's extensions bring the list to about 90 patterns over some 30 characters
  // plain index loops: this runs cold, once per text, where iterators and destructuring cost most
  const { characters, patterns: lists, atLineEnding, others } = patternsByCharacter(scoped ?? state.unsafe);
  // the groups whose character occurs in the text, each once: one search for the text's pattern
  // characters rather than one per character (some 60 of them, each a call from cold code)
  const groups: number[] = [];
  const present = others === undefined ? undefined : input.replace(others, '');
  if (present === undefined) {
    for (let c = 0; c < characters.length; c++) if (input.includes(characters[c]!)) groups.push(c);
  } else {
    for (let k = 0; k < present.length; k++) if (present.indexOf(present[k]!) === k) groups.push(characters.indexOf(present[k]!));
  }
  let lineEnding: boolean | undefined;
  for (let g = 0; g < groups.length; g++) {
    const c = groups[g]!;
    const patterns = lists[c]!;
    for (let p = 0; p < patterns.length; p++) {
      const pattern = patterns[p]!;
      if (atLineEnding[c]![p]) {
        // its expression needs a line ending in the subject: none, no match (and no expression to compile)
        lineEnding ??= value.includes('\n') || value.includes('\r');
        if (!lineEnding) continue;
      }
      if (!scoped && outOfScope(state.stack, pattern.inConstruct)) continue;
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
  }
  return false;
}

interface PatternGroups {
  characters: string[];
  /** patterns[i]: the patterns whose character is characters[i] */
  patterns: Unsafe[][];
  /** atLineEnding[i][j]: whether patterns[i][j] only matches next to a line ending */
  atLineEnding: boolean[][];
  /** Matches a run of text holding none of the characters (global); undefined unless each is one UTF-16 unit. */
  others: RegExp | undefined;
}
const grouped = new WeakMap<Unsafe[], PatternGroups>();
/** The serializer's unsafe patterns grouped by their character, once per serialization. */
function patternsByCharacter(unsafe: Unsafe[]): PatternGroups {
  let groups = grouped.get(unsafe);
  if (groups === undefined) {
    groups = { characters: [], patterns: [], atLineEnding: [], others: undefined };
    for (const pattern of unsafe) {
      const needsLineEnding = needsLineBreak(pattern);
      const at = groups.characters.indexOf(pattern.character);
      if (at >= 0) {
        groups.patterns[at]!.push(pattern);
        groups.atLineEnding[at]!.push(needsLineEnding);
      } else {
        groups.characters.push(pattern.character);
        groups.patterns.push([pattern]);
        groups.atLineEnding.push([needsLineEnding]);
      }
    }
    const { characters } = groups;
    if (characters.every((c) => c.length === 1)) groups.others = new RegExp(`[^${characters.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]+`, 'g');
    grouped.set(unsafe, groups);
  }
  return groups;
}

/** The pattern applies only inside constructs none of which is open (the library's rule for `inConstruct`). */
function outOfScope(stack: State['stack'], inConstruct: Unsafe['inConstruct']): boolean {
  if (inConstruct === undefined || inConstruct === null) return false;
  const list = typeof inConstruct === 'string' ? [inConstruct] : inConstruct;
  return list.length > 0 && !list.some((c) => stack.includes(c));
}

/** A line-break class, as the library's patterns write it before or after their character. */
const LINE_BREAK = new Set(['[\\r\\n]', '\\r', '\\n']);

/**
 * The pattern's expression holds a line break character (\r or \n) besides its own: a pattern
 * at a break (the library compiles `[\r\n][\t ]*` before it), or one whose whole `before` or
 * `after` is a line-break class. It cannot match in a subject without a line break.
 */
function needsLineBreak(pattern: Unsafe): boolean {
  return Boolean(pattern.atBreak) || LINE_BREAK.has(pattern.before ?? '') || LINE_BREAK.has(pattern.after ?? '');
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
    const paragraph = part.handlers?.paragraph as Handle | undefined;
    if (paragraph && quick) part.handlers!.paragraph = quickParagraph(paragraph);
    const table = part.handlers?.table as Handle | undefined;
    if (!table) continue;
    part.handlers!.table = (node, parent, state, info) => {
      const written = quick ? quickTable(node as Table, state, info) : undefined;
      if (written !== undefined) return written;
      const lines = table(node, parent, state, info).split('\n');
      if (lines[1] !== undefined) lines[1] = lines[1].replace(/-+/g, '---');
      return lines.join('\n');
    };
  }
  gfm.set(quick, ext);
  return ext;
}

/**
 * A table as the library writes it (unaligned, padded, no alignment) with the
 * delimiter row `| --- |`: a cell of one text the serializer would keep as it
 * is is written as it is, any other by the library's own cell handler; or
 * undefined when that gives an empty or multi-line cell (whose layout differs):
 * then the library writes the table. It is what the library does for such tables without its per-cell
 * machinery, which costs tens of milliseconds for the thousands of cells of a
 * long trend. A table from doc.ts whose rows were never read is written from
 * its cell texts (tableTexts): its nodes are never made.
 */
function quickTable(node: Table, state: State, info: Info): string | undefined {
  // the cells of a table from doc.ts whose nodes were never made, else the cell nodes
  const rows = tableTexts(node) ?? node.children.map((row) => row.children);
  const width = rows[0]?.length ?? 0;
  if (width === 0 || (node.align ?? []).some((a) => a !== null && a !== undefined)) return undefined;
  // the constructs the library opens around every row, as its table handler does
  const exits = (['table', 'tableRow'] as ConstructName[]).map((c) => state.enter(c));
  // every cell is seen in the same constructs between the same characters: a text kept once is kept
  // wherever it occurs (a long trend repeats the same few hundred scores thousands of times)
  const kept = new Set<string>();
  try {
    // the patterns in scope in a cell, and those of them that can match where there is no line break
    // (a cell is written between two pipes, so a text without one has none): a text holding none of
    // their characters is kept without a search
    // (in the constructs a cell's handler opens around its text)
    const cellExits = (['tableCell', 'phrasing'] as ConstructName[]).map((c) => state.enter(c));
    const scoped = state.unsafe.filter((pattern) => !outOfScope(state.stack, pattern.inConstruct));
    for (const exit of cellExits.reverse()) exit();
    const oneLine = scoped.filter((pattern) => !needsLineBreak(pattern));
    const characters = [...new Set(oneLine.map((pattern) => pattern.character))];
    // one search per text, not a lookup per character from cold code (see mayEscape)
    const any = characters.every((c) => c.length === 1) ? new RegExp(`[${characters.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`) : undefined;
    const clear = (text: string) => any !== undefined && !any.test(text);
    let out = '';
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.length !== width) return undefined;
      let line = '|';
      for (const cell of row) {
        let value: string | undefined;
        if (typeof cell === 'string') value = cell;
        else {
          const only = cell.children.length === 1 ? cell.children[0] : undefined;
          if (only?.type === 'text') value = only.value;
        }
        if (value !== undefined && !kept.has(value)) {
          const broken = value.includes('\n') || value.includes('\r');
          if (value === '' || value.includes('\\') || ((broken || !clear(value)) && mayEscape(state, value, { before: AROUND, after: AROUND }, scoped))) value = undefined;
          else kept.add(value);
        }
        if (value === undefined) {
          // any other cell (emphasis, code, a text to escape): the library's own cell handler, whose
          // text goes into the same layout; an empty or multi-line one leaves the table to the library
          const node: TableCell = typeof cell === 'string' ? { type: 'tableCell', children: [{ type: 'text', value: cell }] } : cell;
          value = state.handle(node, undefined, state, { ...info, before: AROUND, after: AROUND });
          if (value === '' || value.includes('\n') || value.includes('\r')) return undefined;
        }
        line += ` ${value} |`;
      }
      out += r === 0 ? `${line}\n|${' --- |'.repeat(width)}` : `\n${line}`;
    }
    return out;
  } finally {
    for (const exit of exits.reverse()) exit();
  }
}
