// Turns zod's issues into Problems a person can act on: the exact place in the
// file and one plain sentence. Generic over the schema, so loaders of other
// formats (answers, results) can reuse it.
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { didYouMean, type ParsedDocument, type PathSegment } from './source.js';

/** What the mapping needs from a parsed document. */
export type Locator = Pick<ParsedDocument, 'file' | 'locate' | 'locateKey' | 'problem'>;

type Issue = z.core.$ZodIssue;

export interface ZodProblemOptions {
  /**
   * Called for union failures; return problems to use instead of the generic
   * sentence (e.g. a precise analysis of a condition), or undefined.
   */
  onUnion?: (path: PathSegment[], value: unknown) => Problem[] | undefined;
}

/** The value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg as string];
  }
  return node;
}

/** "a list", "the text "x"", "the number 3": how a value reads in a sentence. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
  map: 'a mapping of keys to values',
  null: 'empty',
};

/** Keys that the object schema at `path` accepts, walking through wrappers. */
export function allowedKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let node: unknown = schema;
  const unwrap = (n: unknown): unknown => {
    for (let i = 0; i < 20; i++) {
      const def = defOf(n);
      if (!def) return n;
      if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch'].includes(def.type as string)) n = def.innerType;
      else if (def.type === 'lazy') n = (def.getter as () => unknown)();
      else if (def.type === 'pipe') n = def.in;
      else return n;
    }
    return n;
  };
  for (const seg of path) {
    node = unwrap(node);
    const def = defOf(node);
    if (!def) return [];
    if (def.type === 'object') node = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return [];
  }
  const def = defOf(unwrap(node));
  if (def?.type === 'object') return Object.keys(def.shape as Record<string, unknown>);
  return [];
}

function defOf(n: unknown): Record<string, unknown> | undefined {
  const zod = (n as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod;
  return zod?.def;
}

/**
 * Maps zod issues on `root` (the document's plain value) to Problems located
 * in `doc`. `schema` is the schema that was parsed (to list allowed keys).
 */
export function zodIssuesToProblems(
  issues: readonly Issue[],
  root: unknown,
  doc: Locator,
  schema: z.ZodType,
  options: ZodProblemOptions = {},
  prefix: readonly PathSegment[] = [],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const local = issue.path as PathSegment[];
    const path = [...prefix, ...local];
    const value = valueAt(root, path);
    const at = (message: string, atKey = false) => problems.push(doc.problem(path, message, atKey));
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(schema, local);
        for (const key of issue.keys) {
          const hint = didYouMean(key, allowed);
          const message = hint
            ? `unknown key "${key}"${hint}`
            : `unknown key "${key}"${allowed.length ? `; allowed keys here are: ${allowed.join(', ')}` : ''}`;
          problems.push(doc.problem([...path, key], message, true));
        }
        break;
      }
      case 'invalid_type': {
        if (value === undefined) {
          const key = path[path.length - 1];
          at(typeof key === 'string' ? `required key "${key}" is missing` : 'a value is missing here');
        } else {
          const expected = EXPECTED[issue.expected] ?? issue.expected;
          const quoteHint =
            issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
              ? `; put it in quotes to make it a text`
              : '';
          at(value === null ? `must be ${expected}, but it is empty` : `must be ${expected}, not ${describeValue(value)}${quoteHint}`);
        }
        break;
      }
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'array' || issue.origin === 'set') {
          at(min <= 1 ? 'must not be an empty list' : `must list at least ${min} entries, but has ${Array.isArray(value) ? value.length : 0}`);
        } else if (issue.origin === 'string') {
          at(min <= 1 ? 'must not be empty' : `must be at least ${min} characters long`);
        } else {
          at(issue.inclusive ? `must be at least ${min}, not ${describeValue(value)}` : `must be more than ${min}, not ${describeValue(value)}`);
        }
        break;
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'array' || issue.origin === 'set') at(`must list at most ${max} entries`);
        else if (issue.origin === 'string') at(`must be at most ${max} characters long`);
        else at(issue.inclusive ? `must be at most ${max}, not ${describeValue(value)}` : `must be less than ${max}, not ${describeValue(value)}`);
        break;
      }
      case 'invalid_format': {
        at(`${issue.message}, not ${describeValue(value)}`);
        break;
      }
      case 'invalid_value': {
        const allowed = issue.values.map((v) => String(v));
        const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
        at(
          allowed.length === 1
            ? `must be ${allowed[0]}, not ${describeValue(value)}`
            : `${describeValue(value)} is not allowed here${hint}; use one of: ${allowed.join(', ')}`,
        );
        break;
      }
      case 'invalid_union': {
        const special = options.onUnion?.(path, value);
        if (special) {
          problems.push(...special);
        } else if (value === undefined) {
          const key = path[path.length - 1];
          at(typeof key === 'string' ? `required key "${key}" is missing` : 'a value is missing here');
        } else {
          const kinds = unionKinds(issue);
          at(
            kinds.length
              ? `must be ${kinds.join(' or ')}, not ${describeValue(value)}`
              : `${describeValue(value)} does not match any allowed form here`,
          );
        }
        break;
      }
      case 'not_multiple_of':
        at(`must be a multiple of ${issue.divisor}`);
        break;
      default:
        at(issue.message);
    }
  }
  return problems;
}

/** The expected kinds of a simple union, e.g. ["a text", "a number"]. */
function unionKinds(issue: Extract<Issue, { code: 'invalid_union' }>): string[] {
  const kinds: string[] = [];
  const errors = (issue as { errors?: Issue[][] }).errors ?? [];
  for (const branch of errors) {
    const top = branch.find((i) => i.path.length === 0);
    if (top?.code === 'invalid_type') kinds.push(EXPECTED[top.expected] ?? top.expected);
    else if (top?.code === 'too_small' && top.origin === 'string') kinds.push('a non-empty text');
    else return [];
  }
  return [...new Set(kinds)];
}
