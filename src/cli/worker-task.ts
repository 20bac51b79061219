// Tasks in worker threads: the parent starts one with startTask, the worker runs the launcher
// (dist/cli/main.cjs) with WORKER_MARKER, which loads this same bundle through the compile cache
// (src/boot/launch.ts, startWorker) and calls runInWorker instead of the CLI program. Imported
// lazily, on both sides: node:worker_threads costs a start about 5 ms.
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData, type Transferable } from 'node:worker_threads';
import { LAUNCH_COMMAND, WORKER_COMPILE_OUTCOMES, WORKER_MARKER } from '../boot/worker-marker.js';

/** What a task module exports. */
export interface TaskModule {
  /**
   * Runs the task in the worker on `data` (startTask's data, a structured clone). What it
   * returns (awaited) reaches the parent as TaskEnd.value; what it throws (or rejects with), as
   * TaskEnd.error. It must not write to stdout or stderr, exit the process or set its exit code.
   */
  run(data: unknown, port: TaskPort): unknown;
}

/** The task's side of the channel to its parent. */
export interface TaskPort {
  /** Sends `value` (structured clone; `transfer` moves ArrayBuffers and ports) to the parent's onMessage. */
  post(value: unknown, transfer?: readonly Transferable[]): void;
  /**
   * Calls `listener` with each value the parent sends (TaskWorker.post), in order, until the
   * task's run settles. Only a task that asks keeps the worker listening.
   */
  onMessage(listener: (value: unknown) => void): void;
}

/**
 * The tasks a worker can run, loaded by name when a worker runs one. To add one: a module in
 * src/ exporting `run` (TaskModule), and its line here, e.g.
 * `'survey-segments': () => import('../load/survey-worker.js'),`
 */
export const TASKS = {
  ping: () => import('./ping-task.js'),
  // 'survey-segments': () => import('../load/survey-worker.js'),
} satisfies Record<string, () => Promise<TaskModule>>;

export type TaskName = keyof typeof TASKS;

/** An error of a task, as the parent receives it (a structured clone of its fields, not the Error). */
export interface TaskError {
  /** The error's name ("Error", "InputError", ...). */
  name: string;
  /** Its message, as it would be printed after "readiness: ". */
  message: string;
  /** The error kinds it carries (src/errors.ts: ["InputError", "ReadinessError"]), empty for others. */
  kinds: string[];
  /** A ReadinessError's exit code and detail lines. */
  exitCode?: number;
  details?: string[];
  /** For DEBUG=readiness: the stack in the worker (bundle positions, as src/cli/stack-map.ts reads them). */
  stack?: string;
}

/** How a task's worker ended. */
export interface TaskEnd {
  /** The worker's exit code: 0 when the task returned or threw, 1 after an uncaught error in the worker, 1 when terminated. */
  code: number;
  /** What the task returned, when it returned. */
  value?: unknown;
  /** What the task threw, or what stopped the worker (a damaged install, an error thrown outside `run`). */
  error?: TaskError;
  /** Ended by TaskWorker.terminate before the task settled. */
  terminated: boolean;
}

export interface TaskOptions {
  /** Each value the task posts, in order, on the parent's event loop. */
  onMessage?: (value: unknown) => void;
  /** The task's error, once, before onExit; also in TaskEnd.error. */
  onError?: (error: TaskError) => void;
  /** The worker ended (after every message it posted); also TaskWorker.done. */
  onExit?: (end: TaskEnd) => void;
  /** ArrayBuffers (and ports) in `data` to move to the worker instead of copying. */
  transfer?: readonly Transferable[];
  /**
   * The command whose compile cache entries the worker reads ("assess"): by default the one this
   * process's launcher used, so the worker compiles from the code cache this run's command made.
   */
  command?: string;
  /** The launcher file to run; by default dist/cli/main.cjs beside this bundle (for tests of the built launcher from the sources). */
  launcher?: string;
}

/** Messages from the worker: posts, then the end of the task. */
type Envelope = { kind: 'post'; value: unknown } | { kind: 'done'; value: unknown } | { kind: 'error'; error: TaskError };

/** A task running in a worker thread. */
export class TaskWorker {
  /** The thread (for ref/unref, resourceLimits, ...). */
  readonly worker: Worker;
  /** How it ended; settles after onExit, never rejects. */
  readonly done: Promise<TaskEnd>;
  #value: unknown;
  #returned = false;
  #error: TaskError | undefined;
  #terminating = false;

  constructor(task: TaskName, data: unknown, options: TaskOptions = {}) {
    const launcher = options.launcher ?? launcherBeside(import.meta.url);
    const command = options.command ?? (globalThis as { [LAUNCH_COMMAND]?: string })[LAUNCH_COMMAND] ?? 'other';
    const fail = (error: TaskError) => {
      if (this.#error !== undefined) return;
      this.#error = error;
      options.onError?.(error);
    };
    this.worker = new Worker(launcher, { argv: [WORKER_MARKER, command], workerData: { task, data }, transferList: options.transfer as Transferable[] | undefined });
    this.worker.on('message', (message: Envelope) => {
      if (message.kind === 'post') options.onMessage?.(message.value);
      else if (message.kind === 'done') {
        this.#returned = true;
        this.#value = message.value;
      } else fail(message.error);
    });
    // an uncaught error in the worker (or one it could not start with) is reported here, never printed
    this.worker.on('error', (error) => fail(describeError(error)));
    this.worker.on('messageerror', (error) => fail(describeError(error)));
    this.done = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        const end: TaskEnd = { code, terminated: this.#terminating && !this.#returned && this.#error === undefined };
        if (this.#returned) end.value = this.#value;
        if (this.#error !== undefined) end.error = this.#error;
        options.onExit?.(end);
        resolve(end);
      });
    });
  }

  /** Sends `value` to the task's onMessage listeners (ignored when the task does not listen, or has ended). */
  post(value: unknown, transfer?: readonly Transferable[]): void {
    this.worker.postMessage(value, transfer as Transferable[] | undefined);
  }

  /** Stops the worker at once (its JavaScript is interrupted where it is); resolves when it has ended. */
  async terminate(): Promise<TaskEnd> {
    this.#terminating = true;
    await this.worker.terminate();
    return this.done;
  }
}

/**
 * Starts `task` in a worker thread on `data` (structured-cloned; options.transfer moves
 * buffers). Messages, an error and the end reach the options' callbacks and the returned
 * TaskWorker's `done`; nothing is printed. A running worker keeps the process alive: end it
 * with terminate() when the parent stops early.
 */
export function startTask(task: TaskName, data: unknown, options?: TaskOptions): TaskWorker {
  return new TaskWorker(task, data, options);
}

/** dist/cli/main.cjs for the bundle at `bundleUrl` (dist/readiness.cjs): the launcher that started this process. */
export function launcherBeside(bundleUrl: string): string {
  return fileURLToPath(new URL('cli/main.cjs', bundleUrl));
}

/**
 * The worker's side (called by src/cli/main.ts when the launcher ran it with WORKER_MARKER in a
 * worker thread): runs the task named in workerData and posts its end. Never throws, never
 * exits the process, writes nothing; the worker ends when the task leaves nothing running.
 */
export async function runInWorker(): Promise<void> {
  const port = parentPort!;
  let listener: ((value: unknown) => void) | undefined;
  try {
    const { task, data } = workerData as { task: string; data: unknown };
    const load = Object.hasOwn(TASKS, task) ? TASKS[task as TaskName] : undefined;
    if (load === undefined) throw new Error(`no task is named ${JSON.stringify(task)}`);
    const module: TaskModule = await load();
    const listeners: ((value: unknown) => void)[] = [];
    const taskPort: TaskPort = {
      post: (value, transfer) => port.postMessage({ kind: 'post', value } satisfies Envelope, transfer as Transferable[] | undefined),
      onMessage: (l) => {
        listeners.push(l);
        if (listener === undefined) {
          listener = (value) => {
            for (const each of listeners) each(value);
          };
          port.on('message', listener);
        }
      },
    };
    const value = await module.run(data, taskPort);
    port.postMessage({ kind: 'done', value } satisfies Envelope);
  } catch (error) {
    // a value that cannot be cloned fails its post: that too is the task's error
    port.postMessage({ kind: 'error', error: describeError(error) } satisfies Envelope);
  } finally {
    // the port no longer keeps the worker alive
    if (listener !== undefined) port.off('message', listener);
  }
}

/** The compile outcomes of this worker's bundles ("readiness:hit"), or undefined outside a worker the launcher started. */
export function workerCompileOutcomes(): string[] | undefined {
  const outcomes = (globalThis as { [WORKER_COMPILE_OUTCOMES]?: string[] })[WORKER_COMPILE_OUTCOMES];
  return outcomes === undefined ? undefined : [...outcomes];
}

// the same key as KINDS in src/errors.ts (an error's kinds survive being copied between bundles and threads)
const ERROR_KINDS = Symbol.for('social-readiness.error-kinds');

/** A thrown value as a TaskError (plain fields: an Error's class and symbols do not cross threads). */
function describeError(error: unknown): TaskError {
  const e = (error !== null && typeof error === 'object' ? error : {}) as { name?: unknown; message?: unknown; stack?: unknown; exitCode?: unknown; details?: unknown; [ERROR_KINDS]?: unknown };
  const kinds = Array.isArray(e[ERROR_KINDS]) ? (e[ERROR_KINDS] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  const described: TaskError = {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    kinds,
  };
  if (typeof e.exitCode === 'number') described.exitCode = e.exitCode;
  if (Array.isArray(e.details)) described.details = e.details.map(String);
  if (typeof e.stack === 'string') described.stack = e.stack;
  return described;
}

/**
 * A TaskError as an Error to throw in the parent: it carries the task error's kinds, so that
 * src/cli/main.ts reports a ReadinessError thrown in a worker as it would one thrown here
 * (its message, details and exit code); any other error as an unexpected one.
 */
export function taskErrorToError(error: TaskError): Error {
  const e = new Error(error.message) as Error & { exitCode?: number; details?: string[] };
  e.name = error.name;
  if (error.exitCode !== undefined) e.exitCode = error.exitCode;
  e.details = error.details ?? [];
  Object.defineProperty(e, ERROR_KINDS, { value: error.kinds });
  if (error.stack !== undefined) e.stack = `${e.stack}\nIn the worker: ${error.stack}`;
  return e;
}
