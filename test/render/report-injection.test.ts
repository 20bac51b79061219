// Hostile text (answers, notes, organization names, questionnaire texts) must
// never change the report's structure or reach the reader as HTML or a link.
import { describe, expect, it } from 'vitest';
import { heading, headingText, p, root, table } from '../../src/render/doc.js';
import { mermaidLabel, plainLine, toMarkdownText } from '../../src/render/markdown.js';
import { Result } from '../../src/model/result.js';
import { renderReport } from '../../src/render/report.js';
import { htmlText, lintMarkdown, markdownToHtml } from '../helpers/markdownlint.js';
import { loadFixture } from './fixtures.js';
import { HOSTILE } from './hostile.js';

// Text goes into the document tree as text nodes; the library (mdast-util-to-markdown) escapes it.
const inline = (text: string) => toMarkdownText(root([p(text)])).trimEnd();
const tableMd = (text: string) => toMarkdownText(root([table(['A', 'B'], [[text, 'end']])]));
const headingMd = (text: string) => toMarkdownText(root([heading(3, headingText(text, 'fallback'))]));

/** Tag names in HTML, e.g. ["h1", "p", "table", ...]. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase());
}

const ALLOWED_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'strong', 'em', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'pre', 'code']);

describe('inline escaping', () => {
  for (const text of HOSTILE) {
    it(`shows ${JSON.stringify(text)} as the same plain text, with no markup`, () => {
      const html = markdownToHtml(inline(text));
      // Only a paragraph (or nothing for empty text): no headings, lists, code, links, images or raw HTML.
      expect(tags(html).filter((t) => t !== 'p')).toEqual([]);
      expect(htmlText(html).trim()).toBe(plainLine(text));
    });

    it(`keeps ${JSON.stringify(text)} inside its table cell`, () => {
      const html = markdownToHtml(tableMd(text));
      expect(html.match(/<td>/g)).toHaveLength(2);
      expect(html).toContain('<td>end</td>');
      expect(tags(html).every((t) => ALLOWED_TAGS.has(t) && !['pre', 'code', 'h1', 'ul', 'ol'].includes(t))).toBe(true);
    });

    it(`keeps ${JSON.stringify(text)} inside its list item and heading`, () => {
      const listHtml = markdownToHtml(`- ${inline(text)}\n`);
      expect(tags(listHtml).sort()).toEqual(text === '' ? ['li', 'ul'] : ['li', 'ul']);
      const headingHtml = markdownToHtml(headingMd(text));
      expect(tags(headingHtml)).toEqual(['h3']);
    });
  }

  it('drops control and bidi characters, so no terminal escape or reordering reaches the reader', () => {
    expect(inline('\u001b[31mred\u001b[0m \u202Eevil\u202C')).toBe('\\[31mred\\[0m evil');
  });

  it('drops invisible format characters that would crash markdownlint, and repairs lone surrogates', () => {
    expect(inline('a\uFFF9b\uFFFAc\u00ADd\u2060e')).toBe('abcde');
    expect(lintMarkdown(`# T\n\n${tableMd('x\uFFFB')}`)).toEqual([]);
    expect(inline('a\uD800b')).toBe('a\uFFFDb');
    expect(inline('👩\u200D💻')).toBe('👩\u200D💻');
  });

  it('keeps ordinary text readable', () => {
    // The library escapes "&" before a letter (it could start an entity); the reader sees "R&D".
    expect(inline('Head of R&D, version 1.0 (2026): 5-point scale')).toBe('Head of R\\&D, version 1.0 (2026): 5-point scale');
    expect(htmlText(markdownToHtml(inline('Head of R&D')))).toBe('Head of R&D');
  });

  it('removes trailing punctuation from headings and falls back when nothing is left', () => {
    expect(headingText('Acme Inc.', 'x')).toBe('Acme Inc');
    expect(headingText(' ...: ', 'Fallback')).toBe('Fallback');
  });

  it('makes Mermaid labels from letters, digits and a little punctuation only', () => {
    expect(mermaidLabel('a "quoted" ]label[ %% #35; `x`', 'D1')).toBe('a quoted label 35 x');
    expect(mermaidLabel('<>[]"', 'D1')).toBe('D1');
    expect(mermaidLabel('A very long dimension title that goes on', 'D1')).toBe('A very long dimension t…');
  });
});

const FREE_TEXT_KEYS = new Set([
  'organization', 'title', 'text', 'label', 'description', 'note', 'finding', 'reason', 'fix', 'summary', 'why',
  'duration', 'name', 'role', 'version', 'steps', 'measures', 'reasons', 'texts',
]);
const RECORD_KEYS = new Set(['byRole', 'groups']);

/** The same result with every free text (and role/answer key) replaced by harmless, distinct words. */
function defang(value: unknown, key = '', seen = new Map<string, string>()): unknown {
  // The same text always maps to the same words, so shared role names stay shared.
  const plain = (s: string) => {
    if (plainLine(s) === '') return s;
    if (!seen.has(s)) seen.set(s, `Plain text ${seen.size + 1}`);
    return seen.get(s)!;
  };
  // Aggregated notes are one per line: keep the line count.
  if (typeof value === 'string' && key === 'note') return value.split('\n').map(plain).join('\n');
  if (typeof value === 'string') return FREE_TEXT_KEYS.has(key) ? plain(value) : value;
  if (Array.isArray(value)) return value.map((v) => defang(v, key, seen));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (RECORD_KEYS.has(key)) return Object.fromEntries(entries.map(([k, v]) => [plain(k), v]));
    return Object.fromEntries(entries.map(([k, v]) => [k, defang(v, k, seen)]));
  }
  return value;
}

describe('a report built from hostile results', () => {
  for (const hostileName of ['hostile-single', 'hostile-multi']) {
    describe(hostileName, () => {
      const result = loadFixture(hostileName);
      const hostile = renderReport(result);
      const benign = renderReport(Result.parse(defang(result)));
      const hostileHtml = markdownToHtml(hostile);
      const benignHtml = markdownToHtml(benign);

      it('passes markdownlint', () => {
        expect(lintMarkdown(hostile)).toEqual([]);
      });

      it('has the same structure as the same result with harmless text', () => {
        const shape = (html: string) => tags(html).filter((t) => !['strong', 'em', 'code'].includes(t));
        expect(shape(hostileHtml)).toEqual(shape(benignHtml));
        const headingLevels = (md: string) => md.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.indexOf(' '));
        expect(headingLevels(hostile)).toEqual(headingLevels(benign));
      });

      it('contains no raw HTML, no script and no link or image', () => {
        // Every "<" that could open a tag is escaped.
        expect(hostile).not.toMatch(/(?<!\\)<[a-zA-Z/!?]/);
        expect(hostileHtml.toLowerCase()).not.toContain('<script');
        expect(tags(hostileHtml).filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
        // No tag carries an attribute other than the Mermaid code block's language class.
        expect(hostileHtml.match(/<[a-z][a-z0-9]*\s[^>]*>/g)).toEqual(['<code class="language-mermaid">']);
      });

      it('keeps every table row at its header\'s column count', () => {
        const tables = hostileHtml.split('<table>').slice(1).map((t) => t.slice(0, t.indexOf('</table>')));
        expect(tables.length).toBeGreaterThan(5);
        for (const t of tables) {
          const rows = t.split('<tr>').slice(1);
          const width = (r: string) => (r.match(/<t[hd][ >]/g) ?? []).length;
          const headerWidth = width(rows[0]!);
          for (const r of rows) expect(width(r), r).toBe(headerWidth);
        }
      });

      it('keeps code blocks to the Mermaid chart alone', () => {
        expect((hostileHtml.match(/<pre>/g) ?? []).length).toBe(1);
        expect(hostileHtml).toContain('<pre><code class="language-mermaid">');
      });

      it('still shows the hostile organization name as plain text', () => {
        const org = result.organization;
        expect(htmlText(hostileHtml)).toContain(plainLine(org));
      });
    });
  }
});
