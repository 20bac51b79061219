// reports/examples/ holds an answers file for a fictional organization and the
// report and result the tool produces from it. This test regenerates them
// through the same command code as `readiness assess` and fails on any
// difference, so the examples can never drift from the tool.
// UPDATE_EXAMPLES=1 npx vitest run test/examples.test.ts rewrites them.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runAssess } from '../src/cli/commands/assess.js';
import type { Io } from '../src/cli/io.js';
import { Result } from '../src/model/result.js';
import { lintMarkdown } from './helpers/markdownlint.js';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLES = join(ROOT, 'reports', 'examples');
const ANSWERS = join(EXAMPLES, 'example-org-answers.yaml');
const DATE = '2026-11-29';
const OUTPUTS = ['example-org/2026-11-29-social-readiness.md', 'example-org/2026-11-29-social-readiness.json'];

function quietIo(cwd: string): Io {
  return {
    stdout: () => {},
    stderr: () => {},
    cwd,
    env: { NO_COLOR: '1' },
    stdinIsTTY: false,
    stdoutIsTTY: false,
    columns: 80,
    today: () => '2000-01-01', // never used: the date is fixed
  };
}

async function regenerate(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'examples-'));
  await runAssess([], { answers: [ANSWERS], date: DATE, output: out, pilots: 3, minGroup: 3 }, quietIo(ROOT));
  return out;
}

describe('reports/examples', () => {
  it('match what the tool produces from the example answers, byte for byte', async () => {
    const out = await regenerate();
    expect(readdirSync(join(out, 'example-org')).sort()).toEqual(OUTPUTS.map((f) => f.split('/')[1]).sort());
    if (process.env.UPDATE_EXAMPLES === '1') {
      mkdirSync(join(EXAMPLES, 'example-org'), { recursive: true });
      for (const f of OUTPUTS) copyFileSync(join(out, f), join(EXAMPLES, f));
    }
    for (const f of OUTPUTS) {
      expect(existsSync(join(EXAMPLES, f)), `${f} is missing; run UPDATE_EXAMPLES=1 npx vitest run test/examples.test.ts`).toBe(true);
      const committed = readFileSync(join(EXAMPLES, f), 'utf8');
      const fresh = readFileSync(join(out, f), 'utf8');
      // On a difference: check the change is intended, then UPDATE_EXAMPLES=1 (never edit the outputs by hand).
      expect(fresh, `${f} drifted from the tool's output`).toBe(committed);
    }
  });

  it('tell a coherent story: strong culture, weak leadership as the barrier, sponsor first', () => {
    const result = Result.parse(JSON.parse(readFileSync(join(EXAMPLES, OUTPUTS[1]!), 'utf8')));
    expect(result.organization).toBe('Example Org');
    expect(result.questionnaire.id).toBe('social-readiness');
    expect(result.partial).toBe(false);
    expect(result.barrier?.dimension).toBe('leadership');
    const culture = result.dimensions.find((d) => d.id === 'culture')!;
    const leadership = result.dimensions.find((d) => d.id === 'leadership')!;
    expect(culture.score!).toBeGreaterThan(leadership.score! + 30);
    expect(result.pilots[0]?.id).toBe('sponsor-first');
    expect(result.overall.gates.length).toBeGreaterThan(0);
    // the consultant's notes travel into the result
    expect(result.answers.filter((a) => a.note).length).toBeGreaterThanOrEqual(10);
  });

  it('says what to do in the next 30 days on the CEO page, and gives the practitioners’ figures once', () => {
    const report = readFileSync(join(EXAMPLES, OUTPUTS[0]!), 'utf8');
    const summary = report.slice(report.indexOf('## Executive summary'), report.indexOf('\n## ', report.indexOf('## Executive summary') + 5));
    // the first two steps of the barrier point's pilot (the sponsor exists: turn support into resources)
    expect(summary).toContain('**Next 30 days:** start From support to resources. Meet the sponsor with a one-page case');
    expect(report.split('1 or 2 of every 14 people').length - 1).toBe(1);
    expect(summary).toContain('1 or 2 of every 14 people');
  });

  it('the example report passes markdownlint and keeps its tables intact', () => {
    const report = readFileSync(join(EXAMPLES, OUTPUTS[0]!), 'utf8');
    expect(lintMarkdown(report)).toEqual([]);
    // the pipes in the free-text answer are escaped, not table separators
    expect(report).toContain('Repairs \\| Lettings \\| Tenancy');
  });
});
