// Runs the built binary as a user would, for the end-to-end tests. Colour and
// debug output are off so that output can be compared as plain text; a hang
// (e.g. waiting for a terminal) fails the test instead of blocking the suite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/readiness.cjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function readiness(cwd: string, args: string[], input?: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    timeout: 60000,
    // not started through npx unless a test says so (the suite itself may run under `npx vitest`)
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '', npm_command: '', npm_lifecycle_script: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** For a beforeAll: the end-to-end tests need `npm run build` first. */
export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist/cli/main.cjs'))) {
    throw new Error('dist/cli/main.cjs is missing: run `npm run build` before the end-to-end tests.');
  }
}
