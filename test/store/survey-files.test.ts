import { describe, expect, it } from 'vitest';
import { surveyFileKind, surveyFolderPlan } from '../../src/store/survey-files.js';

const file = (name: string) => ({ name, isDirectory: false });

describe('the surveys folder as --all reads it', () => {
  it('reads CSV (also .tsv and .txt, as Excel saves "Unicode Text"), .xlsx and SurveyJS .json, in any case', () => {
    for (const name of ['staff.csv', 'staff.TSV', 'unicode.txt', 'forms.XLSX', 'results.json']) expect(surveyFileKind(file(name)), name).toEqual({ kind: 'read' });
  });

  it('names the spreadsheets it cannot read, with what to do: .xls, .xlsm, .xlsb, .ods, .numbers (a file or a package folder), .zip', () => {
    for (const name of ['old.xls', 'macro.XLSM', 'binary.xlsb', 'calc.ods', 'mac.numbers', 'monkey.zip']) expect(surveyFileKind(file(name)).kind, name).toBe('convert');
    expect(surveyFileKind({ name: 'mac.numbers', isDirectory: true }).kind).toBe('convert');
  });

  it('passes by without a word what is no export: hidden files, Excel owner files, a README, folders, other documents', () => {
    for (const name of ['.DS_Store', '._staff.csv', '.~lock.staff.xlsx#', '~$staff.xlsx', 'README', 'readme.txt', 'README.md', 'questions.pdf', 'notes.docx', 'mapping.yaml', 'Thumbs.db', 'no-extension']) {
      expect(surveyFileKind(file(name)), name).toEqual({ kind: 'quiet' });
    }
    expect(surveyFileKind({ name: 'old exports', isDirectory: true })).toEqual({ kind: 'quiet' });
    expect(surveyFileKind({ name: 'staff.csv', isDirectory: true })).toEqual({ kind: 'quiet' });
  });

  it('reads in name order, and says nothing of an original whose converted copy is beside it', () => {
    const plan = surveyFolderPlan(['staff.xls', 'b.csv', 'staff.xlsx', 'sites.ods', 'Pulse.XLS', 'pulse.csv', '~$staff.xlsx'].map(file));
    expect(plan.read).toEqual(['b.csv', 'pulse.csv', 'staff.xlsx']);
    expect(plan.leftOut.map((f) => f.name)).toEqual(['sites.ods']);
  });
});
