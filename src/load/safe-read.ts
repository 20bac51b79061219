// The one way the tool opens an input file. Every loader (questionnaire, answers,
// survey CSV, mapping, stored result, interview session, folder scans) goes
// through here so that the same rules hold everywhere:
//  - open without blocking (a FIFO with no writer must not hang the open),
//  - fstat the *open descriptor* (no race between a check and the read),
//  - refuse anything that is not a regular file (FIFOs, devices, sockets, folders),
//  - check the size limit on the descriptor, and never read past it even if the
//    file grows while it is read (/dev/zero behind a renamed path, a log being written).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from '../errors.js';

const MB = 1024 * 1024;

/**
 * Read limits per kind of input, in bytes. Each covers the largest file the tool
 * itself writes of that kind (a stored result holds at most 20,000 characters of
 * free text per answer and per note, see store limits), with room to spare.
 */
export const READ_LIMITS = {
  questionnaire: 2 * MB,
  answers: 2 * MB,
  mapping: 2 * MB,
  result: 64 * MB,
  session: 8 * MB,
  csv: 1024 * MB,
} as const;

/** Input files larger than this are refused unless a loader says otherwise. */
export const DEFAULT_MAX_BYTES = 2 * MB;

/** An open regular file: read it, then `close()`. */
export interface OpenedFile {
  /** The path as the caller gave it (for messages). */
  file: string;
  fd: number;
  /** Size in bytes, from fstat on the open descriptor. */
  size: number;
  close(): void;
}

export interface OpenOptions {
  /** Refuse files larger than this many bytes (default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** What the file should be, for messages: "survey export", "answers file". Default "file". */
  what?: string;
  /** Path to open when `file` is only the name to show (e.g. relative to another cwd). */
  path?: string;
  /**
   * readRegularFile only: a buffer to read into when the file fits, so that reading many
   * files does not allocate (and collect) a buffer per file. The bytes returned are then
   * a view of it, valid until the next read into it.
   */
  scratch?: Buffer;
  /**
   * Read only to see what a file about to be replaced holds (whose result or plan it is):
   * not recorded as one of the command's inputs, which a writer refuses to replace.
   */
  notInput?: boolean;
}

/** "a FIFO (named pipe)" etc. for a non-regular file; undefined for a regular file. */
export function describeNonRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * One sentence for a file-system error on `file`, naming the real cause in the
 * user's terms. `action` is what was being done ("read", "write", "create").
 */
export function fileErrorMessage(file: string, error: unknown, action = 'read'): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `${file} does not exist; check the path and try again.`;
    case 'ENOTDIR':
      return `${file} does not exist: a part of the path is a file, not a folder; check the path.`;
    case 'EACCES':
    case 'EPERM':
      return `${file} cannot be ${action === 'read' ? 'read' : 'written'} (permission denied); check its permissions.`;
    case 'ELOOP':
      return `${file} cannot be ${action === 'read' ? 'read' : 'written'}: its symbolic links form a loop; fix or remove the link.`;
    case 'EROFS':
      return `${file} cannot be written: the file system is read-only; choose an output folder on a writable disk.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${file} cannot be written: the disk is full (or the quota is used up); free some space and try again.`;
    case 'EISDIR':
      return `${file} is a folder, not a file; give the path of a file.`;
    case 'ENAMETOOLONG':
      return `${file} cannot be ${action === 'read' ? 'read' : 'written'}: the path is too long.`;
    case 'EMFILE':
    case 'ENFILE':
      return `${file} cannot be opened: too many files are open; close some programs and try again.`;
    case 'EIO':
      return `${file} cannot be ${action === 'read' ? 'read' : 'written'}: the disk reported an input/output error.`;
    default:
      return `${file} cannot be ${action === 'read' ? 'read' : 'written'} (${code ?? (error as Error)?.message ?? 'unknown error'}).`;
  }
}

function sizeText(bytes: number): string {
  if (bytes >= MB) return Number.isInteger(bytes / MB) && bytes % MB === 0 && bytes <= 1024 * MB ? `${bytes / MB} MB` : `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

function tooLarge(file: string, size: number, maxBytes: number, what: string): InputError {
  return new InputError(
    `${file} is ${size > maxBytes ? sizeText(size).replace(/^(\d+) MB$/, '$1.0 MB') : 'larger than the limit'}, more than the ${sizeText(maxBytes)} a${/^[aeiou]/i.test(what) ? 'n' : ''} ${what} may have; check that it is the right file.`,
  );
}

/**
 * Opens `file` for reading if, and only if, it is a regular file no larger than
 * `maxBytes`. Symbolic links are followed, but what they point at must be a
 * regular file. Never blocks (FIFOs are opened non-blocking, then refused).
 * Throws InputError with one sentence otherwise. The caller must `close()`.
 */
export function openRegularFile(file: string, options: OpenOptions = {}): OpenedFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const what = options.what ?? 'file';
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    // O_NOCTTY: a terminal device must never become our controlling terminal.
    fd = openSync(options.path ?? file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new InputError(fileErrorMessage(file, error, 'read'));
  }
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw new InputError(fileErrorMessage(file, error, 'read'));
  }
  const kind = describeNonRegular(st);
  if (kind !== undefined) {
    closeSync(fd);
    if (st.isDirectory()) throw new InputError(`${file} is a folder, not a file; give the path of a file inside it.`);
    throw new InputError(`${file} is ${kind}, not a regular file; only saved files are read, so give the path of the ${what} itself.`);
  }
  if (st.size > maxBytes) {
    closeSync(fd);
    throw tooLarge(file, st.size, maxBytes, what);
  }
  if (options.notInput !== true) recordInput(st);
  let closed = false;
  return {
    file,
    fd,
    size: st.size,
    close() {
      if (closed) return;
      closed = true;
      try {
        closeSync(fd);
      } catch {
        // already closed by a stream that owned it
      }
    },
  };
}

/**
 * The bytes of a regular file, at most `maxBytes` (refused if it is larger, also
 * when it grows while being read). See openRegularFile for what is refused.
 */
export function readRegularFile(file: string, options: OpenOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const opened = openRegularFile(file, options);
  try {
    // one byte more than allowed tells a file that grew after fstat from one that did not
    const wanted = Math.min(maxBytes, opened.size) + 1;
    const buffer = options.scratch && options.scratch.length >= wanted ? options.scratch.subarray(0, wanted) : Buffer.allocUnsafe(wanted);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(file, length, maxBytes, options.what ?? 'file');
        break; // exactly the size fstat gave and not past the limit; check for more below
      }
      let n: number;
      try {
        n = readSync(opened.fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw new InputError(fileErrorMessage(file, error, 'read'));
      }
      if (n === 0) return buffer.subarray(0, length);
      length += n;
      // A read of a regular file stops short only at its end: one that stopped exactly at the size
      // fstat gave read the whole file, without a second read to see it end (a tenth of reading a
      // thousand results). Grown, it would have filled the extra byte; shrunk, it stops earlier.
      if (length === opened.size && length < buffer.length) return buffer.subarray(0, length);
    }
    // the file grew past its fstat size: keep reading in steps, up to the limit
    const parts: Buffer[] = [buffer.subarray(0, length)];
    let total = length;
    const step = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(opened.fd, step, 0, step.length, null);
      } catch (error) {
        throw new InputError(fileErrorMessage(file, error, 'read'));
      }
      if (n === 0) return Buffer.concat(parts, total);
      total += n;
      if (total > maxBytes) throw tooLarge(file, total, maxBytes, options.what ?? 'file');
      parts.push(Buffer.from(step.subarray(0, n)));
    }
  } finally {
    opened.close();
  }
}

/**
 * An InputError when `opened` is no longer the size it was when opened (fstat on the open
 * descriptor, which must still be open), or when `bytesRead` (the bytes a reader took from
 * it, read to its end) is not that size: another program wrote or cut the file while it was
 * read, so the rows read are not the file as saved. Undefined when the size held.
 */
export function changedWhileRead(opened: OpenedFile, bytesRead?: number): InputError | undefined {
  let now: number;
  try {
    now = fstatSync(opened.fd).size;
  } catch {
    return undefined; // no descriptor to look at: the reader's own error (if any) stands
  }
  if (now === opened.size && (bytesRead === undefined || bytesRead === opened.size)) return undefined;
  const at = now !== opened.size ? now : bytesRead!;
  return new InputError(
    `${opened.file} changed while it was read (${opened.size.toLocaleString('en')} bytes when opened, ${at.toLocaleString('en')} ${now !== opened.size ? 'at the end' : 'read'}): another program is writing it; read it again when it is saved.`,
  );
}

/**
 * "sha256:<hex>" of the bytes of a regular file (at most `maxBytes`; see openRegularFile for
 * what is refused), read in steps so that memory stays flat.
 */
export function fileSha256(file: string, options: OpenOptions = {}): string {
  const { createHash } = process.getBuiltinModule('node:crypto') as typeof import('node:crypto');
  const opened = openRegularFile(file, options);
  try {
    const hash = createHash('sha256');
    const step = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(opened.fd, step, 0, step.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw new InputError(fileErrorMessage(file, error, 'read'));
      }
      if (n === 0) break;
      hash.update(step.subarray(0, n));
    }
    return `sha256:${hash.digest('hex')}`;
  } finally {
    opened.close();
  }
}

// Every input opened by this process, by device and inode, so that a writer can
// refuse to replace one of the command's own inputs (`report r.json -o r.json`).
// Kept on globalThis: the bundle may hold several copies of this module.
const INPUTS = Symbol.for('social-readiness.opened-inputs');

function inputRegistry(): Set<string> {
  const g = globalThis as { [INPUTS]?: Set<string> };
  return (g[INPUTS] ??= new Set());
}

function recordInput(st: Stats): void {
  inputRegistry().add(`${st.dev}:${st.ino}`);
}

/** Whether `st` (from stat or lstat of a path) is a file this process has read as input. */
export function isOpenedInput(st: Stats): boolean {
  return inputRegistry().has(`${st.dev}:${st.ino}`);
}
