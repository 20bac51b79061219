// Options that do not apply to what a command was asked to do are usage
// mistakes (exit 2), not something to ignore silently: a user who adds
// `--strict` to an answers-file run believes something was checked.
import { UsageError } from '../errors.js';
import { checkNamedFormat, formatOfName, parseFormats, type Format } from './formats.js';

type Opts = Record<string, unknown>;

/** The flag as the user typed it, for messages: roleColumn → --role-column. */
function flag(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const given = (opts: Opts, key: string): boolean => opts[key] !== undefined && opts[key] !== false && !(Array.isArray(opts[key]) && opts[key].length === 0);

/** Options read only from a survey export (--responses). */
const SURVEY_ONLY = ['map', 'from', 'encoding', 'sheet', 'includeUnfinished', 'roleColumn', 'respondentColumn', 'strict'] as const;
/** Options that describe the one person answering an interview. */
const INTERVIEW_ONLY = ['respondent', 'role', 'segment'] as const;

/** The formats asked; for `report` and `compare` (`namesFile`) without --format, the one the -o file's name says. */
function formatsOf(opts: Opts, namesFile = false): string[] {
  if (typeof opts.format === 'string') return opts.format.split(',').map((f) => f.trim().toLowerCase());
  const output = namesFile && typeof opts.output === 'string' && opts.output !== '-' ? opts.output : undefined;
  return [(output !== undefined ? formatOfName(output) : undefined) ?? 'md'];
}

/**
 * `-o client.pdf --format md` is refused before anything is read or rendered; an
 * unknown format is left to the command, which says so where it reads --format.
 */
function namedFormatMatches(opts: Opts): void {
  if (typeof opts.output !== 'string' || opts.output === '-' || typeof opts.format !== 'string') return;
  let formats: Format[];
  try {
    formats = parseFormats(opts.format);
  } catch {
    return;
  }
  checkNamedFormat(opts.output, formats);
}

function browserNeedsPdf(opts: Opts, namesFile = false): void {
  if (given(opts, 'browser') && !formatsOf(opts, namesFile).includes('pdf')) {
    throw new UsageError('--browser is used only to print a PDF; add --format pdf (e.g. --format md,pdf) or remove --browser.');
  }
}

/**
 * Throws a UsageError (exit 2) when an option was given that the command, as
 * invoked, would ignore. `opts` are the parsed options (defaults included:
 * only options without defaults are checked here), `args` the positional
 * arguments.
 */
export function checkApplicable(command: string, args: string[], opts: Opts): void {
  switch (command) {
    case 'assess':
      return checkAssess(opts);
    case 'report':
      namedFormatMatches(opts);
      browserNeedsPdf(opts, true);
      if (given(opts, 'force') && typeof opts.output !== 'string') {
        throw new UsageError('--force only matters with -o FILE (standard output is never a file to replace); add -o FILE or remove --force.');
      }
      return;
    case 'compare':
      namedFormatMatches(opts);
      browserNeedsPdf(opts, true);
      return;
    case 'template':
      if (given(opts, 'force') && (typeof opts.output !== 'string' || opts.output === '-')) {
        throw new UsageError('--force only matters with -o FILE (standard output is never a file to replace); add -o FILE or remove --force.');
      }
      return;
    case 'plan':
      if (given(opts, 'json') && !given(opts, 'check')) {
        throw new UsageError('--json applies to `readiness plan --check` (the plan itself is YAML); add --check or remove --json.');
      }
      if (given(opts, 'force') && given(opts, 'check')) {
        throw new UsageError('--force replaces a plan, but --check only reads it; remove one of them.');
      }
      return;
    default:
      void args;
  }
}

function list(flags: string[]): string {
  return flags.length === 1 ? flags[0]! : `${flags.slice(0, -1).join(', ')} and ${flags[flags.length - 1]}`;
}

function checkAssess(opts: Opts): void {
  const answers = given(opts, 'answers');
  const survey = given(opts, 'responses');
  // answers and surveys pooled (or --all, which pools whatever is stored): every option may apply
  if ((answers && survey) || given(opts, 'all')) return;
  const surveyOnly = survey ? [] : SURVEY_ONLY.filter((k) => given(opts, k)).map(flag);
  const interviewOnly = answers || survey ? INTERVIEW_ONLY.filter((k) => given(opts, k)).map(flag) : [];
  const parts: string[] = [];
  if (surveyOnly.length > 0) parts.push(`${list(surveyOnly)} appl${surveyOnly.length === 1 ? 'ies' : 'y'} only to a survey export (--responses FILE)`);
  if (interviewOnly.length > 0) {
    const why = survey ? 'a survey names roles, respondents and segments in its columns: --role-column, --respondent-column' : 'each answers file names its own respondent, role and segments';
    parts.push(`${list(interviewOnly)} appl${interviewOnly.length === 1 ? 'ies' : 'y'} only to an interview (${why})`);
  }
  if (parts.length > 0) {
    const all = [...surveyOnly, ...interviewOnly];
    const what = answers ? 'answers files' : survey ? 'a survey export' : 'an interview';
    throw new UsageError(`${parts.join(', and ')}, not to ${what}; remove ${all.length === 1 ? all[0] : 'them'}.`);
  }
  if (survey) {
    const files = (Array.isArray(opts.responses) ? opts.responses : [opts.responses]).map(String);
    const file = files.join(', ');
    const xlsx = files.every((f) => /\.xlsx$/i.test(f));
    if (given(opts, 'allowPartial')) {
      throw new UsageError('--allow-partial applies to answers files and interviews; each survey row is scored with what it answers, so remove --allow-partial.');
    }
    if (given(opts, 'sheet') && !files.some((f) => /\.xlsx$/i.test(f))) throw new UsageError(`--sheet applies only to an .xlsx workbook, and ${file} is read as CSV; remove --sheet.`);
    if (given(opts, 'encoding') && xlsx) throw new UsageError(`--encoding applies only to a CSV file, and ${file} is an .xlsx workbook (its encoding is fixed); remove --encoding.`);
  }
  browserNeedsPdf(opts);
}
