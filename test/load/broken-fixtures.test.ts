// Every broken fixture is refused with its exact place (line:column), the path
// inside the document and the plain sentence a user would read.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { checkQuestionnaireFile, loadQuestionnaire } from '../../src/load/questionnaire.js';

const DIR = 'test/fixtures/questionnaires/broken';

/** file -> the problems expected, as printed after the file name ("<line>:<col> <path>: <message>"). */
const EXPECTED: Record<string, string[]> = {
  'alias-bomb.yaml': [
    "1:1 the document expands too many YAML aliases (a possible \"alias bomb\"); write the values out instead of using * aliases",
  ],
  'condition-includes-on-single.yaml': [
    "34:37 gates[0].when.includes: \"includes\" applies only to multiple-choice questions; \"lead-sponsor\" is a likert question; use equals or in",
  ],
  'condition-later-question.yaml': [
    "25:23 questions[0].when.question: refers to question \"culture-share\", which comes later (line 26); a question can depend only on earlier questions",
  ],
  'condition-not-a-mapping.yaml': [
    "45:11 pilots[0].fits: must be a condition (a mapping such as { dimension: leadership, lt: 40 }), not the text \"culture is strong\"; a condition starts with one of: all, any, not, dimension, question, overall",
  ],
  'condition-score-in-question.yaml': [
    "29:11 questions[1].when: a question's condition can test only earlier answers, not scores (scores are known only at the end); test an earlier question instead",
  ],
  'condition-two-forms.yaml': [
    "34:11 gates[0].when: a condition tests one thing, but this one has \"dimension\" and \"question\"; combine several tests with all: [...] or any: [...]",
  ],
  'condition-unknown-answer.yaml': [
    "34:45 gates[0].when.equals: question \"lead-sponsor\" has no answer \"7\"; its values are: 1, 2, 3",
  ],
  'condition-unknown-key.yaml': [
    "45:11 pilots[0].fits: a score test needs at least one of lt, lte, gt, gte (e.g. lt: 40)",
    "45:33 pilots[0].fits.above: unknown key \"above\"; allowed keys here are: dimension, lt, lte, gt, gte",
  ],
  'condition-unknown-question.yaml': [
    "34:23 gates[0].when.question: unknown question \"lead-sponsr\" (did you mean \"lead-sponsor\"?); defined questions are: lead-sponsor, culture-share",
  ],
  'dimension-without-scored-question.yaml': [
    "16:9 dimensions[1].id: dimension \"culture\" has no scored question, so it can never get a score; add a likert, choice, yes/no or scored number question",
  ],
  'duplicate-dimension-id.yaml': [
    "16:9 dimensions[1].id: duplicate dimension id \"leadership\"; first defined at line 13",
    "26:16 questions[1].dimension: unknown dimension \"culture\"; defined dimensions are: leadership",
    "45:24 pilots[0].fits.dimension: unknown dimension \"culture\"; defined dimensions are: leadership",
  ],
  'duplicate-option-value.yaml': [
    "11:18 scales.agree3.options[2].value: duplicate option value \"2\"; first defined at line 10",
  ],
  'duplicate-question-id.yaml': [
    "25:9 questions[1].id: duplicate question id \"lead-sponsor\"; first defined at line 20",
  ],
  'empty-dimension.yaml': [
    "19:9 dimensions[2].id: dimension \"capacity\" has no questions; add at least one question with dimension: capacity, or remove the dimension",
  ],
  'empty-file.yaml': [
    "1:1 the file is empty; a questionnaire is a YAML mapping with id, title, version, description, minutes, dimensions, questions and levels",
  ],
  'findings-unknown-level.yaml': [
    "17:7 dimensions[0].findings.beginner: findings for unknown level \"beginner\"; defined levels are: early, ready",
  ],
  'gate-missing-when.yaml': [
    "33:5 gates[0].when: required key \"when\" is missing; it takes a condition such as { dimension: leadership, lt: 40 }",
  ],
  'gate-unknown-level.yaml': [
    "35:10 gates[0].cap: unknown level \"emerging\"; defined levels are: early, ready",
  ],
  'invalid-id.yaml': [
    "1:5 id: must be lowercase letters, digits and single - or _ (e.g. \"leader-sponsor\"), not the text \"Broken Example\"",
  ],
  'level-gap.yaml': [
    "31:37 levels[1].min: levels leave a gap from 50 to 60: \"early\" ends at 50 but \"ready\" starts at 60; make each level start where the previous one ends",
  ],
  'level-not-covering-100.yaml': [
    "31:46 levels[1].max: the highest level \"ready\" ends at 90; levels must cover 0..100, so the highest one must end at 100",
  ],
  'level-overlap.yaml': [
    "31:37 levels[1].min: level \"ready\" starts at 40, inside level \"early\" (0 to 50); levels must not overlap, so make it start at 50",
  ],
  'likert-without-scale.yaml': [
    "23:11 questions[0].type: a likert question needs a \"scale\"; defined scales are: agree3",
  ],
  'missing-required-key.yaml': [
    "1:1 title: required key \"title\" is missing",
  ],
  'not-utf8.yaml': [
    "2:18 this file has byte 0xE9, which is not valid UTF-8 (it looks like Latin-1 or windows-1252); save the file as UTF-8 and try again",
  ],
  'number-min-not-below-max.yaml': [
    "34:10 questions[2].max: max (5) must be greater than min (10)",
  ],
  'option-without-score.yaml': [
    "11:9 scales.agree3.options[2]: option \"3\" has no score; give every option a score from 0 (least ready) to 1 (most ready)",
  ],
  'reserved-option-value.yaml': [
    "10:18 scales.agree3.options[1].value: option value \"dont-know\" is reserved for the \"don't know\" answer; choose another value (use allowDontKnow / allowNotApplicable on the question instead)",
  ],
  'reverse-on-text.yaml': [
    "33:14 questions[2].reverse: a text question is not scored, so it cannot be reversed; remove reverse",
  ],
  'score-out-of-range.yaml': [
    "10:43 scales.agree3.options[1].score: score 1.5 is outside 0..1; scores run from 0 (least ready) to 1 (most ready)",
  ],
  'several-problems.yaml': [
    "5:10 minutes: must be more than 0, not the number -1",
    "24:12 questions[0].scale: unknown scale \"agree5\" (did you mean \"agree3\"?); defined scales are: agree3",
    "31:37 levels[1].min: levels leave a gap from 50 to 55: \"early\" ends at 50 but \"ready\" starts at 55; make each level start where the previous one ends",
    "35:10 gates[0].cap: unknown level \"top\"; defined levels are: early, ready",
  ],
  'single-with-scale-and-options.yaml': [
    "26:7 questions[0].options: a single-choice question takes either a \"scale\" or \"options\", not both; remove one",
    "37:45 gates[0].when.equals: question \"lead-sponsor\" has no answer \"1\"; its values are: a, b",
  ],
  'top-level-list.yaml': [
    "1:1 the document is a list, but a questionnaire must be a mapping of keys (id, title, version, ...) at the top level",
  ],
  'unknown-dimension.yaml': [
    "13:9 dimensions[0].id: dimension \"leadership\" has no questions; add at least one question with dimension: leadership, or remove the dimension",
    "21:16 questions[0].dimension: unknown dimension \"leadershp\" (did you mean \"leadership\"?); defined dimensions are: leadership, culture",
  ],
  'unknown-key-typo.yaml': [
    "24:5 questions[0].hlep: unknown key \"hlep\" (did you mean \"help\"?)",
  ],
  'unknown-question-type.yaml': [
    "23:11 questions[0].type: the text \"likret\" is not allowed here (did you mean \"likert\"?); use one of: likert, single, multiple, yesno, number, text",
  ],
  'unknown-scale.yaml': [
    "24:12 questions[0].scale: unknown scale \"likert7\"; defined scales are: agree3",
  ],
  'unknown-top-level-key.yaml': [
    "6:1 colour: unknown key \"colour\"; allowed keys here are: id, title, version, description, minutes, scales, dimensions, questions, levels, gates, pilots, minCoverage, lowCoverage, display, report, contradictions, barrierPoint, roadmap",
  ],
  'version-as-number.yaml': [
    "3:10 version: must be a text, not the number 1; put it in quotes to make it a text",
  ],
  'weight-not-positive.yaml': [
    "25:13 questions[0].weight: weight must be more than 0, not 0; to keep a question out of the score, make it a text question",
  ],
  'wrong-type.yaml': [
    "5:10 minutes: must be a number, not the text \"five\"",
  ],
  'yaml-duplicate-key.yaml': [
    "6:1 YAML syntax error: map keys must be unique. Fix the syntax at this place",
  ],
  'yaml-syntax-error.yaml': [
    "29:1 YAML syntax error: sequence item without - indicator. Fix the syntax at this place",
  ],
};

describe('broken questionnaire fixtures', () => {
  it('has at least 20 distinct broken fixtures, each with expectations', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: reports exactly where and what`, () => {
      const file = `${DIR}/${name}`;
      const { loaded, problems } = checkQuestionnaireFile(file);
      expect(loaded).toBeUndefined();
      expect(problems.map(formatProblem)).toEqual(expected.map((e) => `${file}:${e}`));
      expect(() => loadQuestionnaire(file)).toThrow(/is not a valid questionnaire|not valid UTF-8/);
    });
  }
});
