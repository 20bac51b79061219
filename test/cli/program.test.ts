import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import type { Io } from '../../src/cli/io.js';

function fakeIo(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd: process.cwd(),
    env: {},
    stdinIsTTY: false,
    stdoutIsTTY: false,
    columns: 80,
    today: () => '2026-11-29',
  };
}

describe('command wiring', () => {
  it('lists every command in --help', async () => {
    const io = fakeIo();
    await expect(buildProgram(io).parseAsync(['node', 'readiness', '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    const help = io.out.join('');
    for (const cmd of ['list', 'show', 'validate', 'template', 'assess', 'sessions', 'report', 'history', 'compare']) {
      expect(help).toContain(cmd);
    }
  });

  it('refuses --pilots 0 as a usage error', async () => {
    const io = fakeIo();
    await expect(buildProgram(io).parseAsync(['node', 'readiness', 'assess', '--pilots', '0'])).rejects.toMatchObject({ exitCode: 1 });
    expect(io.err.join('')).toContain('--pilots must be a whole number');
  });
});
