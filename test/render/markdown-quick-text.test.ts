// The quick text, paragraph and heading handlers and quick tables of src/render/markdown.ts give the
// library's bytes: random texts full of Markdown's special characters, in
// every place a report puts text (paragraphs, headings, list items, table
// cells, emphasis, links), serialize the same as with the library alone.
import fc from 'fast-check';
import type { Blockquote, ListItem, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { table, type Cell } from '../../src/render/doc.js';
import { endLines, markdownOptions, toMarkdownText } from '../../src/render/markdown.js';

const UNITS = ['a', 'b', 'w', 'W', '1', '9', ' ', ' ', '.', ',', '-', '+', '*', '_', '#', '|', '\\', '<', '>', '[', ']', '(', ')', '!', '&', ':', '/', '@', '~', '`', '$', '=', "'", '"', '\n', '\r', '\t', 'é', '→', '—', 'www.', 'http://', '1. ', '- '];
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 12 }).map((parts) => parts.join(''));

const phrasing = fc.array(
  fc.oneof(
    text.map((value): PhrasingContent => ({ type: 'text', value })),
    text.map((value): PhrasingContent => ({ type: 'emphasis', children: [{ type: 'text', value }] })),
    text.map((value): PhrasingContent => ({ type: 'strong', children: [{ type: 'text', value }] })),
    text.map((value): PhrasingContent => ({ type: 'link', url: 'https://example.org/a', children: [{ type: 'text', value }] })),
    text.map((value): PhrasingContent => ({ type: 'inlineCode', value })),
  ),
  { minLength: 1, maxLength: 4 },
);

// cells of one text each, mostly of characters that need no escaping, so that whole tables take the quick path
const cellText = fc.array(fc.constantFrom('a', 'Z', '1', '.', ' ', '%', '→', '—', '✓', '(', ')', '-', '+', ':', '|', '*', '\\', '#'), { maxLength: 8 }).map((p) => p.join(''));
const plainCellText = fc.array(fc.constantFrom('a', 'Z', '1', '.', ' ', '%', '→', '—', '✓', '(', ')', '-', '+', ':'), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const quickishTable = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.boolean())
  .chain(([cols, rows, plain]) => fc.array(fc.array(plain ? plainCellText : cellText, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }))
  .map((rows): RootContent => ({ type: 'table', align: rows[0]!.map(() => null), children: rows.map((cells) => ({ type: 'tableRow', children: cells.map((value) => ({ type: 'tableCell', children: [{ type: 'text', value }] })) })) }));

// wider tables whose cells repeat a few texts (a long trend repeats its scores): a text kept or
// escaped once must be treated alike wherever it occurs again, also after a cell the library escapes
const repeatingTable = fc
  .tuple(fc.array(fc.oneof(plainCellText, cellText), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }))
  .chain(([texts, cols, rows]) => fc.array(fc.array(fc.constantFrom(...texts), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }))
  .map((rows): RootContent => ({ type: 'table', align: rows[0]!.map(() => null), children: rows.map((cells) => ({ type: 'tableRow', children: cells.map((value) => ({ type: 'tableCell', children: [{ type: 'text', value }] })) })) }));

const block = fc.oneof(
  quickishTable,
  repeatingTable,
  phrasing.map((children): RootContent => ({ type: 'paragraph', children })),
  fc.tuple(fc.integer({ min: 1, max: 3 }), phrasing).map(([depth, children]): RootContent => ({ type: 'heading', depth: depth as 1 | 2 | 3, children })),
  fc.array(phrasing, { minLength: 1, maxLength: 3 }).map(
    (items): RootContent => ({ type: 'list', ordered: false, spread: false, children: items.map((children) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })) }),
  ),
  fc.array(fc.array(phrasing, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map(
    (rows): RootContent => ({ type: 'table', children: rows.map((cells) => ({ type: 'tableRow', children: cells.map((children) => ({ type: 'tableCell', children })) })) }),
  ),
);

describe('the quick text handler and quick tables', () => {
  it('serializes any text exactly as the library does', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), (children) => {
        const tree: Root = { type: 'root', children };
        expect(toMarkdown(tree, markdownOptions())).toBe(toMarkdown(tree, markdownOptions(true)));
      }),
      { numRuns: 1000 },
    );
  });

  it('serializes paragraphs, headings and list items of one text exactly as the library does', () => {
    const oneText = text.map((value): PhrasingContent[] => [{ type: 'text', value }]);
    const single = fc.oneof(
      oneText.map((children): RootContent => ({ type: 'paragraph', children })),
      fc.tuple(fc.integer({ min: 1, max: 7 }), oneText).map(([depth, children]): RootContent => ({ type: 'heading', depth: depth as 1 | 2 | 3, children })),
      fc.array(fc.tuple(oneText, fc.constantFrom(undefined, null, true, false)), { minLength: 1, maxLength: 3 }).map(
        (items): RootContent => ({
          type: 'list',
          ordered: false,
          spread: false,
          // checked: a task list item, whose paragraph GitHub's handler writes with its check
          children: items.map(([children, checked]) => ({ type: 'listItem', spread: false, ...(checked === undefined ? {} : { checked }), children: [{ type: 'paragraph', children }] })),
        }),
      ),
    );
    fc.assert(
      fc.property(fc.array(single, { minLength: 1, maxLength: 4 }), (children) => {
        const tree: Root = { type: 'root', children };
        expect(toMarkdown(tree, markdownOptions())).toBe(toMarkdown(tree, markdownOptions(true)));
      }),
      { numRuns: 2000 },
    );
  });

  it('serializes short neighbouring texts, where the first character of one decides how the one before is escaped, as the library does', () => {
    // e.g. "!" before "[": the library looks at how the next text starts (its handler's peek)
    const short = fc.array(fc.constantFrom('!', '[', '&', '#', '<', '/', ':', '.', '@', 'a', ' ', '\n', '*', '_', '\\'), { minLength: 1, maxLength: 2 }).map((p) => p.join(''));
    const node = fc.oneof(
      short.map((value): PhrasingContent => ({ type: 'text', value })),
      short.map((value): PhrasingContent => ({ type: 'strong', children: [{ type: 'text', value }] })),
      short.map((value): PhrasingContent => ({ type: 'emphasis', children: [{ type: 'text', value }] })),
    );
    fc.assert(
      fc.property(fc.array(node, { minLength: 2, maxLength: 4 }), (children) => {
        const tree: Root = { type: 'root', children: [{ type: 'paragraph', children }] };
        expect(toMarkdown(tree, markdownOptions())).toBe(toMarkdown(tree, markdownOptions(true)));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes documents of blocks, code blocks and lists of them included, as the library does (the quick root and code handlers)', () => {
    // code: languages and texts with backticks, line endings and spaces; meta and no language go to the library
    const codeText = fc.array(fc.constantFrom('a', ' ', '`', '``', '```', '~', '\n', '\r\n', '\t', '#', '|', '\\', '→', '█'), { maxLength: 10 }).map((p) => p.join(''));
    const code = fc
      .record({
        lang: fc.option(fc.constantFrom('text', 'mermaid', 'a`b', 'x y', '`', 'js{1}', '\\', 'ü'), { nil: undefined }),
        meta: fc.option(fc.constantFrom('title="x"', 'a`b', ' '), { nil: undefined, freq: 4 }),
        value: codeText,
      })
      .map(({ lang, meta, value }): RootContent => ({ type: 'code', ...(lang === undefined ? {} : { lang }), ...(meta === undefined ? {} : { meta }), value }));
    const flow = fc.oneof(block, code, code, fc.constant<RootContent>({ type: 'thematicBreak' }));
    const container = fc.oneof(
      flow,
      fc.array(fc.array(flow, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map(
        (items): RootContent => ({ type: 'list', ordered: false, spread: false, children: items.map((children) => ({ type: 'listItem', spread: false, children: children as ListItem['children'] })) }),
      ),
      fc.array(flow, { minLength: 1, maxLength: 2 }).map((children): RootContent => ({ type: 'blockquote', children: children as Blockquote['children'] })),
      // what the library writes as phrasing at the root: the whole root goes to the library
      text.map((value): RootContent => ({ type: 'html', value: `<b>${value}</b>` })),
    );
    fc.assert(
      fc.property(fc.array(container, { minLength: 1, maxLength: 5 }), (children) => {
        const tree: Root = { type: 'root', children };
        expect(toMarkdown(tree, markdownOptions())).toBe(toMarkdown(tree, markdownOptions(true)));
      }),
      { numRuns: 2000 },
    );
  });

  it('write a table as the library does', () => {
    const tree: Root = {
      type: 'root',
      children: [{ type: 'table', align: [null, null], children: [['Date', 'Score'], ['2026-01-15', '47.2 ↑ +3'], ['a | b', '—']].map((cells) => ({ type: 'tableRow' as const, children: cells.map((value) => ({ type: 'tableCell' as const, children: [{ type: 'text' as const, value }] })) })) }],
    };
    expect(toMarkdownText(tree)).toBe('| Date | Score |\n| --- | --- |\n| 2026-01-15 | 47.2 ↑ +3 |\n| a \\| b | — |\n');
    expect(toMarkdown(tree, markdownOptions())).toBe(toMarkdown(tree, markdownOptions(true)));
    const quick: Root = { type: 'root', children: [{ ...(tree.children[0] as Table), children: (tree.children[0] as Table).children.slice(0, 2) }] };
    expect(toMarkdownText(quick)).toBe('| Date | Score |\n| --- | --- |\n| 2026-01-15 | 47.2 ↑ +3 |\n');
  });

  it('escapes what could start a construct, as before', () => {
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: '# not a heading | *not emphasis* <b>' }] }] };
    expect(toMarkdownText(tree)).toBe('\\# not a heading | \\*not emphasis\\* \\<b>\n');
  });

  it('writes a table from the document builder, from its cell texts, as the library writes its nodes', () => {
    // cells as reports give them: clean lines (the texts path), and strings or inline parts that need cleaning or escaping
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      plainCellText,
      cellText,
      text,
      text.map((value): Cell => [{ type: 'emphasis', children: [{ type: 'text', value: value || 'x' }] }]),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 4 }), (header, rows) => {
        const quick = toMarkdown({ type: 'root', children: [table(header, rows)] }, markdownOptions());
        expect(quick).toBe(toMarkdown({ type: 'root', children: [table(header, rows)] }, markdownOptions(true)));
      }),
      { numRuns: 1000 },
    );
  });

  it('writes what a table holds once its rows were read and changed', () => {
    const built = table(['Date', 'Score'], [['2026-01-15', '47.2 ↑ +3']]);
    expect(toMarkdownText({ type: 'root', children: [built] })).toBe('| Date | Score |\n| --- | --- |\n| 2026-01-15 | 47.2 ↑ +3 |\n');
    built.children[1]!.children[1] = { type: 'tableCell', children: [{ type: 'text', value: 'a | b' }] };
    expect(toMarkdownText({ type: 'root', children: [built] })).toBe('| Date | Score |\n| --- | --- |\n| 2026-01-15 | a \\| b |\n');
    built.children = built.children.slice(0, 1);
    expect(toMarkdownText({ type: 'root', children: [built] })).toBe('| Date | Score |\n| --- | --- |\n');
  });
});

describe('the ends of lines', () => {
  // the definition: every line trimmed of trailing white space, then exactly one newline at the end
  const reference = (md: string) => `${md.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '')}\n`;
  const PIECES = ['a', ' ', '\t', '\n', '\n', '\r', '\v', '\f', '|', 'x y', '\u0085', '\u200b', '\u180e'];
  // every character JavaScript counts as white space or a line end, and their neighbours
  for (const c of ['\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u1fff', '\u200b', '\u2030']) PIECES.push(c, `a${c}`);

  it('trims each line as splitting every line would, and skips the split when no line ends in white space', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (parts) => {
        const md = parts.join('');
        expect(endLines(md)).toBe(reference(md));
      }),
      { numRuns: 2000 },
    );
    for (const md of ['', '\n', '\n\n\n', 'a', 'a \n', 'a\n\n', ' ', 'a\t\nb', 'a\nb \n\n']) expect(endLines(md)).toBe(reference(md));
  });
});
