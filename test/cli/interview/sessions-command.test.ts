// `readiness sessions` lists unfinished interviews (the command lives in src/cli/commands/sessions.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/sessions.js';
import { saveSession, SESSION_SCHEMA, sessionsDir, type Session } from '../../../src/store/sessions.js';
import { fakeIo as sharedFakeIo } from '../../helpers/io.js';

function fakeIo(cwd: string) {
  const io = sharedFakeIo(cwd);
  return { io, out: io.out, err: io.err };
}

function session(id: string, organization: string, answered: number): Session {
  return {
    schema: SESSION_SCHEMA,
    id,
    createdAt: '2026-11-29T09:00:00.000Z',
    updatedAt: '2026-11-29T09:00:00.000Z',
    questionnaire: { id: 'quick-check', title: 'Quick check', version: '1.0.0', hash: 'sha256:abc', ref: 'quick-check' },
    fingerprints: {},
    organization,
    respondent: 'Dana',
    date: '2026-11-29',
    answers: {},
    progress: { answered, total: 38 },
  };
}

describe('readiness sessions', () => {
  it('lists unfinished interviews with organization, questionnaire, progress and when last saved', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-sessions-cmd-'));
    const out = join(cwd, 'reports');
    saveSession(out, session('abc234', 'Acme', 12), () => new Date(2026, 10, 29, 14, 3));
    saveSession(out, session('xyz789', 'Beta Org', 3), () => new Date(2026, 10, 30, 9, 30));
    const t = fakeIo(cwd);
    await run([], { dir: 'reports' }, t.io);
    const lines = t.out().split('\n');
    expect(lines[0]).toBe('2 unfinished interviews in reports/.sessions:');
    expect(t.out()).toMatch(/ID\s+ORGANIZATION\s+QUESTIONNAIRE\s+PROGRESS\s+LAST SAVED/);
    // most recent first
    expect(t.out()).toMatch(/xyz789\s+Beta Org \(Dana\)\s+quick-check\s+3\/38\s+2026-11-30 09:30\n.*abc234\s+Acme \(Dana\)\s+quick-check\s+12\/38\s+2026-11-29 14:03/);
    expect(t.out()).toContain('Continue one with: readiness assess --resume <id>');
  });

  it('prints JSON with the resume command, and warns about unreadable files', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-sessions-cmd-'));
    const out = join(cwd, 'elsewhere');
    saveSession(out, session('abc234', 'Acme', 12));
    writeFileSync(join(sessionsDir(out), 'junk.json'), '[]');
    const t = fakeIo(cwd);
    await run([], { dir: 'elsewhere', json: true }, t.io);
    const data = JSON.parse(t.out());
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      id: 'abc234',
      organization: 'Acme',
      questionnaire: { id: 'quick-check' },
      answered: 12,
      total: 38,
      resume: 'readiness assess --resume abc234 -d elsewhere',
    });
    expect(t.err()).toMatch(/skipped elsewhere\/\.sessions\/junk\.json, which is not a readable interview session/);
  });

  it('says so when there are none', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'readiness-sessions-cmd-'));
    const t = fakeIo(cwd);
    await run([], { dir: 'reports' }, t.io);
    expect(t.out()).toBe('No unfinished interviews in reports/.sessions. Start one with: readiness assess\n');
  });
});
