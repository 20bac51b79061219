import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deleteSession,
  latestSession,
  listSessions,
  loadSession,
  newSessionId,
  saveSession,
  SESSION_SCHEMA,
  sessionFile,
  sessionsDir,
  type Session,
} from '../../src/store/sessions.js';

function tempOut(): string {
  return join(mkdtempSync(join(tmpdir(), 'readiness-sessions-')), 'reports');
}

function session(id: string, extra: Partial<Session> = {}): Session {
  return {
    schema: SESSION_SCHEMA,
    id,
    createdAt: '2026-11-29T09:00:00.000Z',
    updatedAt: '2026-11-29T09:00:00.000Z',
    questionnaire: { id: 'mini-pulse', title: 'Mini pulse', version: '1.0.0', hash: 'sha256:abc', ref: 'mini-pulse' },
    fingerprints: { sponsor: 'f1' },
    organization: 'Acme',
    date: '2026-11-29',
    answers: { sponsor: { status: 'answered', value: 'yes', note: 'since May' } },
    progress: { answered: 1, total: 5 },
    ...extra,
  };
}

const at = (iso: string) => () => new Date(iso);

describe('interview session files', () => {
  it('saves under <out>/.sessions/<id>.json and reads back every answer and note', () => {
    const out = tempOut();
    const saved = saveSession(out, session('abc234'), at('2026-11-29T10:15:00.000Z'));
    expect(saved.updatedAt).toBe('2026-11-29T10:15:00.000Z');
    expect(sessionFile(out, 'abc234')).toBe(join(out, '.sessions', 'abc234.json'));
    expect(loadSession(out, 'abc234')).toEqual(saved);
    // rewriting leaves no temporary files behind
    saveSession(out, { ...saved, progress: { answered: 2, total: 5 } });
    expect(readdirSync(sessionsDir(out))).toEqual(['abc234.json']);
    expect(JSON.parse(readFileSync(sessionFile(out, 'abc234'), 'utf8')).progress).toEqual({ answered: 2, total: 5 });
  });

  it('lists sessions most recently saved first, unreadable files last with the reason', () => {
    const out = tempOut();
    saveSession(out, session('older2'), at('2026-11-01T08:00:00Z'));
    saveSession(out, session('newer3', { organization: 'Beta' }), at('2026-11-20T08:00:00Z'));
    writeFileSync(join(sessionsDir(out), 'broken.json'), '{ not json');
    writeFileSync(join(sessionsDir(out), 'other.json'), JSON.stringify({ schema: 'something-else' }));
    const listed = listSessions(out);
    expect(listed.map((l) => l.session?.id ?? 'bad')).toEqual(['newer3', 'older2', 'bad', 'bad']);
    expect(listed[2]!.file).toMatch(/broken\.json$/);
    expect(listed[2]!.problem).toMatch(/^is not a readable interview session \(it is not valid JSON\)/);
    expect(listed[3]!.problem).toMatch(/^is not a readable interview session \(.*schema/);
    expect(latestSession(out)?.organization).toBe('Beta');
  });

  it('has no sessions in a folder that does not exist yet', () => {
    const out = tempOut();
    expect(listSessions(out)).toEqual([]);
    expect(latestSession(out)).toBeUndefined();
  });

  it('names the sessions available when an id is unknown, and never leaves the folder', () => {
    const out = tempOut();
    saveSession(out, session('abc234'));
    expect(() => loadSession(out, 'zzz999')).toThrow(/No unfinished interview "zzz999".*abc234/);
    expect(() => loadSession(out, '../../etc/passwd')).toThrowError(expect.objectContaining({ exitCode: 2 }));
    expect(() => loadSession(tempOut(), 'abc234')).toThrow(/there are none; start a new interview/);
  });

  it('makes short readable ids that are not taken yet', () => {
    const out = tempOut();
    mkdirSync(sessionsDir(out), { recursive: true });
    writeFileSync(sessionFile(out, 'aaaaaa'), '{}');
    let calls = 0;
    // first draw collides with the existing file, the second does not
    const random = (n: number) => Buffer.alloc(n, calls++ === 0 ? 0 : 1);
    expect(newSessionId(out, random)).toBe('bbbbbb');
    for (let i = 0; i < 50; i++) expect(newSessionId(out)).toMatch(/^[a-z2-9]{6}$/);
  });

  it('deletes a finished session', () => {
    const out = tempOut();
    saveSession(out, session('abc234'));
    deleteSession(out, 'abc234');
    expect(listSessions(out)).toEqual([]);
    deleteSession(out, 'abc234'); // already gone: fine
  });
});
