import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkMapping, loadMapping, normalizeText } from '../../src/load/mapping.js';
import { fixture, loadFixtureQuestionnaire } from './survey-helpers.js';

const { questionnaire } = loadFixtureQuestionnaire();
const dir = mkdtempSync(join(tmpdir(), 'mapping-test-'));
let n = 0;
function mappingFile(text: string): string {
  const path = join(dir, `m${n++}.yaml`);
  writeFileSync(path, text);
  return path;
}
const problemsOf = (text: string) => checkMapping(mappingFile(text), questionnaire).problems;

describe('survey mapping file', () => {
  it('reads columns, ignored columns, role column, aliases, roles and delimiter', () => {
    const m = loadMapping(fixture('limesurvey.mapping.yaml'), questionnaire);
    expect(m.columns.get('q1')).toBe('lead-sponsor');
    expect(m.columns.get('submitdate')).toBeNull();
    expect(m.roleColumn).toBe('G01Q08');
    expect(m.delimiter).toBe(';');
    expect(m.values.get('lead-sponsor')?.get('a5')).toBe(5);
    expect(m.roles.get('leitung')).toBe('Leadership');
  });

  it('names an unknown question id with its line, column and a suggestion', () => {
    const problems = problemsOf('columns:\n  Q1: lead-sponsr\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, column: 7, path: 'columns.Q1' });
    expect(problems[0]!.message).toContain('did you mean "lead-sponsor"');
  });

  it('refuses an unknown top-level key at the key, with did-you-mean', () => {
    const [p] = problemsOf('roleColum: Role\n');
    expect(p).toMatchObject({ line: 1, column: 1 });
    expect(p!.message).toMatch(/unknown key "roleColum".*roleColumn/);
  });

  it('maps several columns to one question (a choice per column, Other text), refusing one column listed twice and bad parts', () => {
    const problems = problemsOf(
      'columns:\n  A: lead-sponsor\n  B: lead-sponsor\n  " a ": culture-share\n  C: culture-channels/email\n  D: culture-channels/Wiki or intranet\n  E: culture-channels/other\n  F: culture-channels/fax\n  G: lead-sponsor/4\n',
    );
    expect(problems.map((p) => p.line)).toEqual([4, 8, 9]);
    expect(problems[0]!.message).toContain('listed twice');
    expect(problems[1]!.message).toContain('"fax" is not a choice of culture-channels');
    expect(problems[2]!.message).toContain('only a multiple-choice question takes one column per choice');
    const m = loadMapping(mappingFile('columns:\n  C: culture-channels/email\n  D: culture-channels/Wiki or intranet\n  E: culture-channels/other\n'), questionnaire);
    expect(m.columns.get('c')).toBe('culture-channels');
    expect(m.columnParts.get('d')).toEqual({ choice: 'wiki' });
    expect(m.columnParts.get('e')).toEqual({ other: true });
  });

  it('matches typographic quotes, dashes and non-breaking spaces as their plain forms', () => {
    expect(normalizeText('Don\u2019t\u00a0know \u2013 maybe')).toBe("don't know - maybe");
    expect(normalizeText('\u201cQuoted\u201d\u2026')).toBe('"quoted"...');
  });

  it('checks answer aliases against the allowed values of each question', () => {
    const problems = problemsOf(
      'values:\n  lead-sponsor: { top: 6, meh: dont-know }\n  lead-budget: { si: yes, nope: n/a, x: maybe }\n  culture-share: { often: weekley }\n  culture-hours: { lots: many }\n  nope: { a: 1 }\n',
    );
    const messages = problems.map((p) => `${p.line}:${p.path}: ${p.message}`);
    expect(messages).toHaveLength(5);
    expect(messages[0]).toMatch(/^2:values.lead-sponsor.top: "6" is not an option/);
    expect(messages[1]).toMatch(/^3:values.lead-budget.x: "maybe" must be yes or no/);
    expect(messages[2]).toMatch(/^4:values.culture-share.often: .*did you mean "weekly"/);
    expect(messages[3]).toMatch(/^5:values.culture-hours.lots: .*must be a number/);
    expect(messages[4]).toMatch(/^6:values.nope: .*not a question id/);
  });

  it('refuses a mapping written for another questionnaire, and a bad delimiter', () => {
    const problems = problemsOf('questionnaire: quick-check\ndelimiter: "|"\n');
    expect(problems.map((p) => p.line)).toEqual([1, 2]);
  });

  it('refuses an encoding it does not know at its line, as --encoding does (it was an "unexpected error" when the export was read)', () => {
    const [p] = problemsOf('encoding: klingon\n');
    expect(p).toMatchObject({ line: 1, column: 11 });
    expect(p!.message).toBe('"klingon" is not an encoding this tool knows; try utf-8, utf-16le, windows-1252 or iso-8859-15.');
    expect(problemsOf('encoding: ISO-8859-15\n')).toEqual([]);
  });

  it('reports YAML syntax errors with their position and throws them all from loadMapping', () => {
    const path = mappingFile('columns:\n  Q1: [lead-sponsor\n');
    expect(() => loadMapping(path, questionnaire)).toThrow(/not a valid survey mapping file/);
    expect(checkMapping(path, questionnaire).problems[0]!.message).toContain('YAML syntax error');
  });

  it('refuses a null key (~, NULL, nothing before the colon) at its own line and column', () => {
    // `~:` under columns was reported at the line of the first column as column ""; under values it mapped the empty text
    const columns = problemsOf('columns:\n  Q1: lead-sponsor\n  Q2: culture-share\n  ~: lead-model\n');
    expect(columns).toHaveLength(1);
    expect(columns[0]).toMatchObject({ line: 4, column: 3 });
    expect(columns[0]!.message).toBe('the key ~ here is YAML\'s empty value, not a text; write "~" in quotes if you mean that text, or remove the line.');
    const aliases = problemsOf('columns:\n  Q1: lead-sponsor\nvalues:\n  lead-sponsor:\n    Ja: yes\n    NULL: dont-know\n');
    expect(aliases.map((p) => [p.line, p.column, p.message.slice(0, 12)])).toEqual([[6, 5, 'the key NULL']]);
    const empty = problemsOf('columns:\n  Q1: lead-sponsor\n  : culture-share\nvalues: {lead-sponsor: {: yes}}\n');
    expect(empty.map((p) => [p.line, p.column])).toEqual([[3, 3], [4, 25]]);
    expect(empty[0]!.message).toContain('a key here is empty (nothing before its colon)');
    // keys are compared as the text they become: 1 and "1" were two keys, the second silently won
    expect(problemsOf('columns:\n  1: lead-sponsor\n  "1": culture-share\n').map((p) => [p.line, p.message])).toEqual([[3, 'YAML syntax error: map keys must be unique. Fix the syntax at this place.']]);
    // quoted, it is the text
    expect(problemsOf('columns:\n  "~": lead-sponsor\n  "null": culture-share\n')).toEqual([]);
  });

  it('refuses a list, a mapping or an alias written as a key in one sentence at its place, with no Node warning printed', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const problems = problemsOf('x: &q [a]\ncolumns:\n  [Q1, Q3]: lead-sponsor\n  Q2: culture-share\nvalues:\n  lead-sponsor:\n    {x: 1}: yes\n  culture-share:\n    *q : 4\n');
      expect(problems.map((p) => [p.line, p.column])).toEqual([[3, 3], [7, 5], [9, 5]]);
      expect(problems.map((p) => p.message.slice(0, 32))).toEqual(['a key here is a list, not a text', 'a key here is a mapping, not a t', 'a key here is the alias *q, not ']);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('names a list, a mapping or an empty value where one text or number belongs, never "[object Object]"', () => {
    const problems = problemsOf(
      'questionnaire: {a: 1}\nroleColumn: [a]\nformat: {x: 1}\nencoding: [utf-8]\ncolumns:\n  Q1: {a: 1}\n  Q2: [culture-share]\nvalues:\n  lead-sponsor:\n    "Ja": {a: 1}\n    Nein: ~\n  culture-share:\n    foo: [1]\n',
    );
    const text = problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(text.join('\n')).not.toMatch(/object Object|"1" must|"null"/);
    expect(text).toEqual([
      '1:16 questionnaire must be the id of a questionnaire (here "survey-test"), not a mapping.',
      '2:13 roleColumn must be the text of a column header.',
      '3:9 format must be one of google, microsoft, surveymonkey, qualtrics, limesurvey, kobo, typeform, generic.',
      '4:11 encoding must be the name of an encoding, e.g. windows-1252.',
      '6:7 column "Q1" is mapped to a mapping; write one question id after its colon, or ~ to ignore the column.',
      '7:7 column "Q2" is mapped to a list; write one question id after its colon, or ~ to ignore the column.',
      '10:11 the answer text "Ja" is mapped to a mapping; write one option value of lead-sponsor (text or number) after its colon.',
      '11:11 the answer text "Nein" is mapped to empty (~); write one option value of lead-sponsor (text or number) after its colon.',
      '13:10 the answer text "foo" is mapped to a list; write one option value of culture-share (text or number) after its colon.',
    ]);
  });

  it('takes only "," ";" tab for delimiter, not a name every object has (`constructor` read the file with a function)', () => {
    for (const d of ['constructor', 'toString', '__proto__']) expect(problemsOf(`delimiter: ${d}\ncolumns:\n  Q1: lead-sponsor\n`).map((p) => p.message)).toEqual(['delimiter must be "," or ";" or "tab".']);
  });

  it('refuses a document that is not a map', () => {
    expect(problemsOf('- Q1\n- Q2\n')[0]!.message).toContain('must be a YAML map');
  });

  it('compares headers ignoring case and runs of spaces', () => {
    expect(normalizeText('  Our  Leaders\u00a0back ')).toBe('our leaders back');
  });
});
