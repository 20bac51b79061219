// PDF from the report's HTML page, printed by a headless Chromium or Chrome
// found on this machine and driven through playwright-core (no browser is
// downloaded). Loaded lazily, only for --format pdf.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';

/** Where Chromium or Chrome usually lives, in the order tried. */
export const BROWSER_LOCATIONS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * The browser to print with: --browser PATH, else CHROME_PATH, else the first
 * usual location that exists. Throws an InputError (exit 1) with one sentence
 * when none is found.
 */
export function findBrowser(flag: string | undefined, env: Record<string, string | undefined>, locations: readonly string[] = BROWSER_LOCATIONS): string {
  if (flag !== undefined && flag !== '') {
    if (!existsSync(flag)) throw new InputError(`--browser ${flag} does not exist; give the path of a Chromium or Chrome executable.`);
    return flag;
  }
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new InputError(`CHROME_PATH=${fromEnv} does not exist; set it to the path of a Chromium or Chrome executable.`);
    return fromEnv;
  }
  const found = locations.find((p) => existsSync(p));
  if (found) return found;
  throw new InputError(
    'no Chromium or Chrome was found to print the PDF; install one (e.g. `apt-get install chromium`) or give its path with --browser PATH or CHROME_PATH.',
  );
}

/** Flags for a quiet, offline, throwaway browser (no sandbox: it runs in containers and CI). */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The PDF bytes of a self-contained HTML page (A4, backgrounds printed). Throws an InputError when the browser fails. */
export async function printPdf(html: string, browserPath: string): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'readiness-chromium-'));
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: browserPath, headless: true, args: BROWSER_ARGS, offline: true });
    const page = context.pages()[0] ?? (await context.newPage());
    // Nothing may leave the machine while printing.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } catch (error) {
    if (error instanceof InputError) throw error;
    const first = String((error as Error).message ?? error).split('\n')[0];
    throw new InputError(`the browser at ${browserPath} could not print the PDF (${first}); check that it is a working Chromium or Chrome, or give another with --browser PATH.`);
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
