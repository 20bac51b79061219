// Issue 11, item 1: only regular files are read. Every input the tool reads
// (answers, questionnaire, survey CSV, mapping, stored result, session, folder
// scans) is given a FIFO, a device node, or a symbolic link to one; each must be
// refused with one sentence and exit 1 (or skipped and named, in folder scans),
// never hang or read without end. The binary runs with a timeout, so a hang fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readiness, requireBuild, ROOT } from '../helpers/binary.js';

const GOOD = join(ROOT, 'test/fixtures/answers/good.yaml');
const SURVEY = join(ROOT, 'test/fixtures/survey/quick-check-30.csv');

/** Makes a FIFO and a /dev/zero-like character device in `dir`; says why when it cannot. */
export function makeSpecialFiles(dir: string): { fifo: string; zero?: string; skipped?: string } {
  const fifo = join(dir, 'pipe.yaml');
  execFileSync('mkfifo', [fifo]);
  const zero = join(dir, 'zero.yaml');
  try {
    execFileSync('mknod', [zero, 'c', '1', '5'], { stdio: 'pipe' });
    return { fifo, zero };
  } catch (error) {
    return { fifo, skipped: `mknod is not permitted here (${(error as Error).message.split('\n')[0]})` };
  }
}

const ws = () => mkdtempSync(join(tmpdir(), 'readiness-hostile-read-'));

/** One sentence on stderr, exit 1, no stack trace. */
function refused(run: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout + run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
}

describe('only regular files are read (built binary)', () => {
  beforeAll(requireBuild);
  const cwd = ws();
  const special = makeSpecialFiles(cwd);
  if (special.skipped) console.log(`device-node cases skipped: ${special.skipped}`);
  const devices = [['FIFO', special.fifo, /is a FIFO \(named pipe\), not a regular file/]] as [string, string, RegExp][];
  if (special.zero) devices.push(['character device', special.zero, /is a character device, not a regular file/]);
  devices.push(['/dev/zero', '/dev/zero', /is a character device, not a regular file/]);
  devices.push(['/dev/urandom', '/dev/urandom', /is a character device, not a regular file/]);
  symlinkSync(special.fifo, join(cwd, 'link-to-fifo.yaml'));
  devices.push(['symlink to a FIFO', 'link-to-fifo.yaml', /is a FIFO \(named pipe\)/]);

  for (const [kind, path, pattern] of devices) {
    it(`--answers on a ${kind}`, () => refused(readiness(cwd, ['assess', '--answers', path, '-o', 'out']), pattern));
    it(`a questionnaire that is a ${kind}`, () =>
      refused(readiness(cwd, ['assess', '--answers', GOOD, '-q', path.startsWith('/') ? path : `./${path}`, '-o', 'out']), pattern));
    it(`validate on a ${kind}`, () => refused(readiness(cwd, ['validate', path]), pattern));
    it(`--responses on a ${kind}`, () => refused(readiness(cwd, ['assess', '--responses', path, '-q', 'quick-check', '--org', 'X', '-o', 'out']), pattern));
    it(`--map on a ${kind}`, () =>
      refused(readiness(cwd, ['assess', '--responses', SURVEY, '-q', 'quick-check', '--org', 'X', '--map', path, '-o', 'out']), pattern));
    it(`report on a ${kind}`, () => refused(readiness(cwd, ['report', path, '-o', 'out']), pattern));
  }

  it('a folder of answers files holding a FIFO names it instead of hanging', () => {
    mkdirSync(join(cwd, 'team'));
    writeFileSync(join(cwd, 'team', 'a.yaml'), 'x: 1\n');
    symlinkSync(special.fifo, join(cwd, 'team', 'b.yaml'));
    refused(readiness(cwd, ['assess', '--answers', 'team', '-o', 'out']), /team\/b\.yaml is a FIFO/);
  });

  it('history skips special files in the reports folder and says so', () => {
    mkdirSync(join(cwd, 'reports/acme'), { recursive: true });
    symlinkSync('/dev/zero', join(cwd, 'reports/acme/2026-01-01-quick-check.json'));
    symlinkSync(special.fifo, join(cwd, 'reports/acme/2026-01-02-quick-check.json'));
    const run = readiness(cwd, ['history']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2026-01-01-quick-check\.json: is a character device/);
    expect(run.stdout).toMatch(/2026-01-02-quick-check\.json: is a FIFO/);
  });

  it('sessions skips a session that is a link to a device or a FIFO, and says so', () => {
    mkdirSync(join(cwd, 'reports/.sessions'), { recursive: true });
    symlinkSync('/dev/zero', join(cwd, 'reports/.sessions/abcdef.json'));
    symlinkSync(special.fifo, join(cwd, 'reports/.sessions/ghjkmn.json'));
    const run = readiness(cwd, ['sessions']);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/abcdef\.json.*character device/);
    expect(run.stdout + run.stderr).toMatch(/ghjkmn\.json.*FIFO/);
  });
});
