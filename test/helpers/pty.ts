// A program running in a pseudo-terminal that a test types into (python3's
// pty module, test/fixtures/interview/pty-run.py), with the pid of the
// program itself so that signals can be sent to it at chosen moments.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './binary.js';

const BIN = join(ROOT, 'bin/readiness.cjs');
const DRIVER = join(ROOT, 'test/fixtures/interview/pty-run.py');
const WAIT_MS = 30_000;

export const KEY = { enter: '\r', down: '\u001b[B', space: ' ', ctrlC: '\u0003' };

/** Terminal output as text: colour and cursor codes removed. */
export function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}

export class Terminal {
  private output = '';
  private cursor = 0;
  private waiters: (() => void)[] = [];
  readonly child: ChildProcessWithoutNullStreams;
  /** The exit code the driver reports (128 + n when the program was killed by signal n). */
  readonly exited: Promise<number>;

  constructor(args: string[], cwd: string, columns = 100) {
    this.child = spawn('python3', [DRIVER, String(columns), '40', process.execPath, BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' } });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const wake of this.waiters.splice(0)) wake();
    };
    this.child.stdout.on('data', take);
    this.child.stderr.on('data', take);
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code) => {
        for (const wake of this.waiters.splice(0)) wake();
        resolve(code ?? -1);
      }),
    );
  }

  get screen(): string {
    return plain(this.output);
  }

  async waitFor(text: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const at = this.screen.indexOf(text, this.cursor);
      if (at !== -1) {
        this.cursor = at + text.length;
        return;
      }
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`"${text}" never appeared on the terminal. Transcript:\n${this.screen}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  async answer(prompt: string, keys: string): Promise<void> {
    await this.waitFor(prompt);
    this.type(keys);
  }

  async pick(prompt: string, n: number, label: string): Promise<void> {
    await this.answer(prompt, String(n));
    await this.waitFor(`❯ ${n}. ${label}`);
    this.type(KEY.enter);
  }

  /** Answers the note prompt that follows a question (Enter alone: no note). */
  async note(text = ''): Promise<void> {
    await this.answer('Note (', `${text}${KEY.enter}`);
  }

  /** Sends `signal` to the program itself (the driver's child), not to the driver. */
  kill(signal: NodeJS.Signals): void {
    const pid = Number(execFileSync('pgrep', ['-P', String(this.child.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
    process.kill(pid, signal);
  }
}
