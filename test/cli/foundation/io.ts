// A fake Io for running the foundation commands in-process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../../src/cli/io.js';

export interface FakeIo extends Io {
  out: () => string;
  err: () => string;
}

export function fakeIo(cwd: string, env: NodeJS.ProcessEnv = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd,
    env,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    columns: 80,
    today: () => '2026-11-29',
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'readiness-cli-'));
}
