// What `assess --all` makes of each entry of an organization's surveys/ folder:
// read it, say why it is left out (a spreadsheet the tool cannot read, which the
// user meant to be counted), or pass it by without a word (hidden files, Excel's
// lock files, a README, notes and other documents kept beside the exports).

import { unreadableSpreadsheet } from '../load/spreadsheet-kinds.js';

/** One entry of the surveys folder, as `readdir` gives it. */
export interface SurveyFolderEntry {
  name: string;
  isDirectory: boolean;
}

/** What --all does with an entry: read it as an export, name it as left out (with what to do), or pass it by. */
export type SurveyFileKind = { kind: 'read' } | { kind: 'convert'; what: string; todo: string } | { kind: 'quiet' };

/** Exports the survey reader takes: CSV (also Excel's tab-separated "Unicode Text", .tsv or .txt), .xlsx, SurveyJS results (.json). */
const READ = /\.(csv|tsv|txt|xlsx|json)$/i;

/**
 * What --all does with one entry of the surveys folder:
 * - `quiet`: a hidden file (.DS_Store, ._name from macOS, .~lock.name# from LibreOffice), an
 *   Excel owner file (~$name.xlsx, present while the workbook is open in Excel), a README
 *   (any extension), a folder, or any other kind of file (a PDF of the questions, notes):
 *   none of them is an export, and none is worth a line on every run;
 * - `convert`: a spreadsheet the reader cannot take (.xls, .xlsm, .xlsb, .ods, .numbers,
 *   also a .numbers package folder) or a .zip: the user meant it to count, so it is named with
 *   what to do; see surveyFolderPlan for when a converted copy is beside it;
 * - `read`: .csv, .tsv, .txt, .xlsx and SurveyJS .json.
 */
export function surveyFileKind(entry: SurveyFolderEntry): SurveyFileKind {
  const { name } = entry;
  if (name.startsWith('.') || name.startsWith('~$') || /^readme(\.|$)/i.test(name)) return { kind: 'quiet' };
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  const convert = unreadableSpreadsheet(name);
  // a .numbers document may be a package (a folder) on macOS
  if (entry.isDirectory) return ext === 'numbers' && convert ? { kind: 'convert', ...convert } : { kind: 'quiet' };
  if (READ.test(name)) return { kind: 'read' };
  return convert ? { kind: 'convert', ...convert } : { kind: 'quiet' };
}

/**
 * The entries of a surveys folder that --all reads (names, sorted), and those it leaves out
 * with a sentence each (sorted): a spreadsheet it cannot read is named unless a file it reads
 * has the same name before the extension (staff.xls beside staff.xlsx: the converted copy is
 * read, and the original needs no word on every run).
 */
export function surveyFolderPlan(entries: readonly SurveyFolderEntry[]): { read: string[]; leftOut: { name: string; what: string; todo: string }[] } {
  const read: string[] = [];
  const convert: { name: string; what: string; todo: string }[] = [];
  for (const entry of entries) {
    const kind = surveyFileKind(entry);
    if (kind.kind === 'read') read.push(entry.name);
    else if (kind.kind === 'convert') convert.push({ name: entry.name, what: kind.what, todo: kind.todo });
  }
  const stem = (name: string) => name.replace(/\.[^.]+$/, '').toLowerCase();
  const converted = new Set(read.map(stem));
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return { read: read.sort(), leftOut: convert.filter((c) => !converted.has(stem(c.name))).sort(byName) };
}
