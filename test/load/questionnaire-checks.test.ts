// Cross-reference and shape checks, one mistake at a time, on variants of the
// complete minimal fixture. Each case names the exact place and sentence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { checkQuestionnaireText } from '../../src/load/questionnaire.js';

const BASE = readFileSync('test/fixtures/questionnaires/valid/minimal.yaml', 'utf8');

function problemsOf(text: string): string[] {
  return checkQuestionnaireText(text, 'q.yaml').problems.map(formatProblem);
}

/** [what is wrong, text replaced in the minimal fixture, replacement, problems expected] */
const CASES: Array<[string, string, string, string[]]> = [
  ["a question condition on the question itself", "when: { question: lead-sponsor, in: [3, 4] }", "when: { question: lead-budget, answered: true }", [
    "q.yaml:46:23 questions[1].when.question: a question's condition cannot refer to the question itself (\"lead-budget\")"
  ]],
  ["an overall test in a question condition", "when: { question: lead-sponsor, in: [3, 4] }", "when: { overall: true, gte: 50 }", [
    "q.yaml:46:11 questions[1].when: a question's condition can test only earlier answers, not scores (scores are known only at the end); test an earlier question instead"
  ]],
  ["a question condition on an unknown question", "when: { question: lead-sponsor, in: [3, 4] }", "when: { question: lead-sponsors, answered: true }", [
    "q.yaml:46:23 questions[1].when.question: unknown question \"lead-sponsors\" (did you mean \"lead-sponsor\"?); defined questions are: lead-sponsor, lead-budget, culture-silos, culture-channels, culture-mood, culture-hours, culture-size, culture-notes"
  ]],
  ["exclusive on a single-choice option", "{ value: punished, label: They are punished, score: 0 }", "{ value: punished, label: They are punished, score: 0, exclusive: true }", [
    "q.yaml:67:75 questions[4].options[0].exclusive: \"exclusive\" applies only to options of multiple-choice questions; remove it here"
  ]],
  ["min on a likert question", "    scale: agree4\n    weight: 2\n", "    scale: agree4\n    weight: 2\n    min: 1\n", [
    "q.yaml:41:5 questions[0].min: \"min\" applies only to number questions; this is a likert question"
  ]],
  ["number scoring with worst equal to best", "scoring: { worst: 0, best: 4 }", "scoring: { worst: 4, best: 4 }", [
    "q.yaml:78:14 questions[5].scoring: scoring.worst and scoring.best are both 4; they must differ"
  ]],
  ["a comparison on a yes/no question", "{ question: lead-budget, equals: \"no\" }", "{ question: lead-budget, gt: 1 }", [
    "q.yaml:135:40 pilots[1].notYet[0].when.gt: comparisons (lt, lte, gt, gte) apply only to number questions or numeric answer values; \"lead-budget\" is a yes/no question; use equals or in"
  ]],
  ["a score test without a comparison", "fits: { dimension: leadership, lt: 40 }", "fits: { dimension: leadership }", [
    "q.yaml:119:11 pilots[0].fits: a score test needs at least one of lt, lte, gt, gte (e.g. lt: 40)"
  ]],
  ["a score comparison outside 0..100", "fits: { dimension: leadership, lt: 40 }", "fits: { dimension: leadership, lt: 400 }", [
    "q.yaml:119:40 pilots[0].fits.lt: 400 is outside 0..100, the range of scores; the test would never change"
  ]],
  ["a duplicate pilot id", "  - id: anchor-team\n", "  - id: sponsor-first\n", [
    "q.yaml:120:9 pilots[1].id: duplicate pilot id \"sponsor-first\"; first defined at line 111"
  ]],
  ["a duplicate option label", "{ value: tolerated, label: They are tolerated", "{ value: tolerated, label: they are punished", [
    "q.yaml:68:36 questions[4].options[1].label: duplicate option label \"they are punished\"; first defined at line 67; answers may be given by label, so labels must differ"
  ]],
  ["the reserved n/a option value", "{ value: wiki, label: Wiki", "{ value: N/A, label: Wiki", [
    "q.yaml:60:18 questions[3].options[1].value: option value \"N/A\" is reserved for the \"not applicable\" answer; choose another value (use allowDontKnow / allowNotApplicable on the question instead)"
  ]],
  ["a yes/no question with options", "    text: Is there a budget for the first year?\n    type: yesno\n", "    text: Is there a budget for the first year?\n    type: yesno\n    options: [{ value: y, label: Y, score: 1 }, { value: n, label: N, score: 0 }]\n", [
    "q.yaml:46:14 questions[1].options: a yes/no question takes no \"options\"; remove them"
  ]],
  ["a multiple-choice question with scale and options", "    type: multiple\n", "    type: multiple\n    scale: agree4\n", [
    "q.yaml:60:7 questions[3].options: a multiple-choice question takes either a \"scale\" or \"options\", not both; remove one"
  ]],
  ["a level whose min is not below its max", "    min: 50\n    max: 100\n", "    min: 50\n    max: 50\n", [
    "q.yaml:101:10 levels[1].max: level \"ready\" ends at 50 but starts at 50; max must be greater than min"
  ]],
  ["levels that do not start at 0", "    min: 0\n    max: 50\n", "    min: 10\n    max: 50\n", [
    "q.yaml:95:10 levels[0].min: the lowest level \"early\" starts at 10; levels must cover 0..100, so the lowest one must start at 0"
  ]],
  ["a negative countAtLeast deep inside a condition", "{ question: culture-channels, countAtLeast: 1 }", "{ question: culture-channels, countAtLeast: -1 }", [
    "q.yaml:132:59 pilots[1].fits.all[2].any[0].countAtLeast: must be at least 0, not the number -1"
  ]],
  ["an empty all list", "fits: { dimension: leadership, lt: 40 }", "fits: { all: [] }", [
    "q.yaml:119:18 pilots[0].fits.all: must list at least one condition"
  ]],
  ["not with an extra key", "not: { question: culture-channels, includes: none }", "not: { question: culture-channels, includes: none }\n      also: true", [
    "q.yaml:91:7 questions[7].when.also: unknown key \"also\"; \"not\" stands alone in its condition"
  ]],
  ["an option value that is neither text nor a number", "{ value: chat, label: Team chat", "{ value: true, label: Team chat", [
    "q.yaml:59:18 questions[3].options[0].value: must be a text or a number, not true"
  ]],
  ["reverse on an unscored number question", "    type: number\n    min: 1\n", "    type: number\n    min: 1\n    reverse: true\n", [
    "q.yaml:84:14 questions[6].reverse: a number question without \"scoring\" is not scored, so it cannot be reversed; add scoring or remove reverse"
  ]],
  ["a misspelt key in a scale option", "{ value: 1, label: Strongly disagree, score: 0 }", "{ value: 1, label: Strongly disagree, scroe: 0 }", [
    "q.yaml:13:9 scales.agree4.options[0]: option \"1\" has no score; give every option a score from 0 (least ready) to 1 (most ready)",
    "q.yaml:13:47 scales.agree4.options[0].scroe: unknown key \"scroe\" (did you mean \"score\"?)"
  ]],
  ["a dimension weight below zero", "    weight: 2\n    threshold: 40\n", "    weight: -1\n    threshold: 40\n", [
    "q.yaml:23:13 dimensions[0].weight: weight must be more than 0, not -1"
  ]],
  ["findings for a misspelt level", "      ready: Leaders back the change visibly.", "      redy: Leaders back the change visibly.", [
    "q.yaml:27:7 dimensions[0].findings.redy: findings for unknown level \"redy\" (did you mean \"ready\"?); defined levels are: early, ready"
  ]],
  ["an unknown key with no close match", "    help: A sponsor secures budget and patience.\n", "    help: A sponsor secures budget and patience.\n    colour: red\n", [
    "q.yaml:38:5 questions[0].colour: unknown key \"colour\"; allowed keys here are: id, dimension, text, help, type, scale, options, min, max, unit, scoring, reverse, weight, required, allowDontKnow, allowNotApplicable, when, aggregate"
  ]],
  ["a question test with no test", "when: { question: lead-budget, equals: \"no\" }", "when: { question: lead-budget }", [
    "q.yaml:135:15 pilots[1].notYet[0].when: a question test needs at least one of equals, in, includes, countAtLeast, answered, lt, lte, gt, gte"
  ]],
  ["an in list with an unknown value", "in: [3, 4]", "in: [3, 9]", [
    "q.yaml:46:45 questions[1].when.in[1]: question \"lead-sponsor\" has no answer \"9\"; its values are: 1, 2, 3, 4"
  ]],
  ["a gate on a misspelt dimension", "when: { question: lead-sponsor, in: [1, 2] }", "when: { dimension: leadershp, lt: 30 }", [
    "q.yaml:106:24 gates[0].when.dimension: unknown dimension \"leadershp\" (did you mean \"leadership\"?); defined dimensions are: leadership, culture"
  ]],
  ["a text question with options", "    text: Anything else about how people work together?\n    type: text\n", "    text: Anything else about how people work together?\n    type: text\n    options: [{ value: a, label: A, score: 1 }, { value: b, label: B, score: 0 }]\n", [
    "q.yaml:88:14 questions[7].options: a text question takes no \"options\"; remove them"
  ]],
  ["a question without text", "    text: How many people work here?\n", "", [
    "q.yaml:79:5 questions[6].text: required key \"text\" is missing"
  ]],
  ["a condition with no known form", "fits: { dimension: leadership, lt: 40 }", "fits: { dimensoin: leadership, lt: 40 }", [
    "q.yaml:119:13 pilots[0].fits.dimensoin: unknown key \"dimensoin\" (did you mean \"dimension\"?); a condition starts with one of: all, any, not, dimension, question, overall"
  ]],
  ["an empty condition", "fits: { dimension: leadership, lt: 40 }", "fits: {}", [
    "q.yaml:119:11 pilots[0].fits: the condition is empty; it needs one of: all, any, not, dimension, question, overall"
  ]],
  ["a scale with one option", "      - { value: 2, label: Disagree, score: 0.3 }\n      - { value: 3, label: Agree, score: 0.7 }\n      - { value: 4, label: Strongly agree, score: 1 }\n", "", [
    "q.yaml:13:7 scales.agree4.options: must list at least 2 entries, but has 1",
    "q.yaml:43:42 questions[1].when.in[0]: question \"lead-sponsor\" has no answer \"3\"; its values are: 1",
    "q.yaml:43:45 questions[1].when.in[1]: question \"lead-sponsor\" has no answer \"4\"; its values are: 1",
    "q.yaml:103:45 gates[0].when.in[1]: question \"lead-sponsor\" has no answer \"2\"; its values are: 1"
  ]],
  ["a likert question with inline options", "    scale: agree4\n    reverse: true\n", "    scale: agree4\n    options: [{ value: a, label: A, score: 1 }, { value: b, label: B, score: 0 }]\n    reverse: true\n", [
    "q.yaml:52:14 questions[2].options: a likert question takes its answers from its scale, not from \"options\"; remove the options or use type single"
  ]],
  ["a single-choice question without options or scale", "    type: single\n    options:\n      - { value: punished, label: They are punished, score: 0 }\n      - { value: tolerated, label: They are tolerated, score: 0.5 }\n      - { value: learned, label: We learn from them, score: 1 }\n", "    type: single\n", [
    "q.yaml:65:11 questions[4].type: a single-choice question needs \"options\" or a \"scale\""
  ]],
  ["scales given as a list", "scales:\n  agree4:\n", "scales:\n  - agree4:\n", [
    "q.yaml:10:3 scales: must be a mapping of keys to values, not a list"
  ]],
  ["a scale key that is not a valid id", "scales:\n  agree4:\n", "scales:\n  Agree 4:\n    options: [{ value: a, label: A, score: 0 }, { value: b, label: B, score: 1 }]\n  agree4:\n", [
    "q.yaml:10:3 scales.Agree 4: scale id \"Agree 4\" is not valid: it must be lowercase letters, digits and single - or _ (e.g. \"agree5\")"
  ]],
  ["an exclusive option in a scale used by a likert question", "{ value: 4, label: Strongly agree, score: 1 }", "{ value: 4, label: Strongly agree, score: 1, exclusive: true }", [
    "q.yaml:39:12 questions[0].scale: scale \"agree4\" has an \"exclusive\" option, which only multiple-choice questions can use; use another scale",
    "q.yaml:51:12 questions[2].scale: scale \"agree4\" has an \"exclusive\" option, which only multiple-choice questions can use; use another scale"
  ]],
  ["a dimension weight too large to sum", "    weight: 2\n    threshold: 40\n", "    weight: 1e308\n    threshold: 40\n", [
    "q.yaml:23:13 dimensions[0].weight: 1e+308 is out of range; numbers in a questionnaire lie between -1e15 and 1e15, so scores computed from them stay finite"
  ]],
  ["number bounds too large to subtract", "    min: 0\n    max: 40\n", "    min: -1e308\n    max: 1e308\n", [
    "q.yaml:75:10 questions[5].min: -1e+308 is out of range; numbers in a questionnaire lie between -1e15 and 1e15, so scores computed from them stay finite",
    "q.yaml:76:10 questions[5].max: 1e+308 is out of range; numbers in a questionnaire lie between -1e15 and 1e15, so scores computed from them stay finite"
  ]],
  ["a score test no score can pass", "fits: { dimension: leadership, lt: 40 }", "fits: { dimension: leadership, gt: 100 }", [
    "q.yaml:119:11 pilots[0].fits: no score from 0 to 100 is above 100, so this test can never hold; check the numbers"
  ]],
  ["a score band with nothing inside", "fits: { dimension: leadership, lt: 40 }", "fits: { dimension: leadership, lt: 40, gte: 60 }", [
    "q.yaml:119:11 pilots[0].fits: no score from 0 to 100 is below 40 and at least 60, so this test can never hold; check the numbers"
  ]],
  ["an all of score tests that exclude each other", "fits: { dimension: leadership, lt: 40 }", "fits: { all: [{ dimension: leadership, lt: 40 }, { dimension: leadership, gt: 60 }] }", [
    "q.yaml:119:18 pilots[0].fits.all: the score of \"leadership\" cannot be below 40 and above 60 at once, so this \"all\" can never hold; check the numbers"
  ]],
  ["a number test outside the question's min..max", "{ question: culture-hours, gte: 2 }", "{ question: culture-hours, gt: 40 }", [
    "q.yaml:133:15 pilots[1].fits.all[2].any[1]: question \"culture-hours\" takes numbers from 0 to 40, none of them above 40, so this test can never hold; check it against the question's answers"
  ]],
  ["a scale comparison no option passes", "when: { question: lead-sponsor, in: [3, 4] }", "when: { question: lead-sponsor, gt: 4 }", [
    "q.yaml:46:11 questions[1].when: none of the answers of question \"lead-sponsor\" (1, 2, 3, 4) passes every test given, so this test can never hold; check it against the question's answers"
  ]],
  ["equals and in that exclude each other", "when: { question: lead-sponsor, in: [3, 4] }", "when: { question: lead-sponsor, equals: 2, in: [3, 4] }", [
    "q.yaml:46:11 questions[1].when: none of the answers of question \"lead-sponsor\" (1, 2, 3, 4) passes every test given, so this test can never hold; check it against the question's answers"
  ]],
  ["answered: false beside a value test", "when: { question: lead-sponsor, in: [3, 4] }", "when: { question: lead-sponsor, in: [3, 4], answered: false }", [
    "q.yaml:46:11 questions[1].when: \"answered: false\" holds only without an answer, and \"in\" tests the answer, so this test can never hold; check it against the question's answers"
  ]],
  ["more choices than a multiple-choice answer holds", "{ question: culture-channels, countAtLeast: 1 }", "{ question: culture-channels, countAtLeast: 3 }", [
    "q.yaml:132:15 pilots[1].fits.all[2].any[0]: an answer to question \"culture-channels\" holds at most 2 choices (an exclusive option stands alone), fewer than 3, so this test can never hold; check it against the question's answers"
  ]],
  ["terminal control sequences in texts", "title: Minimal readiness check", "title: \"Minimal \\e]0;pwned\\a\\e[2J check\"\n# a C1 control, the one-unit CSI\nreport: { title: \"x\\u009B2J\" }", [
    "q.yaml:4:8 title: the text holds the control character U+001B (character 9); it could rewrite the terminal that shows the questionnaire, so remove it (tabs and line breaks are fine)",
    "q.yaml:6:18 report.title: the text holds the control character U+009B (character 2); it could rewrite the terminal that shows the questionnaire, so remove it (tabs and line breaks are fine)"
  ]],
  // "Trojan Source": the text after U+202E reads backwards; right-to-left letters and the marks U+200E/U+200F are fine
  ["bidirectional controls in texts", "title: Minimal readiness check", "title: \"Minimal \u202Ekcehc\"\n# the marks at characters 6 and 14 are not refused\nreport: { title: \"שלום \u200F مرحبا \u200E x\u2066y\u2069\" }", [
    "q.yaml:4:8 title: the text holds the bidirectional control U+202E (character 9); it makes the text read in another order than it is written, on a terminal and in forms and reports, so remove it (right-to-left text needs none; the marks U+200E and U+200F are fine)",
    "q.yaml:6:18 report.title: the text holds the bidirectional control U+2066 (character 17); it makes the text read in another order than it is written, on a terminal and in forms and reports, so remove it (right-to-left text needs none; the marks U+200E and U+200F are fine)"
  ]],
];

describe('questionnaire checks', () => {
  it('accepts the minimal fixture that uses every feature', () => {
    expect(problemsOf(BASE)).toEqual([]);
  });

  for (const [what, from, to, expected] of CASES) {
    it(`refuses ${what}`, () => {
      expect(BASE).toContain(from);
      expect(problemsOf(BASE.replace(from, to))).toEqual(expected);
    });
  }
});

describe('checks of the scoring extensions (issue 10)', () => {
  const base = {
    id: 'x', title: 'X', version: '1', description: 'D.', minutes: 1,
    scales: { s: { options: [{ value: 1, label: 'One', score: 0 }, { value: 2, label: 'Two', score: 1 }] } },
    levels: [{ id: 'low', label: 'Low', min: 0, max: 50, description: 'L.' }, { id: 'high', label: 'High', min: 50, max: 100, description: 'H.' }],
  };
  const problemsOf = (extra: Record<string, unknown>) =>
    checkQuestionnaireText(JSON.stringify({ ...base, ...extra }), 'q.json').problems.map((p) => `${p.path}: ${p.message}`);

  it('reports a dimension whose findings miss a level', () => {
    const problems = problemsOf({
      dimensions: [{ id: 'd', title: 'D', description: 'D.', findings: { low: 'Weak.' } }],
      questions: [{ id: 'q', dimension: 'd', text: 'Q', type: 'likert', scale: 's' }],
    });
    expect(problems).toEqual(['dimensions[0].findings: no finding for level "high"; give one finding per level (a score in that band would otherwise get none)']);
  });

  it('checks top-box and net rules against the answers a question can get', () => {
    const problems = problemsOf({
      dimensions: [{ id: 'd', title: 'D', description: 'D.' }],
      questions: [
        { id: 'a', dimension: 'd', text: 'A', type: 'likert', scale: 's', aggregate: { method: 'net', high: [2, 7] } },
        { id: 'b', dimension: 'd', text: 'B', type: 'likert', scale: 's', reverse: true, aggregate: { method: 'top-box', high: [2], low: [1] } },
        { id: 'c', dimension: 'd', text: 'C', type: 'number', min: 0, max: 10, aggregate: { method: 'net', high: [9, 10], low: [0, 11] } },
      ],
    });
    expect(problems).toEqual(expect.arrayContaining([
      'questions[0].aggregate: net needs "low": the answers counted against it (e.g. low: [0, 1, 2, 3, 4, 5, 6])',
      'questions[0].aggregate.high[1]: "7" is not an answer of this question; its values are: 1, 2',
      'questions[1].aggregate.low: "low" applies only to net; remove it, or use method: net',
      'questions[1].reverse: a top-box question names its high answers itself, so it cannot be reversed; remove reverse and list the answers that count as high',
      'questions[2].aggregate.low[1]: 11 is outside the question\'s min..max',
    ]));
  });

  it('accepts the four instrument fixtures', () => {
    for (const name of ['change-readiness', 'usability-scale', 'maturity-quiz', 'recommendation']) {
      const file = join(import.meta.dirname, `../fixtures/instruments/${name}.yaml`);
      expect(checkQuestionnaireText(readFileSync(file, 'utf8'), file).problems, name).toEqual([]);
    }
  });
});
