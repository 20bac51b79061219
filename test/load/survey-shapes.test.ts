// One test per export shape of the form tools (issue 13): each fixture is
// small, written by hand in the tool's shape, with invented people. Every test
// asserts the respondent count, every question's answer counts and the
// warnings.
import { appendFileSync, mkdtempSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { InputError } from '../../src/errors.js';
import { describe, expect, it } from 'vitest';
import { Questionnaire } from '../../src/model/questionnaire.js';
import { loadSurveyResponses, MAX_OTHER_NOTES, splitChoices } from '../../src/load/survey.js';
import { answerCounts, fixture, loadFixtureQuestionnaire } from './survey-helpers.js';
import { dateText, isPercentFormat, percentText, streamXlsx } from '../../src/load/xlsx.js';

const loaded = loadFixtureQuestionnaire();
const dir = mkdtempSync(join(tmpdir(), 'survey-shapes-'));
const warningsOf = (s: { warnings: string[] }) => s.warnings.map((w) => w.replace(/\/\S*\/fixtures\/survey\//g, ''));

describe('export shapes of form tools, read without a mapping file', () => {
  it('Qualtrics: three header rows, one column per choice (1), Other text, Finished = 0 left out', async () => {
    const s = await loadSurveyResponses(fixture('qualtrics.csv'), loaded, {});
    expect(s.format).toBe('qualtrics');
    expect([s.rowsRead, s.rows, s.unfinished.count, s.unmatchedCells]).toEqual([3, 2, 1, 0]);
    expect(s.responses.map((r) => r.role)).toEqual(['Staff', 'Manager']);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 4: 1, 'dont-know': 1 }, // "Don’t know" with a curly apostrophe
      'lead-budget': { yes: 1, no: 1 },
      'culture-share': { weekly: 1, never: 1 },
      'culture-channels': { email: 1, chat: 1, 'Other: Books': 1, none: 1 },
      'culture-hours': { 5: 1, 10: 1 },
      'lead-budget-size': { 20: 1 },
      'culture-comment': { unanswered: 1, 'Fewer meetings': 1 },
    });
    expect(warningsOf(s)).toEqual([
      'ignored 6 columns that answer no question: "StartDate", "EndDate", "Status", "Progress", "ResponseId", "RecipientEmail".',
      'read 3 header rows (qualtrics export).',
      '1 unfinished response was left out (Finished is 0); give --include-unfinished to score it.',
      '1 answer carried text that is no choice of the question; it is kept as the respondent\'s "Other" answer beside the recognised choices: culture-channels: "Books" 1× (1 in all).',
    ]);
    const all = await loadSurveyResponses(fixture('qualtrics.csv'), loaded, { includeUnfinished: true });
    expect(all.rows).toBe(3);
    expect(answerCounts(all.responses)['lead-sponsor']).toEqual({ 2: 1, 4: 1, 'dont-know': 1 });
  });

  it('SurveyMonkey: second header row of choice labels, blank-headed choice columns, Other (please specify) beside ticked choices', async () => {
    const s = await loadSurveyResponses(fixture('surveymonkey-other.csv'), loaded, {});
    expect(s.format).toBe('surveymonkey');
    expect([s.rowsRead, s.rows, s.unmatchedCells, s.otherTexts]).toEqual([3, 3, 0, 2]);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 2: 1, 4: 1, 5: 1 },
      'lead-budget': { yes: 1, no: 2 },
      'culture-share': { weekly: 1, sometimes: 1, never: 1 },
      // the first respondent ticked two choices and typed into Other: all three are kept
      'culture-channels': { email: 1, chat: 1, 'Other: Books and printed guides': 1, unanswered: 1, 'Other: Phone calls': 1, none: 1 },
      'culture-hours': { 4: 1, 8: 1, 30: 1 },
      'culture-comment': { unanswered: 2, 'Need time': 1 },
    });
    expect(warningsOf(s)).toEqual([
      'ignored 8 columns that answer no question: "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name".',
      '1 question has no column in surveymonkey-other.csv and counts as unanswered: lead-budget-size.',
      'read 2 header rows (surveymonkey export).',
      '2 answers carried text that is no choice of the question; they are kept as the respondent\'s "Other" answer beside the recognised choices: culture-channels: "Books and printed guides" 1×, "Phone calls" 1× (2 in all).',
    ]);
    expect(JSON.stringify(s.responses)).not.toContain('192.0.2');
  });

  it('LimeSurvey: codes of our own export, Q[SQ001] = Y per choice, [other], DK/NA codes, empty submitdate left out', async () => {
    const s = await loadSurveyResponses(fixture('limesurvey-multi.csv'), loaded, {});
    expect(s.format).toBe('limesurvey');
    expect([s.rowsRead, s.rows, s.unfinished.count, s.unmatchedCells]).toEqual([4, 3, 1, 0]);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 4: 1, 5: 1, 'dont-know': 1 },
      'lead-budget': { yes: 1, no: 1, 'not-applicable': 1 },
      'culture-share': { weekly: 1, sometimes: 1, never: 1 },
      'culture-channels': { email: 1, wiki: 1, chat: 1, 'Other: Carrier pigeon': 1, none: 1 },
      'culture-hours': { 6: 1, 12: 1, 40: 1 },
      'lead-budget-size': { 15: 1 },
      'culture-comment': { unanswered: 2, 'Too busy': 1 },
    });
    expect(warningsOf(s)).toEqual([
      'ignored 4 columns that answer no question: "id", "lastpage", "startlanguage", "seed".',
      '1 unfinished response was left out (no submitdate); give --include-unfinished to score it.',
      '1 answer carried text that is no choice of the question; it is kept as the respondent\'s "Other" answer beside the recognised choices: culture-channels: "Carrier pigeon" 1× (1 in all).',
    ]);
  });

  it('KoboToolbox/ODK: group paths, a space-separated select_multiple beside its 1/0 columns, XLSForm choice names', async () => {
    const s = await loadSurveyResponses(fixture('kobo.csv'), loaded, {});
    expect(s.format).toBe('kobo');
    expect([s.rowsRead, s.rows, s.unmatchedCells]).toEqual([3, 3, 0]);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 2: 1, 4: 1, 'dont-know': 1 },
      'lead-budget': { yes: 1, 'not-applicable': 1, no: 1 },
      'culture-share': { weekly: 1, sometimes: 1, never: 1 },
      // the third row's space-separated column is blank: its 1/0 columns are read
      'culture-channels': { email: 1, wiki: 1, chat: 1, none: 1 },
      'culture-hours': { 3: 1, 20: 1, 35: 1 },
      'culture-comment': { unanswered: 2, 'long days': 1 },
    });
    expect(warningsOf(s)).toEqual([
      'ignored 5 columns that answer no question: "start", "end", "_id", "_uuid", "_submission_time".',
      '1 question has no column in kobo.csv and counts as unanswered: lead-budget-size.',
    ]);
  });

  it('a community survey: sep=; first line, |-joined choices, non-breaking spaces and curly quotes matched as plain text', async () => {
    const s = await loadSurveyResponses(fixture('community-pipe.csv'), loaded, {});
    expect(s.delimiter).toBe(';');
    expect([s.rowsRead, s.rows, s.unmatchedCells]).toEqual([3, 3, 0]);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 4: 1, 5: 1, 'dont-know': 1 },
      'lead-budget': { yes: 2, no: 1 },
      'culture-share': { weekly: 1, never: 1, sometimes: 1 },
      'culture-channels': { email: 2, chat: 2, wiki: 1, none: 1, 'Other: Noticeboard': 1 },
      'culture-hours': { 2: 1, 5: 1, 12: 1 },
    });
    expect(s.responses.map((r) => r.role)).toEqual(['Staff', 'Staff', 'Volunteer']);
    expect(warningsOf(s)).toEqual([
      '2 questions have no column in community-pipe.csv and count as unanswered: lead-budget-size, culture-comment.',
      '1 answer carried text that is no choice of the question; it is kept as the respondent\'s "Other" answer beside the recognised choices: culture-channels: "Noticeboard" 1× (1 in all).',
    ]);
  });

  it('Excel "Unicode Text": UTF-16 LE with a byte-order mark, tab-separated, named in the notes', async () => {
    const s = await loadSurveyResponses(fixture('excel-unicode-text.txt'), loaded, {});
    expect([s.encoding, s.delimiter, s.rows]).toEqual(['utf-16le', '\t', 2]);
    expect(s.responses.map((r) => r.role)).toEqual(['Équipe', 'Direction']);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 1: 1, 4: 1 },
      'culture-share': { weekly: 1, never: 1 },
      'culture-comment': { 'Très bien – merci': 1, 'Zu viele Tools: 😅': 1 },
    });
    expect(warningsOf(s)).toEqual([
      'excel-unicode-text.txt was read as UTF-16LE (from its byte-order mark).',
      '4 questions have no column in excel-unicode-text.txt and count as unanswered: lead-budget, culture-channels, culture-hours, lead-budget-size.',
    ]);
    // the same bytes without the mark are recognised by their zero bytes
    const noBom = join(dir, 'no-bom.txt');
    const { readFileSync } = await import('node:fs');
    writeFileSync(noBom, readFileSync(fixture('excel-unicode-text.txt')).subarray(2));
    expect((await loadSurveyResponses(noBom, loaded, {})).responses.map((r) => r.role)).toEqual(['Équipe', 'Direction']);
  });

  it('the same question in two branches (duplicate headers): merged, and a row filling both differently is refused with its line', async () => {
    const s = await loadSurveyResponses(fixture('branches.csv'), loaded, {});
    expect([s.rowsRead, s.rows, s.unmatchedCells]).toEqual([4, 4, 1]);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 2: 1, 4: 3 },
      'lead-budget': { yes: 2, no: 2 },
      'culture-share': { weekly: 1, never: 1, sometimes: 1, unanswered: 1 },
    });
    expect(s.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '5:5 "Never / Every week" was not understood: the row answers question culture-share in 2 columns (4 and 5) with different answers, so neither is counted.',
    ]);
    expect(warningsOf(s)).toEqual([
      'question culture-share is in 2 columns (4 and 5, "How often do you share work in progress with other teams?"), as when a form asks it in two branches; each row\'s answer is read from the one it fills, and a row that fills more than one is reported. If they are different questions, map them apart in a mapping file (columns:) as "How often do you share work in progress with other teams? #1" and "How often do you share work in progress with other teams? #2".',
      '4 questions have no column in branches.csv and count as unanswered: culture-channels, culture-hours, lead-budget-size, culture-comment.',
      '1 cell (1 distinct text) could not be matched to an allowed answer and counts as unanswered.',
    ]);
  });

  it('a mapping tells two identical headers apart as "Header #1" and "Header #2"', async () => {
    const map = join(dir, 'branches.mapping.yaml');
    writeFileSync(
      map,
      'columns:\n  "How often do you share work in progress with other teams? #1": culture-share\n  "how often do you share work in progress with other teams?  #2": culture-comment\n',
    );
    const s = await loadSurveyResponses(fixture('branches.csv'), loaded, { map });
    expect([s.rows, s.unmatchedCells]).toEqual([4, 0]);
    expect(answerCounts(s.responses)).toMatchObject({
      'culture-share': { weekly: 1, sometimes: 1, never: 1, unanswered: 1 },
      'culture-comment': { unanswered: 1, Never: 1, Sometimes: 1, 'Every week': 1 },
    });
    expect(s.warnings.filter((w) => /columns|branches/.test(w) && !/no column in/.test(w))).toEqual([]);
  });

  it('Google Forms: a label with a comma and typed Other text in one cell, rows set aside by line, roles refused (too long, an e-mail)', async () => {
    const s = await loadSurveyResponses(fixture('google-forms-other.csv'), loaded, { roleColumn: 'What is your role?' });
    expect(s.format).toBe('google');
    expect([s.rowsRead, s.rows, s.setAside.count, s.rolesRefused.count]).toEqual([6, 4, 2, 2]);
    expect(s.setAside.lines).toEqual([6, 7]);
    expect(s.rolesRefused.lines).toEqual([4, 5]);
    expect(s.responses.map((r) => r.role)).toEqual(['Staff', 'Staff', undefined, undefined]);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 4: 2, 5: 1, 'dont-know': 1 },
      // "General search websites, Books" was typed into Other: the ticked "Wiki or intranet" stays
      'culture-channels': { email: 2, chat: 2, wiki: 1, 'Other: General search websites, Books': 1 },
      'culture-hours': { 2: 1, 4: 1, 6: 1, 8: 1 },
    });
    expect(warningsOf(s)).toEqual([
      'ignored 2 columns that answer no question: "Timestamp", "Email Address".',
      '4 questions have no column in google-forms-other.csv and count as unanswered: lead-budget, culture-share, lead-budget-size, culture-comment.',
      "2 rows were set aside because their number of fields differs from the header's 6 (a stray line break, or a row typed with another delimiter): lines 6, 7; fix them in the export to count them.",
      '2 role cells were refused as a role (longer than 80 characters, or holding an e-mail address or a phone number), on lines 4, 5; those respondents count without a role.',
      '1 answer carried text that is no choice of the question; it is kept as the respondent\'s "Other" answer beside the recognised choices: culture-channels: "General search websites, Books" 1× (1 in all).',
    ]);
    expect(JSON.stringify(s.responses)).not.toMatch(/example\.org|customer phone/);
  });

  it('refuses a role or segment cell holding a phone number or a full-width e-mail address (a person, not a group)', async () => {
    const file = join(dir, 'personal-roles.csv');
    writeFileSync(
      file,
      [
        'Role,Unit,Our leaders back the use of collaboration tools.',
        '+44 20 7946 0958,Sales,Agree',
        'ana＠example.org,+1 (555) 010-9999,Agree',
        'Staff,0171 234 5678 9,Agree',
        'Level 3 Staff,Team 2021,Disagree',
      ].join('\n'),
    );
    const s = await loadSurveyResponses(file, loaded, { segmentColumns: ['Unit'] });
    expect(s.responses.map((r) => [r.role, r.segments])).toEqual([
      [undefined, { Unit: 'Sales' }],
      [undefined, {}],
      ['Staff', {}],
      ['Level 3 Staff', { Unit: 'Team 2021' }],
    ]);
    expect(s.rolesRefused).toEqual({ count: 2, lines: [2, 3] });
    expect(JSON.stringify(s)).not.toMatch(/7946|＠|555|234 5678/);
  });

  it('Google Forms grids: "Statement [Row]" columns, each row of the grid a question (likert, single and checkbox grids)', async () => {
    const s = await loadSurveyResponses(fixture('google-forms-grid.csv'), loaded, {});
    expect(s.format).toBe('google');
    expect([s.rowsRead, s.rows, s.unmatchedCells]).toEqual([3, 3, 0]);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 4: 1, 1: 1, unanswered: 1 },
      'culture-share': { weekly: 1, never: 1, sometimes: 1 },
      'culture-channels': { email: 1, chat: 1, none: 1, wiki: 1 },
      'lead-budget': { yes: 1, no: 1, unanswered: 1 },
    });
    expect(warningsOf(s)).toEqual([
      'ignored 1 column that answer no question: "Timestamp".',
      '3 questions have no column in google-forms-grid.csv and count as unanswered: culture-hours, lead-budget-size, culture-comment.',
    ]);
  });

  it('keeps at most MAX_OTHER_NOTES Other notes per question; the rest are counted, their choices kept', async () => {
    const file = join(dir, 'many-other.csv');
    const rows = Array.from({ length: MAX_OTHER_NOTES + 20 }, (_, i) => `"Email, Pigeon number ${i + 1}"`);
    writeFileSync(file, `Which channels do you use to share?\n${rows.join('\n')}\n`);
    const s = await loadSurveyResponses(file, loaded, {});
    expect(s.rows).toBe(MAX_OTHER_NOTES + 20);
    const notes = s.responses.filter((r) => r.answers['culture-channels']!.note !== undefined);
    expect(notes).toHaveLength(MAX_OTHER_NOTES);
    expect(notes[MAX_OTHER_NOTES - 1]!.answers['culture-channels']!.note).toBe(`Other: Pigeon number ${MAX_OTHER_NOTES}`);
    expect(answerCounts(s.responses)['culture-channels']!.email).toBe(MAX_OTHER_NOTES + 20);
    expect(s.otherTexts).toBe(MAX_OTHER_NOTES + 20);
    expect(s.warnings).toContain(`only the first ${MAX_OTHER_NOTES} Other texts of a question are kept as notes; 20 more were counted above but not kept (their ticked choices count).`);
  });

  it('leaves out a row that repeats the header row (two exports joined, the second with its byte-order mark), and says so', async () => {
    const file = join(dir, 'joined.csv');
    const one = '\uFEFF"Role","Our leaders back the use of collaboration tools."\r\n"Staff","Agree"\r\n';
    writeFileSync(file, one + one + 'Role,Our leaders back the use of collaboration tools.\r\n');
    const s = await loadSurveyResponses(file, loaded, {});
    expect([s.rowsRead, s.rows, s.unmatchedCells]).toEqual([2, 2, 0]);
    expect(s.warnings).toContain('2 rows repeat the header row (exports joined into one file?): lines 3, 5; they are not respondents and were left out.');
  });

  it('--strict counts the unmatched cells past the distinct texts it tells apart, instead of under-counting the distinct texts', async () => {
    const file = join(dir, 'many-distinct-unmatched.csv');
    const rows = Array.from({ length: 2100 }, (_, i) => `Agree-ish ${i}`);
    writeFileSync(file, `Our leaders back the use of collaboration tools.\n${rows.join('\n')}\n`);
    const refused = await loadSurveyResponses(file, loaded, { strict: true }).then(() => undefined, (error: { details?: string[] }) => error);
    expect(refused?.details).toContain('... and 1800 more distinct texts, and 100 more cells with texts past the first 2000 distinct ones.');
  });

  it('says how many Other answers had texts past the distinct texts it counts, instead of under-counting the distinct texts', async () => {
    const file = join(dir, 'many-distinct-other.csv');
    // 2,100 distinct texts, each given twice, the second time after all the others
    const rows = [...Array.from({ length: 2100 }, (_, i) => `"Email, tool ${i}"`), ...Array.from({ length: 2100 }, (_, i) => `"Email, tool ${i}"`)];
    writeFileSync(file, `Which channels do you use to share?\n${rows.join('\n')}\n`);
    const s = await loadSurveyResponses(file, loaded, {});
    const other = s.warnings.find((w) => w.includes('"Other" answer'))!;
    expect(other).toMatch(/culture-channels: "tool 0" 2×, "tool 1" 2×, "tool 10" 2×, "tool 100" 2×, "tool 1000" 2× and 1995 more distinct texts, and 200 more with texts past the first 2000 distinct ones, not counted by text \(4200 in all\)\.$/);
  });

  it('--format overrides detection: a Qualtrics file read as generic has no question-text row to match, and says so', async () => {
    await expect(loadSurveyResponses(fixture('qualtrics.csv'), loaded, { format: 'generic' })).rejects.toThrow(/no column of .* matches a question/);
    const forced = await loadSurveyResponses(fixture('qualtrics.csv'), loaded, { format: 'qualtrics' });
    expect([forced.format, forced.rows]).toEqual(['qualtrics', 2]);
  });
});

describe('label-aware splitting', () => {
  const q = Questionnaire.parse({
    id: 'split',
    title: 'Split',
    version: '1',
    description: 'd',
    minutes: 1,
    dimensions: [{ id: 'd', title: 'D', description: 'd' }],
    questions: [
      {
        id: 'teams',
        dimension: 'd',
        text: 'Teams',
        type: 'multiple',
        options: [
          { value: 'sales', label: 'Sales', score: 1 },
          { value: 'marketing', label: 'Marketing and PR', score: 1 },
          { value: 'smp', label: 'Sales, marketing and PR', score: 1 },
          { value: 'it', label: 'IT', score: 1 },
        ],
      },
    ],
    levels: [{ id: 'l', label: 'L', min: 0, max: 100, description: 'd' }],
  });
  const tokens = (): [string, string | number][] => {
    const t: [string, string | number][] = q.questions[0]!.options!.flatMap((o) => [[o.label.toLowerCase(), o.value] as [string, string | number], [String(o.value), o.value] as [string, string | number]]);
    return t.sort((a, b) => b[0].length - a[0].length);
  };
  const lookup = () => new Map(tokens());

  it('keeps a label that contains the separator whole, and says the cell is ambiguous when it could be two choices', () => {
    expect(splitChoices('Sales, Marketing and PR', tokens(), lookup())).toEqual({
      values: ['smp'],
      unknown: [],
      ambiguous: '"Sales, Marketing and PR" was read as one choice, but could also be "sales" and "marketing and pr"',
    });
    expect(splitChoices('IT | Sales', tokens(), lookup())).toEqual({ values: ['it', 'sales'], unknown: [] });
    expect(splitChoices('it sales', tokens(), lookup())).toEqual({ values: ['it', 'sales'], unknown: [] }); // ODK: values joined by spaces
    expect(splitChoices('IT; Other team, with a comma', tokens(), lookup())).toEqual({ values: ['it'], unknown: ['Other team, with a comma'] });
  });

  it('warns about ambiguous cells in an import, once, with the first position', async () => {
    const file = join(dir, 'ambiguous.csv');
    writeFileSync(file, 'teams\n"Sales, marketing and PR"\n"Sales, marketing and PR"\nIT\n');
    const s = await loadSurveyResponses(file, { questionnaire: q, file: 'split.yaml', hash: 'x', builtIn: false }, {});
    expect(answerCounts(s.responses)).toEqual({ teams: { smp: 2, it: 1 } });
    expect(s.warnings.filter((w) => w.includes('ambiguous'))).toEqual([
      `2 multiple-choice cells were ambiguous and read with the longest matching choice, e.g. ${file}:2:1 teams: "Sales, marketing and PR" was read as one choice, but could also be "sales" and "marketing and pr"; if that is wrong, add aliases under \`values:\` in a mapping file.`,
    ]);
  });

  it('gives the first ambiguous SurveyJS answer by its place in the file', async () => {
    const file = join(dir, 'ambiguous.json');
    writeFileSync(file, '[\n  {"teams": "IT"},\n  {"teams": ["Sales, marketing and PR"]}\n]\n');
    const s = await loadSurveyResponses(file, { questionnaire: q, file: 'split.yaml', hash: 'x', builtIn: false }, {});
    expect(s.warnings.filter((w) => w.includes('ambiguous'))[0]).toContain(`e.g. ${file}:3:13 teams: "Sales, marketing and PR" was read as one choice`);
  });
});

describe('.xlsx survey exports', () => {
  async function workbook(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
    const wb = new ExcelJS.Workbook();
    for (const [sheet, rows] of Object.entries(sheets)) wb.addWorksheet(sheet).addRows(rows);
    const path = join(dir, name);
    await wb.xlsx.writeFile(path);
    return path;
  }
  const header = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Role', 'Our leaders back the use of collaboration tools.', 'Which channels do you use to share?', 'Hours per week spent in meetings'];

  it('Microsoft Forms .xlsx: the first sheet by default, numbers as numbers, ;-joined choices, the sheet row as the line', async () => {
    const path = await workbook('forms.xlsx', {
      Sheet1: [
        header,
        [1, '11/3/26 9:01:12', '11/3/26 9:05:40', 'anonymous', null, 'Staff', 'Agree', 'Email;Wiki or intranet;', 6],
        [2, '11/3/26 9:07:03', '11/3/26 9:12:55', 'kai@example.org', 'Kai Ito', 'Staff', 'Sort of', 'Chat, instant messaging;', 7.5],
        [3, '11/3/26 9:30:00', '11/3/26 9:31:10', 'lu@example.org', 'Lu Obi', 'Manager', 'Strongly agree', 'Email;Fax;', 12],
      ],
      Other: [['lead-sponsor'], ['Disagree']],
    });
    const s = await loadSurveyResponses(path, loaded, {});
    expect([s.format, s.sheet, s.encoding, s.rows]).toEqual(['microsoft', 'Sheet1', 'xlsx', 3]);
    expect(answerCounts(s.responses)).toEqual({
      'lead-sponsor': { 4: 1, unanswered: 1, 5: 1 },
      'culture-channels': { email: 2, wiki: 1, chat: 1, 'Other: Fax': 1 },
      'culture-hours': { 6: 1, 7.5: 1, 12: 1 },
    });
    expect(s.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '3:7 "Sort of" was not understood: not an answer of lead-sponsor (allowed: "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree").',
    ]);
    expect(JSON.stringify(s.responses)).not.toMatch(/example\.org|Kai Ito/);
    // (sheet names come from the workbook part; exceljs' writer may zip it after the sheets, so only the first name is certain)
    await expect(loadSurveyResponses(path, loaded, { sheet: 'Answers' })).rejects.toThrow(/has no sheet "Answers"; its sheets are "Sheet1", /);
  });

  it('reads a formula with no value (never calculated, or an error) as blank and says so, never as "[object Object]"', async () => {
    const path = await workbook('formulas.xlsx', {
      Sheet1: [
        ['Role', 'Our leaders back the use of collaboration tools.', 'Hours per week spent in meetings'],
        ['Staff', { formula: 'IF(1,"Agree")' }, { formula: '1/0', result: { error: '#DIV/0!' } }],
        ['Staff', 'Agree', { formula: '2+3', result: 5 }],
      ],
    });
    const s = await loadSurveyResponses(path, loaded, {});
    expect(answerCounts(s.responses)).toEqual({ 'lead-sponsor': { unanswered: 1, 4: 1 }, 'culture-hours': { unanswered: 1, 5: 1 } });
    expect(s.problems).toEqual([]);
    expect(s.warnings[0]).toBe(
      `2 cells of the sheet "Sheet1" hold formulas with no value to read (never calculated, or an error such as #DIV/0!; the first at ${path}:2:2) and were read as blank; if a program wrote the workbook, open it in Excel and save it so that the values are stored.`,
    );
  });

  it('reads a date cell as the date it shows, in ISO order, never as its serial number; a date answering a number question is not a number', async () => {
    // dates (and numbers formatted as dates) were read as Excel serials: a role "46329", an answer of 46329 hours
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Role', 'Hours per week spent in meetings', 'Anything else?', 'Site']);
    ws.addRow([new Date(Date.UTC(2026, 10, 3)), new Date(Date.UTC(2026, 10, 3)), new Date(Date.UTC(2026, 10, 3, 14, 30)), 'Berlin']);
    const formatted = ws.addRow(['Staff', 12, 0.6, 46329]);
    formatted.getCell(2).numFmt = 'd-mmm-yy'; // built-in format 15
    formatted.getCell(3).numFmt = 'h:mm';
    formatted.getCell(4).numFmt = 'yyyy-mm-dd';
    const numbers = ws.addRow(['Staff', 5, 7.25, 3]);
    numbers.getCell(2).numFmt = '0 "hours"';
    numbers.getCell(3).numFmt = '#,##0.00';
    numbers.getCell(4).numFmt = '[Red]0';
    ws.addRow(['Staff', 6, new Date(Date.UTC(2026, 10, 3, 9, 5, 7)), 'Hamburg']);
    const path = join(dir, 'dates.xlsx');
    await wb.xlsx.writeFile(path);
    const rows: string[][] = [];
    await streamXlsx(path, (row) => void rows.push(row.cells));
    expect(rows.slice(1)).toEqual([
      ['2026-11-03', '2026-11-03', '2026-11-03 14:30', 'Berlin'],
      ['Staff', '1900-01-12', '14:24', '2026-11-03'],
      ['Staff', '5', '7.25', '3'],
      ['Staff', '6', '2026-11-03 09:05:07', 'Hamburg'],
    ]);
    const s = await loadSurveyResponses(path, loaded, {});
    expect(answerCounts(s.responses)['culture-hours']).toEqual({ unanswered: 2, 5: 1, 6: 1 });
    expect(s.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:2 "2026-11-03" was not understood: question culture-hours expects a number.',
      '3:2 "1900-01-12" was not understood: question culture-hours expects a number.',
    ]);
  });

  it('reads a number shown as a percentage as shown (40%), not as the fraction stored (0.4)', async () => {
    // a number question took 0.4 for a cell that shows 40%, without a word
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Role', 'Hours per week spent in meetings', 'Anything else?']);
    const row = ws.addRow(['Staff', 0.4, 0.07]);
    row.getCell(2).numFmt = '0%';
    row.getCell(3).numFmt = '0.0%';
    const quoted = ws.addRow(['Staff', 0.5, 3]);
    quoted.getCell(2).numFmt = '0 "%"';
    const path = join(dir, 'percent.xlsx');
    await wb.xlsx.writeFile(path);
    const rows: string[][] = [];
    await streamXlsx(path, (r) => void rows.push(r.cells));
    expect(rows.slice(1)).toEqual([['Staff', '40%', '7%'], ['Staff', '0.5', '3']]);
    expect(answerCounts((await loadSurveyResponses(path, loaded, {})).responses)['culture-hours']).toEqual({ 40: 1, 0.5: 1 });
    expect([isPercentFormat('0.00%'), isPercentFormat('[Red]0%'), isPercentFormat('0 "%"'), isPercentFormat('0.0'), isPercentFormat(undefined)]).toEqual([true, true, false, false, false]);
    expect([percentText(0.07), percentText(1.5), percentText(-0.125)]).toEqual(['7%', '150%', '-12.5%']);
  });

  it('refuses a workbook cut or written by another program while it is read, naming it; it was read as it was found without a word', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [i + 1, '', '', '', '', 'Staff', 'Agree', 'Email', 6]);
    for (const change of ['cut', 'grown'] as const) {
      const path = await workbook(`changing-${change}.xlsx`, { Sheet1: [header, ...rows] });
      const size = statSync(path).size;
      let seen = 0;
      const error = await streamXlsx(path, () => {
        if (seen++ > 0) return;
        if (change === 'cut') truncateSync(path, Math.floor(size / 2));
        else appendFileSync(path, Buffer.alloc(4096));
      }).catch((e: Error) => e);
      expect(error, change).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(
        `${path} changed while it was read (${size.toLocaleString('en')} bytes when opened, ${(change === 'cut' ? Math.floor(size / 2) : size + 4096).toLocaleString('en')} at the end): another program is writing it; read it again when it is saved.`,
      );
    }
    // left alone, the same workbook reads whole
    const path = await workbook('unchanged.xlsx', { Sheet1: [header, ...rows] });
    expect((await streamXlsx(path, () => undefined)).rows).toBe(2001);
  });

  it('writes a date as Excel shows it, whatever exceljs counted', () => {
    expect(dateText(new Date(Date.UTC(2026, 10, 3)))).toBe('2026-11-03');
    expect(dateText(new Date(Date.UTC(2026, 10, 3, 23, 59, 59, 999)))).toBe('2026-11-04'); // a serial's fraction rounds to the second
    expect(dateText(new Date(Date.UTC(1899, 11, 30, 8, 0)))).toBe('08:00');
    expect(dateText(new Date(Date.UTC(1900, 0, 31)))).toBe('1900-02-01'); // serial 32: Excel's 1900 has a 29 February
    expect(dateText(new Date(Date.UTC(1900, 2, 1)))).toBe('1900-03-01');
    expect(dateText(new Date(Number.NaN))).toBe('');
  });

  it('names an empty first sheet and the sheets to choose from, instead of calling the workbook empty', async () => {
    const path = await workbook('cover.xlsx', { Cover: [], Responses: [header, [1, '', '', '', '', 'Staff', 'Agree', 'Email', 6]] });
    await expect(loadSurveyResponses(path, loaded, {})).rejects.toThrow(/: the sheet "Cover" has no rows; give the sheet that holds the answers with --sheet \(its sheets are "Cover", "[^"]+"\)\.$/);
    expect((await loadSurveyResponses(path, loaded, { sheet: 'Responses' })).rows).toBe(1);
    const alone = await workbook('alone.xlsx', { Sheet1: [] });
    await expect(loadSurveyResponses(alone, loaded, {})).rejects.toThrow(/: the sheet "Sheet1" has no rows; give a survey export with a header row and one row per respondent\.$/);
  });

  it('refuses a file named .xlsx that is not a workbook, in one sentence', async () => {
    const path = join(dir, 'fake.xlsx');
    writeFileSync(path, 'lead-sponsor\nAgree\n');
    await expect(loadSurveyResponses(path, loaded, {})).rejects.toThrow(/cannot be read as an Excel workbook \(\.xlsx\)/);
  });
});
