// `readiness template --csv`: the header row and mapping skeleton must load back.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappingPathFor, run } from '../../src/cli/commands/template-csv.js';
import type { Io } from '../../src/cli/io.js';
import { loadMapping } from '../../src/load/mapping.js';
import { loadSurveyResponses } from '../../src/load/survey.js';
import { renderCsvTemplate } from '../../src/render/csv-template.js';
import { fixture, loadFixtureQuestionnaire } from './survey-helpers.js';

const loaded = loadFixtureQuestionnaire();
const { questionnaire } = loaded;

function fakeIo(cwd: string): Io & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => void out.push(t), stderr: () => {}, cwd, env: {}, stdinIsTTY: false, stdoutIsTTY: false, columns: 80, today: () => '2026-11-29' };
}

describe('survey CSV template', () => {
  it('writes a role column then one column per question, headed by the question text', () => {
    const t = renderCsvTemplate(questionnaire, { csv: 'survey.csv' });
    expect(t.headers).toEqual(['role', ...questionnaire.questions.map((q) => q.text)]);
    expect(t.csv.startsWith('\uFEFFrole,')).toBe(true);
    expect(t.csv).toContain('"How large is the pilot budget, in thousands?"');
    expect(t.csv.endsWith('\r\n')).toBe(true);
  });

  it('uses ids where two questions share a text', () => {
    const twin = { ...questionnaire, questions: questionnaire.questions.map((q) => (q.type === 'text' || q.id === 'lead-sponsor' ? { ...q, text: 'Same' } : q)) };
    expect(renderCsvTemplate(twin, { csv: 's.csv' }).headers.slice(0, 2)).toEqual(['role', 'lead-sponsor']);
  });

  it('round-trips: a filled-in template loads with its mapping, every answer matched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    const t = renderCsvTemplate(questionnaire, { csv: 'survey.csv' });
    writeFileSync(join(dir, 'survey.mapping.yaml'), t.mapping);
    writeFileSync(
      join(dir, 'survey.csv'),
      `${t.csv}Staff,Agree,Yes,Every week,"Email; Chat, instant messaging",6,12,"Fine, thanks"\r\n`,
    );
    const mapping = loadMapping(join(dir, 'survey.mapping.yaml'), questionnaire);
    expect(mapping.columns.size).toBe(questionnaire.questions.length);
    const s = await loadSurveyResponses(join(dir, 'survey.csv'), loaded, { map: join(dir, 'survey.mapping.yaml') });
    expect(s.unmatchedCells).toBe(0);
    expect(s.ignoredColumns).toEqual([]);
    expect(s.responses[0]).toMatchObject({ role: 'Staff', answers: { 'culture-channels': { value: ['email', 'chat'] }, 'lead-budget-size': { value: 12 } } });
  });

  it('the command writes both files, refuses to overwrite without --force, and prints the next step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-cmd-'));
    const io = fakeIo(dir);
    await run([fixture('questionnaire.yaml')], { csv: true, output: 'out/survey.csv' }, io);
    expect(existsSync(join(dir, 'out/survey.csv'))).toBe(true);
    expect(readFileSync(join(dir, 'out/survey.mapping.yaml'), 'utf8')).toContain('questionnaire: survey-test');
    expect(io.out.join('')).toContain('--map out/survey.mapping.yaml');
    writeFileSync(join(dir, 'out/survey.csv'), 'mine');
    await expect(run([fixture('questionnaire.yaml')], { csv: true, output: 'out/survey.csv' }, io)).rejects.toThrow(/already exist.*--force/);
    expect(readFileSync(join(dir, 'out/survey.csv'), 'utf8')).toBe('mine');
    await run([fixture('questionnaire.yaml')], { csv: true, output: 'out/survey.csv', force: true }, io);
    expect(readFileSync(join(dir, 'out/survey.csv'), 'utf8')).toContain('role,');
  });

  it('prints only the header row with -o -, and names the mapping file after the CSV', async () => {
    const io = fakeIo(mkdtempSync(join(tmpdir(), 'tpl-out-')));
    await run([fixture('questionnaire.yaml')], { csv: true, output: '-' }, io);
    expect(io.out.join('')).toMatch(/^role,Our leaders/);
    expect(mappingPathFor('a/b.CSV')).toBe('a/b.mapping.yaml');
    expect(mappingPathFor('export')).toBe('export.mapping.yaml');
  });
});
