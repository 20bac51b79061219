// `readiness export` as a user runs it (the built binary): the three targets,
// the file rules (never overwrite without --force, only regular files), usage
// mistakes (exit 2), and a SurveyJS round trip through `assess --responses`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readiness, ROOT } from '../helpers/binary.js';

const FIXTURE_Q = join(ROOT, 'test/fixtures/survey/questionnaire.yaml');
const workspace = () => mkdtempSync(join(tmpdir(), 'readiness-export-e2e-'));

describe('readiness export', () => {
  it('writes each target and says what to do next', () => {
    const cwd = workspace();
    const x = readiness(cwd, ['export', 'quick-check', '--to', 'xlsform', '-o', 'qc.xlsx']);
    // quick-check's number question allows "don't know", which a number field cannot offer: said once
    expect(x.stderr).toMatch(/^readiness: warning: question \S+: it allows "don't know", which a number field in XLSForm cannot offer; .*\n$/);
    expect(x.code).toBe(0);
    expect(x.stdout).toMatch(/^Wrote the XLSForm .* of quick-check \(13 questions, 1 with a condition, 1 warning\): qc\.xlsx\n/);
    expect(x.stdout).toContain('readiness assess --responses EXPORT -q quick-check');
    expect(readFileSync(join(cwd, 'qc.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const l = readiness(cwd, ['export', FIXTURE_Q, '--to', 'limesurvey', '-o', 'form.txt']);
    expect(l.code).toBe(0);
    expect(readFileSync(join(cwd, 'form.txt'), 'utf8')).toMatch(/^class\ttype\/scale\tname\t/);
    const s = readiness(cwd, ['export', FIXTURE_Q, '--to', 'surveyjs', '-o', 'form.json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'form.json'), 'utf8')).pages).toHaveLength(4);
  });

  it('prints text targets to standard output without -o, and warns on standard error about what the form cannot carry', () => {
    const cwd = workspace();
    const r = readiness(cwd, ['export', 'social-readiness', '--to', 'limesurvey']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^class\t/);
    expect(r.stderr).toMatch(/^readiness: warning: question lead-time: it allows "don't know", which a number field in LimeSurvey cannot offer/m);
  });

  it('never overwrites without --force, and writes only regular files', () => {
    const cwd = workspace();
    expect(readiness(cwd, ['export', 'quick-check', '--to', 'surveyjs', '-o', 'f.json']).code).toBe(0);
    const again = readiness(cwd, ['export', 'quick-check', '--to', 'surveyjs', '-o', 'f.json']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('readiness: f.json already exists; use --force to overwrite, or choose another file with -o.\n');
    expect(readiness(cwd, ['export', 'quick-check', '--to', 'surveyjs', '-o', 'f.json', '--force']).code).toBe(0);
    mkdirSync(join(cwd, 'folder.xlsx'));
    const folder = readiness(cwd, ['export', 'quick-check', '--to', 'xlsform', '-o', 'folder.xlsx', '--force']);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('folder.xlsx is a folder');
    execFileSync('mkfifo', [join(cwd, 'pipe.json')]);
    const fifo = readiness(cwd, ['export', 'quick-check', '--to', 'surveyjs', '-o', 'pipe.json', '--force']);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toMatch(/pipe\.json is a FIFO|pipe\.json is a named pipe/i);
  });

  it('exits 2 on usage mistakes, with one sentence', () => {
    const cwd = workspace();
    const cases: [string[], RegExp][] = [
      [['export', 'quick-check'], /--to/],
      [['export', 'quick-check', '--to', 'excel'], /^readiness: --to must be xlsform, limesurvey or surveyjs; "excel" is not\.\n$/],
      [['export', 'quick-check', '--to', 'xlsform'], /name the file with -o/],
      [['export', 'quick-check', '--to', 'xlsform', '-o', 'form.xls'], /ending in \.xlsx/],
      [['export', '--to', 'surveyjs'], /questionnaire/],
      [['export', 'quick-check', '--to', 'surveyjs', '-o', ''], /-o needs a file name/],
    ];
    for (const [args, message] of cases) {
      const r = readiness(cwd, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const unknown = readiness(cwd, ['export', 'no-such-questionnaire', '--to', 'surveyjs']);
    expect(unknown.code).toBe(1);
  });

  it('round trip: SurveyJS results of the exported survey score with every column matched', () => {
    const cwd = workspace();
    expect(readiness(cwd, ['export', FIXTURE_Q, '--to', 'surveyjs', '-o', 'form.json']).code).toBe(0);
    // what survey.data holds for two respondents of that survey
    const results = [
      { 'lead-sponsor': 4, 'lead-budget': 'yes', 'culture-share': 'weekly', 'culture-channels': ['email', 'chat'], 'culture-hours': 6, 'lead-budget-size': 15 },
      { 'lead-sponsor': 'dont-know', 'lead-budget': 'n/a', 'culture-share': 'never', 'culture-channels': ['none'], 'culture-hours': 30, 'culture-comment': 'Too busy' },
    ];
    writeFileSync(join(cwd, 'results.json'), JSON.stringify(results));
    const r = readiness(cwd, ['assess', '--responses', 'results.json', '-q', FIXTURE_Q, '--org', 'Acme', '--date', '2026-11-30', '--json']);
    expect(r.stderr).not.toMatch(/no column|unmatched|ignored/i);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.respondents.count).toBe(2);
    expect(result.aggregate.unmatchedCells).toBe(0);
  });
});
