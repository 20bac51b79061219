// Where questionnaire files are: the built-in folder, ./questionnaires, and
// the files in a folder. No parsing here, so that commands can find files
// without loading the questionnaire checker (see resolve-fast.ts).
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { inertName, InputError } from '../errors.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { builtInDirectory } from './package-root.js';
import type { QuestionnaireSummary } from './resolve.js';

/** The folder holding the built-in questionnaires (works from src/ in tests and from dist/ when bundled). */
export function builtInDir(): string {
  const dir = builtInDirectory();
  if (dir === undefined) {
    throw new InputError('cannot find the built-in questionnaires (the package folder of social-readiness was not found); reinstall the tool.');
  }
  return dir;
}

/** <cwd>/questionnaires: the user's own questionnaires. */
export function localDir(cwd: string): string {
  return join(cwd, 'questionnaires');
}

/** The .yaml / .yml files directly inside `dir`, sorted by name; [] when the folder does not exist. */
export function questionnaireFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n))
    .filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
}

/**
 * How to name a file in messages: relative to `cwd` when inside it, else absolute; quoted as
 * JSON (escapes and all) when the name holds a control or bidirectional character, so that a
 * file named "\e[2Jx.yaml" or with a line break cannot rewrite the terminal (see inertName).
 */
export function displayPath(file: string, cwd: string): string {
  return inertName(plainPath(file, cwd));
}

/** The path displayPath shows, as it is: for JSON output, where every character is escaped as needed. */
export function plainPath(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}


/** Whether two paths are one folder (by real path; by the paths given when one cannot be resolved). */
export function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** The row `readiness list` shows for a questionnaire read from `file`. */
export function summaryRow(q: Questionnaire, file: string, builtIn: boolean): QuestionnaireSummary {
  return { id: q.id, title: q.title, version: q.version, questions: q.questions.length, minutes: q.minutes, file, builtIn };
}
