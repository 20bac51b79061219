import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { checkAnswers, describeCondition, expandAnswersPaths, loadAnswersFile, loadAnswersFiles, readAnswersFile } from '../../src/load/answers.js';
import type { LoadedQuestionnaire } from '../../src/load/questionnaire.js';
import { questionnaireHash } from '../../src/load/hash.js';
import { parseYaml, readTextFile } from '../../src/load/source.js';
import { Questionnaire } from '../../src/model/questionnaire.js';

const FIX = join(import.meta.dirname, '../fixtures/answers');

function loadMini(): LoadedQuestionnaire {
  const file = join(FIX, 'mini.yaml');
  const { doc } = parseYaml(readTextFile(file), file);
  const questionnaire = Questionnaire.parse(doc!.value);
  return { questionnaire, file, hash: questionnaireHash(questionnaire), builtIn: false };
}
const mini = loadMini().questionnaire;

/** Writes an answers file into a temp folder and checks it against the mini questionnaire. */
function check(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'answers-'));
  writeFileSync(join(dir, 'a.yaml'), yaml);
  return loadAnswersFile('a.yaml', mini, dir);
}

const messages = (r: { problems: { line: number; column: number; path: string; message: string }[] }) =>
  r.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);

describe('loadAnswersFile', () => {
  it('normalizes labels, case and numeric strings to option values and keeps notes', () => {
    const r = loadAnswersFile('good.yaml', mini, FIX);
    expect(r.problems).toEqual([]);
    expect(r.missingRequired).toEqual([]);
    expect(r.response).toMatchObject({ respondent: 'Dana Reyes', role: 'Head of Communications', organization: 'Example Org', date: '2026-11-29', source: 'good.yaml' });
    expect(r.response.answers).toEqual({
      'lead-sponsor': { status: 'answered', value: 4 },
      'lead-budget': { status: 'answered', value: 'yes' },
      'lead-budget-size': { status: 'answered', value: 'medium', note: 'Only for one year' },
      'lead-months': { status: 'answered', value: 18 },
      'culture-share': { status: 'answered', value: 2 },
      'culture-tools': { status: 'answered', value: ['chat', 'wiki'] },
      'culture-notes': { status: 'answered', value: 'Pipes | and # hashes are fine' },
    });
  });

  it('reads JSON answers the same way and leaves hidden questions out', () => {
    const r = loadAnswersFile('good.json', mini, FIX);
    expect(r.problems).toEqual([]);
    expect(r.response.answers['lead-budget-size']).toBeUndefined();
    expect(r.response.answers['culture-share']).toEqual({ status: 'answered', value: 1 });
    expect(r.response.answers['lead-months']).toEqual({ status: 'answered', value: 12 });
    expect(r.response.answers['culture-tools']).toEqual({ status: 'answered', value: ['forum'] });
  });

  it('reports every problem of a bad file at once, each at its line and column', () => {
    const r = loadAnswersFile('bad.yaml', mini, FIX);
    const m = messages(r);
    expect(m).toHaveLength(6);
    expect(m[0]).toMatch(/^4:3 answers\.lead-sponsr: "lead-sponsr" is not a question of "mini" \(did you mean "lead-sponsor"\?\)/);
    expect(m.find((x) => x.includes('lead-months'))).toMatch(/^7:16 .*40 is outside the allowed range; give a number from 0 to 36 \(months\), or n\/a/);
    expect(m.find((x) => x.includes('culture-share'))).toMatch(/^8:18 .*expects one answer, not a list; give one of: 1 \(Strongly disagree\)/);
    expect(m.find((x) => x.includes('culture-tools'))).toMatch(/^9:18 .*"None of these" cannot be combined/);
    expect(m.find((x) => x.includes('culture-notes'))).toMatch(/^10:18 .*"don't know" is not allowed/);
    // lead-budget is "no", so the budget size question is hidden: answering it is an error at its key
    expect(m.find((x) => x.includes('lead-budget-size'))).toMatch(/^6:3 .*not asked with the earlier answers \(it is asked only when "lead-budget" is "yes"\); remove this answer or change the earlier one\./);
  });

  it('lists missing required answers apart from problems; dont-know and n/a count as given', () => {
    const r = loadAnswersFile('partial.yaml', mini, FIX);
    expect(r.problems).toEqual([]);
    expect(r.missingRequired).toEqual(['lead-budget', 'culture-share', 'culture-tools']);
    expect(r.response.answers['lead-sponsor']).toEqual({ status: 'dont-know' });
    expect(r.response.answers['lead-months']).toEqual({ status: 'not-applicable' });
    expect(r.response.answers['lead-budget']).toEqual({ status: 'unanswered' });
  });

  it('refuses a file made for another questionnaire with one problem at its id', () => {
    const r = loadAnswersFile('other-questionnaire.yaml', mini, FIX);
    expect(messages(r)).toEqual([
      '1:16 questionnaire: this file answers the questionnaire "quick-check", not "mini"; use the matching questionnaire (-q quick-check) or fix the id.',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const r = loadAnswersFile('syntax-error.yaml', mini, FIX);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/^YAML syntax error/);
    expect(r.problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('keeps only the first YAML syntax error (the rest are echoes of it)', () => {
    const r = check('questionnaire: mini\nanswers:\n  lead-sponsor: [4\n  lead-budget: "yes"\n  culture-share: 2\n  culture-tools: [chat]\n');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'a.yaml', line: 4, column: 3 });
  });

  it('points into JSON answers files too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'answers-'));
    writeFileSync(join(dir, 'a.json'), '{\n  "questionnaire": "mini",\n  "answers": {\n    "lead-sponsor": 4,\n    "lead-months": 99\n  }\n}\n');
    const r = loadAnswersFile('a.json', mini, dir);
    expect(messages(r)).toEqual([expect.stringMatching(/^5:20 answers\.lead-months: 99 is outside the allowed range/)]);
  });

  it('throws a plain InputError for a missing file', () => {
    expect(() => loadAnswersFile('nope.yaml', mini, FIX)).toThrow(/nope.yaml does not exist/);
  });

  it.each([
    ['lead-sponsor: 7', /"7" is not an allowed answer; give one of: 1 \(Strongly disagree\), 2 \(Disagree\)/],
    ['lead-sponsor: maybe', /"maybe" is not an allowed answer/],
    ['lead-budget: 3', /"3" is not an allowed answer; give yes or no/],
    ['lead-budget: [yes]', /expects yes or no, not a list/],
    ['lead-months: twelve', /expects a number, not "twelve"; give a number from 0 to 36/],
    ['lead-months: -1', /-1 is outside the allowed range/],
    ['lead-months: dont-know', /"don't know" is not allowed for this question; give a number from 0 to 36 \(months\), or n\/a, or leave it blank/],
    ['culture-share: n/a', /"not applicable" is not allowed/],
    ['culture-tools: [chat, blog]', /"blog" is not an allowed choice; give a list of choices from: chat \(Team chat\)/],
    ['culture-tools: [[chat]]', /each choice must be one value, not a list/],
    ['culture-notes: [a, b]', /expects text, not a list/],
    ['culture-share: { value: 2, notes: x }', /unknown field "notes" \(did you mean "note"\?\)/],
    ['culture-share: { value: 2, note: [x] }', /a note must be text, not a list/],
  ])('refuses %s', (line, pattern) => {
    const r = check(`questionnaire: mini\nanswers:\n  ${line}\n`);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(pattern);
    expect(r.problems[0]!.line).toBe(3);
  });

  it('accepts special answers in their spellings and YAML booleans for yes/no', () => {
    const r = check(`questionnaire: mini\nanswers:\n  lead-sponsor: "Don't know"\n  lead-budget: true\n  lead-months: Not applicable\n  lead-budget-size: LARGE\n`);
    expect(r.problems).toEqual([]);
    expect(r.response.answers['lead-sponsor']).toEqual({ status: 'dont-know' });
    expect(r.response.answers['lead-budget']).toEqual({ status: 'answered', value: 'yes' });
    expect(r.response.answers['lead-months']).toEqual({ status: 'not-applicable' });
    expect(r.response.answers['lead-budget-size']).toEqual({ status: 'answered', value: 'large' });
  });

  it('keeps a note on a blank answer and treats an empty list as unanswered', () => {
    const r = check(`questionnaire: mini\nanswers:\n  lead-sponsor: { value: null, note: "ask the CEO" }\n  culture-tools: []\n`);
    expect(r.problems).toEqual([]);
    expect(r.response.answers['lead-sponsor']).toEqual({ status: 'unanswered', note: 'ask the CEO' });
    expect(r.missingRequired).toContain('culture-tools');
  });

  it('does not pile a hidden-question error on top of an invalid earlier answer', () => {
    const r = check(`questionnaire: mini\nanswers:\n  lead-budget: perhaps\n  lead-budget-size: large\n`);
    expect(r.problems.map((p) => p.path)).toEqual(['answers.lead-budget']);
  });

  it('checks the header: unknown fields, dates, types', () => {
    const r = readAnswersFile('a.yaml', (() => {
      const dir = mkdtempSync(join(tmpdir(), 'answers-'));
      writeFileSync(join(dir, 'a.yaml'), 'questionaire: mini\ndate: 2026-02-30\nrole: [a]\nanswers: [1]\n');
      return dir;
    })());
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '1:1 unknown field "questionaire" (did you mean "questionnaire"?); the fields are questionnaire, organization, respondent, role, date, segments, answers.',
      '3:7 must be text, not a list.',
      '2:7 "2026-02-30" is not a real date written YYYY-MM-DD (e.g. 2026-11-29).',
      '4:10 must be a mapping from question ids to answers, not a list.',
    ]);
  });

  it('refuses an empty file and a file that is not a mapping', () => {
    expect(check('').problems[0]!.message).toMatch(/the file is empty/);
    expect(check('- 1\n- 2\n').problems[0]!.message).toMatch(/must be a mapping/);
  });

  it('checkAnswers never lets an answer given for a hidden question into the response', () => {
    const dir = mkdtempSync(join(tmpdir(), 'answers-'));
    writeFileSync(join(dir, 'a.yaml'), 'questionnaire: mini\nanswers:\n  lead-budget: "no"\n  lead-budget-size:\n');
    const { parsed } = readAnswersFile('a.yaml', dir);
    const r = checkAnswers(parsed!, mini);
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.response.answers)).not.toContain('lead-budget-size');
  });
});

describe('loadAnswersFiles (several respondents)', () => {
  const resolveQuestionnaire = (ref: string) => {
    if (ref !== 'mini') throw new InputError(`no questionnaire "${ref}"`);
    return loadMini();
  };

  it('loads a folder of files, sorted, and takes the questionnaire from them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'answers-'));
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'team', 'b.json'), readTextFile(join(FIX, 'good.json')));
    writeFileSync(join(dir, 'team', 'a.yaml'), readTextFile(join(FIX, 'good.yaml')));
    writeFileSync(join(dir, 'team', 'notes.txt'), 'not answers');
    writeFileSync(join(dir, 'team', '.hidden.yaml'), 'junk: [');
    const r = loadAnswersFiles(['team'], { cwd: dir, resolveQuestionnaire });
    expect(r.loaded.questionnaire.id).toBe('mini');
    expect(r.responses.map((x) => x.source)).toEqual([join('team', 'a.yaml'), join('team', 'b.json')]);
    expect(r.missing).toEqual([]);
  });

  it('reports the problems of all files together', () => {
    const dir = mkdtempSync(join(tmpdir(), 'answers-'));
    writeFileSync(join(dir, 'x.yaml'), 'questionnaire: mini\nanswers:\n  lead-sponsor: 9\n');
    writeFileSync(join(dir, 'y.yaml'), 'questionnaire: mini\nanswers:\n  culture-tolls: [chat]\n');
    try {
      loadAnswersFiles(['x.yaml', 'y.yaml'], { cwd: dir, resolveQuestionnaire });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const e = error as InputError;
      expect(e.message).toBe('2 answers files have 2 problems; fix them and try again.');
      expect(e.details[0]).toMatch(/^x\.yaml:3:17 answers\.lead-sponsor: "9" is not an allowed answer/);
      expect(e.details[1]).toMatch(/^y\.yaml:3:3 answers\.culture-tolls: .*did you mean "culture-tools"/);
    }
  });

  it('reports missing required answers per file without failing', () => {
    const r = loadAnswersFiles([join(FIX, 'partial.yaml')], { cwd: FIX, resolveQuestionnaire });
    expect(r.missing).toEqual([{ file: join(FIX, 'partial.yaml'), questionIds: ['lead-budget', 'culture-share', 'culture-tools'] }]);
  });

  it('refuses files that name different questionnaires, pointing at each id', () => {
    expect(() => loadAnswersFiles(['good.yaml', 'other-questionnaire.yaml'], { cwd: FIX, resolveQuestionnaire })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/name different questionnaires \(mini, quick-check\)/),
        details: ['good.yaml:1:16 questionnaire: mini', 'other-questionnaire.yaml:1:16 questionnaire: quick-check'],
      }),
    );
  });

  it('lets -q decide the questionnaire and flags files for another one', () => {
    expect(() => loadAnswersFiles(['other-questionnaire.yaml'], { cwd: FIX, questionnaireRef: 'mini', resolveQuestionnaire })).toThrow(
      expect.objectContaining({ details: [expect.stringMatching(/^other-questionnaire\.yaml:1:16 questionnaire: this file answers the questionnaire "quick-check"/)] }),
    );
  });

  it('asks for -q when no file names a questionnaire', () => {
    const dir = mkdtempSync(join(tmpdir(), 'answers-'));
    writeFileSync(join(dir, 'a.yaml'), 'answers:\n  lead-sponsor: 4\n');
    expect(() => loadAnswersFiles(['a.yaml'], { cwd: dir, resolveQuestionnaire })).toThrow(UsageError);
    expect(loadAnswersFiles(['a.yaml'], { cwd: dir, questionnaireRef: 'mini', resolveQuestionnaire }).responses).toHaveLength(1);
  });

  it('refuses missing paths and empty folders all at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'answers-'));
    mkdirSync(join(dir, 'empty'));
    expect(() => expandAnswersPaths(['nope.yaml', 'empty'], dir)).toThrow(
      expect.objectContaining({ details: ['nope.yaml does not exist', 'empty holds no answers files (.yaml, .yml or .json)'] }),
    );
    expect(() => expandAnswersPaths(['nope.yaml'], dir)).toThrow('nope.yaml does not exist; check the path and try again.');
  });
});

describe('describeCondition', () => {
  it('puts conditions into words for messages', () => {
    expect(
      describeCondition({
        all: [
          { question: 'a', equals: 'yes' },
          { any: [{ question: 'b', in: [1, 2] }, { question: 'c', includes: 'wiki' }, { question: 'd', countAtLeast: 2 }] },
          { not: { question: 'e', answered: true } },
          { question: 'f', gte: 6, lt: 12 },
        ],
      }),
    ).toBe('"a" is "yes" and ("b" is one of "1", "2" or "c" includes "wiki" or "d" has at least 2 choices) and not ("e" is answered) and "f" is below 12 and "f" is at least 6');
  });
});
