#!/usr/bin/env node
// Tiny launcher: all logic lives in the bundled CLI so start-up loads one file.
import('../dist/cli.js');
