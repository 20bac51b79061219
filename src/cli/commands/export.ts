// `readiness export <questionnaire> --to xlsform|limesurvey|surveyjs [-o FILE] [--force]`:
// the questionnaire as a form for the tool that fields the survey. The form's
// response export then reads back with `assess --responses` without a mapping
// file. exceljs (for the .xlsx) loads only for --to xlsform.
import type { Io } from '../io.js';
import { questionnaireArg, shellArg } from '../shell-arg.js';
import { inertName, UsageError } from '../../errors.js';
import { resolveQuestionnaire } from '../../load/resolve.js';
import { FORM_TARGETS, type FormTarget } from '../../render/forms/common.js';
import { writeFilesAtomically } from '../../store/write.js';

const TOOL_NAMES: Record<FormTarget, string> = {
  xlsform: 'XLSForm (KoboToolbox, ODK, SurveyCTO)',
  limesurvey: 'LimeSurvey survey structure',
  surveyjs: 'SurveyJS survey',
};

const NEXT_STEP: Record<FormTarget, string> = {
  xlsform: 'Upload it as a form in KoboToolbox, ODK Central or SurveyCTO; download the responses as CSV or XLS (XML values and headers)',
  limesurvey: 'Import it in LimeSurvey (Surveys > Create survey > Import); export the responses as CSV with question and answer codes',
  surveyjs: "Load it with SurveyJS (new Model(json)); save the respondents' survey.data objects as a JSON array",
};

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const ref = args[0];
  if (!ref) throw new UsageError('give a questionnaire id (see `readiness list`) or the path of a questionnaire file.');
  const to = opts.to as FormTarget | undefined;
  if (!to || !(FORM_TARGETS as readonly string[]).includes(to)) {
    throw new UsageError(`give the form tool with --to: ${FORM_TARGETS.join(', ')}.`);
  }
  if (typeof opts.output === 'string' && opts.output.trim() === '') throw new UsageError('-o needs a file name (or - for standard output).');
  const output = typeof opts.output === 'string' && opts.output !== '-' ? opts.output : undefined;
  if (to === 'xlsform') {
    if (!output) throw new UsageError('an XLSForm is an .xlsx workbook: name the file with -o, e.g. -o form.xlsx.');
    if (!/\.xlsx$/i.test(output)) throw new UsageError(`an XLSForm is an .xlsx workbook and the form tools look at the name: give -o a name ending in .xlsx (not ${shellArg(output)}).`);
  }
  const { questionnaire } = resolveQuestionnaire(ref, io.cwd);

  let content: string | Uint8Array;
  let warnings: string[];
  if (to === 'xlsform') {
    const { toXlsForm } = await import('../../render/forms/xlsform.js');
    const { writeXlsForm } = await import('../xlsform-workbook.js');
    const form = toXlsForm(questionnaire);
    content = await writeXlsForm(form);
    warnings = form.warnings;
  } else if (to === 'limesurvey') {
    const { toLimeSurvey } = await import('../../render/forms/limesurvey.js');
    const form = toLimeSurvey(questionnaire);
    content = form.text;
    warnings = form.warnings;
  } else {
    const { toSurveyJs } = await import('../../render/forms/surveyjs.js');
    const form = toSurveyJs(questionnaire);
    content = form.text;
    warnings = form.warnings;
  }
  const warn = () => {
    for (const w of warnings) io.stderr(`readiness: warning: ${w}\n`);
  };
  if (!output) {
    warn();
    io.stdout(content as string);
    return;
  }
  writeFilesAtomically([{ path: output, content }], {
    cwd: io.cwd,
    force: opts.force === true,
    otherwise: 'or choose another file with -o',
  });
  // after the write: a refused file gets its one sentence, not the form's warnings first
  warn();
  const q = ref === questionnaire.id ? questionnaire.id : questionnaireArg(ref, questionnaire.id);
  const conditions = questionnaire.questions.filter((x) => x.when).length;
  io.stdout(
    `Wrote the ${TOOL_NAMES[to]} of ${questionnaire.id} (${questionnaire.questions.length} questions, ${conditions} with a condition${warnings.length > 0 ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}): ${inertName(output)}\n` +
      `${NEXT_STEP[to]}, then run: readiness assess --responses EXPORT -q ${q}\n`,
  );
}
