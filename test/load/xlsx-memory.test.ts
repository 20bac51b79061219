// The .xlsx reader's memory guard: a full collection past a fixed size, with V8's flags
// left as they were (the compile cache's entries are only valid under the same flags).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { collectPastBuffers, collectPastOldSpace } from '../../src/load/xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'readiness-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const xlsxModule = fileURLToPath(new URL('../../src/load/xlsx.ts', import.meta.url));
const SOURCE = 'function twice(x) { return x * 2; } twice(21);';

describe('the .xlsx memory guard', () => {
  it('leaves the flags that code cache is checked against as a plain start has them', () => {
    // code cache made after the guard took its collector, then read by a plain `node`:
    // V8 rejects it when the flags differ (a cache of the bundle made so would miss every time)
    const data = join(dir, 'cache.bin');
    const make = `import { writeFileSync } from 'node:fs'; import { Script } from 'node:vm';
      const { collectPastBuffers } = await import(${JSON.stringify(xlsxModule)});
      if (!collectPastBuffers(0)) throw new Error('no collector');
      const s = new Script(${JSON.stringify(SOURCE)}, { filename: 'probe.js' }); s.runInThisContext();
      writeFileSync(${JSON.stringify(data)}, s.createCachedData());`;
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', make]);
    const read = `const { Script } = require('node:vm');
      const s = new Script(${JSON.stringify(SOURCE)}, { filename: 'probe.js', cachedData: require('node:fs').readFileSync(${JSON.stringify(data)}) });
      process.stdout.write(String(s.cachedDataRejected));`;
    expect(execFileSync(process.execPath, ['-e', read], { encoding: 'utf8' })).toBe('false');
  });

  it('collects only past its limit', () => {
    expect(collectPastBuffers(Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(collectPastOldSpace(Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(collectPastBuffers(0)).toBe(true);
    expect(collectPastOldSpace(0)).toBe(true);
  });
});
