// `--format md,html,pdf`: which report files to write. Parsing is cheap and
// loaded with every command; the HTML renderer and the browser driver are
// imported only when a format needs them, so `assess` with Markdown alone
// loads neither.
import { UsageError } from '../errors.js';
import { shellArg } from '../load/shell-arg.js';
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

const NAMES: Record<Format, string> = { md: 'Markdown', html: 'HTML', pdf: 'PDF' };
const A_NAME: Record<Format, string> = { md: 'a Markdown', html: 'an HTML', pdf: 'a PDF' };

/**
 * The report format a file's name says: .md and .markdown → md, .html and .htm → html,
 * .pdf → pdf, in any case; undefined for any other name (no extension, .txt, "-").
 */
export function formatOfName(path: string): Format | undefined {
  const ext = /\.(md|markdown|html?|pdf)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === undefined) return undefined;
  return ext === 'markdown' ? 'md' : ext === 'htm' ? 'html' : (ext as Format);
}

/**
 * Where the `format` file of a report written with `-o output` goes: the file `-o` names
 * itself, as typed, when its name says that format (client.htm, REPORT.PDF); otherwise
 * beside it, the extension replaced or added (withFormat).
 */
export function formatPath(output: string, format: Format): string {
  return formatOfName(output) === format ? output : withFormat(output, format);
}

/**
 * The formats to write, from `--format` (`value`, as commander gives it) and the `-o` file
 * (`output`; undefined or "-" for standard output). Without `--format` a file's name
 * chooses (client.pdf → ['pdf']); a name that says no format, and standard output, keep
 * Markdown. Throws the UsageError of parseFormats for an unknown format, and that of
 * checkNamedFormat when the name says a format `--format` leaves out.
 */
export function outputFormats(value: unknown, output: string | undefined): Format[] {
  const toFile = output !== undefined && output !== '-';
  if (value === undefined || value === true) return [(toFile ? formatOfName(output) : undefined) ?? 'md'];
  const formats = parseFormats(value);
  if (toFile) checkNamedFormat(output, formats);
  return formats;
}

/**
 * Throws a UsageError (exit 2) when `-o output` names a file of one format (by its
 * extension) and `formats`, the explicit `--format` list, does not include it: that file
 * would be left unwritten, or written in another format (Markdown in client.pdf). A name that
 * says no format is never refused; the formats it does include go beside it (formatPath).
 */
export function checkNamedFormat(output: string, formats: readonly Format[]): void {
  const named = formatOfName(output);
  if (named === undefined || formats.includes(named)) return;
  const file = shellArg(output);
  const asked = formats.join(',');
  const other = shellArg(withFormat(output, formats[0]!));
  const add = FORMATS.filter((f) => f === named || formats.includes(f)).join(',');
  throw new UsageError(
    formats.length === 1
      ? `-o ${file} names ${A_NAME[named]} file but --format ${asked} asks for ${NAMES[formats[0]!]}; give -o ${other} for ${NAMES[formats[0]!]}, or leave out --format to write the ${NAMES[named]} file ${file}.`
      : `-o ${file} names ${A_NAME[named]} file but --format ${asked} does not include ${named}; give --format ${add} to write it too, or -o ${other} to write the ${formats.map((f) => NAMES[f]).join(' and ')} files only.`,
  );
}

export interface BrowserChoice {
  /** --browser PATH */
  flag?: string;
  env: Record<string, string | undefined>;
}

/**
 * The files of one report in every asked format: `mdPath` itself for the format its
 * name says, the others beside it (formatPath). The Markdown is given (already
 * rendered); HTML and PDF are built from the same document tree.
 */
export async function reportFiles(
  source: { kind: 'report'; result: Result } | { kind: 'trend'; trend: Trend },
  markdown: string,
  mdPath: string,
  formats: Format[],
  browser: BrowserChoice,
): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  if (formats.includes('md')) files.push({ path: formatPath(mdPath, 'md'), content: markdown });
  if (formats.includes('html') || formats.includes('pdf')) {
    const html = await import('../render/html.js');
    const page = source.kind === 'report' ? await html.renderReportHtml(source.result) : await html.renderTrendHtml(source.trend);
    if (formats.includes('html')) files.push({ path: formatPath(mdPath, 'html'), content: page });
    if (formats.includes('pdf')) {
      const pdf = await import('./pdf.js');
      files.push({ path: formatPath(mdPath, 'pdf'), content: await pdf.printPdf(page, pdf.findBrowser(browser.flag, browser.env)) });
    }
  }
  return files;
}
