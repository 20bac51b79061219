import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkScores, jsonErrorOffset, loadResult, parseResult, upgradeResult } from '../../src/load/result.js';
import { RESULT_SCHEMA_VERSION, type Result } from '../../src/model/result.js';
import { renderReport } from '../../src/render/report.js';

const FIX = join(import.meta.dirname, '../fixtures/results-history');
const Q1 = join(FIX, 'reports/example-org/2025-06-01-social-readiness.json');

/** A schema 1 result, upgraded in memory as loadResult does. */
function q1(): Result {
  return upgradeResult(JSON.parse(readFileSync(Q1, 'utf8')), Q1) as unknown as Result;
}

function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected a refusal');
}

describe('loadResult', () => {
  it('loads a stored result as it was written', () => {
    const r = loadResult(Q1);
    expect(r.organization).toBe('Example Org');
    expect(r.overall.score).toBe(28.6);
    expect(r.dimensions.map((d) => d.id)).toEqual(['leadership', 'culture', 'objectives', 'champions', 'governance']);
  });

  it('names line and column of a truncated file and says how to recreate it', () => {
    const e = refusal(() => loadResult(join(FIX, 'bad/truncated.json')));
    expect(e.message).toMatch(/truncated\.json is not valid JSON \(truncated\?\) at line \d+ column \d+; re-run readiness assess/);
    expect(e.exitCode).toBe(1);
  });

  it('points at the stray character in corrupt JSON', () => {
    const e = refusal(() => parseResult('{\n  "schemaVersion": 1,\n  "tool": x\n}', 'r.json'));
    expect(e.message).toBe('r.json is not valid JSON (unexpected "x") at line 3 column 11; re-run readiness assess to recreate it.');
  });

  it('names an answers file (YAML or JSON) as one and gives the command that scores it', () => {
    const yaml = refusal(() => parseResult('questionnaire: quick-check\norganization: Acme\nanswers:\n  lead-sponsor: yes\n', 'my answers.yaml'));
    expect(yaml.message).toBe("my answers.yaml is an answers file, not a stored result; score it with `readiness assess --answers 'my answers.yaml'`, which writes the report and its result.");
    const json = refusal(() => parseResult('{"questionnaire": "quick-check", "answers": {}}', 'a.json'));
    expect(json.message).toBe('a.json is an answers file, not a stored result; score it with `readiness assess --answers a.json --org "<organization>"`, which writes the report and its result.');
    // a mapping without answers is not taken for one
    expect(refusal(() => parseResult('{"questionnaire": "quick-check"}', 'q.json')).message).toContain('has no schemaVersion');
  });

  it('refuses a result from a newer readiness and says to upgrade', () => {
    const e = refusal(() => loadResult(join(FIX, 'bad/newer-schema.json')));
    expect(e.message).toContain('written by a newer readiness (schema 99');
    expect(e.message).toContain('upgrade readiness');
  });

  it('refuses JSON that is not a result at all', () => {
    const e = refusal(() => loadResult(join(FIX, 'bad/not-a-result.json')));
    expect(e.message).toContain('is not a readiness result (it has no schemaVersion)');
    expect(refusal(() => parseResult('[1, 2]', 'a.json')).message).toContain('holds no JSON object');
  });

  it('refuses a dimension score edited by hand', () => {
    const e = refusal(() => loadResult(join(FIX, 'bad/tampered.json')));
    expect(e.message).toContain('scores do not match the answers (edited by hand?)');
    expect(e.message).toContain('culture is stored as 85 but its answers give 33.33');
  });

  it('refuses an overall score edited by hand', () => {
    const e = refusal(() => loadResult(join(FIX, 'bad/tampered-overall.json')));
    expect(e.message).toContain('the overall score is stored as 72.5 but its dimensions give 28.6');
  });

  it('refuses an answer score edited by hand (the dimension no longer matches)', () => {
    const r = q1();
    const a = r.answers.find((x) => x.questionId === 'lead-sponsor')!;
    a.score = 1;
    expect(checkScores(r)).toMatch(/^leadership is stored as 18\.8 but its answers give/);
  });

  it('accepts full-precision results only within 0.01 points (schema 2)', () => {
    const r = q1();
    delete r.upgradedFrom;
    // recompute at full precision, as a schema 2 result stores them
    for (const d of r.dimensions) {
      let w = 0;
      let ws = 0;
      for (const a of r.answers) {
        if (a.dimension !== d.id || a.status !== 'answered' || a.score === null) continue;
        w += a.weight;
        ws += a.weight * a.score;
      }
      d.score = w > 0 ? (100 * ws) / w : null;
    }
    const scored = r.dimensions.filter((x) => x.score !== null);
    r.overall.score = scored.reduce((t, x) => t + x.weight * x.score!, 0) / scored.reduce((t, x) => t + x.weight, 0);
    expect(checkScores(r)).toBeUndefined();
    r.overall.score += 0.009;
    expect(checkScores(r)).toBeUndefined();
    r.overall.score += 0.011;
    expect(checkScores(r)).toContain('overall');
  });

  it('accepts rounding to one decimal (within 0.15 points) in results upgraded from schema 1', () => {
    const r = q1();
    r.dimensions[0]!.score = r.dimensions[0]!.score! + 0.1;
    expect(checkScores(r)).toBeUndefined();
    r.dimensions[0]!.score = r.dimensions[0]!.score! + 0.1;
    expect(checkScores(r)).toContain('leadership');
  });

  it('gives every schema problem with its path and line:column', () => {
    const r = q1() as unknown as Record<string, unknown>;
    (r.overall as Record<string, unknown>).score = 'high';
    delete r.tool;
    const text = JSON.stringify(r, null, 2);
    const e = refusal(() => parseResult(text, 'r.json'));
    expect(e.message).toBe('r.json is not a valid readiness result: 2 problems found; re-run readiness assess to recreate it.');
    const line = text.split('\n').findIndex((l) => l.includes('"score": "high"')) + 1;
    expect(e.details).toContain(`r.json:${line}:14 overall.score: Invalid input: expected number, received string`);
    expect(e.details.some((d) => d.startsWith('r.json:1:1 tool:'))).toBe(true);
  });

  it('refuses a date that is not a real YYYY-MM-DD (it names files: a trend report, so it must not hold a path)', () => {
    for (const date of ['../../../tmp/elsewhere', '2026-02-30', '2026-1-5', '']) {
      const r = q1() as unknown as Record<string, unknown>;
      r.date = date;
      const text = JSON.stringify(r, null, 2);
      const e = refusal(() => parseResult(text, 'r.json'));
      expect(e.message).toBe('r.json is not a valid readiness result: 1 problem found; re-run readiness assess to recreate it.');
      const line = text.split('\n').findIndex((l) => l.startsWith('  "date"')) + 1;
      expect(e.details).toEqual([`r.json:${line}:11 date: must be a real date written YYYY-MM-DD (e.g. 2026-11-29)`]);
    }
  });

  it('upgrades a schema 0 result (no notYet, no level bands) and loads it', () => {
    const raw = JSON.parse(readFileSync(join(FIX, 'old/schema-v0.json'), 'utf8'));
    expect(raw.schemaVersion).toBe(0);
    expect(raw.notYet).toBeUndefined();
    const r = loadResult(join(FIX, 'old/schema-v0.json'));
    expect(r.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
    expect(r.notYet).toEqual([]);
    expect(r.levels).toEqual([]);
    expect(r.overall.score).toBe(28.6);
  });

  it('refuses a missing file and a folder with the loader sentences', () => {
    expect(refusal(() => loadResult(join(FIX, 'nope.json'))).message).toContain('does not exist');
    expect(refusal(() => loadResult(FIX)).message).toContain('is a folder');
  });

  it('checks aggregated results by their overall score and respondent range only', () => {
    const r = q1();
    r.respondents.count = 5;
    // per-question means cannot rebuild respondent-level dimension means: no item check
    r.dimensions[0]!.score = 30;
    r.dimensions[0]!.spread = { sd: 5, min: 20, max: 40, respondents: 5 };
    const w = r.dimensions.reduce((s, d) => s + d.weight, 0);
    r.overall.score = Math.round((r.dimensions.reduce((s, d) => s + d.weight * d.score!, 0) / w) * 10) / 10;
    expect(checkScores(r)).toBeUndefined();
    r.dimensions[0]!.spread = { sd: 5, min: 40, max: 60, respondents: 5 };
    expect(checkScores(r)).toContain('leadership is 30 but its respondents scored between 40 and 60');
  });

  it('reads a file written with a BOM and CRLF line ends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'result-'));
    const file = join(dir, 'r.json');
    writeFileSync(file, `\ufeff${JSON.stringify(q1(), null, 2).replace(/\n/g, '\r\n')}`);
    expect(loadResult(file).organization).toBe('Example Org');
  });
});

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on what is valid', () => {
    for (const ok of ['{}', '[]', '"a\\u00e9"', '-0.5e+3', ' {"a":[1,true,null,{"b":"c"}]} ']) {
      expect(jsonErrorOffset(ok)).toBe(ok.length);
      expect(() => JSON.parse(ok)).not.toThrow();
    }
  });
  it('finds the first bad character', () => {
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
    expect(jsonErrorOffset('{"a": [1, 2')).toBe(11);
  });
});

describe('results written before schema 2', () => {
  // Written by readiness at schema 1 (the survey and the example answers), with the reports it wrote then.
  const V1 = join(FIX, 'old/schema-v1-multi.json');

  it('upgrade to schema 2: distributions become lists in their stored order, nothing is recomputed', () => {
    const raw = JSON.parse(readFileSync(V1, 'utf8'));
    expect(raw.schemaVersion).toBe(1);
    const r = loadResult(V1);
    expect(r.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
    expect(r.upgradedFrom).toBe(1);
    const withCounts = raw.answers.findIndex((a: { distribution?: object }) => a.distribution);
    expect(withCounts).toBeGreaterThanOrEqual(0);
    expect(r.answers[withCounts]!.distribution).toEqual(Object.entries(raw.answers[withCounts].distribution).map(([label, count]) => ({ label, count })));
    expect(r.overall.score).toBe(raw.overall.score);
    expect(r.dimensions.map((d) => d.score)).toEqual(raw.dimensions.map((d: { score: number | null }) => d.score));
  });

  for (const name of ['schema-v1-multi', 'schema-v1-single']) {
    it(`re-render byte for byte as schema 1 wrote them (${name})`, () => {
      expect(renderReport(loadResult(join(FIX, `old/${name}.json`)))).toBe(readFileSync(join(FIX, `old/${name}.md`), 'utf8'));
    });
  }

  it('keep schema 0 upgrading through schema 1', () => {
    expect(loadResult(join(FIX, 'old/schema-v0.json')).upgradedFrom).toBe(1);
  });
});
