// `readiness assess --answers` as a user runs it: the built binary (npm run build first).
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readiness, ROOT } from '../helpers/binary.js';

const EXAMPLE = join(ROOT, 'reports/examples/example-org-answers.yaml');
const EXAMPLE_TEXT = readFileSync(EXAMPLE, 'utf8');
const OUT_MD = 'out/example-org/2026-11-29-social-readiness.md';
const OUT_JSON = 'out/example-org/2026-11-29-social-readiness.json';


function workspace(files: Record<string, string> = {}): string {
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-assess-e2e-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  return cwd;
}

/** The example answers with one line replaced; returns the text and the 1-based line changed. */
function variant(from: string, to: string): { text: string; line: number } {
  const lines = EXAMPLE_TEXT.split('\n');
  const i = lines.findIndex((l) => l === from || l.startsWith(`${from} `) || l.startsWith(`${from}{`));
  if (i < 0) throw new Error(`no line ${from}`);
  lines[i] = to;
  return { text: lines.join('\n'), line: i + 1 };
}

const NO_STACK = /\n\s+at .*:\d+:\d+/;

// Generous limits: each run spawns Node, and CI machines can be busy. No timing is asserted.
describe('readiness assess --answers (built binary)', { timeout: 180000 }, () => {
  it('writes both files, prints a plain summary with their paths, and matches the committed example', () => {
    const cwd = workspace();
    const r = readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '-o', 'out']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Emerging');
    expect(r.stdout).toContain('Leadership support');
    expect(r.stdout).toContain('From support to resources');
    expect(r.stdout).toContain(OUT_MD);
    expect(r.stdout).toContain(OUT_JSON);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    // the binary (with its bundled version) writes exactly the committed example outputs
    expect(readFileSync(join(cwd, OUT_MD), 'utf8')).toBe(readFileSync(join(ROOT, 'reports/examples/example-org/2026-11-29-social-readiness.md'), 'utf8'));
    expect(readFileSync(join(cwd, OUT_JSON), 'utf8')).toBe(readFileSync(join(ROOT, 'reports/examples/example-org/2026-11-29-social-readiness.json'), 'utf8'));
  });

  it('refuses to overwrite (exit 1) and leaves the files alone; --force rewrites them', () => {
    const cwd = workspace();
    const args = ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '-o', 'out'];
    expect(readiness(cwd, args).code).toBe(0);
    writeFileSync(join(cwd, OUT_MD), 'edited by hand');
    const again = readiness(cwd, args);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`readiness: ${OUT_MD} and ${OUT_JSON} already exist; use --force to overwrite, or choose another --date or output folder.\n`);
    expect(readFileSync(join(cwd, OUT_MD), 'utf8')).toBe('edited by hand');
    const forced = readiness(cwd, [...args, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, OUT_MD), 'utf8')).toMatch(/^# Example Org/);
  });

  it('--json prints the result as parseable JSON instead of the summary', () => {
    const cwd = workspace();
    const r = readiness(cwd, ['assess', '--answers', EXAMPLE, '-o', 'out', '--json', '--date', '2027-02-01']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ organization: 'Example Org', date: '2027-02-01', questionnaire: { id: 'social-readiness' } });
    expect(r.stdout).toBe(readFileSync(join(cwd, 'out/example-org/2027-02-01-social-readiness.json'), 'utf8'));
  });

  it('keeps a hostile --org inside the output folder', () => {
    const cwd = workspace();
    const r = readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', '../../etc', '-o', 'out']);
    expect(r.code).toBe(0);
    expect(readdirSync(cwd)).toEqual(['out']);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['etc']);
    expect(existsSync(join(cwd, 'out/etc/2026-11-29-social-readiness.json'))).toBe(true);
  });

  it('exits 2 at once, with advice, when there is no input and no terminal', () => {
    const r = readiness(workspace(), ['assess'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a terminal.*--answers FILE.*readiness template/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('pools --answers with --responses, and names a survey export that is missing (exit 1)', () => {
    const r = readiness(workspace(), ['assess', '--answers', EXAMPLE, '--responses', 'x.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('x.csv');
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});

describe('readiness assess --answers: bad input (built binary)', { timeout: 180000 }, () => {
  const cases: { name: string; from: string; to: string; args?: string[]; column: number; message: RegExp }[] = [
    {
      name: 'an unknown question id, with did-you-mean',
      from: '  lead-commit: 2',
      to: '  lead-comit: 2',
      column: 3,
      message: /answers\.lead-comit: "lead-comit" is not a question of "social-readiness" \(did you mean "lead-commit"\?\)/,
    },
    {
      name: 'a number out of range',
      from: '  lead-time:',
      to: '  lead-time: 200',
      column: 14,
      message: /answers\.lead-time: 200 is outside the allowed range; give a number from 1 to 120/,
    },
    {
      name: 'a value outside the allowed set',
      from: '  culture-silos: projects',
      to: '  culture-silos: sometimes',
      column: 18,
      message: /answers\.culture-silos: "sometimes" is not an allowed answer; give one of: silos \(Rarely/,
    },
    {
      name: 'a wrong type (a list for a likert question)',
      from: '  culture-compete: 2',
      to: '  culture-compete: [2, 3]',
      column: 20,
      message: /answers\.culture-compete: expects one answer, not a list/,
    },
    {
      name: 'an answer to a question its condition hides',
      from: '  lead-sponsor:',
      to: '  lead-sponsor: "no"',
      column: 3,
      message: /answers\.lead-sponsor-active: this question is not asked with the earlier answers \(it is asked only when "lead-sponsor" is "yes"\)/,
    },
    {
      name: 'a questionnaire id that does not match -q',
      from: 'questionnaire: social-readiness',
      to: 'questionnaire: quick-check',
      args: ['-q', 'social-readiness'],
      column: 16,
      message: /questionnaire: this file answers the questionnaire "quick-check", not "social-readiness"/,
    },
    {
      name: 'a YAML syntax error',
      from: '  culture-compete: 2',
      to: '   culture-compete: 2',
      column: 1,
      message: /YAML syntax error: /,
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} with its exact file:line:column (exit 1, no stack trace)`, () => {
      const { text, line } = variant(c.from, c.to);
      const cwd = workspace({ 'answers.yaml': text });
      const r = readiness(cwd, ['assess', '--answers', 'answers.yaml', '-o', 'out', ...(c.args ?? [])]);
      expect(r.code).toBe(1);
      // a hidden question's answer is reported where that answer is: the line after lead-sponsor
      const at = c.name.startsWith('an answer to a question its condition hides') ? line + 1 : line;
      expect(r.stderr).toContain(`answers.yaml:${at}:${c.column} `);
      const detail = r.stderr.split('\n').find((l) => l.includes(`answers.yaml:${at}:${c.column} `))!;
      expect(detail).toMatch(c.message);
      expect(r.stderr).toMatch(/^readiness: answers\.yaml has 1 problem; fix it and try again\.\n/);
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(existsSync(join(cwd, 'out'))).toBe(false);
    });
  }

  it('refuses missing required answers without --allow-partial, and scores them with it', () => {
    const { text } = variant('  obj-goals: 3', '  obj-goals:');
    const cwd = workspace({ 'answers.yaml': text });
    const r = readiness(cwd, ['assess', '--answers', 'answers.yaml', '-o', 'out']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'readiness: answers.yaml leaves 1 required question unanswered; answer it, or use --allow-partial to score anyway (the report will say it is partial).\n  answers.yaml: obj-goals\n',
    );
    const partial = readiness(cwd, ['assess', '--answers', 'answers.yaml', '-o', 'out', '--allow-partial', '--json']);
    expect(partial.code).toBe(0);
    expect(JSON.parse(partial.stdout).partial).toBe(true);
    expect(readFileSync(join(cwd, OUT_MD), 'utf8')).toMatch(/\| Status \| Partial/);
  });

  it('refuses a missing answers file in one sentence', () => {
    const r = readiness(workspace(), ['assess', '--answers', 'nope.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('readiness: nope.yaml does not exist; check the path and try again.\n');
  });

  it('reports the problems of several files in one run', () => {
    const cwd = workspace({
      'a.yaml': variant('  lead-commit: 2', '  lead-comit: 2').text,
      'b.yaml': variant('  culture-silos: projects', '  culture-silos: sometimes').text,
    });
    const r = readiness(cwd, ['assess', '--answers', 'a.yaml', 'b.yaml', '-o', 'out']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^readiness: 2 answers files have 2 problems/);
    expect(r.stderr).toMatch(/\n {2}a\.yaml:\d+:3 answers\.lead-comit/);
    expect(r.stderr).toMatch(/\n {2}b\.yaml:\d+:18 answers\.culture-silos/);
  });
});
