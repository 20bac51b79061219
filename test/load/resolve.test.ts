// Finding questionnaires: the built-ins, ./questionnaires overriding them, paths.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { builtInDir, listQuestionnaires, resolveQuestionnaire, scanQuestionnaires } from '../../src/load/resolve.js';

const MINIMAL = resolve('test/fixtures/questionnaires/valid/minimal.yaml');
const BUILT_INS = ['quick-check', 'social-readiness'];

/** A working folder with ./questionnaires holding the given files (name -> text). */
function workspace(files: Record<string, string> = {}): string {
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-resolve-'));
  if (Object.keys(files).length) mkdirSync(join(cwd, 'questionnaires'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, 'questionnaires', name), text);
  return cwd;
}
const minimalAs = (id: string) => readFileSync(MINIMAL, 'utf8').replace('id: minimal\n', `id: ${id}\n`);

describe('builtInDir', () => {
  it('is the questionnaires folder of the social-readiness package', () => {
    const dir = builtInDir();
    expect(dir.endsWith('questionnaires')).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dirname(dir), 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('social-readiness');
  });
});

describe('listQuestionnaires', () => {
  it('lists the built-ins from any working folder', () => {
    const list = listQuestionnaires(workspace());
    expect(list.map((q) => q.id)).toEqual(BUILT_INS);
    for (const q of list) {
      expect(q.builtIn).toBe(true);
      expect(existsSync(q.file)).toBe(true);
      expect(q.questions).toBeGreaterThan(0);
    }
  });

  it('adds local questionnaires, and a local one with a built-in id overrides it', () => {
    const cwd = workspace({ 'mine.yaml': readFileSync(MINIMAL, 'utf8'), 'qc.yaml': minimalAs('quick-check') });
    const list = listQuestionnaires(cwd);
    expect(list.map((q) => q.id)).toEqual(['minimal', ...BUILT_INS]);
    const qc = list.find((q) => q.id === 'quick-check')!;
    expect(qc).toMatchObject({ builtIn: false, overridesBuiltIn: true, file: join(cwd, 'questionnaires', 'qc.yaml'), questions: 8 });
    expect(list.find((q) => q.id === 'minimal')).toMatchObject({ builtIn: false, title: 'Minimal readiness check', version: '1.0', minutes: 3 });
  });

  it('sets invalid local files and duplicate ids aside, saying why', () => {
    const cwd = workspace({ 'a.yaml': minimalAs('twin'), 'b.yaml': minimalAs('twin'), 'c.yaml': 'id: broken\n' });
    const { available, invalid } = scanQuestionnaires(cwd);
    expect(available.map((q) => q.id)).toEqual([...BUILT_INS, 'twin']);
    expect(invalid.map((i) => [i.id, i.problems[0]!.line, i.problems[0]!.message])).toEqual([
      ['twin', 3, 'the id "twin" is already used by questionnaires/a.yaml; give this questionnaire another id'],
      ['broken', 1, 'required key "title" is missing'],
    ]);
  });

  it('does not count the built-ins twice when run inside the package', () => {
    expect(listQuestionnaires(dirname(builtInDir())).map((q) => q.id)).toEqual(BUILT_INS);
  });
});

describe('resolveQuestionnaire', () => {
  it('finds a built-in by id', () => {
    const loaded = resolveQuestionnaire('quick-check', workspace());
    expect(loaded.questionnaire.id).toBe('quick-check');
    expect(loaded.builtIn).toBe(true);
  });

  it('prefers a local questionnaire with the same id', () => {
    const cwd = workspace({ 'qc.yaml': minimalAs('quick-check') });
    const loaded = resolveQuestionnaire('quick-check', cwd);
    expect(loaded.builtIn).toBe(false);
    expect(loaded.file).toBe(join(cwd, 'questionnaires', 'qc.yaml'));
  });

  it('loads a path, relative to the working folder or absolute', () => {
    const cwd = workspace();
    copyFileSync(MINIMAL, join(cwd, 'mine.yaml'));
    expect(resolveQuestionnaire('mine.yaml', cwd).questionnaire.id).toBe('minimal');
    expect(resolveQuestionnaire(MINIMAL, cwd).questionnaire.id).toBe('minimal');
    expect(() => resolveQuestionnaire('missing.yaml', cwd)).toThrow('missing.yaml does not exist; check the path and try again.');
  });

  it('refuses an unknown id, suggesting the closest and listing what exists', () => {
    expect(() => resolveQuestionnaire('quik-check', workspace())).toThrow(
      'unknown questionnaire "quik-check" (did you mean "quick-check"?); available: quick-check, social-readiness. Give an id from `readiness list` or the path of a questionnaire file.',
    );
    expect(() => resolveQuestionnaire('quik-check', workspace())).toThrow(InputError);
  });

  it('reports the problems of a broken local questionnaire asked for by id', () => {
    const cwd = workspace({ 'x.yaml': minimalAs('team').replace('minutes: 3', 'minutes: soon') });
    let error: InputError | undefined;
    try {
      resolveQuestionnaire('team', cwd);
    } catch (e) {
      error = e as InputError;
    }
    expect(error?.message).toBe('questionnaires/x.yaml is not a valid questionnaire: 1 problem found; fix it and try again.');
    expect(error?.details).toEqual(['questionnaires/x.yaml:7:10 minutes: must be a number, not the text "soon"']);
  });
});
