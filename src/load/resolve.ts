// Finding questionnaires by id or path: the built-ins shipped with the
// package, and those in <cwd>/questionnaires (which override a built-in with
// the same id, so a team can adapt one without forking the tool).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, throwIfProblems, UsageError, type Problem } from '../errors.js';
import { builtInDir, displayPath, localDir, questionnaireFilesIn, sameFolder, summaryRow } from './questionnaire-files.js';
import { checkQuestionnaireFile, loadQuestionnaire, type LoadedQuestionnaire } from './questionnaire.js';
import { READ_LIMITS } from './safe-read.js';
import { didYouMean, parseYaml, readTextFile } from './source.js';

export interface QuestionnaireSummary {
  id: string;
  title: string;
  version: string;
  questions: number;
  minutes: number;
  /** Absolute path of the file. */
  file: string;
  builtIn: boolean;
  /** A file in ./questionnaires with the id of a built-in, used instead of it. */
  overridesBuiltIn?: boolean;
}

/** A file in a questionnaire folder that cannot be used, and why. */
export interface InvalidQuestionnaireFile {
  file: string;
  id?: string;
  problems: Problem[];
}

export interface QuestionnaireScan {
  available: Array<QuestionnaireSummary & { loaded: LoadedQuestionnaire }>;
  invalid: InvalidQuestionnaireFile[];
}

export { builtInDir, displayPath, localDir, questionnaireFilesIn } from './questionnaire-files.js';

/** The folders searched by id, in order of precedence (local first). */
function searchFolders(cwd: string): Array<{ dir: string; builtIn: boolean }> {
  const builtIn = builtInDir();
  const local = localDir(cwd);
  const folders = [{ dir: builtIn, builtIn: true }];
  if (existsSync(local) && !sameFolder(local, builtIn)) folders.unshift({ dir: local, builtIn: false });
  return folders;
}

/** Checks every questionnaire file in the built-in and local folders. */
export function scanQuestionnaires(cwd: string): QuestionnaireScan {
  const byId = new Map<string, QuestionnaireSummary & { loaded: LoadedQuestionnaire }>();
  const invalid: InvalidQuestionnaireFile[] = [];
  for (const { dir, builtIn } of searchFolders(cwd)) {
    for (const file of questionnaireFilesIn(dir)) {
      const shown = displayPath(file, cwd);
      const check = checkQuestionnaireFile(file, { displayAs: shown });
      if (!check.loaded) {
        invalid.push({ file, ...(check.id !== undefined ? { id: check.id } : {}), problems: check.problems });
        continue;
      }
      const q = check.loaded.questionnaire;
      const earlier = byId.get(q.id);
      if (earlier) {
        if (earlier.builtIn === builtIn) {
          const { line, column } = idPosition(file);
          invalid.push({
            file,
            id: q.id,
            problems: [{ file: shown, line, column, path: 'id', message: `the id "${q.id}" is already used by ${displayPath(earlier.file, cwd)}; give this questionnaire another id` }],
          });
        } else {
          earlier.overridesBuiltIn = true; // the local one came first and wins
        }
        continue;
      }
      byId.set(q.id, { ...summaryRow(q, file, builtIn), loaded: check.loaded });
    }
  }
  const available = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { available, invalid };
}

function idPosition(file: string): { line: number; column: number } {
  const { doc } = parseYaml(readTextFile(file, READ_LIMITS.questionnaire, 'questionnaire'), file);
  return doc ? doc.locate(['id']) : { line: 1, column: 1 };
}

/** Every questionnaire available: built-in and those in <cwd>/questionnaires. */
export function listQuestionnaires(cwd: string): QuestionnaireSummary[] {
  return scanQuestionnaires(cwd).available.map(({ loaded: _loaded, ...summary }) => summary);
}

/** A reference that names a file rather than an id. */
function looksLikePath(ref: string, cwd: string): boolean {
  if (/[\\/]/.test(ref) || /\.(ya?ml|json)$/i.test(ref)) return true;
  try {
    // anything there but a folder (a FIFO, a device) is meant as a path; the reader refuses it by name
    return !statSync(resolve(cwd, ref)).isDirectory();
  } catch {
    return false;
  }
}

/** A questionnaire by id (built-in or in <cwd>/questionnaires) or by path; throws InputError/UsageError with a clear sentence. */
export function resolveQuestionnaire(ref: string, cwd: string): LoadedQuestionnaire {
  const trimmed = ref.trim();
  if (!trimmed) throw new UsageError('give a questionnaire id (see `readiness list`) or the path of a questionnaire file.');
  if (looksLikePath(trimmed, cwd)) {
    return loadQuestionnaire(resolve(cwd, trimmed), { displayAs: displayPath(trimmed, cwd) });
  }
  const seen: string[] = [];
  for (const { dir } of searchFolders(cwd)) {
    for (const file of questionnaireFilesIn(dir)) {
      const check = checkQuestionnaireFile(file, { displayAs: displayPath(file, cwd) });
      if (check.id === trimmed) {
        throwIfProblems(check.problems, 'questionnaire');
        return check.loaded!;
      }
      if (check.loaded) seen.push(check.loaded.questionnaire.id);
    }
  }
  const ids = [...new Set(seen)].sort();
  throw new InputError(
    `unknown questionnaire "${trimmed}"${didYouMean(trimmed, ids)}; ${ids.length ? `available: ${ids.join(', ')}` : 'no questionnaires are available'}. Give an id from \`readiness list\` or the path of a questionnaire file.`,
  );
}
