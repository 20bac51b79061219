#!/usr/bin/env node
// The performance budget, measured as ratios against `node -e 0` timed in the
// same run (the machine is shared and noisy; absolute times mean little).
// Usage: npm run bench [-- --runs N] [-- --rounds R] [-- --quick] [-- --full] [-- --only TEXT]
// Every case is measured in R rounds (default 3) of N runs (default 5), each
// run interleaved with its baseline; a round's figure is the median ratio of
// its runs, and the table shows the median of the rounds with their range, so
// that one lucky or unlucky stretch of a shared machine cannot decide a budget.
// --quick: smaller inputs, results.md untouched. --full: also 1,000,000 rows.
// Prints a Markdown table and writes it to bench/results.md (not with --quick).
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'readiness.cjs');
const hook = join(root, 'bench', 'rss-hook.mjs');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
const runs = option('--runs', 5);
const rounds = option('--rounds', 3);
const quick = args.includes('--quick');
const full = args.includes('--full');
// --only TEXT: just the cases whose name contains TEXT (for working on one figure; results.md is not written)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] ?? '' : undefined;
const wanted = (name) => only === undefined || name.includes(only);
const work = mkdtempSync(join(tmpdir(), 'readiness-bench-'));
const rssFile = join(work, 'rss.txt');

if (!existsSync(join(root, 'dist', 'cli', 'main.cjs'))) {
  console.error('dist/cli/main.cjs is missing: run `npm run build` first.');
  process.exit(1);
}

/**
 * Runs a command once; returns wall time in ms, and with `rss` its peak RSS in
 * bytes (measured by a preloaded hook, which costs time itself: timed runs go
 * without it, so that the hook does not pad the baseline and flatter ratios).
 */
function once(argv, { cwd = work, rss: wantRss = false, env = {} } = {}) {
  writeFileSync(rssFile, '');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...(wantRss ? ['--import', hook] : []), ...argv], {
    cwd,
    // a compile cache of the bench's own (filled by the warm-up run), never the user's
    env: { ...process.env, NO_COLOR: '1', READINESS_BENCH_RSS: rssFile, XDG_CACHE_HOME: join(work, 'cache'), READINESS_NO_COMPILE_CACHE: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`\`${argv.join(' ')}\` exited ${r.status}: ${r.stderr.toString().slice(0, 400)}`);
  const rss = wantRss ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop() || 0) : 0;
  return { ms, rss };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Interleaves the case with the baseline so that both see the same machine
 * load, in `rounds` rounds of `n` runs; the rounds are spread over the whole
 * benchmark (see `plan` below), not run back to back.
 */
function measure(name, argv, baselineArgv = ['-e', '0'], { n = runs, env = {}, cwd = work } = {}) {
  if (!wanted(name)) return undefined;
  once(argv, { env, cwd }); // warm the file system cache (and the compile cache, and the memos)
  const row = { name, argv, baselineArgv, n, env, cwd, roundRatios: [], roundMs: [], roundBaseMs: [], rss: 0 };
  // the hook's --import is part of the compile cache's key: one run to fill that entry, then three measured
  once(argv, { rss: true, env, cwd });
  for (let i = 0; i < 3; i++) row.rss = Math.max(row.rss, once(argv, { rss: true, env, cwd }).rss);
  return row;
}

function runRound(row) {
  const base = [];
  const times = [];
  const ratios = [];
  for (let i = 0; i < row.n; i++) {
    const b = once(row.baselineArgv).ms;
    const t = once(row.argv, { env: row.env, cwd: row.cwd }).ms;
    base.push(b);
    times.push(t);
    ratios.push(t / b);
  }
  row.roundRatios.push(median(ratios));
  row.roundMs.push(median(times));
  row.roundBaseMs.push(median(base));
}

function finish(row) {
  row.ratio = median(row.roundRatios);
  row.low = Math.min(...row.roundRatios);
  row.high = Math.max(...row.roundRatios);
  row.ms = median(row.roundMs);
  row.baseMs = median(row.roundBaseMs);
  process.stderr.write(`  ${row.name}: ${row.ms.toFixed(1)} ms, ${row.ratio.toFixed(2)}× (rounds ${row.roundRatios.map((r) => r.toFixed(2)).join(', ')})\n`);
}

// ---------- fixtures generated at run time (no large file is committed) ----------

function quickCheck() {
  const r = spawnSync(process.execPath, [bin, 'show', 'quick-check', '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`readiness show quick-check --json failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The same survey as surveyCsv, as an .xlsx workbook written with exceljs' streaming writer (the CSV read line by line: memory stays flat at 1,000,000 rows). */
async function surveyXlsx(csvFile, rows) {
  const { default: ExcelJS } = await import('exceljs');
  const { default: Papa } = await import('papaparse');
  const file = join(work, `survey-${rows}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = wb.addWorksheet('Sheet1');
  // surveyCsv writes no line break inside a cell: a line is a row
  for await (const line of createInterface({ input: createReadStream(csvFile) })) {
    if (line !== '') sheet.addRow(Papa.parse(line).data[0]).commit();
  }
  sheet.commit();
  await wb.commit();
  return file;
}

function surveyCsv(q, rows) {
  const file = join(work, `survey-${rows}.csv`);
  const questions = q.questions.filter((x) => !x.when);
  const header = ['Timestamp', 'Role', ...questions.map((x) => x.id)];
  const roles = ['Leadership', 'Manager', 'Staff', 'Staff', 'Staff'];
  const lines = [header.join(',')];
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < rows; i++) {
    const cells = [`2026-11-${String((i % 28) + 1).padStart(2, '0')} 10:00`, roles[i % roles.length]];
    for (const x of questions) {
      if (x.options && x.options.length) {
        const o = x.options[Math.floor(rand() * x.options.length)];
        cells.push(x.type === 'multiple' ? `"${o.label}"` : `"${o.label}"`);
      } else if (x.type === 'number') {
        const lo = x.min ?? 0;
        const hi = x.max ?? 100;
        cells.push(String(Math.round(lo + rand() * (hi - lo))));
      } else {
        cells.push('"Some free text, with a comma"');
      }
    }
    lines.push(cells.join(','));
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

const readlineScript = join(work, 'readline.mjs');
writeFileSync(
  readlineScript,
  `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
let n = 0;
for await (const _ of createInterface({ input: createReadStream(process.argv[2]) })) n++;
`,
);

// the CSV library alone, as the tool bundles it (papaparse with the build's change, dist/vendor/csv.cjs), streaming
// the same file as the tool does (64 KB of UTF-8 text at a time, whole chunks of rows) and doing nothing with the
// rows: the floor under the survey path, shown for information beside the tool's own figure
const papaScript = join(work, 'papaparse-alone.cjs');
writeFileSync(
  papaScript,
  `const { createReadStream, readFileSync } = require('node:fs');
const vm = require('node:vm');
const file = ${JSON.stringify(join(root, 'dist', 'vendor', 'csv.cjs'))};
const group = { exports: {} };
vm.runInThisContext(readFileSync(file, 'latin1'), { filename: file })(group.exports, require, group, file, ${JSON.stringify(join(root, 'dist', 'vendor'))}, '');
const Papa = group.exports.papaparse;
let rows = 0;
Papa.parse(createReadStream(process.argv[2], { encoding: 'utf8' }), { delimiter: ',', newline: '\\n', skipEmptyLines: false, chunk(result) { rows += result.data.length; }, complete() { if (rows === 0) process.exitCode = 1; } });
`,
);

function exampleAnswers() {
  const dir = join(root, 'reports', 'examples');
  const f = existsSync(dir) && readdirSync(dir).find((x) => /answers\.(ya?ml|json)$/.test(x));
  if (!f) throw new Error('no answers file in reports/examples/');
  return join(dir, f);
}

/** Writes `count` results of one organization, a quarter apart, by copying one real result. */
function resultSeries(count, template) {
  const dir = join(work, `results-${count}`);
  mkdirSync(dir, { recursive: true });
  const base = JSON.parse(readFileSync(template, 'utf8'));
  const start = Date.UTC(2000, 0, 1);
  const files = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(start + i * 86400000 * 7).toISOString().slice(0, 10);
    const f = join(dir, `${date}-${base.questionnaire.id}.json`);
    writeFileSync(f, JSON.stringify({ ...base, date }, null, 2));
    files.push(f);
  }
  return files;
}

// ---------- the cases ----------

const rows = [];
const startedAt = new Date();
const loadAtStart = loadavg();
process.stderr.write(`readiness benchmark: ${rounds} rounds of ${runs} runs per case, each run interleaved with its baseline\n`);
rows.push(measure('readiness --version', [bin, '--version']));
rows.push(measure('readiness --help', [bin, '--help']));
rows.push(measure('readiness list', [bin, 'list']));
// a consultant's folder: a questionnaire of their own in ./questionnaires (an edited copy of the
// interview), which every command reads; after the first run, the memo of checked questionnaires answers
const consultant = join(work, 'consultant');
mkdirSync(join(consultant, 'questionnaires'), { recursive: true });
writeFileSync(
  join(consultant, 'questionnaires', 'our-interview.yaml'),
  readFileSync(join(root, 'questionnaires', 'social-readiness.yaml'), 'utf8').replace(/^id: .*$/m, 'id: our-interview').replace(/^title: .*$/m, 'title: Our own readiness interview'),
);
rows.push(measure('readiness list (./questionnaires of one\'s own)', [bin, 'list'], ['-e', '0'], { cwd: consultant }));
rows.push(measure('readiness show (./questionnaires of one\'s own)', [bin, 'show', 'our-interview'], ['-e', '0'], { cwd: consultant }));
rows.push(measure('readiness show quick-check', [bin, 'show', 'quick-check']));
rows.push(measure('readiness template quick-check', [bin, 'template', 'quick-check']));
rows.push(measure('readiness validate (built-ins)', [bin, 'validate']));
const answers = exampleAnswers();
const out = join(work, 'out');
const assessArgv = [bin, 'assess', '--answers', answers, '--org', 'Example Org', '-o', out, '--force', '--date', '2026-01-15'];
rows.push(measure('readiness assess --answers (example)', assessArgv));
// for information: the same without the compile cache (a first run, or READINESS_NO_COMPILE_CACHE=1)
rows.push(measure('readiness assess --answers, compile cache off', assessArgv, ['-e', '0'], { env: { READINESS_NO_COMPILE_CACHE: '1' } }));
if (!existsSync(join(out, 'example-org'))) once(assessArgv); // the result the later cases use, when --only left assess out
const resultFile = join(out, 'example-org', readdirSync(join(out, 'example-org')).find((f) => f.endsWith('.json')));
const four = resultSeries(4, resultFile);
rows.push(measure('readiness compare (4 results)', [bin, 'compare', ...four, '-o', join(work, 'trend4.md'), '--force']));
// HTML against Markdown: the same result rendered both ways, the Markdown run as the baseline
rows.push(measure('readiness report --format html (vs Markdown)', [bin, 'report', resultFile, '--format', 'html', '-o', join(work, 'r.html'), '--force'], [bin, 'report', resultFile, '-o', join(work, 'r.md'), '--force']));

const scaling = [];
const q = quickCheck();
const sizes = quick ? [1000, 10000] : full ? [1000, 10000, 100000, 1000000] : [1000, 10000, 100000];
for (const n of sizes) {
  const csv = surveyCsv(q, n);
  const argv = [bin, 'assess', '--responses', csv, '-q', 'quick-check', '--org', 'Bench', '-o', join(work, `agg-${n}`), '--force', '--json'];
  const r = measure(`aggregate ${n.toLocaleString('en')} survey rows`, argv, [readlineScript, csv], { n: n >= 1000000 ? 1 : n >= 100000 ? 3 : runs });
  if (r) scaling.push(Object.assign(r, { kind: 'rows', size: n }));
}
{
  // for information: the CSV library alone on the same 100,000 (quick: 10,000) rows
  const n = quick ? 10000 : 100000;
  const r = measure(`the CSV library alone (papaparse as bundled), ${n.toLocaleString('en')} rows`, [papaScript, join(work, `survey-${n}.csv`)], [readlineScript, join(work, `survey-${n}.csv`)], { n: n >= 100000 ? 3 : runs });
  if (r) scaling.push(Object.assign(r, { kind: 'parser', size: n }));
}
{
  // the same 100,000 (quick: 10,000) rows as an .xlsx export, read by the streaming reader: memory must stay flat
  const n = quick ? 10000 : 100000;
  const xlsx = !wanted(`aggregate ${n.toLocaleString('en')} survey rows (.xlsx)`) ? undefined : await surveyXlsx(surveyCsv(q, n), n);
  const argv = [bin, 'assess', '--responses', xlsx, '-q', 'quick-check', '--org', 'Bench', '-o', join(work, `xlsx-${n}`), '--force', '--json'];
  const r = measure(`aggregate ${n.toLocaleString('en')} survey rows (.xlsx)`, argv, [readlineScript, join(work, `survey-${n}.csv`)], { n: 2 });
  if (r) scaling.push(Object.assign(r, { kind: 'xlsx', size: n }));
}
// With --full, 1,000,000 rows as .xlsx too, for its peak memory and the 10x step: three runs (about a minute each),
// their median time (one run decided the step before, and one slow run on a busy machine failed it)
let xlsxMillion;
if (full && wanted('aggregate 1,000,000 survey rows (.xlsx)')) {
  const n = 1000000;
  const csv = existsSync(join(work, `survey-${n}.csv`)) ? join(work, `survey-${n}.csv`) : surveyCsv(q, n);
  const xlsx = await surveyXlsx(csv, n);
  const argv = [bin, 'assess', '--responses', xlsx, '-q', 'quick-check', '--org', 'Bench', '-o', join(work, `xlsx-${n}`), '--force', '--json'];
  const runsMs = [];
  let rss = 0;
  for (let i = 0; i < 3; i++) {
    const r = once(argv, { rss: true });
    runsMs.push(r.ms);
    rss = Math.max(rss, r.rss);
  }
  const ms = median(runsMs);
  xlsxMillion = { name: `aggregate ${n.toLocaleString('en')} survey rows (.xlsx), three runs for peak memory and time`, kind: 'xlsx', size: n, rssOnly: true, ms, rss, n: 3, lowMs: Math.min(...runsMs), highMs: Math.max(...runsMs) };
  process.stderr.write(`  ${xlsxMillion.name}: median ${ms.toFixed(0)} ms (${runsMs.map((t) => t.toFixed(0)).join(', ')}), peak RSS ${(rss / 1024 / 1024).toFixed(0)} MB\n`);
}
for (const n of quick ? [10, 100] : [10, 100, 1000]) {
  const files = resultSeries(n, resultFile);
  const dir = dirname(files[0]);
  const r = measure(`compare ${n.toLocaleString('en')} results`, [bin, 'compare', ...(n > 100 ? ['--org', 'Example Org', '-d', dir] : files), '-o', join(work, `trend-${n}.md`), '--force'], ['-e', '0'], { n: n >= 1000 ? 3 : runs });
  if (r) scaling.push(Object.assign(r, { kind: 'results', size: n }));
}
for (const n of quick ? [10, 100] : [10, 100, 1000]) {
  const dir = join(work, `results-${n}`);
  const r = measure(`history of ${n.toLocaleString('en')} results`, [bin, 'history', '-d', dir], ['-e', '0'], { n: n >= 1000 ? 3 : runs });
  if (r) scaling.push(Object.assign(r, { kind: 'history', size: n }));
}

// cases left out with --only
for (let i = rows.length - 1; i >= 0; i--) if (!rows[i]) rows.splice(i, 1);

// The rounds, spread over time: round 1 of every case, then round 2 of every case, ...
for (let round = 1; round <= rounds; round++) {
  process.stderr.write(`round ${round} of ${rounds}\n`);
  for (const row of [...rows, ...scaling]) runRound(row);
}
for (const row of [...rows, ...scaling]) finish(row);
// (after the rounds: it is not timed in them) beside the other .xlsx row
if (xlsxMillion) scaling.splice(scaling.findIndex((r) => r.kind === 'xlsx') + 1, 0, xlsxMillion);
const loadAtEnd = loadavg();

// ---------- the bundle and its import graph ----------

const meta = JSON.parse(readFileSync(join(root, 'dist', 'meta.json'), 'utf8'));
const pkgOf = (input) => {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const parts = input.slice(at + 13).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
};
/** Inputs evaluated when `entry` is (static imports; a vendor import brings its whole file); lazy parts apart. */
function graph(entry) {
  const seen = new Set();
  const lazy = new Set();
  const vendors = new Set();
  const visit = (input) => {
    if (seen.has(input)) return;
    seen.add(input);
    for (const imp of meta.inputs[input]?.imports ?? []) {
      if (imp.kind === 'dynamic-import') {
        lazy.add(imp.path);
        continue;
      }
      if (imp.path.startsWith('vendor:')) {
        const group = imp.path.slice(7).split('#')[0];
        vendors.add(group);
        for (const i of Object.keys(meta.outputs[`vendor/${group}.cjs`]?.inputs ?? {})) visit(i);
      } else if (!imp.external) visit(imp.path);
    }
  };
  visit(entry);
  const packages = [...new Set([...seen].map(pkgOf).filter(Boolean))].sort();
  // the packages the CLI's own modules import (the rest are their dependencies)
  const direct = new Set();
  for (const i of seen) {
    if (!i.startsWith('src/')) continue;
    for (const imp of meta.inputs[i]?.imports ?? []) {
      if (imp.kind === 'dynamic-import') continue;
      const p = imp.path.startsWith('vendor:') ? imp.path.split('#')[1] : pkgOf(imp.path);
      if (p) direct.add(p);
    }
  }
  const own = [...seen].filter((i) => i.startsWith('src/')).length;
  const lazyPackages = new Set();
  for (const l of lazy) {
    if (l.startsWith('vendor:')) lazyPackages.add(`${l.split('#')[1]} (vendor/${l.slice(7).split('#')[0]}.cjs)`);
    else if (!seen.has(l) && l.startsWith('src/')) lazyPackages.add(l.replace(/^src\//, '').replace(/\.ts$/, ''));
  }
  return { packages, direct: [...direct].sort(), own, vendors: [...vendors], lazy: [...lazyPackages].sort() };
}
const distFiles = [];
const walkDist = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walkDist(p);
    else if (/\.(c|m)?js$/.test(e.name)) distFiles.push({ file: p.slice(join(root, 'dist').length + 1), bytes: statSync(p).size });
  }
};
walkDist(join(root, 'dist'));
distFiles.sort((a, b) => (a.file < b.file ? -1 : 1));

// ---------- report ----------

const budget = {
  'readiness --version': 1.2,
  'readiness --help': 1.2,
  'readiness list': 1.4,
  "readiness list (./questionnaires of one's own)": 1.4,
  "readiness show (./questionnaires of one's own)": 1.4,
  'readiness show quick-check': 1.4,
  'readiness template quick-check': 1.4,
  'readiness validate (built-ins)': 1.4,
  'readiness assess --answers (example)': 1.6,
  'readiness report --format html (vs Markdown)': 2,
};
const mb = (b) => (b / 1024 / 1024).toFixed(0);
const range = (r) => `${r.low.toFixed(2)}–${r.high.toFixed(2)}`;
const cpu = cpus();
const lines = [];
lines.push('# Benchmark results');
lines.push('');
lines.push(`Run on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${mb(totalmem())} MB memory, ${osType()} ${release()}, Node ${process.version}.`);
lines.push(`Load average ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} at the start and ${loadAtEnd.map((x) => x.toFixed(2)).join(' ')} at the end (above ${cpu.length} means other work shared the machine: the figures are then noisier).`);
lines.push('');
lines.push(`Each case ran in ${rounds} rounds spread over the run; a round is ${runs} runs (fewer for the largest inputs, see "runs") each interleaved with its baseline, and its figure is the median ratio of its runs.`);
lines.push('"ratio" is the median of the rounds, "range" the lowest and highest round. Ratios are the figures that matter: absolute times depend on the machine and its load.');
lines.push('The CLI runs with a compile cache of the benchmark\'s own, filled by a warm-up run (as after the first use on a machine); one row shows `assess` without it.');
lines.push('');
lines.push('## Start-up and commands (baseline: `node -e 0`)');
lines.push('');
lines.push('| case | median ms | baseline ms | ratio | range | budget | peak RSS MB | within budget |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---|');
let allOk = true;
for (const r of rows) {
  const b = budget[r.name];
  const ok = b === undefined || r.ratio <= b;
  allOk &&= ok;
  lines.push(`| ${r.name} | ${r.ms.toFixed(1)} | ${r.baseMs.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${range(r)} | ${b ? `≤ ${b}×` : '—'} | ${mb(r.rss)} | ${ok ? 'yes' : '**no**'} |`);
}
lines.push('');
lines.push('The HTML report row is timed against rendering the same result as Markdown (its baseline), so its ratio is HTML time ÷ Markdown time.');
lines.push('');
lines.push('## Scaling');
lines.push('');
lines.push('Survey rows are timed against reading the same file line by line with `readline`; results against `node -e 0`.');
lines.push('');
lines.push('| case | runs | median ms | baseline ms | ratio | range | peak RSS MB | time × previous size | within budget |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
let prev;
for (const r of scaling) {
  const step = prev && prev.kind === r.kind ? r.ms / prev.ms : undefined;
  const why = [];
  if (step !== undefined && step > 10) why.push('10× input > 10× time');
  if (r.kind === 'rows' && r.size === 100000 && r.ratio > 3) why.push('over 3× readline');
  if ((r.kind === 'rows' || r.kind === 'xlsx') && r.size >= 10000 && r.rss >= 150 * 1024 * 1024) why.push('150 MB or more');
  if ((r.kind === 'results' || r.kind === 'history') && r.size === 1000 && r.ratio > 4) why.push('over 4×');
  allOk &&= why.length === 0;
  if (r.rssOnly) lines.push(`| ${r.name} | ${r.n} | ${r.ms.toFixed(1)} (${r.lowMs.toFixed(0)}–${r.highMs.toFixed(0)}) | — | — | — | ${mb(r.rss)} | ${step ? `${step.toFixed(2)}×` : '—'} | ${why.length ? `**no** (${why.join('; ')})` : 'yes'} |`);
  else lines.push(`| ${r.name} | ${r.n}×${rounds} | ${r.ms.toFixed(1)} | ${r.baseMs.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${range(r)} | ${mb(r.rss)} | ${step ? `${step.toFixed(2)}×` : '—'} | ${r.kind === 'parser' ? '— (for information)' : why.length ? `**no** (${why.join('; ')})` : 'yes'} |`);
  prev = r;
}
lines.push('');
lines.push('Budgets: `--version` and `--help` ≤ 1.2× `node -e 0`; `list`, `show`, `template`, `validate` ≤ 1.4× (`list` and `show` also in a folder with a questionnaire of one\'s own); `assess --answers` ≤ 1.6×;');
lines.push('the HTML report ≤ 2× the Markdown report (PDF is not timed: the browser\'s start dominates);');
lines.push('100,000 survey rows ≤ 3× the `readline` time; peak RSS under 150 MB at every size from 10,000 rows up (CSV and .xlsx; 1,000,000 rows with `--full`);');
lines.push('`compare` and `history` of 1,000 results ≤ 4× `node -e 0`; each 10× step in input size costs at most 10× time.');
lines.push('The row "the CSV library alone" is papaparse, as the tool bundles it, streaming the same CSV and doing nothing with its rows: for information (no budget), the floor under the survey path\'s own figure.');
lines.push('The .xlsx rows\' times are shown against reading the CSV with `readline`, for comparison only; with `--full`, 1,000,000 rows as .xlsx run three times, for their peak memory and median time (the 10× step).');
lines.push('');
lines.push(allOk ? 'Every case is within budget.' : 'Some cases are **over budget** (marked above).');
lines.push('');
lines.push('## The bundle');
lines.push('');
lines.push(`dist/ holds ${distFiles.length} JavaScript files, ${(distFiles.reduce((n, f) => n + f.bytes, 0) / 1024 / 1024).toFixed(2)} MB in all; no package is in two of them.`);
lines.push('');
lines.push('| file | KB |');
lines.push('|---|---:|');
for (const f of distFiles) lines.push(`| dist/${f.file} | ${(f.bytes / 1024).toFixed(0)} |`);
lines.push('');
lines.push('## Import graph of each command');
lines.push('');
lines.push('`--help` and `--version` are answered by the launcher (dist/cli/main.cjs) alone, which loads Node built-ins only.');
lines.push('For each command: its own modules and the packages evaluated when it runs (those it imports, and how many packages in all with their dependencies), and what it loads only when an option or input needs it.');
lines.push('');
lines.push('| command | own modules | packages imported | packages in all | loaded only when needed |');
lines.push('|---|---:|---|---:|---|');
const commandsDir = join(root, 'src', 'cli', 'commands');
for (const f of readdirSync(commandsDir).filter((x) => x.endsWith('.ts')).sort()) {
  const g = graph(`src/cli/commands/${f}`);
  lines.push(`| ${f.replace(/\.ts$/, '')} | ${g.own} | ${g.direct.join(', ') || '—'} | ${g.packages.length} | ${g.lazy.join(', ') || '—'} |`);
}
const md = lines.join('\n') + '\n';
if (!quick && only === undefined) writeFileSync(join(root, 'bench', 'results.md'), md);
process.stdout.write(md);
rmSync(work, { recursive: true, force: true });
