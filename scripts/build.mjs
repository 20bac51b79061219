// Bundles the CLI into dist/ with esbuild. Code splitting keeps heavy modules
// (prompts, CSV parsing, Markdown tooling) in chunks that load only when a
// command imports them, so `readiness --help` stays cheap.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

// Step 2: the CLI bundle.
const result = await build({
  plugins: [noChildProcess],
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  define: {
    __VERSION__: JSON.stringify(pkg.version),
    __BUILTIN_QUESTIONNAIRES__: JSON.stringify(JSON.stringify(builtIns)),
  },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(`${tmp}/meta.json`, JSON.stringify(result.metafile));
rmSync('dist', { recursive: true, force: true });
renameSync(tmp, 'dist');
