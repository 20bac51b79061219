// An engagement as a consultant runs it, on the built binary: every
// respondent's answers kept as a file, pre-filled answers from a stored result,
// and printed commands that work when run as printed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readiness, requireBuild, ROOT, type Run } from '../helpers/binary.js';

const EXAMPLE = join(ROOT, 'reports/examples/example-org-answers.yaml');

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'readiness-engagement-'));
}

/** A printed command ("readiness template --from x.json -o a.yaml") split as a POSIX shell would (quotes: single only, as printed). */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of command.matchAll(re)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return words;
}

/** Runs a printed hint as printed: `readiness ...` or `npx readiness ...` becomes the built binary with the same arguments. */
function runHint(cwd: string, command: string, env: Record<string, string> = {}): Run {
  const words = shellWords(command.trim());
  const start = words[0] === 'npx' ? 2 : 1;
  expect(words[start - 1]).toBe('readiness');
  return readiness(cwd, words.slice(start), undefined, env);
}

describe('an engagement (built binary)', { timeout: 180000 }, () => {
  beforeAll(requireBuild);

  it('a stored result given to --answers gets one sentence naming `template --from`, and that command works as printed', () => {
    const cwd = workspace();
    expect(readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'Example Org', '--date', '2026-11-01']).code).toBe(0);
    const stored = 'reports/example-org/2026-11-01-social-readiness.json';
    const wrong = readiness(cwd, ['assess', '--answers', stored]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toContain(`${stored} is a stored result, not an answers file`);
    const hint = /`(readiness template --from [^`]+)`/.exec(wrong.stderr)![1]!;
    const made = runHint(cwd, hint);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    // the pre-filled file scores to the same answers and scores as the stored result
    const next = /then run: (.+)$/m.exec(made.stdout)![1]!;
    const again = runHint(cwd, `${next} --date 2026-11-01 -o again`);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const a = JSON.parse(readFileSync(join(cwd, stored), 'utf8'));
    const b = JSON.parse(readFileSync(join(cwd, 'again/example-org/2026-11-01-social-readiness.json'), 'utf8'));
    expect(b.answers).toEqual(a.answers);
    expect(b.dimensions).toEqual(a.dimensions);
    expect(b.overall).toEqual(a.overall);
  });

  it('template --from refuses a combined result in one sentence, and keeps shared answers for another questionnaire', () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'a.yaml'), readFileSync(EXAMPLE, 'utf8'));
    writeFileSync(join(cwd, 'b.yaml'), readFileSync(EXAMPLE, 'utf8').replace(/^respondent:.*$/m, 'respondent: Other'));
    expect(readiness(cwd, ['assess', '--answers', 'a.yaml', 'b.yaml', '--org', 'Example Org', '--date', '2026-11-01']).code).toBe(0);
    const refused = readiness(cwd, ['template', '--from', 'reports/example-org/2026-11-01-social-readiness.json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('combines 2 respondents');
    expect(refused.stderr).toContain('answers files');

    const quick = readiness(cwd, ['template', 'quick-check', '--from', 'a.yaml', '-o', 'quick.yaml']);
    expect(quick.code).toBe(0);
    expect(quick.stderr).toContain('25 answers have no question in quick-check and are left out');
    expect(quick.stdout).toContain('13 of 13 answers filled in');
    const scored = readiness(cwd, ['assess', '--answers', 'quick.yaml', '-o', 'q']);
    expect(scored.stderr).toBe('');
    expect(scored.code).toBe(0);
  });

  it('prints commands the way the tool was invoked: `npx readiness ...` under npx, and they run as printed', () => {
    const cwd = workspace();
    const npx = { npm_command: 'exec', npm_lifecycle_script: 'readiness' };
    const r = readiness(cwd, ['template', 'quick-check', '-o', 'me.yaml'], undefined, npx);
    expect(r.code).toBe(0);
    const hint = /then run: (.+)$/m.exec(r.stdout)![1]!;
    expect(hint).toBe('npx readiness assess --answers me.yaml');
    // a tool started by npx (a test runner) that runs readiness is not "npx readiness"
    const other = readiness(cwd, ['template', 'quick-check', '-o', 'me2.yaml'], undefined, { npm_command: 'exec', npm_lifecycle_script: 'vitest' });
    expect(/then run: (.+)$/m.exec(other.stdout)![1]).toBe('readiness assess --answers me2.yaml');
    // the help's examples too
    expect(readiness(cwd, ['assess', '--help'], undefined, npx).stdout).toContain('$ npx readiness assess --resume');
    // and errors naming a command
    const noTerminal = readiness(cwd, ['assess', '-q', 'quick-check'], undefined, npx);
    expect(noTerminal.stderr).toContain('`npx readiness template <questionnaire>`');
    writeFileSync(join(cwd, 'me.yaml'), readFileSync(join(cwd, 'me.yaml'), 'utf8').replace('organization:', 'organization: Acme'));
    const run = runHint(cwd, `${hint} --allow-partial`, npx);
    expect(run.code).toBe(0);
  });
});
