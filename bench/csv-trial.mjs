#!/usr/bin/env node
// A one-off measurement that chose the CSV parser for `assess --responses`:
// papaparse streaming vs csv-parse streaming vs plain readline (the floor),
// on a generated 100,000-row survey export. Each run is a fresh child process
// so that peak RSS belongs to one parser only; runs are interleaved so that
// machine noise spreads evenly over the candidates.
//
// Usage: node bench/csv-trial.mjs [--rows N] [--runs N]
// csv-parse is not a dependency of this project: run the script from a scratch
// folder where it is installed (modules are resolved from the current folder
// first, then from this repository), e.g.
//   mkdir /tmp/csvtrial && cd /tmp/csvtrial && npm init -y && npm i csv-parse papaparse
//   node /work/main/bench/csv-trial.mjs
// A candidate whose module cannot be found is reported as skipped.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

function requireFrom(name) {
  for (const base of [join(process.cwd(), 'noop.js'), self]) {
    try {
      return createRequire(base)(name);
    } catch {
      // try the next place
    }
  }
  return undefined;
}

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const AGREE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
const ROLES = ['Leadership', 'Manager', 'Staff'];
const CHANNELS = ['Email', 'Chat, instant messaging', 'Intranet', 'Team meetings'];

/** A Google-Forms-shaped export: timestamp, role, 12 Likert items, a multi-choice cell with quoted commas, a free-text cell. */
function generate(file, rows) {
  const header = ['Timestamp', 'Role', ...Array.from({ length: 12 }, (_, i) => `Question ${i + 1}: how far do you agree?`), 'Channels used', 'Comments'];
  const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [header.map(quote).join(',')];
  let seed = 42;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed >>> 16) % n; // the low bits of this generator cycle quickly
  };
  for (let r = 0; r < rows; r++) {
    const cells = [`2026/11/${String(1 + rnd(28)).padStart(2, '0')} 10:${String(rnd(60)).padStart(2, '0')}:00`, ROLES[rnd(3)]];
    for (let q = 0; q < 12; q++) cells.push(AGREE[rnd(5)]);
    cells.push([CHANNELS[rnd(4)], CHANNELS[rnd(4)]].join(', '));
    cells.push(rnd(4) === 0 ? 'We share a lot, "mostly" in meetings,\nrarely online' : '');
    lines.push(cells.map(quote).join(','));
  }
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

// --- one candidate, in a child process -------------------------------------

async function papaparseStep(file) {
  const Papa = requireFrom('papaparse');
  if (!Papa) return undefined;
  let rows = 0;
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file, 'utf8'), {
      step: () => void rows++,
      complete: resolve,
      error: reject,
    });
  });
  return rows - 1;
}

async function papaparseChunk(file) {
  const Papa = requireFrom('papaparse');
  if (!Papa) return undefined;
  let rows = 0;
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file, 'utf8'), {
      chunk: (res) => void (rows += res.data.length),
      complete: resolve,
      error: reject,
    });
  });
  return rows - 1;
}

async function csvParse(file) {
  const mod = requireFrom('csv-parse');
  if (!mod) return undefined;
  let rows = 0;
  const parser = createReadStream(file).pipe(mod.parse({ bom: true, relax_column_count: true }));
  for await (const _record of parser) rows++;
  return rows - 1;
}

async function readlineLines(file) {
  // The floor: reading the same bytes line by line, no CSV at all.
  let lines = 0;
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const _line of rl) lines++;
  return lines - 1;
}

const CANDIDATES = {
  'papaparse (step)': papaparseStep,
  'papaparse (chunk)': papaparseChunk,
  'csv-parse': csvParse,
  'readline (lines only)': readlineLines,
};

if (process.argv[2] === '--child') {
  const [, , , name, file] = process.argv;
  const start = process.hrtime.bigint();
  const rows = await CANDIDATES[name](file);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

// --- the trial ---------------------------------------------------------------

const rows = arg('--rows', 100_000);
const runs = arg('--runs', 5);
const dir = mkdtempSync(join(tmpdir(), 'csv-trial-'));
const file = join(dir, 'export.csv');
try {
  generate(file, rows);
  const samples = Object.fromEntries(Object.keys(CANDIDATES).map((k) => [k, []]));
  const skipped = new Set();
  for (let run = 0; run < runs; run++) {
    for (const name of Object.keys(CANDIDATES)) {
      if (skipped.has(name)) continue;
      const child = spawnSync(process.execPath, [self, '--child', name, file], { encoding: 'utf8', cwd: process.cwd() });
      if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr}`);
      const sample = JSON.parse(child.stdout);
      if (sample.rows === undefined || sample.rows === null) {
        skipped.add(name);
        continue;
      }
      samples[name].push(sample);
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const floor = median(samples['readline (lines only)'].map((s) => s.ms));
  console.log(`${rows.toLocaleString('en')} rows, ${runs} interleaved runs each, Node ${process.version}\n`);
  console.log('| parser | median ms | × readline | peak RSS MB (max) | data rows seen |');
  console.log('|---|---:|---:|---:|---:|');
  for (const name of Object.keys(CANDIDATES)) {
    if (skipped.has(name)) {
      console.log(`| ${name} | skipped: module not found | | | |`);
      continue;
    }
    const ms = median(samples[name].map((s) => s.ms));
    const rss = Math.max(...samples[name].map((s) => s.maxRssMb));
    console.log(`| ${name} | ${ms.toFixed(0)} | ${(ms / floor).toFixed(2)} | ${rss.toFixed(0)} | ${samples[name][0].rows} |`);
  }
  console.log('\n(readline counts physical lines, so quoted newlines make its row count higher.)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
