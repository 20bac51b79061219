// `readiness assess` in a terminal: choose or resume an interview, run the
// loop with a save after every answer, then finish exactly like --answers.
import { join, resolve as resolvePath } from 'node:path';
import { InputError, InterruptedError, ReadinessError, UsageError } from '../../errors.js';
import { checkStoredAnswer } from '../../load/answers.js';
import { constants as osConstants } from 'node:os';
import type { LoadedQuestionnaire } from '../../load/questionnaire.js';
import { listQuestionnaires, resolveQuestionnaire, type QuestionnaireSummary } from '../../load/resolve.js';
import type { Questionnaire } from '../../model/questionnaire.js';
import { isIsoDate } from '../../store/paths.js';
import {
  deleteSession,
  latestSession,
  loadSession,
  newSessionId,
  saveSession,
  SESSION_SCHEMA,
  sessionsDir,
  type Session,
} from '../../store/sessions.js';
import { finishAssessment, reportsFolder, type AssessCliOptions } from '../assess-finish.js';
import { wantsColor, type Io } from '../io.js';
import { makePaint } from '../paint.js';
import { fingerprints, InterviewLoop, progressOf, reconcile, toResponse, type Answers, type Style } from './loop.js';
import { PromptAbortedError, type Prompter } from './prompter.js';
import { wrap } from './wrap.js';
import { outputFlag, resumeCommand } from './resume-command.js';
import { orgFolderName } from '../../store/org-folder.js';
import { answersDir } from '../../store/paths.js';
import { writeNewFile } from '../../store/write.js';
import { renderTemplate } from '../../render/template.js';
import { parseFormats } from '../formats.js';
import { invocation, shellArg } from '../shell-arg.js';

export { resumeCommand };

/** Seams for tests; the CLI uses the defaults. */
export interface InterviewDeps {
  prompter?: Prompter;
  finish?: typeof finishAssessment;
  resolve?: (ref: string, cwd: string) => LoadedQuestionnaire;
  list?: (cwd: string) => QuestionnaireSummary[];
  now?: () => Date;
}

interface Started {
  loaded: LoadedQuestionnaire;
  session: Session;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** --segment unit=Sales --segment site=Leeds as { unit: 'Sales', site: 'Leeds' } (checked by the command). */
function segmentsOf(opts: Record<string, unknown>): Record<string, string> | undefined {
  const given = opts.segment;
  if (!Array.isArray(given) || given.length === 0) return undefined;
  return Object.fromEntries(given.map((g: string) => [g.slice(0, g.indexOf('=')).trim(), g.slice(g.indexOf('=') + 1).trim()]));
}

function makeStyle(color: boolean): Style {
  const paint = makePaint(color);
  return { heading: paint.bold, dim: paint.dim, warn: paint.yellow };
}

export async function runInterview(opts: Record<string, unknown>, io: Io, deps: InterviewDeps = {}): Promise<void> {
  if (!io.stdinIsTTY) {
    throw new UsageError(
      'An interview needs a terminal, and standard input is not one; score collected answers with `readiness assess --answers FILE`, or write a blank answers file to fill in with `readiness template <questionnaire>`.',
    );
  }
  const output = reportsFolder(opts);
  const outDir = resolvePath(io.cwd, output);
  const date = str(opts.date);
  if (date !== undefined && !isIsoDate(date)) {
    throw new UsageError(`--date ${date} is not a date; write it as YYYY-MM-DD, e.g. ${io.today()}.`);
  }
  const color = wantsColor(io, opts.color as boolean | undefined);
  const style = makeStyle(color);
  const say = (text: string) => io.stdout(`${text}\n`);
  const now = deps.now ?? (() => new Date());
  const resolveQ = deps.resolve ?? resolveQuestionnaire;
  const prompter =
    deps.prompter ?? (await (await import('./inquirer-prompter.js')).createInquirerPrompter({ color, columns: io.columns }));
  const env: Env = { opts, io, output, outDir, prompter, say, style, now, resolveQ, list: deps.list ?? listQuestionnaires };

  let started: Started;
  try {
    started = opts.resume !== undefined && opts.resume !== false ? resume(env) : await begin(env);
  } catch (error) {
    prompter.dispose?.();
    if (error instanceof PromptAbortedError) throw interrupted('Interrupted before the interview began; nothing was saved.', error.signal);
    throw error;
  }
  const { loaded } = started;
  const q = loaded.questionnaire;
  let session = started.session;
  const save = (answers: Answers) => {
    session = saveSession(outDir, { ...session, answers, progress: progressOf(q, answers) }, now);
  };

  const loop = new InterviewLoop({ questionnaire: q, prompter, say, autosave: save, style, width: io.columns }, session.answers);
  let answers: Answers;
  try {
    answers = await loop.run();
  } catch (error) {
    if (error instanceof PromptAbortedError) {
      save(loop.current);
      const { answered, total } = session.progress;
      throw interrupted(
        `Interrupted${error.signal && error.signal !== 'SIGINT' ? ` (${error.signal})` : ''}. ${answered} of ${total} questions are answered and saved${error.draft ? ', with the note being typed,' : ''} in ${sessionsDir(output)}; resume with: ${resumeCommand(session.id, output)}`,
        error.signal,
      );
    }
    throw error;
  } finally {
    // from here the report is published, which holds signals back on its own
    prompter.dispose?.();
  }
  save(answers);

  const response = toResponse(q, answers, {
    source: `interview ${session.id}`,
    organization: session.organization,
    date: session.date,
    ...(session.respondent ? { respondent: session.respondent } : {}),
    ...(session.role ? { role: session.role } : {}),
  });
  const folder = await orgFolderName(session.organization);
  const stem = session.respondent ? await orgFolderName(session.respondent) : 'interview';
  const assessOpts: AssessCliOptions = {
    respondentStem: stem,
    org: session.organization,
    date: session.date,
    output,
    pilots: typeof opts.pilots === 'number' ? opts.pilots : 3,
    minGroup: typeof opts.minGroup === 'number' ? opts.minGroup : 3,
    ...(opts.force === true ? { force: true } : {}),
    ...(opts.allowPartial === true ? { allowPartial: true } : {}),
    ...(opts.showRespondents === true ? { showRespondents: true } : {}),
    ...(opts.freeText === false ? { freeText: false } : {}),
    ...(opts.json === true ? { json: true } : {}),
    ...(typeof opts.color === 'boolean' ? { color: opts.color } : {}),
    ...(Array.isArray(opts.format) || typeof opts.format === 'string' ? { formats: parseFormats(opts.format) } : {}),
  };
  let answersFile: string;
  try {
    await (deps.finish ?? finishAssessment)(loaded, [response], assessOpts, io);
    // the respondent's answers, kept as data: combined later with `assess --answers`, never overwritten
    answersFile = writeNewFile(
      answersDir(output, folder),
      `${session.date}-${stem}`,
      '.yaml',
      renderTemplate(q, {
        organization: session.organization,
        ...(session.respondent ? { respondent: session.respondent } : {}),
        ...(session.role ? { role: session.role } : {}),
        date: session.date,
        ...(session.segments ? { segments: session.segments } : {}),
        answers: response.answers,
        comments: [`Written by the interview ${session.id} (${session.createdAt.slice(0, 10)} to ${now().toISOString().slice(0, 10)}).`],
      }),
      { cwd: io.cwd, root: output, mode: 0o600 },
    );
  } catch (error) {
    if (error instanceof ReadinessError) {
      // the answers stay on disk: nothing is lost because a report could not be written
      throw new ReadinessError(error.message, error.exitCode, [
        ...error.details,
        `Your answers are kept; after fixing this, finish with: ${resumeCommand(session.id, output)}`,
      ]);
    }
    throw error;
  }
  // only now that the answers file, report and result are safely written
  deleteSession(outDir, session.id);
  if (opts.json !== true) {
    io.stdout(`Answers: ${answersFile}\n`);
    io.stdout(style.dim(wrap(`Combine every interview and survey of ${session.organization} with: ${invocation(io)} assess --org ${shellArg(session.organization)} --all${outputFlag(output)}`, io.columns)) + '\n');
  }
}

/**
 * The interruption as an error with the conventional exit code: 128 + the
 * signal's number (SIGHUP 129, SIGINT 130, SIGTERM 143); Ctrl-C is 130.
 */
function interrupted(message: string, signal: NodeJS.Signals | undefined): ReadinessError {
  if (signal === undefined || signal === 'SIGINT') return new InterruptedError(message);
  return new ReadinessError(message, 128 + (osConstants.signals[signal] ?? 2));
}

/**
 * A session is a file anyone can edit: on resume every stored answer is
 * checked against the questionnaire again, like an answers file, before it can
 * be scored (a hand-edited 1e308 for a question allowed 1 to 120 is refused).
 * Returns the normalized answers; InputError naming the file and the question.
 */
function recheckSession(session: Session, q: Questionnaire, shown: string): Answers {
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const problems: string[] = [];
  const answers: Answers = {};
  if (!isIsoDate(session.date)) problems.push(`date: "${session.date.slice(0, 40)}" is not a real date written YYYY-MM-DD`);
  if (session.organization.trim() === '') problems.push('organization: it is empty');
  for (const [id, stored] of Object.entries(session.answers)) {
    const question = byId.get(id);
    if (!question) {
      if (problems.length < 10) problems.push(`answers.${id.slice(0, 60)}: "${q.id}" has no such question`);
      continue;
    }
    const checked = checkStoredAnswer(question, q, stored);
    if ('problem' in checked) problems.push(`answers.${id}: the answer to "${id}" ${checked.problem}`);
    else answers[id] = checked.answer;
  }
  if (problems.length > 0) {
    throw new InputError(
      `${shown} holds ${problems.length === 1 ? 'a value' : `${problems.length} values`} that the interview cannot use; fix ${problems.length === 1 ? 'it' : 'them'} in the file (or delete the file and start again).`,
      problems.map((p) => `${shown}: ${p}`),
    );
  }
  return answers;
}

interface Env {
  opts: Record<string, unknown>;
  io: Io;
  output: string;
  outDir: string;
  prompter: Prompter;
  say: (text: string) => void;
  style: Style;
  now: () => Date;
  resolveQ: (ref: string, cwd: string) => LoadedQuestionnaire;
  list: (cwd: string) => QuestionnaireSummary[];
}

/** How to find the questionnaire again on resume: the id of a built-in, else its absolute path. */
function refOf(loaded: LoadedQuestionnaire, cwd: string): string {
  return loaded.builtIn ? loaded.questionnaire.id : resolvePath(cwd, loaded.file);
}

async function chooseQuestionnaire(env: Env): Promise<LoadedQuestionnaire> {
  const { io, prompter, say } = env;
  const available = env.list(io.cwd);
  if (available.length === 0) {
    throw new UsageError('No questionnaires were found; name one with -q <id|path> (see `readiness list`).');
  }
  const pick = (s: QuestionnaireSummary) => env.resolveQ(s.builtIn ? s.id : s.file, io.cwd);
  if (available.length === 1) {
    say(`Using the only questionnaire available: ${available[0]!.title}.`);
    return pick(available[0]!);
  }
  const chosen = await prompter.menu({
    message: 'Which questionnaire?',
    items: available.map((s) => ({
      value: s,
      label: `${s.title} (${s.id}) — ${s.questions} question${s.questions === 1 ? '' : 's'}, about ${s.minutes} min`,
      ...(s.builtIn ? {} : { hint: s.file }),
    })),
  });
  return pick(chosen);
}

function openingScreen(env: Env, q: Questionnaire): void {
  const { say, style, io } = env;
  const conditional = q.questions.some((question) => question.when);
  const count = `${conditional ? 'up to ' : ''}${q.questions.length} question${q.questions.length === 1 ? '' : 's'}`;
  say(`\n${style.heading(`${q.title} (version ${q.version})`)}`);
  say(wrap(q.description, io.columns));
  say(style.dim(wrap(`${count} in ${q.dimensions.length} part${q.dimensions.length === 1 ? '' : 's'}, about ${q.minutes} minute${q.minutes === 1 ? '' : 's'}.`, io.columns)));
}

async function begin(env: Env): Promise<Started> {
  const { opts, io, prompter, say, style } = env;
  const ref = str(opts.questionnaire);
  const loaded = ref ? env.resolveQ(ref, io.cwd) : await chooseQuestionnaire(env);
  const q = loaded.questionnaire;
  openingScreen(env, q);
  say('');
  const organization = str(opts.org)?.trim() || (await prompter.input({ message: 'Organization assessed:', required: true }));
  const respondent = str(opts.respondent) ?? (await prompter.input({ message: 'Who is answering? (Enter to skip)' }));
  const role = str(opts.role) ?? (await prompter.input({ message: 'Their role (Enter to skip)' }));
  const id = newSessionId(env.outDir);
  const stamp = env.now().toISOString();
  const session = saveSession(
    env.outDir,
    {
      schema: SESSION_SCHEMA,
      id,
      createdAt: stamp,
      updatedAt: stamp,
      questionnaire: { id: q.id, title: q.title, version: q.version, hash: loaded.hash, ref: refOf(loaded, io.cwd) },
      fingerprints: fingerprints(q),
      organization,
      ...(respondent ? { respondent } : {}),
      ...(role ? { role } : {}),
      ...(segmentsOf(opts) ? { segments: segmentsOf(opts)! } : {}),
      date: str(opts.date) ?? io.today(),
      answers: {},
      progress: progressOf(q, {}),
    },
    env.now,
  );
  say(
    style.dim(
      wrap(
        `Answers are saved after each one. Press Ctrl-C at any time to stop; continue later with: ${resumeCommand(id, env.output)}`,
        io.columns,
      ),
    ),
  );
  say(style.dim(wrap('Choose with the arrow keys (or the number) and Enter. After each answer you may add a short note; Enter passes over it.', io.columns)));
  return { loaded, session };
}

function resume(env: Env): Started {
  const { opts, io, say, style, outDir, output } = env;
  const id = str(opts.resume);
  const found = id ? loadSession(outDir, id) : latestSession(outDir);
  if (!found) {
    throw new UsageError(`There is no unfinished interview in ${sessionsDir(output)}; start one with \`readiness assess\`${outputFlag(output)}.`);
  }
  let session: Session = found;
  const ref = str(opts.questionnaire) ?? session.questionnaire.ref;
  let loaded: LoadedQuestionnaire;
  try {
    loaded = env.resolveQ(ref, io.cwd);
  } catch (error) {
    if (!(error instanceof ReadinessError)) throw error;
    throw new UsageError(
      `Cannot open the questionnaire "${ref}" that interview ${session.id} uses (${error.message.replace(/\.$/, '')}); point to it with -q <id|path>.`,
      error.details,
    );
  }
  const q = loaded.questionnaire;
  if (q.id !== session.questionnaire.id) {
    throw new UsageError(`Interview ${session.id} uses the questionnaire "${session.questionnaire.id}", not "${q.id}"; leave out -q or name "${session.questionnaire.id}".`);
  }

  if (loaded.hash !== session.questionnaire.hash) {
    const r = reconcile(q, session.fingerprints, session.answers);
    const lines = [
      `The questionnaire "${q.title}" changed since this interview began (version ${session.questionnaire.version} then, ${q.version} now).`,
      `${Object.keys(r.answers).length} earlier answer${Object.keys(r.answers).length === 1 ? ' is' : 's are'} kept: their questions did not change.`,
    ];
    if (r.changed.length) lines.push(`Changed since, so they will be asked again: ${r.changed.map((x) => `"${x.text}"`).join('; ')}.`);
    if (r.removed.length) lines.push(`No longer in the questionnaire, so their answers are dropped: ${r.removed.join(', ')}.`);
    if (r.added.length) lines.push(`New questions: ${r.added.map((x) => `"${x.text}"`).join('; ')}.`);
    say(style.warn(lines.map((l) => wrap(l, io.columns)).join('\n')));
    session = {
      ...session,
      questionnaire: { ...session.questionnaire, title: q.title, version: q.version, hash: loaded.hash },
      answers: r.answers,
    };
  }
  session = { ...session, answers: recheckSession(session, q, join(sessionsDir(output), `${session.id}.json`)) };
  session = {
    ...session,
    fingerprints: fingerprints(q),
    ...(str(opts.org)?.trim() ? { organization: str(opts.org)!.trim() } : {}),
    ...(str(opts.respondent) !== undefined ? { respondent: str(opts.respondent)! } : {}),
    ...(str(opts.role) !== undefined ? { role: str(opts.role)! } : {}),
    ...(str(opts.date) !== undefined ? { date: str(opts.date)! } : {}),
    ...(segmentsOf(opts) ? { segments: { ...session.segments, ...segmentsOf(opts)! } } : {}),
    progress: progressOf(q, session.answers),
  };
  session = saveSession(outDir, session, env.now);
  const { answered, total } = session.progress;
  say(`\n${style.heading(`Resuming interview ${session.id}: ${q.title}, ${session.organization}`)}`);
  say(style.dim(`${answered} of ${total} questions answered so far${answered === total ? '; on to the review.' : '.'}`));
  return { loaded, session };
}
