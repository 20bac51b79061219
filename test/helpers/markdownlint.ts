// Lints Markdown with the repository's committed .markdownlint.jsonc, so tests
// check reports exactly as a contributor's editor or CI would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import type { Configuration } from 'markdownlint';

const CONFIG_PATH = fileURLToPath(new URL('../../.markdownlint.jsonc', import.meta.url));

let cachedConfig: Configuration | undefined;

/** The committed config; JSONC comments are stripped (the config has no strings containing "//"). */
export function markdownlintConfig(): Configuration {
  if (!cachedConfig) {
    const text = readFileSync(CONFIG_PATH, 'utf8').replace(/^\s*\/\/.*$/gm, '');
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
