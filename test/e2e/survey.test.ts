// `readiness assess --responses` and `readiness template --csv` as a user runs
// them: the built binary (npm run build first) on a 30-respondent survey
// export of the quick-check questionnaire. The export mixes roles:
// Leadership 5, Manager 8, Staff 14, Board 2 (too small to be shown on its
// own) and 1 respondent without a role; it also carries e-mail addresses,
// which must never reach the report or the result.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readiness, ROOT } from '../helpers/binary.js';

const SURVEY = join(ROOT, 'test/fixtures/survey/quick-check-30.csv');


const workspace = () => mkdtempSync(join(tmpdir(), 'readiness-survey-e2e-'));

describe('assess --responses (survey export of 30 respondents)', () => {
  const cwd = workspace();
  const run = readiness(cwd, ['assess', '--responses', SURVEY, '-q', 'quick-check', '--org', 'X', '-o', 'tmp', '--date', '2026-11-29']);
  const md = join(cwd, 'tmp/x/2026-11-29-quick-check.md');
  const json = join(cwd, 'tmp/x/2026-11-29-quick-check.json');

  it('writes a report and a result and names them', () => {
    expect(run.stderr).not.toContain('unexpected error');
    expect(run.code).toBe(0);
    expect(existsSync(md)).toBe(true);
    expect(existsSync(json)).toBe(true);
    expect(run.stdout).toContain('tmp/x/2026-11-29-quick-check.md');
    // the timestamp and e-mail columns are ignored, and the user is told once
    expect(run.stderr.match(/ignored 2 columns/g)).toHaveLength(1);
  });

  it('counts respondents by role and hides the group of 2', () => {
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.respondents.count).toBe(30);
    expect(result.respondents.byRole).toMatchObject({ Leadership: 5, Manager: 8, Staff: 14 });
    expect(result.respondents.byRole.Board).toBeUndefined();
    expect(result.aggregate.hiddenGroups).toBe(1);
    expect(result.aggregate.unmatchedCells).toBe(0);
    const report = readFileSync(md, 'utf8');
    expect(report).toContain('30 respondents');
    expect(report).not.toMatch(/\bBoard\b/);
  });

  it('flags divergent views and shows a perception gap between leadership and staff', () => {
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.aggregate.divergent.length).toBeGreaterThan(0);
    const leadership = result.aggregate.perceptionGaps.find((g: { dimension: string }) => g.dimension === 'leadership');
    expect(leadership.groups.Leadership - leadership.groups.Staff).toBeGreaterThan(40);
    expect(Object.keys(leadership.groups)).not.toContain('Board');
    const report = readFileSync(md, 'utf8');
    const gapTable = report.slice(report.search(/perception gap/i));
    expect(gapTable).toMatch(/\| Leadership \|.*\| Staff \|/);
  });

  it('keeps e-mail addresses out of the report and the result', () => {
    expect(readFileSync(md, 'utf8')).not.toContain('@example.org');
    expect(readFileSync(json, 'utf8')).not.toContain('@example.org');
  });

  it('--strict refuses an export with a cell that matches no answer, naming row and column', () => {
    const dir = workspace();
    const lines = readFileSync(SURVEY, 'utf8').split('\r\n');
    const row = lines.findIndex((l) => l.includes(',Leadership,Yes,'));
    lines[row] = lines[row]!.replace(',Leadership,Yes,', ',Leadership,Perhaps,');
    writeFileSync(join(dir, 'bad.csv'), lines.join('\r\n'));
    const strict = readiness(dir, ['assess', '--responses', 'bad.csv', '-q', 'quick-check', '--org', 'X', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`bad.csv:${row + 1}:4 lead-sponsor: "Perhaps" was not understood`);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });
});

describe('template --csv', () => {
  it('writes the header row and a mapping skeleton that assess accepts', () => {
    const cwd = workspace();
    const made = readiness(cwd, ['template', 'quick-check', '--csv', '-o', 'survey.csv']);
    expect(made.code).toBe(0);
    const header = readFileSync(join(cwd, 'survey.csv'), 'utf8');
    expect(header.startsWith('\uFEFFrole,')).toBe(true);
    writeFileSync(join(cwd, 'survey.csv'), `${header}Staff,No,,Agree,Agree,12,Agree,Disagree,"Often, in cross-department projects",Disagree,,Agree,Don't know,We have no measures yet\r\n`);
    const assessed = readiness(cwd, ['assess', '--responses', 'survey.csv', '--map', 'survey.mapping.yaml', '-q', 'quick-check', '--org', 'Y', '--strict']);
    expect(assessed.stderr).toBe('');
    expect(assessed.code).toBe(0);
    const again = readiness(cwd, ['template', 'quick-check', '--csv', '-o', 'survey.csv']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exist');
  });
});

describe('assess --responses on form-tool shapes (issue 13)', () => {
  it('states rows read, scored and set aside in the report and result; blanks are coverage, not partial; refused roles never shown', () => {
    const cwd = workspace();
    const file = join(ROOT, 'test/fixtures/survey/google-forms-other.csv');
    const run = readiness(cwd, ['assess', '--responses', file, '-q', join(ROOT, 'test/fixtures/survey/questionnaire.yaml'), '--role-column', 'What is your role?', '--org', 'Z', '-o', 'out', '--date', '2026-11-29']);
    expect(run.stderr).not.toContain('unexpected error');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('2 rows were set aside');
    const result = JSON.parse(readFileSync(join(cwd, 'out/z/2026-11-29-survey-test.json'), 'utf8'));
    expect(result.survey).toMatchObject({ rowsRead: 6, respondents: 4, setAside: 2, setAsideLines: [6, 7], rolesRefused: 2, format: 'google' });
    // four required questions have no column at all, so nobody answered them: partial, by the documented rule
    expect(result.partial).toBe(true);
    const report = readFileSync(join(cwd, 'out/z/2026-11-29-survey-test.md'), 'utf8');
    expect(report).toContain('6 rows read, 4 respondents scored, 2 rows set aside (lines 6, 7)');
    expect(report).not.toMatch(/example\.org|customer phone/);
  });

  it('a survey whose blanks are scattered is complete, and --from and --include-unfinished are accepted', () => {
    const cwd = workspace();
    writeFileSync(
      join(cwd, 's.csv'),
      'role,lead-sponsor,lead-budget,culture-share,culture-channels,culture-hours,lead-budget-size\nStaff,Agree,,Never,Email,3,\nStaff,,No,,Chat | Email,,\nStaff,Disagree,Yes,Sometimes,,5,10\n',
    );
    const run = readiness(cwd, ['assess', '--responses', 's.csv', '-q', join(ROOT, 'test/fixtures/survey/questionnaire.yaml'), '--from', 'generic', '--include-unfinished', '--org', 'W', '-o', 'out', '--date', '2026-11-29']);
    expect(run.code).toBe(0);
    const result = JSON.parse(readFileSync(join(cwd, 'out/w/2026-11-29-survey-test.json'), 'utf8'));
    expect(result.partial).toBe(false);
    expect(readFileSync(join(cwd, 'out/w/2026-11-29-survey-test.md'), 'utf8')).toContain('blank cells show as coverage');
    const bad = readiness(cwd, ['assess', '--responses', 's.csv', '-q', 'quick-check', '--org', 'W', '--from', 'excel']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from must be one of');
  });

  it('counts an export named twice (another spelling, a link, or --all beside --responses) once, and says so', () => {
    const cwd = workspace();
    mkdirSync(join(cwd, 'out/y/surveys'), { recursive: true });
    copyFileSync(SURVEY, join(cwd, 'out/y/surveys/staff.csv'));
    symlinkSync(join(cwd, 'out/y/surveys/staff.csv'), join(cwd, 'link.csv'));
    const base = ['-q', 'quick-check', '--org', 'Y', '-o', 'out', '--date', '2026-11-29', '--force', '--json'];
    for (const args of [
      ['--responses', 'out/y/surveys/staff.csv', '--responses', './out/y/surveys/staff.csv'],
      ['--responses', 'link.csv', '--responses', 'out/y/surveys/staff.csv'],
      ['--all', '--responses', 'out/y/surveys/staff.csv'],
    ]) {
      const run = readiness(cwd, ['assess', ...args, ...base]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).respondents.count).toBe(30);
      expect(run.stderr).toMatch(/readiness: \S+ is the same file as \S+; its respondents are counted once\./);
    }
  });
});
