// Markdown from a report's document tree (./doc.ts), printed by
// mdast-util-to-markdown with GitHub's extensions (tables, autolink
// literals, strikethrough) from mdast-util-gfm. The library escapes every
// text node: hostile text can never start a block, close a table cell, open
// a link or inject HTML. The options below match the repository's
// markdownlint config (dash bullets, underscore emphasis, fenced code).
import type { Root } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown, type Handle, type Options } from 'mdast-util-to-markdown';
import { mermaidLabel, plainLine } from './text.js';

export { mermaidLabel, plainLine };

/** The Markdown text of a document tree, ending in exactly one newline. */
export function toMarkdownText(tree: Root): string {
  const md = toMarkdown(tree, {
    extensions: [gfmExtension()],
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
  });
  // No line ends in a space (markdownlint MD009), whatever text was empty.
  return `${md.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '')}\n`;
}

let gfm: Options | undefined;

/**
 * GitHub's extensions, with unaligned tables (aligned columns make every
 * edit of a long cell a diff of the whole table) whose delimiter row reads
 * `| --- |` rather than the library's minimal `| - |`.
 */
function gfmExtension(): Options {
  if (gfm) return gfm;
  const ext = gfmToMarkdown({ tablePipeAlign: false });
  for (const part of ext.extensions ?? []) {
    const table = part.handlers?.table as Handle | undefined;
    if (!table) continue;
    part.handlers!.table = (node, parent, state, info) => {
      const lines = table(node, parent, state, info).split('\n');
      if (lines[1] !== undefined) lines[1] = lines[1].replace(/-+/g, '---');
      return lines.join('\n');
    };
  }
  gfm = ext;
  return ext;
}
