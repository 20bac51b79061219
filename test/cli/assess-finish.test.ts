import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessOptions, decideDate, decideOrganization, resultJson, toolVersion } from '../../src/cli/assess-finish.js';
import { UsageError } from '../../src/errors.js';
import type { Response } from '../../src/model/answers.js';

const resp = (over: Partial<Response>): Response => ({ source: 'x.yaml', answers: {}, ...over });

describe('decideOrganization', () => {
  it('prefers --org, then the one name the answers agree on', () => {
    expect(decideOrganization(' Acme ', [resp({ organization: 'Other' })])).toBe('Acme');
    expect(decideOrganization(undefined, [resp({ organization: 'Example Org' }), resp({ organization: ' Example Org ' }), resp({})])).toBe('Example Org');
    expect(decideOrganization('  ', [resp({ organization: 'Example Org' })])).toBe('Example Org');
  });

  it('is a usage error when no name is known or the answers disagree', () => {
    expect(() => decideOrganization(undefined, [resp({})])).toThrow(UsageError);
    expect(() => decideOrganization(undefined, [resp({ organization: 'A' }), resp({ organization: 'B' })])).toThrow(/different organizations \("A", "B"\); give --org/);
  });
});

describe('decideDate', () => {
  const today = () => '2027-01-15';
  it('prefers a valid --date, then the latest answers date, then today', () => {
    expect(decideDate('2026-01-02', [resp({ date: '2026-05-05' })], today)).toBe('2026-01-02');
    expect(decideDate(undefined, [resp({ date: '2026-05-05' }), resp({ date: '2026-06-01' }), resp({})], today)).toBe('2026-06-01');
    expect(decideDate(undefined, [resp({})], today)).toBe('2027-01-15');
  });

  it('refuses a --date that is not a real day', () => {
    for (const bad of ['2026-02-29', '29.11.2026', '2026-1-1', '']) expect(() => decideDate(bad, [], today)).toThrow(UsageError);
  });
});

describe('options and output', () => {
  it('types commander options with the documented defaults', () => {
    expect(assessOptions({})).toEqual({
      org: undefined, date: undefined, output: 'reports', force: false, pilots: 3, allowPartial: false,
      minGroup: 3, showRespondents: false, json: false, color: undefined, formats: ['md'], browser: undefined,
    });
    expect(assessOptions({ format: 'pdf,md', browser: '/usr/bin/chromium' })).toMatchObject({ formats: ['md', 'pdf'], browser: '/usr/bin/chromium' });
    expect(assessOptions({ color: false, pilots: 5, output: 'out', force: true }).color).toBe(false);
  });

  it('writes result JSON with two-space indent and a final newline', () => {
    expect(resultJson({ a: 1 } as never)).toBe('{\n  "a": 1\n}\n');
  });

  it('stamps results with the package version when run from source', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(toolVersion()).toBe(pkg.version);
  });
});
