import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { forEachSurveyResponse, loadSurveyResponses, MAX_LISTED_PROBLEMS } from '../../src/load/survey.js';
import { loadFixtureQuestionnaire } from './survey-helpers.js';

const loaded = loadFixtureQuestionnaire();
const dir = mkdtempSync(join(tmpdir(), 'survey-test-'));
let n = 0;
/** The InputError a promise rejects with (the test fails when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  if (!(error instanceof InputError)) throw error;
  return error;
}

function csv(content: string | Buffer, name = `s${n++}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const SPONSOR = 'Our leaders back the use of collaboration tools.';
const CHANNELS = 'Which channels do you use to share?';

describe('matching columns', () => {
  it('matches headers by id and by question text, ignoring case and spaces', async () => {
    const s = await loadSurveyResponses(csv(`LEAD-SPONSOR,"  our leaders  BACK the use of collaboration tools. "\nAgree,\n`), loaded);
    // the id column and the text column are one question asked twice: the row fills one of them
    expect(s.responses[0]!.answers['lead-sponsor']).toEqual({ status: 'answered', value: 4 });
    expect(s.problems).toEqual([]);
    expect(s.warnings.join('\n')).toContain('question lead-sponsor is in 2 columns (1 and 2');
  });

  it('merges duplicated headers when each row fills one, refuses the rows that fill both with different answers, and --strict refuses them', async () => {
    // a question repeated in two branches of the form: each respondent answers one copy
    const path = csv(`Role,lead-sponsor,lead-sponsor\nStaff,Agree,\nStaff,,Disagree\nStaff,Agree,Agree\nStaff,Agree,Disagree\n`);
    const s = await loadSurveyResponses(path, loaded);
    expect(s.rows).toBe(4);
    expect(s.responses.map((r) => r.answers['lead-sponsor'])).toEqual([
      { status: 'answered', value: 4 },
      { status: 'answered', value: 2 },
      { status: 'answered', value: 4 },
      { status: 'unanswered' },
    ]);
    expect(s.unmatchedCells).toBe(1);
    expect(s.problems[0]).toMatchObject({ line: 5, column: 3 });
    expect(s.problems[0]!.message).toContain('answers question lead-sponsor in 2 columns (2 and 3) with different answers');
    await expect(loadSurveyResponses(path, loaded, { strict: true })).rejects.toThrow(/--strict refuses/);
  });

  it('ignores extra columns, listing them once, and never reads e-mail addresses or names by default', async () => {
    const path = csv(
      `Timestamp,Email Address,Name,Start time,Response ID,IP,lead-sponsor\n2026-11-02,jo@example.org,Jo Bloggs,9:00,R1,10.0.0.1,Agree\n2026-11-02,al@example.org,Al Smith,9:05,R2,10.0.0.2,Agree\n`,
    );
    const s = await loadSurveyResponses(path, loaded);
    expect(s.ignoredColumns).toEqual(['Timestamp', 'Email Address', 'Name', 'Start time', 'Response ID', 'IP']);
    expect(s.warnings.filter((w) => w.startsWith('ignored 6 columns'))).toHaveLength(1);
    const text = JSON.stringify(s.responses);
    expect(text).not.toMatch(/example\.org|Bloggs|Smith|10\.0\.0/);
    const named = await loadSurveyResponses(path, loaded, { respondentColumn: 'email address' });
    expect(named.responses.map((r) => r.respondent)).toEqual(['jo@example.org', 'al@example.org']);
  });

  it('finds a column named "role" by itself, and a named role column with a suggestion when misspelt', async () => {
    const s = await loadSurveyResponses(csv(`role,lead-sponsor\n Staff ,Agree\nSTAFF,Agree\n,Agree\n`), loaded);
    expect(s.responses.map((r) => r.role)).toEqual(['Staff', 'Staff', undefined]);
    await expect(loadSurveyResponses(csv(`Job role,lead-sponsor\nStaff,Agree\n`), loaded, { roleColumn: 'Job rol' })).rejects.toThrow(
      /no column "Job rol" for the role \(did you mean "Job role"\?\)/,
    );
  });

  it('refuses a file in which no column matches a question, pointing to a mapping file', async () => {
    const err = await loadSurveyResponses(csv(`Q1,Q2\nA1,A2\n`), loaded).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/no column .* matches a question of survey-test.*--csv.*--map/);
    expect((err as InputError).details[0]).toContain('"Q1", "Q2"');
  });

  it('refuses an empty file, and reads a header-only file as zero respondents', async () => {
    await expect(loadSurveyResponses(csv('\n\n'), loaded)).rejects.toThrow(/is empty/);
    const s = await loadSurveyResponses(csv('lead-sponsor\n'), loaded);
    expect(s.rows).toBe(0);
    expect(s.responses).toEqual([]);
  });

  it('warns when a mapped column is not in the CSV, naming the mapping line', async () => {
    const map = csv('columns:\n  Q1: lead-sponsor\n  Q9: culture-share\n', 'warn.mapping.yaml');
    const s = await loadSurveyResponses(csv('Q1\nAgree\n'), loaded, { map });
    expect(s.warnings.some((w) => w.includes('warn.mapping.yaml:3:3 column "Q9" is not in'))).toBe(true);
  });
});

describe('messy exports', () => {
  it('reads BOM + CRLF + ; delimiter + quoted newlines + empty trailing lines as one clean table', async () => {
    const text = `\uFEFFrole;lead-sponsor;culture-comment\r\nStaff;Agree;"line one;\r\nline two"\r\n\r\nManager;"Strongly agree";\r\n\r\n\r\n`;
    const s = await loadSurveyResponses(csv(text), loaded);
    expect(s.delimiter).toBe(';');
    expect(s.rows).toBe(2);
    expect(s.responses[0]!.answers['culture-comment']).toEqual({ status: 'answered', value: 'line one;\r\nline two' });
    expect(s.responses[1]).toMatchObject({ role: 'Manager', answers: { 'lead-sponsor': { status: 'answered', value: 5 } } });
  });

  it('treats empty cells as unanswered, not as unmatched', async () => {
    const s = await loadSurveyResponses(csv(`role,lead-sponsor,lead-budget\nStaff, ,\n`), loaded);
    expect(s.unmatchedCells).toBe(0);
    expect(s.responses[0]!.answers).toEqual({ 'lead-sponsor': { status: 'unanswered' }, 'lead-budget': { status: 'unanswered' } });
  });

  it('sets aside rows with more or fewer fields than the header, naming their lines, and scores the rest', async () => {
    const s = await loadSurveyResponses(csv(`role,lead-sponsor\nStaff,Agree,stray\nStaff,Agree,\nStaff;Agree\nStaff,Disagree\n`), loaded);
    expect(s.rowsRead).toBe(4);
    expect(s.rows).toBe(2); // a trailing empty field is no extra field
    expect(s.setAside).toEqual({ count: 2, lines: [2, 4] });
    expect(s.warnings.join('\n')).toContain('2 rows were set aside because their number of fields differs from the header\'s 2');
    expect(s.warnings.join('\n')).toContain('lines 2, 4');
    await expect(loadSurveyResponses(csv(`role,lead-sponsor\nStaff;Agree\n`), loaded, { strict: true })).rejects.toThrow(/--strict refuses/);
  });

  it('reads a non-UTF-8 export as windows-1252 and says so', async () => {
    const s = await loadSurveyResponses(csv(Buffer.from('culture-comment\nTr\xe8s bien\n', 'latin1')), loaded);
    expect(s.encoding).toBe('windows-1252');
    expect(s.responses[0]!.answers['culture-comment']).toEqual({ status: 'answered', value: 'Très bien' });
    expect(s.warnings[0]).toContain('is not UTF-8; it was read as windows-1252');
  });
});

describe('matching answers', () => {
  const one = async (header: string, cell: string) => {
    const s = await loadSurveyResponses(csv(`"${header}"\n"${cell.replace(/"/g, '""')}"\n`), loaded);
    return { answer: s.responses[0]!.answers[header === SPONSOR ? 'lead-sponsor' : header === CHANNELS ? 'culture-channels' : header], s };
  };

  it('matches by value or by label, ignoring case and surrounding spaces', async () => {
    expect((await one('lead-sponsor', '  strongly AGREE ')).answer).toEqual({ status: 'answered', value: 5 });
    expect((await one('lead-sponsor', '2')).answer).toEqual({ status: 'answered', value: 2 });
    expect((await one('culture-share', 'every week')).answer).toEqual({ status: 'answered', value: 'weekly' });
    expect((await one('culture-share', 'WEEKLY')).answer).toEqual({ status: 'answered', value: 'weekly' });
  });

  it('reads yes/no synonyms', async () => {
    for (const [cell, value] of [['Y', 'yes'], ['true', 'yes'], ['n', 'no'], ['FALSE', 'no']]) {
      expect((await one('lead-budget', cell!)).answer).toEqual({ status: 'answered', value });
    }
  });

  it("maps Don't know / N/A only where the question allows them", async () => {
    expect((await one('lead-sponsor', "Don't know")).answer).toEqual({ status: 'dont-know' });
    expect((await one('lead-budget', 'Not applicable')).answer).toEqual({ status: 'not-applicable' });
    const refused = await one('culture-share', 'N/A');
    expect(refused.answer).toEqual({ status: 'unanswered' });
    expect(refused.s.problems[0]!.message).toContain('does not allow "not applicable"');
  });

  it('splits multiple choice on ; and , while keeping labels that contain commas whole', async () => {
    expect((await one(CHANNELS, 'Chat, instant messaging, Email')).answer).toEqual({ status: 'answered', value: ['chat', 'email'] });
    expect((await one(CHANNELS, 'wiki or intranet;Chat, instant messaging;')).answer).toEqual({ status: 'answered', value: ['wiki', 'chat'] });
    expect((await one(CHANNELS, 'Email, email')).answer).toEqual({ status: 'answered', value: ['email'] });
  });

  it('keeps unknown choices as Other text beside the known ones, and reports an exclusive choice combined with others', async () => {
    const unknown = await one(CHANNELS, 'Email, Carrier pigeon');
    expect(unknown.answer).toEqual({ status: 'answered', value: ['email'], note: 'Other: Carrier pigeon' });
    expect(unknown.s.unmatchedCells).toBe(0);
    expect(unknown.s.otherTexts).toBe(1);
    expect(unknown.s.warnings.join('\n')).toContain('culture-channels: "Carrier pigeon" 1×');
    const exclusive = await one(CHANNELS, 'None of these; Email');
    expect(exclusive.s.problems[0]!.message).toContain('"None of these" cannot be combined');
  });

  it('reads numbers with a decimal comma or a unit, and reports ambiguous or out-of-range ones', async () => {
    expect((await one('culture-hours', '7,5')).answer).toEqual({ status: 'answered', value: 7.5 });
    expect((await one('culture-hours', '12 Hours')).answer).toEqual({ status: 'answered', value: 12 });
    expect((await one('lead-budget-size', '1,500')).s.problems).toHaveLength(0); // hidden: no budget answer, so not read
    const ambiguous = await loadSurveyResponses(csv('lead-budget,lead-budget-size\nyes,"1,500"\n'), loaded);
    expect(ambiguous.problems[0]!.message).toMatch(/ambiguous.*write 1500 or 1.500/);
    expect((await one('culture-hours', '61')).s.problems[0]!.message).toContain('above the maximum 60');
    expect((await one('culture-hours', 'lots')).s.problems[0]!.message).toContain('expects a number');
  });

  it('does not count answers to questions their condition hides, and says so', async () => {
    const s = await loadSurveyResponses(csv('lead-budget,lead-budget-size\nno,50\n'), loaded);
    expect(s.responses[0]!.answers['lead-budget-size']).toBeUndefined();
    expect(s.warnings.join('\n')).toContain('1 answer was given to questions that their condition hides');
  });
});

describe('strict and lenient', () => {
  const messy = `role,lead-sponsor,lead-budget,culture-share\nStaff,Agree,maybe,Never\nStaff,Sort of,yes,Daily\nStaff,Agree,no,Never\n`;

  it('lenient: unmatched cells count as unanswered, are counted, and each names file:line:column, header and text', async () => {
    const path = csv(messy);
    const s = await loadSurveyResponses(path, loaded);
    expect(s.rows).toBe(3);
    expect(s.unmatchedCells).toBe(3);
    expect(s.problems.map((p) => `${p.line}:${p.column}:${p.path}`)).toEqual(['2:3:lead-budget', '3:2:lead-sponsor', '3:4:culture-share']);
    expect(s.problems[1]!.message).toContain('"Sort of"');
    expect(s.responses[1]!.answers['lead-sponsor']).toEqual({ status: 'unanswered' });
    expect(s.warnings.join('\n')).toContain('3 cells (3 distinct texts) could not be matched');
  });

  it('strict: refuses the file listing every problem', async () => {
    const path = csv(messy);
    const err = (await loadSurveyResponses(path, loaded, { strict: true }).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.exitCode).toBe(1);
    expect(err.message).toMatch(/has 3 problems that --strict refuses/);
    expect(err.details).toHaveLength(3);
    expect(err.details[0]).toBe(`${path}:2:3 lead-budget: "maybe" was not understood: question lead-budget expects yes or no.`);
  });

  it('reports 600 identical unmatched cells once, with the count, the first lines and the mapping lines that fix them', async () => {
    const rows = ['lead-budget', ...Array.from({ length: 600 }, () => 'maybe'), 'perhaps'];
    const s = await loadSurveyResponses(csv(rows.join('\n')), loaded);
    expect(s.unmatchedCells).toBe(601);
    expect(s.problems).toHaveLength(2);
    expect(s.problems[0]!.message).toBe('"maybe" was not understood: question lead-budget expects yes or no. (600 cells, lines 2, 3, 4, 5, 6 and 595 more)');
    expect(s.problems[1]).toMatchObject({ line: 602, column: 1 });
    expect(s.unmatched[0]).toMatchObject({ questionId: 'lead-budget', count: 600, lines: [2, 3, 4, 5, 6] });
    expect(s.fixes.slice(s.fixes.indexOf('values:'))).toEqual(['values:', '  lead-budget:', '    maybe: yes|no', '    perhaps: yes|no']);
  });

  it('quotes cell texts with e-mail addresses and phone numbers replaced, and suggests no mapping line for them, unless shown as typed', async () => {
    // a warning lands in terminals and CI logs: respondents' data stays out of it as it stays out of reports
    const long = `${'word '.repeat(10)}ana@example.org`; // cut short at 57 characters, it would show "ana@exa"; redacted first, it shows no part of it
    const path = csv(`culture-share,culture-channels,lead-budget\nana@example.org,"Email, call +44 20 7946 0958",maybe\n"${long}",Email,maybe\n`);
    const s = await loadSurveyResponses(path, loaded);
    const said = [...s.warnings, ...s.problems.map((p) => p.message), ...s.fixes].join('\n');
    expect(said).not.toMatch(/ana@|7946|example\.org/);
    expect(s.problems.map((p) => p.message.split(' was ')[0])).toEqual(['"maybe"', '"[e-mail removed]"', `"${'word '.repeat(10)}[e-mail..."`]);
    expect(s.warnings.join('\n')).toContain('culture-channels: "call [phone removed]" 1×');
    // the redacted texts get no mapping line; "maybe" still does
    expect(s.fixes.slice(s.fixes.indexOf('values:'))).toEqual(['values:', '  lead-budget:', '    maybe: yes|no']);
    const shown = await loadSurveyResponses(path, loaded, { freeText: 'shown' });
    expect(shown.problems[1]!.message).toMatch(/^"ana@example\.org" was not understood/);
    expect(shown.warnings.join('\n')).toContain('"call +44 20 7946 0958" 1×');
    expect(shown.fixes).toContain('    "ana@example.org": never|sometimes|weekly');
    // what is counted does not change
    expect(shown.responses).toEqual(s.responses);
  });

  it('lists texts that differ only in a removed address once, with their counts added', async () => {
    const path = csv('culture-share,culture-channels\nask ana@example.org,"Email, ask x@example.org"\nask bo@example.org,"Email, ask z@example.org"\nSometimes,"Email, ask z@example.org"\n');
    const s = await loadSurveyResponses(path, loaded);
    expect(s.problems.map((p) => p.message)).toEqual(['"ask [e-mail removed]" was not understood: not an answer of culture-share (allowed: "Never", "Sometimes", "Every week"). (2 cells, lines 2, 3)']);
    expect(s.warnings.join('\n')).toContain('culture-channels: "ask [e-mail removed]" 3× (3 in all)');
    expect(s.warnings.join('\n')).toContain('2 cells (1 distinct text) could not be matched');
    // as typed, they are two texts
    const shown = await loadSurveyResponses(path, loaded, { freeText: 'shown' });
    expect(shown.problems).toHaveLength(2);
  });

  it('keeps long texts apart that are shown alike only because they are clipped, each with its mapping line', async () => {
    const b = 'We have a sponsor in principle but nobody has been formally named yet - maybe';
    const s = await loadSurveyResponses(csv(`lead-budget\n${b} next quarter\n${b} next year\n${b} never\n`), loaded);
    expect(s.problems).toHaveLength(3);
    expect(s.fixes.filter((f) => f.includes(b))).toHaveLength(3);
  });

  it('caps the texts listed as they are shown: thousands of addresses are one text, and a later text is still listed', async () => {
    const rows = ['lead-budget,culture-channels', ...Array.from({ length: 2500 }, (_, i) => `ask p${i}@example.org,"Email, ask p${i}@example.org"`), 'maybe,"Email, Fax"', 'maybe,"Email, Fax"'];
    const s = await loadSurveyResponses(csv(rows.join('\n')), loaded);
    expect(s.unmatchedCells).toBe(2502);
    expect(s.problems.map((p) => p.message.replace(/ was not understood.*?(\(\d+ cells)/, ' $1'))).toEqual(['"ask [e-mail removed]" (2500 cells, lines 2, 3, 4, 5, 6 and 2495 more)', '"maybe" (2 cells, lines 2502, 2503)']);
    expect(s.warnings.join('\n')).toContain('2502 cells (2 distinct texts) could not be matched');
    expect(s.warnings.join('\n')).toContain('culture-channels: "ask [e-mail removed]" 2500×, "Fax" 2× (2502 in all)');
  });

  it('suggests a mapping line with the whole text, not the clipped one shown, and none for a text too long to be a key', async () => {
    const long = `Agreed, mostly; ${'and more words '.repeat(4)}to go past sixty characters`;
    const tooLong = `Agreed ${'x'.repeat(300)}`;
    const s = await loadSurveyResponses(csv(`lead-budget\n"${long}"\n${tooLong}\n`), loaded);
    expect(s.problems[0]!.message).toMatch(/^"Agreed, mostly; .{30,}\.\.\." was not understood/);
    expect(s.fixes.slice(s.fixes.indexOf('values:'))).toEqual(['values:', '  lead-budget:', `    ${JSON.stringify(long)}: yes|no`]);
  });

  it('quotes the cells of a header-less export\'s first row with addresses replaced when no column matches', async () => {
    const err = await refusal(loadSurveyResponses(csv('ana@example.org,+44 20 7946 0958,Agree\nbo@example.org,020 7946 0959,Disagree\n'), loaded));
    expect(err).toBeInstanceOf(InputError);
    expect(err.details.join('\n')).toContain('columns found: "[e-mail removed]", "[phone removed]", "Agree"');
    const shown = await refusal(loadSurveyResponses(csv('ana@example.org,Agree\n'), loaded, { freeText: 'shown' }));
    expect(shown.details.join('\n')).toContain('"ana@example.org"');
  });

  it('places a syntax error in SurveyJS results by line and column, without quoting the answers around it', async () => {
    // V8's own message would quote them: Unexpected token 'a', ..."-share": ana@exampl"... is not valid JSON
    const path = csv('[\n  {"culture-share": "Never"},\n  {"culture-share": ana@example.org}\n]\n', 'results.json');
    const err = await refusal(loadSurveyResponses(path, loaded));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(`${path}:3:21 is not valid JSON (unexpected "a"); give SurveyJS results as a JSON array of respondents' answers, e.g. [{"q1": "yes"}].`);
    const cut = csv('[{"culture-share": "Never"}, {"culture-', 'cut.json');
    expect((await refusal(loadSurveyResponses(cut, loaded))).message).toMatch(/cut\.json:1:40 is not valid JSON \(truncated\?\)/);
  });

  it('reads SurveyJS results saved as UTF-16 with a byte-order mark, and refuses bytes that are not UTF-8 by place', async () => {
    const json = '[{"culture-share": "Never", "culture-channels": "Email, Fax"}, {"culture-share": "Sometimes"}]';
    const utf8 = await loadSurveyResponses(csv(json, 'utf8.json'), loaded);
    const le = await loadSurveyResponses(csv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), 'le.json'), loaded);
    const be = Buffer.from(json, 'utf16le');
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    const big = await loadSurveyResponses(csv(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'be.json'), loaded);
    expect(utf8.responses.length).toBe(2);
    expect(le.responses.map((r) => r.answers)).toEqual(utf8.responses.map((r) => r.answers));
    expect(big.responses.map((r) => r.answers)).toEqual(utf8.responses.map((r) => r.answers));
    // windows-1252 bytes used to be read as U+FFFD, which matched no answer, silently
    const latin = csv(Buffer.from('[{"culture-share": "Caf\xe9"}]', 'latin1'), 'latin.json');
    expect((await refusal(loadSurveyResponses(latin, loaded))).message).toBe(`${latin}:1:24 has byte 0xE9, which is not valid UTF-8 (it looks like Latin-1 or windows-1252); save the file as UTF-8 and try again.`);
  });

  it('names an unmatched SurveyJS answer by its real place in the file and its respondent, however the JSON is spaced', async () => {
    const data = [
      { role: 'Staff', 'lead-sponsor': 'Agree' },
      { role: 'Staff', 'lead-sponsor': 'Perhaps' },
      { role: 'ana@example.org', 'lead-sponsor': 'Perhaps' },
    ];
    // pretty-printed with CRLF line ends: each answer on a line of its own
    const pretty = csv(JSON.stringify(data, null, 2).replace(/\n/g, '\r\n'), 'pretty.json');
    const p = await loadSurveyResponses(pretty, loaded);
    expect(p.problems.map((x) => [x.line, x.column])).toEqual([[8, 21]]);
    expect(p.problems[0]!.message).toMatch(/^"Perhaps" was not understood: not an answer of lead-sponsor .*\. \(2 cells, respondents 2, 3\)$/);
    expect(p.warnings.join('\n')).toContain('refused as a role (longer than 80 characters, or holding an e-mail address or a phone number), on respondent 3;');
    // one line, as a site stores JSON.stringify(results): the column tells the answers apart
    const oneLine = csv(JSON.stringify(data.slice(0, 2)), 'one-line.json');
    const o = await loadSurveyResponses(oneLine, loaded);
    expect(o.problems.map((x) => [x.line, x.column, x.message.endsWith('(respondent 2)')])).toEqual([[1, 73, true]]);
  });

  it('names a SurveyJS respondent that is not an object by its place in the file', async () => {
    const path = csv('[{"lead-sponsor": "Agree"},\n  "Agree"]', 'not-object.json');
    expect((await refusal(loadSurveyResponses(path, loaded))).message).toMatch(/not-object\.json:2:3 respondent 2 is a string, not an object of answers/);
  });

  it('keeps the problem list bounded when every unmatched cell differs, but counts every cell', async () => {
    const rows = ['lead-budget', ...Array.from({ length: MAX_LISTED_PROBLEMS + 50 }, (_, i) => `maybe ${i}`)];
    const s = await loadSurveyResponses(csv(rows.join('\n')), loaded);
    expect(s.unmatchedCells).toBe(MAX_LISTED_PROBLEMS + 50);
    expect(s.problems).toHaveLength(MAX_LISTED_PROBLEMS);
  });
});

describe('streaming', () => {
  it('hands each response over in file order without collecting them', async () => {
    // the row object is reused: what a test keeps it copies during the call
    const seen: { source: string; answers: (string | undefined)[] }[] = [];
    const summary = await forEachSurveyResponse(csv('lead-sponsor\nAgree\nDisagree\n'), loaded, {}, (r) => {
      seen.push({ source: r.source, answers: r.answers.map((a) => (a?.status === 'answered' ? String(a.value) : a?.status)) });
    });
    expect(summary.rows).toBe(2);
    expect('responses' in summary).toBe(false);
    expect(seen.map((r) => r.source.replace(/.*\//, ''))).toEqual([expect.stringMatching(/row 1$/), expect.stringMatching(/row 2$/)]);
    // answers by question index: lead-sponsor is the first question of the fixture
    expect(loaded.questionnaire.questions[0]!.id).toBe('lead-sponsor');
    expect(seen.map((r) => r.answers[0])).toEqual(['4', '2']);
  });
});
