// The launcher (dist/cli/main.cjs): answers `--version` and the top-level
// `--help` by itself, and otherwise runs the script bundle dist/readiness.cjs
// through the compile cache (compile-cache.ts). It loads only Node built-ins:
// the CLI's own code and libraries are all in the bundle.
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheRoot, compileBundle, compileCacheDir, makeFolders, superuserInForeignFolder, trustedFolder, type CacheOutcome } from './compile-cache.js';
import type { MemoPlace } from '../load/result-memo.js';

// the same key as MEMO_PLACE in result-memo.ts (not imported: the launcher loads none of the bundle's modules)
const MEMO_PLACE = Symbol.for('social-readiness.result-memo');
// the same key as KINDS in src/errors.ts: the bundle reports an error so marked as a ReadinessError
const ERROR_KINDS = Symbol.for('social-readiness.error-kinds');

declare const __VERSION__: string;
declare const __TOP_HELP__: string;
declare const __COMMANDS__: string[];
declare const __BUNDLE_HASHES__: Record<string, string>;

// A CommonJS script (built with format "cjs"): Node's ES module loader, which
// `node -e 0` never loads, would cost every command about 8% of start-up.
declare const __dirname: string;
const dist = join(__dirname, '..');

/**
 * Writes text to stdout; a reader that closed the pipe early (`| head -1`) is
 * not an error. Any other failure (`> /dev/full`) is one sentence and exit 1,
 * as in src/cli/main.ts.
 */
function print(text: string): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.on('error', () => undefined);
    const why = error.code === 'ENOSPC' || error.code === 'EDQUOT' ? 'the disk is full; free some space, or send the output elsewhere' : (error.code ?? error.message);
    process.stderr.write(`readiness: the output could not be written to standard output: ${why}.\n`);
    process.exitCode = 1;
  });
  process.stdout.write(text);
}

function start(): void {
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    print(`${__VERSION__}\n`);
    return;
  }
  // Commander wraps help to the terminal's width, 80 columns when stdout is
  // not a terminal: the pre-rendered text is exactly that; other widths go to commander.
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h') && helpWidth() === 80) {
    print(__TOP_HELP__);
    return;
  }
  const home = safeHome();
  const found = cacheRoot(process.env, process.platform, home);
  // root run with another user's HOME makes no cache there (it would be of no use to that user ever after)
  const root = found !== undefined && !superuserInForeignFolder(dirname(found)) ? found : undefined;
  const made = root !== undefined && makeFolders(root);
  // a cache folder of another user, or writable by others, is not used (compile-cache.ts, trustedFolder)
  const trusted = root !== undefined && trustedFolder(root);
  const compileDir = root !== undefined ? compileCacheDir(process.env, process.platform, home) : undefined;
  const cacheDir = compileDir !== undefined && trusted && trustedFolder(compileDir) ? compileDir : undefined;
  if (made && trusted) {
    // where the bundle keeps its memos of checked results and questionnaires (src/load/result-memo.ts, questionnaire-memo.ts)
    const place: MemoPlace = {
      dir: join(root, 'checked-results'),
      codeHash: __BUNDLE_HASHES__['readiness.cjs'] ?? 'none',
      questionnaires: { dir: join(root, 'checked-questionnaires'), codeHash: __BUNDLE_HASHES__['check:questionnaire'] ?? 'none' },
    };
    (globalThis as { [MEMO_PLACE]?: MemoPlace })[MEMO_PLACE] = place;
  }
  // each command keeps its own compile cache entry (see LoadOptions.name)
  const command = __COMMANDS__.includes(args[0] ?? '') ? args[0]! : 'other';
  // a run asking for help compiles little of the command: its entry is partial, as that of a failed run
  const helpAsked = args.some((a) => a === '--help' || a === '-h');
  const usualRun = (code: number) => code === 0 && !helpAsked;
  const outcomes: string[] = [];
  const vendors = new Map<string, Record<string, unknown>>();
  const load = (relative: string, name: string, extra: (file: string) => unknown[]): unknown => {
    const file = join(dist, relative);
    let compiled: ReturnType<typeof compileBundle>;
    try {
      compiled = compileBundle(file, { name: `${name}.${command}`, bundleHash: __BUNDLE_HASHES__[relative] ?? 'none', cacheDir, usualRun });
    } catch (error) {
      throw damagedFile(file, error);
    }
    const { fn, outcome } = compiled;
    // a whole bundle is one function expression (scripts/build.mjs): anything else is not what the build wrote
    if (typeof fn !== 'function') throw damagedFile(file, new Error('it does not hold the program'));
    outcomes.push(`${name}:${outcome satisfies CacheOutcome}`);
    const module = { exports: {} as unknown };
    try {
      fn(module.exports, makeRequire(file), module, file, dirname(file), ...extra(file));
    } catch (error) {
      // a bundle's own top level only defines and starts (the program's errors come later, in
      // its promise): one that throws here is not what the build wrote; a vendor file reported
      // as damaged while this one evaluated keeps its own sentence
      throw error instanceof DamagedFile ? error : damagedFile(file, error);
    }
    return module.exports;
  };
  // `vendor:<group>#<package>` is how the bundle asks for a package in dist/vendor/<group>.cjs
  const makeRequire = (file: string) => {
    const nodeRequire = createRequire(file);
    return (id: string): unknown => {
      if (!id.startsWith('vendor:')) return nodeRequire(id);
      const [group, pkg] = id.slice('vendor:'.length).split('#') as [string, string];
      let exports = vendors.get(group);
      if (!exports) {
        exports = load(`vendor/${group}.cjs`, `vendor-${group}`, (f) => [pathToFileURL(f).href]) as Record<string, unknown>;
        vendors.set(group, exports);
      }
      // a vendor file overwritten by another one (or any script that runs) gives no such package
      if (exports === null || typeof exports !== 'object' || !(pkg in exports)) throw damagedFile(join(dist, 'vendor', `${group}.cjs`), new Error(`it does not hold ${pkg}`));
      return exports[pkg];
    };
  };
  if (process.env.READINESS_COMPILE_CACHE_TRACE) {
    // for the cache's tests and the benchmark: which bundles were compiled how
    const trace = process.env.READINESS_COMPILE_CACHE_TRACE;
    process.once('exit', () => {
      process.getBuiltinModule('node:fs').appendFileSync(trace, `${outcomes.join(' ')}\n`);
    });
  }
  try {
    const program = load('readiness.cjs', 'readiness', (f) => [pathToFileURL(f).href]) as { PROGRAM?: unknown } | null;
    // another bundle copied over it runs without a word: what the main bundle exports tells (src/cli/main.ts)
    if (program === null || typeof program !== 'object' || program.PROGRAM !== 'social-readiness') throw damagedFile(join(dist, 'readiness.cjs'), new Error('it does not hold the program'));
  } catch (error) {
    if (!(error instanceof DamagedFile)) throw error;
    // the bundle that would report it is the damaged one: say it here, as src/cli/main.ts would
    process.stderr.write(`readiness: ${error.message}\n`);
    if ((process.env.DEBUG ?? '').split(',').includes('readiness')) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}

/**
 * A bundle file that is missing, unreadable or does not compile: a broken
 * install, not a bug. Marked as a ReadinessError (exit code 1, no details) for
 * the bundle's own error report (src/cli/main.ts) when a vendor file is the one.
 */
class DamagedFile extends Error {
  readonly exitCode = 1;
  readonly details: string[] = [];
}

function damagedFile(file: string, cause: unknown): DamagedFile {
  const e = cause as NodeJS.ErrnoException | undefined;
  const why = String(e?.message ?? cause).split('\n')[0]!.slice(0, 200);
  const what = e?.code === 'ENOENT' ? 'is missing' : typeof e?.code === 'string' ? `cannot be read (${e.code})` : `is damaged (${why})`;
  const error = new DamagedFile(`the installed file ${file} ${what}; reinstall readiness and run again.`);
  Object.defineProperty(error, ERROR_KINDS, { value: ['ReadinessError'] });
  // DEBUG=readiness prints the stack: the cause's is the one that says where
  if (e?.stack) error.stack = `${error.stack}\nCaused by: ${e.stack}`;
  return error;
}

/** The width commander wraps help to; node:tty (and node:net with it) is loaded only here. */
function helpWidth(): number {
  const { isatty } = process.getBuiltinModule('node:tty') as typeof import('node:tty');
  return isatty(1) ? process.stdout.columns || 80 : 80;
}

function safeHome(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

/** What bin/readiness.cjs checks this file exports: an empty or foreign file in its place is a damaged install. */
export const LAUNCHER = 'social-readiness';

// for bin/readiness.cjs: this file has loaded whole, so an error from here on is the program's, not a damaged launcher
(globalThis as Record<symbol, unknown>)[Symbol.for('social-readiness.launcher')] = true;
start();
