import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Result } from '../../src/model/result.js';
import { REPORT_SECTIONS, renderReport } from '../../src/render/report.js';
import { lintMarkdown, markdownlintConfig } from '../helpers/markdownlint.js';
import { RESULTS_DIR, fixtureNames, loadFixture } from './fixtures.js';
import { section } from '../helpers/markdown.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

function h2(md: string): string[] {
  return md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
}

/** The lines of one `### ` subsection. */
function subsection(md: string, title: string): string {
  const lines = md.split('\n');
  const start = lines.indexOf(`### ${title}`);
  expect(start, `subsection ${title}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^#{1,3} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

describe('the markdownlint check', () => {
  it('uses the committed config: every rule on except line length', () => {
    expect(markdownlintConfig()).toEqual({ default: true, MD013: false });
  });

  it('reports real problems, so a clean result means something', () => {
    expect(lintMarkdown('#No space\n\n| a | b |\n| --- |\n| 1 | 2 | 3 |\n<b>x</b>\n')).toEqual(
      expect.arrayContaining([expect.stringContaining('MD018'), expect.stringContaining('MD033'), expect.stringContaining('MD041')]),
    );
  });
});

describe('renderReport on the fixture results', () => {
  it('has the expected fixtures, schema 1 results that are valid once upgraded (their golden reports predate schema 2)', () => {
    expect(fixtureNames()).toEqual(['hostile-multi', 'hostile-single', 'multi', 'partial', 'single']);
    for (const name of fixtureNames()) {
      expect(JSON.parse(readFileSync(`${RESULTS_DIR}${name}.json`, 'utf8')).schemaVersion, name).toBe(1);
      expect(Result.safeParse(loadFixture(name)).success, name).toBe(true);
    }
  });

  for (const name of fixtureNames()) {
    describe(name, () => {
      const md = renderReport(loadFixture(name));

      it('matches its golden report (UPDATE_GOLDEN=1 rewrites it)', () => {
        const golden = `${RESULTS_DIR}${name}.md`;
        if (UPDATE) writeFileSync(golden, md);
        expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/render`).toBe(true);
        expect(md).toBe(readFileSync(golden, 'utf8'));
      });

      it('passes markdownlint with the committed config', () => {
        expect(lintMarkdown(md)).toEqual([]);
      });

      it('has the fixed list of sections, in order, and one title', () => {
        expect(h2(md)).toEqual([...REPORT_SECTIONS]);
        expect(md.split('\n').filter((l) => l.startsWith('# '))).toHaveLength(1);
      });
    });
  }
});

describe('renderReport content (single respondent)', () => {
  const md = renderReport(loadFixture('single'));

  it('opens with the organization and a metadata table', () => {
    expect(md.startsWith('# Northwind Housing Association: social media readiness\n')).toBe(true);
    expect(md).toContain('| Organization | Northwind Housing Association |');
    expect(md).toContain('| Date | 2026-11-29 |');
    expect(md).toContain('| Questionnaire | Quick readiness check (quick-check), version 1.0.0 |');
    expect(md).toContain('| Respondents | 1 (Head of Communications) |');
    expect(md).toContain('| Status | Complete');
  });

  it('gives the executive summary: level, score, gate, barrier, strengths, risks, first pilot, expectations', () => {
    const summary = section(md, 'Executive summary');
    expect(summary).toContain('**Readiness level: Starting** (level 1 of 4), overall score **55/100**.');
    expect(summary).toContain('The basics for shared, open work are not in place yet');
    expect(summary).toContain('would reach Emerging, but the level is held at Starting because:');
    expect(summary).toContain('- No senior sponsor is named');
    expect(summary).toContain('**Fix this first: Leadership support.** It scores 19/100, below its threshold of 50.');
    // a top-scoring item in a low-coverage dimension is not shown as a strength
    expect(summary).not.toContain('- “The business problems that tools should help with are written down.”: Yes (100/100)');
    expect(summary).toContain('- “People share work in progress with other teams.”: Agree (75/100)');
    // the client's own words: their stated problem and their notes
    expect(summary).toContain('- “Tenants wait too long for answers that another team already has.” (asked: What is the first problem you want to solve?)');
    expect(summary).toContain('- “The director likes the idea but has not said so in public.” (note on:');
    expect(summary).toContain('- “Time and budget are set aside for the change.”: No (0/100)');
    expect(summary).toContain('**First pilot: Sponsor first.**');
    expect(summary).toContain('18 months to 3 years');
    expect(summary).toContain('1 or 2 of every 14 people');
  });

  it('draws a Mermaid bar chart and a text bar table of the dimension scores', () => {
    const glance = section(md, 'Scores at a glance');
    // horizontal bars with their values printed: seven long labels no longer overlap
    expect(glance).toContain('```mermaid\n---\nconfig:\n  xyChart:\n    showDataLabel: true\n---\nxychart-beta horizontal\n');
    expect(glance).toContain('  x-axis ["Leadership support", "Culture of collaboration", "Objectives and strategy", "Champions and networks"]');
    expect(glance).toContain('  bar [19, 75, 100, 45]');
    expect(glance).toContain('| Leadership support | ██░░░░░░░░ 19 (barrier) | 50 | 100% | Starting |');
    expect(glance).toContain('| Objectives and strategy | ██████████ 100 | 50 | 50% (low) | Leading |');
    expect(glance).toContain('| **Overall** | █████░░░░░ 55 |');
  });

  it('labels a bar as the table prints its score, on its side of the threshold (schema 2)', () => {
    const example = Result.parse(JSON.parse(readFileSync('reports/examples/example-org/2026-11-29-social-readiness.json', 'utf8')));
    // leadership at 49.6 with threshold 50 (bands 0-25-45-65-80-100): "49.6" in the table, the HTML chart and the terminal
    const r = { ...example, dimensions: example.dimensions.map((d) => (d.id === 'leadership' ? { ...d, score: 49.6 } : d)) };
    const glance = section(renderReport(r), 'Scores at a glance');
    expect(glance).toContain('| Leadership support | █████░░░░░ 49.6');
    expect(glance).toMatch(/ {2}bar \[49\.6, /);
  });

  it('names the largest perception gap with the scores the perception-gap table prints (schema 2)', () => {
    const example = Result.parse(JSON.parse(readFileSync('reports/examples/example-org/2026-11-29-social-readiness.json', 'utf8')));
    // leaders at 49.6 on leadership (threshold 50): the table says 49.6, so the summary's sentence says it too
    const r = Result.parse({
      ...example,
      respondents: { ...example.respondents, count: 6 },
      aggregate: { divergent: [], perceptionGaps: [{ dimension: 'leadership', title: 'Leadership support', groups: { Leaders: 49.6, Staff: 20 } }], hiddenGroups: 0, unmatchedCells: 0, minGroup: 3 },
    });
    const md = renderReport(r);
    expect(md).toContain('| Leadership support | 49.6 | 20 | 29.6 |');
    expect(md).toContain('on Leadership support, Leaders score it 49.6 and Staff 20, a gap of 29.6 points out of 100.');
  });

  it('gives a perception gap as the difference of the two scores printed beside it (schema 2)', () => {
    const example = Result.parse(JSON.parse(readFileSync('reports/examples/example-org/2026-11-29-social-readiness.json', 'utf8')));
    // 77.5 and 33.33 are printed 78 and 33: the gap is 45, not the 44 of 44.17
    const r = Result.parse({
      ...example,
      respondents: { ...example.respondents, count: 10 },
      aggregate: { divergent: [], perceptionGaps: [{ dimension: 'leadership', title: 'Leadership support', groups: { Leaders: 77.5, Staff: 100 / 3 } }], hiddenGroups: 0, unmatchedCells: 0, minGroup: 3 },
    });
    const md = renderReport(r);
    expect(md).toContain('| Leadership support | 78 | 33 | 45 |');
    expect(md).toContain('on Leadership support, Leaders score it 78 and Staff 33, a gap of 45 points out of 100.');
  });

  it('explains each dimension: score, coverage, reliability, finding, and the answers that pulled it down', () => {
    const leadership = subsection(md, 'Leadership support');
    expect(leadership).toContain('Score **19/100**, level Starting; threshold 50.');
    expect(leadership).toContain('this is the barrier point');
    expect(leadership).toContain('**Finding:** Support exists in private');
    expect(leadership).toContain(
      '**Pulled the score down most:** “A named senior leader sponsors the use of collaboration tools.” (Disagree, 25/100); “Time and budget are set aside for the change.” (No, 0/100).',
    );
    // each answer table appears once, in the appendix
    expect(leadership).toContain('The answers behind it are in the appendix, under “Answers: Leadership support”.');
    expect(leadership).not.toContain('| Leaders expect results');
    expect(section(md, 'Appendix: questions and answers')).toContain(
      '| Leaders expect results within weeks rather than years. (reverse-scored) (lead-patience) | Neither agree nor disagree | 50/100 | — |',
    );
    const objectives = subsection(md, 'Objectives and strategy');
    expect(objectives).toContain('Coverage 50%');
    expect(objectives).toContain('Low coverage: treat with care.');
    expect(subsection(md, 'Culture of collaboration')).not.toContain('Low coverage');
  });

  it('recommends pilots with reasons, steps, measures and duration, and lists what is not yet possible', () => {
    const pilots = section(md, 'Recommended pilots');
    expect(pilots).toContain('### Pilot 1: Sponsor first');
    expect(pilots).toContain('### Pilot 2: Anchor team');
    expect(pilots).toContain('**Why it fits Northwind Housing Association:** Leadership support is the barrier point');
    expect(pilots).toContain('- Leadership support 19/100, below its threshold of 50.');
    expect(pilots).toContain('1. Write a one-page business case');
    expect(pilots).toContain('- A named sponsor has spoken for the pilot in public.');
    expect(pilots).toContain('**Duration:** 4 to 6 weeks.');
    expect(pilots).toContain('- **Leaders in the open:** Leadership support is 19/100, below 40. Change first: Win a sponsor first (see Sponsor first).');
  });

  it('sets a timeline in months that never promises quick success', () => {
    const timeline = section(md, 'Next steps and a realistic timeline');
    for (const when of ['Months 0 to 3', 'Months 3 to 6', 'Months 6 to 18', 'Months 18 to 36']) expect(timeline).toContain(`| ${when} |`);
    expect(timeline).toContain('Run Sponsor first with a small group');
    expect(timeline).toContain('Do not expect overnight success.');
    expect(timeline).not.toMatch(/\b(days?|overnight results|immediately)\b/i);
  });

  it('lists every question with its answer and note in the appendix, including not-applicable and hidden ones', () => {
    const appendix = section(md, 'Appendix: questions and answers');
    for (const a of loadFixture('single').answers) expect(appendix).toContain(`(${a.questionId})`);
    expect(appendix).toContain('| Disagree | 25/100 | The director likes the idea but has not said so in public. |');
    expect(appendix).toContain('(culture-voice) | Not applicable | — | — |');
    expect(appendix).toContain("(obj-measures) | Don't know | — | — |");
    expect(appendix).toContain('(champ-followup) | Not asked (did not apply) | — | — |');
    expect(appendix).toContain('| Tenants wait too long for answers that another team already has. |');
  });

  it('documents the method, the questionnaire hash, schema and tool versions', () => {
    const method = section(md, 'Methodology');
    expect(method).toContain('Below 60% the dimension is marked as low coverage');
    expect(method).toContain('| Starting | 0 to under 40 |');
    expect(method).toContain('| Leading | 80 to 100 |');
    expect(method).toContain('| Questionnaire hash | `sha256:3f2a9c0d5e7b41a6c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5` |');
    expect(method).toContain('| Result schema version | 1 |');
    expect(method).toContain('| Tool | social-readiness 0.1.0 |');
  });

  it('says a single view is only a start and shows no divergence section', () => {
    const respondents = section(md, 'Respondents');
    expect(respondents).toContain('One respondent (Head of Communications).');
    expect(respondents).not.toContain('### ');
  });
});

describe('renderReport content (partial result)', () => {
  const md = renderReport(loadFixture('partial'));

  it('says the assessment is partial, in the metadata and the summary', () => {
    expect(md).toContain('| Status | Partial: some required questions were not answered');
    expect(section(md, 'Executive summary')).toContain('This assessment is partial');
  });

  it('copes with no organization name, unscored dimensions, no barrier and no pilots', () => {
    expect(md.startsWith('# Social media readiness\n')).toBe(true);
    expect(md).toContain('| Organization | Not named |');
    expect(section(md, 'Executive summary')).toContain('No dimension is below its threshold');
    expect(subsection(md, 'Culture of collaboration')).toContain('No scored question was answered, so there is no score.');
    expect(section(md, 'Scores at a glance')).toContain('  bar [63, 63]');
    expect(section(md, 'Scores at a glance')).toContain('| Culture of collaboration | ░░░░░░░░░░ — |');
    expect(section(md, 'Recommended pilots')).toContain('No pilot fits the current scores.');
    expect(section(md, 'Executive summary')).toContain('**First pilot:** none fits yet.');
    expect(section(md, 'Next steps and a realistic timeline')).toContain('Agree on a sponsor and the problems to solve');
  });

  it('marks unanswered questions in the appendix', () => {
    expect(section(md, 'Appendix: questions and answers')).toContain('(lead-patience) | Not answered | — | — |');
  });
});

describe('renderReport content (several respondents)', () => {
  const result = loadFixture('multi');
  const md = renderReport(result);

  it('counts respondents by role and shows response coverage per dimension', () => {
    expect(md).toContain('| Respondents | 20 respondents (Leadership 4, Middle management 6, Staff 10) |');
    const respondents = section(md, 'Respondents');
    expect(respondents).toContain('20 respondents took part.');
    expect(respondents).toContain('| Middle management | 6 |');
    expect(respondents).toContain('| Leadership support | 100% | 20 | 22 | 13 to 100 |');
    expect(respondents).toContain('| Objectives and strategy | 50% (low) | 20 | 46 | 0 to 100 |');
    expect(respondents).toContain('3 survey cells could not be matched');
  });

  it('flags where views diverge, on a 0 to 100 scale for questions and dimensions alike', () => {
    const diverge = subsection(md, 'Where views diverge');
    expect(diverge).toContain('| Dimension | Leadership support | 22 |');
    expect(diverge).toContain('| Question | Time and budget are set aside for the change. | 48 |');
  });

  it('puts role groups side by side with the gap, and says small groups are hidden', () => {
    const gaps = subsection(md, 'Perception gaps');
    expect(gaps).toContain('| Dimension | Leadership | Middle management | Staff | Gap |');
    expect(gaps).toContain('| Leadership support | 81 | 50 | 31 | 51 |');
    expect(gaps).toContain('groups with fewer than 3 respondents are not shown on their own (1 group hidden)');
  });

  it('shows answer distributions and free-text answers without names', () => {
    const appendix = section(md, 'Appendix: questions and answers');
    expect(appendix).toContain('| Time and budget are set aside for the change. (lead-budget) | no × 13, yes × 7 | 35/100 | 20 |');
    expect(appendix).toContain('(lead-sponsor) | 1 × 2, 2 × 5, 4 × 8, 5 × 5 | 55/100 | 20 |');
    expect(appendix).toContain('- Stop email chains with 40 people.');
    expect(appendix).toContain('Notes on “Time and budget are set aside for the change.”:\n\n- Budget is decided once a year.\n- The pilot could use the training budget.');
    expect(md).not.toContain('Respondents named');
  });

  it('names the largest perception gap in one sentence with its numbers', () => {
    expect(section(md, 'Executive summary')).toContain(
      '**Largest perception gap:** on Leadership support, Leadership score it 81 and Staff 31, a gap of 51 points out of 100.',
    );
  });

  it('gives strengths and risks as mean scores, without a single answer', () => {
    expect(section(md, 'Executive summary')).toContain('- “Time and budget are set aside for the change.” (mean 35/100)');
  });

  it('gives each dimension its spread across respondents', () => {
    expect(subsection(md, 'Leadership support')).toContain('Across 20 respondents: spread (standard deviation) 22, range 13 to 100.');
  });
});

describe('renderReport purity', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same bytes whatever the clock says, and does not change its input', () => {
    const result = loadFixture('multi');
    const before = JSON.stringify(result);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const first = renderReport(result);
    vi.setSystemTime(new Date('2099-12-31T23:59:59Z'));
    expect(renderReport(result)).toBe(first);
    expect(JSON.stringify(result)).toBe(before);
    expect(first).not.toContain('2001');
    expect(first).not.toContain('2099');
  });
});

describe('free text from a large survey', () => {
  it('counts the texts kept out of the listing and says how many were left out', () => {
    const result = loadFixture('multi');
    const text = result.answers.find((a) => a.type === 'text');
    expect(text, 'the multi fixture has a free-text question').toBeDefined();
    text!.texts = ['First idea', 'Second idea'];
    text!.textsOmitted = 5;
    const md = renderReport(Result.parse(result));
    expect(md).toContain('7 free-text answers');
    expect(md).toContain('…and 5 more, not listed (the first 2 are shown).');
    expect(lintMarkdown(md)).toEqual([]);
  });

  it('gives a repeated text in the executive summary as a count of the answers listed, not of the respondents, when some were left out', () => {
    const result = loadFixture('multi');
    const text = result.answers.find((a) => a.type === 'text')!;
    text.texts = ['More training', 'More training', 'Other idea'];
    const summary = (md: string) => md.slice(md.indexOf('own words:'), md.indexOf('own words:') + 200);
    expect(summary(renderReport(Result.parse(result)))).toContain('“More training” (2 respondents)');
    // 13,000 gave "More training" in a survey of 100,000: the 2 counted are of the first 3 answers kept
    text.textsOmitted = 99_997;
    const md = renderReport(Result.parse(result));
    expect(summary(md)).toContain('“More training” (2 of the 3 answers listed in full)');
    expect(summary(md)).not.toContain('respondents)');
  });
});
