// What the caches kept in the user's cache folder share (the summaries of
// checked results, result-summaries.ts, and the memo of checked questionnaires,
// questionnaire-memo.ts): whole-file writes, and trimming by age and count.
// Every function takes the fs module from its caller, which loads it only when
// a cache is used, and none throws for a cache that cannot be read or written.
import type * as Fs from 'node:fs';

export const DAY_MS = 86400000;

/**
 * Writes `file` beside itself and renames it over (readers see a whole file or
 * none), making `dirs` first (in order, mode 0700); false when that failed.
 */
export function writeWhole(fs: typeof Fs, dirs: readonly string[], file: string, bytes: Uint8Array): boolean {
  const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    for (const dir of dirs) {
      try {
        fs.mkdirSync(dir, { mode: 0o700 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    // a cache that cannot be written only means the next run checks again
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    return false;
  }
}

/** Removes the leftovers of writes that died (`names` in `dir` ending in .tmp, older than a day). */
export function removeStaleTemporaries(fs: typeof Fs, dir: string, names: readonly string[], now: number): void {
  for (const name of names) {
    if (!name.endsWith('.tmp')) continue;
    try {
      if (fs.statSync(`${dir}/${name}`).mtimeMs < now - DAY_MS) fs.unlinkSync(`${dir}/${name}`);
    } catch {
      // gone already
    }
  }
}

/** When there are more than `max` of `entries` (names in `dir`), removes the oldest (by modification time) until `keep` are left. */
export function removeOldest(fs: typeof Fs, dir: string, entries: readonly string[], max: number, keep: number): void {
  if (entries.length <= max) return;
  const dated: { name: string; time: number }[] = [];
  for (const name of entries) {
    try {
      dated.push({ name, time: fs.statSync(`${dir}/${name}`).mtimeMs });
    } catch {
      // removed by another run meanwhile
    }
  }
  dated.sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : 1));
  for (const { name } of dated.slice(0, Math.max(0, dated.length - keep))) {
    try {
      fs.unlinkSync(`${dir}/${name}`);
    } catch {
      // removed by another run meanwhile
    }
  }
}

/**
 * In `place.dir`, the folders and memos (`<build>.txt`) of other builds than
 * `place.codeHash`, once not written to for a day (another installed version
 * may still use its own), and leftovers of writes that died.
 */
export function removeOtherBuilds(fs: typeof Fs, place: { dir: string; codeHash: string }, now: number): void {
  for (const name of fs.readdirSync(place.dir)) {
    const build = name.endsWith('.txt') ? name.slice(0, -4) : name;
    // other builds' memos and folders, and leftovers of a memo trim that died
    const stale = name.endsWith('.tmp') || (build !== place.codeHash && /^[0-9A-Za-z_-]+$/.test(build));
    if (!stale) continue;
    const path = `${place.dir}/${name}`;
    try {
      if (fs.statSync(path).mtimeMs < now - DAY_MS) fs.rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by another run meanwhile
    }
  }
}
