// Unfinished interviews: <out>/.sessions/<id>.json, rewritten atomically after
// every answer so that Ctrl-C, a closed terminal or a crash loses nothing.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as z from 'zod';
import { removeStaleTemps, writeFileAtomic } from './write.js';
import { InputError, UsageError } from '../errors.js';
import { fileErrorMessage, READ_LIMITS, readRegularFile } from '../load/safe-read.js';

export const SESSION_SCHEMA = 'readiness-session/1';

const StoredAnswer = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('answered'),
    value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]),
    note: z.string().optional(),
  }),
  z.strictObject({ status: z.literal('dont-know'), note: z.string().optional() }),
  z.strictObject({ status: z.literal('not-applicable'), note: z.string().optional() }),
  z.strictObject({ status: z.literal('unanswered'), note: z.string().optional() }),
]);

export const Session = z.object({
  schema: z.literal(SESSION_SCHEMA),
  id: z.string(),
  /** ISO timestamps. */
  createdAt: z.string(),
  updatedAt: z.string(),
  questionnaire: z.object({
    id: z.string(),
    title: z.string(),
    version: z.string(),
    hash: z.string(),
    /** How to find it again: the id of a built-in, or the absolute path of a file. */
    ref: z.string(),
  }),
  /** Per question id, a fingerprint of what the answer means (text, type, options), taken when answers were given. */
  fingerprints: z.record(z.string(), z.string()),
  organization: z.string(),
  respondent: z.string().optional(),
  role: z.string().optional(),
  /** Respondent attributes (unit, site...) given with --segment, written into the answers file. */
  segments: z.record(z.string(), z.string()).optional(),
  /** The assessment date, YYYY-MM-DD. */
  date: z.string(),
  /** Every answer, including those to questions currently hidden by a condition. */
  answers: z.record(z.string(), StoredAnswer),
  /** Shown questions with an entry / shown questions, at the last save (for listing without the questionnaire). */
  progress: z.object({ answered: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
});
export type Session = z.infer<typeof Session>;

/** Session ids are short, lowercase, without look-alike characters, and safe in a file name. */
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const ID_PATTERN = /^[a-z0-9-]{1,40}$/;

export function sessionsDir(outDir: string): string {
  return join(outDir, '.sessions');
}

export function sessionFile(outDir: string, id: string): string {
  return join(sessionsDir(outDir), `${id}.json`);
}

/** A new id such as "k7m2qx", not used by any session in the folder. */
export function newSessionId(outDir: string, random: (n: number) => Buffer = randomBytes): string {
  const taken = new Set(listSessionIds(outDir));
  for (;;) {
    const id = [...random(6)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
    if (!taken.has(id)) return id;
  }
}

function listSessionIds(outDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(sessionsDir(outDir));
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)).filter((id) => ID_PATTERN.test(id));
}

/** Writes the session atomically (temp file in the same folder, fsync, rename) and stamps updatedAt. */
export function saveSession(outDir: string, session: Session, now: () => Date = () => new Date()): Session {
  const stamped: Session = { ...session, updatedAt: now().toISOString() };
  const dir = sessionsDir(outDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new InputError(`the interview cannot be saved: ${fileErrorMessage(dir, error, 'write')}`);
  }
  const target = sessionFile(outDir, session.id);
  try {
    // private: a session holds a client's answers and notes
    writeFileAtomic(target, `${JSON.stringify(stamped, null, 2)}\n`, target, { replace: true, mode: 0o600, ownFile: true });
  } catch (error) {
    const reason = error instanceof InputError ? error.message : fileErrorMessage(target, error, 'write');
    throw new InputError(`the interview cannot be saved: ${reason}`);
  }
  return stamped;
}

/** Why a file is not a usable session ("is not a readable interview session (...)"), or the session. */
function parseSession(text: string): { session?: Session; reason?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { reason: 'is not a readable interview session (it is not valid JSON); delete it if it is no longer needed.' };
  }
  const parsed = Session.safeParse(data);
  if (parsed.success) return { session: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
  return { reason: `is not a readable interview session (${issue?.message ?? 'unexpected content'}${where}); delete it if it is no longer needed.` };
}

function readSession(file: string): { session?: Session; reason?: string } {
  let text: string;
  try {
    // a session is untrusted input like any other: regular files only, size-limited
    text = new TextDecoder('utf-8', { fatal: true }).decode(readRegularFile(file, { maxBytes: READ_LIMITS.session, what: 'interview session' }));
  } catch (error) {
    if (error instanceof InputError) return { reason: error.message.startsWith(file) ? error.message.slice(file.length).trim() : error.message };
    return { reason: 'is not a readable interview session (it is not UTF-8 text); delete it if it is no longer needed.' };
  }
  const parsed = parseSession(text);
  if (!parsed.session) return parsed;
  // the id decides the file the session is saved to: it must be this file's own name
  const ownId = basename(file).replace(/\.json$/, '');
  if (parsed.session.id !== ownId || !ID_PATTERN.test(parsed.session.id)) {
    return { reason: `is not a usable interview session (its id "${parsed.session.id.slice(0, 60)}" does not match the file name ${basename(file)}); delete it if it is no longer needed.` };
  }
  return parsed;
}

/** Reads one session file; InputError naming the file when it is not a readable session. */
export function readSessionFile(file: string): Session {
  const { session, reason } = readSession(file);
  if (!session) throw new InputError(`${file} ${reason}`);
  return session;
}

/** The session with this id; UsageError naming the ids available when there is none. */
export function loadSession(outDir: string, id: string): Session {
  const ids = listSessionIds(outDir);
  if (!ID_PATTERN.test(id) || !ids.includes(id)) {
    const hint = ids.length
      ? `the unfinished ones are: ${ids.join(', ')} (see \`readiness sessions\`).`
      : 'there are none; start a new interview with `readiness assess`.';
    throw new UsageError(`No unfinished interview "${id}" in ${sessionsDir(outDir)}; ${hint}`);
  }
  return readSessionFile(sessionFile(outDir, id));
}

export interface ListedSession {
  file: string;
  session?: Session;
  /** Why the file could not be used, a phrase following its name ("is not a readable ..."); then `session` is absent. */
  problem?: string;
}

/** Every session file in the folder, most recently saved first; unreadable ones come last with their problem. */
export function listSessions(outDir: string): ListedSession[] {
  removeStaleTemps(sessionsDir(outDir)); // a killed save leaves a temp file holding answers and notes
  const listed: ListedSession[] = listSessionIds(outDir).map((id) => {
    const file = sessionFile(outDir, id);
    const { session, reason } = readSession(file);
    return session ? { file, session } : { file, problem: reason ?? 'is not readable.' };
  });
  return listed.sort((a, b) => {
    if (!a.session || !b.session) return a.session ? -1 : b.session ? 1 : a.file < b.file ? -1 : 1;
    return a.session.updatedAt < b.session.updatedAt ? 1 : a.session.updatedAt > b.session.updatedAt ? -1 : a.file < b.file ? -1 : 1;
  });
}

/** The most recently saved readable session, if any. */
export function latestSession(outDir: string): Session | undefined {
  return listSessions(outDir).find((s) => s.session)?.session;
}

export function deleteSession(outDir: string, id: string): void {
  if (!ID_PATTERN.test(id)) return;
  rmSync(sessionFile(outDir, id), { force: true });
}
