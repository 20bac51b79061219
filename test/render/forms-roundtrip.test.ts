// Round trip per form tool (issue 13): export the questionnaire, fill the form
// for three invented respondents the way each tool stores answers, write the
// responses in the shape that tool exports them, read them back with the
// survey reader without a mapping file, and get the same answers. The response
// files are built from the exported form itself (its names, codes and labels),
// never from our own naming functions, so a naming mismatch fails here.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { loadSurveyResponses } from '../../src/load/survey.js';
import type { Questionnaire } from '../../src/model/questionnaire.js';
import { resolveQuestionnaire } from '../../src/load/resolve.js';
import { toLimeSurvey } from '../../src/render/forms/limesurvey.js';
import { toSurveyJs } from '../../src/render/forms/surveyjs.js';
import { toXlsForm } from '../../src/render/forms/xlsform.js';
import { writeXlsForm } from '../../src/cli/xlsform-workbook.js';
import { answerCounts, loadFixtureQuestionnaire } from '../load/survey-helpers.js';

const loaded = loadFixtureQuestionnaire();
const questionnaire = loaded.questionnaire;
const dir = mkdtempSync(join(tmpdir(), 'forms-roundtrip-'));

/** What each respondent answered, as our answers files say it ('' = left blank; absent = hidden). */
type Given = Record<string, string | number | string[]>;
const RESPONDENTS: Given[] = [
  {
    'lead-sponsor': 4,
    'lead-budget': 'yes',
    'culture-share': 'weekly',
    // a label with a comma in it: must not be split
    'culture-channels': ['email', 'chat'],
    'culture-hours': 6,
    'lead-budget-size': 15,
    'culture-comment': 'Fewer meetings, more "docs"',
  },
  {
    'lead-sponsor': 'dont-know',
    'lead-budget': 'n/a',
    'culture-share': 'sometimes',
    'culture-channels': ['wiki'],
    'culture-hours': 12.5,
    'culture-comment': '',
  },
  {
    'lead-sponsor': 1,
    'lead-budget': 'no',
    'culture-share': 'never',
    'culture-channels': ['none'],
    'culture-hours': 40,
    'culture-comment': 'Too busy',
  },
];

/** The answer counts the reader must produce: hand-written from RESPONDENTS. */
const EXPECTED = {
  'lead-sponsor': { 4: 1, 'dont-know': 1, 1: 1 },
  'lead-budget': { yes: 1, 'not-applicable': 1, no: 1 },
  'culture-share': { weekly: 1, sometimes: 1, never: 1 },
  'culture-channels': { email: 1, chat: 1, wiki: 1, none: 1 },
  'culture-hours': { 6: 1, 12.5: 1, 40: 1 },
  'lead-budget-size': { 15: 1 },
  'culture-comment': { 'Fewer meetings, more "docs"': 1, unanswered: 1, 'Too busy': 1 },
};

const label = (q: Questionnaire['questions'][number], value: string | number): string => {
  if (value === 'dont-know') return "Don't know";
  if (value === 'n/a') return 'Not applicable';
  if (q.type === 'yesno') return value === 'yes' ? 'Yes' : 'No';
  const options = q.options ?? questionnaire.scales[q.scale!]!.options;
  return options.find((o) => String(o.value) === String(value))!.label;
};

async function readBack(file: string) {
  const s = await loadSurveyResponses(file, loaded, {});
  return { s, counts: answerCounts(s.responses) };
}

describe('export --to xlsform, then a KoboToolbox/ODK CSV export of its responses', () => {
  it('reads back every answer with every question column matched', async () => {
    const form = toXlsForm(questionnaire);
    const xlsx = join(dir, 'form.xlsx');
    writeFileSync(xlsx, await writeXlsForm(form));
    // read the form back as a form tool would: the sheets, not our data
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const rows = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const out: Record<string, string>[] = [];
      ws.eachRow((r, n) => {
        if (n === 1) return;
        const cells = (r.values as unknown[]).slice(1);
        out.push(Object.fromEntries(header.map((h, i) => [h, cells[i] === undefined || cells[i] === null ? '' : String(cells[i])])));
      });
      return out;
    };
    const survey = rows('survey');
    const choices = rows('choices');
    // Kobo's CSV: group/name headers; select_multiple as a space-separated column plus one 1/0 column per choice
    const headers: string[] = ['start', 'end'];
    const fill: ((given: Given) => string)[] = [() => '2026-11-30T09:00:00.000+01:00', () => '2026-11-30T09:10:00.000+01:00'];
    const path: string[] = [];
    for (const r of survey) {
      if (r.type === 'begin_group') path.push(r.name!);
      else if (r.type === 'end_group') path.pop();
      else {
        const q = questionnaire.questions.find((x) => x.id === r.name)!;
        const full = [...path, r.name].join('/');
        const [kind, list] = r.type!.split(' ');
        const nameOf = (value: string | number) => choices.find((c) => c.list_name === list && c.label === label(q, value))!.name!;
        headers.push(full);
        fill.push((g) => {
          const v = g[q.id];
          if (v === undefined || v === '') return '';
          if (kind === 'select_one') return nameOf(v as string);
          if (kind === 'select_multiple') return (v as string[]).map(nameOf).join(' ');
          return String(v);
        });
        if (kind === 'select_multiple') {
          for (const c of choices.filter((x) => x.list_name === list)) {
            headers.push(`${full}/${c.name}`);
            fill.push((g) => (g[q.id] === undefined ? '' : (g[q.id] as string[]).some((v) => nameOf(v) === c.name) ? '1' : '0'));
          }
        }
      }
    }
    headers.push('_id', '_uuid', '_submission_time');
    fill.push(
      () => '1',
      () => 'a1b2c3d4-0000-4000-8000-000000000001',
      () => '2026-11-30T08:10:00',
    );
    const csv = Papa.unparse({ fields: headers, data: RESPONDENTS.map((g) => fill.map((f) => f(g))) });
    const file = join(dir, 'kobo-export.csv');
    writeFileSync(file, csv);
    const { s, counts } = await readBack(file);
    expect(s.format).toBe('kobo');
    expect([s.rows, s.unmatchedCells]).toEqual([3, 0]);
    expect(counts).toEqual(EXPECTED);
    // only Kobo's own metadata is left over
    expect(s.warnings.filter((w) => /no column|ignored/.test(w))).toEqual([
      'ignored 5 columns that answer no question: "start", "end", "_id", "_uuid", "_submission_time".',
    ]);
  });
});

describe('export --to limesurvey, then a LimeSurvey response export (CSV, question and answer codes)', () => {
  it('reads back every answer with every question column matched', async () => {
    const form = toLimeSurvey(questionnaire);
    // parse the structure file as LimeSurvey does: tab-separated, a header row, one row per element
    const parsed = Papa.parse<string[]>(form.text.trimEnd(), { delimiter: '\t', quoteChar: '\u0000' }).data;
    const header = parsed[0]!;
    const rows = parsed.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
    // LimeSurvey's response export: one column per question code, one per subquestion code of a multiple choice
    const headers = ['id', 'submitdate', 'lastpage', 'startlanguage', 'seed'];
    const fill: ((given: Given, n: number) => string)[] = [(_, n) => String(n + 1), () => '2026-11-30 10:00:00', () => '3', () => 'en', () => '4242'];
    let current: { q: Questionnaire['questions'][number]; type: string; code: string; answers: Record<string, string> } | undefined;
    const html = (t: string) => t.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const flush = () => {
      if (!current) return;
      const { q, type, code, answers } = current;
      const codeOf = (v: string | number) => Object.entries(answers).find(([, text]) => text === label(q, v))![0];
      if (type === 'M') {
        for (const sub of Object.keys(answers)) {
          headers.push(`${code}[${sub}]`);
          fill.push((g) => (g[q.id] === undefined ? '' : (g[q.id] as (string | number)[]).some((v) => codeOf(v) === sub) ? 'Y' : ''));
        }
      } else {
        headers.push(code);
        fill.push((g) => {
          const v = g[q.id];
          if (v === undefined || v === '') return '';
          if (type === 'L') return codeOf(v as string);
          if (type === 'Y') return v === 'yes' ? 'Y' : 'N';
          return String(v);
        });
      }
    };
    for (const r of rows) {
      if (r.class === 'Q') {
        flush();
        // the question is found by its text: the code is what the file says
        const q = questionnaire.questions.find((x) => x.text === html(r.text!))!;
        current = { q, type: r['type/scale']!, code: r.name!, answers: {} };
      } else if ((r.class === 'A' || r.class === 'SQ') && current) current.answers[r.name!] = html(r.text!);
    }
    flush();
    const csv = Papa.unparse({ fields: headers, data: RESPONDENTS.map((g, n) => fill.map((f) => f(g, n))) });
    const file = join(dir, 'results-survey123456.csv');
    writeFileSync(file, csv);
    const { s, counts } = await readBack(file);
    expect(s.format).toBe('limesurvey');
    expect([s.rows, s.unmatchedCells]).toEqual([3, 0]);
    expect(counts).toEqual(EXPECTED);
    expect(s.warnings.filter((w) => /no column|ignored/.test(w))).toEqual(['ignored 4 columns that answer no question: "id", "lastpage", "startlanguage", "seed".']);
  });

  it('reads back a don\'t-know ticked on a multiple-choice question (the DK subquestion)', async () => {
    const q2 = structuredClone(questionnaire);
    q2.questions.find((q) => q.id === 'culture-channels')!.allowDontKnow = true;
    const form = toLimeSurvey(q2);
    expect(form.text).toMatch(/^SQ\t0\tDK\t1\tDon't know\t/m);
    expect(form.text).toMatch(/\tSQ004;DK\n/);
    const file = join(dir, 'limesurvey-dk.csv');
    writeFileSync(file, 'id,submitdate,cultureChannels[SQ001],cultureChannels[DK]\n1,2026-11-30,,Y\n2,2026-11-30,Y,\n');
    const s = await loadSurveyResponses(file, { ...loaded, questionnaire: q2 }, {});
    expect(answerCounts(s.responses)['culture-channels']).toEqual({ 'dont-know': 1, email: 1 });
  });
});

describe('export --to surveyjs, then SurveyJS results (a JSON array of survey.data)', () => {
  const form = toSurveyJs(questionnaire);

  it('loads into survey-core with every question present, in order, and the condition working', () => {
    const model = new Model(form.survey);
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.getAllQuestions().map((q) => q.name)).toEqual(questionnaire.questions.map((q) => q.id));
    expect(model.pages.map((p) => p.title)).toEqual(['Leadership', 'Culture', 'Leadership', 'Culture']);
    const size = model.getQuestionByName('lead-budget-size');
    model.setValue('lead-budget', 'no');
    expect(size.isVisible).toBe(false);
    model.setValue('lead-budget', 'yes');
    expect(size.isVisible).toBe(true);
  });

  it('reads back every answer with every question column matched', async () => {
    const results = RESPONDENTS.map((given) => {
      const model = new Model(form.survey);
      for (const q of questionnaire.questions) {
        const v = given[q.id];
        if (v === undefined || v === '') continue;
        const question = model.getQuestionByName(q.id);
        // answer as a respondent does: pick the choice whose text is the label
        const pick = (x: string | number) => question.choices.find((c: { text: string }) => c.text === label(q, x)).value;
        if (q.type === 'yesno' && question.getType() === 'boolean') question.value = v === 'yes' ? question.valueTrue : question.valueFalse;
        else if (q.type === 'multiple') question.value = (v as string[]).map(pick);
        else if (question.choices?.length) question.value = pick(v as string);
        else question.value = v;
      }
      return model.data;
    });
    const file = join(dir, 'surveyjs-results.json');
    writeFileSync(file, JSON.stringify(results, null, 2));
    const { s, counts } = await readBack(file);
    expect([s.rows, s.unmatchedCells]).toEqual([3, 0]);
    expect(counts).toEqual(EXPECTED);
    expect(s.warnings.filter((w) => /no column|ignored/.test(w))).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))[0]['culture-channels']).toEqual(['email', 'chat']);
  });
});

describe('the built-in questionnaires round-trip through each tool with every question matched', () => {
  const builtIn = (id: string) => resolveQuestionnaire(id, dir);
  /** One respondent per option position: respondent n picks the n-th option (or the last), numbers get their minimum. */
  const answersFor = (q: Questionnaire, n: number): Record<string, string | number | (string | number)[]> =>
    Object.fromEntries(
      q.questions.map((x) => {
        if (x.type === 'yesno') return [x.id, n % 2 === 0 ? 'yes' : 'no'];
        if (x.type === 'number') return [x.id, x.min ?? n];
        if (x.type === 'text') return [x.id, `Note ${n}`];
        const options = x.options ?? q.scales[x.scale!]!.options;
        const o = options[Math.min(n, options.length - 1)]!;
        return [x.id, x.type === 'multiple' ? [o.value] : o.value];
      }),
    );

  for (const id of ['quick-check', 'social-readiness']) {
    it(`${id}: Kobo CSV, LimeSurvey CSV and SurveyJS results read back with no unmatched cell and no question without a column`, async () => {
      const loadedQ = builtIn(id);
      const q = loadedQ.questionnaire;
      const given = [0, 1, 2, 3, 4].map((n) => answersFor(q, n));
      // the answers the interview would keep: hidden questions dropped
      const { evaluateCondition } = await import('../../src/score/conditions.js');
      const shown = (g: Record<string, unknown>, x: Questionnaire['questions'][number]) =>
        !x.when || evaluateCondition(x.when, { dimensions: {}, overall: null, answers: Object.fromEntries(Object.entries(g).map(([k, v]) => [k, { status: 'answered', value: v }])) as never });
      const check = async (file: string) => {
        const s = await loadSurveyResponses(file, loadedQ, {});
        expect([s.rows, s.unmatchedCells], file).toEqual([5, 0]);
        expect(s.warnings.filter((w) => /no column/.test(w)), file).toEqual([]);
        for (const [n, r] of s.responses.entries()) {
          for (const x of q.questions) {
            if (!shown(given[n]!, x)) continue;
            const v = given[n]![x.id];
            expect(r.answers[x.id], `${file} respondent ${n + 1} ${x.id}`).toMatchObject({ status: 'answered', value: Array.isArray(v) ? v : v });
          }
        }
      };
      // XLSForm -> Kobo CSV (names from the form)
      const xls = toXlsForm(q);
      const listOf = new Map(xls.survey.filter((r) => r.type.startsWith('select_')).map((r) => [r.name, r.type.split(' ')[1]!]));
      const choiceName = (qid: string, value: string | number) => {
        const x = q.questions.find((y) => y.id === qid)!;
        return xls.choices.find((c) => c.list_name === listOf.get(qid) && c.label === label2(q, x, value))!.name;
      };
      const kobo = Papa.unparse({
        fields: ['_uuid', ...q.questions.map((x) => x.id)],
        data: given.map((g, n) => [`uuid-${n}`, ...q.questions.map((x) => (!shown(g, x) ? '' : listOf.has(x.id) ? [g[x.id]].flat().map((v) => choiceName(x.id, v as string)).join(' ') : String(g[x.id])))]),
      });
      writeFileSync(join(dir, `${id}-kobo.csv`), kobo);
      await check(join(dir, `${id}-kobo.csv`));
      // LimeSurvey -> response CSV (codes from the structure file)
      const lime = toLimeSurvey(q);
      const headers = ['id', 'submitdate'];
      const cols: ((g: Record<string, unknown>) => string)[] = [() => '1', () => '2026-11-30'];
      let current: Questionnaire['questions'][number] | undefined;
      let type = '';
      for (const r of lime.rows) {
        if (r.class === 'Q') {
          current = q.questions.find((x) => lime.codes.get(x.id) === r.name)!;
          type = r['type/scale']!;
          const x = current;
          const t = type;
          if (t !== 'M') {
            headers.push(r.name!);
            cols.push((g) => {
              if (!shown(g, x)) return '';
              const v = g[x.id] as string | number;
              if (t === 'Y') return v === 'yes' ? 'Y' : 'N';
              if (t !== 'L') return String(v);
              return lime.rows.slice(lime.rows.indexOf(r) + 1).find((a) => a.class === 'A' && a.text === label2(q, x, v))!.name!;
            });
          }
        } else if (r.class === 'SQ' && current) {
          const x = current;
          headers.push(`${lime.codes.get(x.id)}[${r.name}]`);
          cols.push((g) => (shown(g, x) && (g[x.id] as (string | number)[]).some((v) => label2(q, x, v) === r.text) ? 'Y' : ''));
        }
      }
      writeFileSync(join(dir, `${id}-lime.csv`), Papa.unparse({ fields: headers, data: given.map((g) => cols.map((c) => c(g))) }));
      await check(join(dir, `${id}-lime.csv`));
      // SurveyJS -> results JSON (values set on the survey-core model)
      const sj = toSurveyJs(q);
      const results = given.map((g) => {
        const model = new Model(sj.survey);
        for (const x of q.questions) if (shown(g, x)) model.setValue(x.id, g[x.id]);
        return model.data;
      });
      writeFileSync(join(dir, `${id}-surveyjs.json`), JSON.stringify(results));
      await check(join(dir, `${id}-surveyjs.json`));
    });
  }
});

/** The label the form shows for a value (HTML-escaped texts of LimeSurvey compare escaped too). */
function label2(q: Questionnaire, x: Questionnaire['questions'][number], value: string | number): string {
  if (x.type === 'yesno') return value === 'yes' ? 'Yes' : 'No';
  const options = x.options ?? q.scales[x.scale!]!.options;
  const text = options.find((o) => String(o.value) === String(value))!.label;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
