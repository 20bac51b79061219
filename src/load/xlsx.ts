// Excel workbooks (.xlsx) as rows, streamed with exceljs' streaming reader:
// Microsoft Forms, and often Qualtrics and KoboToolbox, hand out .xlsx. Rows
// arrive one at a time with their sheet row number (used as the "line" in
// messages), so memory stays flat however long the sheet is. Shared strings
// are cached (exceljs needs them to resolve cells); styles and hyperlinks are
// ignored.
import { createReadStream } from 'node:fs';
import { InputError } from '../errors.js';
import { STOP, type CsvRow } from './csv.js';
import { openRegularFile, READ_LIMITS } from './safe-read.js';

export interface XlsxOptions {
  /** The sheet to read, by name (case and spaces ignored); default the first sheet. */
  sheet?: string;
}

export interface XlsxSummary {
  /** The sheet read. */
  sheet: string;
  /** Rows delivered (rows with no filled cell are skipped). */
  rows: number;
}

/** Whether a file name looks like an Excel workbook. */
export function isXlsxPath(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

/** The text Excel shows for a cell, as a survey export means it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error !== undefined) return '';
  }
  return String(value);
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Streams the rows of one sheet of an .xlsx file to `onRow` (cells as text,
 * 0-based, `line` = the sheet's row number). `onRow` may throw STOP to end
 * early, or any error to abort. A file that is not a workbook, or a sheet
 * that does not exist, is an InputError naming the file (and the sheets).
 */
export async function streamXlsx(file: string, onRow: (row: CsvRow) => void, opts: XlsxOptions = {}): Promise<XlsxSummary> {
  // the shared safe reader: a regular file within the survey size limit, read through its checked descriptor
  const opened = openRegularFile(file, { maxBytes: READ_LIMITS.csv, what: 'survey export (.xlsx)' });
  const input = createReadStream(file, { fd: opened.fd, start: 0, autoClose: true });
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  // exceljs looks up sheet names in the workbook part; when a sheet comes first in the zip
  // (the order is free) that part is not read yet: start from an empty model, names then default to SheetN
  const model = reader as unknown as { model?: { sheets?: unknown[] } };
  model.model ??= { sheets: [] };
  const seen: string[] = [];
  let rows = 0;
  let chosen: string | undefined;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      const wanted = chosen === undefined && (opts.sheet === undefined ? true : norm(name) === norm(opts.sheet));
      if (!wanted) {
        // the rows of other sheets must still be read through to reach the next one
        for await (const _row of worksheet) void _row;
        continue;
      }
      chosen = name;
      try {
        for await (const row of worksheet) {
          const values = (row as unknown as { values: unknown[] }).values;
          const cells: string[] = [];
          for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
          if (cells.every((c) => c.trim() === '')) continue;
          rows++;
          onRow({ cells, line: (row as unknown as { number: number }).number });
        }
      } catch (error) {
        if (error === STOP) return { sheet: name, rows };
        throw error;
      }
      if (opts.sheet === undefined) break;
    }
  } catch (error) {
    if (error instanceof InputError || error === STOP) {
      if (error === STOP && chosen) return { sheet: chosen, rows };
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file} cannot be read as an Excel workbook (.xlsx): ${message}; export the survey again as .xlsx or as CSV.`);
  } finally {
    input.destroy();
  }
  if (chosen === undefined) {
    if (opts.sheet !== undefined) {
      throw new InputError(`${file} has no sheet "${opts.sheet}"; its sheets are ${seen.map((s) => `"${s}"`).join(', ') || 'none'}: give one of them with --sheet.`);
    }
    throw new InputError(`${file} has no sheet to read; export the survey again.`);
  }
  return { sheet: chosen, rows };
}
