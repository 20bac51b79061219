// The bundle embeds the built-in questionnaires as checked at build time
// (src/load/builtin-cache.ts). These tests prove the shortcut changes nothing
// a user can see: the binary's questionnaire equals a fresh check of the file,
// and an edited copy of a built-in is checked in full.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import { normalizeForJson } from '../../src/render/questionnaire-json.js';
import { renderTemplate } from '../../src/render/template.js';
import { readiness, requireBuild, ROOT } from '../helpers/binary.js';



beforeAll(requireBuild);

describe('built-in questionnaires embedded at build time', () => {
  for (const id of ['social-readiness', 'quick-check']) {
    it(`${id}: the binary's questionnaire and hash equal a fresh check of the file`, () => {
      const fresh = loadQuestionnaire(join(ROOT, 'questionnaires', `${id}.yaml`));
      const shown = readiness(tmpdir(), ['show', id, '--json']);
      expect(shown.code).toBe(0);
      expect(JSON.parse(shown.stdout)).toEqual(JSON.parse(JSON.stringify({ ...normalizeForJson(fresh.questionnaire), hash: fresh.hash })));
    });
  }

  for (const id of ['social-readiness', 'quick-check']) {
    it(`${id}: the template printed from the build-time text equals one rendered from a fresh check`, () => {
      const fresh = loadQuestionnaire(join(ROOT, 'questionnaires', `${id}.yaml`));
      const printed = readiness(tmpdir(), ['template', id]);
      expect(printed.code).toBe(0);
      expect(printed.stdout).toBe(renderTemplate(fresh.questionnaire));
    });
  }

  it('renders the template of an edited copy of a built-in from the edited text', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-cache-'));
    const text = readFileSync(join(ROOT, 'questionnaires', 'quick-check.yaml'), 'utf8');
    const edited = text.replace(/^title: .*$/m, 'title: Our own quick check');
    expect(edited).not.toBe(text);
    writeFileSync(join(cwd, 'mine.yaml'), edited);
    const printed = readiness(cwd, ['template', 'mine.yaml']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('# Answers to "Our own quick check"');
    expect(printed.stdout).toBe(renderTemplate(loadQuestionnaire(join(cwd, 'mine.yaml')).questionnaire));
  });

  it('checks an edited copy of a built-in in full and reports its problem', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-cache-'));
    mkdirSync(join(cwd, 'questionnaires'));
    const text = readFileSync(join(ROOT, 'questionnaires', 'quick-check.yaml'), 'utf8');
    const edited = text.replace(/scale: agree5/, 'scale: agree7');
    expect(edited).not.toBe(text);
    writeFileSync(join(cwd, 'questionnaires', 'quick-check.yaml'), edited);
    const r = readiness(cwd, ['validate', 'questionnaires/quick-check.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/questionnaires\/quick-check\.yaml:\d+:\d+ questions\[\d+\]\.scale: unknown scale "agree7"/);
  });
});

describe('assess takes a local questionnaire over the embedded built-in', () => {
  it('uses ./questionnaires/quick-check.yaml when it overrides the built-in id', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-override-'));
    mkdirSync(join(cwd, 'questionnaires'));
    const text = readFileSync(join(ROOT, 'questionnaires', 'quick-check.yaml'), 'utf8');
    const edited = text.replace(/^title: .*$/m, 'title: Our own quick check');
    expect(edited).not.toBe(text);
    writeFileSync(join(cwd, 'questionnaires', 'quick-check.yaml'), edited);
    expect(readiness(cwd, ['template', 'quick-check', '-o', 'a.yaml']).code).toBe(0);
    const r = readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', 'Acme', '--allow-partial', '--json', '-o', 'out']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { questionnaire: { title: string } }).questionnaire.title).toBe('Our own quick check');
  });
});
