#!/usr/bin/env node
// Tiny launcher: all logic lives in the bundled CLI (dist/), built by `npm run build`.
import("../dist/cli/main.js");
