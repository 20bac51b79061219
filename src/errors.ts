// Errors that carry their exit code. Handlers throw; only src/cli/main.ts exits.

export const EXIT = { ok: 0, invalidInput: 1, usage: 2, interrupted: 130 } as const;

export class ReadinessError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalidInput,
    /** Extra lines printed after the message (e.g. one per problem found). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'ReadinessError';
  }
}

/** Bad command-line usage: missing argument, conflicting flags, no terminal for an interview. */
export class UsageError extends ReadinessError {
  constructor(message: string, details: string[] = []) {
    super(message, EXIT.usage, details);
    this.name = 'UsageError';
  }
}

/** Invalid input files: questionnaires, answers, CSV, stored results. */
export class InputError extends ReadinessError {
  constructor(message: string, details: string[] = []) {
    super(message, EXIT.invalidInput, details);
    this.name = 'InputError';
  }
}

export class InterruptedError extends ReadinessError {
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
