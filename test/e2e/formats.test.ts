// `--format md,html,pdf` as a user runs it (the built binary): three files a
// consultant can send, the PDF printed by the Chromium on this machine (CI
// installs it in .ci/run), the HTML opened in that same headless browser.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER_ARGS, findBrowser } from '../../src/cli/pdf.js';
import { parseFormats, withFormat } from '../../src/cli/formats.js';
import { readiness, ROOT } from '../helpers/binary.js';

const EXAMPLE = join(ROOT, 'reports/examples/example-org-answers.yaml');
const BASE = 'out/example-org/2026-11-29-social-readiness';

describe('--format parsing', () => {
  it('reads a comma-separated list in a fixed order, md by default, and refuses unknown formats', () => {
    expect(parseFormats(undefined)).toEqual(['md']);
    expect(parseFormats('pdf, HTML,md')).toEqual(['md', 'html', 'pdf']);
    expect(() => parseFormats('md,docx')).toThrow(/not a list of md, html and pdf/);
    expect(withFormat('a/report.md', 'pdf')).toBe('a/report.pdf');
    expect(withFormat('report', 'html')).toBe('report.html');
  });

  it('says in one sentence how to get a browser when none is found', () => {
    expect(() => findBrowser(undefined, {}, [])).toThrow(/^no Chromium or Chrome was found to print the PDF; install one .* --browser PATH or CHROME_PATH\.$/);
    expect(() => findBrowser('/nonexistent/chrome', {})).toThrow(/--browser \/nonexistent\/chrome does not exist/);
    expect(() => findBrowser(undefined, { CHROME_PATH: '/nonexistent/chrome' })).toThrow(/CHROME_PATH=\/nonexistent\/chrome does not exist/);
  });
});

describe('readiness assess --format md,html,pdf (built binary)', { timeout: 240000 }, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-formats-e2e-'));
  const run = readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '--format', 'md,html,pdf', '-o', 'out']);

  it('writes the Markdown, HTML and PDF report and the result together', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const ext of ['md', 'html', 'pdf', 'json']) expect(existsSync(join(cwd, `${BASE}.${ext}`)), ext).toBe(true);
    expect(run.stdout).toContain(`Report: ${BASE}.html`);
    expect(run.stdout).toContain(`Report: ${BASE}.pdf`);
  });

  it('prints a PDF of at most 12 pages whose first page is the executive summary about this organization', () => {
    const pdf = join(cwd, `${BASE}.pdf`);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info.status, 'pdfinfo (poppler-utils) is installed').toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThanOrEqual(12);
    const first = spawnSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(first).toContain('Example Org: social media readiness');
    expect(first).toContain('Executive summary');
    expect(first).toContain('Readiness level: Emerging');
    expect(first).toContain('Fix this first: Leadership support.');
  });

  it('opens the HTML in headless Chromium with no console error and no network request, and it draws', async () => {
    const browser = await chromium.launch({ executablePath: findBrowser(undefined, process.env), args: BROWSER_ARGS });
    try {
      for (const viewport of [{ width: 1200, height: 900 }, { width: 390, height: 844 }]) {
        const page = await browser.newPage({ viewport });
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(String(e)));
        const url = pathToFileURL(join(cwd, `${BASE}.html`)).href;
        page.on('request', (r) => {
          if (r.url() !== url) requests.push(r.url());
        });
        await page.goto(url, { waitUntil: 'load' });
        const shot = await page.screenshot({ fullPage: false });
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        // A blank page compresses to a few hundred bytes; a page of text and tables to tens of kilobytes.
        expect(shot.length).toBeGreaterThan(20000);
        // Readable on a phone: nothing wider than the screen.
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(viewport.width);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('refuses with one sentence and exit 1 when the given browser does not exist, writing nothing', () => {
    const r = readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '--format', 'pdf', '-o', 'other', '--browser', '/nonexistent/chrome']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--browser /nonexistent/chrome does not exist');
    expect(existsSync(join(cwd, 'other'))).toBe(false);
  });

  it('refuses an unknown format as a usage error', () => {
    const r = readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '--format', 'docx', '-o', 'other']);
    expect(r.code).toBe(2);
  });

  it('re-renders HTML and PDF from the stored result with readiness report', () => {
    const r = readiness(cwd, ['report', `${BASE}.json`, '--format', 'html,pdf', '-o', 'again/report.html']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, 'again/report.html'), 'utf8')).toBe(readFileSync(join(cwd, `${BASE}.html`), 'utf8'));
    expect(statSync(join(cwd, 'again/report.pdf')).size).toBeGreaterThan(10000);
    expect(existsSync(join(cwd, 'again/report.md'))).toBe(false);
  });
});
