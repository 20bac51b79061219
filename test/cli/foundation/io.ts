// The foundation command tests' Io: the shared fake, with an environment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIo as sharedFakeIo, type FakeIo } from '../../helpers/io.js';

export type { FakeIo };

export function fakeIo(cwd: string, env: NodeJS.ProcessEnv = {}): FakeIo {
  return sharedFakeIo(cwd, { env });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'readiness-cli-'));
}
