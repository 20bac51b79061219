// `readiness template <id|path> [-o FILE] [--force] [--csv]`: a blank answers file.
import type { Io } from '../io.js';
import { questionnaireArg, shellArg } from '../shell-arg.js';
import { inertName, UsageError } from '../../errors.js';
import { resolveBuiltInTemplateFast, resolveQuestionnaireLazily } from '../../load/resolve-fast.js';
import { writeFilesAtomically } from '../../store/write.js';

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  if (opts.csv) {
    // The survey CSV template lives in its own module (it pulls in CSV code).
    const csv: { run: (args: string[], opts: Record<string, unknown>, io: Io) => Promise<void> } = await import('./template-csv.js');
    await csv.run(args, opts, io);
    return;
  }
  if (typeof opts.from === 'string') {
    const from: { run: (args: string[], opts: Record<string, unknown>, io: Io) => Promise<void> } = await import('./template-from.js');
    await from.run(args, opts, io);
    return;
  }
  const ref = args[0];
  if (!ref) throw new UsageError('give a questionnaire id (see `readiness list`) or the path of a questionnaire file, or --from FILE to pre-fill it from an answers file or a stored result.');
  // a built-in's template was rendered at build time: printing it loads no YAML library
  const fast = resolveBuiltInTemplateFast(ref, io.cwd);
  const { questionnaire } = fast?.loaded ?? (await resolveQuestionnaireLazily(ref, io.cwd));
  const text = fast?.template ?? (await import('../../render/template.js')).renderTemplate(questionnaire);
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  if (!output || output === '-') {
    io.stdout(text);
    return;
  }
  writeFilesAtomically([{ path: output, content: text }], {
    cwd: io.cwd,
    force: opts.force === true,
    otherwise: 'or choose another file with -o',
  });
  // the answers file names the questionnaire by id: a questionnaire given as a path must be named again
  const q = ref === questionnaire.id ? '' : ` -q ${questionnaireArg(ref, questionnaire.id)}`;
  io.stdout(`Wrote a blank answers file for ${questionnaire.id} (${questionnaire.questions.length} questions): ${inertName(output)}\nFill it in, then run: readiness assess --answers ${shellArg(output)}${q}\n`);
}
