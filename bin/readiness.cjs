#!/usr/bin/env node
// Tiny launcher: all logic lives in the bundled CLI (dist/), built by `npm run build`.
// CommonJS on purpose: an ES module entry would load Node's ES module loader
// on every start (about 8% of `readiness --version`).
// The launcher reports the other files of a damaged install; itself missing or damaged is said here,
// in one sentence rather than a Node stack: missing, not JavaScript, or not the launcher (empty, another file).
const main = require('node:path').join(__dirname, '..', 'dist', 'cli', 'main.cjs');
let damage;
try {
  const launcher = require(main);
  if (!launcher || launcher.LAUNCHER !== 'social-readiness') damage = { why: 'is damaged (it does not hold the launcher)' };
} catch (error) {
  const firstLines = String(error && error.stack).split('\n', 3).join('\n');
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(main)) damage = { why: 'is missing', error };
  else if ((error instanceof SyntaxError || error instanceof ReferenceError) && firstLines.includes(main)) damage = { why: `is damaged (${error.message})`, error };
  else throw error;
}
if (damage) {
  process.stderr.write(`readiness: the installed file ${main} ${damage.why}; reinstall readiness and run again.\n`);
  if (damage.error && (process.env.DEBUG || '').split(',').includes('readiness')) process.stderr.write(`${damage.error.stack}\n`);
  process.exitCode = 1;
}
