// A task for the tests of worker threads (src/cli/worker-task.ts): it echoes what it is sent.
import type { TaskPort } from './worker-task.js';
import { workerCompileOutcomes } from './worker-task.js';

/**
 * Posts `data` back at once; with `{ throw: text }` throws an Error with that text instead, with
 * `{ throwLater: text }` posts and returns but throws it from a timer (an error outside the task's run);
 * with `{ listen: true }` then posts back each value the parent sends, until it sends null.
 * Returns the compile outcomes of the worker's bundles (["readiness:hit"], for the cache's tests).
 */
export async function run(data: unknown, port: TaskPort): Promise<{ compiled: string[] | undefined }> {
  const asked = (data ?? {}) as { throw?: unknown; throwLater?: unknown; listen?: unknown };
  if (typeof asked.throw === 'string') throw new Error(asked.throw);
  port.post(data);
  const later = asked.throwLater;
  if (typeof later === 'string')
    setTimeout(() => {
      throw new Error(later);
    }, 1);
  if (asked.listen === true) {
    await new Promise<void>((resolve) =>
      port.onMessage((value) => {
        if (value === null) resolve();
        else port.post(value);
      }),
    );
  }
  return { compiled: workerCompileOutcomes() };
}
