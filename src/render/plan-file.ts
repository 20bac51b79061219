// plan.yaml as the tool first writes it: the plan's values with comments that
// say what each field means, so a consultant can edit it without the docs.
// Strings are written in YAML's double-quoted form (JSON strings are valid YAML).
import type { PlanFile } from '../model/plan.js';
import type { Questionnaire } from '../model/questionnaire.js';

const q = (s: string): string => JSON.stringify(s);

export function renderPlanFile(plan: PlanFile, questionnaire: Questionnaire): string {
  const titles = new Map(questionnaire.dimensions.map((d) => [d.id, d.title]));
  const pilots = new Map(questionnaire.pilots.map((p) => [p.id, p.title]));
  const out: string[] = [
    `# The plan of ${plan.organization.replace(/\s+/g, ' ')}: your decisions, not the tool's. Edit it freely;`,
    '# readiness reads it at every assessment and never overwrites it. See docs/plans.md.',
    `organization: ${q(plan.organization)}`,
    `questionnaire: ${plan.questionnaire}`,
    'baseline:                        # the result this plan was made from (kept beside this file)',
    `  result: ${q(plan.baseline.result)}`,
    `  date: ${plan.baseline.date}`,
    `horizon: ${plan.horizon}               # when the targets should be reached; the roadmap's phases split the time until then`,
    '# capacity: 2                    # pilots at once; uncomment to override the questionnaire\'s capacity rules',
    '',
    '# A target per dimension, 0..100. Default: the lower bound of the next level for a dimension',
    '# below its threshold, today\'s score otherwise. Progress = (today - baseline) / (target - baseline).',
    'targets:',
  ];
  const targetIds = Object.keys(plan.targets);
  if (targetIds.length === 0) out[out.length - 1] = 'targets: {}';
  for (const id of targetIds) {
    const t = plan.targets[id]!;
    out.push(`  ${id}: { baseline: ${t.baseline === null ? 'null' : t.baseline}, target: ${t.target} }   # ${(titles.get(id) ?? id).replace(/\s+/g, ' ')}`);
  }
  out.push(
    '',
    '# Actions: a pilot of the questionnaire (pilot: <id>) or your own (title: "..."). status is one of',
    '# planned, running, done, dropped. A pilot running or done is not recommended again; dates are YYYY-MM-DD.',
    '# owner: a name or a role. Reports show no e-mail addresses unless assessed with --show-respondents.',
  );
  if (plan.actions.length === 0) out.push('actions: []');
  else out.push('actions:');
  for (const a of plan.actions) {
    const head = a.pilot !== undefined ? `  - pilot: ${a.pilot}` : `  - title: ${q(a.title ?? '')}`;
    out.push(a.pilot !== undefined && pilots.has(a.pilot) ? `${head}   # ${pilots.get(a.pilot)!.replace(/\s+/g, ' ')}` : head);
    if (a.pilot !== undefined && a.title !== undefined) out.push(`    title: ${q(a.title)}`);
    out.push(`    owner: ${q(a.owner ?? '')}`);
    if (a.start) out.push(`    start: ${a.start}`);
    if (a.due) out.push(`    due: ${a.due}`);
    out.push(`    status: ${a.status}`);
    if (a.note) out.push(`    note: ${q(a.note)}`);
  }
  return `${out.join('\n')}\n`;
}
