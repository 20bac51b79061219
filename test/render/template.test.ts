// The blank answers file: valid YAML in the AnswersFile shape, one blank entry
// per question id, with the question and its allowed values as comments.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/load/answers.js';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';
import { listQuestionnaires } from '../../src/load/resolve.js';
import { AnswersFile } from '../../src/model/answers.js';
import type { Questionnaire } from '../../src/model/questionnaire.js';
import { renderTemplate } from '../../src/render/template.js';

const q = loadQuestionnaire('test/fixtures/questionnaires/valid/minimal.yaml').questionnaire;

describe('renderTemplate', () => {
  it('is an AnswersFile with every question id in order, all blank', () => {
    const parsed = AnswersFile.parse(parse(renderTemplate(q)));
    expect(parsed.questionnaire).toBe('minimal');
    expect([parsed.organization, parsed.respondent, parsed.role, parsed.date]).toEqual([null, null, null, null]);
    expect(Object.keys(parsed.answers!)).toEqual(q.questions.map((x) => x.id));
    expect(Object.values(parsed.answers!).every((v) => v === null)).toBe(true);
  });

  it('shows each question with its allowed values right above its entry', () => {
    const text = renderTemplate(q);
    expect(text).toContain(
      [
        '  # A named senior leader sponsors the initiative.',
        '  # likert — one of: 1 = Strongly disagree, 2 = Disagree, 3 = Agree, 4 = Strongly agree; or dont-know',
        '  lead-sponsor:',
      ].join('\n'),
    );
    expect(text).toContain('  # yesno — yes or no\n  # (answer only if lead-sponsor is "Agree" or "Strongly agree")\n  lead-budget:');
    expect(text).toContain('# likert — one of: 1 = Strongly disagree, 2 = Disagree, 3 = Agree, 4 = Strongly agree; or n/a\n  culture-silos:');
    expect(text).toContain('# multiple — one or more, as a list like [chat, wiki]: chat = Team chat, wiki, none = None of these (only on its own)');
    expect(text).toContain('# number — a number from 0 to 40 (hours)\n  culture-hours:');
    expect(text).toContain('# (optional)\n  culture-mood:');
    expect(text).toContain('  # == Leadership support ==');
    expect(text).toContain('  # == Culture of collaboration ==');
  });

  it('is accepted blank by the answers loader, and filled in too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-template-'));
    const blank = join(dir, 'blank.yaml');
    writeFileSync(blank, renderTemplate(q));
    expect(loadAnswersFile(blank, q).problems).toEqual([]);
    const filled = join(dir, 'filled.yaml');
    writeFileSync(
      filled,
      renderTemplate(q)
        .replace('organization:', 'organization: Example Org')
        .replace('  lead-sponsor:', '  lead-sponsor: 4')
        .replace('  lead-budget:', '  lead-budget: yes')
        .replace('  culture-channels:', '  culture-channels: [chat, wiki]')
        .replace('  culture-hours:', '  culture-hours: 3'),
    );
    const checked = loadAnswersFile(filled, q);
    expect(checked.problems).toEqual([]);
    expect(checked.response.answers['lead-sponsor']).toMatchObject({ status: 'answered', value: 4 });
  });

  it('quotes ids that YAML would otherwise read as something else', () => {
    const odd: Questionnaire = {
      ...q,
      id: 'null',
      questions: [{ ...q.questions[1]!, id: 'true', when: undefined }, { ...q.questions[2]!, id: 'no' }],
    };
    const parsed = AnswersFile.parse(parse(renderTemplate(odd)));
    expect(parsed.questionnaire).toBe('null');
    expect(Object.keys(parsed.answers!)).toEqual(['true', 'no']);
  });

  it('comments every line of a question written over several lines', () => {
    const multi: Questionnaire = { ...q, questions: [{ ...q.questions[0]!, text: 'First line\nsecond line: with a colon' }] };
    const text = renderTemplate(multi);
    expect(text).toContain('  # First line\n  # second line: with a colon\n');
    expect(Object.keys(AnswersFile.parse(parse(text)).answers!)).toEqual(['lead-sponsor']);
  });

  it('gives one key per question id for every built-in questionnaire', () => {
    for (const summary of listQuestionnaires(mkdtempSync(join(tmpdir(), 'readiness-template-')))) {
      const builtIn = loadQuestionnaire(summary.file).questionnaire;
      const parsed = AnswersFile.parse(parse(renderTemplate(builtIn)));
      expect(parsed.questionnaire).toBe(builtIn.id);
      expect(Object.keys(parsed.answers!)).toEqual(builtIn.questions.map((x) => x.id));
    }
  });
});
