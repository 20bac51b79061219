import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHistory, historyJson } from '../../src/cli/commands/history.js';
import { findResultFiles, listHistory } from '../../src/store/history.js';
import { displayWidth } from '../../src/render/text.js';

const FIX = join(import.meta.dirname, '../fixtures/results-history');

/** A reports folder with the good fixtures, the bad ones and an interview session. */
function reportsFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'history-'));
  const dir = join(root, 'reports');
  cpSync(join(FIX, 'reports'), dir, { recursive: true });
  cpSync(join(FIX, 'bad'), join(dir, 'broken'), { recursive: true });
  cpSync(join(FIX, 'old/schema-v0.json'), join(dir, 'old-org/2025-01-10-social-readiness.json'));
  mkdirSync(join(dir, '.sessions'));
  writeFileSync(join(dir, '.sessions/abc123.json'), '{"unfinished": true}');
  writeFileSync(join(dir, 'example-org/notes.txt'), 'not json');
  return dir;
}

describe('history', () => {
  it('finds result files recursively, skipping .sessions', () => {
    const dir = reportsFolder();
    const files = findResultFiles(dir).map((f) => f.slice(dir.length + 1));
    expect(files).toContain('example-org/2025-06-01-social-readiness.json');
    expect(files).toContain('broken/truncated.json');
    expect(files.some((f) => f.includes('.sessions'))).toBe(false);
    expect(files.some((f) => f.endsWith('.txt'))).toBe(false);
  });

  it('names each file as path.join names it, however the folder is spelled', () => {
    const dir = reportsFolder();
    const spellings = [dir, `${dir}/`, `${dir}//`, `${dir}/./`, `${dir}/example-org/..`, relative(process.cwd(), dir), `./${relative(process.cwd(), dir)}/`];
    const want = findResultFiles(dir).map((f) => f.slice(dir.length + 1));
    for (const folder of spellings) {
      const files = findResultFiles(folder);
      expect(files.map((f) => relative(folder, f))).toEqual(want);
      // every name is the join of its folder's spelling and the rest
      for (const f of files) expect(f).toBe(join(folder, relative(folder, f)));
    }
  });

  it('lists readable results newest first and every other file as skipped with its reason', () => {
    const dir = reportsFolder();
    const h = listHistory(dir);
    expect(h.entries.map((e) => e.result.date)).toEqual(['2026-03-01', '2025-12-01', '2025-09-15', '2025-09-01', '2025-06-01', '2025-04-15', '2025-06-01'].sort().reverse());
    const reasons = Object.fromEntries(h.skipped.map((s) => [s.path.slice(dir.length + 1), s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['broken/newer-schema.json', 'broken/not-a-result.json', 'broken/tampered-overall.json', 'broken/tampered.json', 'broken/truncated.json']);
    expect(reasons['broken/newer-schema.json']).toMatch(/^was written by a newer readiness \(schema 99/);
    expect(reasons['broken/truncated.json']).toMatch(/^is not valid JSON \(truncated\?\) at line \d+ column \d+/);
    expect(reasons['broken/tampered.json']).toMatch(/^scores do not match the answers \(edited by hand\?\)/);
    // the schema 0 result is upgraded and listed, not skipped
    expect(h.entries.some((e) => e.path.endsWith('old-org/2025-01-10-social-readiness.json'))).toBe(true);
  });

  it('orders results of the same date by file name', () => {
    const dir = reportsFolder();
    const same = listHistory(dir).entries.filter((e) => e.result.date === '2025-06-01').map((e) => e.path.slice(dir.length + 1));
    expect(same).toEqual(['example-org/2025-06-01-social-readiness.json', 'old-org/2025-01-10-social-readiness.json']);
  });

  it('filters by organization, ignoring case and punctuation', () => {
    const dir = reportsFolder();
    expect(listHistory(dir, { org: 'example-org' }).entries).toHaveLength(6);
    expect(listHistory(dir, { org: 'ACME | <b>partners</b>' }).entries).toHaveLength(1);
  });

  it('prints a table with the skipped files, and JSON with the same content', () => {
    const dir = reportsFolder();
    const h = listHistory(dir, { org: 'Example Org' });
    const shown = (p: string) => p.slice(dir.length - 'reports'.length);
    const text = formatHistory(h, { dirShown: 'reports', org: 'Example Org', shown });
    expect(text).toMatch(/^6 stored results of Example Org in reports, newest first:/);
    expect(text).toMatch(/2026-03-01 +Example Org +social-readiness 1\.0 +1 +Developing +63\.5 +reports\/example-org\/2026-03-01-social-readiness\.json/);
    expect(text).toContain('Skipped 5 files that are not a readable result:');
    expect(text).toContain('readiness compare --org "Example Org"');
    const json = historyJson(h, shown);
    expect(json.results[0]).toEqual({
      path: 'reports/example-org/2026-03-01-social-readiness.json',
      organization: 'Example Org',
      date: '2026-03-01',
      questionnaire: { id: 'social-readiness', version: '1.0', title: 'Social media readiness' },
      respondents: 1,
      partial: false,
      level: { id: 'developing', label: 'Developing' },
      overall: 63.5,
    });
    expect(json.skipped).toHaveLength(5);
  });

  it('prints the overall score to one decimal as compare does, half away from zero', () => {
    const dir = reportsFolder();
    const h = listHistory(dir, { org: 'Example Org' });
    // 72.35 is 72.349999999999994 in binary: toFixed(1) printed 72.3, the trend prints 72.4
    h.entries[0]!.result.overall.score = 72.35;
    h.entries[1]!.result.overall.score = 50;
    const text = formatHistory(h, { dirShown: 'reports', org: 'Example Org', shown: (p) => p });
    expect(text).toMatch(/ 72\.4 /);
    expect(text).toMatch(/ 50\.0 /);
  });

  it('aligns its table in terminal columns: organizations in CJK or with combining accents', () => {
    const dir = reportsFolder();
    const h = listHistory(dir, { org: 'Example Org' });
    h.entries[0]!.result.organization = '日本電気'; // 4 wide characters: 8 columns
    h.entries[1]!.result.organization = 'Rho\u0302ne'; // an accent typed as a combining mark: 5 columns
    const text = formatHistory(h, { dirShown: 'reports', org: undefined, shown: (p) => p.slice(dir.length - 'reports'.length) });
    const lines = text.split('\n').filter((l) => l.includes('social-readiness') || l.startsWith('DATE'));
    expect(lines.length).toBeGreaterThan(3);
    const column = (l: string, what: RegExp) => displayWidth(l.slice(0, l.search(what)));
    // the questionnaire column and the path column start in the same terminal column on every line
    expect(new Set(lines.map((l) => column(l, / (QUESTIONNAIRE|social-readiness )/))).size, text).toBe(1);
    expect(new Set(lines.map((l) => column(l, / (PATH|reports\/)/))).size, text).toBe(1);
  });

  it('explains how to create a first result when the folder is empty or missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'history-empty-'));
    const empty = formatHistory(listHistory(root), { dirShown: 'reports', org: undefined, shown: (p) => p });
    expect(empty).toContain('No stored results in reports yet. Run `readiness assess`');
    const missing = listHistory(join(root, 'nope'));
    expect(missing.missing).toBe(true);
    expect(formatHistory(missing, { dirShown: 'nope', org: undefined, shown: (p) => p })).toContain('There is no reports folder at nope yet');
    // the commands it suggests write into the folder it was asked about
    expect(formatHistory(missing, { dirShown: 'nope', org: undefined, shown: (p) => p })).toContain('Run `readiness assess --dir nope` (an interview) or `readiness assess --answers FILE --org NAME --dir nope` to create the first one.');
    expect(formatHistory(listHistory(root), { dirShown: 'My reports', org: undefined, shown: (p) => p })).toContain("`readiness assess --answers FILE --org NAME --dir 'My reports'` to create one.");
  });

  it('refuses a file given as the reports folder', () => {
    expect(() => listHistory(join(FIX, 'bad/tampered.json'))).toThrow(/is a file, not a reports folder/);
  });
});
