// Loading questionnaire files: defaults, hash, and clear refusals of hostile input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../../src/errors.js';
import { checkQuestionnaireFile, checkQuestionnaireText, loadQuestionnaire } from '../../src/load/questionnaire.js';

const MINIMAL = 'test/fixtures/questionnaires/valid/minimal.yaml';
const BASE = readFileSync(MINIMAL, 'utf8');
const tmp = () => mkdtempSync(join(tmpdir(), 'readiness-load-'));

describe('loadQuestionnaire', () => {
  it('loads a valid file with defaults applied and a content hash', () => {
    const loaded = loadQuestionnaire(MINIMAL);
    expect(loaded.file).toBe(MINIMAL);
    expect(loaded.builtIn).toBe(false);
    expect(loaded.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const q = loaded.questionnaire;
    expect(q.questions.map((x) => x.id)).toEqual([
      'lead-sponsor', 'lead-budget', 'culture-silos', 'culture-channels', 'culture-mood', 'culture-hours', 'culture-size', 'culture-notes',
    ]);
    const budget = q.questions[1]!;
    expect([budget.weight, budget.required, budget.reverse, budget.allowDontKnow]).toEqual([1, true, false, false]);
    expect(q.dimensions[1]!.threshold).toBe(50);
    expect(q.pilots[1]!.priority).toBe(0);
  });

  it('gives the same hash for the same content, whatever the comments and layout', () => {
    const dir = tmp();
    const reformatted = join(dir, 'q.yaml');
    writeFileSync(reformatted, `# a new comment\n${BASE.replace('version: "1.0"', "version: '1.0'   # quoted differently")}`);
    expect(loadQuestionnaire(reformatted).hash).toBe(loadQuestionnaire(MINIMAL).hash);
    const changed = join(dir, 'changed.yaml');
    writeFileSync(changed, BASE.replace('score: 0.3', 'score: 0.25'));
    expect(loadQuestionnaire(changed).hash).not.toBe(loadQuestionnaire(MINIMAL).hash);
  });

  it('throws one InputError listing every problem with its place', () => {
    const file = 'test/fixtures/questionnaires/broken/several-problems.yaml';
    let error: unknown;
    try {
      loadQuestionnaire(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe(`${file} is not a valid questionnaire: 4 problems found; fix them and try again.`);
    expect(e.details).toHaveLength(4);
    expect(e.details[0]).toBe(`${file}:5:10 minutes: must be more than 0, not the number -1`);
  });

  it('names the file as the caller shows it', () => {
    const file = 'test/fixtures/questionnaires/broken/wrong-type.yaml';
    expect(() => loadQuestionnaire(file, { displayAs: 'mine.yaml' })).toThrow(/^mine\.yaml is not a valid questionnaire/);
    expect(() => loadQuestionnaire('no/such/file.yaml', { displayAs: 'shown.yaml' })).toThrow('shown.yaml does not exist; check the path and try again.');
  });

  it('refuses a missing path or a folder in one sentence', () => {
    expect(() => loadQuestionnaire('no/such/file.yaml')).toThrow('no/such/file.yaml does not exist; check the path and try again.');
    expect(() => loadQuestionnaire('test/fixtures')).toThrow('test/fixtures is a folder, not a file');
  });
});

describe('checkQuestionnaireFile on hostile input', () => {
  const only = (file: string) => checkQuestionnaireFile(file).problems.map(formatProblem);

  it('turns a missing path, a folder, a binary and an oversized file into problems', () => {
    const dir = tmp();
    expect(only(join(dir, 'missing.yaml'))).toEqual([`${join(dir, 'missing.yaml')}:1:1 this file does not exist; check the path and try again`]);
    expect(only(dir)).toEqual([`${dir}:1:1 this path is a folder, not a file; give the path of a file inside it`]);
    const binary = join(dir, 'binary.yaml');
    writeFileSync(binary, Buffer.from([0x69, 0x64, 0x3a, 0x00, 0x01, 0x02]));
    expect(only(binary)).toEqual([`${binary}:1:1 this file looks like a binary file, not text; give a UTF-8 text file`]);
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    expect(only(big)).toEqual([`${big}:1:1 this file is 3.0 MB, more than the 2 MB a questionnaire may have; check that it is the right file`]);
  });

  it('reports YAML syntax errors with their place instead of crashing', () => {
    const dir = tmp();
    const file = join(dir, 'q.yaml');
    writeFileSync(file, 'id: x\ntitle: [unclosed\n');
    const problems = checkQuestionnaireFile(file).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^YAML syntax error: /);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('accepts a byte-order mark and Windows line endings, keeping positions right', () => {
    const dir = tmp();
    const file = join(dir, 'q.yaml');
    const broken = readFileSync('test/fixtures/questionnaires/broken/unknown-scale.yaml', 'utf8');
    writeFileSync(file, `\ufeff${broken.replace(/\n/g, '\r\n')}`);
    expect(only(file)).toEqual([`${file}:24:12 questions[0].scale: unknown scale "likert7"; defined scales are: agree3`]);
    writeFileSync(file, `\ufeff${BASE.replace(/\n/g, '\r\n')}`);
    expect(checkQuestionnaireFile(file).loaded?.questionnaire.id).toBe('minimal');
  });

  it('accepts anchors and aliases used with restraint (a shared option list)', () => {
    const shared = BASE.replace('    options:\n      - { value: 1', '    options: &agree\n      - { value: 1').replace(
      'dimensions:\n',
      '  agree4-copy:\n    options: *agree\ndimensions:\n',
    );
    expect(checkQuestionnaireText(shared, 'q.yaml').problems).toEqual([]);
  });

  it('says that lists nested 100,000 deep are too deep, not that the stack overflowed', () => {
    for (const text of [`id: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, `{"id": ${'{"a": '.repeat(100_000)}1${'}'.repeat(100_000)}}\n`]) {
      const problems = checkQuestionnaireText(text, 'q.yaml').problems.map(formatProblem);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^q\.yaml:1:\d+ lists or mappings are nested hundreds of levels deep here, more than can be read \(these files need fewer than ten levels\); remove the extra brackets or indentation$/);
    }
  });

  it('says so when an alias comes before its anchor', () => {
    const problems = checkQuestionnaireText('id: *name\ntitle: &name x\n', 'q.yaml').problems.map(formatProblem);
    expect(problems).toEqual(['q.yaml:1:1 the alias *name is used before its anchor &name is defined; define the anchor first']);
  });

  it('reads JSON too, with positions', () => {
    const json = JSON.stringify({ id: 'x', title: 'X', version: '1', description: 'd', minutes: 'five' }, null, 2);
    const problems = checkQuestionnaireText(json, 'q.json').problems.map(formatProblem);
    expect(problems[0]).toBe('q.json:1:1 dimensions: required key "dimensions" is missing');
    expect(problems).toContain('q.json:6:14 minutes: must be a number, not the text "five"');
  });

  it('refuses a scalar document clearly', () => {
    expect(checkQuestionnaireText('just some words\n', 'q.yaml').problems.map(formatProblem)).toEqual([
      'q.yaml:1:1 the document is the text "just some words", but a questionnaire must be a mapping of keys (id, title, version, ...) at the top level',
    ]);
  });

  it('never crashes on damaged files and always gives a place inside the file', () => {
    const lines = BASE.split('\n');
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(lines.length - 1), op: fc.constantFrom('drop', 'dup', 'indent', 'dedent', 'garble') }), { minLength: 1, maxLength: 4 }),
        (edits) => {
          const copy = [...lines];
          for (const { at, op } of edits) {
            const i = Math.min(at, copy.length - 1);
            const line = copy[i] ?? '';
            if (op === 'drop') copy.splice(i, 1);
            else if (op === 'dup') copy.splice(i, 0, line);
            else if (op === 'indent') copy[i] = `  ${line}`;
            else if (op === 'dedent') copy[i] = line.replace(/^ {2}/, '');
            else copy[i] = line.replace(/[a-z]/, 'Z');
          }
          const { loaded, problems } = checkQuestionnaireText(copy.join('\n'), 'q.yaml');
          expect(loaded === undefined).toBe(problems.length > 0);
          for (const p of problems) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.line).toBeLessThanOrEqual(copy.length + 1);
            expect(p.column).toBeGreaterThanOrEqual(1);
            expect(p.message.length).toBeGreaterThan(10);
            expect(p.message).not.toMatch(/Invalid input|expected .* received|undefined|\[object/);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
