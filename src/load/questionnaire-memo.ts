// A memo of questionnaire files checked in full by this very build: a
// consultant's ./questionnaires folder made every command (list, show,
// template, assess) parse and check each file in it, with the YAML and schema
// libraries loaded for it, although the files rarely change.
//
// What proves a file unchanged: the sha256 of its bytes, as read now. An entry
// is named by that digest and was written by this build (the folder is named
// by the hash of the checker and both YAML libraries) after the same bytes
// passed every check without a problem: the same bytes checked by the same
// code give the same questionnaire.
// Any edit changes the digest: a miss, and the full check. File sizes and
// times are not trusted. An entry holds the digest it belongs to and a
// checksum of its JSON: a torn, truncated, corrupt or misplaced entry is a
// miss. Files with problems are never remembered (each run says why again),
// nor a questionnaire that JSON would not give back exactly.
//
// The folder lives in the user's cache folder beside the memo of checked
// results; the launcher (src/boot/launch.ts) says where, and without it (tests,
// tsx) nothing is remembered. READINESS_NO_CACHE=1 turns it off. At most
// MAX_ENTRIES entries are kept (the least recently used go first), besides the
// ones the running command uses, and the folders of other builds go once unused
// for a day. A run that wrote trims once, at exit.
import type * as Fs from 'node:fs';
import type { Questionnaire } from '../model/questionnaire.js';
import type { CachedQuestionnaire } from './builtin-cache.js';
import { checksum, removeOldest, removeOtherBuilds, removeStaleTemporaries, sha256, writeWhole } from './cache-folder.js';
import { trustedFolder } from '../boot/compile-cache.js';
import { MEMO_PLACE, type MemoPlace } from './result-memo.js';
import { READ_LIMITS, readRegularFile } from './safe-read.js';

/** Entries kept per build: more questionnaires than a consultant's folders hold (each entry is about the size of its file). */
export const MAX_ENTRIES = 256;
/** What a trim leaves, so that trimming is rare. */
const KEEP_ENTRIES = 192;
/** An entry in use has its time refreshed at most this often, so that a trim removes the least recently used. */
const TOUCH_AFTER_MS = 3600000;
const FORMAT = 'readiness-questionnaire/1';

interface Memo {
  /** The folder of all builds' entries. */
  root: string;
  /** This build's folder. */
  dir: string;
  codeHash: string;
  fs: typeof Fs;
  /** The entries (file names) this run read or wrote: a trim spares them (a folder of more than MAX_ENTRIES questionnaires would otherwise miss some on every run). */
  used: Set<string>;
  /** Whether this run wrote an entry (then the memo is trimmed at exit). */
  wrote: boolean;
}

let memo: Memo | null | undefined;
let exitHooked = false;

function open(): Memo | null {
  if (memo !== undefined) return memo;
  const place = (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE]?.questionnaires;
  if (!place || !/^[0-9A-Za-z_-]+$/.test(place.codeHash)) return (memo = null);
  const dir = `${place.dir}/${place.codeHash}`;
  // like the cache folder itself (checked by the launcher): folders another user could write to are not read
  if (!trustedFolder(place.dir) || !trustedFolder(dir)) return (memo = null);
  const fs = process.getBuiltinModule('node:fs') as typeof Fs;
  return (memo = { root: place.dir, dir, codeHash: place.codeHash, fs, used: new Set(), wrote: false });
}

/** For tests: forget the memo opened so far (the place may have changed). */
export function resetQuestionnaireMemo(): void {
  memo = undefined;
}

/** The sha256 (hex) of a questionnaire file's bytes, when there is a memo to ask; undefined otherwise. */
export function questionnaireDigest(bytes: Uint8Array): string | undefined {
  return open() ? sha256(bytes) : undefined;
}

/**
 * The questionnaire and hash checked before from the bytes with this digest
 * (see questionnaireDigest), or undefined: no memo, no entry, or an entry that
 * is not whole and intact. A fresh object each time (callers may change theirs).
 */
export function rememberedQuestionnaire(digest: string | undefined): CachedQuestionnaire | undefined {
  const m = open();
  if (!m || digest === undefined) return undefined;
  const file = `${m.dir}/${digest}.json`;
  let bytes: Buffer;
  try {
    // the safe reader: a FIFO or device put in an entry's place must not hang the command
    bytes = readRegularFile(file, { maxBytes: 4 * READ_LIMITS.questionnaire, what: 'memo entry' });
  } catch {
    return undefined; // no entry (or unreadable: as if absent)
  }
  const checked = decodeEntry(bytes, digest);
  if (checked) {
    m.used.add(`${digest}.json`);
    try {
      // in use: not the first to go when the memo is trimmed
      if (m.fs.statSync(file).mtimeMs < Date.now() - TOUCH_AFTER_MS) {
        const now = new Date();
        m.fs.utimesSync(file, now, now);
      }
    } catch {
      // a read-only memo still answers
    }
  }
  return checked;
}

/**
 * Remembers that the bytes with this digest passed every check and gave
 * `checked`; nothing when there is no memo, or when `checked` would not come
 * back the same from JSON (an infinite or negative-zero number, say). Never throws.
 */
export function rememberQuestionnaire(digest: string | undefined, checked: CachedQuestionnaire): void {
  const m = open();
  if (!m || digest === undefined || !sameAfterJson(checked)) return;
  if (writeWhole(m.fs, [m.root, m.dir], `${m.dir}/${digest}.json`, encodeEntry(digest, checked))) {
    m.used.add(`${digest}.json`);
    m.wrote = true;
    // one listener per process, whatever the memo (tests open many): it trims the memo open at exit
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', () => finishQuestionnaireMemo());
    }
  }
}

/**
 * What the exit of a run that wrote does (also for tests): keeps the memo within
 * MAX_ENTRIES, sparing the entries this run used, and drops other builds' folders
 * and leftovers of writes that died. Never throws.
 */
export function finishQuestionnaireMemo(): void {
  const m = memo;
  if (!m || !m.wrote) return;
  m.wrote = false;
  try {
    const now = Date.now();
    const names = m.fs.readdirSync(m.dir);
    removeStaleTemporaries(m.fs, m.dir, names, now);
    removeOldest(m.fs, m.dir, names.filter((n) => /^[0-9a-f]{64}\.json$/.test(n)), MAX_ENTRIES, KEEP_ENTRIES, m.used);
    removeOtherBuilds(m.fs, { dir: m.root, codeHash: m.codeHash }, now);
  } catch {
    // a memo that cannot be trimmed is tried again after the next run that writes
  }
}

/** An entry's bytes: a header line (format, the digest it belongs to, the checksum of what follows), then the JSON of `checked`. */
export function encodeEntry(digest: string, checked: CachedQuestionnaire): Buffer {
  const body = Buffer.from(JSON.stringify({ questionnaire: checked.questionnaire, hash: checked.hash }), 'utf8');
  return Buffer.concat([Buffer.from(`${FORMAT} ${digest} ${checksum(body)}\n`, 'latin1'), body]);
}

/** The questionnaire in an entry's bytes, or undefined when they are not a whole, intact entry for `digest`. */
export function decodeEntry(bytes: Uint8Array, digest: string): CachedQuestionnaire | undefined {
  const nl = bytes.indexOf(10);
  if (nl < 0 || nl > 200) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const header = view.toString('latin1', 0, nl).split(' ');
  if (header.length !== 3 || header[0] !== FORMAT || header[1] !== digest) return undefined;
  const body = view.subarray(nl + 1);
  if (checksum(body) !== header[2]) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const v = value as { questionnaire?: Partial<Questionnaire> | null; hash?: unknown } | null;
  // the shape an entry always has (the checksum vouches for the rest)
  if (!v || typeof v !== 'object' || typeof v.hash !== 'string' || !v.hash.startsWith('sha256:')) return undefined;
  const q = v.questionnaire;
  if (!q || typeof q !== 'object' || typeof q.id !== 'string' || !Array.isArray(q.questions) || !Array.isArray(q.dimensions)) return undefined;
  return { questionnaire: q as Questionnaire, hash: v.hash };
}

/** Whether JSON gives `value` back exactly: no undefined property, no non-finite number, no -0, only plain objects and arrays. */
export function sameAfterJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((v) => v !== undefined && sameAfterJson(v));
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || !sameAfterJson(v)) return false;
  }
  return true;
}
