// `readiness template`: to stdout, or to a file that is never overwritten without --force.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/template.js';
import { InputError } from '../../../src/errors.js';
import { resolveQuestionnaire } from '../../../src/load/resolve.js';
import { fakeIo, tempDir } from './io.js';

const MINIMAL = resolve('test/fixtures/questionnaires/valid/minimal.yaml');

describe('readiness template', () => {
  it('prints the blank answers file to stdout by default', async () => {
    const io = fakeIo(tempDir());
    await run([MINIMAL], {}, io);
    const parsed = parse(io.out()) as { questionnaire: string; answers: Record<string, null> };
    expect(parsed.questionnaire).toBe('minimal');
    expect(Object.keys(parsed.answers)).toHaveLength(8);
  });

  it('writes to -o FILE and says where', async () => {
    const cwd = tempDir();
    const io = fakeIo(cwd);
    await run(['quick-check'], { output: 'answers.yaml' }, io);
    const parsed = parse(readFileSync(join(cwd, 'answers.yaml'), 'utf8')) as { questionnaire: string };
    expect(parsed.questionnaire).toBe('quick-check');
    expect(io.out()).toMatch(/^Wrote a blank answers file for quick-check \(\d+ questions\): answers\.yaml\nFill it in, then run: readiness assess --answers answers\.yaml\n$/);
    expect(readdirSync(cwd)).toEqual(['answers.yaml']); // no temp file left behind
  });

  it('refuses to overwrite an existing file without --force, and overwrites with it', async () => {
    const cwd = tempDir();
    const target = join(cwd, 'answers.yaml');
    writeFileSync(target, 'my precious answers\n');
    const error = await run([MINIMAL], { output: 'answers.yaml' }, fakeIo(cwd)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('answers.yaml already exists; use --force to overwrite, or choose another file with -o.');
    expect(readFileSync(target, 'utf8')).toBe('my precious answers\n');
    await run([MINIMAL], { output: 'answers.yaml', force: true }, fakeIo(cwd));
    expect(readFileSync(target, 'utf8')).toContain('questionnaire: minimal');
  });

  it('needs a questionnaire and refuses an unknown one', async () => {
    await expect(run([], {}, fakeIo(tempDir()))).rejects.toMatchObject({ exitCode: 2 });
    const cwd = tempDir();
    await expect(run(['quick-chek'], { output: 'a.yaml' }, fakeIo(cwd))).rejects.toThrow('(did you mean "quick-check"?)');
    expect(existsSync(join(cwd, 'a.yaml'))).toBe(false);
  });
});

describe('hints printed by template work as printed (a questionnaire given as a path)', () => {
  it('names the questionnaire by its path in the assess hints, quoted for the shell when needed', async () => {
    const cwd = tempDir();
    const io = fakeIo(cwd);
    await run([MINIMAL], { output: 'my answers.yaml' }, io);
    expect(io.out()).toContain(`Fill it in, then run: readiness assess --answers 'my answers.yaml' -q ${MINIMAL}\n`);
    const csvIo = fakeIo(cwd);
    await run([MINIMAL], { csv: true, output: 'survey.csv' }, csvIo);
    const hint = csvIo.out().split('\n').find((l) => l.includes('readiness assess'))!;
    const q = /-q (\S+)/.exec(hint)![1]!;
    expect(q).toBe(MINIMAL);
    expect(resolveQuestionnaire(q, cwd).questionnaire.id).toBe('minimal');
  });
});
