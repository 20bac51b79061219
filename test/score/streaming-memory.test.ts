// A large survey goes through in one streaming pass with bounded memory:
// rows reach the assessor one at a time (no array of responses), and what the
// result keeps per question (listed texts, unmatched-cell problems) is capped
// however many rows there are. No timing here: only counts that must not grow.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachSurveyResponse, MAX_LISTED_PROBLEMS } from '../../src/load/survey.js';
import { Result } from '../../src/model/result.js';
import { MAX_LISTED_TEXTS } from '../../src/score/aggregate.js';
import { createAssessor } from '../../src/score/assess.js';
import { loadFixtureQuestionnaire } from '../load/survey-helpers.js';

const loaded = loadFixtureQuestionnaire();
const dir = mkdtempSync(join(tmpdir(), 'readiness-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const roles = ['Leadership', 'Manager', 'Staff', 'Staff'];
const sponsor = ['Agree', 'Disagree', 'Strongly agree', 'Neither agree nor disagree'];

/** A survey export of `rows` respondents, each with their own comment and one cell no answer matches. */
function writeSurvey(rows: number): string {
  const lines = ['Timestamp,Role,lead-sponsor,lead-budget,culture-share,culture-hours,culture-comment'];
  for (let i = 0; i < rows; i++) {
    lines.push(`2026-11-01 10:00,${roles[i % roles.length]},${sponsor[i % sponsor.length]},maybe ${i},Every week,${i % 40},"Comment number ${i}, unique"`);
  }
  const file = join(dir, `survey-${rows}.csv`);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

function newAssessor() {
  return createAssessor({ questionnaire: loaded.questionnaire, hash: loaded.hash, organization: 'Org', date: '2026-11-29', toolVersion: '0' });
}

describe('streaming a large survey into the assessor', () => {
  const rows = 3000;

  it('hands each row over while the file is still being read, and keeps only a capped list of problems', async () => {
    const assessor = newAssessor();
    let delivered = 0;
    let settled = false;
    const seenBeforeEnd: number[] = [];
    const reading = forEachSurveyResponse(writeSurvey(rows), loaded, {}, (response) => {
      delivered += 1;
      if (!settled) seenBeforeEnd.push(delivered);
      assessor.addIndexed(response);
    }).finally(() => {
      settled = true;
    });
    const summary = await reading;

    expect(delivered).toBe(rows);
    expect(seenBeforeEnd).toHaveLength(rows);
    // every "maybe N" is counted, but only the first distinct ones are kept in detail
    expect(summary.unmatchedCells).toBe(rows);
    expect(summary.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(summary.problems[0]).toMatchObject({ line: 2, path: 'lead-budget' });
    expect(summary.warnings.join('\n')).toMatch(new RegExp(`${rows} cells \\(\\d+ distinct texts.*\\) could not be matched`));
    expect(summary.warnings.join('\n')).toContain(`the first ${MAX_LISTED_PROBLEMS} are listed`);

    const result = Result.parse(assessor.finish({ unmatchedCells: summary.unmatchedCells }));
    expect(result.respondents.count).toBe(rows);
    expect(result.aggregate?.unmatchedCells).toBe(rows);
    const comment = result.answers.find((a) => a.questionId === 'culture-comment')!;
    expect(comment.texts).toHaveLength(MAX_LISTED_TEXTS);
    expect(comment.textsOmitted).toBe(rows - MAX_LISTED_TEXTS);
    expect(comment.respondents).toBe(rows);
    // the numbers' distribution has one entry per distinct value, not per respondent
    const hours = result.answers.find((a) => a.questionId === 'culture-hours')!;
    expect(Object.keys(hours.distribution!)).toHaveLength(40);
  });

  it('keeps the same stored texts whether 300 or 30,000 respondents wrote one', () => {
    const sizes = [300, 30_000].map((n) => {
      const assessor = newAssessor();
      for (let i = 0; i < n; i++) {
        assessor.add({
          source: `row ${i + 1}`,
          role: roles[i % roles.length],
          answers: { 'culture-comment': { status: 'answered', value: `Text ${String(i).padStart(5, '0')}` } },
        });
      }
      return assessor.finish().answers.find((a) => a.questionId === 'culture-comment')!;
    });
    expect(sizes[0]!.texts).toEqual(sizes[1]!.texts);
    expect(sizes[0]!.texts).toHaveLength(MAX_LISTED_TEXTS);
    // the first texts given are the ones kept (deterministic for a given file)
    expect(sizes[1]!.texts![0]).toBe('Text 00000');
    expect(sizes[0]!.textsOmitted).toBe(300 - MAX_LISTED_TEXTS);
    expect(sizes[1]!.textsOmitted).toBe(30_000 - MAX_LISTED_TEXTS);
  });

  it('lists every text, and no omitted count, below the cap', () => {
    const assessor = newAssessor();
    for (const text of ['b', 'a', 'b']) assessor.add({ source: 't', answers: { 'culture-comment': { status: 'answered', value: text } } });
    const comment = assessor.finish().answers.find((a) => a.questionId === 'culture-comment')!;
    expect(comment.texts).toEqual(['a', 'b', 'b']);
    expect(comment.textsOmitted).toBeUndefined();
  });
});
