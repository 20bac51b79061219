// `readiness template [questionnaire] --from <answers file | result.json>`: a
// pre-filled answers file, for the next round or to recover the answers of a
// stored single-respondent result. Answers that the questionnaire no longer
// accepts are left blank and named.
import { resolve } from 'node:path';
import { inertName, InputError, UsageError } from '../../errors.js';
import { checkAnswers, readAnswersFile } from '../../load/answers.js';
import { resolveQuestionnaire } from '../../load/resolve.js';
import { READ_LIMITS } from '../../load/safe-read.js';
import { parseYaml, readTextFile } from '../../load/source.js';
import type { Answer } from '../../model/answers.js';
import type { Questionnaire } from '../../model/questionnaire.js';
import { renderTemplate, type FilledAnswers } from '../../render/template.js';
import { writeFilesAtomically } from '../../store/write.js';
import type { Io } from '../io.js';
import { shellArg } from '../shell-arg.js';

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const from = String(opts.from);
  // messages and the file's own comment name it quoted when the name holds a control character
  const named = inertName(from);
  const abs = resolve(io.cwd, from);
  const text = readTextFile(named, READ_LIMITS.result, 'file', abs);
  const stored = looksLikeResult(text);
  const source = stored ? await fromResult(named, abs) : fromAnswersFile(from, io.cwd);
  const ref = args[0] ?? source.questionnaire;
  if (!ref) throw new UsageError(`${named} names no questionnaire; give one: readiness template <questionnaire> --from ${shellArg(from)}.`);
  const { questionnaire } = resolveQuestionnaire(ref, io.cwd);

  const known = new Set(questionnaire.questions.map((q) => q.id));
  const outside = Object.keys(source.filled.answers).filter((id) => !known.has(id));
  let filled: FilledAnswers = { ...source.filled, answers: Object.fromEntries(Object.entries(source.filled.answers).filter(([id]) => known.has(id))) };
  // what this questionnaire no longer accepts (changed options, a condition now hiding it) is left blank
  const refused = refusedAnswers(questionnaire, filled);
  if (refused.length > 0) filled = { ...filled, answers: Object.fromEntries(Object.entries(filled.answers).filter(([id]) => !refused.some((r) => r.id === id))) };
  const textOut = renderTemplate(questionnaire, filled);

  if (outside.length > 0) io.stderr(`readiness: ${outside.length} answer${outside.length === 1 ? ' has' : 's have'} no question in ${questionnaire.id} and ${outside.length === 1 ? 'is' : 'are'} left out: ${outside.join(', ')}.\n`);
  if (refused.length > 0) {
    io.stderr(`readiness: ${refused.length} answer${refused.length === 1 ? ' is' : 's are'} not accepted by ${questionnaire.id} as it is now and ${refused.length === 1 ? 'is' : 'are'} left blank; answer ${refused.length === 1 ? 'it' : 'them'} again:\n`);
    for (const r of refused) io.stderr(`  ${r.id}: ${r.message}\n`);
  }
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  if (!output || output === '-') {
    io.stdout(textOut);
    return;
  }
  writeFilesAtomically([{ path: output, content: textOut }], { cwd: io.cwd, force: opts.force === true, otherwise: 'or choose another file with -o' });
  const n = Object.keys(filled.answers).length;
  io.stdout(
    `Wrote an answers file for ${questionnaire.id} with ${n} of ${questionnaire.questions.length} answers filled in from ${named}: ${inertName(output)}\n` +
      `Check or update it, then run: readiness assess --answers ${shellArg(output)}${ref === questionnaire.id ? '' : ` -q ${shellArg(ref)}`}\n`,
  );
}

/** A stored result is JSON with schemaVersion and a questionnaire object. */
function looksLikeResult(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    return typeof data.schemaVersion === 'number' && typeof data.questionnaire === 'object';
  } catch {
    return false;
  }
}

/** The answers of a single-respondent result; a combined result keeps no one's own answers, so it is refused. */
async function fromResult(shown: string, abs: string): Promise<{ questionnaire: string; filled: FilledAnswers }> {
  const { loadResult } = await import('../../load/result.js');
  const result = loadResult(abs);
  if (result.respondents.count !== 1) {
    throw new InputError(
      `${shown} combines ${result.respondents.count} respondents, and a combined result keeps only how many gave each answer, not anyone's own answers; use their answers files instead (an interview keeps one in reports/<organization>/answers/).`,
    );
  }
  const answers: Record<string, Answer> = {};
  for (const a of result.answers) {
    const note = a.note !== undefined ? { note: a.note } : {};
    if (a.status === 'answered' && a.value !== undefined) answers[a.questionId] = { status: 'answered', value: a.value, ...note };
    else if (a.status === 'dont-know' || a.status === 'not-applicable') answers[a.questionId] = { status: a.status, ...note };
    else if (a.note !== undefined) answers[a.questionId] = { status: 'unanswered', ...note };
  }
  const role = Object.keys(result.respondents.byRole).find((r) => r !== 'Role not given');
  const name = result.respondents.list?.[0]?.name;
  return {
    questionnaire: result.questionnaire.id,
    filled: {
      organization: result.organization,
      ...(name ? { respondent: name } : {}),
      ...(role ? { role } : {}),
      answers,
      comments: [`Pre-filled from the result ${shown} (assessed ${result.date}); the date is left blank for the next round.`],
    },
  };
}

/** The answers of an answers file, checked against the questionnaire it names. */
function fromAnswersFile(file: string, cwd: string): { questionnaire: string | undefined; filled: FilledAnswers } {
  const { parsed, problems } = readAnswersFile(file, cwd);
  if (!parsed) throw new InputError(`${inertName(file)} is not a readable answers file; fix it first.`, problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`));
  let answers: Record<string, Answer> = {};
  if (parsed.questionnaire !== undefined) {
    const { questionnaire } = resolveQuestionnaire(parsed.questionnaire, cwd);
    const checked = checkAnswers(parsed, questionnaire);
    const all = [...problems, ...checked.problems];
    if (all.length > 0) throw new InputError(`${inertName(file)} has ${all.length} problem${all.length === 1 ? '' : 's'}; fix ${all.length === 1 ? 'it' : 'them'} first.`, all.map((p) => `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`));
    answers = checked.response.answers;
  }
  for (const [id, a] of Object.entries(answers)) if (a.status === 'unanswered' && a.note === undefined) delete answers[id];
  return {
    questionnaire: parsed.questionnaire,
    filled: {
      ...(parsed.organization ? { organization: parsed.organization } : {}),
      ...(parsed.respondent ? { respondent: parsed.respondent } : {}),
      ...(parsed.role ? { role: parsed.role } : {}),
      ...(parsed.segments ? { segments: parsed.segments } : {}),
      answers,
      comments: [`Pre-filled from ${inertName(file)}${parsed.date ? ` (answered ${parsed.date})` : ''}; the date is left blank for the next round.`],
    },
  };
}

/** Answers the questionnaire would refuse, found by reading the rendered file back as `assess` does. */
function refusedAnswers(questionnaire: Questionnaire, filled: FilledAnswers): { id: string; message: string }[] {
  const text = renderTemplate(questionnaire, filled);
  const { doc } = parseYaml(text, 'pre-filled');
  if (!doc) return [];
  const raw = doc.value as Record<string, unknown>;
  const parsed = { file: 'pre-filled', doc, questionnaire: questionnaire.id, answers: (raw.answers ?? {}) as Record<string, unknown> };
  const seen = new Map<string, string>();
  for (const p of checkAnswers(parsed, questionnaire).problems) {
    const id = p.path.split('.')[1];
    if (id !== undefined && !seen.has(id)) seen.set(id, p.message);
  }
  return [...seen].map(([id, message]) => ({ id, message }));
}
