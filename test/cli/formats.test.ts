// Which report formats `report` and `compare` write with -o FILE, and under which names:
// the pure part (no file system), tested without the binary.
import { describe, expect, it } from 'vitest';
import { checkApplicable } from '../../src/cli/applicable.js';
import { checkNamedFormat, formatOfName, formatPath, outputFormats } from '../../src/cli/formats.js';

describe('formatOfName', () => {
  it('reads the format from the extension, in any case', () => {
    expect(formatOfName('client.pdf')).toBe('pdf');
    expect(formatOfName('out/Client.PDF')).toBe('pdf');
    expect(formatOfName('r.html')).toBe('html');
    expect(formatOfName('r.HTM')).toBe('html');
    expect(formatOfName('r.md')).toBe('md');
    expect(formatOfName('r.Markdown')).toBe('md');
  });

  it('says nothing for a name without a report extension', () => {
    for (const name of ['report', 'report.txt', 'r.json', '-', 'pdf', 'r.pdf.bak', 'r.mdx', 'r.xhtml']) expect(formatOfName(name), name).toBeUndefined();
  });
});

describe('outputFormats', () => {
  it('without --format, follows the -o file name', () => {
    expect(outputFormats(undefined, 'client.pdf')).toEqual(['pdf']);
    expect(outputFormats(undefined, 'r.html')).toEqual(['html']);
    expect(outputFormats(undefined, 'R.HTM')).toEqual(['html']);
    expect(outputFormats(undefined, 'r.markdown')).toEqual(['md']);
  });

  it('without --format, keeps Markdown for an unknown or missing extension and for standard output', () => {
    for (const output of ['report', 'r.txt', 'r.json', '-', undefined]) expect(outputFormats(undefined, output), String(output)).toEqual(['md']);
  });

  it('takes an explicit --format that includes what the name says, or any --format for a name that says nothing', () => {
    expect(outputFormats('md,pdf', 'r.pdf')).toEqual(['md', 'pdf']);
    expect(outputFormats('pdf', 'r.PDF')).toEqual(['pdf']);
    expect(outputFormats('html,pdf', 'report')).toEqual(['html', 'pdf']);
    expect(outputFormats('pdf', 'r.txt')).toEqual(['pdf']);
    expect(outputFormats('html', undefined)).toEqual(['html']);
    expect(outputFormats('md', '-')).toEqual(['md']);
  });

  it('refuses an explicit --format that leaves out what the name says, in one sentence naming both and what to do', () => {
    expect(() => outputFormats('md', 'client.pdf')).toThrow(
      /^-o client\.pdf names a PDF file but --format md asks for Markdown; give -o client\.md for Markdown, or leave out --format to write the PDF file client\.pdf\.$/,
    );
    expect(() => outputFormats('md', 'r.HTM')).toThrow(/^-o r\.HTM names an? HTML file but --format md asks for Markdown; give -o r\.md/);
    expect(() => outputFormats('pdf', 'r.md')).toThrow(/^-o r\.md names a Markdown file but --format pdf asks for PDF; give -o r\.pdf for PDF/);
    expect(() => outputFormats('html,pdf', 'acme.md')).toThrow(
      /^-o acme\.md names a Markdown file but --format html,pdf does not include md; give --format md,html,pdf to write it too, or -o acme\.html to write the HTML and PDF files only\.$/,
    );
    expect(() => outputFormats('md', "it's.pdf")).toThrow(/^-o 'it'\\''s\.pdf' names/);
  });

  it('refuses a conflict as a usage error (exit 2); an unknown format is still said first as today', () => {
    let caught: unknown;
    try {
      checkNamedFormat('r.pdf', ['md']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ exitCode: 2, name: 'UsageError' });
    expect(() => outputFormats('docx', 'r.pdf')).toThrow(/--format "docx" is not a list of md, html and pdf/);
  });
});

describe('formatPath', () => {
  it('writes the file -o names under its own name, and the other formats beside it', () => {
    expect(formatPath('client.pdf', 'pdf')).toBe('client.pdf');
    expect(formatPath('client.pdf', 'md')).toBe('client.md');
    expect(formatPath('r.htm', 'html')).toBe('r.htm');
    expect(formatPath('R.PDF', 'pdf')).toBe('R.PDF');
    expect(formatPath('R.PDF', 'html')).toBe('R.html');
    expect(formatPath('a/report.md', 'md')).toBe('a/report.md');
    expect(formatPath('report', 'html')).toBe('report.html');
  });
});

describe('checkApplicable: report and compare', () => {
  it('refuses -o FILE with a --format that leaves out what the name says before the command runs', () => {
    for (const command of ['report', 'compare']) {
      expect(() => checkApplicable(command, ['r.json'], { output: 'client.pdf', format: 'md' }), command).toThrow(/^-o client\.pdf names a PDF file/);
      expect(() => checkApplicable(command, ['r.json'], { output: 'client.pdf', format: 'md,pdf' }), command).not.toThrow();
      // the command itself says an unknown format is unknown, where it always did
      expect(() => checkApplicable(command, ['r.json'], { output: 'client.pdf', format: 'docx' }), command).not.toThrow();
    }
  });

  it('takes --browser with a .pdf file and no --format (the name asks for a PDF), and still refuses it for Markdown', () => {
    for (const command of ['report', 'compare']) {
      expect(() => checkApplicable(command, [], { output: 'client.pdf', browser: '/usr/bin/chromium' }), command).not.toThrow();
      expect(() => checkApplicable(command, [], { output: 'client.md', browser: '/usr/bin/chromium' }), command).toThrow(/--browser is used only to print a PDF/);
    }
    // assess's -o is a folder: its name chooses nothing
    expect(() => checkApplicable('assess', [], { answers: ['a.yaml'], output: 'out.pdf', browser: '/usr/bin/chromium' })).toThrow(/--browser is used only to print a PDF/);
  });
});
