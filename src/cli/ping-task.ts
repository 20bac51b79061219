// A task for the tests of worker threads (src/cli/worker-task.ts): it echoes what it is sent.
import type { TaskEnd, TaskPort } from './worker-task.js';
import { startTask, workerCompileOutcomes } from './worker-task.js';

/**
 * Posts `data` back at once; with `{ throw: text }` throws an Error with that text instead, with
 * `{ throwLater: text }` posts and returns but throws it from a timer (an error outside the task's run);
 * with `{ listen: true }` then posts back each value the parent sends, until it sends null; with
 * `{ relay: value }` pings `value` in a worker of its own, started by the built bundle's startTask
 * as a command would (its launcher and compile cache entries found by default), posting back each
 * message as `{ relayed: message }`.
 * Returns the compile outcomes of the worker's bundles (["readiness:hit"], for the cache's tests),
 * and the relayed worker's end.
 */
export async function run(data: unknown, port: TaskPort): Promise<{ compiled: string[] | undefined; relayed?: TaskEnd }> {
  const asked = (data ?? {}) as { throw?: unknown; throwLater?: unknown; listen?: unknown; relay?: unknown };
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
  if (asked.relay !== undefined) {
    const relayed = await startTask('ping', asked.relay, { onMessage: (value) => port.post({ relayed: value }) }).done;
    return { compiled: workerCompileOutcomes(), relayed };
  }
  return { compiled: workerCompileOutcomes() };
}
