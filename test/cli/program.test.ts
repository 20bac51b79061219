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

  it('defines only the command a run invokes, with the same help, options and mistakes as the whole program', async () => {
    const names = buildProgram(fakeIo()).commands.map((c) => c.name());
    expect(names.length).toBeGreaterThan(10);
    const outcome = async (only: string | undefined, argv: string[]) => {
      const io = fakeIo();
      const error = await buildProgram(io, only).parseAsync(['node', 'readiness', ...argv]).then(
        () => undefined,
        (e: { code?: string; exitCode?: number; message?: string }) => `${e.code} ${e.exitCode} ${e.message}`,
      );
      return { error, out: io.out(), err: io.err() };
    };
    for (const name of names) {
      expect(buildProgram(fakeIo(), name).commands.map((c) => c.name())).toEqual([name]);
      for (const argv of [[name, '--help'], [name, '--no-such-option'], [name, '--json', '--no-such-option'], ['--no-color', name, '--help']]) {
        expect(await outcome(name, argv), argv.join(' ')).toEqual(await outcome(undefined, argv));
      }
    }
    // a name that is no command: the whole program, which suggests one
    expect(buildProgram(fakeIo(), 'lst').commands.map((c) => c.name())).toEqual(names);
    expect((await outcome('lst', ['lst'])).error).toContain('(did you mean list?)');
  });

  it('refuses --pilots 0 as a usage error', async () => {
    const io = fakeIo();
    await expect(buildProgram(io).parseAsync(['node', 'readiness', 'assess', '--pilots', '0'])).rejects.toMatchObject({ exitCode: 2, message: '--pilots must be a whole number from 1 to 50; "0" is not.' });
    expect(io.err()).toBe('');
  });
});
