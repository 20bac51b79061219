// Errors that carry their exit code. Handlers throw; only src/cli/main.ts exits.

export const EXIT = { ok: 0, invalidInput: 1, usage: 2, interrupted: 130 } as const;

// The CLI is bundled one file per lazily loaded part (scripts/build.mjs), so
// an error class can exist in several copies at once. `instanceof` therefore
// compares the kinds an error carries, not the identity of its class.
const KINDS = Symbol.for('social-readiness.error-kinds');

/** Records on `error` the kinds of its class and of every ancestor that declares one. */
export function brandError(error: Error, ctor: abstract new (...args: never[]) => unknown): void {
  const kinds: string[] = [];
  for (let c: unknown = ctor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const kind = (c as { kind?: unknown }).kind;
    if (typeof kind === 'string' && !kinds.includes(kind)) kinds.push(kind);
  }
  Object.defineProperty(error, KINDS, { value: kinds });
}

/** Whether `value` is an error branded with `kind` (by this copy of the code or another). */
export function hasErrorKind(value: unknown, kind: string): boolean {
  const kinds = value !== null && typeof value === 'object' ? (value as { [KINDS]?: unknown })[KINDS] : undefined;
  return Array.isArray(kinds) && kinds.includes(kind);
}

export class ReadinessError extends Error {
  static readonly kind: string = 'ReadinessError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorKind(value, this.kind);
  }

  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalidInput,
    /** Extra lines printed after the message (e.g. one per problem found). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'ReadinessError';
    brandError(this, new.target);
  }
}

/** Bad command-line usage: missing argument, conflicting flags, no terminal for an interview. */
export class UsageError extends ReadinessError {
  static override readonly kind: string = 'UsageError';

  constructor(message: string, details: string[] = []) {
    super(message, EXIT.usage, details);
    this.name = 'UsageError';
  }
}

/** Invalid input files: questionnaires, answers, CSV, stored results. */
export class InputError extends ReadinessError {
  static override readonly kind: string = 'InputError';

  constructor(message: string, details: string[] = []) {
    super(message, EXIT.invalidInput, details);
    this.name = 'InputError';
  }
}

export class InterruptedError extends ReadinessError {
  static override readonly kind: string = 'InterruptedError';

  constructor(message = 'Interrupted.', details: string[] = []) {
    super(message, EXIT.interrupted, details);
    this.name = 'InterruptedError';
  }
}

/** One problem in one input file, with its exact place. Line and column are 1-based. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Path inside the document, e.g. "questions[7].scale"; empty for the whole file. */
  path: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Throws an InputError listing every problem, or returns when there are none. */
export function throwIfProblems(problems: Problem[], what: string): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  const n = problems.length;
  throw new InputError(
    `${first.file} is not a valid ${what}: ${n} problem${n === 1 ? '' : 's'} found; fix ${n === 1 ? 'it' : 'them'} and try again.`,
    problems.map(formatProblem),
  );
}

/**
 * Characters that must not reach a terminal as they are: C0 controls (escape sequences, and line
 * breaks that would forge a line), DEL, the C1 controls (U+009B is a one-unit CSI), the line and
 * paragraph separators, and the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), which make a line read in another order than its characters
 * ("Trojan Source"). The marks U+200E and U+200F, which right-to-left text needs, are not among them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Whether `text` holds a character that a terminal would act on or that reorders the line (see UNSAFE). */
export function hasUnsafeText(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * `text` as a JSON string literal in which every such character is an escape (`"\u001b[2J"`,
 * `"\u202e"`): JSON.stringify escapes the C0 controls but leaves the others as they are.
 */
export function quoteInert(text: string): string {
  return escapeUnsafeJson(JSON.stringify(text));
}

/** JSON text with the characters JSON.stringify leaves raw (DEL, C1, separators, bidi controls) written as \u escapes: the same value, inert on a terminal. */
export function escapeUnsafeJson(json: string): string {
  return json.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `text` with every such character but tab and line feed written as a `\uXXXX` escape: for
 * output (stderr) whose lines are the tool's own, where a name or value has slipped in unquoted.
 */
export function inertText(text: string): string {
  return UNSAFE.test(text) ? text.replace(ACTIVE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** The UNSAFE characters but tab and line feed. */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const ACTIVE_ALL = new RegExp(ACTIVE.source, 'g');

/** Whether `text` holds a character a terminal acts on or that reorders a line, other than tab and line feed. */
export function hasActiveText(text: string): boolean {
  return ACTIVE.test(text);
}

/**
 * A name from the file system (or typed by the user) as a message shows it: as it is, or, when
 * it holds such a character (`questionnaires/<ESC>[2Jx.yaml`, a line break), quoted as JSON with
 * those characters escaped, so that it cannot clear the screen, forge a line or reorder one.
 */
export function inertName(name: string): string {
  return UNSAFE.test(name) ? quoteInert(name) : name;
}
