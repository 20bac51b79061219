// The quick YAML path (src/load/quick-yaml.ts) must give, for every text it
// takes, exactly the value the YAML library gives, and no text the library
// finds a problem in: random documents in and around its subset are compared
// with the library alone (parseYamlWithLibrary), as are every YAML and JSON
// file under test/fixtures, the examples and the built-in questionnaires.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickYamlValue } from '../../src/load/quick-yaml.js';
import { parseYaml, parseYamlWithLibrary } from '../../src/load/source.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The quick value agrees with the library's (same keys in the same order, same types), or the quick path declines. */
function expectAgreement(text: string): boolean {
  const quick = quickYamlValue(text);
  if (quick === undefined) return false;
  const library = parseYamlWithLibrary(text, 'f.yaml');
  expect(library.problems, text).toEqual([]);
  expect(JSON.stringify(quick), text).toBe(JSON.stringify(library.doc!.value));
  return true;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

const words = ['yes', 'no', 'Agree', 'Strongly disagree', 'dont-know', "don't know", 'n/a', 'projects', 'é ü ß', 'a#b', 'a"b', "a'b", '2026-11-29', '3 times', 'x.y', 'a-b_c', 'Null', 'NULL', 'null', '~', 'true', 'False', 'TRUE', 'yes please'];
const tricky = ['a #b', 'a:b', 'a: b', '- x', '-x', '!x', '!!str x', '&a x', '*a', '@x', '`x', '%x', '? x', ': x', '|', '>', '#x', 'x, y', '[x]', '{x}', 'x]', 'x}', 'a\tb', 'a\rb', 'x  ', ' x'];
const numbers = ['0', '2', '010', '2.5', '2.50', '.5', '5.', '1e3', '1E-2', '0x1F', '0o17', '-3', '+4', '.inf', '-.Inf', '.nan', '12345678901234567890', '007', '1_000', '0.1.2'];
const plainScalar = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...words) }, { weight: 3, arbitrary: fc.constantFrom(...numbers) }, { weight: 1, arbitrary: fc.constantFrom(...tricky) });
const escape = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('\\\\', '\\"', '\\/', '\\n', '\\t', "'", '#', ':', ',', '}', ']', ' ') }, { weight: 1, arbitrary: fc.constantFrom('\\x41', '\\u00e9', '\\a', '\\ ', '"') });
const quotedText = fc.array(fc.oneof(fc.constantFrom('a', 'b c', 'é', 'x: y', '# z'), escape), { maxLength: 5 }).map((parts) => parts.join(''));
const doubleQuoted = quotedText.map((t) => `"${t.replace(/(^|[^\\])"/g, '$1\\"')}"`);
const singleQuoted = quotedText.map((t) => `'${t.replace(/\\/g, '').replace(/'/g, "''")}'`);
const rawQuoted = quotedText.map((t) => `"${t}"`);
const scalar = fc.oneof({ weight: 4, arbitrary: plainScalar }, { weight: 2, arbitrary: doubleQuoted }, { weight: 1, arbitrary: singleQuoted }, { weight: 1, arbitrary: rawQuoted });
const comma = fc.constantFrom(', ', ',', ' , ', ',  ');
const flowSeq = fc.tuple(fc.array(scalar, { maxLength: 4 }), comma, fc.constantFrom('[', '[ '), fc.constantFrom(']', ' ]', ', ]')).map(([items, sep, open, close]) => `${open}${items.join(sep)}${close}`);
const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('value', 'note', 'constructor', 'toString') }, { weight: 12, arbitrary: fc.tuple(fc.constantFrom('lead-sponsor', 'a', 'x_', 'A9-'), fc.nat(99)).map(([k, n]) => `${k}${n}`) }, { weight: 1, arbitrary: fc.constantFrom('1a', 'a b', '"q"', 'a.b', '__proto__', 'null', 'Null', 'true', 'TRUE', '<<', '-a') });
const flowMap = fc
  .tuple(fc.array(fc.tuple(key, fc.constantFrom(': ', ':', ':  '), fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: flowSeq })), { maxLength: 3 }), comma, fc.constantFrom('{ ', '{', '{  '), fc.constantFrom(' }', '}', ', }'))
  .map(([pairs, sep, open, close]) => `${open}${pairs.map(([k, c, v]) => `${k}${c}${v}`).join(sep)}${close}`);
const comment = fc.constantFrom('', '', ' # a comment', '  #x', '#x', ' #');
const blockLines = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('text', '1. one | two', '# not a comment', '', 'key: value', '  ', '- x')), { minLength: 1, maxLength: 4 });

/** A block mapping at `indent`, as lines. */
function blockMap(depth: number, indent: number): fc.Arbitrary<string[]> {
  const inline = fc.tuple(fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 2, arbitrary: flowMap }, { weight: 1, arbitrary: flowSeq }), comment).map(([v, c]) => [`: ${v}${c}`]);
  const literal = fc.tuple(fc.constantFrom('|', '|-', '|+', '|2', '| ', '>'), fc.integer({ min: 1, max: 3 }), blockLines).map(([head, extra, lines]) => [
    `: ${head}`,
    ...lines.map(([more, t]) => (t.trim() === '' ? t : `${' '.repeat(indent + extra + (more === 3 ? 1 : 0))}${t}`)),
  ]);
  const empty = comment.map((c) => [`:${c}`]);
  const nested =
    depth > 0
      ? fc.tuple(comment, fc.integer({ min: 1, max: 4 })).chain(([c, step]) => blockMap(depth - 1, indent + step).map((lines) => [`:${c}`, ...lines]))
      : empty;
  const entry = fc.tuple(key, fc.oneof({ weight: 6, arbitrary: inline }, { weight: 1, arbitrary: literal }, { weight: 1, arbitrary: empty }, { weight: 2, arbitrary: nested }));
  const extra = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('', '# comment', '   # indented comment', '  ') }, { weight: 1, arbitrary: fc.constantFrom('---', '...', '%YAML 1.2', '- item', 'x', '\t', ' a: 1', 'a:\tb', 'a: b\r') });
  return fc
    .array(fc.tuple(entry, fc.option(extra, { freq: 2 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 6 })
    .map((entries) =>
      entries.flatMap(([[k, [first, ...rest]], between, shift]) => [
        `${' '.repeat(indent + (shift === 0 ? 1 : 0))}${k}${first}`,
        ...rest,
        ...(between === null ? [] : [between]),
      ]),
    );
}

const document = fc.tuple(blockMap(2, 0), fc.constantFrom('\n', '', '\n\n', '\n  \n')).map(([lines, end]) => lines.join('\n') + end);

describe('quick YAML values', () => {
  it('equal the library’s for random documents in and around the subset', () => {
    let quick = 0;
    let total = 0;
    fc.assert(
      fc.property(document, (text) => {
        total++;
        if (expectAgreement(text)) quick++;
      }),
      { numRuns: 6000 },
    );
    // the comparison means something only if many documents take the quick path
    expect(quick / total).toBeGreaterThan(0.07);
  });

  it('equal the library’s for every YAML and JSON file of the tests, examples and built-ins, and take the example and the good fixtures', () => {
    const files = [...filesUnder(join(ROOT, 'test', 'fixtures')), ...filesUnder(join(ROOT, 'reports', 'examples')), ...filesUnder(join(ROOT, 'questionnaires'))];
    expect(files.length).toBeGreaterThan(20);
    const taken = files.filter((f) => expectAgreement(readFileSync(f, 'utf8').replace(/^\uFEFF/, '')));
    for (const f of ['reports/examples/example-org-answers.yaml', 'test/fixtures/answers/good.yaml']) expect(taken).toContain(join(ROOT, f));
  });

  it('locate values and keys where the library does, parsing with it only when asked', () => {
    const text = readFileSync(join(ROOT, 'reports', 'examples', 'example-org-answers.yaml'), 'utf8');
    const quick = parseYaml(text, 'a.yaml').doc!;
    const library = parseYamlWithLibrary(text, 'a.yaml').doc!;
    expect(quick.value).toEqual(library.value);
    for (const path of [[], ['answers'], ['answers', 'lead-sponsor'], ['answers', 'lead-sponsor', 'note'], ['answers', 'champ-depts', 'value', 1], ['answers', 'missing'], ['date'], ['nope', 'deeper']]) {
      expect(quick.locate(path)).toEqual(library.locate(path));
      expect(quick.locateKey(path)).toEqual(library.locateKey(path));
      expect(quick.problem(path, 'm', true)).toEqual(library.problem(path, 'm', true));
      expect(quick.problem(path, 'm')).toEqual(library.problem(path, 'm'));
    }
  });
});
