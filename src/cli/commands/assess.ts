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
    const assessor = startAssessment(loaded, cli, io);
    const survey = await streamSurvey(csv, loaded, opts, io, (response) => assessor.add(response));
    if (survey.rows === 0) {
      throw new InputError(`${csv} has a header row but no respondent rows; give the export with one row per respondent.`);
    }
    const result = assessor.finish({ unmatchedCells: survey.unmatchedCells });
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
  const { forEachSurveyResponse } = await import('../../load/survey.js');
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
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
    },
    onResponse,
  );
  for (const warning of survey.warnings) io.stderr(`readiness: ${warning}\n`);
  // The cells counted as unanswered, by row and column, so they can be fixed in the export.
  const shown = new Set(survey.warnings);
  for (const problem of survey.problems.map(formatProblem)) if (!shown.has(problem)) io.stderr(`  ${problem}\n`);
  return survey;
}

/** The interview (and its prompt library) is imported only when it runs. */
async function loadInterview() {
  return import('../interview/run.js');
}
