// `readiness assess` (non-interactive paths) and `readiness report`, driven
// through the command handlers with a fake Io: files written, messages, exit codes.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as assess } from '../../src/cli/commands/assess.js';
import { run as report } from '../../src/cli/commands/report.js';
import type { Io } from '../../src/cli/io.js';
import { EXIT, type ReadinessError } from '../../src/errors.js';
import { fakeIo as sharedFakeIo } from '../helpers/io.js';

const FIX = join(import.meta.dirname, '../fixtures/answers');
const MINI = join(FIX, 'mini.yaml');

// this file's examples are dated 2027-01-15
const fakeIo = (cwd: string, over: Partial<Io> = {}) => sharedFakeIo(cwd, { today: () => '2027-01-15', ...over });

/** A temp working folder holding copies of the answers fixtures. */
function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'assess-cli-'));
  for (const f of ['good.yaml', 'good.json', 'partial.yaml', 'bad.yaml']) writeFileSync(join(dir, f), readFileSync(join(FIX, f)));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const defaults = { output: 'reports', pilots: 3, minGroup: 3 };

async function failure(p: Promise<unknown>): Promise<ReadinessError> {
  try {
    await p;
  } catch (error) {
    return error as ReadinessError;
  }
  throw new Error('expected the command to fail');
}

describe('readiness assess --answers', () => {
  it('writes the report and result into reports/<org-slug>/ and prints the summary with both paths', async () => {
    const dir = workdir();
    const io = fakeIo(dir);
    await assess([], { ...defaults, answers: ['good.yaml'], questionnaire: MINI }, io);
    const files = readdirSync(join(dir, 'reports', 'example-org')).sort();
    expect(files).toEqual(['2026-11-29-mini.json', '2026-11-29-mini.md']);
    const result = JSON.parse(readFileSync(join(dir, 'reports/example-org/2026-11-29-mini.json'), 'utf8'));
    expect(result).toMatchObject({ organization: 'Example Org', date: '2026-11-29', partial: false, questionnaire: { id: 'mini' } });
    expect(readFileSync(join(dir, 'reports/example-org/2026-11-29-mini.md'), 'utf8')).toMatch(/^# Example Org/);
    expect(io.out()).toContain(join('reports', 'example-org', '2026-11-29-mini.md'));
    expect(io.out()).toContain(join('reports', 'example-org', '2026-11-29-mini.json'));
    expect(io.out()).not.toMatch(/\u001b\[/);
  });

  it('--org, --date and -o override the answers file; the result JSON is stable text', async () => {
    const dir = workdir();
    const io = fakeIo(dir);
    await assess([], { ...defaults, answers: ['good.yaml'], questionnaire: MINI, org: 'Acme Ltd', date: '2026-03-01', output: 'out' }, io);
    const text = readFileSync(join(dir, 'out/acme-ltd/2026-03-01-mini.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(JSON.parse(text)).toMatchObject({ organization: 'Acme Ltd', date: '2026-03-01' });
  });

  it('uses today when neither --date nor the answers give a date', async () => {
    const dir = workdir();
    await assess([], { ...defaults, answers: ['good.json'], questionnaire: MINI, org: 'Acme' }, fakeIo(dir));
    expect(existsSync(join(dir, 'reports/acme/2027-01-15-mini.json'))).toBe(true);
  });

  it('--json prints the result JSON, the same bytes as the file written', async () => {
    const dir = workdir();
    const io = fakeIo(dir);
    await assess([], { ...defaults, answers: ['good.yaml'], questionnaire: MINI, json: true }, io);
    expect(io.out()).toBe(readFileSync(join(dir, 'reports/example-org/2026-11-29-mini.json'), 'utf8'));
  });

  it('never overwrites without --force, and --force replaces both files', async () => {
    const dir = workdir();
    const opts = { ...defaults, answers: ['good.yaml'], questionnaire: MINI };
    await assess([], opts, fakeIo(dir));
    const e = await failure(assess([], opts, fakeIo(dir)));
    expect(e.exitCode).toBe(EXIT.invalidInput);
    expect(e.message).toContain('already exist; use --force to overwrite');
    await assess([], { ...opts, org: 'Example Org', force: true }, fakeIo(dir));
  });

  it('keeps a hostile organization name inside the output folder', async () => {
    const dir = workdir();
    for (const org of ['../../etc', '/etc/passwd', '..\\..\\windows', '.', '\u0000']) {
      await assess([], { ...defaults, answers: ['good.yaml'], questionnaire: MINI, org, output: 'out', force: true }, fakeIo(dir));
    }
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'good.json', 'good.yaml', 'out', 'partial.yaml']);
    // "." and NUL name nothing usable: each gets its own "organization-<hash>" folder (issue 11)
    const folders = readdirSync(join(dir, 'out')).sort();
    expect(folders.filter((f) => !f.startsWith('organization-'))).toEqual(['etc', 'etc-passwd', 'windows']);
    expect(folders.filter((f) => /^organization-[0-9a-f]{6}$/.test(f))).toHaveLength(2);
  });

  it('refuses missing required answers unless --allow-partial, listing them with their file', async () => {
    const dir = workdir();
    const e = await failure(assess([], { ...defaults, answers: ['partial.yaml'], questionnaire: MINI, org: 'X' }, fakeIo(dir)));
    expect(e.exitCode).toBe(EXIT.invalidInput);
    expect(e.message).toBe(
      'partial.yaml leaves 3 required questions unanswered; answer them, or use --allow-partial to score anyway (the report will say it is partial).',
    );
    expect(e.details).toEqual(['partial.yaml: lead-budget, culture-share, culture-tools']);

    await assess([], { ...defaults, answers: ['partial.yaml'], questionnaire: MINI, org: 'X', allowPartial: true, json: true }, fakeIo(dir));
    const result = JSON.parse(readFileSync(join(dir, 'reports/x/2027-01-15-mini.json'), 'utf8'));
    expect(result.partial).toBe(true);
  });

  it('refuses a bad answers file with every problem at its file:line:column', async () => {
    const dir = workdir();
    const e = await failure(assess([], { ...defaults, answers: ['bad.yaml'], questionnaire: MINI }, fakeIo(dir)));
    expect(e.exitCode).toBe(EXIT.invalidInput);
    expect(e.details).toHaveLength(6);
    expect(e.details[0]).toMatch(/^bad\.yaml:4:3 answers\.lead-sponsr: .*did you mean "lead-sponsor"/);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });

  it('scores several respondents from files and folders at once', async () => {
    const dir = workdir();
    const io = fakeIo(dir);
    await assess([], { ...defaults, answers: ['good.yaml', 'good.json'], questionnaire: MINI, json: true }, io);
    const result = JSON.parse(io.out());
    expect(result.respondents.count).toBe(2);
  });

  it('asks for --org when the answers name none, or name different ones', async () => {
    const dir = workdir({ 'other-org.yaml': readFileSync(join(FIX, 'good.yaml'), 'utf8').replace('Example Org', 'Other Org') });
    let e = await failure(assess([], { ...defaults, answers: ['good.json'], questionnaire: MINI }, fakeIo(dir)));
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.message).toContain('give --org');
    e = await failure(assess([], { ...defaults, answers: ['good.yaml', 'other-org.yaml'], questionnaire: MINI }, fakeIo(dir)));
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.message).toContain('different organizations ("Example Org", "Other Org")');
  });
});

describe('readiness assess: usage errors', () => {
  it.each([
    [{ responses: ['x.csv', 'y.csv'] }, 'survey exports do not name their questionnaire; give -q'],
    [{ all: true }, '--all takes every answers file and survey export of one organization; name it with --org'],
    [{ answers: ['good.yaml'], resume: true }, '--resume continues an interview'],
    [{ answers: ['good.yaml'], date: '2026-02-30' }, '--date "2026-02-30" is not a real date'],
    [{}, 'the interview needs a terminal'],
    [{ responses: 'x.csv' }, 'give -q'],
  ])('%j -> exit 2', async (opts, message) => {
    const e = await failure(assess([], { ...defaults, ...opts }, fakeIo(workdir())));
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.message).toContain(message);
  });

  it('suggests --answers and template when there is no terminal', async () => {
    const e = await failure(assess([], defaults, fakeIo(workdir())));
    expect(e.message).toMatch(/--answers FILE .*readiness template/);
  });
});

describe('readiness report', () => {
  it('re-renders byte for byte what assess wrote, to stdout or to a file', async () => {
    const dir = workdir();
    await assess([], { ...defaults, answers: ['good.yaml'], questionnaire: MINI }, fakeIo(dir));
    const written = readFileSync(join(dir, 'reports/example-org/2026-11-29-mini.md'), 'utf8');
    const io = fakeIo(dir);
    await report(['reports/example-org/2026-11-29-mini.json'], {}, io);
    expect(io.out()).toBe(written);

    const io2 = fakeIo(dir);
    await report(['reports/example-org/2026-11-29-mini.json'], { output: 'copy.md' }, io2);
    expect(readFileSync(join(dir, 'copy.md'), 'utf8')).toBe(written);
    expect(io2.out()).toBe('Report written to copy.md\n');

    const e = await failure(report(['reports/example-org/2026-11-29-mini.json'], { output: 'copy.md' }, fakeIo(dir)));
    expect(e.exitCode).toBe(EXIT.invalidInput);
    expect(e.message).toBe('copy.md already exists; use --force to overwrite, or give another file with -o.');
    await report(['reports/example-org/2026-11-29-mini.json'], { output: 'copy.md', force: true }, fakeIo(dir));
  });

  it('refuses a missing or corrupt result with a plain InputError', async () => {
    const dir = workdir({ 'broken.json': '{ "schemaVersion": 1,' });
    let e = await failure(report(['nope.json'], {}, fakeIo(dir)));
    expect(e.exitCode).toBe(EXIT.invalidInput);
    expect(e.message).toContain('does not exist');
    e = await failure(report(['broken.json'], {}, fakeIo(dir)));
    expect(e.exitCode).toBe(EXIT.invalidInput);
  });
});
