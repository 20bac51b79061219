// `--format md,html,pdf`: which report files to write. Parsing is cheap and
// loaded with every command; the HTML renderer and the browser driver are
// imported only when a format needs them, so `assess` with Markdown alone
// loads neither.
import { UsageError } from '../errors.js';
import type { Result } from '../model/result.js';
import type { Trend } from '../model/trend.js';
import type { OutputFile } from '../store/write.js';

export type Format = 'md' | 'html' | 'pdf';
export const FORMATS: readonly Format[] = ['md', 'html', 'pdf'];

/** "md,html" → ['md', 'html'] in the order md, html, pdf; a usage error names an unknown format. */
export function parseFormats(value: unknown): Format[] {
  if (value === undefined || value === true) return ['md'];
  const parts = String(value)
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  const unknown = parts.filter((s) => !(FORMATS as readonly string[]).includes(s === 'markdown' ? 'md' : s));
  if (unknown.length > 0 || parts.length === 0) {
    throw new UsageError(`--format ${JSON.stringify(String(value))} is not a list of md, html and pdf; give e.g. --format md,html,pdf.`);
  }
  const set = new Set(parts.map((s) => (s === 'markdown' ? 'md' : s)));
  return FORMATS.filter((f) => set.has(f));
}

/** The path of the same report in another format: the extension replaced (or added). */
export function withFormat(path: string, format: Format): string {
  const base = /\.(md|markdown|html?|pdf)$/i.test(path) ? path.replace(/\.(md|markdown|html?|pdf)$/i, '') : path;
  return `${base}.${format}`;
}

export interface BrowserChoice {
  /** --browser PATH */
  flag?: string;
  env: Record<string, string | undefined>;
}

/**
 * The files of one report in every asked format, next to `mdPath`. The
 * Markdown is given (already rendered); HTML and PDF are built from the same
 * document tree.
 */
export async function reportFiles(
  source: { kind: 'report'; result: Result } | { kind: 'trend'; trend: Trend },
  markdown: string,
  mdPath: string,
  formats: Format[],
  browser: BrowserChoice,
): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  if (formats.includes('md')) files.push({ path: withFormat(mdPath, 'md'), content: markdown });
  if (formats.includes('html') || formats.includes('pdf')) {
    const html = await import('../render/html.js');
    const page = source.kind === 'report' ? await html.renderReportHtml(source.result) : await html.renderTrendHtml(source.trend);
    if (formats.includes('html')) files.push({ path: withFormat(mdPath, 'html'), content: page });
    if (formats.includes('pdf')) {
      const pdf = await import('./pdf.js');
      files.push({ path: withFormat(mdPath, 'pdf'), content: await pdf.printPdf(page, pdf.findBrowser(browser.flag, browser.env)) });
    }
  }
  return files;
}
