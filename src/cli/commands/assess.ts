// `readiness assess`: dispatch to answers files, a survey CSV or the interview;
// all three end in finishAssessment.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { orgFolderName } from '../../store/org-folder.js';
import { ANSWERS_FOLDER, SURVEYS_FOLDER } from '../../store/paths.js';
import { formatProblem, inertName, InputError, UsageError } from '../../errors.js';
import { loadAnswersFiles } from '../../load/answers.js';
import type { LoadedQuestionnaire } from '../../load/questionnaire.js';
import type { IndexedResponse, Response } from '../../model/answers.js';
import { resolveBuiltInFast, resolveQuestionnaireLazily } from '../../load/resolve-fast.js';
import { assessmentOutput, assessOptions, decideDate, finishAssessment, startAssessment, writeAssessment, type AssessCliOptions, type AssessExtra } from '../assess-finish.js';
import type { Io } from '../io.js';
import { freeTextMode } from '../../score/personal-data.js';

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  let answers = Array.isArray(opts.answers) ? (opts.answers as string[]) : undefined;
  let surveys = await sameBytesOnce(onceEach(Array.isArray(opts.responses) ? (opts.responses as string[]) : typeof opts.responses === 'string' ? [opts.responses] : [], io), io);
  const questionnaireRef = typeof opts.questionnaire === 'string' ? opts.questionnaire : undefined;
  const cli = assessOptions(opts);
  const all = opts.all === true;

  if (opts.resume !== undefined && (answers || surveys.length > 0 || all)) {
    throw new UsageError('--resume continues an interview; it cannot be combined with --answers, --responses or --all.');
  }
  // A bad --date should fail before any work (and before an interview starts).
  if (cli.date !== undefined) decideDate(cli.date, [], io.today);

  const segmentColumns = Array.isArray(opts.segmentColumn) ? (opts.segmentColumn as string[]) : [];
  if (all || (answers && surveys.length > 0) || surveys.length > 1 || segmentColumns.length > 0) {
    if (all) {
      const registered = await registeredInputs(cli, io);
      answers = [...(answers ?? []), ...registered.answers];
      surveys = await sameBytesOnce(onceEach([...surveys, ...registered.surveys], io), io);
      if (answers.length === 0) answers = undefined;
    }
    await assessEngagement(answers, surveys, questionnaireRef, opts, cli, io);
    return;
  }
  const csv = surveys[0];

  if (answers) {
    const { loaded, responses, missing } = await loadAnswers(answers, io.cwd, questionnaireRef);
    if (missing.length > 0 && !cli.allowPartial) throw missingRequiredError(missing);
    await finishAssessment(loaded, responses, cli, io, { partial: missing.length > 0, views: viewsOf(responses, [], 0) });
    return;
  }

  if (csv) {
    if (!questionnaireRef) {
      throw new UsageError('a survey export does not name its questionnaire; give -q <id|path> (see `readiness list`).');
    }
    const loaded = await resolveQuestionnaireLazily(questionnaireRef, io.cwd);
    // one streaming pass: each row is scored into running counts as it is read, none is kept
    const assessor = await startAssessment(loaded, cli, io);
    const survey = await streamSurvey(csv, loaded, opts, io, (response) => assessor.addIndexed(response));
    if (survey.rows === 0) {
      throw new InputError(
        survey.rowsRead === 0
          ? `${csv} has a header row but no respondent rows; give the export with one row per respondent.`
          : `${csv} has ${survey.rowsRead} row${survey.rowsRead === 1 ? '' : 's'} but none could be scored (see the notes above); fix the rows set aside, or give --include-unfinished for unfinished responses.`,
      );
    }
    const result = assessor.finish({
      unmatchedCells: survey.unmatchedCells,
      survey: {
        rowsRead: survey.rowsRead,
        respondents: survey.rows,
        setAside: survey.setAside.count,
        setAsideLines: survey.setAside.lines,
        unfinished: survey.unfinished.count,
        unfinishedIncluded: !survey.unfinished.excluded,
        rolesRefused: survey.rolesRefused.count,
        otherAnswers: survey.otherTexts,
        format: survey.format,
      },
    });
    await writeAssessment(loaded, assessmentOutput(result), cli, io);
    return;
  }

  if (opts.resume === undefined && !io.stdinIsTTY) {
    throw new UsageError(
      'the interview needs a terminal, and standard input is not one; give answers files with --answers FILE (start one with `readiness template <questionnaire>`), or a survey export with --responses.',
    );
  }
  const interview = await loadInterview();
  await interview.runInterview(opts, io);
}

/**
 * What --all takes for the organization: every answers file in
 * <output>/<org>/answers/ (the interviews write theirs there) and every survey
 * export (.csv, .tsv, .txt, .xlsx, SurveyJS .json) in <output>/<org>/surveys/.
 */
async function registeredInputs(cli: AssessCliOptions, io: Io): Promise<{ answers: string[]; surveys: string[] }> {
  if (!cli.org?.trim()) throw new UsageError('--all takes every answers file and survey export of one organization; name it with --org "<name>".');
  const folder = join(cli.output, await orgFolderName(cli.org.trim()));
  const list = (dir: string, ext: RegExp) => {
    try {
      return readdirSync(resolve(io.cwd, dir), { withFileTypes: true })
        .filter((e) => !e.name.startsWith('.') && ext.test(e.name) && !e.isDirectory())
        .map((e) => join(dir, e.name))
        .sort();
    } catch {
      return [];
    }
  };
  const answersFolder = join(folder, ANSWERS_FOLDER);
  const surveysFolder = join(folder, SURVEYS_FOLDER);
  const found = { answers: list(answersFolder, /\.(ya?ml|json)$/i).length > 0 ? [answersFolder] : [], surveys: await surveyExports(surveysFolder, io) };
  if (found.answers.length > 0) found.answers = await ownAnswers(answersFolder, cli.org.trim(), io);
  if (found.answers.length === 0 && found.surveys.length === 0) {
    throw new InputError(
      `nothing is kept for ${cli.org.trim()} yet: interviews write their answers files to ${answersFolder}/, and survey exports are taken from ${surveysFolder}/; put the exports there (or give --answers and --responses).`,
    );
  }
  return found;
}

/**
 * The exports in the surveys folder that --all reads (see surveyFolderPlan); a spreadsheet it
 * cannot read (.xls, .ods, ...) is named on stderr with what to do, never passed by without a word.
 */
async function surveyExports(dir: string, io: Io): Promise<string[]> {
  const { surveyFolderPlan } = await import('../../store/survey-files.js');
  let entries: { name: string; isDirectory: boolean }[];
  try {
    entries = readdirSync(resolve(io.cwd, dir), { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
  } catch {
    return [];
  }
  const plan = surveyFolderPlan(entries);
  for (const file of plan.leftOut) io.stderr(`readiness: ${join(dir, file.name)} is left out: it is ${file.what}, which this tool cannot read; ${file.todo}.\n`);
  return plan.read.map((name) => join(dir, name));
}

/**
 * The answers folder, or the files of it that count, when some do not:
 * - two names can share one folder ("Acme Inc" and "Acme Inç" both write to
 *   acme-inc/), and a file naming another organization is not this one's;
 * - the folder keeps every round's interviews (a respondent interviewed again
 *   six months later has two files), and one respondent counts once: the file
 *   with the latest date (then the last in name order) is taken.
 * Each file left out is named on stderr (without the respondent's name). Files
 * that cannot be read are kept, so the loader refuses them by name.
 */
async function ownAnswers(folder: string, org: string, io: Io): Promise<string[]> {
  const { expandAnswersPaths, readAnswersFile } = await import('../../load/answers.js');
  const { orgKey, sameOrganizationName } = await import('../../model/organization.js');
  const { isIsoDate } = await import('../../store/paths.js');
  let files: string[];
  try {
    files = expandAnswersPaths([folder], io.cwd);
  } catch {
    return [folder];
  }
  const kept: string[] = [];
  // respondent key -> the file that counts for them, and its date
  const latest = new Map<string, { file: string; date: string }>();
  const dateOf = new Map<string, { key: string; date: string }>();
  for (const file of files) {
    let parsed: ReturnType<typeof readAnswersFile>['parsed'];
    try {
      parsed = readAnswersFile(file, io.cwd).parsed;
    } catch {
      parsed = undefined;
    }
    const named = parsed?.organization?.trim();
    if (named && !sameOrganizationName(named, org)) {
      io.stderr(`readiness: ${inertName(file)} is left out: it names the organization "${named.slice(0, 80)}", not "${org}".\n`);
      continue;
    }
    kept.push(file);
    const who = parsed?.respondent?.trim();
    if (!who) continue;
    const key = orgKey(who);
    const date = parsed?.date !== undefined && isIsoDate(parsed.date) ? parsed.date : '';
    dateOf.set(file, { key, date });
    const best = latest.get(key);
    // files come sorted by name: a later one of the same date (an interview's -2) wins
    if (!best || date >= best.date) latest.set(key, { file, date });
  }
  const counted = kept.filter((file) => {
    const mine = dateOf.get(file);
    if (!mine) return true;
    const best = latest.get(mine.key)!;
    if (best.file === file) return true;
    io.stderr(`readiness: ${inertName(file)} is left out: the same respondent answered again in ${inertName(best.file)}${best.date ? ` (${best.date})` : ''}, which counts; each respondent counts once.\n`);
    return false;
  });
  return counted.length === files.length ? [folder] : counted;
}

/**
 * Every interview, answers file and survey export of one client in one
 * assessment: answers files first (checked against -q; another questionnaire's
 * answers count for the questions it shares), then each survey streamed into
 * the same tally (questions without a column count as not asked). One report
 * and one result; views by role, by source and by segment.
 */
async function assessEngagement(
  answers: string[] | undefined,
  surveys: string[],
  questionnaireRef: string | undefined,
  opts: Record<string, unknown>,
  cli: AssessCliOptions,
  io: Io,
): Promise<void> {
  let ref = questionnaireRef;
  if (ref === undefined && answers) ref = await largestNamedQuestionnaire(answers, io);
  if (ref === undefined) {
    throw new UsageError('survey exports do not name their questionnaire; give -q <id|path> (see `readiness list`).');
  }
  let loaded: LoadedQuestionnaire;
  let responses: Response[] = [];
  let partial = false;
  if (answers) {
    const got = await loadAnswers(answers, io.cwd, ref);
    if (got.missing.length > 0 && !cli.allowPartial) throw missingRequiredError(got.missing);
    partial = got.missing.length > 0;
    loaded = got.loaded;
    responses = got.responses;
  } else {
    loaded = await resolveQuestionnaireLazily(ref, io.cwd);
  }
  const segmentColumns = Array.isArray(opts.segmentColumn) ? (opts.segmentColumn as string[]) : [];
  const assessor = await startAssessment(loaded, cli, io, { partial }, responses, viewsOf(responses, segmentColumns, surveys.length));
  for (const r of responses) assessor.add(r);
  const totals = { rowsRead: 0, respondents: 0, setAside: 0, setAsideLines: [] as number[], unfinished: 0, unfinishedIncluded: false, rolesRefused: 0, otherAnswers: 0, formats: [] as string[], unmatched: 0 };
  for (const csv of surveys) {
    // pooled with other sources, a question the survey had no column for was not asked of its respondents
    const pooled = opts.all === true || responses.length > 0 || surveys.length > 1;
    const survey = await streamSurvey(csv, loaded, { ...opts, segmentColumns, notAskedWithoutColumn: pooled }, io, (response) => assessor.addIndexed(response));
    if (survey.rows === 0) {
      throw new InputError(
        survey.rowsRead === 0
          ? `${csv} has a header row but no respondent rows; give the export with one row per respondent.`
          : `${csv} has ${survey.rowsRead} row${survey.rowsRead === 1 ? '' : 's'} but none could be scored (see the notes above); fix the rows set aside, or give --include-unfinished for unfinished responses.`,
      );
    }
    totals.rowsRead += survey.rowsRead;
    totals.respondents += survey.rows;
    totals.setAside += survey.setAside.count;
    if (surveys.length === 1) totals.setAsideLines = survey.setAside.lines;
    totals.unfinished += survey.unfinished.count;
    totals.unfinishedIncluded = !survey.unfinished.excluded;
    totals.rolesRefused += survey.rolesRefused.count;
    totals.otherAnswers += survey.otherTexts;
    if (!totals.formats.includes(survey.format)) totals.formats.push(survey.format);
    totals.unmatched += survey.unmatchedCells;
  }
  const result = assessor.finish({
    unmatchedCells: totals.unmatched,
    ...(surveys.length > 0
      ? {
          survey: {
            rowsRead: totals.rowsRead,
            respondents: totals.respondents,
            setAside: totals.setAside,
            setAsideLines: totals.setAsideLines,
            unfinished: totals.unfinished,
            unfinishedIncluded: totals.unfinishedIncluded,
            rolesRefused: totals.rolesRefused,
            otherAnswers: totals.otherAnswers,
            format: totals.formats.join(', '),
          },
        }
      : {}),
  });
  await writeAssessment(loaded, assessmentOutput(result), cli, io);
}

/**
 * The survey exports, each once, in the order given: the same file named twice (another
 * spelling of its path, a link to it, or --all beside --responses) would count every one of
 * its respondents twice. Told apart by device and inode; a path that cannot be looked at is
 * kept as it is (the reader names what is wrong with it).
 */
function onceEach(surveys: string[], io: Io): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const file of surveys) {
    let key: string;
    try {
      const st = statSync(resolve(io.cwd, file));
      key = `${st.dev}:${st.ino}`;
    } catch {
      key = resolve(io.cwd, file);
    }
    const first = seen.get(key);
    if (first !== undefined) {
      io.stderr(`readiness: ${inertName(file)} is the same file as ${inertName(first)}; its respondents are counted once.\n`);
      continue;
    }
    seen.set(key, file);
    out.push(file);
  }
  return out;
}

/**
 * The survey exports with each content once: the same export saved twice under two names
 * (sent twice by the client: staff.csv and "staff (1).csv") would count every respondent
 * twice. Identical bytes (sha256 of the file; only files of one size are hashed) are read
 * once, under the shortest of their names, at the place of the first; each copy left out is
 * named on stderr beside the one read. The same export as .csv and .xlsx (other bytes) is
 * not looked for. A file that cannot be hashed is kept (the reader names what is wrong).
 */
async function sameBytesOnce(surveys: string[], io: Io): Promise<string[]> {
  if (surveys.length < 2) return surveys;
  const sizes = surveys.map((file) => {
    try {
      const st = statSync(resolve(io.cwd, file));
      return st.isFile() ? st.size : -1;
    } catch {
      return -1;
    }
  });
  const shared = sizes.filter((size, i) => size >= 0 && sizes.indexOf(size) !== i);
  if (shared.length === 0) return surveys;
  const { fileSha256, READ_LIMITS } = await import('../../load/safe-read.js');
  // content hash -> the indexes of the files holding it, in the order given
  const byHash = new Map<string, number[]>();
  const hashes = surveys.map((file, i) => {
    if (!shared.includes(sizes[i]!)) return undefined;
    try {
      const hash = fileSha256(file, { path: resolve(io.cwd, file), maxBytes: READ_LIMITS.csv, what: 'survey export' });
      byHash.set(hash, [...(byHash.get(hash) ?? []), i]);
      return hash;
    } catch {
      return undefined;
    }
  });
  const name = (file: string) => basename(file).length;
  const out: string[] = [];
  surveys.forEach((file, i) => {
    const same = hashes[i] === undefined ? [i] : byHash.get(hashes[i]!)!;
    if (same.length === 1) {
      out.push(file);
      return;
    }
    const kept = same.reduce((best, j) => (name(surveys[j]!) < name(surveys[best]!) ? j : best), same[0]!);
    if (i === same[0]) out.push(surveys[kept]!);
    if (i !== kept) io.stderr(`readiness: ${file} holds the same bytes as ${surveys[kept]} (the same export saved twice); its respondents are counted once.\n`);
  });
  return out;
}

/** Views beside role: by source when there are several kinds or files, by every segment named. */
function viewsOf(responses: Response[], segmentColumns: string[], surveys: number): AssessExtra['views'] {
  const segments = segmentSpecs([...responses.flatMap((r) => Object.keys(r.segments ?? {})), ...segmentColumns]);
  const source = new Set(responses.map((r) => r.origin?.kind ?? 'answers')).size + surveys > 1;
  return source || segments.length > 0 ? { source, segments } : undefined;
}

/** Segment attributes in order of first appearance, one per name ignoring case: "unit" and "Unit" are one. */
function segmentSpecs(names: string[]): { id: string; title: string; plural: string }[] {
  const out = new Map<string, { id: string; title: string; plural: string }>();
  for (const name of names) {
    const id = name.trim().toLowerCase();
    if (id === '' || id === 'role' || id === 'source' || out.has(id)) continue;
    const title = name.trim().charAt(0).toUpperCase() + name.trim().slice(1);
    out.set(id, { id, title, plural: /s$/i.test(id) ? id : `${id}s` });
  }
  return [...out.values()];
}

/**
 * Without -q: the questionnaire the answers files name; when they name several
 * (leaders answered the full interview, staff the quick check), the one with
 * the most questions, so the shorter one's answers count for what they share.
 */
async function largestNamedQuestionnaire(answers: string[], io: Io): Promise<string | undefined> {
  const { expandAnswersPaths, readAnswersFile } = await import('../../load/answers.js');
  const ids = new Set<string>();
  for (const file of expandAnswersPaths(answers, io.cwd)) {
    const { parsed } = readAnswersFile(file, io.cwd);
    if (parsed?.questionnaire) ids.add(parsed.questionnaire);
  }
  if (ids.size <= 1) return [...ids][0];
  const { resolveQuestionnaire } = await import('../../load/resolve.js');
  const sized = [...ids].map((id) => ({ id, n: resolveQuestionnaire(id, io.cwd).questionnaire.questions.length })).sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : 1));
  io.stderr(`readiness: the answers files name ${[...ids].sort().join(' and ')}; pooled into ${sized[0]!.id}, which has the most questions (the others' answers count for the questions they share). Give -q to choose another.\n`);
  return sized[0]!.id;
}

/** Thrown by the fast resolver when the full one is needed: then the answers are loaded again with it. */
class NeedsFullResolver extends Error {}

/**
 * Loads answers with the built-in cache first; only when the questionnaire is
 * not an unedited built-in is the full resolver (and its checker) imported.
 */
async function loadAnswers(answers: string[], cwd: string, questionnaireRef: string | undefined) {
  try {
    return loadAnswersFiles(answers, {
      cwd,
      questionnaireRef,
      resolveQuestionnaire: (ref, at) => {
        const fast = resolveBuiltInFast(ref, at);
        if (!fast) throw new NeedsFullResolver();
        return fast;
      },
    });
  } catch (error) {
    if (!(error instanceof NeedsFullResolver)) throw error;
  }
  const { resolveQuestionnaire } = await import('../../load/resolve.js');
  return loadAnswersFiles(answers, { cwd, questionnaireRef, resolveQuestionnaire });
}

function missingRequiredError(missing: { file: string; questionIds: string[] }[]): InputError {
  const n = missing.reduce((sum, m) => sum + m.questionIds.length, 0);
  const where = missing.length === 1 ? missing[0]!.file : `${missing.length} answers files`;
  return new InputError(
    `${where} leave${missing.length === 1 ? 's' : ''} ${n} required question${n === 1 ? '' : 's'} unanswered; answer ${n === 1 ? 'it' : 'them'}, or use --allow-partial to score anyway (the report will say it is partial).`,
    missing.map((m) => `${m.file}: ${m.questionIds.join(', ')}`),
  );
}

/** The CSV helper's loader, imported only when a survey is given (keeps start-up light). */
async function streamSurvey(
  file: string,
  loaded: LoadedQuestionnaire,
  opts: Record<string, unknown>,
  io: Io,
  onResponse: (response: IndexedResponse) => void,
) {
  const { forEachSurveyResponse, SURVEY_FORMATS } = await import('../../load/survey.js');
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const format = str(opts.from)?.toLowerCase();
  if (format !== undefined && !(SURVEY_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--from must be one of ${SURVEY_FORMATS.join(', ')}; "${str(opts.from)}" is not.`);
  }
  const encoding = str(opts.encoding);
  if (encoding !== undefined) {
    const { encodingExists } = await import('../../load/csv.js');
    if (!encodingExists(encoding)) throw new UsageError(`--encoding "${encoding}" is not an encoding this tool knows; try utf-8, utf-16le, windows-1252 or iso-8859-15.`);
  }
  const readable = resolve(io.cwd, file) === resolve(file) ? file : resolve(io.cwd, file);
  const map = str(opts.map);
  const survey = await forEachSurveyResponse(
    readable,
    loaded,
    {
      map: map === undefined ? undefined : resolve(io.cwd, map) === resolve(map) ? map : resolve(io.cwd, map),
      roleColumn: str(opts.roleColumn),
      respondentColumn: str(opts.respondentColumn),
      strict: opts.strict === true,
      format: format as never,
      encoding,
      sheet: str(opts.sheet),
      includeUnfinished: opts.includeUnfinished === true,
      ...(Array.isArray(opts.segmentColumns) ? { segmentColumns: opts.segmentColumns as string[] } : {}),
      ...(opts.notAskedWithoutColumn === true ? { notAskedWithoutColumn: true } : {}),
      // cell texts quoted in warnings: redacted like the report's free text unless --show-respondents
      freeText: freeTextMode({ showRespondents: opts.showRespondents === true, freeText: opts.freeText !== false }),
    },
    onResponse,
  );
  for (const warning of survey.warnings) io.stderr(`readiness: ${warning}\n`);
  // The cells counted as unanswered, once per distinct text, so they can be fixed in the export or the mapping.
  for (const problem of survey.problems.map(formatProblem)) io.stderr(`  ${problem}\n`);
  if (survey.fixes.length > 0) {
    io.stderr(`readiness: these lines in a mapping file (--map${str(opts.map) ? ` ${str(opts.map)}` : ''}) would match what is left; check each value:\n`);
    for (const line of survey.fixes) io.stderr(`  ${line}\n`);
  }
  return survey;
}

/** The interview (and its prompt library) is imported only when it runs. */
async function loadInterview() {
  return import('../interview/run.js');
}
