// Writes an XLSForm's sheets as .xlsx bytes with exceljs (loaded only by
// `export --to xlsform`). Every cell is text, so a choice name such as "1"
// stays "1" and a label such as "=SUM(A1)" is never a formula.
import ExcelJS from 'exceljs';
import {
  XLSFORM_CHOICES_COLUMNS,
  XLSFORM_SETTINGS_COLUMNS,
  XLSFORM_SURVEY_COLUMNS,
  type XlsForm,
} from '../render/forms/xlsform.js';

/** The workbook's bytes: sheets survey, choices and settings, a header row each. */
export async function writeXlsForm(form: XlsForm): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = <C extends readonly string[]>(name: string, columns: C, rows: Record<C[number], string>[]) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow([...columns]);
    for (const r of rows) ws.addRow(columns.map((c: C[number]) => r[c]));
    ws.getRow(1).font = { bold: true };
  };
  sheet('survey', XLSFORM_SURVEY_COLUMNS, form.survey);
  sheet('choices', XLSFORM_CHOICES_COLUMNS, form.choices);
  sheet('settings', XLSFORM_SETTINGS_COLUMNS, form.settings);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
