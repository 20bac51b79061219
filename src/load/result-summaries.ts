// Summaries of checked results (src/model/result-summary.ts), kept in the
// user's cache folder so that listing many results (history, compare) reads
// each result file's bytes and a small summary instead of decoding, parsing
// and checking the whole file again.
//
// What proves a file unchanged: the sha256 of its bytes, as read now. An entry
// is named by that digest and was written by this very build (the folder is
// named by the bundle's hash) after the same bytes passed every check of
// loadResult: the same bytes checked by the same code give the same result, so
// the same summary. Any edit, truncation or replacement changes the bytes and
// so the digest: a miss, and the full check. File sizes and times are not
// trusted (an edit can keep both: `touch -r`, two writes in one clock tick,
// file systems with coarse times). An entry holds the digest it belongs to and
// a checksum of its text: a torn, truncated, corrupt or misplaced entry is a
// miss too. Failing files are never cached (each run says why again).
//
// A folder of many results also gets a pack: one file holding the entries of
// all its files met in the last run that missed something, so that the next
// listing of that folder opens one file rather than one per result. A pack
// proves nothing by itself: each entry in it still carries its digest and
// checksums and is decoded exactly as one read from its own file, and a file
// whose digest is not in the pack falls back to its entry (then the pack is
// written again at exit).
//
// The folder lives beside the memo of checked results (result-memo.ts): the
// launcher says where; without the launcher (tests, tsx) nothing is cached.
// READINESS_NO_CACHE=1 turns it off. At most MAX_ENTRIES entries are kept (the
// oldest go first), and folders of other builds go once unused for a day.
import type * as Fs from 'node:fs';
import type * as Path from 'node:path';
import type { ResultSummary } from '../model/result-summary.js';
import { summarizeResult, withLazyAnswers, type AnswerValues, type SummaryQuestion } from '../model/result-summary.js';
import { MEMO_PLACE, type MemoPlace } from './result-memo.js';
import { trustedFolder } from '../boot/compile-cache.js';
import { READ_LIMITS, readRegularFile } from './safe-read.js';
import { builtin, checksum, removeOldest, removeOtherBuilds, removeStaleTemporaries, sha256, writeWhole } from './cache-folder.js';

/** Entries kept per build: more than the largest listing (5,000 files, store/history.ts). */
export const MAX_ENTRIES = 6000;
/** What a trim leaves, so that trimming is rare. */
const KEEP_ENTRIES = 5000;
const FORMAT = 'readiness-summary/4';

/** Results in one folder from which a listing is worth a pack. */
export const PACK_MIN = 16;
/** Packs kept per build (one per folder listed): the oldest go first. */
export const MAX_PACKS = 64;
const PACK_FORMAT = 'readiness-summary-pack/1';
/** Upper bound of a pack: MAX_FILES (5,000) entries of about 7 KB fit with room to spare. */
const MAX_PACK_BYTES = 128 * 1024 * 1024;

interface Store {
  place: MemoPlace;
  dir: string;
  fs: typeof Fs;
  added: number;
  /** The packs of the folders met in this run, by folder. */
  packs: Map<string, Pack>;
}

/** One folder's pack in a run: what it held when first read, and the entries of the folder's files met since. */
interface Pack {
  file: string;
  /** Entry bytes by digest, as the pack held them (views of one buffer). */
  held: Map<string, Uint8Array>;
  /** The entries of the files of this folder that this run met, in order (what a new pack holds). */
  met: { digest: string; bytes: Uint8Array }[];
  /** Whether a file of this folder that passed its checks was not in the pack (then a new pack is written at exit; a failing file never is). */
  missed: boolean;
}

const pathModule = builtin<typeof Path>('node:path');

let store: Store | null | undefined;
let exitHooked = false;
// One buffer for every result file read (results are read one after another).
let scratch: Buffer | undefined;

function open(): Store | null {
  if (store !== undefined) return store;
  const place = (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE];
  if (!place || !/^[0-9A-Za-z_-]+$/.test(place.codeHash)) return (store = null);
  const dir = `${place.dir}/${place.codeHash}`;
  // like the cache folder itself (checked by the launcher): folders another user could write to are not read
  if (!trustedFolder(place.dir) || !trustedFolder(dir)) return (store = null);
  const fs = process.getBuiltinModule('node:fs') as typeof Fs;
  store = { place, dir, fs, added: 0, packs: new Map() };
  // one listener per process, whatever the store (tests open many): it finishes the store open at exit
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => finishSummaryStore());
  }
  return store;
}

/** For tests: forget the open store (the place may have changed). */
export function resetSummaryStore(): void {
  store = undefined;
}

/**
 * The summary of the stored result in `file`: from the cache when a summary of
 * exactly these bytes is there, otherwise by loading the file in full (every
 * check of loadResult, same errors) and caching its summary.
 * Rejects with InputError as loadResult throws it.
 */
export async function loadResultSummary(file: string): Promise<ResultSummary> {
  return summaryOf(file);
}

/**
 * loadResultSummary, but a summary from the cache is returned as it is rather than in a
 * promise (a listing of a thousand known files then waits for none of them); a file that is
 * not known gives the promise of its full load. Throws InputError (or the promise rejects
 * with it) as loadResultSummary rejects.
 */
export function summaryOf(file: string): ResultSummary | Promise<ResultSummary> {
  scratch ??= Buffer.allocUnsafe(1024 * 1024);
  const bytes = readRegularFile(file, { maxBytes: READ_LIMITS.result, what: 'result file', scratch });
  const s = open();
  const digest = s ? sha256(bytes) : undefined;
  const pack = s && digest ? packOf(s, file) : undefined;
  if (pack && s && digest) {
    const held = pack.held.get(digest);
    const fromPack = held ? decodeEntry(held, digest) : undefined;
    if (held && fromPack) {
      pack.met.push({ digest, bytes: held });
      return fromPack;
    }
    const entry = readEntry(s, digest);
    if (entry) {
      pack.met.push({ digest, bytes: entry.bytes });
      pack.missed = true;
      return entry.summary;
    }
  }
  // copied before the wait: the bytes are a view of the shared buffer
  return loadInFull(file, Buffer.from(bytes), s, digest, pack);
}

/** The summary of a file not in the cache, from its bytes `own`, checked in full; put in the cache (and its folder's pack) when there is one. */
async function loadInFull(file: string, own: Buffer, s: Store | null, digest: string | undefined, pack: Pack | undefined): Promise<ResultSummary> {
  // the decoder and the checks (yaml and zod with them) load only when a file is not known
  const [{ decodeUtf8 }, { parseResult }] = await Promise.all([import('./source.js'), import('./result.js')]);
  const summary = summarizeResult(parseResult(decodeUtf8(own, file), file));
  if (s && digest) {
    const encoded = encodeEntry(digest, summary);
    writeEntry(s, digest, encoded);
    if (pack) {
      pack.met.push({ digest, bytes: encoded });
      pack.missed = true;
    }
  }
  return summary;
}

/** The pack of the folder that holds `file`, read at the first file of that folder in this run. */
function packOf(s: Store, file: string): Pack {
  const { dirname, resolve } = pathModule();
  // by the folder as given (the files of a listing share it), then by its absolute path
  const given = dirname(file);
  let pack = s.packs.get(given);
  if (pack) return pack;
  const folder = resolve(given);
  pack = s.packs.get(folder);
  if (!pack) {
    const packFile = `${s.dir}/pack-${sha256(Buffer.from(folder, 'utf8')).slice(0, 32)}.pack`;
    pack = { file: packFile, held: readPack(packFile), met: [], missed: false };
    s.packs.set(folder, pack);
  }
  s.packs.set(given, pack);
  return pack;
}

/**
 * The entries a pack file holds, by digest: a header line (format and count), then per
 * entry a line `<digest> <length>` and the entry's bytes with a newline. Whatever does not
 * parse ends the reading (the entries before it stay usable: each is checked when used);
 * no file, or not a regular file of a sane size, is an empty pack.
 */
function readPack(file: string): Map<string, Uint8Array> {
  try {
    // the safe reader: a FIFO or device put in a pack's place must not hang the command
    return parsePack(readRegularFile(file, { maxBytes: MAX_PACK_BYTES, what: 'summary pack' }));
  } catch {
    return new Map();
  }
}

/** See readPack: the entries in a pack's bytes. */
export function parsePack(bytes: Uint8Array, held = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let nl = buf.indexOf(10);
  if (nl < 0 || nl > 100) return held;
  const header = buf.toString('latin1', 0, nl).split(' ');
  if (header.length !== 2 || header[0] !== PACK_FORMAT || !/^\d+$/.test(header[1]!)) return held;
  const count = Number(header[1]);
  let at = nl + 1;
  for (let i = 0; i < count; i++) {
    nl = buf.indexOf(10, at);
    if (nl < 0 || nl - at > 100) break;
    const line = buf.toString('latin1', at, nl);
    const space = line.indexOf(' ');
    const digest = line.slice(0, space);
    const length = Number(line.slice(space + 1));
    if (space !== 64 || !/^[0-9a-f]{64}$/.test(digest) || !Number.isSafeInteger(length) || length < 0) break;
    const end = nl + 1 + length;
    if (end >= buf.length || buf[end] !== 10) break;
    held.set(digest, buf.subarray(nl + 1, end));
    at = end + 1;
  }
  return held;
}

/** The bytes of a pack holding `entries` (see readPack). */
export function encodePack(entries: readonly { digest: string; bytes: Uint8Array }[]): Buffer {
  const parts: Uint8Array[] = [Buffer.from(`${PACK_FORMAT} ${entries.length}\n`, 'latin1')];
  const newline = Buffer.from('\n');
  for (const e of entries) parts.push(Buffer.from(`${e.digest} ${e.bytes.length}\n`, 'latin1'), e.bytes, newline);
  return Buffer.concat(parts);
}

/** What a listing reads of a summary, and the rest (what a trend reads besides). */
const HEAD_KEYS = ['questionnaire', 'organization', 'date', 'partial', 'respondents', 'overall', 'survey'] as const;

/** What an answer of a summary holds besides its status and score: the same for every result of a questionnaire's text. */
type Question = SummaryQuestion;

/**
 * The text of an entry: a header line (format, the digest it belongs to, the checksum of the
 * first three lines that follow and that of the fourth), then four lines of JSON: what a
 * listing reads (history); the rest of what a trend reads but the answers; each answer's
 * status and score (checked when the entry is read; made into answers only when they are read); and
 * each answer's question id, dimension and text. The last line is most of an entry and the same
 * in every result of one questionnaire's text: a run checks and parses it once and shares it
 * between the results whose line holds the same bytes (see decodeEntry).
 * (Parsing the second line only when read was measured: no faster for history, slower for
 * compare, whose loops then go through accessors.)
 */
export function encodeEntry(digest: string, summary: ResultSummary): Buffer {
  const head: Record<string, unknown> = {};
  for (const key of HEAD_KEYS) if (summary[key] !== undefined) head[key] = summary[key];
  const rest = { dimensions: summary.dimensions, barrier: summary.barrier, pilots: summary.pilots };
  const values: AnswerValues = { status: summary.answers.map((a) => a.status), score: summary.answers.map((a) => a.score) };
  const questions = summary.answers.map((a) => [a.questionId, a.dimension, a.text]);
  const first = Buffer.from(`${JSON.stringify(head)}\n${JSON.stringify(rest)}\n${JSON.stringify(values)}`, 'utf8');
  const last = Buffer.from(JSON.stringify(questions), 'utf8');
  return Buffer.concat([Buffer.from(`${FORMAT} ${digest} ${checksum(first)} ${checksum(last)}\n`, 'latin1'), first, Buffer.from('\n'), last]);
}

/** Question lines checked and parsed in this run, with their bytes and checksum: most runs see one or two. */
const knownQuestions: { bytes: Buffer; sum: string; questions: Question[] }[] = [];

/**
 * The questions of an entry's last line, whose checksum the header gives as `sum`: checked and
 * parsed once per distinct line in a run; undefined when the line is damaged or not a list of questions.
 */
function questionsOf(bytes: Uint8Array, sum: string): Question[] | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // the same bytes have the same checksum: a line seen before is checked by comparing the two
  for (const known of knownQuestions) if (known.bytes.equals(view)) return known.sum === sum ? known.questions : undefined;
  if (checksum(view) !== sum) return undefined;
  let list: unknown;
  try {
    list = JSON.parse(view.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(list)) return undefined;
  const questions: Question[] = [];
  for (const q of list as unknown[]) {
    if (!Array.isArray(q) || q.length !== 3) return undefined;
    const [questionId, dimension, text] = q as unknown[];
    if (typeof questionId !== 'string' || typeof dimension !== 'string' || typeof text !== 'string') return undefined;
    questions.push({ questionId, dimension, text });
  }
  if (knownQuestions.length < 8) knownQuestions.push({ bytes: Buffer.from(view), sum, questions });
  return questions;
}

/** The summary in an entry's bytes, or undefined when it is not a whole, intact entry for `digest`. */
export function decodeEntry(bytes: Uint8Array, digest: string): ResultSummary | undefined {
  const nl = bytes.indexOf(10);
  if (nl < 0 || nl > 250) return undefined;
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, nl).toString('latin1').split(' ');
  if (header.length !== 4 || header[0] !== FORMAT || header[1] !== digest) return undefined;
  const body = bytes.subarray(nl + 1);
  // JSON.stringify writes no line break: the three after the header are the only ones
  const second = body.indexOf(10);
  const third = second < 0 ? -1 : body.indexOf(10, second + 1);
  const fourth = third < 0 ? -1 : body.indexOf(10, third + 1);
  if (fourth < 0) return undefined;
  const first = body.subarray(0, fourth);
  if (checksum(first) !== header[2]) return undefined;
  const view = Buffer.from(first.buffer, first.byteOffset, first.length);
  const restText = view.toString('utf8', second + 1, third);
  const valuesText = view.toString('utf8', third + 1);
  if (!restText.startsWith('{"dimensions":') || !restText.endsWith('}') || !valuesText.startsWith('{"status":[') || !valuesText.endsWith(']}')) return undefined;
  let head: unknown;
  let rest: unknown;
  try {
    head = JSON.parse(view.toString('utf8', 0, second));
    rest = JSON.parse(restText);
  } catch {
    return undefined;
  }
  const v = head as Partial<ResultSummary> | null;
  const r = rest as Pick<ResultSummary, 'dimensions' | 'barrier' | 'pilots'> | null;
  // the shape a summary always has (the checksum already vouches for the rest, the line of values included)
  if (!v || typeof v !== 'object' || typeof v.date !== 'string' || typeof v.organization !== 'string' || !v.questionnaire || !v.respondents || !v.overall) return undefined;
  if (!r || !Array.isArray(r.dimensions) || !Array.isArray(r.pilots)) return undefined;
  const questions = questionsOf(body.subarray(fourth + 1), header[3]!);
  if (!questions) return undefined;
  // The values are checked here, not when first read: an entry that does not hold one status
  // and score per question (forged with a fresh checksum) must be refused like any other bad
  // entry, so the file is read again, rather than fail the command that reads its answers.
  let values: AnswerValues;
  try {
    values = JSON.parse(valuesText) as AnswerValues;
  } catch {
    return undefined;
  }
  if (!Array.isArray(values.status) || !Array.isArray(values.score) || values.status.length !== questions.length || values.score.length !== questions.length) return undefined;
  v.dimensions = r.dimensions;
  v.barrier = r.barrier;
  // made when read: a trend reads the answers of a few of its results, a listing none
  withLazyAnswers(v as ResultSummary, questions, () => values);
  v.pilots = r.pilots;
  return v as ResultSummary;
}

let entryScratch: Buffer | undefined;

/** The entry of `digest` from its own file, with a copy of its bytes (for a pack), or undefined. */
function readEntry(s: Store, digest: string): { summary: ResultSummary; bytes: Uint8Array } | undefined {
  const { fs } = s;
  let fd: number;
  try {
    fd = fs.openSync(`${s.dir}/${digest}.json`, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return undefined; // no entry
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > READ_LIMITS.result) return undefined;
    if (!entryScratch || entryScratch.length < st.size + 1) entryScratch = Buffer.allocUnsafe(Math.max(256 * 1024, st.size + 1));
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, entryScratch, length, entryScratch.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === entryScratch.length) return undefined; // grew while read: not an entry written whole
    }
    const summary = decodeEntry(entryScratch.subarray(0, length), digest);
    return summary ? { summary, bytes: Buffer.from(entryScratch.subarray(0, length)) } : undefined;
  } catch {
    return undefined; // unreadable: as if absent
  } finally {
    fs.closeSync(fd);
  }
}

/** The store's folder and the one holding it, made before a write. */
const storeDirs = (s: Store) => [s.place.dir, s.dir];

function writeEntry(s: Store, digest: string, bytes: Uint8Array): void {
  if (writeWhole(s.fs, storeDirs(s), `${s.dir}/${digest}.json`, bytes)) s.added++;
}

/**
 * At exit: a new pack for each folder of at least PACK_MIN files where some file was not in
 * its pack; after a run that added entries or packs, keep the folder within MAX_ENTRIES and
 * MAX_PACKS and drop other builds' folders.
 */
function finish(s: Store): void {
  const { place } = s;
  savePacks(s);
  if (s.added === 0) return;
  try {
    trimEntries(s.fs, s.dir, MAX_ENTRIES, KEEP_ENTRIES, Date.now());
    removeOtherBuilds(s.fs, place, Date.now());
  } catch {
    // a cache that cannot be trimmed is tried again after the next run that adds to it
  }
}

function savePacks(s: Store): void {
  // (a pack is in the map under the folder as given and as resolved: each is written once)
  for (const pack of new Set(s.packs.values())) {
    if (!pack.missed || pack.met.length < PACK_MIN) continue;
    if (writeWhole(s.fs, storeDirs(s), pack.file, encodePack(pack.met), true)) s.added++;
    pack.missed = false;
  }
}

/** For tests: what the exit of the run does (packs written, the store trimmed), now. */
export function finishSummaryStore(): void {
  if (store) finish(store);
}

/**
 * When `dir` holds more than `max` entries, removes the oldest (by modification
 * time) until `keep` are left; the same for packs past MAX_PACKS; also leftovers
 * of writes that died (.tmp older than a day).
 */
export function trimEntries(fs: typeof Fs, dir: string, max: number, keep: number, now: number): void {
  const names = fs.readdirSync(dir);
  removeStaleTemporaries(fs, dir, names, now);
  removeOldest(fs, dir, names.filter((n) => /^pack-[0-9a-f]{32}\.pack$/.test(n)), MAX_PACKS, MAX_PACKS);
  removeOldest(fs, dir, names.filter((n) => /^[0-9a-f]{64}\.json$/.test(n)), max, keep);
}

export { removeOtherBuilds } from './cache-folder.js';

