// The one wiring file: every command, its options and its help live here;
// handlers are imported lazily so `readiness --help` loads nothing heavy.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Io } from './io.js';
import { checkApplicable } from './applicable.js';
import { quoteInert, UsageError } from '../errors.js';
import { didYouMean } from './suggest.js';

import { VERSION } from './version.js';

export { VERSION };

export type Handler = (args: string[], opts: Record<string, unknown>, io: Io) => Promise<void>;
type Loader = () => Promise<{ run: Handler }>;

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/**
 * A whole number from 1 to `max`, written in plain digits: "1e3", "0x10",
 * "2.0" and numbers past `max` are usage errors (exit 2), so a value the
 * result's own schema would refuse never reaches the scorer.
 */
function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const n = /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > max) {
      // commander turns this into a usage error (exit 2)
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max.toLocaleString('en')}; ${quoteInert(value)} is not.`);
    }
    return n;
  };
}

/** A repeatable option's values, in order. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --segment unit=Sales, repeatable: a usage error unless written name=value. */
function collectSegment(value: string, previous: string[]): string[] {
  const at = value.indexOf('=');
  if (at <= 0 || value.slice(at + 1).trim() === '') {
    throw new InvalidArgumentError(`--segment takes name=value, such as --segment unit=Sales; ${quoteInert(value)} is not.`);
  }
  return [...previous, value];
}

/** The largest --pilots (more is a list, not a recommendation) and --min-group (a group bigger than any organization surveyed). */
export const MAX_PILOTS = 50;
export const MAX_MIN_GROUP = 1_000_000;

/**
 * The command-line program. With `only`, the name of the command this run
 * invokes, just that command is defined (the program's options and the
 * command's give the same parse, errors and `<command> --help`); a name that
 * is no command gives the whole program.
 */
export function buildProgram(io: Io, only?: string): Command {
  const program = new Command('readiness');
  program
    .description('Assess how ready an organization is to adopt social media and collaboration tools, and recommend first pilots.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--no-color', 'plain output without colours (also: NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  sayMistakes(program);

  // A run of one known command defines only that command: commander parses every option's
  // flags as it is defined, and the others are needed only for the general help and for
  // suggestions after an unknown command.
  let defined = 0;
  const define = (name: string, make: () => void) => {
    if (only !== undefined && only !== name) return;
    make();
    defined++;
  };
  const wire = (cmd: Command, load: Loader) => {
    cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    sayWhatIsMissing(cmd);
    sayMistakes(cmd);
    cmd.action(async (...received: unknown[]) => {
      // commander passes positional args, then options, then the command itself
      const self = received[received.length - 1] as Command;
      const positional = received.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [String(a)]));
      checkApplicable(self.name(), positional, self.optsWithGlobals());
      const { run } = await load();
      await run(positional, self.optsWithGlobals(), io);
    });
  };

  define('list', () =>
    wire(
      program
        .command('list')
        .description('list the questionnaires available: built-in and those in ./questionnaires')
        .option('--json', 'print the list as JSON')
        .addHelpText('after', examples(['readiness list', 'readiness list --json'])),
      () => import('./commands/list.js'),
    ),
  );

  define('show', () =>
    wire(
      program
        .command('show')
        .description('print the interview guide of a questionnaire (dimensions, questions, allowed answers)')
        .argument('<questionnaire>', 'a questionnaire id (see `readiness list`) or a path to a YAML file')
        .option('--json', 'print the normalized questionnaire as JSON')
        .addHelpText('after', examples(['readiness show quick-check', 'readiness show social-readiness --json'])),
      () => import('./commands/show.js'),
    ),
  );

  define('validate', () =>
    wire(
      program
        .command('validate')
        .description('check questionnaire files and report every problem with file:line:column')
        .argument('[files...]', 'questionnaire files or folders (default: the built-ins and ./questionnaires)')
        .option('--json', 'print the problems as JSON')
        .addHelpText('after', examples(['readiness validate', 'readiness validate my-questionnaire.yaml'])),
      () => import('./commands/validate.js'),
    ),
  );

  define('template', () =>
    wire(
      program
        .command('template')
        .description('write a blank answers file (or a survey CSV header and mapping) to fill in offline, or one pre-filled from earlier answers')
        .argument('[questionnaire]', 'a questionnaire id or a path to a YAML file (with --from: default the one the file names)')
        .option('-o, --output <file>', 'write to this file instead of standard output')
        .option('--from <file>', 'pre-fill from an answers file or a single-respondent result JSON (for the next round, or to recover answers)')
        .option('--csv', 'write a survey CSV header row, plus a mapping skeleton next to it')
        .option('--force', 'overwrite an existing file')
        .addHelpText('after', examples(['readiness template quick-check -o answers.yaml', 'readiness template quick-check --csv -o survey.csv', 'readiness template --from reports/acme/answers/2026-11-30-raj.yaml -o raj-next.yaml'])),
      () => import('./commands/template.js'),
    ),
  );

  define('export', () =>
    wire(
      program
        .command('export')
        .description('write the questionnaire as a form for a survey tool (XLSForm, LimeSurvey, SurveyJS) whose responses read back without a mapping file')
        .argument('<questionnaire>', 'a questionnaire id or a path to a YAML file')
        .addOption(new Option('--to <tool>', 'the form tool').choices(['xlsform', 'limesurvey', 'surveyjs']).makeOptionMandatory())
        .option('-o, --output <file>', 'write to this file (required for xlsform; otherwise standard output)')
        .option('--force', 'overwrite an existing file')
        .addHelpText(
          'after',
          examples([
            'readiness export quick-check --to xlsform -o quick-check.xlsx',
            'readiness export quick-check --to limesurvey -o quick-check.txt',
            'readiness export quick-check --to surveyjs -o quick-check.json',
          ]),
        ),
      () => import('./commands/export.js'),
    ),
  );

  define('assess', () =>
    wire(
      program
        .command('assess')
        .description('run an interview (default, in a terminal) or score collected answers; writes a report and a result')
        .option('-q, --questionnaire <id|path>', 'the questionnaire to use (default: the one named in the answers)')
        .option('-a, --answers <files...>', 'answers files (YAML or JSON) or folders of them, one per respondent')
        .option('-r, --responses <file>', 'a survey export (CSV or .xlsx), one row per respondent; repeat it for several, and combine with --answers', collect, [])
        .option('--all', "every answers file and survey export kept for the organization (--org): <output>/<org>/answers/ and <output>/<org>/surveys/")
        .option('--segment-column <name>', 'a survey column holding a respondent attribute to compare by, such as a unit or site (repeatable)', collect, [])
        .option('--map <file>', 'a mapping file from survey columns to question ids')
        .option('--from <tool>', 'the form tool that wrote the survey export: google, microsoft, surveymonkey, qualtrics, limesurvey, kobo, typeform or generic (default: detected)')
        .option('--encoding <name>', 'the CSV file\'s encoding, e.g. windows-1252 (default: detected)')
        .option('--sheet <name>', 'the sheet of an .xlsx survey export (default: the first)')
        .option('--include-unfinished', 'also score unfinished survey responses (LimeSurvey, Qualtrics)')
        .option('--role-column <name>', 'the CSV column that holds the respondent role')
        .option('--respondent-column <name>', 'the CSV column that holds respondent names (shown only with --show-respondents)')
        .option('--strict', 'refuse a CSV with any cell that cannot be matched')
        .option('--org <name>', 'the organization assessed')
        .option('--respondent <name>', 'who answers (interview)')
        .option('--role <role>', 'the respondent role (interview)')
        .option('--segment <name=value>', 'a respondent attribute such as unit=Sales (interview; repeatable)', collectSegment, [])
        .option('--date <YYYY-MM-DD>', 'the assessment date (default: today)')
        .option('-d, --dir <dir>', 'the reports folder (default: reports), as in history, sessions, compare and plan')
        .option('-o, --output <dir>', 'the reports folder: the older spelling of -d/--dir, still accepted')
        .option('--force', 'overwrite existing report and result files')
        .addOption(new Option('--pilots <n>', 'how many pilots to recommend').default(3).argParser(positiveInt('--pilots', MAX_PILOTS)))
        .option('--allow-partial', 'score answers even when required questions are unanswered')
        .addOption(new Option('--min-group <n>', 'smallest group of respondents shown on its own').default(3).argParser(positiveInt('--min-group', MAX_MIN_GROUP)))
        .option('--show-respondents', 'include respondent names in the report and result, and free text as typed (e-mail addresses and phone numbers are otherwise removed)')
        .option('--no-free-text', 'leave notes and free-text answers out of the report and result')
        .option('--resume [id]', 'continue an unfinished interview (the most recent when no id is given)')
        .option('--json', 'print the result as JSON instead of the summary')
        .option('--format <list>', 'report formats, comma-separated: md, html, pdf (default: md)')
        .option('--browser <path>', 'the Chromium or Chrome that prints the PDF (default: CHROME_PATH or the usual places)')
        .addHelpText(
          'after',
          examples([
            'readiness assess',
            'readiness assess --answers reports/examples/example-org-answers.yaml --org "Example Org"',
            'readiness assess --answers interviews/ -q social-readiness --org Acme',
            'readiness assess --responses survey.csv -q quick-check --org Acme',
            'readiness assess -q social-readiness --org Acme --answers reports/acme/answers/ --responses staff.csv --segment-column Unit',
            'readiness assess --org Acme --all --segment-column Unit',
            'readiness assess --resume',
          ]),
        ),
      () => import('./commands/assess.js'),
    ),
  );

  define('sessions', () =>
    wire(
      program
        .command('sessions')
        .description('list unfinished interview sessions')
        .option('-d, --dir <dir>', 'the reports folder', 'reports')
        .option('--json', 'print the sessions as JSON')
        .addHelpText('after', examples(['readiness sessions', 'readiness assess --resume <id>'])),
      () => import('./commands/sessions.js'),
    ),
  );

  define('report', () =>
    wire(
      program
        .command('report')
        .description('write the report again from a stored result (Markdown, HTML or PDF)')
        .argument('<result>', 'a result JSON file written by `readiness assess`')
        .option('-o, --output <file>', 'write to this file instead of standard output (needed for pdf and for several formats); a name ending in .md, .html or .pdf must be one of the formats')
        .option('--force', 'overwrite an existing file')
        .option('--format <list>', "report formats, comma-separated: md, html, pdf (default: the -o file's extension, .md, .html or .pdf; else md)")
        .option('--browser <path>', 'the Chromium or Chrome that prints the PDF (default: CHROME_PATH or the usual places)')
        .addHelpText(
          'after',
          examples([
            'readiness report reports/example-org/2026-11-29-quick-check.json -o report.md --format md,pdf',
            'readiness report reports/example-org/2026-11-29-quick-check.json -o report.pdf',
            'readiness report reports/example-org/2026-11-29-quick-check.json -o report.md',
          ]),
        ),
      () => import('./commands/report.js'),
    ),
  );

  define('history', () =>
    wire(
      program
        .command('history')
        .description('list stored results, newest first')
        .option('--org <name>', 'only this organization')
        .option('-d, --dir <dir>', 'the reports folder', 'reports')
        .option('--json', 'print the list as JSON')
        .addHelpText('after', examples(['readiness history', 'readiness history --org "Example Org" --json'])),
      () => import('./commands/history.js'),
    ),
  );

  define('compare', () =>
    wire(
      program
        .command('compare')
        .description('write a trend report from two or more stored results')
        .argument('[results...]', 'result JSON files (or use --org)')
        .option('--org <name>', 'compare every stored result of this organization')
        .option('-d, --dir <dir>', 'the reports folder', 'reports')
        .option('-o, --output <file>', 'write the trend report to this file; a name ending in .md, .html or .pdf must be one of the formats')
        .option('--force', 'overwrite an existing file')
        .option('--allow-mixed', 'allow results of different organizations')
        .option('--include-single', "with --org: also compare one respondent's own result dated like a combined assessment")
        .option('--json', 'print the trend as JSON instead of the summary')
        .option('--format <list>', "report formats, comma-separated: md, html, pdf (default: the -o file's extension, .md, .html or .pdf; else md)")
        .option('--browser <path>', 'the Chromium or Chrome that prints the PDF (default: CHROME_PATH or the usual places)')
        .addHelpText('after', examples(['readiness compare --org "Example Org"', 'readiness compare q1.json q2.json -o trend.md', 'readiness compare q1.json q2.json -o trend.pdf'])),
      () => import('./commands/compare.js'),
    ),
  );

  define('plan', () =>
    wire(
      program
        .command('plan')
        .description("write the organization's plan (targets, roadmap pilots as actions) from its latest result, or check it")
        // not a commander requiredOption: the command says in its own sentence what to give (also for --org "")
        .option('--org <name>', 'the organization')
        .option('--check', 'validate the plan and print its status against the latest result')
        .option('--force', 'replace an existing plan.yaml (the one replaced is kept beside it as plan.previous.yaml)')
        .option('--show-respondents', 'allow e-mail addresses as owners (reports show them only when assessed with --show-respondents)')
        .option('-d, --dir <dir>', 'the reports folder', 'reports')
        .option('--json', 'with --check: print the status as JSON')
        .addHelpText('after', examples(['readiness plan --org "Example Org"', 'readiness plan --org "Example Org" --check'])),
      () => import('./commands/plan.js'),
    ),
  );

  // not a command's name after all: the whole program, which says so and suggests one
  if (only !== undefined && defined === 0) return buildProgram(io);
  return program;
}

/** What commander reports through its overridable methods: what is missing, with the option or argument it concerns. */
interface MissingHooks {
  missingArgument(name: string): never;
  optionMissingArgument(option: Option): never;
  missingMandatoryOptionValue(option: Option): never;
}

/**
 * A missing argument, option or option value is the tool's one sentence (a UsageError: exit 2)
 * naming what to give and where the examples are, not commander's "error: ..." and its hint line.
 */
function sayWhatIsMissing(cmd: Command): void {
  const name = cmd.name();
  const help = `\`readiness ${name} --help\` has examples`;
  const value = (option: Option) => {
    const arg = /<[^>]+>|\[[^\]]+\]/.exec(option.flags)?.[0] ?? 'a value';
    const choices = option.argChoices ? ` (${option.argChoices.slice(0, -1).join(', ')} or ${option.argChoices.at(-1)})` : '';
    return `${arg}${choices}`;
  };
  const hooks = cmd as unknown as MissingHooks;
  hooks.missingArgument = (arg) => {
    const described = cmd.registeredArguments.find((a) => a.name() === arg)?.description;
    throw new UsageError(`\`readiness ${name}\` needs <${arg}>${described ? `: ${described}` : ''}; ${help}.`);
  };
  hooks.optionMissingArgument = (option) => {
    throw new UsageError(`${option.long ?? option.flags} needs ${value(option)} after it; ${help}.`);
  };
  hooks.missingMandatoryOptionValue = (option) => {
    throw new UsageError(`\`readiness ${name}\` needs ${option.long ?? option.flags} ${value(option)}; ${help}.`);
  };
}

/** What commander reports through its overridable methods: an unknown option or command, extra arguments, a value its parser refused. */
interface MistakeHooks {
  unknownOption(flag: string): never;
  unknownCommand(): never;
  _excessArguments(received: string[]): never;
  _callParseArg(target: { argChoices?: string[]; long?: string; flags: string; parseArg?: unknown }, value: string, previous: unknown, message: string): unknown;
}

/** A value in a message: quoted, clipped to 60 characters, inert on a terminal. */
function shownValue(value: string): string {
  return quoteInert(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/**
 * The other mistakes commander would report in its own words ("error: unknown option '--colour'",
 * "option '--pilots <n>' argument '0' is invalid.", "too many arguments for 'list'") are the
 * tool's one sentence too (a UsageError: exit 2), saying what to do: the option meant, the
 * values allowed, how to name a file whose name begins with "-".
 */
function sayMistakes(cmd: Command): void {
  const name = cmd.parent ? cmd.name() : '';
  const invoked = name ? `\`readiness ${name}\`` : '`readiness`';
  const help = name ? `\`readiness ${name} --help\`` : '`readiness --help`';
  const hooks = cmd as unknown as MistakeHooks;
  const longFlags = () => {
    const flags: string[] = ['--help'];
    for (let c: Command | null = cmd; c; c = c.parent) for (const o of c.options) if (o.long && !o.hidden) flags.push(o.long);
    return flags;
  };
  hooks.unknownOption = (flag) => {
    // commander passes "--pilots=3"-style flags whole; the name is what is unknown
    const option = flag.startsWith('--') ? flag.replace(/=.*$/s, '') : flag;
    const suggestion = didYouMean(/^-[^-]./.test(option) ? `-${option}` : option, longFlags());
    const pathLike = /[./\\]/.test(option) || (/^-[^-]../.test(option) && !suggestion);
    if (pathLike && cmd.registeredArguments.length > 0) {
      const arg = `./${flag}`;
      throw new UsageError(`${invoked} has no option ${shownValue(option)}; to name a file whose name begins with "-", write ${shownValue(arg)} or put -- before it.`);
    }
    throw new UsageError(`${invoked} has no option ${shownValue(option)}${suggestion}; ${help} lists its options.`);
  };
  hooks.unknownCommand = () => {
    const typed = cmd.args[0] ?? '';
    const names = cmd.commands.map((c) => c.name());
    throw new UsageError(`there is no command ${shownValue(typed)}${didYouMean(typed, names)}; run \`readiness help\` for the list of commands (${names.join(', ')}).`);
  };
  hooks._excessArguments = (received) => {
    const expected = cmd.registeredArguments;
    const extra = received.slice(expected.length).map(shownValue);
    const extraText = extra.length <= 3 ? extra.join(', ') : `${extra.slice(0, 3).join(', ')} and ${extra.length - 3} more`;
    const takes = expected.length === 0 ? 'takes no arguments' : `takes ${expected.map((a) => `<${a.name()}>`).join(' ')} only`;
    throw new UsageError(`${invoked} ${takes}; remove ${extraText} (a value with spaces needs quotes), or see ${help}.`);
  };
  hooks._callParseArg = (target, value, previous, message) => {
    try {
      return (target.parseArg as (value: string, previous: unknown) => unknown)(value, previous);
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== 'commander.invalidArgument') throw error;
      const flag = target.long ?? target.flags;
      // the parsers of this file say what they take in a sentence; commander's choices do not
      if (target.argChoices) throw new UsageError(`${flag} must be ${target.argChoices.slice(0, -1).join(', ')} or ${target.argChoices.at(-1)}; ${shownValue(value)} is not.`);
      throw new UsageError((error as Error).message || `${message} ${shownValue(value)}`);
    }
  };
}

/**
 * `readiness help bogus`: commander prints the general help and succeeds;
 * a topic that is not a command is a usage mistake (exit 2).
 */
export function checkHelpTopic(program: Command, args: string[]): void {
  args = args.filter((a) => a !== '--no-color');
  if (args[0] !== 'help' || args.length < 2) return;
  const names = ['help', ...program.commands.flatMap((c) => [c.name(), ...c.aliases()])];
  const topic = args[1]!;
  // `help --help` asks for help on help: the general help, as `help help` gives
  if (args.length === 2 && (topic === '--help' || topic === '-h')) program.help();
  if (!names.includes(topic)) {
    throw new UsageError(`there is no command ${shownValue(topic)}; run \`readiness help\` for the list of commands (${names.filter((n) => n !== 'help').join(', ')}).`);
  }
  if (args.length > 2) throw new UsageError(`\`readiness help\` takes one command name; run \`readiness help ${topic}\` or \`readiness ${topic} --help\`.`);
  // commander prints the general help on stderr for `help help`, as if it were a mistake
  if (topic === 'help') program.help();
}
