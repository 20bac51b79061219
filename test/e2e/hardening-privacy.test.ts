// Issue 11, item 8 on the built binary: e-mail addresses and phone numbers in
// notes and free-text answers never reach a report or result unless
// --show-respondents; --no-free-text leaves free text out; the consultant's
// answers file keeps what was typed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readiness, requireBuild, ROOT } from '../helpers/binary.js';

const EXAMPLE = readFileSync(join(ROOT, 'reports/examples/example-org-answers.yaml'), 'utf8');
const SECRETS = ['dana.reyes@example.org', '+44 20 7946 0958', '020 7946 0958', 'ops@housing.example'];

describe('personal data in free text (built binary)', () => {
  beforeAll(requireBuild);
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-privacy-'));
  const answers = EXAMPLE.replace(
    'lead-commit: 2',
    'lead-commit: { value: 2, note: "Ask dana.reyes@example.org or call +44 20 7946 0958 (office 020 7946 0958)." }',
  ).replace('3. New staff take months', '3. Write to ops@housing.example: new staff take months');
  writeFileSync(join(cwd, 'answers.yaml'), answers);
  const files = (out: string) => ['md', 'json'].map((ext) => readFileSync(join(cwd, out, `example-org/2026-11-29-social-readiness.${ext}`), 'utf8'));

  it('by default: replaced by a mark in the report and the result, and the report says so', () => {
    const r = readiness(cwd, ['assess', '--answers', 'answers.yaml', '-o', 'redacted']);
    expect(r.code, r.stderr).toBe(0);
    const [md, json] = files('redacted');
    for (const text of [md!, json!]) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).toContain('[e-mail removed]');
      expect(text).toContain('[phone removed]');
    }
    expect(JSON.parse(json!).freeText).toBe('redacted');
    expect(md).toMatch(/E-mail addresses and phone numbers typed into notes and free-text answers are replaced by a mark/);
    // the answers file is the consultant's data: untouched
    expect(readFileSync(join(cwd, 'answers.yaml'), 'utf8')).toContain('dana.reyes@example.org');
    // and report re-renders the stored, redacted result
    const again = readiness(cwd, ['report', 'redacted/example-org/2026-11-29-social-readiness.json']);
    for (const secret of SECRETS) expect(again.stdout).not.toContain(secret);
  });

  it('--show-respondents keeps free text as typed', () => {
    expect(readiness(cwd, ['assess', '--answers', 'answers.yaml', '-o', 'shown', '--show-respondents']).code).toBe(0);
    const [md, json] = files('shown');
    for (const secret of SECRETS) expect(json).toContain(secret);
    expect(SECRETS.some((secret) => md!.includes(secret))).toBe(true);
    expect(JSON.parse(json!).freeText).toBeUndefined();
  });

  it('--no-free-text leaves every note and free-text answer out, even with --show-respondents', () => {
    expect(readiness(cwd, ['assess', '--answers', 'answers.yaml', '-o', 'none', '--no-free-text', '--show-respondents']).code).toBe(0);
    const [md, json] = files('none');
    const result = JSON.parse(json!);
    expect(result.freeText).toBe('left-out');
    expect(result.answers.filter((a: { note?: string }) => a.note !== undefined)).toEqual([]);
    expect(result.answers.find((a: { questionId: string }) => a.questionId === 'obj-problems').value).toBeUndefined();
    for (const text of ['Approval only', 'Tenants\' repair requests', ...SECRETS]) {
      expect(md).not.toContain(text);
      expect(json).not.toContain(text);
    }
    expect(md).toContain('Notes and free-text answers are left out of this report and its result.');
    // the pilot step that quotes their problems says they were written down, without an empty quote
    for (const text of [md!, json!]) expect(text).not.toContain('“”');
    expect(md).toContain('Start from the problems already written down, add those people raise');
  });

  it('a note or free-text answer longer than 10,000 characters is refused at the door', () => {
    writeFileSync(join(cwd, 'long-note.yaml'), EXAMPLE.replace('lead-commit: 2', `lead-commit: { value: 2, note: "${'x'.repeat(10_001)}" }`));
    const r = readiness(cwd, ['assess', '--answers', 'long-note.yaml', '-o', 'long']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/long-note\.yaml:\d+:\d+ answers\.lead-commit\.note: this note has 10,001 characters, more than the 10,000 a note may have; shorten it/);
    writeFileSync(join(cwd, 'long-text.yaml'), EXAMPLE.replace(/obj-problems: \|[\s\S]*?(?=\n  obj-goals)/, `obj-problems: "${'y'.repeat(10_001)}"`));
    const t = readiness(cwd, ['assess', '--answers', 'long-text.yaml', '-o', 'long']);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/answers\.obj-problems: this answer has 10,001 characters, more than the 10,000 a free-text answer may have/);
  });

  it('a survey\'s warnings quote cell texts with addresses and numbers replaced, unless --show-respondents', () => {
    // stderr lands in terminals and CI logs: the cells it quotes (not understood, "Other" texts) are respondents' words
    writeFileSync(
      join(cwd, 'survey.csv'),
      'Role,lead-sponsor,culture-share,champ-depts\nStaff,Yes,dana.reyes@example.org,"call +44 20 7946 0958"\nStaff,No,Agree,"ops@housing.example"\nStaff,No,Agree,hr\n',
    );
    const argv = ['assess', '--responses', 'survey.csv', '-q', 'social-readiness', '--org', 'Example Org', '--min-group', '1'];
    const r = readiness(cwd, [...argv, '-o', 'survey-redacted']);
    expect(r.code, r.stderr).toBe(0);
    for (const secret of SECRETS.slice(0, 2).concat('ops@housing.example')) expect(r.stderr).not.toContain(secret);
    expect(r.stderr).toMatch(/survey\.csv:2:3 culture-share: "\[e-mail removed\]" was not understood/);
    expect(r.stderr).toContain('champ-depts: "[e-mail removed]" 1×, "call [phone removed]" 1×');
    const shown = readiness(cwd, [...argv, '-o', 'survey-shown', '--show-respondents']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toMatch(/survey\.csv:2:3 culture-share: "dana\.reyes@example\.org" was not understood/);
    expect(shown.stderr).toContain('"call +44 20 7946 0958" 1×');
  });
});
