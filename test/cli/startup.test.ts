// Start-up is a feature. These tests read the bundle's import graph (esbuild's
// metafile, dist/meta.json) so that a regression in lazy loading fails CI
// without any timing involved:
// - no package is bundled twice, and no command's path holds two copies of a package;
// - `--help` and `--version` are answered by the launcher, which loads no library at all;
// - each command evaluates only what it needs (no schema library for scoring, etc.).
// Commands are discovered from src/cli/commands/, so a new command is checked too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { BIN, ROOT } from '../helpers/binary.js';
import { fakeIo } from '../helpers/io.js';

interface Meta {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { inputs: Record<string, unknown>; entryPoint?: string }>;
  vendorGroups: Record<string, string[]>;
}

const metaFile = join(ROOT, 'dist/meta.json');
const meta = (): Meta => JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;

/** The package folder of a bundled input ("node_modules/a/node_modules/b/x.js" -> that b), or undefined for own code. */
function packageRoot(input: string): { name: string; root: string } | undefined {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  return { name, root: input.slice(0, at) + 'node_modules/' + name };
}

/**
 * Every bundled input evaluated when `entry` is: static imports and requires
 * are followed, lazy `import()` is not (in the bundle a lazy module is only
 * evaluated when imported). A vendor package brings its whole vendor file.
 */
function evaluated(m: Meta, entry: string): Set<string> {
  const seen = new Set<string>();
  const vendorFiles = new Set<string>();
  const visit = (input: string) => {
    if (seen.has(input)) return;
    seen.add(input);
    for (const imp of m.inputs[input]?.imports ?? []) {
      if (imp.kind === 'dynamic-import') continue;
      if (imp.path.startsWith('vendor:')) {
        const group = imp.path.slice('vendor:'.length).split('#')[0]!;
        if (!vendorFiles.has(group)) {
          vendorFiles.add(group);
          for (const i of Object.keys(m.outputs[`vendor/${group}.cjs`]?.inputs ?? {})) visit(i);
        }
        continue;
      }
      if (imp.external) continue;
      visit(imp.path);
    }
  };
  visit(entry);
  return seen;
}

const has = (inputs: Set<string>, part: string) => [...inputs].filter((i) => i.includes(part));

const commands = readdirSync(join(ROOT, 'src/cli/commands'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `src/cli/commands/${f}`);

describe('the bundle', () => {
  it('has a build to inspect', () => {
    expect(existsSync(metaFile), 'dist/meta.json is missing: run `npm run build` before the tests').toBe(true);
  });

  it('holds each package in one file only', () => {
    const m = meta();
    const where = new Map<string, Set<string>>();
    for (const [output, { inputs }] of Object.entries(m.outputs)) {
      for (const input of Object.keys(inputs)) {
        const pkg = packageRoot(input);
        if (pkg) where.set(pkg.root, (where.get(pkg.root) ?? new Set()).add(output));
      }
    }
    const twice = [...where].filter(([, outputs]) => outputs.size > 1).map(([root, outputs]) => `${root} in ${[...outputs].join(', ')}`);
    expect(twice).toEqual([]);
  });

  // Two copies of one package on a path are a bundling fault when they share a
  // major version (one would do; the build merges those). Different majors that
  // the dependency tree pins (exceljs' streams) cannot be merged and are allowed.
  it.each(commands)('loads no package twice on the path of %s', (command) => {
    const m = meta();
    expect(m.inputs[command], `${command} is not in the bundle`).toBeDefined();
    // the command with every lazy part it may reach, vendor files included
    const all = new Set<string>();
    const stack = [command];
    while (stack.length) {
      const input = stack.pop()!;
      if (all.has(input)) continue;
      for (const i of evaluated(m, input)) {
        all.add(i);
        for (const imp of m.inputs[i]?.imports ?? []) {
          if (imp.kind !== 'dynamic-import') continue;
          if (imp.path.startsWith('vendor:')) {
            const group = imp.path.slice('vendor:'.length).split('#')[0]!;
            stack.push(...Object.keys(m.outputs[`vendor/${group}.cjs`]?.inputs ?? {}));
          } else if (!imp.external) stack.push(imp.path);
        }
      }
    }
    const roots = new Map<string, Set<string>>();
    for (const i of all) {
      const pkg = packageRoot(i);
      if (pkg) roots.set(pkg.name, (roots.get(pkg.name) ?? new Set()).add(pkg.root));
    }
    const major = (root: string) => (JSON.parse(readFileSync(join(ROOT, root, 'package.json'), 'utf8')) as { version: string }).version.split('.')[0];
    const twice = [...roots]
      .filter(([, r]) => r.size > 1)
      .flatMap(([name, r]) => {
        const majors = [...r].map(major);
        return new Set(majors).size < majors.length ? [`${name}: ${[...r].join(', ')}`] : [];
      });
    expect(twice).toEqual([]);
    expect(all.size).toBeGreaterThan(0);
  });

  it('answers --help and --version in a launcher that bundles no library and none of the CLI', () => {
    const launcher = meta().outputs['cli/main.cjs'];
    expect(launcher, 'dist/cli/main.cjs').toBeDefined();
    expect(Object.keys(launcher!.inputs).filter((i) => !i.startsWith('src/boot/') && !i.startsWith('<define:'))).toEqual([]);
  });

  it('keeps the bundle entry free of commander, schema, YAML, colours and the command handlers', () => {
    const inputs = evaluated(meta(), 'src/cli/main.ts');
    for (const name of ['node_modules/', 'src/cli/program.ts', 'src/cli/commands/']) expect(has(inputs, name), `${name} is evaluated at start-up`).toEqual([]);
  });

  it('scores answers without loading the schema library, colours, prompts, CSV parsing, HTML or charts', () => {
    const inputs = evaluated(meta(), 'src/cli/commands/assess.ts');
    for (const name of ['node_modules/zod/', 'node_modules/chalk/', '@inquirer', 'papaparse', 'markdownlint', 'hast-util-to-html', 'mdast-util-to-hast', 'playwright-core', 'node_modules/vega', 'src/render/svg-charts.ts', 'src/render/html.ts', 'src/cli/pdf.ts', 'src/load/questionnaire-checks.ts']) {
      expect(has(inputs, name), `${name} is loaded by assess --answers`).toEqual([]);
    }
  });

  it('validates the unedited built-ins without loading the checker, its schema library, YAML or colours', () => {
    const inputs = evaluated(meta(), 'src/cli/commands/validate.ts');
    for (const name of ['node_modules/zod/', 'node_modules/yaml/', 'node_modules/chalk/', 'src/load/questionnaire-checks.ts']) {
      expect(has(inputs, name), `${name} is loaded by validate`).toEqual([]);
    }
  });

  it.each(['list', 'show', 'template'])('%s answers for the built-ins from the build-time cache, without the checker or the schema library', (command) => {
    const inputs = evaluated(meta(), `src/cli/commands/${command}.ts`);
    for (const name of ['node_modules/zod/', 'node_modules/chalk/', 'src/load/questionnaire-checks.ts', 'src/load/questionnaire.ts', 'src/load/resolve.ts', 'papaparse']) {
      expect(has(inputs, name), `${name} is loaded by ${command}`).toEqual([]);
    }
    // template prints the blank answers file rendered at build time
    expect(has(inputs, 'node_modules/yaml/'), `yaml is loaded by ${command}`).toEqual([]);
  });

  it('reads a survey export without loading the schema library, colours or prompts', () => {
    const inputs = evaluated(meta(), 'src/load/survey.ts');
    for (const name of ['node_modules/zod/', 'node_modules/chalk/', '@inquirer', 'markdownlint']) {
      expect(has(inputs, name), `${name} is loaded by assess --responses`).toEqual([]);
    }
  });

  it('exports a form without loading exceljs (only --to xlsform does), colours or prompts; other commands never load the exports', () => {
    const inputs = evaluated(meta(), 'src/cli/commands/export.ts');
    for (const name of ['node_modules/exceljs/', 'node_modules/chalk/', '@inquirer', 'papaparse', 'src/render/forms/xlsform.ts', 'src/render/forms/limesurvey.ts', 'src/render/forms/surveyjs.ts']) {
      expect(has(inputs, name), `${name} is loaded by export`).toEqual([]);
    }
    for (const entry of ['src/cli/main.ts', 'src/cli/commands/assess.ts', 'src/load/survey.ts']) {
      expect([...evaluated(meta(), entry)].filter((i) => i.includes('src/render/forms/') || i.endsWith('src/cli/xlsform-workbook.ts')), `exports loaded by ${entry}`).toEqual([]);
    }
  });
});

describe('the pre-rendered top-level help', { timeout: 60000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'readiness-help-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function commanderHelp(): Promise<string> {
    const io = fakeIo();
    const program = buildProgram(io).configureOutput({ getOutHelpWidth: () => 80 });
    await expect(program.parseAsync(['node', 'readiness', '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    return io.out();
  }

  it.each(['--help', '-h'])('equals what commander prints for %s, without loading the bundle', async (flag) => {
    const trace = join(work, `trace${flag}`);
    const r = spawnSync(process.execPath, [BIN, flag], { encoding: 'utf8', env: { ...process.env, READINESS_COMPILE_CACHE_TRACE: trace } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(await commanderHelp());
    // the launcher records which bundles it compiled: none for help
    expect(existsSync(trace)).toBe(false);
  });

  it('--version loads no bundle either', () => {
    const trace = join(work, 'trace-version');
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { ...process.env, READINESS_COMPILE_CACHE_TRACE: trace } });
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(existsSync(trace)).toBe(false);
  });

  it('a command does load the bundle (the trace works)', () => {
    const trace = join(work, 'trace-list');
    const r = spawnSync(process.execPath, [BIN, 'list'], { encoding: 'utf8', cwd: work, env: { ...process.env, READINESS_COMPILE_CACHE_TRACE: trace } });
    expect(r.status).toBe(0);
    expect(readFileSync(trace, 'utf8')).toMatch(/^readiness:(off|hit|miss|rejected|corrupt)\n$/);
  });
});
