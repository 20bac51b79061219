// Bundles the CLI into dist/ with esbuild: one file for the entry and one for
// each lazily imported part, so heavy modules (prompts, CSV parsing, the
// questionnaire checker) load only when a command uses them, and
// `readiness --help` stays cheap.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve as resolvePath, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Build into a private folder, then swap it in, so that a test running the
// binary while another build runs never sees a half-written dist/.
const tmp = `dist.tmp-${process.pid}`;

// Step 1: check the built-in questionnaires once, with the same source code,
// and embed the results (see src/load/builtin-cache.ts for why that is safe).
await build({
  entryPoints: ['scripts/builtin-cache.ts'],
  outfile: `${tmp}/builtin-cache.mjs`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { buildCache } = await import(pathToFileURL(`${tmp}/builtin-cache.mjs`).href);
const builtIns = buildCache('questionnaires');
rmSync(`${tmp}/builtin-cache.mjs`);

// commander requires node:child_process (costly to load) for executable
// subcommands, which readiness does not use; give it a stub instead.
const noChildProcess = {
  name: 'no-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`node_modules${'/'}commander`) ? { path: 'child_process', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "module.exports = { spawn() { throw new Error('readiness has no executable subcommands'); } };",
      loader: 'js',
    }));
  },
};

// Every module that the code imports lazily (`await import('./x.js')`) becomes
// its own self-contained file, and the lazy import stays a lazy import of that
// file. So a command loads one file for itself plus the lazy parts it really
// uses: fewer, larger files start faster than esbuild's many shared chunks
// (measured: the assess command imported in 28 ms instead of 40 ms). Lazy
// imports are rewritten to `#dist/<path>`, which package.json "imports" maps
// to this folder, so they resolve wherever the package is installed.
const lazyTargets = new Set();
const lazyImports = {
  name: 'lazy-imports-stay-lazy',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = relative(resolvePath('src'), resolvePath(args.resolveDir, args.path)).split(sep).join('/');
      lazyTargets.add(`src/${target.replace(/\.js$/, '.ts')}`);
      return { path: `#dist/${target}`, external: true };
    });
  },
};

const common = {
  plugins: [noChildProcess, lazyImports],
  outbase: 'src',
  outdir: tmp,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  define: {
    __VERSION__: JSON.stringify(pkg.version),
    __BUILTIN_QUESTIONNAIRES__: JSON.stringify(JSON.stringify(builtIns)),
  },
  // Some CommonJS dependencies call require(); give each ESM file one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
  // The browser driver finds its own files relative to itself (__dirname): load it from node_modules.
  external: ['playwright-core'],
};

// Step 2: the entry, then every lazily imported module it reaches, until no new one appears.
const meta = { inputs: {}, outputs: {} };
const built = new Set();
let pending = ['src/cli/main.ts'];
while (pending.length > 0) {
  const result = await build({ ...common, entryPoints: pending });
  Object.assign(meta.inputs, result.metafile.inputs);
  Object.assign(meta.outputs, result.metafile.outputs);
  for (const p of pending) built.add(p);
  pending = [...lazyTargets].filter((p) => !built.has(p));
}
writeFileSync(`${tmp}/meta.json`, JSON.stringify(meta));
rmSync('dist', { recursive: true, force: true });
renameSync(tmp, 'dist');
