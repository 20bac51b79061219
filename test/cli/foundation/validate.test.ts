// `readiness validate`: every problem of every file, a summary, and exit 1 on any problem.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/validate.js';
import { InputError } from '../../../src/errors.js';
import { fakeIo, tempDir } from './io.js';

const FIXTURES = resolve('test/fixtures/questionnaires');

describe('readiness validate', () => {
  it('checks the built-ins by default and says they are valid', async () => {
    const io = fakeIo(tempDir());
    await run([], {}, io);
    expect(io.out()).toMatch(/^✓ .*quick-check\.yaml \(quick-check v\S+, \d+ questions\)$/m);
    expect(io.out()).toMatch(/^✓ .*social-readiness\.yaml \(social-readiness v\S+, \d+ questions\)$/m);
    expect(io.out()).toMatch(/All 2 files are valid\.\n$/);
  });

  it('also checks ./questionnaires by default', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'questionnaires'));
    copyFileSync(join(FIXTURES, 'broken/unknown-scale.yaml'), join(cwd, 'questionnaires/team.yaml'));
    const io = fakeIo(cwd);
    await expect(run([], {}, io)).rejects.toThrow('1 of 3 files has problems (1 in all); fix them and run `readiness validate` again.');
    expect(io.out()).toContain(
      '✗ questionnaires/team.yaml: 1 problem\n  questionnaires/team.yaml:24:12 questions[0].scale: unknown scale "likert7"; defined scales are: agree3\n',
    );
  });

  it('prints every problem with file:line:column and throws exit code 1', async () => {
    const cwd = tempDir();
    copyFileSync(join(FIXTURES, 'broken/several-problems.yaml'), join(cwd, 'q.yaml'));
    copyFileSync(join(FIXTURES, 'valid/minimal.yaml'), join(cwd, 'ok.yaml'));
    const io = fakeIo(cwd);
    const error = await run(['q.yaml', 'ok.yaml'], {}, io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(1);
    expect((error as InputError).message).toBe('1 of 2 files has problems (4 in all); fix them and run `readiness validate` again.');
    expect(io.out()).toBe(
      [
        '✗ q.yaml: 4 problems',
        '  q.yaml:5:10 minutes: must be more than 0, not the number -1',
        '  q.yaml:24:12 questions[0].scale: unknown scale "agree5" (did you mean "agree3"?); defined scales are: agree3',
        '  q.yaml:31:37 levels[1].min: levels leave a gap from 50 to 55: "early" ends at 50 but "ready" starts at 55; make each level start where the previous one ends',
        '  q.yaml:35:10 gates[0].cap: unknown level "top"; defined levels are: early, ready',
        '✓ ok.yaml (minimal v1.0, 8 questions)',
        '',
      ].join('\n'),
    );
  });

  it('expands folders and refuses an empty one or a missing file', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'empty'));
    const io = fakeIo(cwd);
    await expect(run([join(FIXTURES, 'broken'), 'empty', 'missing.yaml'], {}, io)).rejects.toThrow(/^\d+ of \d+ files have problems/);
    expect(io.out()).toContain('✗ empty: 1 problem\n  empty:1:1 this folder has no .yaml or .yml files; give questionnaire files or a folder that holds them\n');
    expect(io.out()).toContain('  missing.yaml:1:1 this file does not exist; check the path and try again\n');
    expect(io.out().match(/^✗ /gm)?.length).toBeGreaterThanOrEqual(22);
  });

  it('prints JSON with --json, still failing on problems', async () => {
    const cwd = tempDir();
    copyFileSync(join(FIXTURES, 'broken/unknown-scale.yaml'), join(cwd, 'q.yaml'));
    copyFileSync(join(FIXTURES, 'valid/minimal.yaml'), join(cwd, 'ok.yaml'));
    const io = fakeIo(cwd);
    await expect(run(['ok.yaml', 'q.yaml'], { json: true }, io)).rejects.toThrow(InputError);
    expect(JSON.parse(io.out())).toEqual([
      { file: 'ok.yaml', valid: true, id: 'minimal', version: '1.0', questions: 8, problems: [] },
      {
        file: 'q.yaml',
        valid: false,
        id: 'broken-example',
        problems: [{ file: 'q.yaml', line: 24, column: 12, path: 'questions[0].scale', message: 'unknown scale "likert7"; defined scales are: agree3' }],
      },
    ]);
  });

  it('colours the marks only when asked for a colour terminal', async () => {
    const cwd = tempDir();
    copyFileSync(join(FIXTURES, 'valid/minimal.yaml'), join(cwd, 'ok.yaml'));
    const plain = fakeIo(cwd, { FORCE_COLOR: '1' });
    await run(['ok.yaml'], { color: false }, plain);
    expect(plain.out()).toBe('✓ ok.yaml (minimal v1.0, 8 questions)\nThe file is valid.\n');
    const coloured = fakeIo(cwd, { FORCE_COLOR: '1' });
    await run(['ok.yaml'], {}, coloured);
    expect(coloured.out()).toContain('\u001b[32m✓\u001b[39m');
  });

  it('reports an empty file as a problem', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'x.yml'), '');
    const io = fakeIo(cwd);
    await expect(run(['x.yml'], {}, io)).rejects.toThrow('1 of 1 file has problems (1 in all)');
    expect(io.out()).toContain('x.yml:1:1 the file is empty');
  });
});
