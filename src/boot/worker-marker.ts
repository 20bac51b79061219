// What the launcher (launch.ts) and the bundle (src/cli/main.ts, src/cli/worker-task.ts) agree on
// for worker threads: inlined into each at build time, so the launcher still loads none of the bundle.

/**
 * The first argument of a worker thread started by startTask (src/cli/worker-task.ts); its second
 * is the command whose compile cache entries the worker reads. It means "run a task" only off the
 * main thread: on the main thread it is an unknown option like any other.
 */
export const WORKER_MARKER = '--readiness-worker-task';

/** Where the launcher keeps the command whose compile cache entries it used ("assess", "other"), for startTask's default. */
export const LAUNCH_COMMAND = Symbol.for('social-readiness.launch-command');

/** Where the launcher of a worker keeps the compile outcomes of its bundles ("readiness:hit", ...), for tests and measurements. */
export const WORKER_COMPILE_OUTCOMES = Symbol.for('social-readiness.worker-compile-outcomes');

/**
 * Whether this thread is a worker: node:worker_threads is loaded only here (about 5 ms of a
 * start), so callers ask only after seeing WORKER_MARKER.
 */
export function inWorkerThread(): boolean {
  return !(process.getBuiltinModule('node:worker_threads') as typeof import('node:worker_threads')).isMainThread;
}
