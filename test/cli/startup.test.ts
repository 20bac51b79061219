// Start-up is a feature: `readiness --help` must not load prompts, CSV parsing,
// Markdown tooling, YAML or schema code. Checked on the bundle's import graph
// (esbuild's metafile), so a regression in lazy loading fails CI without any
// timing involved.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown>; entryPoint?: string }>;
}

const metaFile = new URL('../../dist/meta.json', import.meta.url);

function staticClosure(meta: Meta, entry = 'cli/main.js'): Set<string> {
  const strip = (p: string) => p.replace(/^dist[^/]*\//, '');
  const byName = new Map(Object.entries(meta.outputs).map(([k, v]) => [strip(k), v]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imp of byName.get(name)?.imports ?? []) {
      if (imp.kind === 'import-statement' && !imp.path.startsWith('node:')) visit(strip(imp.path));
    }
  };
  visit([...byName.keys()].find((name) => name === entry || name.startsWith(entry)) ?? entry);
  const inputs = new Set<string>();
  for (const name of seen) for (const input of Object.keys(byName.get(name)?.inputs ?? {})) inputs.add(input);
  return inputs;
}

describe('start-up loads only what --help needs', () => {
  it('has a build to inspect', () => {
    expect(existsSync(metaFile), 'dist/meta.json is missing: run `npm run build` before the tests').toBe(true);
  });

  it('keeps heavy modules out of the statically loaded part of the bundle', () => {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    const inputs = [...staticClosure(meta)];
    const heavy = ['@inquirer', 'papaparse', 'markdownlint', 'node_modules/yaml/', 'node_modules/zod/', 'node_modules/chalk/'];
    for (const name of heavy) {
      expect(inputs.filter((i) => i.includes(name)), `${name} is loaded at start-up`).toEqual([]);
    }
    // the command handlers themselves load lazily too
    expect(inputs.filter((i) => i.includes('src/cli/commands/'))).toEqual([]);
  });

  it('scores answers without loading the schema library, colours, prompts or CSV parsing', () => {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    // the assess command's chunk and everything it imports statically
    const inputs = [...staticClosure(meta, 'cli/commands/assess.js')];
    expect(inputs.some((i) => i.endsWith('src/cli/commands/assess.ts')), 'found the assess chunk').toBe(true);
    // HTML and PDF (hast, the browser driver) load only for --format html/pdf.
    for (const name of ['node_modules/zod/', 'node_modules/chalk/', '@inquirer', 'papaparse', 'markdownlint', 'hast-util-to-html', 'mdast-util-to-hast', 'playwright-core', 'node_modules/vega', 'src/render/svg-charts.ts', 'src/render/html.ts', 'src/cli/pdf.ts']) {
      expect(inputs.filter((i) => i.includes(name)), `${name} is loaded by assess --answers`).toEqual([]);
    }
  });

  it('validates the unedited built-ins without loading the checker, its schema library or colours', () => {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    const inputs = [...staticClosure(meta, 'cli/commands/validate.js')];
    expect(inputs.some((i) => i.endsWith('src/cli/commands/validate.ts')), 'found the validate chunk').toBe(true);
    for (const name of ['node_modules/zod/', 'node_modules/yaml/', 'node_modules/chalk/', 'src/load/questionnaire-checks.ts']) {
      expect(inputs.filter((i) => i.includes(name)), `${name} is loaded by validate`).toEqual([]);
    }
  });

  it('reads a survey export without loading the schema library, colours or prompts', () => {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    const inputs = [...staticClosure(meta, 'load/survey.js')];
    expect(inputs.some((i) => i.endsWith('src/load/survey.ts')), 'found the survey chunk').toBe(true);
    for (const name of ['node_modules/zod/', 'node_modules/chalk/', '@inquirer', 'markdownlint']) {
      expect(inputs.filter((i) => i.includes(name)), `${name} is loaded by assess --responses`).toEqual([]);
    }
  });

  it('exports a form without loading exceljs (only --to xlsform does), colours or prompts; other commands never load the exports', () => {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    const inputs = [...staticClosure(meta, 'cli/commands/export.js')];
    expect(inputs.some((i) => i.endsWith('src/cli/commands/export.ts')), 'found the export chunk').toBe(true);
    for (const name of ['node_modules/exceljs/', 'node_modules/chalk/', '@inquirer', 'papaparse', 'src/render/forms/xlsform.ts', 'src/render/forms/limesurvey.ts', 'src/render/forms/surveyjs.ts']) {
      expect(inputs.filter((i) => i.includes(name)), `${name} is loaded by export`).toEqual([]);
    }
    for (const entry of ['cli/main.js', 'cli/commands/assess.js', 'load/survey.js']) {
      expect([...staticClosure(meta, entry)].filter((i) => i.includes('src/render/forms/') || i.endsWith('src/cli/xlsform-workbook.ts')), `exports loaded by ${entry}`).toEqual([]);
    }
  });

  it('answers --version without loading commander or the command wiring', () => {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    const inputs = [...staticClosure(meta)];
    expect(inputs.filter((i) => i.includes('node_modules/commander/') || i.endsWith('src/cli/program.ts'))).toEqual([]);
  });
});
