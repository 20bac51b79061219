// A survey export's rows reach the tally by question index (IndexedResponse), in one
// object and one array reused for every row, and the loader keeps only the answers that
// conditions read to decide what is shown. Against the straightforward definition, for any
// rows: each row as a Response of its own (answers by id) scored with add(), and a
// conditional question shown exactly when its condition holds over that row's answers.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachSurveyResponse, loadSurveyResponses } from '../../src/load/survey.js';
import { evaluateCondition } from '../../src/score/conditions.js';
import { createAssessor } from '../../src/score/assess.js';
import { loadFixtureQuestionnaire } from '../load/survey-helpers.js';

const loaded = loadFixtureQuestionnaire();
const dir = mkdtempSync(join(tmpdir(), 'readiness-indexed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const columns = {
  Role: ['Staff', 'staff ', 'Manager', '', 'someone@example.org'],
  Unit: ['Sales', 'IT', '', 'sales'],
  'lead-sponsor': ['Agree', '4', 'Strongly agree', "don't know", 'n/a', '', 'maybe', '  agree '],
  'lead-budget': ['yes', 'no', 'Yes', 'n/a', '', 'perhaps'],
  'culture-share': ['Never', 'Every week', 'sometimes', '', 'daily'],
  'culture-channels': ['Email', 'Email, Wiki or intranet', 'Chat, instant messaging', 'None of these', 'Email; carrier pigeon', ''],
  'culture-hours': ['3', '12,5', '1,500', '70', '', 'lots'],
  'lead-budget-size': ['10', '', '2.5', 'big'],
  'culture-comment': ['Fine', '', 'Great, thanks', 'Fine'],
};
const headers = Object.keys(columns) as (keyof typeof columns)[];
const row = fc.tuple(...headers.map((h) => fc.constantFrom(...columns[h])));

function newAssessor() {
  return createAssessor({
    questionnaire: loaded.questionnaire,
    hash: loaded.hash,
    organization: 'Org',
    date: '2026-11-29',
    toolVersion: '0',
    showRespondents: true,
    minGroup: 1,
    views: { source: false, segments: [{ id: 'unit', title: 'Unit', plural: 'units' }] },
  });
}

describe('survey rows by question index', () => {
  it('score as the same rows by id, and show a conditional question exactly when its condition holds', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (rows) => {
        const file = join(dir, `s${n++}.csv`);
        writeFileSync(file, [headers.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n');
        const opts = { segmentColumns: ['Unit'] };

        const byIndex = newAssessor();
        const streamed = await forEachSurveyResponse(file, loaded, opts, (r) => byIndex.addIndexed(r));
        const { responses, ...summary } = await loadSurveyResponses(file, loaded, opts);
        expect(summary).toEqual(streamed);
        const byId = newAssessor();
        for (const r of responses) byId.add(r);
        expect(byIndex.finish()).toEqual(byId.finish());

        // the definition of "shown": the condition over the row's answers by id
        const conditional = loaded.questionnaire.questions.filter((q) => q.when);
        let hidden = 0;
        responses.forEach((r, i) => {
          for (const q of conditional) {
            const shown = evaluateCondition(q.when!, { dimensions: {}, overall: null, answers: r.answers });
            expect(q.id in r.answers).toBe(shown);
            const cell = rows[i]![headers.indexOf(q.id as keyof typeof columns)]!;
            if (!shown && cell.trim() !== '') hidden++;
          }
        });
        const note = streamed.warnings.find((w) => /their condition hides/.test(w));
        expect(note === undefined ? 0 : Number(/^(\d+) answer/.exec(note)![1])).toBe(hidden);
      }),
      { numRuns: 150 },
    );
  });
});
