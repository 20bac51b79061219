// The two-round story on the built binary (build first: npm run build):
// round 1 assess → `plan` → the client edits the plan (one pilot running, one
// done, one dropped, an action of their own) → round 2 assess → the report
// shows what moved, targets, gaps, progress and action status, and does not
// recommend the running pilot again.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readiness, ROOT } from '../helpers/binary.js';
import { lintMarkdown } from '../helpers/markdownlint.js';
import { section } from '../helpers/markdown.js';

describe('plans across two rounds (built binary)', () => {
  it('round 1 → plan → edits → round 2 shows targets, progress, status and does not recommend a running pilot again', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-plan-'));
    cpSync(join(ROOT, 'reports/examples/example-org-answers.yaml'), join(cwd, 'round1.yaml'));

    // Round 1.
    const r1 = readiness(cwd, ['assess', '--answers', 'round1.yaml', '--org', 'Acme', '--date', '2026-06-01']);
    expect(r1.code, r1.stderr).toBe(0);
    const report1 = readFileSync(join(cwd, 'reports/acme/2026-06-01-social-readiness.md'), 'utf8');
    expect(section(report1, 'Recommended pilots')).toContain('Pilot 1: From support to resources');
    expect(section(report1, 'Roadmap')).toContain('A proposed roadmap from 2026-06-01');
    expect(section(report1, 'Since the last round')).toContain('This is the first assessment of Acme');

    // The plan, written once and never replaced without --force.
    const p = readiness(cwd, ['plan', '--org', 'Acme']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('Wrote the plan of Acme: reports/acme/plan.yaml');
    const planPath = join(cwd, 'reports/acme/plan.yaml');
    const written = readFileSync(planPath, 'utf8');
    expect(written).toContain('  leadership: { baseline: 31.43, target: 45 }');
    const again = readiness(cwd, ['plan', '--org', 'Acme']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('reports/acme/plan.yaml already exists; use --force to overwrite');
    expect(readFileSync(planPath, 'utf8')).toBe(written);

    // The client's edits: sponsor-first running, the workshop done, leaders-in-the-open dropped, an action of their own.
    const edited = written
      .replace(/(- pilot: sponsor-first[^\n]*\n)    owner: ""\n    start: \S+\n    due: \S+\n    status: planned/, '$1    owner: "Chief operating officer"\n    start: 2026-06-01\n    due: 2026-09-30\n    status: running')
      .replace(/(- pilot: problem-first-workshop[^\n]*\n)    owner: ""\n    start: \S+\n    due: \S+\n    status: planned/, '$1    owner: "Head of Strategy"\n    start: 2026-06-15\n    due: 2026-08-15\n    status: done')
      .replace(/(- pilot: leaders-in-the-open[^\n]*\n    owner: ""\n    start: \S+\n    due: \S+\n)    status: planned/, '$1    status: dropped')
      .concat('  - title: "Publish a one-page usage guide"\n    owner: "IT lead"\n    start: 2026-07-01\n    due: 2026-10-01\n    status: planned\n');
    expect(edited).toContain('status: running');
    expect(edited).toContain('status: done');
    expect(edited).toContain('status: dropped');
    writeFileSync(planPath, edited);
    const check = readiness(cwd, ['plan', '--org', 'Acme', '--check']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('reports/acme/plan.yaml is valid: 7 targets, 4 actions (1 running, 1 done, 1 planned, 1 dropped)');

    // Round 2, six months later: leadership improved.
    const round2 = readFileSync(join(cwd, 'round1.yaml'), 'utf8').replace(/^  lead-commit: 2$/m, '  lead-commit: 4').replace(/^  lead-middle: 2$/m, '  lead-middle: 4');
    expect(round2).not.toBe(readFileSync(join(cwd, 'round1.yaml'), 'utf8'));
    writeFileSync(join(cwd, 'round2.yaml'), round2);
    const r2 = readiness(cwd, ['assess', '--answers', 'round2.yaml', '--org', 'Acme', '--date', '2026-12-01']);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stdout).toContain('Since 2026-06-01: overall 47 → 50 (+3)');
    expect(r2.stdout).toContain('Overdue on 2026-12-01: From support to resources, Publish a one-page usage guide');
    const md = readFileSync(join(cwd, 'reports/acme/2026-12-01-social-readiness.md'), 'utf8');
    expect(lintMarkdown(md)).toEqual([]);

    // the CEO page says what is due: the plan's open actions, the overdue one first
    expect(section(md, 'Executive summary')).toMatch(/\*\*Next 30 days:\*\* [^\n]*\(Chief operating officer\), overdue since 2026-09-30/);
    // the plan's target beside today's score, readable in Markdown
    expect(section(md, 'Targets and progress')).toContain('█ is today’s score and ▒ what remains to the target');

    const since = section(md, 'Since the last round');
    expect(since).toContain('Compared with the assessment of 2026-06-01:');
    expect(since).toContain('- Level: Emerging then, Developing now.');
    expect(since).toContain('| Leadership support | 31 | 46 | +15 |');

    const targets = section(md, 'Targets and progress');
    expect(targets).toContain('| Dimension | Baseline | Today | Target | Gap | Progress | Today and target |');
    // leadership: (45.7 − 31.4) / (45 − 31.4) = 14.3 / 13.6 = 105%
    expect(targets).toMatch(/\| Leadership support \| 31 \| 46 \| 45 \| reached \| 10[45]% \|/);
    expect(targets).toContain('| Objectives and strategy | 49 | 49 | 65 | 16 | 0% |');
    expect(targets).toContain('| From support to resources | Chief operating officer | 2026-06-01 | 2026-09-30 | Running, **overdue** (due 2026-09-30) |');
    expect(targets).toContain('| Problem-first workshop | Head of Strategy | 2026-06-15 | 2026-08-15 | Done |');
    expect(targets).toContain('| Leaders in the open | not named | ');
    expect(targets).toContain('| Dropped |');

    // The running pilot is not recommended again: it is listed as in progress, with what moved since its start.
    const pilots = section(md, 'Recommended pilots');
    expect(pilots).not.toMatch(/### Pilot \d: From support to resources/);
    expect(pilots).not.toMatch(/### Pilot \d: Problem-first workshop/);
    expect(pilots).toContain('- **From support to resources**: in progress since 2026-06-01; owner Chief operating officer. Since the assessment of 2026-06-01: Leadership support 31 → 46 (+15).');
    expect(pilots).toContain('- **Leaders in the open**: dropped in the plan');
    const result = JSON.parse(readFileSync(join(cwd, 'reports/acme/2026-12-01-social-readiness.json'), 'utf8'));
    expect(result.pilots.map((x: { id: string }) => x.id)).not.toContain('sponsor-first');

    const roadmap = section(md, 'Roadmap');
    expect(roadmap).toContain('| From support to resources | Chief operating officer | 2026-06-01 | 2026-09-30 | Running |');
    expect(roadmap).not.toContain('Leaders in the open');

    // `report` re-renders the stored result byte for byte.
    const rerender = readiness(cwd, ['report', 'reports/acme/2026-12-01-social-readiness.json']);
    expect(rerender.stdout).toBe(md);
  });

  it('refuses a broken plan at assessment time with file:line:column, and an e-mail owner without --show-respondents', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-plan-'));
    cpSync(join(ROOT, 'reports/examples/example-org-answers.yaml'), join(cwd, 'a.yaml'));
    expect(readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', 'Acme', '--date', '2026-06-01']).code).toBe(0);
    expect(readiness(cwd, ['plan', '--org', 'Acme']).code).toBe(0);
    const planPath = join(cwd, 'reports/acme/plan.yaml');
    writeFileSync(planPath, readFileSync(planPath, 'utf8').replace('owner: ""', 'owner: "coo@example.org"').replace('status: planned', 'status: finished'));
    const r = readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', 'Acme', '--date', '2026-12-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('reports/acme/plan.yaml is not a valid plan: 2 problems found');
    expect(r.stderr).toMatch(/reports\/acme\/plan\.yaml:\d+:\d+ actions\[0\]\.owner: is an e-mail address/);
    expect(r.stderr).toMatch(/reports\/acme\/plan\.yaml:\d+:\d+ actions\[0\]\.status: the text "finished" is not allowed here; use one of: planned, running, done, dropped/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('finds the earlier round and the plan of an organization named in another script (its folder is transliterated)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-plan-'));
    cpSync(join(ROOT, 'reports/examples/example-org-answers.yaml'), join(cwd, 'a.yaml'));
    const org = '日本電気';
    expect(readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', org, '--date', '2026-06-01']).code).toBe(0);
    const r2 = readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', org, '--date', '2026-09-01']);
    expect(r2.code, r2.stderr).toBe(0);
    const folder = /Result: reports\/(ri-ben-dian-qi-[0-9a-f]+)\//.exec(r2.stdout)![1]!;
    const report2 = readFileSync(join(cwd, 'reports', folder, '2026-09-01-social-readiness.md'), 'utf8');
    expect(section(report2, 'Since the last round')).toContain('Compared with the assessment of 2026-06-01');
    const p = readiness(cwd, ['plan', '--org', org]);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain(`Wrote the plan of ${org}: reports/${folder}/plan.yaml`);
    expect(readiness(cwd, ['plan', '--org', org, '--check']).code).toBe(0);
    const r3 = readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', org, '--date', '2026-12-01']);
    expect(r3.code, r3.stderr).toBe(0);
    const report3 = readFileSync(join(cwd, 'reports', folder, '2026-12-01-social-readiness.md'), 'utf8');
    expect(section(report3, 'Targets and progress')).toContain('| Dimension | Baseline | Today | Target | Gap | Progress |');
  });

  it('writes no plan through a symbolic link out of the reports folder, as assess writes no result there', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-plan-'));
    cpSync(join(ROOT, 'reports/examples/example-org-answers.yaml'), join(cwd, 'a.yaml'));
    expect(readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', 'Acme', '--date', '2026-06-01', '--dir', 'elsewhere']).code).toBe(0);
    mkdirSync(join(cwd, 'reports'));
    symlinkSync(join(cwd, 'elsewhere/acme'), join(cwd, 'reports/acme'));
    const r = readiness(cwd, ['plan', '--org', 'Acme']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to write into reports/acme: it leads outside the output folder');
    expect(existsSync(join(cwd, 'elsewhere/acme/plan.yaml'))).toBe(false);
  });

  it('--force replaces the plan but keeps the one it replaced (the user\'s edits) beside it, never through a link', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-plan-'));
    cpSync(join(ROOT, 'reports/examples/example-org-answers.yaml'), join(cwd, 'a.yaml'));
    expect(readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', 'Acme', '--date', '2026-06-01']).code).toBe(0);
    expect(readiness(cwd, ['plan', '--org', 'Acme']).code).toBe(0);
    const plan = join(cwd, 'reports/acme/plan.yaml');
    const proposed = readFileSync(plan, 'utf8');
    writeFileSync(plan, `${proposed}# our edits\n`);
    for (const kept of ['plan.previous.yaml', 'plan.previous-2.yaml']) {
      const r = readiness(cwd, ['plan', '--org', 'Acme', '--force']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`\nThe plan it replaced is kept as reports/acme/${kept}.\n`);
      expect(readFileSync(plan, 'utf8')).toBe(proposed);
    }
    expect(readFileSync(join(cwd, 'reports/acme/plan.previous.yaml'), 'utf8')).toBe(`${proposed}# our edits\n`);
    expect(readFileSync(join(cwd, 'reports/acme/plan.previous-2.yaml'), 'utf8')).toBe(proposed);
    // a plan.yaml that is a link is refused as before, and nothing is kept through it
    writeFileSync(join(cwd, 'theirs.yaml'), 'theirs');
    rmSync(plan);
    symlinkSync(join(cwd, 'theirs.yaml'), plan);
    const link = readiness(cwd, ['plan', '--org', 'Acme', '--force']);
    expect(link.code).toBe(1);
    expect(link.stderr).toContain('reports/acme/plan.yaml is a symbolic link');
    expect(existsSync(join(cwd, 'reports/acme/plan.previous-3.yaml'))).toBe(false);
    expect(readFileSync(join(cwd, 'theirs.yaml'), 'utf8')).toBe('theirs');
  });

  it('--check names a plan made for a questionnaire the organization has no result of, as assess does', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-plan-'));
    cpSync(join(ROOT, 'reports/examples/example-org-answers.yaml'), join(cwd, 'a.yaml'));
    expect(readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', 'Acme', '--date', '2026-06-01']).code).toBe(0);
    expect(readiness(cwd, ['plan', '--org', 'Acme']).code).toBe(0);
    const planPath = join(cwd, 'reports/acme/plan.yaml');
    writeFileSync(planPath, readFileSync(planPath, 'utf8').replace('questionnaire: social-readiness', 'questionnaire: quick-check'));
    const mismatch = 'reports/acme/plan.yaml:4:16 questionnaire: this plan is for the questionnaire "quick-check", but the results use "social-readiness"';
    const assess = readiness(cwd, ['assess', '--answers', 'a.yaml', '--org', 'Acme', '--date', '2026-12-01']);
    expect(assess.code).toBe(1);
    expect(assess.stderr).toContain(mismatch);
    const check = readiness(cwd, ['plan', '--org', 'Acme', '--check']);
    expect(check.code).toBe(1);
    // not four "is not a dimension of quick-check" lines
    expect(check.stderr).toContain('is not a valid plan: 1 problem found');
    expect(check.stderr).toContain(mismatch);
  });
});
