#!/usr/bin/env node
// Tiny launcher: all logic lives in the bundled CLI (dist/), built by `npm run build`.
// CommonJS on purpose: an ES module entry would load Node's ES module loader
// on every start (about 8% of `readiness --version`).
// The launcher reports the other files of a damaged install; itself missing or damaged is said here,
// in one sentence rather than a Node stack: missing, not a regular file, failing before it has loaded
// whole (it marks that), or not the launcher (empty, another file).
const fs = require('node:fs');
const main = require('node:path').join(__dirname, '..', 'dist', 'cli', 'main.cjs');
const LOADED = Symbol.for('social-readiness.launcher');
let damage;
let stat;
try {
  stat = fs.statSync(main);
} catch (error) {
  damage = error.code === 'ENOENT' ? { why: 'is missing', error } : { why: `cannot be read (${error.code || error.message})`, error };
}
if (!damage && !stat.isFile()) damage = { why: 'is damaged (it is not a regular file)' };
if (!damage) {
  try {
    const launcher = require(main);
    if (!launcher || launcher.LAUNCHER !== 'social-readiness') damage = { why: 'is damaged (it does not hold the launcher)' };
  } catch (error) {
    if (globalThis[LOADED] === true) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    damage = { why: error && typeof error.code === 'string' && error.code !== 'MODULE_NOT_FOUND' ? `cannot be read (${error.code})` : `is damaged (${message.slice(0, 200)})`, error };
  }
}
if (damage) {
  process.stderr.write(`readiness: the installed file ${main} ${damage.why}; reinstall readiness and run again.\n`);
  if (damage.error instanceof Error && (process.env.DEBUG || '').split(',').includes('readiness')) process.stderr.write(`${damage.error.stack}\n`);
  process.exitCode = 1;
}
