// Damaged .xlsx survey exports on the built binary (which bundles exceljs with its zip entry
// fix): each is one sentence naming the file and exit 1, never a quiet exit 0 with nothing
// written. The fixtures are the Excel-ordered workbook of test/fixtures/survey/excel-order.xlsx
// cut at half its bytes, with bytes changed inside the compressed sheet, and with the sheet's XML
// cut short inside a sound zip; stored-entries.xlsx holds its parts uncompressed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, readiness, requireBuild, ROOT } from '../helpers/binary.js';

const FIXTURES = join(ROOT, 'test/fixtures/survey');
const args = (file: string) => ['assess', '--responses', file, '--sheet', 'Responses', '-q', 'quick-check', '--org', 'Acme', '--date', '2026-01-01', '--json', '-o', 'out'];

describe('damaged .xlsx exports (built binary)', () => {
  beforeAll(requireBuild);

  it.each([
    ['cut-at-half.xlsx', /cut-at-half\.xlsx cannot be read as an Excel workbook \(\.xlsx\): .*export the survey again/],
    ['bytes-changed.xlsx', /bytes-changed\.xlsx cannot be read as an Excel workbook \(\.xlsx\): .*export the survey again/],
    ['sheet-cut-short.xlsx', /sheet-cut-short\.xlsx: the sheet "Responses" ends before its last row \(the workbook is damaged; \d+ rows were read\); export the survey again\./],
  ])('%s: one sentence, exit 1, nothing written', (name, message) => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-xlsx-'));
    const run = readiness(cwd, args(join(FIXTURES, 'damaged', name)));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('a workbook with its parts stored uncompressed is read whole, sheet names included', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-xlsx-'));
    const run = readiness(cwd, args(join(FIXTURES, 'stored-entries.xlsx')));
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).respondents.count).toBe(51);
  });
});

describe('an interrupted .xlsx read (built binary)', () => {
  beforeAll(requireBuild);

  it('SIGINT while exceljs holds a sheet in a temporary file leaves no file behind', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { spawn } = await import('node:child_process');
    const { readdirSync } = await import('node:fs');
    const work = mkdtempSync(join(tmpdir(), 'readiness-xlsx-sigint-'));
    const temp = mkdtempSync(join(tmpdir(), 'readiness-tmpdir-'));
    // the streaming writer stores the shared strings after the sheet: the reader sets the sheet aside
    const file = join(work, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const sheet = wb.addWorksheet('Responses');
    sheet.addRow(['Role', 'lead-sponsor', 'culture-share']).commit();
    for (let i = 0; i < 60_000; i++) sheet.addRow(['Staff', i % 2 ? 'Yes' : 'No', 'Agree']).commit();
    sheet.commit();
    await wb.commit();
    const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    const child = spawn(process.execPath, [BIN, 'assess', '--responses', file, '-q', 'quick-check', '--org', 'Acme', '--json', '-o', join(work, 'out')], {
      env: { ...process.env, TMPDIR: temp, TEMP: temp, TMP: temp, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // the signal goes once the sheet is being set aside (or the run ended first: then nothing is left either)
    let ended = false;
    void exited.then(() => (ended = true));
    while (!ended && files(temp).length === 0) await new Promise((r) => setTimeout(r, 10));
    const interrupted = !ended;
    if (interrupted) child.kill('SIGINT');
    const { code, signal } = await exited;
    if (interrupted) expect(signal ?? code).toMatch(/^(SIGINT|130)$/);
    expect(files(temp)).toEqual([]);
  }, 60_000);
});
