// Damaged .xlsx survey exports on the built binary (which bundles exceljs with its zip entry
// fix): each is one sentence naming the file and exit 1, never a quiet exit 0 with nothing
// written. The fixtures are the Excel-ordered workbook of test/fixtures/survey/excel-order.xlsx
// cut at half its bytes, with bytes changed inside the compressed sheet, and with the sheet's XML
// cut short inside a sound zip; stored-entries.xlsx holds its parts uncompressed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readiness, requireBuild, ROOT } from '../helpers/binary.js';

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
