// One test per form tool: the fixtures are shaped like their real exports.
import { describe, expect, it } from 'vitest';
import { loadSurveyResponses } from '../../src/load/survey.js';
import { fixture, loadFixtureQuestionnaire } from './survey-helpers.js';

const loaded = loadFixtureQuestionnaire();
const answersOf = (r: { answers: Record<string, unknown> }) => r.answers;

describe('survey exports of form tools', () => {
  it('Google Forms: question-text headers, a named role column, comma-separated checkboxes, decimal comma', async () => {
    const s = await loadSurveyResponses(fixture('google-forms.csv'), loaded, { roleColumn: 'What is your role?' });
    expect(s.rows).toBe(3);
    expect(s.unmatchedCells).toBe(0);
    expect(s.ignoredColumns).toEqual(['Timestamp', 'Email Address']);
    expect(s.responses.map((r) => r.role)).toEqual(['Leadership', 'Staff', 'Staff']);
    const [ana, ben, cy] = s.responses.map(answersOf);
    expect(ana!['culture-channels']).toEqual({ status: 'answered', value: ['email', 'chat'] });
    expect(ana!['lead-budget-size']).toEqual({ status: 'answered', value: 20 });
    expect(ben!['culture-hours']).toEqual({ status: 'answered', value: 12.5 });
    expect(ben!['culture-comment']).toEqual({ status: 'answered', value: 'Too many tools already,\nnobody knows where things are' });
    // "No" budget hides the budget-size question for Ben
    expect(ben!['lead-budget-size']).toBeUndefined();
    expect(cy!['lead-sponsor']).toEqual({ status: 'dont-know' });
    expect(cy!['lead-budget']).toEqual({ status: 'not-applicable' });
  });

  it('Microsoft Forms: BOM, CRLF, ;-separated choices with a trailing ;, a unit after a number, one role group whatever the case', async () => {
    const s = await loadSurveyResponses(fixture('microsoft-forms.csv'), loaded, {});
    expect(s.rows).toBe(3);
    expect(s.unmatchedCells).toBe(0);
    expect(s.responses.map((r) => r.role)).toEqual(['Manager', 'Manager', 'Staff']);
    expect(s.responses[0]!.answers['culture-channels']).toEqual({ status: 'answered', value: ['email', 'wiki'] });
    expect(s.responses[0]!.answers['culture-hours']).toEqual({ status: 'answered', value: 10 });
    expect(s.responses[1]!.answers['culture-channels']).toEqual({ status: 'answered', value: ['chat'] });
    expect(s.responses[2]!.answers['culture-comment']).toEqual({ status: 'answered', value: 'Say "no" to more tools' });
    expect(s.warnings.join('\n')).toContain('1 question has no column');
  });

  it('Microsoft Forms: names are read only from an explicitly named respondent column', async () => {
    const anonymous = await loadSurveyResponses(fixture('microsoft-forms.csv'), loaded, {});
    expect(anonymous.responses.every((r) => r.respondent === undefined)).toBe(true);
    expect(JSON.stringify(anonymous.responses)).not.toMatch(/@example\.org|Dana Reyes/);
    const named = await loadSurveyResponses(fixture('microsoft-forms.csv'), loaded, { respondentColumn: 'Name' });
    expect(named.responses.map((r) => r.respondent)).toEqual([undefined, 'Dana Reyes', 'Eli Moss']);
    expect(JSON.stringify(named.responses)).not.toContain('@example.org');
  });

  it('SurveyMonkey: skips the second header row and reads a choice spread over one column per option', async () => {
    const s = await loadSurveyResponses(fixture('surveymonkey.csv'), loaded, {});
    expect(s.rows).toBe(2);
    expect(s.unmatchedCells).toBe(0);
    expect(s.responses[0]!.answers['culture-channels']).toEqual({ status: 'answered', value: ['email', 'chat'] });
    expect(s.responses[1]!.answers['culture-channels']).toEqual({ status: 'answered', value: ['none'] });
    expect(s.responses[1]!.answers['culture-comment']).toEqual({ status: 'answered', value: 'Meetings all day' });
    expect(s.ignoredColumns).toContain('IP Address');
    expect(JSON.stringify(s.responses)).not.toContain('203.0.113.7');
  });

  it('Typeform: # id and Submitted At ignored; yes/no written as 1/0 read through mapping aliases', async () => {
    const s = await loadSurveyResponses(fixture('typeform.csv'), loaded, { map: fixture('typeform.mapping.yaml') });
    expect(s.ignoredColumns).toEqual(['#', 'Start Date (UTC)', 'Submitted At', 'Network ID']);
    expect(s.responses.map((r) => r.answers['lead-budget'])).toEqual([
      { status: 'answered', value: 'yes' },
      { status: 'answered', value: 'no' },
    ]);
    const without = await loadSurveyResponses(fixture('typeform.csv'), loaded, {});
    expect(without.unmatchedCells).toBe(2);
  });

  it('LimeSurvey: ; delimited, question and answer codes through a mapping, role texts grouped, unfinished response left out', async () => {
    const s = await loadSurveyResponses(fixture('limesurvey.csv'), loaded, { map: fixture('limesurvey.mapping.yaml'), includeUnfinished: true });
    expect(s.delimiter).toBe(';');
    expect(s.rows).toBe(3);
    expect(s.unfinished).toEqual({ count: 1, excluded: false });
    const finished = await loadSurveyResponses(fixture('limesurvey.csv'), loaded, { map: fixture('limesurvey.mapping.yaml') });
    expect(finished.rows).toBe(2);
    expect(finished.rowsRead).toBe(3);
    expect(finished.warnings.join('\n')).toContain('1 unfinished response was left out (no submitdate)');
    expect(s.responses.map((r) => r.role)).toEqual(['Leadership', 'Staff', 'Staff']);
    expect(s.responses[0]!.answers).toMatchObject({
      'lead-sponsor': { status: 'answered', value: 5 },
      'lead-budget': { status: 'answered', value: 'yes' },
      'culture-share': { status: 'answered', value: 'weekly' },
      'culture-hours': { status: 'answered', value: 7.5 },
    });
    // A9 is no answer code of Q1: counted, reported at its row and column, left unanswered
    expect(s.unmatchedCells).toBe(1);
    expect(s.problems[0]).toMatchObject({ line: 4, column: 7, path: 'Q1' });
    expect(s.problems[0]!.message).toContain('"A9"');
    expect(s.responses[2]!.answers['lead-sponsor']).toEqual({ status: 'unanswered' });
  });
});
