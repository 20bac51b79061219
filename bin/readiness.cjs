#!/usr/bin/env node
// Tiny launcher: all logic lives in the bundled CLI (dist/), built by `npm run build`.
// CommonJS on purpose: an ES module entry would load Node's ES module loader
// on every start (about 8% of `readiness --version`).
require('../dist/cli/main.cjs');
