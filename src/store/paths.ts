// Where reports and results live: <out>/<org-slug>/<date>-<questionnaire-id>.{md,json}.
// An organization name is free text typed by a user; the slug is the only part
// of it that reaches a path, and it can only contain [a-z0-9-].
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { orgKey } from '../model/organization.js';

/** Folder names a slug must never take: Windows device names and folders the tool uses itself. */
const RESERVED = new Set([
  'con', 'prn', 'aux', 'nul',
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
  'examples', 'sessions',
]);

const MAX_SLUG = 60;

/** A function from any text to Latin letters (a transliteration library's). */
export type Transliterate = (text: string) => string;

/** Built-in folding for Latin letters with marks: enough when a name has no other script. */
function foldLatin(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining marks left by NFKD
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .replace(/ß/g, 'ss');
}

/** Whether the name has letters of a script other than Latin (which only a library can spell in Latin). */
export function needsTransliteration(name: string): boolean {
  // ASCII letters are Latin: most names are answered without the Unicode pattern, whose first use compiles it (1-2 ms)
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 0x7f) return /[^\p{Script=Latin}\P{L}]/u.test(name);
  return false;
}

/** Six hex digits of a stable hash of the organization's comparison key (FNV-1a, 32 bits). */
function shortHash(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of orgKey(name)) {
    const cp = ch.codePointAt(0)!;
    h ^= cp & 0xff;
    h = Math.imul(h, 0x01000193);
    h ^= cp >>> 8;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0').slice(0, 6);
}

/**
 * The folder name for an organization: [a-z0-9-] only, at most about 60
 * characters, never empty or reserved, distinct for distinct names where it
 * matters. "Example Org" -> "example-org"; "Ærø Kommune" -> "aero-kommune";
 * "日本電気" -> "ri-ben-dian-qi-<hash>" with a transliterator (see orgFolderName);
 * "-", "." and "..", emoji -> "organization-<hash>". A short hash of the name is
 * added when letters of another script were spelled in Latin, when nothing
 * usable is left, or when the name was cut short: there the slug alone could
 * collide with another organization's.
 */
export function orgSlug(name: string, transliterate: Transliterate = foldLatin): string {
  const nonLatin = needsTransliteration(name);
  const ascii = (nonLatin ? transliterate(name) : foldLatin(name)).toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  let hashed = nonLatin;
  if (slug.length > MAX_SLUG) {
    slug = slug.slice(0, MAX_SLUG).replace(/-+$/, '');
    hashed = true;
  }
  if (slug === '') return `organization-${shortHash(name)}`;
  if (hashed) return `${slug}-${shortHash(name)}`;
  if (RESERVED.has(slug)) return `${slug}-org`;
  return slug;
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export interface ReportPaths {
  /** <out>/<org-slug> */
  dir: string;
  /** The Markdown report. */
  report: string;
  /** The result JSON. */
  result: string;
}

const SAFE_ID = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

/**
 * The two files of one assessment. Paths are joined onto `out` as given
 * (relative stays relative, for messages); `insideOut` is checked on the resolved paths.
 */
export function reportPaths(out: string, organization: string, date: string, questionnaireId: string, folder = orgSlug(organization), suffix?: string): ReportPaths {
  if (!isIsoDate(date)) throw new UsageError(`the date "${date}" is not a real date written YYYY-MM-DD; give --date like 2026-11-29.`);
  if (!SAFE_ID.test(questionnaireId)) {
    throw new InputError(`the questionnaire id "${questionnaireId}" cannot be used in a file name; fix the questionnaire's id.`);
  }
  const dir = join(out, folder);
  if (suffix !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(suffix)) throw new Error(`reportPaths: unsafe suffix "${suffix}"`);
  const base = `${date}-${questionnaireId}${suffix ? `-${suffix}` : ''}`;
  const paths = { dir, report: join(dir, `${base}.md`), result: join(dir, `${base}.json`) };
  // Defence in depth: the slug cannot contain separators or dots, but never trust that alone.
  for (const p of [paths.dir, paths.report, paths.result]) assertInside(out, p);
  return paths;
}

/** Throws unless `target` resolves to a path strictly inside `root`. */
export function assertInside(root: string, target: string): void {
  const rel = relative(resolve(root), resolve(target));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(`refusing to write ${target}: it is outside the output folder ${root}.`);
  }
}

/** The folder of an organization's answers files: <out>/<org-folder>/answers. */
export const ANSWERS_FOLDER = 'answers';
/** The folder of an organization's survey exports, taken by `assess --all`: <out>/<org-folder>/surveys. */
export const SURVEYS_FOLDER = 'surveys';

export function answersDir(out: string, folder: string): string {
  return join(out, folder, ANSWERS_FOLDER);
}
