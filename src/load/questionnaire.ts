// Loading a questionnaire file: read (refusing hostile input), parse with
// positions, check shape and cross-references, and report every problem at
// once with file:line:column. Never lets a bad file through.
import { resolve, sep } from 'node:path';
import { InputError, throwIfProblems, type Problem } from '../errors.js';
import { Questionnaire } from '../model/questionnaire.js';
import { cachedQuestionnaire, type CachedQuestionnaire } from './builtin-cache.js';
import { questionnaireHash } from './hash.js';
import { builtInDirectory } from './package-root.js';
import { crossReferenceProblems, shapeCheck, sortProblems } from './questionnaire-checks.js';
import { questionnaireDigest, rememberedQuestionnaire, rememberQuestionnaire } from './questionnaire-memo.js';
import { decodeUtf8, parseYaml } from './source.js';
import { READ_LIMITS, readRegularFile } from './safe-read.js';

export interface LoadedQuestionnaire {
  questionnaire: Questionnaire;
  /** The file it was read from. */
  file: string;
  /** questionnaireHash(questionnaire) */
  hash: string;
  builtIn: boolean;
}

export interface CheckOptions {
  /** The name used in problems (e.g. a path relative to the working folder); default: the file as given. */
  displayAs?: string;
}

export interface QuestionnaireCheck {
  loaded?: LoadedQuestionnaire;
  problems: Problem[];
  /** The document's `id` when it has a usable one, even if the file has problems (to say which questionnaire is broken). */
  id?: string;
}

/**
 * Checks questionnaire text (YAML or JSON). `file` is used in problems and in
 * the result. Pure apart from the built-in-folder lookup.
 */
export function checkQuestionnaireText(text: string, file: string): QuestionnaireCheck {
  const cached = cachedQuestionnaire(text);
  return cached ? fromCache(cached, file) : checkInFull(text, file);
}

/** A check answered by a cache (the build's or the memo's): no problems. */
function fromCache(cached: CachedQuestionnaire, file: string): QuestionnaireCheck {
  return { loaded: { ...cached, file, builtIn: isBuiltInFile(file) }, problems: [], id: cached.questionnaire.id };
}

/** checkQuestionnaireText without the build-time cache. */
function checkInFull(text: string, file: string): QuestionnaireCheck {
  const { doc, problems: syntax } = parseYaml(text, file);
  if (!doc) return { problems: syntax.map(withoutFinalStop) };
  const raw = doc.value;
  const id = raw && typeof raw === 'object' && !Array.isArray(raw) && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  const shape = shapeCheck(raw, doc);
  const problems = sortProblems([...shape.problems, ...crossReferenceProblems(raw, doc)]);
  if (problems.length > 0 || !shape.questionnaire) return { problems, ...(id !== undefined ? { id } : {}) };
  // the schema's own reading of the file, made by the check above (parsing it again took 8 ms)
  const questionnaire = shape.questionnaire;
  return {
    loaded: { questionnaire, file, hash: questionnaireHash(questionnaire), builtIn: isBuiltInFile(file) },
    problems: [],
    id: questionnaire.id,
  };
}

/** A questionnaire file as read: what the memo knows of its bytes, or else its text. */
type ReadQuestionnaire = { known: CachedQuestionnaire; digest?: undefined; text?: undefined } | { known?: undefined; digest: string | undefined; text: string };

/**
 * Reads a questionnaire file: the memo's answer when these very bytes passed
 * every check before (questionnaire-memo.ts), else the text and the digest to
 * remember it by. Throws InputError as readTextFile (unreadable, not UTF-8 text).
 */
function readQuestionnaireFile(file: string): ReadQuestionnaire {
  const bytes = readRegularFile(file, { maxBytes: READ_LIMITS.questionnaire, what: 'questionnaire' });
  const digest = questionnaireDigest(bytes);
  const known = rememberedQuestionnaire(digest);
  return known ? { known } : { digest, text: decodeUtf8(bytes, file) };
}

/**
 * The check of a file as read (readQuestionnaireFile): from a cache, else in full; a full
 * check without problems is remembered (not an unedited built-in: the bundle holds those).
 */
function checkRead(read: ReadQuestionnaire, file: string, name: string): QuestionnaireCheck {
  if (read.known) return fromCache(read.known, file);
  const built = cachedQuestionnaire(read.text);
  if (built) return fromCache(built, file);
  const check = checkInFull(read.text, name);
  if (check.loaded) {
    check.loaded = { ...check.loaded, file, builtIn: isBuiltInFile(file) };
    rememberQuestionnaire(read.digest, { questionnaire: check.loaded.questionnaire, hash: check.loaded.hash });
  }
  return check;
}

/** Parses and checks one questionnaire file; returns every problem found (never throws for bad content). */
export function checkQuestionnaireFile(file: string, options: CheckOptions = {}): QuestionnaireCheck {
  const name = options.displayAs ?? file;
  let read: ReadQuestionnaire;
  try {
    read = readQuestionnaireFile(file);
  } catch (error) {
    if (error instanceof InputError) return { problems: [withoutFinalStop(unreadable(error.message, file, name))] };
    throw error;
  }
  return checkRead(read, file, name);
}

/** Like checkQuestionnaireFile, but throws an InputError listing every problem. */
export function loadQuestionnaire(file: string, options: CheckOptions = {}): LoadedQuestionnaire {
  const name = options.displayAs ?? file;
  let read: ReadQuestionnaire;
  try {
    read = readQuestionnaireFile(file);
  } catch (error) {
    // a missing path or a folder is one sentence, not "1 problem found"
    if (error instanceof InputError && name !== file) throw new InputError(error.message.split(file).join(name), error.details);
    throw error;
  }
  const check = checkRead(read, file, name);
  throwIfProblems(check.problems, 'questionnaire');
  return check.loaded!;
}

/** A read refusal ("x does not exist; ...") as a Problem on the whole file. */
function unreadable(message: string, file: string, name: string): Problem {
  // readTextFile words its messages "<file> ..." or "<file>:<line>:<col> ..."
  const positioned = message.startsWith(`${file}:`) ? /^:(\d+):(\d+) (.*)$/s.exec(message.slice(file.length)) : null;
  if (positioned) {
    return { file: name, line: Number(positioned[1]), column: Number(positioned[2]), path: '', message: `this file ${positioned[3]}` };
  }
  const rest = message.startsWith(`${file} `) ? message.slice(file.length + 1) : message;
  const subject = rest.startsWith('is a folder') ? 'this path' : 'this file';
  return { file: name, line: 1, column: 1, path: '', message: `${subject} ${rest}` };
}

/** Problems read as one clause after "file:line:col path:", like the example; no trailing full stop. */
function withoutFinalStop(p: Problem): Problem {
  return p.message.endsWith('.') ? { ...p, message: p.message.slice(0, -1) } : p;
}

function isBuiltInFile(file: string): boolean {
  const dir = builtInDirectory();
  return dir !== undefined && resolve(file).startsWith(dir + sep);
}
