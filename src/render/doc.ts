// Building blocks for report documents: small constructors for mdast nodes
// (the unified ecosystem's Markdown syntax tree). Reports are built once as a
// tree and printed to Markdown (./markdown.ts) or HTML (./html.ts), so the
// escaping is the serializers' job and both formats say the same thing.
//
// Every string given to these constructors is user-safe plain text: it is
// cleaned by `plainLine` (control and invisible characters dropped, whitespace
// collapsed) and becomes a `text` node, which the serializers escape. No
// constructor takes raw Markdown or raw HTML.
import type {
  BlockContent,
  Code,
  Heading,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Strong,
  Emphasis,
  Table,
  TableCell,
  TableRow,
  InlineCode,
} from 'mdast';
import { isCleanLine, plainLine } from './text.js';

/** Inline content: a plain string (becomes a text node) or a phrasing node. */
export type Inline = string | PhrasingContent;

/** Phrasing nodes from strings and nodes; adjacent strings are merged, empty ones dropped. */
export function phrasing(parts: Inline[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      // Cleaned like `plainLine`, but a space at either edge stays (it separates this part from the next);
      // an already clean line has no space at its edges and is kept as it is
      const value = isCleanLine(part) ? part : plainLine(`x${part}x`).slice(1, -1);
      if (value === '') continue;
      const last = out[out.length - 1];
      if (last && last.type === 'text') last.value += value;
      else out.push({ type: 'text', value });
    } else out.push(part);
  }
  // Text at the edges of a paragraph, cell or heading must not start or end with a space.
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value = last.value.trimEnd();
  return out.filter((n) => n.type !== 'text' || n.value !== '');
}

/** User text as one clean line (see `plainLine`): use it for every string that comes from input. */
export const clean = plainLine;

export function text(value: unknown): PhrasingContent {
  return { type: 'text', value: plainLine(value) };
}

export function strong(...parts: Inline[]): Strong {
  return { type: 'strong', children: phrasing(parts) };
}

export function em(...parts: Inline[]): Emphasis {
  return { type: 'emphasis', children: phrasing(parts) };
}

export function code(value: string): InlineCode {
  return { type: 'inlineCode', value: plainLine(value) };
}

export function p(...parts: Inline[]): Paragraph {
  return { type: 'paragraph', children: phrasing(parts) };
}

export function heading(depth: 1 | 2 | 3 | 4, ...parts: Inline[]): Heading {
  return { type: 'heading', depth, children: phrasing(parts) };
}

function item(content: Inline[] | BlockContent[]): ListItem {
  const blocks = content.length > 0 && typeof content[0] !== 'string' && isBlock(content[0] as RootContent)
    ? (content as BlockContent[])
    : [p(...(content as Inline[]))];
  return { type: 'listItem', spread: false, children: blocks };
}

function isBlock(node: RootContent): boolean {
  return ['paragraph', 'list', 'table', 'code', 'heading', 'blockquote', 'html'].includes(node.type);
}

/** A bullet list; each item is inline content (one paragraph) or blocks. */
export function ul(items: (Inline[] | BlockContent[])[]): List {
  return { type: 'list', ordered: false, spread: false, children: items.map(item) };
}

/** A numbered list, starting at 1. */
export function ol(items: (Inline[] | BlockContent[])[]): List {
  return { type: 'list', ordered: true, start: 1, spread: false, children: items.map(item) };
}

/** A table cell's content: a string or inline parts; empty cells show `empty` (an empty cell reads as missing data). */
export type Cell = Inline | Inline[];

function tableCell(content: Cell, empty: string): TableCell {
  const parts = Array.isArray(content) ? content : [content];
  const children = phrasing(parts);
  return { type: 'tableCell', children: children.length === 0 ? [{ type: 'text', value: empty }] : children };
}

/**
 * A GitHub table; every row is padded or cut to the header's width.
 *
 * The table's rows are made when first read (its `children`), from the cells as given: a long
 * trend has tens of thousands of cells that the Markdown writer takes as texts (see
 * tableTexts), so only an HTML page pays for their nodes. Read, the nodes are the same as
 * ever, and from then on the only truth: the texts are forgotten.
 */
export function table(header: Cell[], rows: Cell[][], empty = '—'): Table {
  const width = header.length;
  // each cell as its one clean line of text, or as its node when it is anything else
  const toCells = (cells: Cell[]): (string | TableCell)[] => {
    const out: (string | TableCell)[] = new Array(width);
    for (let i = 0; i < width; i++) {
      const content = cells[i] ?? '';
      out[i] = typeof content === 'string' && isCleanLine(content) ? content : tableCell(content, empty);
    }
    return out;
  };
  const cells = [toCells(header)];
  for (const row of rows) cells.push(toCells(row));
  const node = { type: 'table', align: header.map(() => null) } as Omit<Table, 'children'> as Table;
  let children: TableRow[] | undefined;
  Object.defineProperty(node, 'children', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (children === undefined) {
        lazyCells.delete(node);
        children = cells.map((row) => ({ type: 'tableRow', children: row.map((c) => (typeof c === 'string' ? textCell(c) : c)) }));
      }
      return children;
    },
    set: (value: TableRow[]) => {
      lazyCells.delete(node);
      children = value;
    },
  });
  lazyCells.set(node, cells);
  return node;
}

/** The cells of tables whose rows were not read yet (see table). */
const lazyCells = new WeakMap<Table, (string | TableCell)[][]>();

/**
 * The cells of a table made by `table` whose rows nobody has read yet: each a clean line of
 * text (what its cell node would hold as its one text) or the cell node. Undefined once the
 * rows were read (they may have been changed) and for any other table: read its rows.
 */
export function tableTexts(node: Table): readonly (readonly (string | TableCell)[])[] | undefined {
  return lazyCells.get(node);
}

function textCell(value: string): TableCell {
  return { type: 'tableCell', children: [{ type: 'text', value }] };
}

/** A fenced code block (charts in Markdown: Mermaid, plain text bars). */
export function codeBlock(lang: string, value: string): Code {
  return { type: 'code', lang, value };
}

/** A document root. */
export function root(children: RootContent[]): Root {
  return { type: 'root', children };
}

/**
 * Heading text from user text: cleaned, with trailing punctuation removed
 * (markdownlint MD026) and a fallback when nothing is left. Plain text: the
 * serializer escapes it.
 */
export function headingText(value: unknown, fallback: string): string {
  const stripped = plainLine(value).replace(/[.,;:!。，；：！\s]+$/u, '');
  return stripped === '' ? plainLine(fallback) : stripped;
}

/** Text whose own trailing punctuation is replaced by `end`; empty when there is no text. */
export function clause(value: unknown, end = ''): string {
  const stripped = plainLine(value).replace(/[.,;:!\s]+$/u, '');
  return stripped === '' ? '' : stripped + end;
}
