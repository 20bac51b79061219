// What the tool prints cannot act on the terminal: a file named with an escape sequence
// ("\e[2J" clears the screen) or a line break (which would forge a line of output) is shown
// quoted as JSON, escapes and all, by every command that names it; ordinary names print as
// they are. Built binary, as a user runs it.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readiness, requireBuild, ROOT } from '../helpers/binary.js';

const ESC = '\u001b[2J';
const EXAMPLE = join(ROOT, 'reports/examples/example-org-answers.yaml');
/** A character a terminal acts on, or one that reorders a line; line feed and tab are checked apart. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function workspace(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'readiness-terminal-'));
  mkdirSync(join(cwd, 'questionnaires'));
  const quick = readFileSync(join(ROOT, 'questionnaires/quick-check.yaml'), 'utf8');
  writeFileSync(join(cwd, 'questionnaires', `${ESC}x.yaml`), quick.replace(/^id: quick-check$/m, 'id: esc-check'));
  writeFileSync(join(cwd, 'questionnaires', 'bad\nline.yaml'), 'id: broken\ntitle: 3\n');
  writeFileSync(join(cwd, 'questionnaires', 'plain name.yaml'), quick.replace(/^id: quick-check$/m, 'id: plain-check'));
  return cwd;
}

/** No raw control character, and no line of output that begins with what followed a name's line break. */
function inert(text: string, forged: RegExp = /^(line\.yaml|forged|x\.json)/m): void {
  expect(text).not.toMatch(RAW);
  expect(text).not.toMatch(forged);
}

describe('file names with control characters are shown inert (built binary)', () => {
  beforeAll(requireBuild);

  it('list: the source column and the skipped file are quoted; ordinary names and --json as they are', () => {
    const cwd = workspace();
    const r = readiness(cwd, ['list']);
    expect(r.code).toBe(0);
    inert(r.stdout);
    inert(r.stderr);
    expect(r.stdout).toMatch(/^esc-check .* "questionnaires\/\\u001b\[2Jx\.yaml"$/m);
    expect(r.stdout).toMatch(/^plain-check .* questionnaires\/plain name\.yaml$/m);
    expect(r.stderr).toBe(
      'readiness: skipped "questionnaires/bad\\nline.yaml" ("broken"): 7 problems, first: "questionnaires/bad\\nline.yaml":1:1 version: required key "version" is missing. ' +
        "Run `readiness validate $'questionnaires/bad\\x0aline.yaml'` for all of them.\n",
    );
    const json = readiness(cwd, ['list', '--json']);
    inert(json.stdout);
    const sources = (JSON.parse(json.stdout) as { source: string }[]).map((row) => row.source);
    expect(sources).toContain(`questionnaires/${ESC}x.yaml`);
    expect(sources).toContain('questionnaires/plain name.yaml');
  });

  it('validate: every line naming the file quotes it; --json names it as it is', () => {
    const cwd = workspace();
    const r = readiness(cwd, ['validate', 'questionnaires']);
    expect(r.code).toBe(1);
    inert(r.stdout);
    expect(r.stdout.split('\n').slice(1, 5)).toEqual([
      '✗ "questionnaires/bad\\nline.yaml": 7 problems',
      '  "questionnaires/bad\\nline.yaml":1:1 version: required key "version" is missing',
      '  "questionnaires/bad\\nline.yaml":1:1 description: required key "description" is missing',
      '  "questionnaires/bad\\nline.yaml":1:1 minutes: required key "minutes" is missing',
    ]);
    expect(r.stdout).toContain('✓ questionnaires/plain name.yaml (plain-check v1.0.0, 13 questions)\n');
    expect(r.stdout).toContain('✓ "questionnaires/\\u001b[2Jx.yaml" (esc-check v1.0.0, 13 questions)\n');
    const json = readiness(cwd, ['validate', 'questionnaires', '--json']);
    inert(json.stdout);
    expect((JSON.parse(json.stdout) as { file: string }[]).map((f) => f.file)).toEqual([`questionnaires/${ESC}x.yaml`, 'questionnaires/bad\nline.yaml', 'questionnaires/plain name.yaml']);
  });

  it('assess: answers files found in a folder are named quoted, in problems and in what is left out', () => {
    const cwd = workspace();
    mkdirSync(join(cwd, 'ans'));
    copyFileSync(EXAMPLE, join(cwd, 'ans', `${ESC}a.yaml`));
    writeFileSync(join(cwd, 'ans', 'bad\nforged.yaml'), 'questionnaire: social-readiness\nanswers: [1\n');
    const r = readiness(cwd, ['assess', '--answers', 'ans', '--org', 'Example Org']);
    expect(r.code).toBe(1);
    inert(r.stderr);
    expect(r.stderr).toMatch(/^readiness: "ans\/bad\\nforged\.yaml" has 1 problem/);
    // the same respondent answered twice: the one left out is named quoted
    mkdirSync(join(cwd, 'reports/example-org/answers'), { recursive: true });
    copyFileSync(EXAMPLE, join(cwd, 'reports/example-org/answers', `${ESC}a.yaml`));
    copyFileSync(EXAMPLE, join(cwd, 'reports/example-org/answers', 'b\nforged.yaml'));
    const all = readiness(cwd, ['assess', '--org', 'Example Org', '--all']);
    expect(all.code, all.stderr).toBe(0);
    inert(all.stderr);
    inert(all.stdout);
    expect(all.stderr).toContain('readiness: "reports/example-org/answers/\\u001b[2Ja.yaml" is left out: the same respondent answered again in "reports/example-org/answers/b\\nforged.yaml" (2026-11-29), which counts; each respondent counts once.\n');
  });

  it('history, compare, template --from and a missing file name such files inert', () => {
    const cwd = workspace();
    expect(readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '--date', '2026-06-01']).code).toBe(0);
    expect(readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '--date', '2026-11-29']).code).toBe(0);
    const folder = join(cwd, 'reports/example-org');
    const first = readdirSync(folder).find((n) => n.startsWith('2026-06-01') && n.endsWith('.json'))!;
    copyFileSync(join(folder, first), join(folder, `2026-01-01-${ESC}q.json`));
    writeFileSync(join(folder, '2025-01-01-bad\nx.json'), '{');
    const history = readiness(cwd, ['history']);
    inert(history.stdout);
    expect(history.stdout).toContain('"reports/example-org/2026-01-01-\\u001b[2Jq.json"');
    expect(history.stdout).toContain('  "reports/example-org/2025-01-01-bad\\nx.json": ');
    const json = readiness(cwd, ['history', '--json']);
    inert(json.stdout);
    expect((JSON.parse(json.stdout) as { results: { path: string }[] }).results.map((x) => x.path)).toContain(`reports/example-org/2026-01-01-${ESC}q.json`);
    const compare = readiness(cwd, ['compare', '--org', 'Example Org', '--json']);
    inert(compare.stderr);

    copyFileSync(EXAMPLE, join(cwd, `${ESC}from.yaml`));
    const template = readiness(cwd, ['template', '--from', `${ESC}from.yaml`]);
    expect(template.code, template.stderr).toBe(0);
    inert(template.stdout);
    expect(template.stdout).toMatch(/^# Pre-filled from "\\u001b\[2Jfrom\.yaml" \(answered 2026-11-29\)/);

    // a name typed (or expanded by the shell) that holds an escape: the message escapes it
    const missing = readiness(cwd, ['report', `${ESC}none.json`]);
    expect(missing.code).toBe(1);
    inert(missing.stderr);
    expect(missing.stderr).toContain('\\u001b[2Jnone.json');
  });
});

describe('bidirectional controls ("Trojan Source") (built binary)', () => {
  beforeAll(requireBuild);
  const RLO = '\u202e';
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

  it('validate refuses one in a questionnaire text at its line and column; right-to-left letters and marks are fine', () => {
    const cwd = workspace();
    const quick = readFileSync(join(ROOT, 'questionnaires/quick-check.yaml'), 'utf8');
    const line = quick.split('\n').findIndex((l) => l.startsWith('title: ')) + 1;
    writeFileSync(join(cwd, 'rtl.yaml'), quick.replace(/^title: .*$/m, 'title: "בדיקה \u200f مرحبا \u200e check"'));
    expect(readiness(cwd, ['validate', 'rtl.yaml']).code).toBe(0);
    writeFileSync(join(cwd, 'trojan.yaml'), quick.replace(/^title: .*$/m, `title: "Quick ${RLO}kcehc"`));
    const r = readiness(cwd, ['validate', 'trojan.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `  trojan.yaml:${line}:8 title: the text holds the bidirectional control U+202E (character 7); it makes the text read in another order than it is written, on a terminal and in forms and reports, so remove it (right-to-left text needs none; the marks U+200E and U+200F are fine)\n`,
    );
    expect(r.stdout + r.stderr).not.toMatch(BIDI);
    const show = readiness(cwd, ['show', 'trojan.yaml']);
    expect(show.code).toBe(1);
    expect(show.stdout + show.stderr).not.toMatch(BIDI);
  });

  it('answers keep them (a respondent typed them), but --json and template --from print them as escapes, and the report drops them', () => {
    const cwd = workspace();
    const note = `no time ${RLO}set aside\u202c yet; שלום \u200f ok`;
    writeFileSync(join(cwd, 'a.yaml'), readFileSync(EXAMPLE, 'utf8').replace('no time is set aside for it yet.', note));
    const json = readiness(cwd, ['assess', '--answers', 'a.yaml', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).not.toMatch(BIDI);
    expect(json.stdout).toContain('no time \\u202eset aside\\u202c yet; שלום \u200f ok');
    const stored = readdirSync(join(cwd, 'reports/example-org')).find((n) => n.endsWith('.json'))!;
    const kept = readFileSync(join(cwd, 'reports/example-org', stored), 'utf8');
    // the stored result keeps the note as typed, and --json printed the same value
    expect(kept).toContain(note);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(kept));

    const template = readiness(cwd, ['template', '--from', 'a.yaml']);
    expect(template.code, template.stderr).toBe(0);
    expect(template.stdout).not.toMatch(BIDI);
    expect(template.stdout).toContain('note: "The chief operating officer agreed to sponsor the work in principle; no time \\u202eset aside\\u202c yet; שלום \u200f ok" }');
    // and reads back as the same note
    writeFileSync(join(cwd, 'b.yaml'), template.stdout);
    const again = readiness(cwd, ['assess', '--answers', 'b.yaml', '--org', 'Example Org', '--date', '2026-11-29', '--json', '-d', 'again']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(again.stdout))).toContain(JSON.stringify(note).slice(1, -1));

    const report = readiness(cwd, ['report', join('reports/example-org', stored)]);
    expect(report.code).toBe(0);
    expect(report.stdout).not.toMatch(BIDI);
  });
});
