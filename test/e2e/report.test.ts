// `readiness report RESULT.json` as a user runs it: the built binary (npm run build first).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readiness, ROOT } from '../helpers/binary.js';

const EXAMPLE = join(ROOT, 'reports/examples/example-org-answers.yaml');
const MD = 'out/example-org/2026-11-29-social-readiness.md';
const JSON_FILE = 'out/example-org/2026-11-29-social-readiness.json';


describe('readiness report (built binary)', { timeout: 180000 }, () => {
  it('re-renders, byte for byte, the report that assess wrote: to stdout and with -o', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-report-e2e-'));
    expect(readiness(cwd, ['assess', '--answers', EXAMPLE, '-o', 'out']).code).toBe(0);
    const written = readFileSync(join(cwd, MD), 'utf8');

    const r = readiness(cwd, ['report', JSON_FILE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(written);

    const o = readiness(cwd, ['report', JSON_FILE, '-o', 'again.md']);
    expect(o.code).toBe(0);
    expect(o.stdout).toBe('Report written to again.md\n');
    expect(readFileSync(join(cwd, 'again.md'), 'utf8')).toBe(written);

    const refused = readiness(cwd, ['report', JSON_FILE, '-o', 'again.md']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('readiness: again.md already exists; use --force to overwrite, or give another file with -o.\n');
    expect(readiness(cwd, ['report', JSON_FILE, '-o', 'again.md', '--force']).code).toBe(0);
  });

  it('re-renders results written at schema 1 byte for byte as schema 1 wrote their reports', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-report-e2e-'));
    for (const name of ['schema-v1-single', 'schema-v1-multi']) {
      const old = join(ROOT, 'test/fixtures/results-history/old', name);
      const r = readiness(cwd, ['report', `${old}.json`]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(readFileSync(`${old}.md`, 'utf8'));
    }
  });

  it('re-renders the committed example result into the committed example report', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-report-e2e-'));
    const r = readiness(cwd, ['report', join(ROOT, 'reports/examples/example-org/2026-11-29-social-readiness.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'reports/examples/example-org/2026-11-29-social-readiness.md'), 'utf8'));
  });

  it('given an answers file, says it is one and prints the assess command that scores it, shell-safe (also under npx)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-report-e2e-'));
    writeFileSync(join(cwd, "Dana's answers.yaml"), readFileSync(EXAMPLE, 'utf8'));
    const r = readiness(cwd, ['report', "Dana's answers.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "readiness: Dana's answers.yaml is an answers file, not a stored result; score it with `readiness assess --answers 'Dana'\\''s answers.yaml'`, which writes the report and its result.\n",
    );
    // JSON answers naming neither questionnaire nor organization: the command says what else to give
    writeFileSync(join(cwd, 'a.json'), JSON.stringify({ answers: { 'lead-sponsor': 'yes' } }));
    const j = readiness(cwd, ['report', 'a.json'], undefined, { npm_command: 'exec', npm_lifecycle_script: 'readiness' });
    expect(j.code).toBe(1);
    expect(j.stderr).toBe(
      'readiness: a.json is an answers file, not a stored result; score it with `npx readiness assess --answers a.json -q <questionnaire> --org "<organization>"`, which writes the report and its result.\n',
    );
  });

  it('refuses a truncated result file in one sentence, exit 1, no stack trace', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-report-e2e-'));
    const text = readFileSync(join(ROOT, 'reports/examples/example-org/2026-11-29-social-readiness.json'), 'utf8');
    writeFileSync(join(cwd, 'cut.json'), text.slice(0, 500));
    const r = readiness(cwd, ['report', 'cut.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^readiness: cut\.json/);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(r.stdout).toBe('');
  });

  it('exits 2 without a result file argument', () => {
    const r = readiness(mkdtempSync(join(tmpdir(), 'readiness-report-e2e-')), ['report']);
    expect(r.code).toBe(2);
  });
});
