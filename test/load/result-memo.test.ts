// The memo of checked results (src/load/result-memo.ts): the digests of result
// files that passed every check, one a line, appended at exit and trimmed to the
// newest when it holds too many.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownGood, MEMO_PLACE, rememberGood, resetMemo, resultDigest, saveMemo, type MemoPlace } from '../../src/load/result-memo.js';

let work: string;
let place: MemoPlace;
const memoFile = () => join(place.dir, `${place.codeHash}.txt`);

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'readiness-rmemo-'));
  place = { dir: join(work, 'checked-results'), codeHash: 'build1' };
  mkdirSync(place.dir, { mode: 0o700 });
  (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE] = place;
  resetMemo();
});
afterEach(() => {
  delete (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE];
  resetMemo();
  rmSync(work, { recursive: true, force: true });
});

describe('the memo of checked results', () => {
  it('remembers a digest for the next run', () => {
    const digest = resultDigest('{"a":1}');
    expect(knownGood(digest)).toBe(false);
    rememberGood(digest);
    saveMemo();
    resetMemo();
    expect(knownGood(resultDigest('{"a":1}'))).toBe(true);
  });

  it('writes anew a memo grown past what is read (the same digests appended by many runs at once), instead of appending to it on every run', () => {
    // 131,000 lines of the same few digests: more than 8 MB, and far fewer than MEMO_MAX distinct digests
    const line = (i: number) => `${(i % 100).toString(16).padStart(64, '0')}\n`;
    writeFileSync(memoFile(), Array.from({ length: 131000 }, (_, i) => line(i)).join(''));
    const before = statSync(memoFile()).size;
    expect(before).toBeGreaterThan(8 * 1024 * 1024);
    const digest = resultDigest('{"b":2}');
    expect(knownGood(digest)).toBe(false);
    rememberGood(digest);
    saveMemo();
    expect(statSync(memoFile()).size).toBeLessThan(before);
    expect(readFileSync(memoFile(), 'latin1')).toBe(`${digest}\n`);
    // read again by the next run
    resetMemo();
    expect(knownGood(resultDigest('{"b":2}'))).toBe(true);
  });
});
