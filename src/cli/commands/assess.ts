// `readiness assess`: dispatch to answers files, a survey CSV or the interview;
// all three end in finishAssessment.
import { resolve } from 'node:path';
import { formatProblem, InputError, UsageError } from '../../errors.js';
import { loadAnswersFiles } from '../../load/answers.js';
import type { LoadedQuestionnaire } from '../../load/questionnaire.js';
import type { Response } from '../../model/answers.js';
import { resolveBuiltInFast, resolveQuestionnaireLazily } from '../../load/resolve-fast.js';
import { assessmentOutput, assessOptions, decideDate, finishAssessment, startAssessment, writeAssessment } from '../assess-finish.js';
import type { Io } from '../io.js';

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const answers = Array.isArray(opts.answers) ? (opts.answers as string[]) : undefined;
  const csv = typeof opts.responses === 'string' ? opts.responses : undefined;
  const questionnaireRef = typeof opts.questionnaire === 'string' ? opts.questionnaire : undefined;
  const cli = assessOptions(opts);

  if (answers && csv) {
    throw new UsageError('give either --answers or --responses, not both; score answers files and a survey export in separate runs.');
  }
  if (opts.resume !== undefined && (answers || csv)) {
    throw new UsageError('--resume continues an interview; it cannot be combined with --answers or --responses.');
  }
  // A bad --date should fail before any work (and before an interview starts).
  if (cli.date !== undefined) decideDate(cli.date, [], io.today);

  if (answers) {
    const { loaded, responses, missing } = await loadAnswers(answers, io.cwd, questionnaireRef);
    if (missing.length > 0 && !cli.allowPartial) throw missingRequiredError(missing);
    await finishAssessment(loaded, responses, cli, io, { partial: missing.length > 0 });
    return;
  }

  if (csv) {
    if (!questionnaireRef) {
      throw new UsageError('a survey export does not name its questionnaire; give -q <id|path> (see `readiness list`).');
    }
    const loaded = await resolveQuestionnaireLazily(questionnaireRef, io.cwd);
    // one streaming pass: each row is scored into running counts as it is read, none is kept
    const assessor = await startAssessment(loaded, cli, io);
    const survey = await streamSurvey(csv, loaded, opts, io, (response) => assessor.add(response));
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
  onResponse: (response: Response) => void,
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
