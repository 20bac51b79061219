// Finding the package's own folder at run time, both from src/ (tests, tsx)
// and from the bundled dist/ (where this code lives in a chunk).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'social-readiness';
let cached: string | null | undefined;

/** The folder whose package.json is named "social-readiness", walking up from this module; undefined if not found. */
export function packageRoot(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  let dir = dirname(fileURLToPath(import.meta.url));
  cached = null;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) {
          cached = dir;
          break;
        }
      } catch {
        // an unreadable package.json on the way up is not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cached ?? undefined;
}

/** <package root>/questionnaires, or undefined when the package root cannot be found. */
export function builtInDirectory(): string | undefined {
  const root = packageRoot();
  return root === undefined ? undefined : join(root, 'questionnaires');
}
