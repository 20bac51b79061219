// Runs the built binary as a user would (build first: npm run build).
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../helpers/markdownlint.js';
import { spawnSync } from 'node:child_process';
import { readiness as run, BIN, ROOT } from '../helpers/binary.js';

const FIX = join(ROOT, 'test/fixtures/results-history');

function workspace(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-e2e-'));
  cpSync(join(FIX, 'reports'), join(cwd, 'reports'), { recursive: true });
  cpSync(join(FIX, 'bad'), join(cwd, 'bad'), { recursive: true });
  return cwd;
}

const readiness = (cwd: string, ...args: string[]) => run(cwd, args);

const Q = (d: string) => `reports/example-org/${d}-social-readiness.json`;

describe('readiness compare (built binary)', () => {
  it('writes the trend report of an organization next to its results and prints the summary', () => {
    const cwd = workspace();
    const r = readiness(cwd, 'compare', '--org', 'Example Org');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Readiness trend: Example Org, 2025-06-01 to 2026-03-01 (4 assessments)');
    expect(r.stdout).toContain('Trend report written: reports/example-org/trend-2025-06-01-to-2026-03-01.md');
    expect(r.stderr).toContain('left out reports/example-org/2025-04-15-quick-check.json (quick-check)');
    const md = readFileSync(join(cwd, 'reports/example-org/trend-2025-06-01-to-2026-03-01.md'), 'utf8');
    expect(md).toBe(readFileSync(join(FIX, 'golden/trend-example-org.md'), 'utf8').replace(/\| example-org\//g, '| reports/example-org/'));
    expect(lintMarkdown(md)).toEqual([]);
    // the same results again: same bytes, nothing to refuse
    const again = readiness(cwd, 'compare', '--org', 'Example Org');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Trend report unchanged');
  });

  it('--format md,html,pdf publishes the set as one unit: a PDF that fails to print leaves no .md or .html; the same set again is unchanged', () => {
    const cwd = workspace();
    const trend = (ext: string) => join(cwd, `reports/example-org/trend-2025-06-01-to-2026-03-01.${ext}`);
    // a "browser" that exits at once: the PDF fails after the Markdown and HTML are rendered
    const failed = readiness(cwd, 'compare', '--org', 'Example Org', '--format', 'md,html,pdf', '--browser', '/bin/false');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('could not print the PDF');
    expect(['md', 'html', 'pdf'].filter((ext) => existsSync(trend(ext)))).toEqual([]);
    const first = readiness(cwd, 'compare', '--org', 'Example Org', '--format', 'md,html');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/\nTrend report written: \S+\.md\nTrend report written: \S+\.html\n$/);
    // the same results again: same bytes in both formats, nothing refused
    const again = readiness(cwd, 'compare', '--org', 'Example Org', '--format', 'md,html');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\nTrend report unchanged: \S+\.md\nTrend report unchanged: \S+\.html\n$/);
    writeFileSync(trend('html'), 'edited');
    const refused = readiness(cwd, 'compare', '--org', 'Example Org', '--format', 'md,html');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('readiness: reports/example-org/trend-2025-06-01-to-2026-03-01.html already exists with different content; use --force to overwrite it, or -o FILE to write elsewhere.\n');
    expect(readFileSync(trend('html'), 'utf8')).toBe('edited');
  });

  it('says on the terminal and in the report that a shared question was reworded by a newer version', () => {
    const cwd = workspace();
    const r = JSON.parse(readFileSync(join(cwd, Q('2026-03-01')), 'utf8'));
    r.questionnaire.version = '2.0';
    r.answers.find((a: { questionId: string }) => a.questionId === 'lead-sponsor').text = 'Has a senior leader agreed to sponsor it?';
    writeFileSync(join(cwd, 'v2.json'), JSON.stringify(r));
    const note = 'Question lead-sponsor is worded differently across the results, so its scores may not be comparable: "A named senior sponsor backs the change." in social-readiness 1.0 (2025-06-01); "Has a senior leader agreed to sponsor it?" in social-readiness 2.0 (2026-03-01).';
    const out = readiness(cwd, 'compare', Q('2025-06-01'), 'v2.json', '-o', 'trend.md');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`\nNote: ${note}\n`);
    expect(readFileSync(join(cwd, 'trend.md'), 'utf8')).toContain(`- ${note}\n`);
  });

  it('sorts files given out of order by date', () => {
    const cwd = workspace();
    const r = readiness(cwd, 'compare', Q('2026-03-01'), Q('2025-06-01'), '--json');
    expect(r.code).toBe(0);
    const trend = JSON.parse(r.stdout);
    expect(trend.points.map((p: { date: string }) => p.date)).toEqual(['2025-06-01', '2026-03-01']);
    expect(existsSync(join(cwd, 'reports/example-org/trend-2025-06-01-to-2026-03-01.md'))).toBe(false);
  });

  it('writes -o atomically and refuses to overwrite without --force', () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'trend.md'), 'mine');
    const r = readiness(cwd, 'compare', Q('2025-06-01'), Q('2025-09-01'), '-o', 'trend.md');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('trend.md already exists; use --force to overwrite, or give another file with -o.');
    expect(readFileSync(join(cwd, 'trend.md'), 'utf8')).toBe('mine');
    const forced = readiness(cwd, 'compare', Q('2025-06-01'), Q('2025-09-01'), '-o', 'trend.md', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Trend report written: trend.md');
    expect(readFileSync(join(cwd, 'trend.md'), 'utf8')).toMatch(/^# Readiness trend: Example Org/);
  });

  it('compares a quick-check with a full interview and names what was left out', () => {
    const cwd = workspace();
    const r = readiness(cwd, 'compare', 'reports/example-org/2025-04-15-quick-check.json', Q('2026-03-01'), '-o', 'qc.md');
    expect(r.code).toBe(0);
    const md = readFileSync(join(cwd, 'qc.md'), 'utf8');
    expect(md).toContain('## What was left out');
    expect(md).toContain('| Governance and risk | governance | asked in social-readiness 1.0 (2026-03-01) but not in quick-check 1.0 (2025-04-15) |');
  });

  it.each([
    [['compare', Q('2025-06-01')], 2, 'a trend needs at least two results, but only'],
    [['compare'], 2, 'give two or more result files, or --org NAME'],
    [['compare', Q('2025-06-01'), '--org', 'Example Org'], 2, 'either result files or --org, not both'],
    [['compare', '--org', 'Nobody'], 1, 'no stored results of "Nobody"'],
    [['compare', Q('2025-06-01'), 'reports/acme-b-partners-b/2025-09-15-social-readiness.json'], 1, 'different organizations ("Example Org", "Acme | <b>Partners</b>")'],
    [['compare', Q('2025-06-01'), 'bad/newer-schema.json'], 1, 'written by a newer readiness (schema 99'],
    [['compare', Q('2025-06-01'), 'bad/truncated.json'], 1, 'bad/truncated.json is not valid JSON (truncated?) at line'],
    [['compare', Q('2025-06-01'), 'bad/tampered.json'], 1, 'scores do not match the answers (edited by hand?)'],
    [['compare', Q('2025-06-01'), 'missing.json'], 1, 'missing.json does not exist'],
  ])('refuses %j with exit %i', (args, code, message) => {
    const r = readiness(workspace(), ...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('compares different organizations with --allow-mixed', () => {
    const r = readiness(workspace(), 'compare', Q('2025-06-01'), 'reports/acme-b-partners-b/2025-09-15-social-readiness.json', '--allow-mixed');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Trend report written: reports/mixed-organizations/trend-2025-06-01-to-2025-09-15.md');
  });

  it('compares an organization with only one result: exit 1 with what to do', () => {
    const r = readiness(workspace(), 'compare', '--org', 'Acme | <b>Partners</b>');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('only one stored result');
  });
});

describe('readiness history (built binary)', () => {
  it('lists results newest first and skipped files with reasons', () => {
    const cwd = workspace();
    cpSync(join(cwd, 'bad'), join(cwd, 'reports/bad'), { recursive: true });
    const r = readiness(cwd, 'history');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('6 stored results in reports, newest first:');
    expect(lines[3]).toMatch(/^2026-03-01 +Example Org/);
    expect(r.stdout).toContain('Skipped 5 files that are not a readable result:');
    expect(r.stdout).toMatch(/reports\/bad\/truncated\.json: is not valid JSON \(truncated\?\)/);
  });

  it('prints JSON with --json and filters with --org', () => {
    const r = readiness(workspace(), 'history', '--org', 'example org', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.results.map((x: { date: string }) => x.date)).toEqual(['2026-03-01', '2025-12-01', '2025-09-01', '2025-06-01', '2025-04-15']);
    expect(json.skipped).toEqual([]);
  });

  it('explains how to start when there are no results', () => {
    const r = readiness(mkdtempSync(join(tmpdir(), 'readiness-empty-')), 'history');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no stored results. Run `readiness assess`');
  });
});

describe('printed commands work when pasted into a shell as printed', () => {
  // `$`, backticks and `!` are expanded inside double quotes: such a name is printed in single quotes,
  // and every hint names the reports folder it was given (--dir), or the pasted command looks elsewhere
  const ORG = 'Ca$h `Co` Ltd! "Rhône"';
  const ANSWERS = join(ROOT, 'reports/examples/example-org-answers.yaml');
  const pasted = (cwd: string, command: string) => {
    const r = spawnSync('sh', ['-c', command.replace(/^readiness /, `"${process.execPath}" "${BIN}" `)], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const hint = (text: string, pattern: RegExp) => {
    const m = pattern.exec(text);
    expect(m, text).not.toBeNull();
    return m![1]!;
  };

  it('history, compare and plan with an organization holding shell characters, in a folder of its own', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-e2e-'));
    for (const date of ['2026-01-15', '2026-04-15']) expect(readiness(cwd, 'assess', '--answers', ANSWERS, '--org', ORG, '--date', date, '--dir', 'clients').code).toBe(0);

    const history = readiness(cwd, 'history', '--dir', 'clients');
    const compare = hint(history.stdout, /See what changed with `(readiness compare [^\n]*)`\.\n/);
    expect(compare).toBe(`readiness compare --org 'Ca$h \`Co\` Ltd! "Rhône"' --dir clients`);
    const trend = pasted(cwd, compare);
    expect(trend.code, trend.stderr).toBe(0);
    expect(trend.stdout).toContain(`Readiness trend: ${ORG}, 2026-01-15 to 2026-04-15`);

    const nobody = readiness(cwd, 'history', '--dir', 'clients', '--org', 'Nobody');
    expect(pasted(cwd, hint(nobody.stdout, /Run `(readiness history[^`]*)` without --org/)).stdout).toContain('2 stored results in clients');

    const missingPlan = readiness(cwd, 'plan', '--org', ORG, '--dir', 'clients', '--check');
    expect(missingPlan.code).toBe(1);
    const write = pasted(cwd, hint(missingPlan.stderr, /write it first with `(readiness plan .*)`\.\n/));
    expect(write.code, write.stderr).toBe(0);
    const check = pasted(cwd, hint(write.stdout, /then check it with: (readiness plan [^\n]*)\n/));
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('clients/ca-h-co-ltd-rhone/plan.yaml');
    // the report's hint (Markdown, as the client reads it rendered) quotes the name the same way
    const report = readFileSync(join(cwd, 'clients/ca-h-co-ltd-rhone/2026-04-15-social-readiness.md'), 'utf8');
    expect(report).toContain(`The command readiness plan --org 'Ca\\$h \\\`Co\\\` Ltd! "Rhône"' writes one`);
  });
});
