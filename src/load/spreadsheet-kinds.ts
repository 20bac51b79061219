// Spreadsheets and archives a user gives (or puts in surveys/) meaning them to count, which
// the survey reader cannot take, by extension: what each is and what to do with it. Shared by
// `assess --all` (src/store/survey-files.ts), which names such a file and leaves it out, and
// the CSV reader, which refuses one given by hand once it finds binary content in it (a file
// named .xls may still be text: some tools write their "Excel" export as tab-separated text).

const SAVE_AS = 'save it as .xlsx or as "CSV UTF-8" in the same folder';

const KINDS: Record<string, { what: string; todo: string }> = {
  xls: { what: 'an Excel 97-2003 workbook (.xls)', todo: `open it in Excel and ${SAVE_AS}` },
  xlsm: { what: 'a macro-enabled Excel workbook (.xlsm)', todo: `open it in Excel and ${SAVE_AS}` },
  xlsb: { what: 'an Excel binary workbook (.xlsb)', todo: `open it in Excel and ${SAVE_AS}` },
  ods: { what: 'an OpenDocument spreadsheet (.ods)', todo: `open it in LibreOffice Calc (or Excel) and ${SAVE_AS}` },
  numbers: { what: 'a Numbers spreadsheet (.numbers)', todo: 'export it from Numbers as Excel (.xlsx) or as CSV (Unicode UTF-8) into the same folder' },
  zip: { what: 'a zip archive (.zip)', todo: 'unzip it and put the CSV or .xlsx export it holds in this folder (folders inside it are not read)' },
};

/**
 * What a file named `name` is and what to do with it, when its extension (any case) names a
 * spreadsheet or archive the survey reader cannot take (.xls, .xlsm, .xlsb, .ods, .numbers,
 * .zip); undefined for any other name. `what` reads after "it is", `todo` is an instruction.
 */
export function unreadableSpreadsheet(name: string): { what: string; todo: string } | undefined {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext !== undefined && Object.hasOwn(KINDS, ext) ? KINDS[ext] : undefined;
}
