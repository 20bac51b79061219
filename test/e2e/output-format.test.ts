// `report` and `compare` with -o FILE as a user runs them (the built binary): the file's
// name chooses the format when --format is not given, so `-o client.pdf` is a PDF a
// consultant can send, never Markdown named .pdf; a --format that leaves out what the name
// says is refused before anything is read. The PDF is printed by the Chromium on this
// machine, as in formats.test.ts (CI installs it in .ci/run).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/cli/pdf.js';
import { readiness, ROOT } from '../helpers/binary.js';

const EXAMPLE = join(ROOT, 'reports/examples/example-org-answers.yaml');
const BASE = 'out/example-org/2026-11-29-social-readiness';
const isPdf = (path: string) => readFileSync(path).subarray(0, 5).toString('latin1') === '%PDF-';

describe('readiness report -o FILE: the name chooses the format (built binary)', { timeout: 240000 }, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-output-format-e2e-'));
  const assessed = readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '-o', 'out']);
  const markdown = () => readFileSync(join(cwd, `${BASE}.md`), 'utf8');
  const html = () => readiness(cwd, ['report', `${BASE}.json`, '--format', 'html']).stdout;

  it('writes a PDF to -o client.pdf without --format (and takes --browser for it)', () => {
    expect(assessed.code, assessed.stderr).toBe(0);
    const r = readiness(cwd, ['report', `${BASE}.json`, '-o', 'client.pdf']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Report written to client.pdf\n');
    expect(isPdf(join(cwd, 'client.pdf'))).toBe(true);
    const b = readiness(cwd, ['report', `${BASE}.json`, '-o', 'sub/Client.PDF', '--browser', findBrowser(undefined, process.env)]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout).toBe('Report written to sub/Client.PDF\n');
    expect(isPdf(join(cwd, 'sub/Client.PDF'))).toBe(true);
    expect(readdirSync(join(cwd, 'sub'))).toEqual(['Client.PDF']);
  });

  it('writes the HTML page to -o r.html and -o r.HTM, under the name given; any other name stays Markdown', () => {
    for (const name of ['r.html', 'r.HTM']) {
      const r = readiness(cwd, ['report', `${BASE}.json`, '-o', name]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`Report written to ${name}\n`);
      expect(readFileSync(join(cwd, name), 'utf8')).toBe(html());
    }
    expect(html()).toMatch(/^<!doctype html>/i);
    for (const name of ['r.md', 'r.markdown', 'r.txt', 'noext']) {
      const r = readiness(cwd, ['report', `${BASE}.json`, '-o', name]);
      expect(r.stdout).toBe(`Report written to ${name}\n`);
      expect(readFileSync(join(cwd, name), 'utf8')).toBe(markdown());
    }
  });

  it('refuses -o r.pdf --format md (and every --format leaving out what the name says) with exit 2 and one sentence, before reading the result', () => {
    const cases: [string[], string][] = [
      [['-o', 'r.pdf', '--format', 'md'], 'readiness: -o r.pdf names a PDF file but --format md asks for Markdown; give -o r.md for Markdown, or leave out --format to write the PDF file r.pdf.\n'],
      [['-o', 'r.html', '--format', 'md'], 'readiness: -o r.html names an HTML file but --format md asks for Markdown; give -o r.md for Markdown, or leave out --format to write the HTML file r.html.\n'],
      [['-o', 'r.md', '--format', 'pdf'], 'readiness: -o r.md names a Markdown file but --format pdf asks for PDF; give -o r.pdf for PDF, or leave out --format to write the Markdown file r.md.\n'],
      [['-o', 'r.pdf', '--format', 'md,html'], 'readiness: -o r.pdf names a PDF file but --format md,html does not include pdf; give --format md,html,pdf to write it too, or -o r.md to write the Markdown and HTML files only.\n'],
    ];
    const before = readdirSync(cwd).sort();
    for (const [args, sentence] of cases) {
      for (const result of [`${BASE}.json`, 'no-such-result.json']) {
        const r = readiness(cwd, ['report', result, ...args]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toBe(sentence);
        expect(r.stdout).toBe('');
      }
    }
    expect(readdirSync(cwd).sort()).toEqual(before);
  });

  it('with several formats writes the file -o names under its own name and the others beside it', () => {
    const r = readiness(cwd, ['report', `${BASE}.json`, '-o', 'both/Client.PDF', '--format', 'md,pdf']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Report written to both/Client.md\nReport written to both/Client.PDF\n');
    expect(readdirSync(join(cwd, 'both')).sort()).toEqual(['Client.PDF', 'Client.md']);
    expect(isPdf(join(cwd, 'both/Client.PDF'))).toBe(true);
    expect(readFileSync(join(cwd, 'both/Client.md'), 'utf8')).toBe(markdown());
  });
});

describe('readiness compare -o FILE: the name chooses the format (built binary)', { timeout: 240000 }, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-output-format-e2e-'));
  cpSync(join(ROOT, 'test/fixtures/results-history/reports'), join(cwd, 'reports'), { recursive: true });
  const args = ['compare', '--org', 'Example Org'];

  it('writes a PDF to -o trend.pdf and the HTML page to -o trend.htm without --format', () => {
    const md = readiness(cwd, [...args, '-o', 'trend.md']);
    expect(md.code, md.stderr).toBe(0);
    const pdf = readiness(cwd, [...args, '-o', 'trend.pdf']);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdf.stdout).toBe(md.stdout.replace('trend.md', 'trend.pdf'));
    expect(pdf.stderr).toBe(md.stderr);
    expect(isPdf(join(cwd, 'trend.pdf'))).toBe(true);
    const htm = readiness(cwd, [...args, '-o', 'trend.htm']);
    expect(htm.code, htm.stderr).toBe(0);
    expect(htm.stdout).toMatch(/\nTrend report written: trend\.htm\n$/);
    expect(readFileSync(join(cwd, 'trend.htm'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(cwd, 'trend.htm'), 'utf8')).not.toBe(readFileSync(join(cwd, 'trend.md'), 'utf8'));
  });

  it('refuses -o trend.pdf --format md with exit 2 and one sentence, before reading any result', () => {
    for (const from of [args, ['compare', 'no-such-1.json', 'no-such-2.json']]) {
      const r = readiness(cwd, [...from, '-o', 'refused.pdf', '--format', 'md']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('readiness: -o refused.pdf names a PDF file but --format md asks for Markdown; give -o refused.md for Markdown, or leave out --format to write the PDF file refused.pdf.\n');
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(cwd, 'refused.pdf'))).toBe(false);
    expect(existsSync(join(cwd, 'refused.md'))).toBe(false);
  });
});
