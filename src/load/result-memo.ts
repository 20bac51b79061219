// A memo of stored results already checked in full by this very code: the
// sha256 of each result file's text that passed every check (schema, score
// recomputation) and whose checked form is exactly its JSON. A file whose
// hash is in the memo is the same text, checked by the same code, so the
// answer would be the same: it is taken as parsed, without the schema and
// score checks that dominate loading many results (compare, history, plan).
// Any edit changes the hash and gets the full check. The memo lives in the
// user's cache folder, one file per build of the bundle (the launcher,
// src/boot/launch.ts, says where); without the launcher (tests, tsx) there is
// no memo. READINESS_NO_CACHE=1 turns it off. It keeps the MEMO_MAX newest
// digests: past that, the next run that adds one writes the newest MEMO_KEEP back.
import type * as Crypto from 'node:crypto';
import type * as Fs from 'node:fs';
import { trustedFolder } from '../boot/compile-cache.js';
import { readRegularFile } from './safe-read.js';
import { writeWhole } from './cache-folder.js';

/** Set by the launcher: where the memo lives and which code it belongs to. */
export interface MemoPlace {
  /** The folder for the memo files (in the user's cache folder). */
  dir: string;
  /** Hash of the bundle: a memo only vouches for checks made by the same code. */
  codeHash: string;
  /** The memo of checked questionnaires (src/load/questionnaire-memo.ts): its folder, and the hash of the code a check runs (the checker and the YAML libraries). */
  questionnaires?: { dir: string; codeHash: string };
}

export const MEMO_PLACE = Symbol.for('social-readiness.result-memo');

/** Digests a memo may hold before it is trimmed (one line of 65 bytes each). */
export const MEMO_MAX = 20000;
/** What a trim keeps: the most recently added digests. */
export const MEMO_KEEP = 10000;

/** Largest memo file read (about 129,000 lines): one past it is written anew, not appended to. */
const MEMO_MAX_BYTES = 8 * 1024 * 1024;

interface Memo {
  known: Set<string>;
  added: string[];
  file: string;
  dir: string;
  /** The file is too large to read: write this run's digests in its place rather than append to it. */
  rewrite: boolean;
}

let memo: Memo | null | undefined;
let exitHooked = false;

function open(): Memo | null {
  if (memo !== undefined) return memo;
  const place = (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE];
  // like the cache folder itself (checked by the launcher): a folder another user could write to is not read
  if (!place || !trustedFolder(place.dir)) return (memo = null);
  const fs = process.getBuiltinModule('node:fs') as typeof Fs;
  const file = `${place.dir}/${place.codeHash}.txt`;
  const known = new Set<string>();
  let rewrite = false;
  try {
    // one hash a line; a torn last line (two writers at once) is no hash and is ignored
    // the safe reader: a FIFO or device put in the memo's place must not hang the command
    for (const line of readRegularFile(file, { maxBytes: MEMO_MAX_BYTES }).toString('latin1').split('\n')) if (/^[0-9a-f]{64}$/.test(line)) known.add(line);
  } catch {
    // no memo yet; or one grown past what is read (the same digests appended by many runs at
    // once), which appends would only make larger on every run, unread: it is written anew
    try {
      rewrite = fs.statSync(file).size > MEMO_MAX_BYTES;
    } catch {
      // no memo yet
    }
  }
  memo = { known, added: [], file, dir: place.dir, rewrite };
  // one listener per process, whatever the memo (tests open many): it saves the memo open at exit
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => save(fs));
  }
  return memo;
}

function save(fs: typeof Fs): void {
  if (!memo || memo.added.length === 0) return;
  try {
    fs.mkdirSync(memo.dir, { mode: 0o700 });
  } catch {
    // exists (or cannot be made: then the append fails too)
  }
  try {
    if (memo.known.size > MEMO_MAX || memo.rewrite) {
      // the newest digests (a Set keeps the order: the file's lines, then this run's), written
      // beside and renamed over, so that readers see the old memo or the new one
      const keep = [...memo.known].slice(-MEMO_KEEP);
      // (a temporary file that cannot be written whole is removed, not left beside the memo)
      writeWhole(fs, [], memo.file, Buffer.from(`${keep.join('\n')}\n`, 'latin1'), true);
      memo.rewrite = false;
    } else {
      // one append of whole lines: readers see complete lines or a torn last one; only
      // to a regular file, opened non-blocking (a FIFO in its place must not hang the exit)
      const { O_WRONLY, O_APPEND, O_CREAT, O_NONBLOCK } = fs.constants;
      const fd = fs.openSync(memo.file, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK, 0o600);
      try {
        if (fs.fstatSync(fd).isFile()) fs.writeSync(fd, `${memo.added.join('\n')}\n`);
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch {
    // a memo that cannot be written only means the next run checks again
  }
}

/** Writes what this run added now (normally done on exit). */
export function saveMemo(): void {
  save(process.getBuiltinModule('node:fs') as typeof Fs);
  if (memo) memo.added = [];
}

/** For tests: forget the memo read so far (the place may have changed). */
export function resetMemo(): void {
  memo = undefined;
}

/** The sha256 (hex) of a result file's text, when there is a memo to ask; undefined otherwise. */
export function resultDigest(text: string): string | undefined {
  if (!open()) return undefined;
  const { createHash } = process.getBuiltinModule('node:crypto') as typeof Crypto;
  return createHash('sha256').update(text).digest('hex');
}

/** The text with this digest passed every check before, with this code. */
export function knownGood(digest: string | undefined): boolean {
  return digest !== undefined && memo !== null && memo !== undefined && memo.known.has(digest);
}

/** Records that the text with this digest passed every check and needs none of the checks' changes. */
export function rememberGood(digest: string | undefined): void {
  if (digest === undefined || !memo || memo.known.has(digest)) return;
  memo.known.add(digest);
  memo.added.push(digest);
}
