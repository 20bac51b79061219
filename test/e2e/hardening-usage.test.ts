// Issue 11, items 9, 11 and 12 on the built binary: usage mistakes exit 2 with
// one sentence; output that cannot be written (/dev/full, a closed pipe) is
// not a stack trace; slow paths are linear (sizes that would take minutes if
// quadratic; nothing is timed); messages name the real cause.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, readiness, requireBuild, ROOT, type Run } from '../helpers/binary.js';

const GOOD = join(ROOT, 'test/fixtures/answers/good.yaml');
const EXAMPLE = join(ROOT, 'reports/examples/example-org-answers.yaml');
const SURVEY = join(ROOT, 'test/fixtures/survey/quick-check-30.csv');
const ws = () => mkdtempSync(join(tmpdir(), 'readiness-usage-'));

/** Exit 2, one sentence naming `pattern`, no stack trace, nothing written. */
function usage(run: Run, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
}

describe('usage mistakes exit 2 with a sentence (built binary)', () => {
  beforeAll(requireBuild);
  const cwd = ws();

  it('options that do not apply to answers files (the issue example) are all named', () => {
    const r = readiness(cwd, ['assess', '--answers', GOOD, '--map', 'm.yaml', '--strict', '--role-column', 'role', '--respondent', 'Bob', '--role', 'Boss', '-o', 'out']);
    usage(r, /--map, --role-column and --strict apply only to a survey export.*--respondent and --role apply only to an interview.*not to answers files; remove them\./);
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });
  it.each([
    [['--answers', GOOD, '--include-unfinished'], /--include-unfinished applies only to a survey export/],
    [['--answers', GOOD, '--encoding', 'latin1'], /--encoding applies only to a survey export/],
    [['--answers', GOOD, '--from', 'google'], /--from applies only to a survey export/],
    [['--map', 'm.yaml'], /--map applies only to a survey export \(--responses FILE\), not to an interview/],
    [['--responses', SURVEY, '-q', 'quick-check', '--role', 'Boss'], /--role applies only to an interview .*--role-column/],
    [['--responses', SURVEY, '-q', 'quick-check', '--allow-partial'], /--allow-partial applies to answers files and interviews/],
    [['--responses', SURVEY, '-q', 'quick-check', '--sheet', 'S1'], /--sheet applies only to an \.xlsx workbook/],
    [['--responses', 'survey.xlsx', '-q', 'quick-check', '--encoding', 'utf-8'], /--encoding applies only to a CSV file/],
    [['--answers', GOOD, '--browser', '/usr/bin/chromium'], /--browser is used only to print a PDF; add --format pdf/],
  ])('assess %j', (args, pattern) => usage(readiness(cwd, ['assess', ...args, '-o', 'out']), pattern));

  it('other commands refuse options they would ignore', () => {
    usage(readiness(cwd, ['template', 'quick-check', '--force']), /--force only matters with -o FILE/);
    usage(readiness(cwd, ['report', 'r.json', '--force']), /--force only matters with -o FILE/);
    usage(readiness(cwd, ['report', 'r.json', '--browser', '/x']), /--browser is used only to print a PDF/);
    usage(readiness(cwd, ['compare', 'a.json', 'b.json', '--browser', '/x']), /--browser is used only to print a PDF/);
    usage(readiness(cwd, ['plan', '--org', 'X', '--json']), /--json applies to `readiness plan --check`/);
    usage(readiness(cwd, ['plan', '--org', 'X', '--check', '--force']), /--force replaces a plan, but --check only reads it/);
  });

  it('a missing --org, option value or argument is the tool\'s one sentence naming what to give, not commander\'s text', () => {
    const exact = (args: string[], sentence: string) => {
      const r = readiness(cwd, args);
      expect([r.code, r.stderr, r.stdout], args.join(' ')).toEqual([2, `readiness: ${sentence}\n`, '']);
    };
    exact(['plan'], 'give the organization with --org "<name>", e.g. `readiness plan --org "Example Org"`.');
    exact(['plan', '--check'], 'give the organization with --org "<name>", e.g. `readiness plan --org "Example Org"`.');
    exact(['plan', '--org'], '--org needs <name> after it; `readiness plan --help` has examples.');
    exact(['history', '--dir'], '--dir needs <dir> after it; `readiness history --help` has examples.');
    exact(['report'], '`readiness report` needs <result>: a result JSON file written by `readiness assess`; `readiness report --help` has examples.');
    exact(['export', 'quick-check'], '`readiness export` needs --to <tool> (xlsform, limesurvey or surveyjs); `readiness export --help` has examples.');
  });

  it('`help bogus` and unknown commands exit 2; `help assess` still works', () => {
    usage(readiness(cwd, ['help', 'bogus']), /^readiness: there is no command "bogus"; run `readiness help` for the list of commands \(list, show, .*\)\.\n$/);
    usage(readiness(cwd, ['--no-color', 'help', 'bogus']), /there is no command "bogus"/);
    usage(readiness(cwd, ['bogus']), /^readiness: there is no command "bogus"; run `readiness help` for the list of commands \(list, show, .*\)\.\n$/);
    const help = readiness(cwd, ['help', 'assess']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: readiness assess/);
    // help on help is the general help, on stdout like `readiness help`
    const helpHelp = readiness(cwd, ['help', 'help']);
    expect([helpHelp.code, helpHelp.stderr]).toEqual([0, '']);
    expect(helpHelp.stdout).toBe(readiness(cwd, ['help']).stdout);
  });

  it('`help --help` and `help -h` are help on help: the general help, exit 0', () => {
    const general = readiness(cwd, ['help']).stdout;
    for (const flag of ['--help', '-h']) {
      const r = readiness(cwd, ['help', flag]);
      expect([r.code, r.stderr, r.stdout]).toEqual([0, '', general]);
    }
  });

  it("plan's hint to assess first names the reports folder with the option assess takes (--dir), quoted for the shell", () => {
    const r = readiness(cwd, ['plan', '--org', 'Nobody', '--dir', 'my reports']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("`readiness assess --answers <file> --org \"Nobody\" --dir 'my reports'`.");
    expect(r.stderr).not.toMatch(/ -o /);
  });

  it.each([
    ['--min-group', '99999999999999999999'],
    ['--min-group', '0'],
    ['--min-group', '1e3'],
    ['--min-group', '0x10'],
    ['--pilots', '2.5'],
    ['--pilots', '100000'],
    ['--pilots', '-1'],
  ])('bad number %s %s', (option, value) => {
    usage(readiness(cwd, ['assess', '--answers', GOOD, `${option}=${value}`, '-o', 'out']), new RegExp(`^readiness: ${option} must be a whole number from 1 to [\\d,]+; "${value.replace(/[.+]/g, '\\$&')}" is not\\.\n$`));
  });
});

describe("commander's own words never show (built binary)", () => {
  beforeAll(requireBuild);
  const cwd = ws();
  const exact = (args: string[], sentence: string) => {
    const r = readiness(cwd, args);
    expect([r.code, r.stderr, r.stdout], args.join(' ')).toEqual([2, `readiness: ${sentence}\n`, '']);
  };

  it('an unknown option is one sentence with the option meant, and where the options are', () => {
    exact(['report', '--colour'], '`readiness report` has no option "--colour" (did you mean --no-color?); `readiness report --help` lists its options.');
    exact(['report', 'r.json', '--colour'], '`readiness report` has no option "--colour" (did you mean --no-color?); `readiness report --help` lists its options.');
    exact(['list', '--jsn'], '`readiness list` has no option "--jsn" (did you mean --json?); `readiness list --help` lists its options.');
    exact(['list', '-json'], '`readiness list` has no option "-json" (did you mean --json?); `readiness list --help` lists its options.');
    exact(['assess', '--forse=1'], '`readiness assess` has no option "--forse" (did you mean --force?); `readiness assess --help` lists its options.');
    exact(['show', '-x'], '`readiness show` has no option "-x"; `readiness show --help` lists its options.');
    exact(['--colour'], '`readiness` has no option "--colour" (did you mean --no-color?); `readiness --help` lists its options.');
    exact(['history', '--zzzzzz'], '`readiness history` has no option "--zzzzzz"; `readiness history --help` lists its options.');
  });

  it('a bad option value names the values allowed', () => {
    exact(['assess', '--pilots', '0'], '--pilots must be a whole number from 1 to 50; "0" is not.');
    exact(['assess', '--min-group', 'x'], '--min-group must be a whole number from 1 to 1,000,000; "x" is not.');
    exact(['export', 'quick-check', '--to', 'excel'], '--to must be xlsform, limesurvey or surveyjs; "excel" is not.');
    exact(['assess', '--segment', 'unit'], '--segment takes name=value, such as --segment unit=Sales; "unit" is not.');
    // a value is quoted inert: an escape sequence typed as a value does not reach the terminal
    exact(['assess', '--pilots', '\u001b[2J'], '--pilots must be a whole number from 1 to 50; "\\u001b[2J" is not.');
  });

  it('a file name beginning with "-" is told how to name it', () => {
    exact(['report', '-x.json'], '`readiness report` has no option "-x.json"; to name a file whose name begins with "-", write "./-x.json" or put -- before it.');
    exact(['validate', '-q/x.yaml'], '`readiness validate` has no option "-q/x.yaml"; to name a file whose name begins with "-", write "./-q/x.yaml" or put -- before it.');
    // and either way works
    expect(readiness(cwd, ['report', './-x.json']).stderr).toBe('readiness: ./-x.json does not exist; check the path and try again.\n');
    expect(readiness(cwd, ['report', '--', '-x.json']).stderr).toBe('readiness: -x.json does not exist; check the path and try again.\n');
  });

  it('extra arguments and unknown commands are the tool\'s sentence', () => {
    exact(['list', 'extra'], '`readiness list` takes no arguments; remove "extra" (a value with spaces needs quotes), or see `readiness list --help`.');
    exact(['history', '--org', 'Acme', 'Inc'], '`readiness history` takes no arguments; remove "Inc" (a value with spaces needs quotes), or see `readiness history --help`.');
    exact(['show', 'quick-check', 'b', 'c', 'd', 'e'], '`readiness show` takes <questionnaire> only; remove "b", "c", "d" and 1 more (a value with spaces needs quotes), or see `readiness show --help`.');
    const r = readiness(cwd, ['lst']);
    expect([r.code, r.stderr]).toEqual([2, 'readiness: there is no command "lst" (did you mean list?); run `readiness help` for the list of commands (list, show, validate, template, export, assess, sessions, report, history, compare, plan).\n']);
  });
});

/** Runs the binary with stdout on `fd` (e.g. /dev/full), or into a pipe closed before anything is read. */
function runTo(cwd: string, args: string[], stdout: number | 'closed'): Run {
  if (stdout === 'closed') {
    // `readiness … | head -0`: the reader exits at once
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" "$@" | head -c 0`, 'sh', ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 60000,
      env: { ...process.env, NO_COLOR: '1', DEBUG: '' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60000, stdio: ['ignore', stdout, 'pipe'], env: { ...process.env, NO_COLOR: '1', DEBUG: '' } });
  return { code: r.status, stdout: '', stderr: r.stderr };
}

describe('output that cannot be written is one sentence, not a stack trace (built binary)', () => {
  beforeAll(requireBuild);
  const cwd = ws();
  const full = existsSync('/dev/full') ? openSync('/dev/full', 'w') : undefined;
  const commands = [['--help'], ['--version'], ['list'], ['show', 'quick-check'], ['show', 'social-readiness', '--json'], ['help', 'assess'], ['history'], ['assess', '--answers', EXAMPLE, '-o', 'full-out', '--force']];

  it.skipIf(full === undefined).each(commands)('%s > /dev/full exits 1 with one sentence', (...args) => {
    const r = runTo(cwd, args, full!);
    expect(r.stderr).not.toMatch(/\n\s+at |unexpected error|Node\.js v/);
    if (r.code !== 0) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the output could not be written to standard output: the disk is full/);
    }
  });
  it('/dev/full: the commands that print something fail (exit 1)', () => {
    if (full === undefined) return;
    for (const args of [['--help'], ['--version'], ['list'], ['show', 'quick-check']]) expect(runTo(cwd, args, full).code).toBe(1);
  });
  it.each(commands)('%s into a closed pipe ends quietly', (...args) => {
    const r = runTo(cwd, args, 'closed');
    expect(r.stderr).not.toMatch(/\n\s+at |unexpected error|EPIPE|Node\.js v/);
  });
});

describe('slow paths are linear (sizes that would take minutes if quadratic; nothing is timed)', () => {
  beforeAll(requireBuild);
  const cwd = ws();

  it('an answers file with 100,000 unknown ids echoes 10 and counts the rest', () => {
    const lines = ['questionnaire: quick-check', 'organization: X', 'answers:'];
    for (let i = 0; i < 100_000; i++) lines.push(`  unknown${i}: 3`);
    writeFileSync(join(cwd, 'many.yaml'), `${lines.join('\n')}\n`);
    const r = readiness(cwd, ['assess', '--answers', 'many.yaml', '-o', 'out']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/many\.yaml:13:3 answers\.unknown9: "unknown9" is not a question of "quick-check"/);
    expect(r.stderr).toMatch(/and 99,990 more ids that are not questions of "quick-check"/);
    expect(r.stderr).not.toMatch(/unknown10"/);
    expect(r.stderr.split('\n').length).toBeLessThan(20);
  });

  it('an organization name of 1,000,000 characters is refused with a sentence, in the file or in --org', () => {
    writeFileSync(join(cwd, 'long-org.yaml'), `questionnaire: quick-check\norganization: ${'A'.repeat(1_000_000)}\nanswers: {}\n`);
    const r = readiness(cwd, ['assess', '--answers', 'long-org.yaml', '--allow-partial', '-o', 'out']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('readiness: long-org.yaml: the organization is 1,000,000 characters long; a name may have at most 200, so shorten `organization:` or give --org "<name>".\n');
    usage(readiness(cwd, ['assess', '--answers', EXAMPLE, '--org', 'B'.repeat(201), '-o', 'out']), /--org is 201 characters long; an organization name may have at most 200/);
  });
});

describe('messages name the real cause (built binary)', () => {
  beforeAll(requireBuild);
  const cwd = ws();
  const answers = (name: string, text: string | Buffer) => {
    writeFileSync(join(cwd, name), text);
    return readiness(cwd, ['assess', '--answers', name, '--org', 'X', '-o', 'out']);
  };
  const invalid = (r: Run, pattern: RegExp) => {
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/unexpected error|parseAllDocuments|not a mapping|\n\s+at /);
  };

  it('a Latin-1 byte on line 2 is reported on line 2 with its column, in YAML and in CSV', () => {
    invalid(answers('latin1.yaml', Buffer.from('questionnaire: quick-check\norganization: Caf\xe9 Oslo\nanswers: {}\n', 'latin1')), /latin1\.yaml:2:18 has byte 0xE9, which is not valid UTF-8 \(it looks like Latin-1 or windows-1252\); save the file as UTF-8/);
    writeFileSync(join(cwd, 'latin1.csv'), Buffer.from('a,b\r\nx,caf\xe9\r\ny,z\r\n', 'latin1'));
    invalid(readiness(cwd, ['assess', '--responses', 'latin1.csv', '-q', 'quick-check', '--encoding', 'utf-8', '--org', 'X', '-o', 'out']), /latin1\.csv:2:6 has byte 0xE9, which is not valid UTF-8/);
  });
  it('a very long line with a bad byte at its end is located in one pass', () => {
    invalid(answers('long-line.yaml', Buffer.concat([Buffer.from(`questionnaire: quick-check\nnote: ${'x'.repeat(1_500_000)}`), Buffer.from([0xff, 0x0a])])), /long-line\.yaml:2:1500007 has byte 0xFF, which is not valid UTF-8/);
  });
  it('a second YAML document names its line and what to do', () => {
    invalid(answers('two-docs.yaml', 'questionnaire: quick-check\nanswers: {}\n---\nquestionnaire: quick-check\n'), /two-docs\.yaml:3:1 a second YAML document starts here .*remove the separator or split the file/);
  });
  it('!!binary and other non-data tags are refused where they stand', () => {
    invalid(answers('binary.yaml', 'questionnaire: quick-check\norganization: !!binary aGVsbG8=\nanswers: {}\n'), /binary\.yaml:2:\d+ the YAML tag !!binary is not supported here/);
    invalid(answers('binary-top.yaml', '!!binary aGVsbG8=\n'), /the YAML tag !!binary is not supported here/);
    invalid(answers('set.yaml', 'questionnaire: quick-check\nanswers: !!set {a}\n'), /the YAML tag !!set is not supported/);
  });
  it('a %YAML 1.1 directive is refused, so 010 is never read as 8', () => {
    invalid(answers('yaml11.yaml', '%YAML 1.1\n---\nquestionnaire: quick-check\nanswers: {}\n'), /yaml11\.yaml:1:1 the file declares %YAML 1\.1, and this tool reads YAML 1\.2 only.*remove the %YAML line/);
    const v = readiness(cwd, ['validate', 'yaml11.yaml']);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toMatch(/yaml11\.yaml:1:1 the file declares %YAML 1\.1/);
  });
  it('a duplicate key among 50,000 keys is found in one pass', () => {
    const lines = ['questionnaire: quick-check', 'answers:'];
    for (let i = 0; i < 50_000; i++) lines.push(`  k${i}: 1`);
    lines.push('  k7: 2');
    invalid(answers('dup.yaml', `${lines.join('\n')}\n`), /dup\.yaml:50003:3 YAML syntax error: map keys must be unique/);
  });
});
