// .xlsx cells read as Excel shows them, in workbooks written part by part (the XML as other
// programs write it, the parts in the order a test needs): a formula's date, a date stored as
// ISO text (t="d"), a styles part after the sheet, number formats with literal text.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isDateFormat, isoDateText, isPercentFormat, numberFormatCodes, streamXlsx } from '../../src/load/xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-cells-'));

/** A zip of the given parts, deflated, in the given order. */
function zip(parts: [string, string][]): Buffer {
  const files: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    files.push(head, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += head.length + nameBytes.length + packed.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...files, ...central, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A one-sheet workbook: `rows` is the sheetData's XML, `numFmts` custom formats by id,
 * `xfs` the numFmtId of each cell style (style 0 first), `strings` the shared strings; `order`
 * the parts after the workbook part and its relationships, in zip order.
 */
function workbook(
  name: string,
  o: { rows: string; numFmts?: Record<number, string>; xfs?: number[]; strings?: string[]; order?: ('sheet' | 'styles' | 'strings')[] },
): string {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const numFmts = Object.entries(o.numFmts ?? {});
  const xfs = o.xfs ?? [0];
  const parts: Record<string, [string, string]> = {
    sheet: ['xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${o.rows}</sheetData></worksheet>`],
    styles: [
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}">` +
        (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('')}</numFmts>` : '') +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        `<cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('')}</cellXfs></styleSheet>`,
    ],
    strings: [
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${(o.strings ?? []).length}" uniqueCount="${(o.strings ?? []).length}">${(o.strings ?? []).map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`,
    ],
  };
  const order = o.order ?? ['strings', 'styles', 'sheet'];
  const file = join(dir, name);
  writeFileSync(
    file,
    zip([
      [
        '[Content_Types].xml',
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ],
      ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
      ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>`],
      [
        'xl/_rels/workbook.xml.rels',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ],
      ...order.map((part) => parts[part]!),
    ]),
  );
  return file;
}

async function cells(file: string): Promise<string[][]> {
  const rows: string[][] = [];
  await streamXlsx(file, (row) => void rows.push(row.cells));
  return rows;
}

describe('.xlsx cells read as Excel shows them', () => {
  it("reads a formula's saved date with the cell's date format as the date, and a formula's percentage as shown", async () => {
    // the formula's value was read as its serial number: 45291 for 2023-12-31
    const file = workbook('formula-date.xlsx', {
      xfs: [0, 14, 9, 164],
      numFmts: { 164: 'yyyy-mm-dd hh:mm' },
      strings: ['Role', 'Start', 'Share', 'End'],
      rows:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
        '<row r="2"><c r="A2" t="str"><f>"Staff"</f><v>Staff</v></c><c r="B2" s="1"><f>DATE(2023,12,31)</f><v>45291</v></c><c r="C2" s="2"><f>2/5</f><v>0.4</v></c><c r="D2" s="3"><f>B2+0.5</f><v>45291.5</v></c></row>' +
        '<row r="3"><c r="A3" t="str"><f>"Staff"</f><v>Staff</v></c><c r="B3"><f>1+2</f><v>3</v></c></row>',
    });
    expect(await cells(file)).toEqual([
      ['Role', 'Start', 'Share', 'End'],
      ['Staff', '2023-12-31', '40%', '2023-12-31 12:00'],
      ['Staff', '3'],
    ]);
  });

  it('reads a cell of type d (an ISO 8601 date stored as text) as the date, not as its year', async () => {
    // exceljs read "2026-11-03T14:30:00" as parseFloat of it: 2026
    const file = workbook('iso-dates.xlsx', {
      xfs: [0, 14],
      strings: ['Role', 'Date', 'Time', 'Plain', 'Formula'],
      rows:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="1" t="d"><v>2026-11-03T14:30:00</v></c><c r="C2" t="d"><v>14:30:00</v></c><c r="D2" t="d"><v>2026-11-03</v></c><c r="E2" t=\'d\'><f>TODAY()</f><v>2026-11-04T00:00:00.000</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="d"><v>2026-11-03T09:05:07.6Z</v></c><c r="C3" t="d"/><c r="D3" t="d"><v>not a date</v></c><c r="E3"><v>7</v></c></row>',
    });
    expect(await cells(file)).toEqual([
      ['Role', 'Date', 'Time', 'Plain', 'Formula'],
      ['Role', '2026-11-03 14:30', '14:30', '2026-11-03', '2026-11-04'],
      ['Role', '2026-11-03 09:05:08', '', 'not a date', '7'],
    ]);
  });

  it('reads every date of a long sheet of t="d" cells, however the XML is cut into chunks', async () => {
    const rows: string[] = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>'];
    for (let r = 2; r <= 20_001; r++) {
      const day = String((r % 28) + 1).padStart(2, '0');
      rows.push(`<row r="${r}"><c r="A${r}" t="d"><v>2026-02-${day}T10:${String(r % 60).padStart(2, '0')}:00</v></c><c r="B${r}" t="inlineStr"><is><t>Zoë Ærø ${r}</t></is></c></row>`);
    }
    const file = workbook('iso-dates-long.xlsx', { rows: rows.join('') });
    const read = await cells(file);
    expect(read).toHaveLength(20_001);
    read.slice(1).forEach(([date, name], i) => {
      const r = i + 2;
      expect(date).toBe(`2026-02-${String((r % 28) + 1).padStart(2, '0')} 10:${String(r % 60).padStart(2, '0')}`);
      expect(name).toBe(`Zoë Ærø ${r}`);
    });
  });

  it('reads the dates of a sheet stored before the styles part (with the shared strings before it)', async () => {
    // the sheet was read as it came, before its number formats were known: 46329
    const spec = {
      xfs: [0, 14, 9],
      strings: ['Role', 'Date', 'Share', 'Staff'],
      rows:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>46329</v></c><c r="C2" s="2"><v>0.25</v></c></row>',
    };
    const expected = [
      ['Role', 'Date', 'Share'],
      ['Staff', '2026-11-03', '25%'],
    ];
    // (with the sheet before the shared strings, exceljs as installed, without the build's zip
    // entry fix, now and then loses the parts after it: that order is the e2e tests')
    for (const order of [['strings', 'sheet', 'styles'], ['strings', 'styles', 'sheet']] as const) {
      const file = workbook(`order-${order.join('-')}.xlsx`, { ...spec, order: [...order] });
      expect(await cells(file), order.join(', ')).toEqual(expected);
    }
    // read with the sheet named, and stopped early, as the survey reader does
    const file = workbook('styles-last.xlsx', { ...spec, order: ['strings', 'sheet', 'styles'] });
    const temp = mkdtempSync(join(tmpdir(), 'xlsx-cells-tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const rows: string[][] = [];
      const summary = await streamXlsx(file, (row) => void rows.push(row.cells), { sheet: 'responses' });
      expect([summary.sheet, rows]).toEqual(['Responses', expected]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(readdirSync(temp)).toEqual([]); // the sheet set aside is gone with the private folder
  });

  it("decides by the format code's meaning: quoted text and \\-escaped characters are literal", async () => {
    // exceljs drops every \ of a code: #,##0\% read 40 as "4000%", 0.0 \d\a\y\s read 2.5 as a date
    const formats: Record<number, string> = {
      164: '0.0"%"',
      165: '#,##0\\%',
      166: '[$-409]m/d/yyyy',
      167: '"Q"0',
      168: '0.0 \\d\\a\\y\\s',
      169: 'DD/MM/YYYY',
      170: '0%',
      171: '#,##0_);[Red]\\(#,##0\\)',
    };
    const ids = Object.keys(formats).map(Number);
    const file = workbook('formats.xlsx', {
      xfs: [0, ...ids],
      numFmts: formats,
      rows:
        `<row r="1">${ids.map((id, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>F${id}</t></is></c>`).join('')}</row>` +
        `<row r="2">${['40', '40', '46329', '3', '2.5', '46329', '0.4', '-1234'].map((v, i) => `<c r="${String.fromCharCode(65 + i)}2" s="${i + 1}"><v>${v}</v></c>`).join('')}</row>`,
    });
    expect((await cells(file))[1]).toEqual(['40', '40', '2026-11-03', '3', '2.5', '2026-11-03', '40%', '-1234']);
  });

  it('tells date and percentage formats from literal text in the code', () => {
    const dates = ['yyyy-mm-dd', 'd-mmm-yy', 'h:mm AM/PM', '[$-409]m/d/yyyy', 'DD.MM.YYYY', '[h]:mm:ss', 'yyyy"年"m"月"', 'm/d/yy "h":mm', 'bbbb-mm-dd'];
    const notDates = ['0.0 \\d\\a\\y\\s', '0 "days"', '"Q"0', 'General', '0.00E+00', '#,##0_);[Red](#,##0)', '[Magenta]0', '0_m', '*s0', '@', '[$€-407] #,##0.00'];
    expect(dates.filter((f) => !isDateFormat(f))).toEqual([]);
    expect(notDates.filter((f) => isDateFormat(f))).toEqual([]);
    expect(['0%', '0.00%', '[Red]0%', '0.0%;-0.0%', '"Share: "0%'].filter((f) => !isPercentFormat(f))).toEqual([]);
    expect(['0.0"%"', '#,##0\\%', '0_%', '*%0', '[%]0', '0 "%"'].filter((f) => isPercentFormat(f))).toEqual([]);
    expect([isDateFormat(undefined), isPercentFormat(undefined)]).toEqual([false, false]);
  });

  it('reads number format codes as written, with their escapes and character references', () => {
    const xml = `<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0\\%"/><numFmt formatCode='&quot;Q&quot;0' numFmtId='165'/><x:numFmt numFmtId="166" formatCode="[&gt;=100]0;0&#x25;"/></numFmts>`;
    expect([...numberFormatCodes(xml)]).toEqual([
      [164, '#,##0\\%'],
      [165, '"Q"0'],
      [166, '[>=100]0;0%'],
    ]);
  });

  it('reads ISO 8601 dates and times as dateText writes dates', () => {
    expect(
      ['2026-11-03', '2026-11-03T00:00:00', '2026-11-03T14:30', '2026-11-03T14:30:05.4', '2026-11-03 14:30:05,6+02:00', '14:30:00', '09:05:07.25Z', '1900-02-28', '0099-12-31', '2024-02-29T23:59:59.7'].map(isoDateText),
    ).toEqual(['2026-11-03', '2026-11-03', '2026-11-03 14:30', '2026-11-03 14:30:05', '2026-11-03 14:30:06', '14:30', '09:05:07', '1900-02-28', '0099-12-31', '2024-03-01']);
    expect(['2026-02-30', '2026-13-01', '2026', '45291', '', 'T14:30', '14:61', 'soon'].map(isoDateText)).toEqual(Array(8).fill(undefined));
  });
});
