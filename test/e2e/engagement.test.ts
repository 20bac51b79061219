// An engagement as a consultant runs it, on the built binary: every
// respondent's answers kept as a file, pre-filled answers from a stored result,
// and printed commands that work when run as printed.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readiness, requireBuild, ROOT, type Run } from '../helpers/binary.js';

const EXAMPLE = join(ROOT, 'reports/examples/example-org-answers.yaml');

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'readiness-engagement-'));
}

/** A printed command ("readiness template --from x.json -o a.yaml") split as a POSIX shell would (quotes: single only, as printed). */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of command.matchAll(re)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return words;
}

/** Runs a printed hint as printed: `readiness ...` or `npx readiness ...` becomes the built binary with the same arguments. */
function runHint(cwd: string, command: string, env: Record<string, string> = {}): Run {
  const words = shellWords(command.trim());
  const start = words[0] === 'npx' ? 2 : 1;
  expect(words[start - 1]).toBe('readiness');
  return readiness(cwd, words.slice(start), undefined, env);
}

describe('an engagement (built binary)', { timeout: 180000 }, () => {
  beforeAll(requireBuild);

  it('a stored result given to --answers gets one sentence naming `template --from`, and that command works as printed', () => {
    const cwd = workspace();
    expect(readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '--date', '2026-11-01']).code).toBe(0);
    const stored = 'reports/example-org/2026-11-01-social-readiness.json';
    const wrong = readiness(cwd, ['assess', '--answers', stored]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toContain(`${stored} is a stored result, not an answers file`);
    const hint = /`(readiness template --from [^`]+)`/.exec(wrong.stderr)![1]!;
    const made = runHint(cwd, hint);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    // the pre-filled file scores to the same answers and scores as the stored result
    const next = /then run: (.+)$/m.exec(made.stdout)![1]!;
    const again = runHint(cwd, `${next} --date 2026-11-01 -o again`);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const a = JSON.parse(readFileSync(join(cwd, stored), 'utf8'));
    const b = JSON.parse(readFileSync(join(cwd, 'again/example-org/2026-11-01-social-readiness.json'), 'utf8'));
    expect(b.answers).toEqual(a.answers);
    expect(b.dimensions).toEqual(a.dimensions);
    expect(b.overall).toEqual(a.overall);
  });

  it('template --from refuses a combined result in one sentence, and keeps shared answers for another questionnaire', () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'a.yaml'), readFileSync(EXAMPLE, 'utf8'));
    writeFileSync(join(cwd, 'b.yaml'), readFileSync(EXAMPLE, 'utf8').replace(/^respondent:.*$/m, 'respondent: Other'));
    expect(readiness(cwd, ['assess', '--answers', 'a.yaml', 'b.yaml', '--org', 'Example Org', '--date', '2026-11-01']).code).toBe(0);
    const refused = readiness(cwd, ['template', '--from', 'reports/example-org/2026-11-01-social-readiness.json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('combines 2 respondents');
    expect(refused.stderr).toContain('answers files');

    const quick = readiness(cwd, ['template', 'quick-check', '--from', 'a.yaml', '-o', 'quick.yaml']);
    expect(quick.code).toBe(0);
    expect(quick.stderr).toContain('25 answers have no question in quick-check and are left out');
    expect(quick.stdout).toContain('13 of 13 answers filled in');
    const scored = readiness(cwd, ['assess', '--answers', 'quick.yaml', '-o', 'q']);
    expect(scored.stderr).toBe('');
    expect(scored.code).toBe(0);
  });

  it('prints commands the way the tool was invoked: `npx readiness ...` under npx, and they run as printed', () => {
    const cwd = workspace();
    const npx = { npm_command: 'exec', npm_lifecycle_script: 'readiness' };
    const r = readiness(cwd, ['template', 'quick-check', '-o', 'me.yaml'], undefined, npx);
    expect(r.code).toBe(0);
    const hint = /then run: (.+)$/m.exec(r.stdout)![1]!;
    expect(hint).toBe('npx readiness assess --answers me.yaml');
    // a tool started by npx (a test runner) that runs readiness is not "npx readiness"
    const other = readiness(cwd, ['template', 'quick-check', '-o', 'me2.yaml'], undefined, { npm_command: 'exec', npm_lifecycle_script: 'vitest' });
    expect(/then run: (.+)$/m.exec(other.stdout)![1]).toBe('readiness assess --answers me2.yaml');
    // the help's examples too
    expect(readiness(cwd, ['assess', '--help'], undefined, npx).stdout).toContain('$ npx readiness assess --resume');
    // and errors naming a command
    const noTerminal = readiness(cwd, ['assess', '-q', 'quick-check'], undefined, npx);
    expect(noTerminal.stderr).toContain('`npx readiness template <questionnaire>`');
    writeFileSync(join(cwd, 'me.yaml'), readFileSync(join(cwd, 'me.yaml'), 'utf8').replace('organization:', 'organization: Acme'));
    const run = runHint(cwd, `${hint} --allow-partial`, npx);
    expect(run.code).toBe(0);
  });

  it('pools two leaders (full interview) and a 40-row quick-check export into one report, by role, by unit and by source, with hand-computed scores', () => {
    const cwd = workspace();
    const example = readFileSync(EXAMPLE, 'utf8');
    const leader = (name: string, commit: number, middle: number) =>
      example
        .replace(/^organization:.*$/m, 'organization: Northwind')
        .replace(/^respondent:.*$/m, `respondent: ${name}`)
        .replace(/^role:.*$/m, 'role: Leader')
        .replace(/^date:.*$/m, 'date: 2026-11-30')
        .replace(/^ {2}lead-sponsor:.*$/m, '  lead-sponsor: "no"')
        .replace(/^ {2}lead-sponsor-active:.*$/m, '  lead-sponsor-active:')
        .replace(/^ {2}lead-commit:.*$/m, `  lead-commit: ${commit}`)
        .replace(/^ {2}lead-middle:.*$/m, `  lead-middle: ${middle}`);
    mkdirSync(join(cwd, 'interviews'));
    writeFileSync(join(cwd, 'interviews/raj.yaml'), leader('Raj', 5, 4));
    writeFileSync(join(cwd, 'interviews/lee.yaml'), leader('Lee', 1, 2));
    writeFileSync(join(cwd, 'staff.csv'), staffExport());
    const r = readiness(cwd, ['assess', '-q', 'social-readiness', '--org', 'Northwind', '--answers', 'interviews/', '--responses', 'staff.csv', '--segment-column', 'Unit', '--min-group', '2']);
    expect(r.code, r.stderr).toBe(0);
    // the role column is found without being named, and said so
    expect(r.stderr).toContain('read each respondent\'s role from column 2 ("Your role at Northwind")');
    const result = JSON.parse(readFileSync(join(cwd, 'reports/northwind/2026-11-30-social-readiness.json'), 'utf8'));
    expect(result.respondents.count).toBe(42);
    expect(result.respondents.byRole).toEqual({ Leader: 2, Manager: 10, Staff: 30 });
    expect(result.respondents.sources).toEqual([
      { kind: 'answers', label: 'Answers files', count: 2 },
      { kind: 'survey', label: 'Survey staff.csv', count: 40 },
    ]);
    expect(result.respondents.list).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('Raj');
    const answer = (id: string) => result.answers.find((a: { questionId: string }) => a.questionId === id);
    // asked of the interviewees only (not in the quick check): (0.75 + 0.25) / 2
    expect(answer('lead-middle')).toMatchObject({ respondents: 2, score: 0.5 });
    // asked of survey respondents only (the leaders said there is no sponsor, which hides it): (15 × 0.75 + 5 × 0.25) / 20
    expect(answer('lead-sponsor-active')).toMatchObject({ respondents: 20, score: 0.625 });
    // asked of both: (1 + 0 + 20 × 0.75 + 20 × 0.5) / 42
    expect(answer('lead-commit').respondents).toBe(42);
    expect(answer('lead-commit').score).toBeCloseTo(26 / 42, 12);
    // a question the export has no column for was not asked of its respondents: only the leaders count
    expect(answer('lead-model').respondents).toBe(2);
    // leadership: the mean of 42 respondents' own scores (see docs/scoring.md, "An engagement")
    //   leaders: (0 + 1 + 0 + 0.75 + 0.25 + 0.2) / 6 and (0 + 0 + 0 + 0.25 + 0.25 + 0.2) / 6
    //   survey: rows 0-14 (1, 0.75, c) / 3, rows 15-19 (1, 0.25, c) / 3, rows 20-39 (0, c) / 2, c = 0.75 on even rows, 0.5 on odd
    //   (8 × 2.5 + 7 × 2.25 + 2 × 2 + 3 × 1.75) / 3 + 10 × 0.375 + 10 × 0.25 = 21.25; leaders 2.9 / 6
    const leadership = result.dimensions.find((d: { id: string }) => d.id === 'leadership');
    expect(leadership.score).toBeCloseTo((100 * (21.25 + 2.9 / 6)) / 42, 9);
    expect(leadership.answered).toBe(112);
    expect(leadership.asked).toBe(112);
    // champions: asked of the leaders only
    expect(result.dimensions.find((d: { id: string }) => d.id === 'champions').spread.respondents).toBe(2);
    // views side by side: by role (perception gaps), by source, by unit
    const lead = (rows: { dimension: string; groups: Record<string, number> }[]) => rows.find((g) => g.dimension === 'leadership')!.groups;
    expect(Object.keys(lead(result.aggregate.perceptionGaps))).toEqual(['Leader', 'Manager', 'Staff']);
    expect(lead(result.aggregate.perceptionGaps).Leader).toBeCloseTo((100 * 2.9) / 6 / 2, 9);
    const bySource = result.aggregate.views.find((v: { attribute: string }) => v.attribute === 'source');
    expect(lead(bySource.dimensions)['Survey staff.csv']).toBeCloseTo((100 * 21.25) / 40, 9);
    const byUnit = result.aggregate.views.find((v: { attribute: string }) => v.attribute === 'unit');
    expect(Object.keys(lead(byUnit.dimensions))).toEqual(['Finance', 'IT', 'Operations', 'Sales', 'Unit not given']);
    const report = readFileSync(join(cwd, 'reports/northwind/2026-11-30-social-readiness.md'), 'utf8');
    expect(report).toContain('| Survey staff.csv | 40 |');
    expect(report).toContain('### By source');
    expect(report).toContain('### By unit');
  });

  it('assess --org X --all takes the answers files kept for the organization and the exports in its surveys folder', () => {
    const cwd = workspace();
    const example = readFileSync(EXAMPLE, 'utf8').replace(/^organization:.*$/m, 'organization: Northwind').replace(/^date:.*$/m, 'date: 2026-11-30');
    mkdirSync(join(cwd, 'reports/northwind/answers'), { recursive: true });
    mkdirSync(join(cwd, 'reports/northwind/surveys'), { recursive: true });
    writeFileSync(join(cwd, 'reports/northwind/answers/2026-11-30-raj.yaml'), example);
    writeFileSync(join(cwd, 'reports/northwind/surveys/staff.csv'), staffExport());
    const empty = readiness(cwd, ['assess', '--org', 'Nobody', '--all']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('nothing is kept for Nobody yet');
    const r = readiness(cwd, ['assess', '--org', 'Northwind', '--all', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.respondents.count).toBe(41);
    expect(result.questionnaire.id).toBe('social-readiness');
    expect(result.respondents.sources.map((s: { label: string }) => s.label)).toEqual(['Answers files', 'Survey reports/northwind/surveys/staff.csv'.replace('reports/northwind/surveys/', '')]);
  });

  it('--all names a spreadsheet in surveys/ it cannot read (.xls, .ods, .numbers, ...) with what to do, reads SurveyJS .json, and passes hidden files, Excel lock files and a README by', () => {
    const cwd = workspace();
    const dir = join(cwd, 'reports/northwind/surveys');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'staff.csv'), staffExport());
    // an old workbook, an OpenDocument sheet, a Numbers package (a folder): each was passed by without a word
    writeFileSync(join(dir, 'managers.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    writeFileSync(join(dir, 'site-b.ods'), 'PK\x03\x04');
    mkdirSync(join(dir, 'site-c.numbers'));
    // not exports: no noise (Excel's owner file of an open staff.xlsx was read as a workbook and stopped --all)
    writeFileSync(join(dir, '.DS_Store'), '\x00\x00\x00\x01Bud1');
    writeFileSync(join(dir, '~$staff.xlsx'), Buffer.alloc(165, 0x20));
    writeFileSync(join(dir, 'README.txt'), 'Exports from the client, November.\n');
    writeFileSync(join(dir, 'questions.pdf'), '%PDF-1.4\n');
    // a converted copy beside its original: the original needs no word
    writeFileSync(join(dir, 'staff.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    // SurveyJS results: read as with --responses (--all passed them by)
    writeFileSync(join(dir, 'pulse.json'), JSON.stringify([{ 'lead-sponsor': 'yes', role: 'Staff' }, { 'lead-sponsor': 'no', role: 'Staff' }]));
    const r = readiness(cwd, ['assess', '--org', 'Northwind', '--all', '-q', 'social-readiness', '--date', '2026-11-30', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const leftOut = r.stderr.split('\n').filter((line) => line.includes(' is left out: '));
    expect(leftOut).toEqual([
      'readiness: reports/northwind/surveys/managers.xls is left out: it is an Excel 97-2003 workbook (.xls), which this tool cannot read; open it in Excel and save it as .xlsx or as "CSV UTF-8" in the same folder.',
      'readiness: reports/northwind/surveys/site-b.ods is left out: it is an OpenDocument spreadsheet (.ods), which this tool cannot read; open it in LibreOffice Calc (or Excel) and save it as .xlsx or as "CSV UTF-8" in the same folder.',
      'readiness: reports/northwind/surveys/site-c.numbers is left out: it is a Numbers spreadsheet (.numbers), which this tool cannot read; export it from Numbers as Excel (.xlsx) or as CSV (Unicode UTF-8) into the same folder.',
    ]);
    expect(r.stderr).not.toMatch(/DS_Store|~\$|README|questions\.pdf|staff\.xls\b/);
    const result = JSON.parse(r.stdout);
    expect(result.respondents.count).toBe(42);
    expect(result.respondents.sources.map((s: { label: string }) => s.label)).toEqual(['Survey pulse.json', 'Survey staff.csv']);
  });

  it('--all counts an export saved twice under two names (identical bytes) once, naming both; another export of the same size counts', () => {
    const cwd = workspace();
    const dir = join(cwd, 'reports/northwind/surveys');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'staff.csv'), staffExport());
    writeFileSync(join(dir, 'staff (1).csv'), staffExport());
    // the same size, other bytes: a second export that happens to be as long
    writeFileSync(join(dir, 'staff-b.csv'), staffExport().replace('Operations', 'Operationz'));
    const r = readiness(cwd, ['assess', '--org', 'Northwind', '--all', '-q', 'social-readiness', '--date', '2026-11-30', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'readiness: reports/northwind/surveys/staff (1).csv holds the same bytes as reports/northwind/surveys/staff.csv (the same export saved twice); its respondents are counted once.\n',
    );
    const result = JSON.parse(r.stdout);
    expect(result.respondents.count).toBe(80);
    expect(result.respondents.sources.map((s: { label: string }) => s.label)).toEqual(['Survey staff.csv', 'Survey staff-b.csv']);
    // named twice with --responses, the copy counts once too, and the one export left is read as one
    writeFileSync(join(cwd, 'a.csv'), staffExport());
    writeFileSync(join(cwd, 'copy of a.csv'), staffExport());
    const twice = readiness(cwd, ['assess', '-q', 'social-readiness', '--responses', 'copy of a.csv', '--responses', 'a.csv', '--org', 'Northwind', '--date', '2026-12-01', '--json']);
    expect(twice.code, twice.stderr).toBe(0);
    expect(twice.stderr).toContain('readiness: copy of a.csv holds the same bytes as a.csv (the same export saved twice); its respondents are counted once.\n');
    expect(JSON.parse(twice.stdout).respondents.count).toBe(40);
  });

  it('a trend whose respondent mix changed says so, and compare --org leaves out a same-day single interview unless asked', () => {
    const cwd = workspace();
    const example = readFileSync(EXAMPLE, 'utf8').replace(/^organization:.*$/m, 'organization: Northwind').replace(/^role:.*$/m, 'role: Leader');
    writeFileSync(join(cwd, 'raj.yaml'), example.replace(/^respondent:.*$/m, 'respondent: Raj'));
    writeFileSync(join(cwd, 'lee.yaml'), example.replace(/^respondent:.*$/m, 'respondent: Lee'));
    writeFileSync(join(cwd, 'staff.csv'), staffExport());
    expect(readiness(cwd, ['assess', '--answers', 'raj.yaml', '--date', '2026-11-01']).code).toBe(0);
    const pooled = readiness(cwd, ['assess', '-q', 'social-readiness', '--answers', 'raj.yaml', 'lee.yaml', '--responses', 'staff.csv', '--date', '2027-05-01']);
    expect(pooled.code, pooled.stderr).toBe(0);
    // one interviewee's own report of the same day, as the interview names it
    expect(readiness(cwd, ['assess', '--answers', 'lee.yaml', '--date', '2027-05-01', '-o', 'single']).code).toBe(0);
    copyFileSync(join(cwd, 'single/northwind/2027-05-01-social-readiness.json'), join(cwd, 'reports/northwind/2027-05-01-social-readiness-lee.json'));

    const trend = readiness(cwd, ['compare', '--org', 'Northwind']);
    expect(trend.code, trend.stderr).toBe(0);
    expect(trend.stderr).toContain('left out 1 single-respondent result dated like a combined assessment of the same questionnaire (reports/northwind/2027-05-01-social-readiness-lee.json); add --include-single');
    const warning = '2026-11-01: 1 respondent (Leader 1); 2027-05-01: 2 answers files and 40 survey responses (Manager 10, Other roles 2, Staff 30). Differences may reflect who answered, not only a change in the organization.';
    expect(trend.stdout).toContain(`Note: ${warning}`);
    const report = readFileSync(join(cwd, 'reports/northwind/trend-2026-11-01-to-2027-05-01.md'), 'utf8');
    expect(report).toContain(warning);
    expect(report).toContain('| 2027-05-01 | social-readiness 1.0.0 | 2 answers files and 40 survey responses (Manager 10, Other roles 2, Staff 30) |');

    const all = readiness(cwd, ['compare', '--org', 'Northwind', '--include-single', '--json']);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout).points).toHaveLength(3);
  });

  it('two organizations whose names share a folder ("Acme Inc", "Acme Inç"): --all and the earlier round take only the named one\'s', () => {
    const cwd = workspace();
    const example = readFileSync(EXAMPLE, 'utf8');
    const answers = (org: string, who: string, date: string) =>
      example.replace(/^organization:.*$/m, `organization: ${org}`).replace(/^respondent:.*$/m, `respondent: ${who}`).replace(/^date:.*$/m, `date: ${date}`);
    mkdirSync(join(cwd, 'reports/acme-inc/answers'), { recursive: true });
    writeFileSync(join(cwd, 'other.yaml'), answers('Acme Inç', 'Zed', '2026-05-01'));
    expect(readiness(cwd, ['assess', '--answers', 'other.yaml']).code).toBe(0);
    expect(existsSync(join(cwd, 'reports/acme-inc/2026-05-01-social-readiness.json'))).toBe(true);
    writeFileSync(join(cwd, 'reports/acme-inc/answers/ann.yaml'), answers('Acme Inc', 'Ann', '2026-06-01'));
    writeFileSync(join(cwd, 'reports/acme-inc/answers/zed.yaml'), answers('Acme Inç', 'Zed', '2026-05-01'));
    const r = readiness(cwd, ['assess', '--org', 'Acme Inc', '--all']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('readiness: reports/acme-inc/answers/zed.yaml is left out: it names the organization "Acme Inç", not "Acme Inc".\n');
    const result = JSON.parse(readFileSync(join(cwd, 'reports/acme-inc/2026-06-01-social-readiness.json'), 'utf8'));
    expect(result.organization).toBe('Acme Inc');
    expect(result.respondents.count).toBe(1);
    // Acme Inç's result of 2026-05-01 is not Acme Inc's earlier round
    expect(result.plan.previous).toBeNull();
    expect(readFileSync(join(cwd, 'reports/acme-inc/2026-06-01-social-readiness.md'), 'utf8')).not.toContain('2026-05-01');
  });

  it('a second round six months later: --all counts a respondent interviewed in both rounds once, by the later interview', () => {
    const cwd = workspace();
    const example = readFileSync(EXAMPLE, 'utf8');
    const answers = (who: string, date: string, commit: number) =>
      example
        .replace(/^organization:.*$/m, 'organization: Acme')
        .replace(/^respondent:.*$/m, `respondent: ${who}`)
        .replace(/^date:.*$/m, `date: ${date}`)
        .replace(/^ {2}lead-commit:.*$/m, `  lead-commit: ${commit}`);
    const dir = join(cwd, 'reports/acme/answers');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '2026-06-01-ann-lee.yaml'), answers('Ann Lee', '2026-06-01', 1));
    writeFileSync(join(dir, '2026-06-01-bo.yaml'), answers('Bo', '2026-06-01', 1));
    expect(readiness(cwd, ['assess', '--org', 'Acme', '--all']).code).toBe(0);
    writeFileSync(join(dir, '2026-12-01-ann-lee.yaml'), answers('ann  lee', '2026-12-01', 5));
    const r = readiness(cwd, ['assess', '--org', 'Acme', '--all']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'readiness: reports/acme/answers/2026-06-01-ann-lee.yaml is left out: the same respondent answered again in reports/acme/answers/2026-12-01-ann-lee.yaml (2026-12-01), which counts; each respondent counts once.\n',
    );
    const result = JSON.parse(readFileSync(join(cwd, 'reports/acme/2026-12-01-social-readiness.json'), 'utf8'));
    expect(result.respondents.count).toBe(2);
    expect(result.plan.previous.date).toBe('2026-06-01');
  });

  it('refuses to pool answers of another questionnaire whose shared questions differ, naming them', () => {
    const cwd = workspace();
    writeFileSync(
      join(cwd, 'other.yaml'),
      [
        'id: other-check',
        'version: "1.0.0"',
        'title: Other check',
        'description: A check whose sponsor question is a scale.',
        'minutes: 1',
        'dimensions:',
        '  - { id: leadership, title: Leadership, description: Leaders. }',
        'scales:',
        '  three:',
        '    title: Three steps',
        '    options:',
        '      - { value: 1, label: Low, score: 0 }',
        '      - { value: 2, label: Mid, score: 0.5 }',
        '      - { value: 3, label: High, score: 1 }',
        'questions:',
        '  - { id: lead-sponsor, dimension: leadership, type: likert, scale: three, text: How strong is the sponsor? }',
        '  - { id: lead-commit, dimension: leadership, type: likert, scale: three, text: Leaders ask for collaboration. }',
        'levels:',
        '  - { id: low, label: Low, min: 0, max: 50, description: Low. }',
        '  - { id: high, label: High, min: 50, max: 100, description: High. }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(cwd, 'a.yaml'), 'questionnaire: other-check\norganization: Acme\nanswers:\n  lead-sponsor: 2\n  lead-commit: 3\n');
    mkdirSync(join(cwd, 'questionnaires'));
    writeFileSync(join(cwd, 'questionnaires/other.yaml'), readFileSync(join(cwd, 'other.yaml'), 'utf8'));
    writeFileSync(join(cwd, 'b.yaml'), readFileSync(EXAMPLE, 'utf8').replace(/^organization:.*$/m, 'organization: Acme'));
    const r = readiness(cwd, ['assess', '-q', 'social-readiness', '--answers', 'a.yaml', 'b.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a.yaml answers "other-check", whose questions lead-sponsor, lead-commit differ from those of "social-readiness"');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });
});

/**
 * A Google Forms export of the quick check's leadership questions from 40
 * staff: a role column named in words, a unit column, and a time stamp.
 * Rows 0-19 say there is a sponsor (rows 0-14 "Agree" that it commits
 * resources, 15-19 "Disagree"); even rows "Agree" that leaders ask for open
 * collaboration, odd rows "Neither". Every fourth row is a manager; units
 * cycle Sales, Operations, Finance, IT.
 */
function staffExport(): string {
  const header = [
    'Timestamp',
    'Your role at Northwind',
    'Unit',
    'Is there a named senior sponsor who answers for this work?',
    'The sponsor has committed resources (budget, staff time or communication channels), not only approval.',
    'Senior leaders have told staff plainly that they want people to collaborate more openly.',
  ];
  const rows = Array.from({ length: 40 }, (_, i) => [
    `2026/11/30 10:${String(i).padStart(2, '0')}:00`,
    i % 4 === 0 ? 'Manager' : 'Staff',
    ['Sales', 'Operations', 'Finance', 'IT'][i % 4]!,
    i < 20 ? 'Yes' : 'No',
    i < 15 ? 'Agree' : i < 20 ? 'Disagree' : '',
    i % 2 === 0 ? 'Agree' : 'Neither agree nor disagree',
  ]);
  return [header, ...rows].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}
