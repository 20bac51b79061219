// plan.yaml is user input: every problem at once, each with file:line:column,
// a did-you-mean where a known id is close, and one clear sentence.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { checkPlanText } from '../../src/load/plan.js';
import { loadQuestionnaire } from '../../src/load/questionnaire.js';

const questionnaire = loadQuestionnaire('questionnaires/social-readiness.yaml').questionnaire;

const GOOD = `organization: Acme
questionnaire: social-readiness
baseline: { result: 2026-06-01-social-readiness.json, date: 2026-06-01 }
horizon: 2027-06-01
targets:
  leadership: { baseline: 31.4, target: 45 }
actions:
  - pilot: sponsor-first
    owner: Chief operating officer
    start: 2026-06-01
    due: 2026-09-30
    status: running
  - title: Publish a usage guide
    status: planned
`;

function problems(text: string, allowEmails = false): string[] {
  return checkPlanText(text, 'plan.yaml', questionnaire, { allowEmails }).problems.map(formatProblem);
}

describe('checkPlanText', () => {
  it('accepts a good plan and fills the defaults', () => {
    const check = checkPlanText(GOOD, 'plan.yaml', questionnaire);
    expect(check.problems).toEqual([]);
    expect(check.plan?.actions[1]).toEqual({ title: 'Publish a usage guide', status: 'planned' });
  });

  it('reports every problem of a bad plan at once, in file order, with its place', () => {
    const bad = `organization: Acme
questionnaire: social-readiness
baseline: { result: r.json, date: 2026-06-01 }
horizon: 2026-02-30
targets:
  leadrship: { baseline: 31.4, target: 45 }
  culture: { baseline: 70, target: 120 }
actions:
  - pilot: sponsor-frist
    status: planned
  - pilot: listening-sprint
    owner: jane.doe@example.org
    start: 2026-09-01
    due: 2026-08-01
    status: runing
  - owner: nobody
  - title: Extra
    stattus: done
`;
    expect(problems(bad)).toEqual([
      'plan.yaml:4:10 horizon: must be a real date written YYYY-MM-DD (e.g. 2026-11-29)',
      'plan.yaml:6:3 targets.leadrship: "leadrship" is not a dimension of "social-readiness" (did you mean "leadership"?); the dimensions are: leadership, culture, objectives, champions, engagement, capacity, governance',
      'plan.yaml:7:36 targets.culture.target: must be at most 100, not the number 120',
      'plan.yaml:9:12 actions[0].pilot: unknown pilot "sponsor-frist" (did you mean "sponsor-first"?); the questionnaire\'s pilots are: sponsor-first, leaders-in-the-open, guardrails-sprint, listening-sprint, problem-first-workshop, test-and-learn-sprint, silo-straddler-network, one-new-thing, anchor-team, learning-by-doing, community-of-practice, scale-out',
      'plan.yaml:12:12 actions[1].owner: is an e-mail address, and reports show no e-mail addresses unless made with --show-respondents; write a name or a role instead',
      'plan.yaml:14:10 actions[1].due: the due date 2026-08-01 is before the start 2026-09-01; put the due date on or after the start',
      'plan.yaml:15:13 actions[1].status: the text "runing" is not allowed here (did you mean "running"?); use one of: planned, running, done, dropped',
      'plan.yaml:16:5 actions[2]: an action needs `pilot: <id>` (a pilot of the questionnaire) or `title: "..."` (an action of your own)',
      'plan.yaml:18:5 actions[3].stattus: unknown key "stattus" (did you mean "status"?)',
    ]);
  });

  it('accepts an e-mail owner when the report may show respondents', () => {
    expect(problems(GOOD.replace('Chief operating officer', 'coo@example.org'), true)).toEqual([]);
    expect(problems(GOOD.replace('Chief operating officer', 'coo@example.org'))).toHaveLength(1);
  });

  it('refuses an e-mail address in an action title as in an owner: the report prints both', () => {
    const titled = GOOD.replace('title: Publish a usage guide', 'title: "Send the guide to staff@example.org"');
    expect(problems(titled)).toEqual([
      'plan.yaml:13:12 actions[1].title: holds an e-mail address, and reports show no e-mail addresses unless made with --show-respondents; name a person or a role instead',
    ]);
    expect(problems(titled, true)).toEqual([]);
  });

  it('refuses a horizon more than 100 years after the baseline (9999-12-31 crashed the roadmap)', () => {
    expect(problems(GOOD.replace('horizon: 2027-06-01', 'horizon: 9999-12-31'))).toEqual([
      'plan.yaml:4:10 horizon: the horizon 9999-12-31 is more than 100 years after the baseline date 2026-06-01; give the date by which the targets should be reached',
    ]);
    expect(problems(GOOD.replace('horizon: 2027-06-01', 'horizon: 2126-06-01'))).toEqual([]);
  });

  it('names a plan made for another questionnaire once, instead of every id', () => {
    expect(problems(GOOD.replace('questionnaire: social-readiness', 'questionnaire: quick-check'))).toEqual([
      'plan.yaml:2:16 questionnaire: this plan is for the questionnaire "quick-check", but the results use "social-readiness"; fix the id or make a new plan with `readiness plan --org <name> --force`',
    ]);
  });

  it('refuses syntax errors, an empty file and a list with one sentence each', () => {
    expect(problems('organization: [')[0]).toMatch(/^plan\.yaml:1:\d+ YAML syntax error/);
    expect(problems('')).toEqual(['plan.yaml:1:1 the plan is empty; run `readiness plan --org <name> --force` to write a fresh one.']);
    expect(problems('- a\n')).toEqual(['plan.yaml:1:1 a plan must be a mapping with organization, questionnaire, baseline, horizon, targets and actions; see docs/plans.md.']);
  });
});
