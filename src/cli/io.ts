// The edges a command touches, passed in so that commands can be run from
// tests (and a programmatic mode) without touching the real process.
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdin is an interactive terminal. */
  stdinIsTTY: boolean;
  /** stdout is an interactive terminal (colour, bars, width). */
  stdoutIsTTY: boolean;
  /** Terminal width in columns (80 when unknown). */
  columns: number;
  /** Today as YYYY-MM-DD: the only clock the core ever sees. */
  today: () => string;
}

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    // getters: touching process.stdin creates a stream (and loads net/tty),
    // which only the interview needs
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    get stdoutIsTTY() {
      return Boolean(process.stdout.isTTY);
    },
    get columns() {
      return process.stdout.columns || 80;
    },
    today: () => new Date().toISOString().slice(0, 10),
  };
}

/** Colour only on a terminal, never with NO_COLOR or --no-color. */
export function wantsColor(io: Io, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}
