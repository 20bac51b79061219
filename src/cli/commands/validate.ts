// `readiness validate [files...]`: every problem of every questionnaire file,
// each with file:line:column; exit 1 when any file has a problem.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { wantsColor, type Io } from '../io.js';
import { loadPaint } from '../load-paint.js';
import { escapeUnsafeJson, formatProblem, InputError, type Problem } from '../../errors.js';
import { cachedFile } from '../../load/resolve-fast.js';
import { builtInDir, displayPath, localDir, plainPath, questionnaireFilesIn } from '../../load/questionnaire-files.js';

interface FileReport {
  file: string;
  valid: boolean;
  id?: string;
  version?: string;
  questions?: number;
  problems: Problem[];
}

interface Target {
  /** Absolute path to read. */
  path: string;
  /** How to name it in messages (quoted when the name holds a control character). */
  shown: string;
  /** How to name it in JSON. */
  plain: string;
  /** A problem found while expanding (e.g. an empty folder). */
  problem?: string;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Files to check: the arguments (folders expanded), or the built-ins and ./questionnaires. */
function targets(args: string[], cwd: string): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (path: string, problem?: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, shown: displayPath(path, cwd), plain: plainPath(path, cwd), ...(problem ? { problem } : {}) });
  };
  const expand = (folder: string, complain: boolean) => {
    const files = questionnaireFilesIn(folder);
    if (files.length === 0 && complain) add(folder, 'this folder has no .yaml or .yml files; give questionnaire files or a folder that holds them');
    for (const f of files) add(f);
  };
  if (args.length === 0) {
    expand(builtInDir(), false);
    const local = localDir(cwd);
    if (isFolder(local)) expand(local, false);
    return out;
  }
  for (const arg of args) {
    const path = resolve(cwd, arg);
    if (isFolder(path)) expand(path, true);
    else add(path);
  }
  return out;
}

/** An unedited built-in, checked when the bundle was built (builtin-cache.ts), needs no checker. */
function checkedAtBuild(target: Target): FileReport | undefined {
  const hit = cachedFile(target.path);
  if (!hit) return undefined;
  const q = hit.questionnaire;
  return { file: target.shown, valid: true, id: q.id, version: q.version, questions: q.questions.length, problems: [] };
}

async function check(target: Target): Promise<FileReport> {
  if (target.problem) {
    return { file: target.shown, valid: false, problems: [{ file: target.shown, line: 1, column: 1, path: '', message: target.problem }] };
  }
  const known = checkedAtBuild(target);
  if (known) return known;
  const { checkQuestionnaireFile } = await import('../../load/questionnaire.js');
  const result = checkQuestionnaireFile(target.path, { displayAs: target.shown });
  if (result.loaded) {
    const q = result.loaded.questionnaire;
    return { file: target.shown, valid: true, id: q.id, version: q.version, questions: q.questions.length, problems: [] };
  }
  return { file: target.shown, valid: false, ...(result.id ? { id: result.id } : {}), problems: result.problems };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const list = targets(args, io.cwd);
  if (list.length === 0) {
    io.stdout('No questionnaire files found.\n');
    return;
  }
  const reports: FileReport[] = [];
  for (const target of list) reports.push(await check(target));
  const plain = new Map(list.map((t) => [t.shown, t.plain]));
  const invalid = reports.filter((r) => !r.valid);
  const problemCount = invalid.reduce((n, r) => n + r.problems.length, 0);

  if (opts.json) {
    // JSON names each file as it is (escaped as JSON escapes); its problems' messages keep the quoted name
    const json = reports.map((r) => ({ ...r, file: plain.get(r.file) ?? r.file }));
    io.stdout(`${escapeUnsafeJson(JSON.stringify(json, null, 2))}\n`);
  } else {
    const paint = await loadPaint(wantsColor(io, opts.color as boolean | undefined));
    for (const r of reports) {
      if (r.valid) {
        io.stdout(`${paint.green('✓')} ${r.file} (${r.id} v${r.version}, ${plural(r.questions ?? 0, 'question')})\n`);
      } else {
        io.stdout(`${paint.red('✗')} ${r.file}: ${plural(r.problems.length, 'problem')}\n`);
        for (const p of r.problems) io.stdout(`  ${formatProblem(p)}\n`);
      }
    }
    if (invalid.length === 0) io.stdout(`${reports.length === 1 ? 'The file is' : `All ${reports.length} files are`} valid.\n`);
  }
  if (invalid.length > 0) {
    throw new InputError(
      `${invalid.length} of ${plural(reports.length, 'file')} ${invalid.length === 1 ? 'has' : 'have'} problems (${problemCount} in all); fix them and run \`readiness validate\` again.`,
    );
  }
}
