// Writing output files so that a crash never leaves half a report, an existing
// file is never replaced unless the user said --force, and even then only the
// tool's own kind of file: a regular file that is not one of the command's inputs.
// Several files written together (a report and its result) are published as one
// unit under a folder lock, with a journal that the next run completes.
import {
  closeSync,
  constants as fsConstants,
  copyFileSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { withSignalsHeld } from '../boot/compile-cache.js';
import { describeNonRegular, fileErrorMessage, isOpenedInput } from '../load/safe-read.js';

export interface OutputFile {
  /** Where to write (relative paths resolve against the process's cwd unless `cwd` is given). */
  path: string;
  /** Text (written as UTF-8) or bytes (a PDF). */
  content: string | Uint8Array;
}

export interface WriteOptions {
  force?: boolean;
  /** Folder that relative paths are resolved against (default: process cwd). */
  cwd?: string;
  /** Ends the "already exists" sentence (default: "or choose another --date or output folder"). */
  otherwise?: string;
  /**
   * The output folder the files must stay inside, after symbolic links are
   * resolved (`-o`). Checked on the real path of the folder written into.
   */
  root?: string;
  /**
   * Refuses (even with --force) to replace an existing file for which this
   * returns a sentence: e.g. a stored result of another organization.
   */
  guard?: (target: string, shown: string) => string | undefined;
}

/** Temporary files of this tool: `.<name>.<pid>.<random>.tmp`. Only these are ever cleaned up. */
const TEMP_PATTERN = /^\..+\.(\d+)\.[a-z0-9]{1,10}\.tmp$/;
export const LOCK_NAME = '.readiness.lock';
export const JOURNAL_NAME = '.readiness-publish.journal';

function tempName(dir: string, target: string): string {
  return join(dir, `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/** Whether a process with this id is running (a signal 0 probe; EPERM means it runs as someone else). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes this tool's temporary files left in `dir` by runs that were killed
 * (their process is gone). Matches only the tool's own name pattern; never
 * follows links. Best effort: a file that cannot be removed is left.
 */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_PATTERN.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    try {
      if (lstatSync(join(dir, name)).isFile()) unlinkSync(join(dir, name));
    } catch {
      // best effort
    }
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputError(fileErrorMessage(path, error, 'write'));
  }
}

/**
 * Whether `target` may be written: absent (true), or a regular file that may be
 * replaced (true with `force`). Throws InputError for what may never be replaced:
 * folders, symbolic links, devices, FIFOs, sockets, the command's own inputs.
 * Returns false for an existing regular file without `force` (the caller lists them).
 */
export function checkReplaceable(target: string, shown: string, force: boolean, ownFile = false): boolean {
  const st = lstatOrUndefined(target);
  if (!st) return true;
  if (st.isDirectory()) throw new InputError(`${shown} is a folder; remove it or choose another output path.`);
  if (st.isSymbolicLink()) {
    throw new InputError(`${shown} is a symbolic link; readiness replaces only its own regular files, even with --force, so remove the link or choose another output path.`);
  }
  const kind = describeNonRegular(st);
  if (kind !== undefined) {
    throw new InputError(`${shown} is ${kind}; readiness replaces only regular files, even with --force, so choose another output path.`);
  }
  if (!ownFile && isOpenedInput(st)) {
    throw new InputError(`${shown} is one of this command's own inputs; readiness never writes over its input, even with --force, so choose another output path.`);
  }
  return force;
}

/** Throws unless the real path of `dir` is inside the real path of `root` (after links are resolved). */
export function assertRealInside(root: string, dir: string, shownDir: string): void {
  let realRoot: string;
  let realDir: string;
  try {
    realRoot = realpathSync(root);
    realDir = realpathSync(dir);
  } catch (error) {
    throw new InputError(fileErrorMessage(shownDir, error, 'write'));
  }
  const rel = relative(realRoot, realDir);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(`refusing to write into ${shownDir}: it leads outside the output folder (a symbolic link to ${realDir}); remove the link or choose another output folder with -o.`);
  }
}

function makeFolder(dir: string, shownDir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new InputError(`cannot create the folder ${shownDir}: a file with that name is in the way; remove it or choose another output folder with -o.`);
    }
    throw new InputError(`cannot create the folder ${shownDir}: ${fileErrorMessage(shownDir, error, 'write').slice(shownDir.length + 1)}`);
  }
}

/**
 * The permission bits of the regular file `target` that --force replaces, which its
 * replacement keeps (a report the user made read-only stays read-only); undefined when
 * there is no such file. lstat: a link is never followed (and never replaced).
 */
function keptMode(target: string): number | undefined {
  const st = lstatOrUndefined(target);
  return st?.isFile() ? st.mode & 0o777 : undefined;
}

/**
 * Writes `content` to a new temporary file next to `target` and (unless
 * `durable` is false) makes it durable; returns its path. The file is created
 * with `mode` less the umask, or with `kept` exactly (the mode of the file it replaces).
 */
function writeTemp(dir: string, target: string, content: string | Uint8Array, shown: string, mode: number, durable = true, kept?: number): string {
  const temp = tempName(dir, target);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    if (kept !== undefined) fchmodSync(fd, kept);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (durable) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing
      }
    }
    rmSync(temp, { force: true });
    throw new InputError(fileErrorMessage(shown, error, 'write'));
  }
  return temp;
}

/**
 * Writes every file atomically, or none of them when one already exists and
 * `force` is not set: existence is checked for all files before any is written.
 * Several files are published as one unit (see publishTogether).
 */
export function writeFilesAtomically(files: OutputFile[], options: WriteOptions = {}): void {
  const resolved = files.map((f) => ({ shown: f.path, content: f.content, target: options.cwd ? resolve(options.cwd, f.path) : f.path }));
  if (resolved.length > 1) {
    publishTogether(resolved, options);
    return;
  }
  const f = resolved[0];
  if (!f) return;
  const dir = dirname(f.target);
  makeFolder(dir, dirname(f.shown));
  if (options.root !== undefined) assertRealInside(options.cwd ? resolve(options.cwd, options.root) : options.root, dir, dirname(f.shown));
  removeStaleTemps(dir);
  refuseExisting([f], options);
  writeFileAtomic(f.target, f.content, f.shown, { replace: options.force ?? false });
}

function refuseExisting(files: { target: string; shown: string }[], options: WriteOptions): void {
  const existing: string[] = [];
  for (const f of files) {
    const writable = checkReplaceable(f.target, f.shown, options.force ?? false);
    // a file the guard protects is refused as such, with or without --force: "use --force" would not replace it either
    if (options.guard && lstatOrUndefined(f.target)) {
      const refusal = options.guard(f.target, f.shown);
      if (refusal) throw new InputError(refusal);
    }
    if (!writable) existing.push(f.shown);
  }
  if (existing.length > 0) {
    const list = existing.join(' and ');
    throw new InputError(
      `${list} already ${existing.length === 1 ? 'exists' : 'exist'}; use --force to overwrite, ${options.otherwise ?? 'or choose another --date or output folder'}.`,
    );
  }
}

/**
 * Temp file in the same folder, fsync, rename: the target is either the old or
 * the new content, never a mix. Without `replace`, an existing target is never
 * overwritten. `shown` is the name used in messages.
 */
export function writeFileAtomic(
  target: string,
  content: string | Uint8Array,
  shown: string,
  options: { replace: boolean; mode?: number; /** The tool's own file rewritten in place (a session): may have been read. */ ownFile?: boolean },
): void {
  const dir = dirname(target);
  makeFolder(dir, dirname(shown));
  if (options.replace) checkReplaceable(target, shown, true, options.ownFile === true);
  removeStaleTemps(dir);
  // a session (ownFile) keeps the tool's own private mode; a replaced derived file keeps the user's
  const kept = options.replace && options.ownFile !== true ? keptMode(target) : undefined;
  const temp = writeTemp(dir, target, content, shown, options.mode ?? 0o644, true, kept);
  try {
    if (options.replace) renameSync(temp, target);
    else publishWithoutOverwrite(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      // another process wrote the file between our check and now
      throw new InputError(`${shown} already exists; use --force to overwrite.`);
    }
    throw new InputError(fileErrorMessage(shown, error, 'write'));
  }
  syncDir(dir);
}

/**
 * A hard link fails if the target exists, so a file that appeared after the
 * existence check is still never replaced. File systems without hard links
 * fall back to rename (the check above already ran).
 */
function publishWithoutOverwrite(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    renameSync(temp, target);
    return;
  }
  rmSync(temp, { force: true });
}

/** Makes the rename itself durable; not every platform lets a folder be opened, so best effort. */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

// ---- one unit: lock, journal, renames -------------------------------------------------

/**
 * Takes the folder's lock (a file holding our process id, created atomically) or
 * throws InputError naming the process that holds it. A lock left by a process
 * that is gone is taken over. Returns the release function.
 */
export function lockFolder(dir: string, shownDir: string): () => void {
  const lock = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    // not made durable: a lock matters only while its process lives, and one
    // left by a crash (whole or empty) is taken over below
    const temp = writeTemp(dir, lock, `${process.pid}\n`, join(shownDir, LOCK_NAME), 0o644, false);
    try {
      linkSync(temp, lock);
      rmSync(temp, { force: true });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lock, { force: true });
      };
    } catch (error) {
      rmSync(temp, { force: true });
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(fileErrorMessage(join(shownDir, LOCK_NAME), error, 'write'));
    }
    let holder = NaN;
    try {
      holder = Number.parseInt(readFileSync(lock, 'utf8').slice(0, 20), 10);
    } catch {
      continue; // removed meanwhile: try again
    }
    if (isAlive(holder)) {
      throw new InputError(
        `another readiness run (process ${holder}) is writing into ${shownDir}; wait for it to finish and try again (if no such run exists, delete ${join(shownDir, LOCK_NAME)}).`,
      );
    }
    rmSync(lock, { force: true }); // left by a run that was killed
  }
  throw new InputError(`cannot take the lock ${join(shownDir, LOCK_NAME)}; another run keeps taking it, try again.`);
}

interface JournalEntry {
  temp: string;
  target: string;
}

const SAFE_NAME = /^[^/\\\0]+$/;

/**
 * Completes a publication that a killed run left half done (its journal lists
 * temp files already complete and durable, and the names they go to), then
 * removes stale temporary files. Call with the folder's lock held.
 * The journal is untrusted input: only plain names inside `dir` are renamed.
 */
export function completeInterruptedPublish(dir: string): void {
  const journal = join(dir, JOURNAL_NAME);
  let text: string | undefined;
  try {
    const st = lstatSync(journal);
    if (st.isFile() && st.size < 64 * 1024) text = readFileSync(journal, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let entries: JournalEntry[] = [];
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) entries = parsed.filter(isJournalEntry);
    } catch {
      entries = [];
    }
    for (const e of entries) {
      const temp = join(dir, e.temp);
      try {
        if (lstatSync(temp).isFile()) renameSync(temp, join(dir, e.target));
      } catch {
        // already renamed before the run was killed
      }
    }
    syncDir(dir);
    rmSync(journal, { force: true });
    syncDir(dir);
  }
  removeStaleTemps(dir);
}

function isJournalEntry(v: unknown): v is JournalEntry {
  const e = v as JournalEntry;
  return (
    !!e && typeof e.temp === 'string' && typeof e.target === 'string' && SAFE_NAME.test(e.temp) && SAFE_NAME.test(e.target) &&
    TEMP_PATTERN.test(e.temp) && !e.target.startsWith('.') && e.temp !== '..' && e.target !== '..'
  );
}

/**
 * If a run was killed while publishing into `dir`, finish its work now (taking
 * the lock; if a live run holds it, leave the folder alone). For readers such
 * as `history`, so they never show a report without its result.
 */
export function recoverFolder(dir: string): void {
  let hasJournal = false;
  let hasLock = false;
  try {
    for (const name of readdirSync(dir)) {
      if (name === JOURNAL_NAME) hasJournal = true;
      if (name === LOCK_NAME) hasLock = true;
    }
  } catch {
    return;
  }
  if (!hasJournal && !hasLock) return;
  let release: (() => void) | undefined;
  try {
    release = lockFolder(dir, dir);
  } catch {
    return; // a live run is publishing, or the folder is read-only: leave it
  }
  try {
    completeInterruptedPublish(dir);
  } finally {
    release();
  }
}

/** Test-only fault injection: READINESS_FAULT=<point>:<action>, action "kill", "term" or "enospc". */
function faultPoint(point: string): void {
  const spec = process.env.READINESS_FAULT;
  if (!spec) return;
  const [at, action] = spec.split(':');
  if (at !== point) return;
  if (action === 'kill') process.kill(process.pid, 'SIGKILL');
  else if (action === 'term') process.kill(process.pid, 'SIGTERM');
  else if (action === 'enospc') throw Object.assign(new Error('no space left on device (injected)'), { code: 'ENOSPC' });
}

/**
 * Publishes several files of one folder as one unit: after any crash, signal or
 * error, the folder holds the old set or the new set. Steps, under the folder's
 * lock: finish a killed run's publication; check every target; write every temp
 * file durably; write the journal (the commit point); rename each temp onto its
 * target; remove the journal. A run killed after the journal is written is
 * completed by the next run that touches the folder (assess, history, compare).
 */
function publishTogether(files: { target: string; shown: string; content: string | Uint8Array }[], options: WriteOptions): void {
  const dir = dirname(files[0]!.target);
  const shownDir = dirname(files[0]!.shown);
  if (files.some((f) => dirname(f.target) !== dir)) throw new Error('publishTogether: every file must be in one folder');
  makeFolder(dir, shownDir);
  if (options.root !== undefined) assertRealInside(options.cwd ? resolve(options.cwd, options.root) : options.root, dir, shownDir);
  withSignalsHeld(() => {
    const release = lockFolder(dir, shownDir);
    const temps: string[] = [];
    try {
      completeInterruptedPublish(dir);
      refuseExisting(files, options);
      faultPoint('write');
      for (const f of files) temps.push(writeTemp(dir, f.target, f.content, f.shown, 0o644, true, options.force ? keptMode(f.target) : undefined));
      faultPoint('temps');
      const journal = writeTemp(dir, join(dir, JOURNAL_NAME), JSON.stringify(files.map((f, i) => ({ temp: basename(temps[i]!), target: basename(f.target) }))), join(shownDir, JOURNAL_NAME), 0o644);
      try {
        renameSync(journal, join(dir, JOURNAL_NAME));
      } catch (error) {
        rmSync(journal, { force: true });
        throw new InputError(fileErrorMessage(files[0]!.shown, error, 'write'));
      }
      syncDir(dir);
      faultPoint('journal');
      // past the commit point: from here on, the new set is what the folder holds
      for (let i = 0; i < files.length; i++) {
        const f = files[i]!;
        if (options.force) renameSync(temps[i]!, f.target);
        else {
          try {
            publishWithoutOverwrite(temps[i]!, f.target);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EEXIST') renameSync(temps[i]!, f.target); // checked above, under the lock
            else throw error;
          }
        }
        faultPoint(`rename-${i + 1}`);
      }
      syncDir(dir);
      // The journal's removal need not be durable: a journal that comes back
      // after a crash names temp files that are gone, and is simply removed.
      rmSync(join(dir, JOURNAL_NAME), { force: true });
    } catch (error) {
      // before the commit point nothing is visible: remove our temps; after it, the journal finishes the job next time
      if (!lstatOrUndefined(join(dir, JOURNAL_NAME))) for (const t of temps) rmSync(t, { force: true });
      if (error instanceof InputError) throw error;
      throw new InputError(fileErrorMessage(files[0]!.shown, error, 'write'));
    } finally {
      release();
    }
  });
}

/**
 * Writes a new file `<dir>/<stem><ext>`, or `<stem>-2<ext>`, `<stem>-3<ext>`, ...:
 * the first name not taken. Never replaces a file, also when another process
 * writes the same name at the same moment. Returns the path written (joined as given).
 */
export function writeNewFile(dir: string, stem: string, ext: string, content: string, options: { cwd?: string; root?: string; mode?: number } = {}): string {
  const at = (p: string) => (options.cwd ? resolve(options.cwd, p) : p);
  makeFolder(at(dir), dir);
  if (options.root !== undefined) assertRealInside(at(options.root), at(dir), dir);
  for (let n = 1; n < 10_000; n++) {
    const shown = join(dir, `${stem}${n === 1 ? '' : `-${n}`}${ext}`);
    if (lstatOrUndefined(at(shown))) continue;
    try {
      writeFileAtomic(at(shown), content, shown, { replace: false, mode: options.mode ?? 0o644 });
      return shown;
    } catch (error) {
      if (error instanceof InputError && lstatOrUndefined(at(shown))) continue; // taken meanwhile: the next name
      throw error;
    }
  }
  throw new InputError(`${dir} holds too many files named ${stem}${ext}; move some away and try again.`);
}

/**
 * Keeps the regular file `target` (the user's own data, such as a plan that --force is about to
 * replace) under a new name `<dir>/<stem><ext>`, `<stem>-2<ext>`, ... that no file has; returns
 * the name kept (joined as `dir` is given), or undefined when there is no such file. A hard link
 * (a copy where links are not possible): nothing is read or rewritten, and nothing is replaced.
 * A link, a folder or a device at `target` is refused as checkReplaceable refuses it.
 */
export function keepCopy(target: string, shown: string, dir: string, stem: string, ext: string, cwd?: string): string | undefined {
  if (!lstatOrUndefined(target)) return undefined;
  checkReplaceable(target, shown, true);
  const at = (p: string) => (cwd ? resolve(cwd, p) : p);
  for (let n = 1; n < 10_000; n++) {
    const name = join(dir, `${stem}${n === 1 ? '' : `-${n}`}${ext}`);
    if (lstatOrUndefined(at(name))) continue;
    try {
      try {
        linkSync(target, at(name));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue; // taken meanwhile: the next name
        copyFileSync(target, at(name), fsConstants.COPYFILE_EXCL);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new InputError(`cannot keep a copy of ${shown} before replacing it: ${fileErrorMessage(name, error, 'write')}`);
    }
    syncDir(at(dir));
    return name;
  }
  throw new InputError(`${dir} holds too many files named ${stem}${ext}; move some away and try again.`);
}

/**
 * The first of `stem`, `stem-2`, `stem-3`... for which no file `<dir>/<name><ext>`
 * exists for any of `exts` (a report and its result take one free name together).
 */
export function freeStem(dir: string, stem: string, exts: readonly string[], cwd?: string): string {
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}`;
    if (exts.every((ext) => !lstatOrUndefined(cwd ? resolve(cwd, join(dir, name + ext)) : join(dir, name + ext)))) return name;
  }
}
