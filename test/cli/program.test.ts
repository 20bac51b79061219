import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { fakeIo } from '../helpers/io.js';


describe('command wiring', () => {
  it('lists every command in --help', async () => {
    const io = fakeIo();
    await expect(buildProgram(io).parseAsync(['node', 'readiness', '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    const help = io.out();
    for (const cmd of ['list', 'show', 'validate', 'template', 'assess', 'sessions', 'report', 'history', 'compare']) {
      expect(help).toContain(cmd);
    }
  });

  it('refuses --pilots 0 as a usage error', async () => {
    const io = fakeIo();
    await expect(buildProgram(io).parseAsync(['node', 'readiness', 'assess', '--pilots', '0'])).rejects.toMatchObject({ exitCode: 1 });
    expect(io.err()).toContain('--pilots must be a whole number');
  });
});
