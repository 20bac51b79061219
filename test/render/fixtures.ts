// Loads the hand-made Result fixtures in test/fixtures/results, validated by the zod schema.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Result } from '../../src/model/result.js';
import { upgradeResult } from '../../src/load/result.js';

export const RESULTS_DIR = fileURLToPath(new URL('../fixtures/results/', import.meta.url));

export function fixtureNames(): string[] {
  return readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** The fixtures are results of schema 1, upgraded as `readiness report` upgrades them: their reports must not change. */
export function loadFixture(name: string): Result {
  return Result.parse(upgradeResult(JSON.parse(readFileSync(`${RESULTS_DIR}${name}.json`, 'utf8')), `${name}.json`));
}
