// A fake Io for running command handlers in-process: output is collected,
// nothing is a terminal, and "today" is fixed so results are reproducible.
import type { Io } from '../../src/cli/io.js';

export interface FakeIo extends Io {
  out: () => string;
  err: () => string;
}

export function fakeIo(cwd: string = process.cwd(), over: Partial<Io> = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd,
    env: {},
    stdinIsTTY: false,
    stdoutIsTTY: false,
    columns: 80,
    today: () => '2026-11-29',
    ...over,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
