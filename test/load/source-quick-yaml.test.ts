// parseYaml reads plain documents with js-yaml and everything else with the yaml
// library (src/load/source.ts). Whatever js-yaml is given and accepts, the yaml
// library must accept too and read as the same value: these tests compare the two
// readings on random documents built from the pieces questionnaires and answers
// files are made of, and on those pieces broken at random.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_QUICK, parseYaml, parseYamlFully, quickYamlValue } from '../../src/load/source.js';

/** The yaml library's reading when it finds no problem, else 'refused'. */
function full(text: string): unknown {
  const { doc, problems } = parseYamlFully(text, 'x.yaml');
  return doc && problems.length === 0 ? doc.value : 'refused';
}

/** js-yaml's reading, when it is given the text and accepts it, must be the yaml library's. */
function agree(text: string): void {
  const quick = quickYamlValue(text);
  if (quick === NOT_QUICK) return;
  expect(quick, JSON.stringify(text)).toStrictEqual(full(text));
}

const scalars = [
  // numbers as YAML 1.2's core schema reads them, and near misses that stay text
  '0', '-0', '+12', '012', '0o17', '0x1F', '0X1F', '0b101', '1_000', '1e3', '1E-3', '1e400', '-1e400', '.5', '5.', '-.5e2', '1.5e', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'NaN', 'inf', '1,5', '3.14.15', '99999999999999999999', '0o8', '0x', '+0x1',
  // booleans, nulls and their YAML 1.1 cousins (text in 1.2)
  'true', 'True', 'TRUE', 'false', 'yes', 'No', 'on', 'off', 'y', 'n', '~', 'null', 'Null', 'NULL', 'nul',
  // text that looks like something else
  '2026-11-29', '2026-11-29T10:00:00Z', '12:30', '1:20:30', 'a:b', 'http://x.org/a?b=c#d', 'a #b', 'a#b', "it's", 'Straße', '日本語', 'emoji 🙂', 'x - y', '- x', '"quoted"', "'single'",
  // double- and single-quoted forms
  '"a\\nb"', '"tab\\tx"', '"\\x41\\u00e9\\U0001F642"', '"a \\" b"', '"\\\\"', '"\\/"', '"\\N\\_\\L\\P"', '"\\0"', "'it''s'", "''", '""', '"a #b"', '"multi\n  line"', "'multi\n\n  line'",
  '"unterminated', "'bad'' quote", '"\\q"', '"\\x4"',
  // what the yaml library refuses or reads otherwise, found by a tester: a bare tag, an escape beyond U+10FFFF, an escaped line break before an empty line
  '! x', '!', '"\\U00110000"', '"\\U0001F642"', '"x\\\n\n  y"', '"x \\\n  y"', '"a\\\n"',
];

const keys = ['id', 'title', 'value', 'note', 'a', 'answers', 'lead-sponsor', '1', '0x10', 'true', '~', 'null', '"quoted key"', "'k'", 'a b', 'ключ', '.5', '-1', 'key:x', '"__proto__"', '! k', 'q'.repeat(1025), `"${'q'.repeat(1030)}"`];

/** One scalar in block context (a block scalar now and then). */
const blockScalar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...scalars) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('|', '>', '|-', '>+', '|2', '>-'), fc.array(fc.constantFrom('text', '  more', '', 'x: y', '# no comment', ' lead', 'trail  ', '- item'), { minLength: 1, maxLength: 4 }))
      .map(([head, lines]) => ({ head, lines })),
  },
);

interface Block {
  head: string;
  lines: string[];
}

/** A block-style document: mappings and sequences nested to a few levels, flow collections, comments, blank lines. */
function render(depth: number, rand: fc.Arbitrary<unknown>): fc.Arbitrary<string[]> {
  const flow = fc
    .array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...scalars)), { maxLength: 3 })
    .chain((pairs) =>
      fc.constantFrom(
        `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`,
        `[${pairs.map(([, v]) => v).join(', ')}]`,
        `{${pairs.map(([k, v]) => `${k}: ${v}`).join(',')}}`,
      ),
    );
  const leaf = fc.oneof(blockScalar, flow);
  const entry = (indent: string): fc.Arbitrary<string[]> =>
    fc.tuple(fc.constantFrom(...keys), depth > 0 ? fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: fc.constant('nested') }) : leaf, fc.constantFrom('', '  # comment', ' #c'), fc.boolean()).chain(([k, v, comment, dash]) => {
      const lead = dash ? `${indent}- ` : `${indent}${k}: `;
      if (v === 'nested') return render(depth - 1, rand).map((inner) => [`${dash ? `${indent}-` : `${indent}${k}:`}${comment}`, ...inner.map((l) => `${indent}  ${l}`)]);
      if (typeof v === 'object' && v !== null) {
        const b = v as Block;
        return fc.constant([`${lead}${b.head}`, ...b.lines.map((l) => (l === '' ? '' : `${indent}  ${l}`))]);
      }
      return fc.constant([`${lead}${String(v)}${comment}`]);
    });
  return fc.array(entry(''), { minLength: 1, maxLength: 5 }).map((parts) => parts.flat());
}

const documents = render(2, fc.constant(0)).chain((lines) =>
  fc.tuple(fc.constant(lines), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ls, eol, finalEol]) => ls.join(eol) + (finalEol ? eol : '')),
);

describe('parseYaml: the quick reading (js-yaml) and the full one (yaml library) agree', () => {
  it('on random documents made of the pieces of questionnaires and answers files', () => {
    fc.assert(fc.property(documents, agree), { numRuns: 3000 });
  });

  it('on those documents broken at random (a character inserted, removed or replaced)', () => {
    const noise = fc.constantFrom(':', ' ', '-', '"', "'", '#', '{', '}', '[', ']', ',', '\n', '  ', '|', '>', '?', 'x', '\\', '%', '@', '`');
    fc.assert(
      fc.property(documents, fc.nat(), fc.nat(), noise, fc.constantFrom('insert', 'remove', 'replace'), (text, at, len, ch, how) => {
        const i = at % (text.length + 1);
        const broken = how === 'insert' ? text.slice(0, i) + ch + text.slice(i) : how === 'remove' ? text.slice(0, i) + text.slice(i + 1 + (len % 3)) : text.slice(0, i) + ch + text.slice(i + 1);
        agree(broken);
      }),
      { numRuns: 3000 },
    );
  });

  it('on random lines of YAML\'s tokens at random indentation', () => {
    const token = fc.constantFrom('a', 'b: ', 'c:', '- ', '-', '"x', 'y"', "'z'", '{', '}', '[', ']', ', ', ': ', ' ', '  ', '#', 'x # y', '|', '>', '1', '0x1', '.5', 'true', 'null', '~', 'é', '\\', '\\"', "''", '- a: 1', 'k: v', '# c', '! ', '"\\U0011', '"a\\');
    const line = fc.tuple(fc.constantFrom('', ' ', '  ', '   ', '    ', '      '), fc.array(token, { maxLength: 5 })).map(([indent, parts]) => indent + parts.join(''));
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => agree(lines.join('\n'))), { numRuns: 3000 });
  });

  it('on every questionnaire and example answers file in the repository, which it reads itself', () => {
    const files = [
      ...readdirSync('questionnaires').filter((f) => f.endsWith('.yaml')).map((f) => join('questionnaires', f)),
      ...readdirSync('reports/examples').filter((f) => f.endsWith('.yaml')).map((f) => join('reports/examples', f)),
    ];
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(quickYamlValue(text), file).not.toBe(NOT_QUICK);
      agree(text);
    }
  });

  it('leaves to the yaml library what it alone reads as this tool needs: aliases, tags, directives, documents, null and complex keys', () => {
    const found = ['role: ! Head of Communications\n', '{"a":! 1}\n', `${'q'.repeat(1100)}: 2\n`, 'n: "odd \\U00110000 char"\n', 'c: "pro\\\n\n    jects"\n', 'p: { b: 31, t: 45\n# raised\n    }\n', 'date:\n#c\n 2026-11-29\n', '\uFEFFquestionnaire: x\n', 'a:\n- "b" x: c\n', 'a:\n- [b]x: c\n', 'a:\n- {b: 1}y: 2\n', `'${'x'.repeat(1023)}': v\n`, `x: ["${'\\x41'.repeat(300)}": v]\n`];
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.1\n---\na: yes\n', 'a: 1\n---\nb: 2\n', '~: 1\n', 'null: 1\n', '? a\n: 1\n', '[a, b]: 1\n', '<<: {a: 1}\n', 'a:\t1\n', 'a: 1\na: 2\n', '__proto__: 1\n', ...found]) {
      expect(quickYamlValue(text), JSON.stringify(text)).toBe(NOT_QUICK);
    }
  });

  it('a problem found later names the position the yaml library gives', () => {
    const text = 'id: x\nquestions:\n  - id: q1\n    text: hello\n';
    const { doc } = parseYaml(text, 'q.yaml');
    expect(doc!.value).toStrictEqual({ id: 'x', questions: [{ id: 'q1', text: 'hello' }] });
    expect(doc!.locate(['questions', 0, 'text'])).toEqual({ line: 4, column: 11 });
    expect(doc!.problem(['questions', 0, 'id'], 'bad', true)).toEqual({ file: 'q.yaml', line: 3, column: 5, path: 'questions[0].id', message: 'bad' });
  });
});
