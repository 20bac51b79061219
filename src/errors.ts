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
