// The memo of checked questionnaires (src/load/questionnaire-memo.ts): what it
// takes back is exactly what the full check gave for the same bytes, and
// anything else (an edited file, a damaged or forged entry, a file with
// problems) goes through the full check.
import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkQuestionnaireFile, loadQuestionnaire } from '../../src/load/questionnaire.js';
import {
  decodeEntry,
  encodeEntry,
  finishQuestionnaireMemo,
  MAX_ENTRIES,
  questionnaireDigest,
  rememberedQuestionnaire,
  rememberQuestionnaire,
  resetQuestionnaireMemo,
  sameAfterJson,
} from '../../src/load/questionnaire-memo.js';
import { MEMO_PLACE, type MemoPlace } from '../../src/load/result-memo.js';
import { cachedFile, listBuiltInsFast, resolveBuiltInFast } from '../../src/load/resolve-fast.js';
import { listQuestionnaires, resolveQuestionnaire } from '../../src/load/resolve.js';

const ROOT = join(import.meta.dirname, '../..');
const QUICK = readFileSync(join(ROOT, 'questionnaires/quick-check.yaml'), 'utf8');
/** An edited copy of the quick check: not a built-in, so only the memo can answer for it. */
const OURS = QUICK.replace(/^id: .*$/m, 'id: our-check').replace(/^title: .*$/m, 'title: Our own check');

let work: string;
let place: MemoPlace;
const entryDir = () => join(place.questionnaires!.dir, place.questionnaires!.codeHash);
const entries = () => {
  try {
    return readdirSync(entryDir()).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'readiness-qmemo-'));
  place = { dir: join(work, 'cache', 'checked-results'), codeHash: 'build1', questionnaires: { dir: join(work, 'cache', 'checked-questionnaires'), codeHash: 'check1' } };
  // the launcher makes the cache folder (and checks whose it is) before it names the place
  mkdirSync(join(work, 'cache'));
  (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE] = place;
  resetQuestionnaireMemo();
});
afterEach(() => {
  delete (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE];
  resetQuestionnaireMemo();
  rmSync(work, { recursive: true, force: true });
});

describe('the memo of checked questionnaires', () => {
  it('remembers a file checked without problems and gives back the same questionnaire', () => {
    const file = join(work, 'ours.yaml');
    writeFileSync(file, OURS);
    const first = loadQuestionnaire(file);
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toBe(`${questionnaireDigest(readFileSync(file))}.json`);
    const second = loadQuestionnaire(file);
    expect(second).toEqual(first);
    expect(checkQuestionnaireFile(file)).toEqual({ loaded: first, problems: [], id: 'our-check' });
  });

  it('is what answers a known file: an entry forged with a good checksum is believed (the cache folder is the user\'s own)', () => {
    // shows the memo is really asked; the safety is that only this build writes entries there
    const file = join(work, 'ours.yaml');
    writeFileSync(file, OURS);
    const checked = loadQuestionnaire(file);
    const digest = questionnaireDigest(readFileSync(file))!;
    const forged = { questionnaire: { ...checked.questionnaire, title: 'From the memo' }, hash: checked.hash };
    writeFileSync(join(entryDir(), `${digest}.json`), encodeEntry(digest, forged));
    expect(loadQuestionnaire(file).questionnaire.title).toBe('From the memo');
  });

  it('checks an edited file in full (same size, same times) and reports its problem', () => {
    const file = join(work, 'ours.yaml');
    writeFileSync(file, OURS);
    loadQuestionnaire(file);
    const stat = fs.statSync(file);
    const broken = OURS.replace('scale: agree5', 'scale: agree7');
    expect(broken.length).toBe(OURS.length);
    writeFileSync(file, broken);
    utimesSync(file, stat.atime, stat.mtime);
    const check = checkQuestionnaireFile(file);
    expect(check.loaded).toBeUndefined();
    expect(check.problems.map((p) => p.message).join('\n')).toMatch(/unknown scale "agree7"/);
    expect(() => loadQuestionnaire(file)).toThrow();
    // a file with problems is never remembered
    expect(entries()).toHaveLength(1);
  });

  // (that an unedited built-in is not remembered either is shown on the binary, which holds the build-time cache: test/e2e/questionnaire-memo.test.ts)
  it('does not remember an unreadable or non-UTF-8 file', () => {
    const latin1 = join(work, 'latin1.yaml');
    writeFileSync(latin1, Buffer.concat([Buffer.from(OURS.replace('Our own check', 'Caf')), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(checkQuestionnaireFile(latin1).problems[0]?.message).toMatch(/not valid UTF-8/);
    expect(checkQuestionnaireFile(join(work, 'missing.yaml')).problems[0]?.message).toMatch(/does not exist/);
    expect(entries()).toHaveLength(0);
  });

  it('takes a damaged, misplaced or foreign entry as a miss, and the file is checked again', () => {
    const file = join(work, 'ours.yaml');
    writeFileSync(file, OURS);
    const checked = loadQuestionnaire(file);
    const digest = questionnaireDigest(readFileSync(file))!;
    const entry = join(entryDir(), `${digest}.json`);
    const good = readFileSync(entry);
    const otherDigest = 'f'.repeat(64);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10] = flipped[flipped.length - 10]! ^ 1;
    const damaged: [string, Buffer | string][] = [
      ['truncated', good.subarray(0, good.length - 5)],
      ['a flipped byte', flipped],
      ['another digest in its header', encodeEntry(otherDigest, checked)],
      ['not an entry', '{"questionnaire":{}}'],
      ['empty', ''],
      ['a header without a body', good.subarray(0, good.indexOf(10) + 1)],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(entry, bytes);
      expect(rememberedQuestionnaire(digest), what).toBeUndefined();
      // the full check answers (and writes a good entry again)
      expect(loadQuestionnaire(file), what).toEqual(checked);
      expect(readFileSync(entry).equals(good), what).toBe(true);
    }
    // a folder or a FIFO in the entry's place: no hang, a miss
    rmSync(entry);
    mkdirSync(entry);
    expect(rememberedQuestionnaire(digest)).toBeUndefined();
    expect(loadQuestionnaire(file)).toEqual(checked);
  });

  it('refuses entries whose body lacks the shape of a checked questionnaire even with a good checksum', () => {
    const digest = 'a'.repeat(64);
    for (const body of [{ questionnaire: null, hash: 'sha256:x' }, { questionnaire: { id: 'x', questions: [], dimensions: [] }, hash: 'md5:x' }, { questionnaire: { id: 'x', questions: {}, dimensions: [] }, hash: 'sha256:x' }]) {
      expect(decodeEntry(encodeEntry(digest, body as never), digest)).toBeUndefined();
    }
    const ok = { questionnaire: { id: 'x', questions: [], dimensions: [] }, hash: 'sha256:x' };
    expect(decodeEntry(encodeEntry(digest, ok as never), digest)).toEqual(ok);
  });

  it('keeps at most MAX_ENTRIES entries, the newest, trimmed at the exit of a run that wrote', () => {
    const checked = loadQuestionnaire(join(ROOT, 'questionnaires/quick-check.yaml'));
    const digests = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => i.toString(16).padStart(64, '0'));
    let time = Date.now() / 1000 - 10000;
    for (const d of digests) {
      rememberQuestionnaire(d, { questionnaire: checked.questionnaire, hash: checked.hash });
      // distinct times, oldest first (a trim removes by modification time)
      utimesSync(join(entryDir(), `${d}.json`), time, time);
      time += 10;
    }
    // a later run writes one more: the earlier runs' oldest go
    resetQuestionnaireMemo();
    const newest = 'f'.repeat(64);
    rememberQuestionnaire(newest, { questionnaire: checked.questionnaire, hash: checked.hash });
    utimesSync(join(entryDir(), `${newest}.json`), 1, 1);
    finishQuestionnaireMemo();
    const left = entries().sort();
    expect(left.length).toBeLessThanOrEqual(MAX_ENTRIES);
    expect(left).toContain(`${digests.at(-1)}.json`);
    expect(left).not.toContain(`${digests[0]}.json`);
    // the run's own entry stays, however old its time
    expect(left).toContain(`${newest}.json`);
  });

  it('spares the entries the running command uses: a folder of more than MAX_ENTRIES questionnaires is known on the next run', () => {
    const checked = loadQuestionnaire(join(ROOT, 'questionnaires/quick-check.yaml'));
    const value = { questionnaire: checked.questionnaire, hash: checked.hash };
    const digests = Array.from({ length: MAX_ENTRIES + 44 }, (_, i) => i.toString(16).padStart(64, '0'));
    // first run: every file is checked in full and remembered (300 writes trimmed each other before)
    for (const d of digests) rememberQuestionnaire(d, value);
    finishQuestionnaireMemo();
    expect(digests.filter((d) => !entries().includes(`${d}.json`))).toEqual([]);
    // second run: every file is known, and one more is remembered; the trim at its exit spares what it read
    resetQuestionnaireMemo();
    const old = Date.now() / 1000 - 7200;
    for (const d of digests) utimesSync(join(entryDir(), `${d}.json`), old, old);
    for (const d of digests) expect(rememberedQuestionnaire(d)).toEqual(value);
    rememberQuestionnaire('f'.repeat(64), value);
    finishQuestionnaireMemo();
    resetQuestionnaireMemo();
    for (const d of [...digests, 'f'.repeat(64)]) expect(rememberedQuestionnaire(d), d).toEqual(value);
  });

  it('is not read from a folder that others may write to (as the cache folder itself)', () => {
    const file = join(work, 'ours.yaml');
    writeFileSync(file, OURS);
    loadQuestionnaire(file);
    expect(entries()).toHaveLength(1);
    fs.chmodSync(entryDir(), 0o777);
    resetQuestionnaireMemo();
    expect(questionnaireDigest(readFileSync(file))).toBeUndefined();
    fs.chmodSync(entryDir(), 0o700);
    fs.chmodSync(place.questionnaires!.dir, 0o775);
    resetQuestionnaireMemo();
    expect(questionnaireDigest(readFileSync(file))).toBeUndefined();
    fs.chmodSync(place.questionnaires!.dir, 0o700);
    resetQuestionnaireMemo();
    expect(rememberedQuestionnaire(questionnaireDigest(readFileSync(file)))).toBeDefined();
  });

  it('refreshes the time of an entry in use (at most hourly), so that a trim removes the least recently used', () => {
    const file = join(work, 'ours.yaml');
    writeFileSync(file, OURS);
    loadQuestionnaire(file);
    const entry = join(entryDir(), entries()[0]!);
    const old = Date.now() / 1000 - 7200;
    utimesSync(entry, old, old);
    loadQuestionnaire(file);
    expect(fs.statSync(entry).mtimeMs).toBeGreaterThan(Date.now() - 60000);
  });

  it('remembers nothing without a place (tests, tsx) or for a questionnaire JSON would change', () => {
    const checked = loadQuestionnaire(join(ROOT, 'questionnaires/quick-check.yaml'));
    // (without the bundle's build-time cache, that check was remembered)
    rmSync(entryDir(), { recursive: true, force: true });
    rememberQuestionnaire('b'.repeat(64), { questionnaire: { ...checked.questionnaire, weight: -0 } as never, hash: checked.hash });
    rememberQuestionnaire('c'.repeat(64), { questionnaire: { ...checked.questionnaire, minutes: Infinity }, hash: checked.hash });
    expect(entries()).toHaveLength(0);
    delete (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE];
    resetQuestionnaireMemo();
    expect(questionnaireDigest(Buffer.from(OURS))).toBeUndefined();
    const file = join(work, 'ours.yaml');
    writeFileSync(file, OURS);
    loadQuestionnaire(file);
    expect(existsAnything(entryDir())).toBe(false);
  });

  it('every built-in questionnaire comes back from JSON exactly (or the memo would never hold a real one)', () => {
    for (const name of ['quick-check.yaml', 'social-readiness.yaml']) {
      expect(sameAfterJson(loadQuestionnaire(join(ROOT, 'questionnaires', name)).questionnaire)).toBe(true);
    }
  });

  it('sameAfterJson: true exactly when JSON gives the value back', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.string(), fc.double(), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 4, noNullPrototype: true }), fc.constant(undefined)),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        let back: unknown;
        try {
          back = JSON.parse(JSON.stringify(v) ?? 'undefined');
        } catch {
          back = Symbol('not JSON');
        }
        // Object.is for numbers (-0), and undefined properties count (JSON drops them)
        expect(sameAfterJson(v)).toBe(deepSame(v, back));
      }),
      { numRuns: 2000 },
    );
    expect(sameAfterJson(new Date(0))).toBe(false);
    expect(sameAfterJson(new Map())).toBe(false);
    expect(sameAfterJson(Object.create(null))).toBe(false);
  });
});

describe('the quick resolver with a folder of the user\'s questionnaires', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = join(work, 'project');
    mkdirSync(join(cwd, 'questionnaires'), { recursive: true });
    writeFileSync(join(cwd, 'questionnaires', 'ours.yaml'), OURS);
  });

  it('answers only once every local file is known, with what the full resolver gives', () => {
    // no bundle in tests: the built-ins are not in a build-time cache, so the quick list cannot answer at all
    expect(listBuiltInsFast(cwd)).toBeUndefined();
    expect(resolveBuiltInFast('our-check', cwd)).toBeUndefined();
    const full = resolveQuestionnaire('our-check', cwd);
    const quick = resolveBuiltInFast('our-check', cwd);
    expect(quick).toEqual(full);
    expect(cachedFile(join(cwd, 'questionnaires', 'ours.yaml'))?.questionnaire).toEqual(full.questionnaire);
    // by path, too
    expect(resolveBuiltInFast('questionnaires/ours.yaml', cwd)).toEqual(resolveQuestionnaire('questionnaires/ours.yaml', cwd));
    expect(listQuestionnaires(cwd).find((q) => q.id === 'our-check')?.file).toBe(full.file);
  });

  it('reads a reference as the full resolver does, without surrounding spaces', () => {
    writeFileSync(join(cwd, 'questionnaires', 'ours.yaml '), OURS.replace('Our own check', 'The file with a space'));
    resolveQuestionnaire('questionnaires/ours.yaml ', cwd);
    loadQuestionnaire(join(cwd, 'questionnaires', 'ours.yaml '));
    // both files are known now; the reference names the one without the space
    expect(resolveBuiltInFast('questionnaires/ours.yaml ', cwd)?.questionnaire.title).toBe('Our own check');
    expect(resolveBuiltInFast(' our-check ', cwd)).toEqual(resolveQuestionnaire(' our-check ', cwd));
  });

  it('leaves to the full resolver an id that is also the name of a file in the folder, and any unknown local file', () => {
    resolveQuestionnaire('our-check', cwd);
    writeFileSync(join(cwd, 'our-check'), OURS.replace('Our own check', 'The file named like the id'));
    expect(resolveBuiltInFast('our-check', cwd)).toBeUndefined();
    expect(resolveQuestionnaire('our-check', cwd).questionnaire.title).toBe('The file named like the id');
    rmSync(join(cwd, 'our-check'));
    expect(resolveBuiltInFast('our-check', cwd)).toBeDefined();
    writeFileSync(join(cwd, 'questionnaires', 'zz-new.yaml'), OURS.replace(/^id: .*$/m, 'id: new-check'));
    expect(resolveBuiltInFast('our-check', cwd)).toBeUndefined();
  });
});

function existsAnything(path: string): boolean {
  return fs.existsSync(path);
}

function deepSame(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
