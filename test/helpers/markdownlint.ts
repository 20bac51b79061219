// Lints Markdown with the repository's committed .markdownlint.jsonc, so tests
// check reports exactly as a contributor's editor or CI would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import type { Configuration } from 'markdownlint';
import { micromark } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';

const CONFIG_PATH = fileURLToPath(new URL('../../.markdownlint.jsonc', import.meta.url));

let cachedConfig: Configuration | undefined;

/** The committed config, read as JSONC: comments outside strings are dropped. */
export function markdownlintConfig(): Configuration {
  if (!cachedConfig) {
    const text = readFileSync(CONFIG_PATH, 'utf8').replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, str: string | undefined) => str ?? '');
    cachedConfig = JSON.parse(text) as Configuration;
  }
  return cachedConfig;
}

/** Every markdownlint problem in `text`, one line each ("12 MD032/blanks-around-lists: ..."); empty when clean. */
export function lintMarkdown(text: string): string[] {
  const results = lint({ strings: { report: text }, config: markdownlintConfig() });
  return (results.report ?? []).map(
    (e) =>
      `${e.lineNumber} ${e.ruleNames.join('/')}: ${e.ruleDescription}${e.errorDetail ? ` [${e.errorDetail}]` : ''}${
        e.errorContext ? ` [context: ${e.errorContext}]` : ''
      }`,
  );
}

/**
 * GitHub-like HTML for Markdown (CommonMark + GFM tables + GFM autolinks), to
 * check what a reader would actually see. micromark comes with markdownlint;
 * raw HTML in the source is passed through (allowDangerousHtml) so that any
 * injection would show up as a tag in the output.
 */
export function markdownToHtml(text: string): string {
  return micromark(text, {
    allowDangerousHtml: true,
    extensions: [gfmTable(), gfmAutolinkLiteral()],
    htmlExtensions: [gfmTableHtml(), gfmAutolinkLiteralHtml()],
  });
}

/** Visible text of an HTML fragment: tags removed, the few entities micromark emits decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
