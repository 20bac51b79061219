// The cache of result summaries (src/load/result-summaries.ts): a hit serves
// the stored summary, any change of a file's bytes is a miss (also an edit that
// keeps the size and the modification time), a corrupt, torn or misplaced entry
// is a miss, and a cache that cannot be written changes nothing but speed.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadResult } from '../../src/load/result.js';
import { MEMO_KEEP, MEMO_MAX, MEMO_PLACE, rememberGood, resetMemo, resultDigest, saveMemo, type MemoPlace } from '../../src/load/result-memo.js';
import {
  decodeEntry,
  encodeEntry,
  encodePack,
  finishSummaryStore,
  loadResultSummary,
  MAX_PACKS,
  PACK_MIN,
  parsePack,
  removeOtherBuilds,
  resetSummaryStore,
  trimEntries,
} from '../../src/load/result-summaries.js';
import { answerQuestions, summarizeResult } from '../../src/model/result-summary.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/results-history/reports/example-org');
const work = mkdtempSync(join(tmpdir(), 'readiness-summaries-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const digestOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function usePlace(place: MemoPlace | undefined): void {
  (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE] = place;
  resetSummaryStore();
  resetMemo();
}

/** A fresh folder with a cache place in it (not yet made: the store makes it), and that place's folder of entries. */
function newCase(prefix: string): { dir: string; place: MemoPlace; entries: string } {
  const dir = mkdtempSync(join(work, prefix));
  const place = { dir: join(dir, 'cache', 'checked-results'), codeHash: 'build1' };
  mkdirSync(join(dir, 'cache'));
  return { dir, place, entries: join(place.dir, place.codeHash) };
}

describe('the cache of result summaries', () => {
  let dir: string;
  let place: MemoPlace;
  let entries: string;
  let file: string;
  beforeEach(() => {
    ({ dir, place, entries } = newCase('case-'));
    file = join(dir, 'single.json');
    copyFileSync(join(FIXTURES, '2025-06-01-social-readiness.json'), file);
    usePlace(place);
  });
  afterEach(() => usePlace(undefined));

  const expected = (path: string) => {
    usePlace(undefined);
    const s = summarizeResult(loadResult(path));
    usePlace(place);
    return s;
  };

  it('stores the summary of a checked file on a miss, and serves it on a hit', async () => {
    const want = expected(file);
    expect(await loadResultSummary(file)).toEqual(want);
    const entry = join(entries, `${digestOf(file)}.json`);
    expect(readdirSync(entries)).toEqual([`${digestOf(file)}.json`]);
    expect(decodeEntry(readFileSync(entry), digestOf(file))).toEqual(want);
    // a planted entry for these very bytes is what a hit returns: proof that the file was not parsed again
    writeFileSync(entry, encodeEntry(digestOf(file), { ...want, organization: 'From the cache' }));
    usePlace(place);
    expect((await loadResultSummary(file)).organization).toBe('From the cache');
  });

  it('reads neither the summaries nor the memo from folders that others may write to', async () => {
    const want = expected(file);
    await loadResultSummary(file);
    const entry = join(entries, `${digestOf(file)}.json`);
    writeFileSync(entry, encodeEntry(digestOf(file), { ...want, organization: 'Planted' }));
    for (const folder of [entries, place.dir]) {
      fs.chmodSync(folder, 0o777);
      usePlace(place);
      expect((await loadResultSummary(file)).organization, folder).toBe(want.organization);
      expect(resultDigest('x'), folder).toBe(folder === place.dir ? undefined : resultDigest('x'));
      fs.chmodSync(folder, 0o700);
    }
    usePlace(place);
    expect((await loadResultSummary(file)).organization).toBe('Planted');
  });

  it('is a miss for any change of the bytes, even one that keeps the size and the modification time', async () => {
    const when = new Date('2026-01-02T03:04:05Z');
    utimesSync(file, when, when);
    await loadResultSummary(file);
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/"organization": "([^"]*)"/, (_m, name: string) => `"organization": "${name.slice(0, -1)}X"`);
    expect(edited.length).toBe(text.length);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    utimesSync(file, when, when);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    usePlace(place);
    expect(await loadResultSummary(file)).toEqual(expected(file));
    expect((await loadResultSummary(file)).organization.endsWith('X')).toBe(true);
  });

  it('checks an edited file in full again: a tampered score is refused as loadResult refuses it', async () => {
    await loadResultSummary(file);
    const result = JSON.parse(readFileSync(file, 'utf8')) as { overall: { score: number } };
    result.overall.score += 10;
    writeFileSync(file, JSON.stringify(result, null, 2));
    usePlace(place);
    await expect(loadResultSummary(file)).rejects.toThrow(/do not match/);
    usePlace(undefined);
    let message = '';
    try {
      loadResult(file);
    } catch (error) {
      message = (error as Error).message;
    }
    usePlace(place);
    await expect(loadResultSummary(file)).rejects.toThrow(message);
  });

  it('treats a corrupt, torn, foreign or misplaced entry as a miss and writes a good one', async () => {
    const want = expected(file);
    const digest = digestOf(file);
    const entry = join(entries, `${digest}.json`);
    const good = encodeEntry(digest, want);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 3]! ^= 1;
    // one bit in the line of statuses and scores, which is parsed only when the answers are read
    const values = Buffer.from(good);
    values[good.indexOf('{"status":[') + 12]! ^= 1;
    const other = encodeEntry('0'.repeat(64), { ...want, organization: 'Someone else' });
    // forged: the line of statuses and scores one short, or not JSON, under a checksum made afresh
    const forged = (edit: (line: string) => string) => {
      const text = good.toString('utf8');
      const nl = text.indexOf('\n');
      const [format, id, , questionsSum] = text.slice(0, nl).split(' ');
      const lines = text.slice(nl + 1).split('\n');
      lines[2] = edit(lines[2]!);
      const first = Buffer.from(lines.slice(0, 3).join('\n'), 'utf8');
      const sum = `crc32:${(zlib.crc32(first) >>> 0).toString(16).padStart(8, '0')}`;
      return Buffer.from(`${format} ${id} ${sum} ${questionsSum}\n${lines.join('\n')}`, 'utf8');
    };
    const shorter = forged((line) => line.replace(/\["[a-z-]+",/, '[').replace(/\[(?:null|[\d.]+),/, '['));
    const notJson = forged((line) => line.replace('{"status":[', '{"status":[,'));
    const bad = [good.subarray(0, good.length - 5), flipped, values, Buffer.from('garbage'), Buffer.alloc(0), other, Buffer.from(`readiness-summary/4 ${digest} crc32:00000000 crc32:00000000\n{}\n{}\n{}\n[]`), shorter, notJson];
    for (const bytes of bad) {
      expect(decodeEntry(bytes, digest)).toBeUndefined();
      mkdirSync(entries, { recursive: true });
      writeFileSync(entry, bytes);
      usePlace(place);
      expect(await loadResultSummary(file)).toEqual(want);
      expect(decodeEntry(readFileSync(entry), digest)).toEqual(want);
    }
  });

  it('decodes what it encoded, text in any script included, sharing one parse of the questions between entries', () => {
    const want = expected(file);
    const other = structuredClone(want);
    other.organization = '日本電気 – Ünïcode “org”';
    other.answers[0]!.text = 'Changed – and “quoted”: ✓';
    other.answers[1]!.status = 'dont-know';
    other.answers[1]!.score = null;
    const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
    for (const [digest, summary] of [[a, want], [b, other], [a, want], [b, other]] as const) {
      expect(decodeEntry(encodeEntry(digest, summary), digest)).toEqual(summary);
    }
    // entries with the same questions share their texts; each keeps its own statuses and scores
    const twin = { ...structuredClone(want), date: '2030-01-01' };
    twin.answers[2]!.score = 0.5;
    const x = decodeEntry(encodeEntry(a, want), a)!;
    const y = decodeEntry(encodeEntry(b, twin), b)!;
    expect(y).toEqual(twin);
    expect(x.answers[2]!.score).not.toBe(0.5);
  });

  it('makes the answers of a decoded summary when first read: the same object as ever to JSON, equality and copies', () => {
    const want = expected(file);
    const [a, b] = ['d'.repeat(64), 'e'.repeat(64)];
    const got = decodeEntry(encodeEntry(a, want), a)!;
    const twin = decodeEntry(encodeEntry(b, { ...want, date: '2030-01-01' }), b)!;
    // not read yet: the two give one list of questions
    expect(answerQuestions(got)).toBe(answerQuestions(twin));
    expect(answerQuestions(got).map((q) => q.questionId)).toEqual(want.answers.map((a) => a.questionId));
    expect(Object.keys(got)).toEqual(Object.keys(want));
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
    expect(got).toEqual(want);
    expect(structuredClone(twin)).toEqual({ ...want, date: '2030-01-01' });
    // read, they are a plain property, free to change, and no longer vouched for by the list
    got.answers[0]!.questionId = 'changed';
    expect(answerQuestions(got)).toBe(got.answers);
    expect(answerQuestions(got)[0]!.questionId).toBe('changed');
    expect(answerQuestions(twin)).toBe(twin.answers);
    const fresh = decodeEntry(encodeEntry(a, want), a)!;
    fresh.answers = [];
    expect(answerQuestions(fresh)).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(fresh, 'answers')).toMatchObject({ value: [], writable: true, enumerable: true });
  });

  it('refuses a damaged line of questions, also one that a run has parsed before in another entry', () => {
    const want = expected(file);
    const digest = 'c'.repeat(64);
    const good = encodeEntry(digest, want);
    expect(decodeEntry(good, digest)).toEqual(want);
    // one flipped bit inside the last line (a question's text), then one in the header's checksum of that line
    const damaged = Buffer.from(good);
    damaged[damaged.length - 10]! ^= 1;
    expect(decodeEntry(damaged, digest)).toBeUndefined();
    const header = good.subarray(0, good.indexOf(10)).toString('latin1');
    const wrongSum = Buffer.concat([Buffer.from(header.replace(/.$/, (c) => (c === '0' ? '1' : '0')), 'latin1'), good.subarray(good.indexOf(10))]);
    expect(decodeEntry(wrongSum, digest)).toBeUndefined();
    expect(decodeEntry(good, digest)).toEqual(want);
  });

  it('works without a word when the cache cannot be written', async () => {
    const want = expected(file);
    // a cache folder under a regular file can never be created (even by root)
    writeFileSync(join(dir, 'blocker'), '');
    usePlace({ dir: join(dir, 'blocker', 'checked-results'), codeHash: 'build1' });
    expect(await loadResultSummary(file)).toEqual(want);
    expect(await loadResultSummary(file)).toEqual(want);
  });

  it('is off without a place (no launcher, or READINESS_NO_CACHE)', async () => {
    usePlace(undefined);
    expect(await loadResultSummary(file)).toEqual(expected(file));
    expect(existsSync(place.dir)).toBe(false);
  });

  it('never caches a file that fails its checks', async () => {
    writeFileSync(file, '{"schemaVersion": 2');
    await expect(loadResultSummary(file)).rejects.toThrow(/not valid JSON/);
    expect(existsSync(entries) ? readdirSync(entries) : []).toEqual([]);
  });
});

describe('packs: the entries of a folder of many results in one file', () => {
  let dir: string;
  let place: MemoPlace;
  let entries: string;
  let folder: string;
  let files: string[];
  beforeEach(() => {
    ({ dir, place, entries } = newCase('pack-'));
    folder = join(dir, 'results');
    mkdirSync(folder);
    // PACK_MIN results of one organization, each its own bytes (dates differ)
    const base = JSON.parse(readFileSync(join(FIXTURES, '2025-06-01-social-readiness.json'), 'utf8'));
    files = Array.from({ length: PACK_MIN }, (_, i) => {
      const f = join(folder, `r${String(i).padStart(3, '0')}.json`);
      writeFileSync(f, JSON.stringify({ ...base, date: `2025-06-${String(i + 1).padStart(2, '0')}` }, null, 2));
      return f;
    });
    usePlace(place);
  });
  afterEach(() => usePlace(undefined));

  const packs = () => (existsSync(entries) ? readdirSync(entries).filter((n) => n.endsWith('.pack')) : []);
  const expected = (path: string) => {
    usePlace(undefined);
    const s = summarizeResult(loadResult(path));
    usePlace(place);
    return s;
  };
  const loadAll = async () => {
    const out = [];
    for (const f of files) out.push(await loadResultSummary(f));
    return out;
  };

  it('is written at exit after a run that missed, and serves the next run', async () => {
    const want = files.map(expected);
    expect(await loadAll()).toEqual(want);
    expect(packs()).toEqual([]);
    finishSummaryStore();
    expect(packs()).toHaveLength(1);
    const pack = join(entries, packs()[0]!);
    const held = parsePack(readFileSync(pack));
    expect([...held.keys()]).toEqual(files.map(digestOf));
    // a planted pack is what the next run serves: proof that no entry file was opened
    const planted = files.map((f, i) => ({ digest: digestOf(f), bytes: encodeEntry(digestOf(f), { ...want[i]!, organization: `From the pack ${i}` }) }));
    writeFileSync(pack, encodePack(planted));
    usePlace(place);
    expect((await loadAll()).map((s) => s.organization)).toEqual(files.map((_, i) => `From the pack ${i}`));
    // nothing missed: the pack is not written again
    finishSummaryStore();
    expect(parsePack(readFileSync(pack)).size).toBe(PACK_MIN);
    expect(readFileSync(pack).includes('From the pack 0')).toBe(true);
  });

  it('is only a shortcut: an edited file, a damaged or foreign pack entry, a torn or garbage pack all give what a full check gives', async () => {
    await loadAll();
    finishSummaryStore();
    const pack = join(entries, packs()[0]!);
    const good = readFileSync(pack);
    // an edited file: its digest is not in the pack
    const text = readFileSync(files[3]!, 'utf8');
    writeFileSync(files[3]!, text.replace(/"organization": "([^"]*)"/, '"organization": "$1 edited"'));
    const want = files.map(expected);
    const held = parsePack(good);
    const flipped = Buffer.from(good);
    flipped[good.length - 20]! ^= 1; // inside the last entry's line of questions
    const foreign = encodePack(files.map((f, i) => ({ digest: digestOf(f), bytes: encodeEntry('0'.repeat(64), want[i]!) })));
    const damaged = [good, flipped, good.subarray(0, Math.floor(good.length / 2)), Buffer.from('garbage'), Buffer.alloc(0), foreign, encodePack([...held].map(([digest, bytes]) => ({ digest, bytes: bytes.subarray(0, 40) })))];
    for (const bytes of damaged) {
      writeFileSync(pack, bytes);
      usePlace(place);
      expect(await loadAll()).toEqual(want);
      // the run missed something (the edited file at least): a whole pack of what it met is written again
      finishSummaryStore();
      expect([...parsePack(readFileSync(pack)).keys()]).toEqual(files.map(digestOf));
    }
  });

  it('reads the entries before a cut, and nothing from bytes that are not a pack', () => {
    const items = files.slice(0, 3).map((f, i) => ({ digest: `${i}`.repeat(64), bytes: Buffer.from(`entry ${i}`) }));
    const whole = encodePack(items);
    expect([...parsePack(whole)].map(([d, b]) => [d, Buffer.from(b).toString()])).toEqual(items.map((e) => [e.digest, e.bytes.toString()]));
    expect([...parsePack(whole.subarray(0, whole.length - 2)).keys()]).toEqual([items[0]!.digest, items[1]!.digest]);
    for (const bad of ['', 'readiness-summary-pack/1', 'readiness-summary-pack/2 1\n', `readiness-summary-pack/1 x\n`, `readiness-summary-pack/1 1\n${'a'.repeat(64)} 99\nshort\n`]) {
      expect(parsePack(Buffer.from(bad)).size).toBe(0);
    }
  });

  it('is not made for a folder of fewer results, nor when the cache cannot be written', async () => {
    files = files.slice(0, PACK_MIN - 1);
    await loadAll();
    finishSummaryStore();
    expect(packs()).toEqual([]);
    writeFileSync(join(dir, 'blocker'), '');
    usePlace({ dir: join(dir, 'blocker', 'checked-results'), codeHash: 'build1' });
    files = readdirSync(folder).map((n) => join(folder, n));
    expect(await loadAll()).toEqual(files.map(expected));
    expect(() => finishSummaryStore()).not.toThrow();
  });

  it('keeps at most MAX_PACKS packs, the newest', () => {
    const d = mkdtempSync(join(work, 'trim-packs-'));
    const now = Date.now();
    for (let i = 0; i < MAX_PACKS + 3; i++) {
      const f = join(d, `pack-${i.toString(16).padStart(32, '0')}.pack`);
      writeFileSync(f, 'x');
      utimesSync(f, new Date(now - (1000 - i) * 1000), new Date(now - (1000 - i) * 1000));
    }
    trimEntries(fs, d, 10, 8, now);
    const left = readdirSync(d).sort();
    expect(left).toHaveLength(MAX_PACKS);
    expect(left[0]).toBe(`pack-${(3).toString(16).padStart(32, '0')}.pack`);
  });
});

describe('keeping the cache small', () => {
  it('removes the oldest entries past the limit, and stale leftovers of writes', () => {
    const dir = mkdtempSync(join(work, 'trim-'));
    const now = Date.now();
    for (let i = 0; i < 12; i++) {
      const f = join(dir, `${i.toString(16).padStart(64, '0')}.json`);
      writeFileSync(f, 'x');
      utimesSync(f, new Date(now - (100 - i) * 1000), new Date(now - (100 - i) * 1000));
    }
    writeFileSync(join(dir, 'a.json.1-x.tmp'), '');
    utimesSync(join(dir, 'a.json.1-x.tmp'), new Date(now - 2 * 86400000), new Date(now - 2 * 86400000));
    writeFileSync(join(dir, 'b.json.1-x.tmp'), '');
    trimEntries(fs, dir, 10, 8, now);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(9);
    expect(left).toContain('b.json.1-x.tmp');
    expect(left.filter((n) => n.endsWith('.json'))).toEqual(Array.from({ length: 8 }, (_, k) => `${(k + 4).toString(16).padStart(64, '0')}.json`));
    trimEntries(fs, dir, 10, 8, now);
    expect(readdirSync(dir)).toHaveLength(9);
  });

  it('removes other builds’ folders and memos once unused for a day, never the current one', () => {
    const root = mkdtempSync(join(work, 'builds-'));
    const place = { dir: root, codeHash: 'current' };
    const old = new Date(Date.now() - 2 * 86400000);
    for (const name of ['current', 'old', 'recent']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, `${name}.txt`), '');
    }
    for (const name of ['current', 'old', 'current.txt', 'old.txt']) utimesSync(join(root, name), old, old);
    removeOtherBuilds(fs, place, Date.now());
    expect(readdirSync(root).sort()).toEqual(['current', 'current.txt', 'recent', 'recent.txt']);
  });

  it('trims the memo of checked results to its newest digests', () => {
    const dir = mkdtempSync(join(work, 'memo-'));
    const place = { dir, codeHash: 'build1' };
    const memoFile = join(dir, 'build1.txt');
    const lines = Array.from({ length: MEMO_MAX + 5 }, (_, i) => createHash('sha256').update(String(i)).digest('hex'));
    writeFileSync(memoFile, `${lines.join('\n')}\n`);
    usePlace(place);
    const digest = resultDigest('a checked result');
    rememberGood(digest);
    saveMemo();
    usePlace(undefined);
    const kept = readFileSync(memoFile, 'utf8').trim().split('\n');
    expect(kept).toHaveLength(MEMO_KEEP);
    expect(kept.at(-1)).toBe(createHash('sha256').update('a checked result').digest('hex'));
    expect(kept.at(-2)).toBe(lines.at(-1));
    // below the limit, a run only appends
    usePlace(place);
    rememberGood(resultDigest('another'));
    saveMemo();
    usePlace(undefined);
    expect(readFileSync(memoFile, 'utf8').trim().split('\n')).toHaveLength(MEMO_KEEP + 1);
  });
});
