// Bundles the CLI into dist/ with esbuild.
//
// Layout (measured against esbuild's code splitting, see bench/results.md and
// docs/performance.md): one script bundle, dist/readiness.cjs, holds the
// command code and the libraries most commands need (yaml, zod, commander,
// papaparse, the Markdown tree tools). Modules that a command imports lazily
// (`await import('./x.js')`) stay in the same file but are only *evaluated*
// when imported (esbuild's lazy module wrappers), so `--help` evaluates almost
// nothing. The few big libraries that only one rare path needs (charts,
// workbooks, encodings, slugs, prompts) are separate "vendor" bundles under
// dist/vendor/, each holding one group of packages with all their
// dependencies, so that no package is in two files. A small launcher
// (dist/cli/main.cjs, from src/boot/) loads the bundles through vm.Script with
// V8's code cache (src/boot/compile-cache.ts): the cost of parsing a large
// file is paid once per machine, not on every start.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join, resolve as resolvePath, sep } from 'node:path';
import { exceljsZipEntries } from './exceljs-zip-entries.mjs';
import { papaparseQuickUnescape } from './papaparse-quick-unescape.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Build into a private folder, then swap it in, so that a test running the
// binary while another build runs never sees a half-written dist/.
const tmp = `dist.tmp-${process.pid}`;
mkdirSync(tmp, { recursive: true });

// Step 1: check the built-in questionnaires once, with the same source code,
// and embed the results (see src/load/builtin-cache.ts for why that is safe).
// The same throwaway build renders the top-level help with the real commander
// definitions, so that `readiness --help` can print it without loading
// commander, and cannot drift from it (test/cli/startup.test.ts compares them).
await build({
  entryPoints: { 'builtin-cache': 'scripts/builtin-cache.ts', 'top-help': 'scripts/top-help.ts' },
  outdir: tmp,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // src/load/source.ts loads its YAML libraries with require() on first use
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
const { buildCache } = await import(pathToFileURL(`${tmp}/builtin-cache.mjs`).href);
const builtIns = buildCache('questionnaires');
const { renderTopHelp, commandNames } = await import(pathToFileURL(`${tmp}/top-help.mjs`).href);
const topHelp = await renderTopHelp();
const commands = commandNames();
rmSync(`${tmp}/builtin-cache.mjs`);
rmSync(`${tmp}/top-help.mjs`);

/**
 * Vendor groups: packages that load only on one rare path, each group in its
 * own file with its dependencies. Packages that depend on each other (vega-lite
 * on vega) must share a group, or their common dependencies would be bundled
 * twice (test/cli/startup.test.ts checks that no package is in two files).
 */
const vendorGroups = {
  charts: ['vega', 'vega-lite'],
  workbook: ['exceljs'],
  encodings: ['iconv-lite'],
  slugs: ['transliteration'],
  prompts: ['@inquirer/prompts'],
  yaml: ['yaml'],
  // js-yaml reads plain YAML documents, the yaml library the rest and every position (src/load/source.ts)
  'yaml-quick': ['js-yaml'],
  // the syntax-tree utilities that the HTML group needs too are in this group, so that they are in one file
  markdown: ['mdast-util-gfm', 'mdast-util-to-markdown', 'unist-util-visit', 'unist-util-visit-parents', 'unist-util-is', 'micromark-util-character', 'zwitch', 'devlop', 'ccount'],
  html: ['mdast-util-to-hast', 'hast-util-to-html'],
  csv: ['papaparse'],
};
const vendorOf = new Map(Object.entries(vendorGroups).flatMap(([group, names]) => names.map((n) => [n, group])));

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

// Outside its own group, a vendor package is an external `require('vendor:<group>#<package>')`,
// which the launcher's require answers from dist/vendor/<group>.cjs.
const vendorExternals = (own) => ({
  name: 'vendor-externals',
  setup(b) {
    b.onResolve({ filter: /^[@a-z]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      const group = vendorOf.get(name);
      if (!group || group === own) return undefined;
      if (name !== args.path) throw new Error(`build: ${args.path} is a path into a vendor package; import the package itself`);
      return { path: `vendor:${group}#${args.path}`, external: true };
    });
  },
});

// vega-canvas's Node build tries `await import('canvas')` at its top level,
// which a script bundle cannot do; readiness draws SVG only and never
// installs canvas, so take the build without it (the same behaviour as when
// canvas is absent: text widths are estimated).
const noCanvas = {
  name: 'vega-canvas-without-node-canvas',
  setup(b) {
    b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: resolvePath('node_modules/vega-canvas/build/vega-canvas.browser.js') }));
  },
};

// npm keeps a second, nested copy of a package when a dependency pins another
// version (vega-selections pins d3-array 3.2.4, vega-lite vega-expression
// ~6.1, five of exceljs' dependencies each have their own readable-stream 2).
// Within one major version, one copy is used: the top-level one when its major
// matches, else the first nested one met; so that no package is loaded twice.
// Different majors stay separate (they are different libraries to their users).
const oneCopyPerPackage = () => {
  const firstOfMajor = new Map();
  const versionAt = (dir) => {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  return {
    name: 'one-copy-per-package',
    setup(b) {
      b.onResolve({ filter: /^[@a-z]/ }, async (args) => {
        if (args.pluginData === 'one-copy' || !args.importer.includes('node_modules')) return undefined;
        const again = (resolveDir) => b.resolve(args.path, { kind: args.kind, resolveDir, importer: args.importer, pluginData: 'one-copy' });
        const result = await again(args.resolveDir);
        const nested = /^(.*node_modules\/.+\/node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(result.path.split(sep).join('/'));
        if (result.errors.length > 0 || !nested) return result;
        const [, parent, name] = nested;
        const major = versionAt(parent + name)?.split('.')[0];
        if (major === undefined) return result;
        if (versionAt(resolvePath('node_modules', name))?.split('.')[0] === major) return again(resolvePath('.'));
        const key = `${name}@${major}`;
        const first = firstOfMajor.get(key);
        if (first === undefined) {
          firstOfMajor.set(key, parent);
          return result;
        }
        // resolving from the folder that holds the first copy finds that copy
        return first === parent ? result : again(first.replace(/\/node_modules\/$/, ''));
      });
    },
  };
};

// Each bundle is one function expression, so that the launcher compiles the
// file's text as it is (src/boot/compile-cache.ts): its parameters in the order
// src/boot/launch.ts passes them.
const bundleWrapper = {
  banner: { js: '(function (exports, require, module, __filename, __dirname, __bundleUrl) {' },
  footer: { js: '})' },
};

const cjsCommon = {
  ...bundleWrapper,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // `import()` becomes a lazy require: the launcher runs the bundle as a
  // script, where only require() resolves modules
  supported: { 'dynamic-import': false },
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  metafile: true,
  logLevel: 'warning',
  // The browser driver finds its own files relative to itself (__dirname): load it from node_modules.
  external: ['playwright-core'],
};

// Step 2: the main bundle.
const main = await build({
  ...cjsCommon,
  entryPoints: ['src/cli/main.ts'],
  outfile: `${tmp}/readiness.cjs`,
  // for DEBUG=readiness stack traces (src/cli/stack-map.ts): beside the bundle, read only then,
  // with no sourceMappingURL comment, so the bundle is byte for byte what it is without it.
  // The CLI's own code only: the vendor bundles' maps would double the package's size.
  sourcemap: 'external',
  sourcesContent: false,
  plugins: [noChildProcess, vendorExternals(undefined), oneCopyPerPackage()],
  define: {
    __VERSION__: JSON.stringify(pkg.version),
    __BUILTIN_QUESTIONNAIRES__: JSON.stringify(builtIns),
    // the bundle is a script: the launcher passes the file's URL in
    'import.meta.url': '__bundleUrl',
  },
});

// Step 3: one file per vendor group.
const meta = { inputs: { ...main.metafile.inputs }, outputs: { ...main.metafile.outputs } };
mkdirSync(`${tmp}/vendor`, { recursive: true });
for (const [group, names] of Object.entries(vendorGroups)) {
  const result = await build({
    ...cjsCommon,
    stdin: {
      contents: `module.exports = {${names.map((n) => `${JSON.stringify(n)}: require(${JSON.stringify(n)})`).join(', ')}};`,
      resolveDir: process.cwd(),
      sourcefile: `vendor-${group}.cjs`,
      loader: 'js',
    },
    outfile: `${tmp}/vendor/${group}.cjs`,
    // papaparse's parser with one costly step skipped where it changes nothing, and exceljs'
    // streaming reader with the fix of its zip entry loop (see each plugin's file)
    plugins: [noCanvas, papaparseQuickUnescape, exceljsZipEntries, vendorExternals(group), oneCopyPerPackage()],
  });
  Object.assign(meta.inputs, result.metafile.inputs);
  Object.assign(meta.outputs, result.metafile.outputs);
}

// Step 3b: pure ASCII. esbuild escapes non-ASCII text in strings, but leaves it in
// comments and regular expressions. The launcher reads the bundles as Latin-1, which
// is a plain copy into a one-byte string (UTF-8 decoding of a file with a few
// non-ASCII characters took several times longer, and gave V8 a two-byte source).
// A \uXXXX escape means the same character in a regular expression and nothing in a comment.
for (const file of ['readiness.cjs', ...Object.keys(vendorGroups).map((g) => `vendor/${g}.cjs`)]) {
  const text = readFileSync(`${tmp}/${file}`, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (/[^\x00-\x7f]/.test(ascii)) throw new Error(`build: ${file} is not ASCII`);
  writeFileSync(`${tmp}/${file}`, ascii);
  if (ascii !== text && existsSync(`${tmp}/${file}.map`)) {
    const map = JSON.parse(readFileSync(`${tmp}/${file}.map`, 'utf8'));
    map.mappings = shiftMappings(map.mappings, text.split('\n'));
    writeFileSync(`${tmp}/${file}.map`, JSON.stringify(map));
  }
}

/**
 * A source map's mappings for the bundle made ASCII: on a line that held non-ASCII
 * code units, each became a 6-character escape, so a generated column past k of them
 * moves by 5k. Only the generated column (a segment's first field, relative within its
 * line) changes; the other fields are relative to the previous segment and stay as they are.
 */
function shiftMappings(mappings, lines) {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const decode = (segment) => {
    const out = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = B64.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        out.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    return out;
  };
  const encode = (fields) =>
    fields
      .map((n) => {
        let v = n < 0 ? (-n << 1) | 1 : n << 1;
        let out = '';
        do {
          let digit = v & 31;
          v >>>= 5;
          if (v > 0) digit |= 32;
          out += B64[digit];
        } while (v > 0);
        return out;
      })
      .join('');
  return mappings
    .split(';')
    .map((line, i) => {
      const wide = [];
      for (let c = 0; c < (lines[i] ?? '').length; c++) if (lines[i].charCodeAt(c) > 0x7f) wide.push(c);
      if (wide.length === 0 || line === '') return line;
      let column = 0;
      let shifted = 0;
      return line
        .split(',')
        .map((segment) => {
          const fields = decode(segment);
          column += fields[0];
          const moved = column + 5 * wide.filter((c) => c < column).length;
          fields[0] = moved - shifted;
          shifted = moved;
          return encode(fields);
        })
        .join(',');
    })
    .join(';');
}

// Step 4: the launcher, with each bundle's hash (a key of the compile cache).
const hashes = {};
for (const file of ['readiness.cjs', ...Object.keys(vendorGroups).map((g) => `vendor/${g}.cjs`)]) {
  hashes[file] = createHash('sha256').update(readFileSync(`${tmp}/${file}`)).digest('hex').slice(0, 32);
}
// the code a questionnaire's check runs: the checker and the two YAML libraries (src/load/questionnaire-memo.ts
// keeps its entries per this hash, so that a new parser never vouches with an old one's answers)
hashes['check:questionnaire'] = createHash('sha256')
  .update(['readiness.cjs', 'vendor/yaml.cjs', 'vendor/yaml-quick.cjs'].map((f) => hashes[f]).join('\n'))
  .digest('hex')
  .slice(0, 32);
const launcher = await build({
  entryPoints: ['src/boot/launch.ts'],
  outfile: `${tmp}/cli/main.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  define: { __BUNDLE_HASHES__: JSON.stringify(hashes), __VERSION__: JSON.stringify(pkg.version), __TOP_HELP__: JSON.stringify(topHelp), __COMMANDS__: JSON.stringify(commands) },
});
Object.assign(meta.inputs, launcher.metafile.inputs);
Object.assign(meta.outputs, launcher.metafile.outputs);
meta.outputs = Object.fromEntries(Object.entries(meta.outputs).map(([k, v]) => [k.slice(tmp.length + 1), v]));
meta.vendorGroups = vendorGroups;
writeFileSync(`${tmp}/meta.json`, JSON.stringify(meta));

// A quick smoke test of the result before it replaces dist/.
const smoke = spawnSync(process.execPath, [`${tmp}/cli/main.cjs`, '--version'], {
  encoding: 'utf8',
  env: { ...process.env, READINESS_NO_COMPILE_CACHE: '1' },
});
if (smoke.stdout.trim() !== pkg.version) {
  console.error(`build: the new bundle does not start: ${smoke.stderr || smoke.stdout}`);
  process.exit(1);
}
rmSync('dist', { recursive: true, force: true });
renameSync(tmp, 'dist');
