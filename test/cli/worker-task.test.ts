// Tasks in worker threads (src/cli/worker-task.ts). The worker side is the BUILT one: each worker
// runs dist/cli/main.cjs, which loads dist/readiness.cjs through the compile cache and runs the
// task. The parent side (startTask, about 60 lines that only wire a Worker's events) runs from
// the sources, pointed at the built launcher: the bundle cannot be required for its exports
// (it runs the CLI), and no command starts a worker yet. The built startTask is run too: the
// ping task's `relay` starts a worker of its own from inside the bundle, with every default.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReadinessError } from '../../src/errors.js';
import { launcherBeside, startTask, taskErrorToError, type TaskEnd, type TaskError } from '../../src/cli/worker-task.js';
import { readiness, requireBuild, ROOT } from '../helpers/binary.js';
import { WORKER_MARKER } from '../../src/boot/worker-marker.js';

const launcher = join(ROOT, 'dist/cli/main.cjs');

describe('a task in a worker thread (built launcher and bundle)', () => {
  beforeAll(() => requireBuild());

  it('round-trips data: the ping task posts what it was given, then ends with its value and exit code 0', async () => {
    const data = { text: 'Zürich ✓', numbers: [1, 2.5, -0], nested: { when: new Date(0), bytes: new Uint8Array([1, 2, 3]) }, none: null };
    const messages: unknown[] = [];
    const errors: TaskError[] = [];
    let exited: TaskEnd | undefined;
    const task = startTask('ping', data, { launcher, onMessage: (m) => messages.push(m), onError: (e) => errors.push(e), onExit: (e) => (exited = e) });
    const end = await task.done;
    expect(messages).toEqual([data]);
    expect(errors).toEqual([]);
    expect(end).toEqual({ code: 0, terminated: false, value: { compiled: expect.any(Array) } });
    expect(exited).toBe(end);
  });

  it("starts a worker from the built bundle's own startTask, with the launcher beside the bundle", async () => {
    const messages: unknown[] = [];
    const end = await startTask('ping', { relay: { deep: [1, 'two'] } }, { launcher, onMessage: (m) => messages.push(m) }).done;
    expect(messages).toEqual([{ relay: { deep: [1, 'two'] } }, { relayed: { deep: [1, 'two'] } }]);
    expect(end.error).toBeUndefined();
    expect(end.value).toMatchObject({ relayed: { code: 0, terminated: false, value: { compiled: expect.any(Array) } } });
  });

  it('moves transferred buffers, and answers what the parent posts while the task listens', async () => {
    const buffer = new Float64Array([0.5, 1.5]).buffer;
    const seen: unknown[] = [];
    const task = startTask(
      'ping',
      { listen: true, buffer },
      {
        launcher,
        transfer: [buffer],
        onMessage: (m) => {
          seen.push(m);
          if (seen.length === 1) task.post('second');
          else task.post(null);
        },
      },
    );
    // moved, not copied
    expect(buffer.byteLength).toBe(0);
    const end = await task.done;
    expect(end.code).toBe(0);
    expect(end.error).toBeUndefined();
    expect(new Float64Array((seen[0] as { buffer: ArrayBuffer }).buffer)).toEqual(new Float64Array([0.5, 1.5]));
    expect(seen[1]).toBe('second');
  });

  it('gives an error thrown in the task to the parent as a message with its text (nothing printed, no crash)', async () => {
    const errors: TaskError[] = [];
    const messages: unknown[] = [];
    const task = startTask('ping', { throw: 'the segment could not be read' }, { launcher, onError: (e) => errors.push(e), onMessage: (m) => messages.push(m) });
    const end = await task.done;
    expect(messages).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'Error', message: 'the segment could not be read', kinds: [] });
    expect(end).toMatchObject({ code: 0, terminated: false, error: errors[0] });
    expect(end.value).toBeUndefined();
  });

  it('prints nothing and leaves the exit code alone when a task throws, in its run or outside it (a parent process of its own)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-worker-parent-'));
    try {
      const script = join(dir, 'parent.mts');
      writeFileSync(
        script,
        [
          `import { startTask } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/cli/worker-task.ts')).href)};`,
          `const launcher = ${JSON.stringify(launcher)};`,
          `for (const data of [{ throw: 'thrown in run' }, { throwLater: 'thrown from a timer' }]) {`,
          `  const errors = [];`,
          `  const end = await startTask('ping', data, { launcher, onError: (e) => errors.push(e.message) }).done;`,
          `  process.stdout.write(JSON.stringify({ errors, code: end.code, error: end.error?.message }) + '\\n');`,
          `}`,
        ].join('\n'),
      );
      // the parent runs the sources through tsx (its workers inherit the loader: slower, the same otherwise)
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DEBUG: '', NO_COLOR: '1' }, timeout: 60000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
        { errors: ['thrown in run'], code: 0, error: 'thrown in run' },
        // an uncaught error ends the worker with 1; the parent gets its text, no stack on the terminal
        { errors: ['thrown from a timer'], code: 1, error: 'thrown from a timer' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a task name it does not know as the task error', async () => {
    const end = await startTask('no-such-task' as 'ping', 1, { launcher }).done;
    expect(end.error?.message).toBe('no task is named "no-such-task"');
  });

  it('reports a launcher that cannot be started as the error, with exit code 1', async () => {
    const end = await startTask('ping', 1, { launcher: join(ROOT, 'dist/cli/no-such-file.cjs') }).done;
    expect(end.code).toBe(1);
    expect(end.error?.message).toContain('no-such-file.cjs');
  });

  it("reports a damaged bundle in the launcher's sentence, as the worker's error", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-worker-damaged-'));
    try {
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
      // another bundle in the program's place
      writeFileSync(join(dir, 'dist/readiness.cjs'), readFileSync(join(ROOT, 'dist/vendor/slugs.cjs')));
      const end = await startTask('ping', 1, { launcher: join(dir, 'dist/cli/main.cjs') }).done;
      expect(end.code).toBe(1);
      expect(end.error?.message).toBe(`the installed file ${join(dir, 'dist/readiness.cjs')} is damaged (it does not hold the program); reinstall readiness and run again.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('terminates a running task at once', async () => {
    let task: ReturnType<typeof startTask> | undefined;
    const first = new Promise<void>((resolve) => {
      task = startTask('ping', { listen: true }, { launcher, onMessage: () => resolve() });
    });
    await first;
    const end = await task!.terminate();
    expect(end).toEqual({ code: 1, terminated: true });
    // again: nothing left to stop
    await expect(task!.terminate()).resolves.toBe(end);
  });
});

describe('the launcher beside the bundle', () => {
  it('is dist/cli/main.cjs for dist/readiness.cjs', () => {
    expect(launcherBeside(pathToFileURL(join(ROOT, 'dist/readiness.cjs')).href)).toBe(launcher);
    expect(fileURLToPath(pathToFileURL(launcherBeside('file:///opt/readiness/dist/readiness.cjs')))).toBe('/opt/readiness/dist/cli/main.cjs');
  });
});

describe("a task's error in the parent", () => {
  it('keeps the kinds, exit code and details of a ReadinessError, so main.ts reports it as one', () => {
    const e = taskErrorToError({ name: 'InputError', message: 'x.csv is not valid.', kinds: ['InputError', 'ReadinessError'], exitCode: 1, details: ['x.csv:2:1 bad'] });
    expect(e instanceof ReadinessError).toBe(true);
    expect(e).toMatchObject({ message: 'x.csv is not valid.', exitCode: 1, details: ['x.csv:2:1 bad'], name: 'InputError' });
    expect(taskErrorToError({ name: 'TypeError', message: 'oops', kinds: [] }) instanceof ReadinessError).toBe(false);
  });
});

describe('the worker marker on the main thread', () => {
  beforeAll(() => requireBuild());

  it('is an unknown option, exactly as any other', () => {
    for (const args of [[WORKER_MARKER], [WORKER_MARKER, 'assess'], ['list', WORKER_MARKER]]) {
      const marked = readiness(ROOT, args);
      const other = readiness(ROOT, args.map((a) => (a === WORKER_MARKER ? '--readiness-other-option' : a)));
      expect(marked.code).toBe(2);
      expect(marked.stdout).toBe('');
      expect(marked.stderr).toBe(other.stderr.replace('--readiness-other-option', WORKER_MARKER));
      expect(marked.stderr).toContain(`error: unknown option '${WORKER_MARKER}'`);
    }
  });
});
