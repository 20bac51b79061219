// `readiness template <id|path> --csv [-o FILE] [--force]`: a survey CSV header
// row plus a mapping skeleton next to it (survey.csv -> survey.mapping.yaml).
// Both files are written atomically, and neither when either already exists
// (unless --force). `-o -` prints only the header row.
import { inertName, UsageError } from '../../errors.js';
import { resolveQuestionnaire } from '../../load/resolve.js';
import { renderCsvTemplate } from '../../render/csv-template.js';
import { writeFilesAtomically } from '../../store/write.js';
import type { Io } from '../io.js';
import { questionnaireArg, shellArg } from '../shell-arg.js';

/** survey.csv -> survey.mapping.yaml; other names get ".mapping.yaml" appended. */
export function mappingPathFor(csvPath: string): string {
  return /\.(csv|tsv|txt)$/i.test(csvPath) ? csvPath.replace(/\.(csv|tsv|txt)$/i, '.mapping.yaml') : `${csvPath}.mapping.yaml`;
}

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const ref = args[0];
  if (!ref) throw new UsageError('give a questionnaire id (see `readiness list`) or the path of a questionnaire file.');
  const { questionnaire } = resolveQuestionnaire(ref, io.cwd);
  const output = typeof opts.output === 'string' && opts.output !== '' ? opts.output : `${questionnaire.id}-survey.csv`;
  if (output === '-') {
    io.stdout(renderCsvTemplate(questionnaire, { csv: 'the survey CSV' }).csv.replace(/^\uFEFF/, ''));
    return;
  }
  const mappingPath = mappingPathFor(output);
  const { csv, mapping } = renderCsvTemplate(questionnaire, { csv: output });
  writeFilesAtomically(
    [
      { path: output, content: csv },
      { path: mappingPath, content: mapping },
    ],
    { cwd: io.cwd, force: opts.force === true, otherwise: 'or choose another file with -o' },
  );
  io.stdout(
    [
      `Wrote a survey header row for ${questionnaire.id} (a role column and ${questionnaire.questions.length} questions): ${inertName(output)}`,
      `Wrote the column mapping: ${inertName(mappingPath)}`,
      `Build your form with these questions (or collect answers in the CSV), then run:`,
      `  readiness assess --responses <export.csv> --map ${shellArg(mappingPath)} -q ${questionnaireArg(ref, questionnaire.id)} --org "<organization>"`,
      '',
    ].join('\n'),
  );
}
