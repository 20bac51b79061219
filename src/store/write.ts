// Writing output files so that a crash never leaves half a report, and an
// existing file is never replaced unless the user said --force.
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

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
}

/**
 * Writes every file atomically, or none of them when one already exists and
 * `force` is not set: existence is checked for all files before any is written.
 */
export function writeFilesAtomically(files: OutputFile[], options: WriteOptions = {}): void {
  const resolved = files.map((f) => ({ ...f, target: options.cwd ? resolve(options.cwd, f.path) : f.path }));
  const existing: string[] = [];
  for (const f of resolved) {
    if (existsSync(f.target)) {
      if (statSync(f.target).isDirectory()) {
        throw new InputError(`${f.path} is a folder; remove it or choose another output folder with -o.`);
      }
      existing.push(f.path);
    }
  }
  if (existing.length > 0 && !options.force) {
    const list = existing.join(' and ');
    throw new InputError(
      `${list} already ${existing.length === 1 ? 'exists' : 'exist'}; use --force to overwrite, ${options.otherwise ?? 'or choose another --date or output folder'}.`,
    );
  }
  for (const f of resolved) writeFileAtomic(f.target, f.content, f.path, { replace: options.force ?? false });
}

/**
 * Temp file in the same folder, fsync, rename: the target is either the old or
 * the new content, never a mix. Without `replace`, an existing target is never
 * overwritten. `shown` is the name used in messages.
 */
export function writeFileAtomic(target: string, content: string | Uint8Array, shown: string, options: { replace: boolean; mode?: number }): void {
  const force = options.replace;
  const dir = dirname(target);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new InputError(`cannot create the folder ${dirname(shown)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the output folder given with -o.`);
  }
  const temp = join(dir, `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', options.mode ?? 0o644);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (force) renameSync(temp, target);
    else publishWithoutOverwrite(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EEXIST') {
      // another process wrote the file between our check and now
      throw new InputError(`${shown} already exists; use --force to overwrite.`);
    }
    throw new InputError(`cannot write ${shown} (${code}); check that the output folder is writable.`);
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
