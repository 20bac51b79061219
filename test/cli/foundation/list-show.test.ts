// `readiness list` and `readiness show`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as list } from '../../../src/cli/commands/list.js';
import { run as show } from '../../../src/cli/commands/show.js';
import { fakeIo, tempDir } from './io.js';

const MINIMAL = resolve('test/fixtures/questionnaires/valid/minimal.yaml');

function withLocal(files: Record<string, string>): string {
  const cwd = tempDir();
  mkdirSync(join(cwd, 'questionnaires'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, 'questionnaires', name), text);
  return cwd;
}

describe('readiness list', () => {
  it('prints a table of built-in and local questionnaires, marking an override', async () => {
    const qc = readFileSync(MINIMAL, 'utf8').replace('id: minimal', 'id: quick-check');
    const io = fakeIo(withLocal({ 'mine.yaml': readFileSync(MINIMAL, 'utf8'), 'qc.yaml': qc }));
    await list([], {}, io);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +TITLE +VERSION +QUESTIONS +MINUTES +SOURCE$/);
    expect(lines[1]).toMatch(/^minimal +Minimal readiness check +1\.0 +8 +3 +questionnaires\/mine\.yaml$/);
    expect(lines[2]).toMatch(/^quick-check +Minimal readiness check .* questionnaires\/qc\.yaml \(overrides the built-in\)$/);
    expect(lines[3]).toMatch(/^social-readiness .* built-in$/);
    expect(io.err()).toBe('');
  });

  it('prints JSON with --json', async () => {
    const io = fakeIo(tempDir());
    await list([], { json: true }, io);
    const rows = JSON.parse(io.out()) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual(['quick-check', 'social-readiness']);
    for (const r of rows) {
      expect(r).toMatchObject({ builtIn: true, source: 'built-in', overridesBuiltIn: false });
      expect(Object.keys(r).sort()).toEqual(['builtIn', 'file', 'id', 'minutes', 'overridesBuiltIn', 'questions', 'source', 'title', 'version']);
    }
  });

  it('warns about a broken local file on stderr without failing', async () => {
    const io = fakeIo(withLocal({ 'bad.yaml': 'id: half-done\ntitle: Half done\n' }));
    await list([], { json: true }, io);
    expect(JSON.parse(io.out())).toHaveLength(2);
    expect(io.err()).toBe(
      'readiness: skipped questionnaires/bad.yaml ("half-done"): 6 problems, first: questionnaires/bad.yaml:1:1 version: required key "version" is missing. Run `readiness validate questionnaires/bad.yaml` for all of them.\n',
    );
  });
});

describe('terminal control characters in a questionnaire', () => {
  // "\u001b]0;…\u0007" retitles a terminal window, "\u001b[2J" clears the screen
  const hostile = readFileSync(MINIMAL, 'utf8')
    .replace('title: Minimal readiness check', 'title: "Minimal \\e]0;pwned\\a\\e[2J check"')
    .replace('text: A named senior leader sponsors the initiative.', 'text: "A named \\e[8mhidden\\e[0m leader"');

  it('show refuses the file and prints none of them', async () => {
    const cwd = withLocal({ 'esc.yaml': hostile });
    const io = fakeIo(cwd);
    await expect(show([join(cwd, 'questionnaires', 'esc.yaml')], {}, io)).rejects.toThrow(/esc\.yaml is not a valid questionnaire: 2 problems found/);
    expect(io.out() + io.err()).not.toMatch(/[\u001b\u0007]/);
  });

  it('list skips the file, and quotes an id holding one as JSON', async () => {
    const io = fakeIo(withLocal({ 'esc.yaml': hostile.replace('id: minimal', 'id: "mini\\e[31mred"') }));
    await list([], {}, io);
    expect(io.out() + io.err()).not.toMatch(/[\u001b\u0007]/);
    expect(io.err()).toContain('readiness: skipped questionnaires/esc.yaml ("mini\\u001b[31mred"): 4 problems, first: questionnaires/esc.yaml:3:5 id: must be lowercase');
  });
});

describe('readiness show', () => {
  it('prints the interview guide of a built-in', async () => {
    const io = fakeIo(tempDir());
    await show(['quick-check'], {}, io);
    expect(io.out()).toMatch(/^.+\nquick-check · version \S+ · about \d+ minutes · \d+ questions in \d+ dimensions\n/);
    expect(io.out()).toContain('== Readiness levels ==');
  });

  it('prints the normalized questionnaire with --json, every question with its answers and scores', async () => {
    const cwd = tempDir();
    copyFileSync(MINIMAL, join(cwd, 'q.yaml'));
    const io = fakeIo(cwd);
    await show(['q.yaml'], { json: true }, io);
    const json = JSON.parse(io.out()) as { id: string; hash: string; questions: Array<{ id: string; options?: unknown[] }> };
    expect(json.id).toBe('minimal');
    expect(json.hash).toMatch(/^sha256:/);
    expect(json.questions).toHaveLength(8);
    expect(json.questions[0]!.options).toHaveLength(4);
  });

  it('refuses an unknown id with the ids that exist', async () => {
    await expect(show(['social-readyness'], {}, fakeIo(tempDir()))).rejects.toThrow(
      'unknown questionnaire "social-readyness" (did you mean "social-readiness"?); available: quick-check, social-readiness.',
    );
  });
});
