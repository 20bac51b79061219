// The three form exports (issue 13): conditions written in each tool's
// expression language (expectations written by hand), what a tool cannot
// express reported as a warning, hostile texts kept intact and harmless, and
// the XLSForm checked as a converter would: by pyxform when it is installed,
// and always structurally (sheets, columns, lists, names, references), read
// back with exceljs and, when it is installed, with Python's openpyxl.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { Model } from 'survey-core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Questionnaire, type QuestionnaireInput } from '../../src/model/questionnaire.js';
import { toLimeSurvey } from '../../src/render/forms/limesurvey.js';
import { toSurveyJs } from '../../src/render/forms/surveyjs.js';
import { toXlsForm } from '../../src/render/forms/xlsform.js';
import { writeXlsForm } from '../../src/cli/xlsform-workbook.js';
import { loadFixtureQuestionnaire } from '../load/survey-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'forms-'));
const fixtureQ = loadFixtureQuestionnaire().questionnaire;
const builtIn = (id: string) => Questionnaire.parse(parse(readFileSync(new URL(`../../questionnaires/${id}.yaml`, import.meta.url), 'utf8')));

/** A questionnaire of every kind of condition, on the fixture's questions. */
function withConditions(): Questionnaire {
  const input = structuredClone(fixtureQ) as unknown as QuestionnaireInput;
  const extra = (id: string, when: unknown) => ({ id, dimension: 'culture', text: `Follow-up ${id}`, type: 'text' as const, required: false, when: when as never });
  input.questions.push(
    extra('c-in', { question: 'lead-sponsor', in: [4, 5] }),
    extra('c-gte', { question: 'lead-sponsor', gte: 4 }),
    extra('c-includes', { question: 'culture-channels', includes: 'chat' }),
    extra('c-only', { question: 'culture-channels', equals: 'email' }),
    extra('c-count', { question: 'culture-channels', countAtLeast: 2 }),
    extra('c-unanswered', { question: 'lead-sponsor', answered: false }),
    extra('c-number', { question: 'culture-hours', gt: 10, lte: 40 }),
    extra('c-combined', { any: [{ question: 'culture-share', equals: 'weekly' }, { not: { question: 'lead-budget', in: ['no'] } }] }),
    extra('c-text', { question: 'culture-comment', equals: 'none' }),
    extra('c-dimension', { dimension: 'culture', lt: 40 }),
    extra('c-missing', { question: 'no-such-question', answered: true }),
    extra('c-quotes', { question: 'culture-comment', equals: `it's "odd"` }),
  );
  return Questionnaire.parse(input);
}

describe('conditions in each tool\'s language', () => {
  const q = withConditions();
  const when = <T>(rows: T[], pick: (r: T) => [string | undefined, string | undefined]) => Object.fromEntries(rows.map(pick).filter(([id]) => id?.startsWith('c-') || id === 'lead-budget-size'));

  it('XLSForm relevant', () => {
    const form = toXlsForm(q);
    expect(when(form.survey, (r) => [r.name, r.relevant])).toEqual({
      'lead-budget-size': "${lead-budget} = 'yes'",
      'c-in': "(${lead-sponsor} = '4') or (${lead-sponsor} = '5')",
      'c-gte': "(${lead-sponsor} = '4') or (${lead-sponsor} = '5')",
      'c-includes': "selected(${culture-channels}, 'chat')",
      'c-only': "selected(${culture-channels}, 'email') and count-selected(${culture-channels}) = 1",
      'c-count': 'count-selected(${culture-channels}) >= 2',
      'c-unanswered': "not(${lead-sponsor} != '' and ${lead-sponsor} != 'dont_know')",
      'c-number': "(${culture-hours} != '' and ${culture-hours} <= 40) and (${culture-hours} != '' and ${culture-hours} > 10)",
      'c-combined': "(${culture-share} = 'weekly') or (not(${lead-budget} = 'no'))",
      'c-text': "${culture-comment} = 'none'",
      'c-dimension': '',
      'c-missing': '',
      'c-quotes': '',
    });
    expect(form.warnings).toEqual([
      'question c-dimension: its condition is not in the form because it tests the score of dimension culture, which exists only after scoring; the form always asks it.',
      'question c-missing: its condition is not in the form because it refers to question no-such-question, which the questionnaire does not have; the form always asks it.',
      `question c-quotes: its condition is not in the form because XLSForm cannot quote the text "it's "odd""; the form always asks it.`,
    ]);
  });

  it('LimeSurvey relevance (ExpressionScript on question and subquestion codes)', () => {
    const form = toLimeSurvey(q);
    const codes = form.codes;
    const byCode = new Map([...codes].map(([id, code]) => [code, id]));
    expect(when(form.rows.filter((r) => r.class === 'Q'), (r) => [byCode.get(r.name!), r.relevance])).toEqual({
      'lead-budget-size': "leadBudget == 'Y'",
      'c-in': "(leadSponsor == 'A4') or (leadSponsor == 'A5')",
      'c-gte': "(leadSponsor == 'A4') or (leadSponsor == 'A5')",
      'c-includes': "cultureChannels_SQ002 == 'Y'",
      'c-only': "cultureChannels_SQ001 == 'Y' and count(cultureChannels_SQ001, cultureChannels_SQ002, cultureChannels_SQ003, cultureChannels_SQ004) == 1",
      'c-count': 'count(cultureChannels_SQ001, cultureChannels_SQ002, cultureChannels_SQ003, cultureChannels_SQ004) >= 2',
      'c-unanswered': "!(!is_empty(leadSponsor) and leadSponsor != 'DK')",
      'c-number': '(!is_empty(cultureHours) and cultureHours <= 40) and (!is_empty(cultureHours) and cultureHours > 10)',
      'c-combined': "(cultureShare == 'A3') or (!(leadBudget == 'N'))",
      'c-text': "cultureComment == 'none'",
      'c-dimension': '1',
      'c-missing': '1',
      'c-quotes': '1',
    });
    expect(form.warnings).toHaveLength(3);
    expect(form.warnings[2]).toContain('LimeSurvey cannot quote the text');
  });

  it('SurveyJS visibleIf, and each expression runs in survey-core', () => {
    const form = toSurveyJs(q);
    const elements = (form.survey.pages as { elements: Record<string, string>[] }[]).flatMap((p) => p.elements);
    expect(when(elements, (e) => [e.name, e.visibleIf ?? ''])).toEqual({
      'lead-budget-size': "{lead-budget} = 'yes'",
      'c-in': '({lead-sponsor} = 4) or ({lead-sponsor} = 5)',
      'c-gte': '({lead-sponsor} = 4) or ({lead-sponsor} = 5)',
      'c-includes': "{culture-channels} contains 'chat'",
      'c-only': "{culture-channels} = ['email']",
      'c-count': '{culture-channels.length} >= 2',
      'c-unanswered': "!({lead-sponsor} notempty and {lead-sponsor} <> 'dont-know')",
      'c-number': '({culture-hours} notempty and {culture-hours} <= 40) and ({culture-hours} notempty and {culture-hours} > 10)',
      'c-combined': "({culture-share} = 'weekly') or (!({lead-budget} = 'no'))",
      'c-text': "{culture-comment} = 'none'",
      'c-dimension': '',
      'c-missing': '',
      'c-quotes': `{culture-comment} = 'it\\'s \\"odd\\"'`,
    });
    expect(form.warnings).toHaveLength(2);
    // the expressions do what the questionnaire means, run by survey-core itself
    const model = new Model(form.survey);
    const visible = (name: string) => model.getQuestionByName(name).isVisible;
    model.data = { 'lead-sponsor': 5, 'culture-channels': ['email'], 'culture-hours': 40, 'culture-share': 'never', 'lead-budget': 'no' };
    expect(['c-in', 'c-gte', 'c-includes', 'c-only', 'c-count', 'c-unanswered', 'c-number', 'c-combined'].map(visible)).toEqual([true, true, false, true, false, false, true, false]);
    model.data = { 'lead-sponsor': 'dont-know', 'culture-channels': ['email', 'chat'], 'culture-hours': 5, 'lead-budget': 'yes' };
    expect(['c-in', 'c-gte', 'c-includes', 'c-only', 'c-count', 'c-unanswered', 'c-number', 'c-combined'].map(visible)).toEqual([false, false, true, false, true, true, false, true]);
  });
});

/** A questionnaire written to break exports: texts with tabs, line breaks, quotes, markup, formulas and references; clashing names. */
function hostile(): Questionnaire {
  const long = 'Long label '.repeat(600).trim();
  return Questionnaire.parse({
    id: 'hostile-test',
    title: 'Tabs\tand "quotes" & <b>markup</b>',
    version: '1',
    description: 'Line one\nline two',
    minutes: 1,
    dimensions: [{ id: 'd', title: 'Dimension "D"', description: 'x' }],
    questions: [
      { id: 'a-very-long-question-identifier-one', dimension: 'd', type: 'single', text: `Tab\there, "quotes", it's, \${ref}, =SUM(A1)\nsecond line`, help: '<script>alert(1)</script>', options: [
        { value: 'a b', label: 'A\tB', score: 0 },
        { value: 'a_b', label: 'A_B', score: 1 },
        { value: "it's", label: long, score: 0.5 },
      ] },
      { id: 'a-very-long-question-identifier-two', dimension: 'd', type: 'single', text: 'Second', options: [{ value: 1, label: 'One', score: 0 }, { value: 2, label: 'Two', score: 1 }], when: { question: 'a-very-long-question-identifier-one', equals: "it's" } },
      { id: 'd', dimension: 'd', type: 'yesno', text: 'A question named like its dimension' },
      { id: 'seed', dimension: 'd', type: 'yesno', text: 'A question named like a column of LimeSurvey responses' },
    ],
    levels: [{ id: 'l', label: 'L', min: 0, max: 100, description: 'x' }],
  });
}

describe('hostile questionnaires', () => {
  const q = hostile();

  it('LimeSurvey: one line per row, no tab or quote inside a cell, texts as escaped HTML, codes unique and at most 20 characters', () => {
    const form = toLimeSurvey(q);
    const lines = form.text.replace(/\n$/, '').split('\n');
    expect(lines.filter((l) => l.split('\t').length !== 15)).toEqual([]);
    expect(form.text).not.toContain('"');
    expect(form.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(form.text).toContain('=SUM(A1)<br />second line');
    const codes = [...form.codes.values()];
    expect(codes).toEqual(['aVeryLongQuestionIde', 'aVeryLongQuestion2', 'd', 'Qseed']);
    expect(codes.every((c) => /^[A-Za-z][A-Za-z0-9]{0,19}$/.test(c))).toBe(true);
    // the option "it's" is the third answer code: nothing to quote
    expect(form.rows.find((r) => r.name === 'aVeryLongQuestion2')!.relevance).toBe("aVeryLongQuestionIde == 'A3'");
    expect(form.warnings).toEqual([]);
  });

  it('SurveyJS: loads with the texts as given and the condition quoted', () => {
    const form = toSurveyJs(q);
    const model = new Model(form.survey);
    expect(model.getAllQuestions().map((x) => x.name)).toEqual(q.questions.map((x) => x.id));
    expect(model.getQuestionByName('a-very-long-question-identifier-two').visibleIf).toBe(`{a-very-long-question-identifier-one} = 'it\\'s'`);
    model.setValue('a-very-long-question-identifier-one', "it's");
    expect(model.getQuestionByName('a-very-long-question-identifier-two').isVisible).toBe(true);
    expect(form.warnings).toEqual([]);
  });

  it('XLSForm: clashing choice names are numbered and reported; the group is not named like the question d', async () => {
    const form = toXlsForm(q);
    expect(form.choices.filter((c) => c.list_name === 'a_very_long_question_identifier_one').map((c) => c.name)).toEqual(['a_b', 'a_b_2', 'it_s']);
    expect(form.warnings).toEqual([
      'question a-very-long-question-identifier-one: the answer "a_b" gets the choice name "a_b_2" because another answer already has "a_b"; responses with "a_b_2" need a mapping line (values: a-very-long-question-identifier-one: a_b_2: a_b).',
    ]);
    expect(form.survey[0]).toMatchObject({ type: 'begin_group', name: 'd_2' });
    expect(form.survey.find((r) => r.name === 'a-very-long-question-identifier-one')!.label).toContain('$ {ref}');
    await checkXlsForm(q, 'hostile');
  });
});

/** Structural checks a converter makes, on the workbook as read back by exceljs. */
async function structuralProblems(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const problems: string[] = [];
  const sheet = (name: string, required: string[]) => {
    const ws = wb.getWorksheet(name);
    if (!ws) {
      problems.push(`no sheet ${name}`);
      return [];
    }
    const header = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    for (const c of required) if (!header.includes(c)) problems.push(`sheet ${name} has no column ${c}`);
    const rows: Record<string, string>[] = [];
    ws.eachRow((r, n) => {
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, String((r.values as unknown[])[i + 1] ?? '')])));
    });
    return rows;
  };
  const survey = sheet('survey', ['type', 'name', 'label']);
  const choices = sheet('choices', ['list_name', 'name', 'label']);
  const settings = sheet('settings', ['form_title', 'form_id']);
  if (settings.length !== 1) problems.push('settings must have one row');
  const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
  const names = new Set<string>();
  let depth = 0;
  for (const r of survey) {
    if (r.type === 'end_group') {
      depth--;
      continue;
    }
    if (r.type === 'begin_group') depth++;
    if (!XML_NAME.test(r.name!)) problems.push(`invalid name "${r.name}"`);
    if (names.has(r.name!)) problems.push(`duplicate name "${r.name}"`);
    names.add(r.name!);
    if (r.label === '') problems.push(`no label for ${r.name}`);
    const list = /^select_(?:one|multiple) (\S+)$/.exec(r.type!)?.[1];
    if (/^select_/.test(r.type!) && !list) problems.push(`bad type "${r.type}"`);
    if (list && !choices.some((c) => c.list_name === list)) problems.push(`list ${list} of ${r.name} is not in choices`);
  }
  if (depth !== 0) problems.push('groups do not balance');
  for (const r of survey) {
    for (const m of (r.relevant ?? '').matchAll(/\$\{([^}]*)\}/g)) if (!names.has(m[1]!)) problems.push(`relevant of ${r.name} refers to unknown ${m[1]}`);
  }
  const seen = new Set<string>();
  for (const c of choices) {
    // choice names may start with a digit (likert 1..5) but hold no space (select_multiple stores them space-separated)
    if (!/^[A-Za-z0-9_.:-]+$/.test(c.name!)) problems.push(`invalid choice name "${c.name}" in ${c.list_name}`);
    const key = `${c.list_name}\u0000${c.name}`;
    if (seen.has(key)) problems.push(`duplicate choice ${c.name} in ${c.list_name}`);
    seen.add(key);
  }
  return problems;
}

/** Which Python modules are installed (one process, without importing them). */
const PYTHON = (() => {
  const r = spawnSync('python3', ['-c', "import importlib.util as u; print(' '.join(m for m in ('openpyxl', 'pyxform') if u.find_spec(m)))"], { encoding: 'utf8' });
  return new Set(r.status === 0 ? r.stdout.trim().split(/\s+/) : []);
})();

/**
 * Read by Python's openpyxl (another reader than the writer's own), and converted by pyxform
 * (the reference converter) when it is installed: one Python process for all workbooks.
 */
const PYTHON_CHECK = `
import json, sys
out = {}
for path in sys.argv[1:]:
    res = {}
    try:
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True)
        res["sheets"] = wb.sheetnames
        for name in ("survey", "choices"):
            rows = [[("" if c is None else str(c)) for c in row] for row in wb[name].iter_rows(values_only=True)]
            res[name] = [dict(zip(rows[0], r)) for r in rows[1:]]
    except ImportError:
        pass
    try:
        from pyxform.xls2xform import xls2xform_convert
        try:
            xls2xform_convert(xlsform_path=path, xform_path=path + ".xml", validate=False)
            res["pyxform"] = "ok"
        except Exception as e:
            res["pyxform"] = "%s: %s" % (type(e).__name__, e)
    except ImportError:
        pass
    out[path] = res
print(json.dumps(out))
`;

const written = new Map<string, ReturnType<typeof toXlsForm>>();

async function checkXlsForm(questionnaire: Questionnaire, name: string): Promise<void> {
  const file = join(dir, `${name}.xlsx`);
  const form = toXlsForm(questionnaire);
  writeFileSync(file, await writeXlsForm(form));
  expect(await structuralProblems(file)).toEqual([]);
  written.set(file, form);
}

describe('the XLSForm converts', () => {
  it('the fixture questionnaire (every question type, a condition, don\'t know and n/a)', async () => {
    await checkXlsForm(fixtureQ, 'fixture');
  });
  it('the built-in questionnaires', async () => {
    await checkXlsForm(builtIn('quick-check'), 'quick-check');
    await checkXlsForm(builtIn('social-readiness'), 'social-readiness');
  });
  it('every condition kind', async () => {
    await checkXlsForm(withConditions(), 'conditions');
  });
  it.runIf(PYTHON.size > 0)(`reads back in Python (${[...PYTHON].join(', ') || 'none installed'})${PYTHON.has('pyxform') ? ' and converts with pyxform' : ''}`, async () => {
    if (written.size === 0) await checkXlsForm(fixtureQ, 'fixture');
    const r = spawnSync('python3', ['-c', PYTHON_CHECK, ...written.keys()], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as Record<string, { sheets?: string[]; survey?: Record<string, string>[]; choices?: Record<string, string>[]; pyxform?: string }>;
    for (const [file, form] of written) {
      const read = results[file]!;
      if (PYTHON.has('openpyxl')) {
        expect(read.sheets).toEqual(['survey', 'choices', 'settings']);
        expect(read.survey!.map((x) => [x.name, x.label, x.relevant])).toEqual(form.survey.map((x) => [x.name, x.label, x.relevant]));
        expect(read.choices!.map((c) => `${c.list_name}/${c.name}`)).toEqual(form.choices.map((c) => `${c.list_name}/${c.name}`));
      }
      if (PYTHON.has('pyxform')) expect(read.pyxform, file).toBe('ok');
    }
  });
});

describe('the LimeSurvey structure', () => {
  it('parses as LimeSurvey reads it: a header of its fields and one typed row per element', () => {
    const form = toLimeSurvey(builtIn('social-readiness'));
    const rows = Papa.parse<string[]>(form.text.trimEnd(), { delimiter: '\t', quoteChar: '\u0000' }).data;
    expect(rows[0]!.slice(0, 12)).toEqual(['class', 'type/scale', 'name', 'relevance', 'text', 'help', 'language', 'validation', 'mandatory', 'other', 'default', 'same_default']);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['S', 'SL', 'G', 'Q', 'A', 'SQ']));
    expect(rows.filter((r) => r[0] === 'Q')).toHaveLength(builtIn('social-readiness').questions.length);
  });
});
