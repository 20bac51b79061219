// Reading and parsing text input, with positions. This module is the only place
// that parses YAML/JSON text; every loader builds on it so that every error can
// name file, line and column.
import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import { InputError, type Problem } from '../errors.js';
import { DEFAULT_MAX_BYTES, readRegularFile } from './safe-read.js';
import { firstInvalidUtf8, positionOfByte } from './utf8.js';

/** Input files larger than this are refused: no questionnaire or answers file is anywhere near it. */
export const MAX_INPUT_BYTES = DEFAULT_MAX_BYTES;

export type PathSegment = string | number;

/** "questions[7].scale" from ["questions", 7, "scale"]. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/**
 * Reads a UTF-8 text file, refusing what is not one: missing paths, folders,
 * FIFOs, devices, sockets, oversized files, binary or non-UTF-8 content. A
 * leading BOM is dropped. Opening goes through safe-read.ts (fstat on the open
 * descriptor, size checked before and while reading). `what` names the kind of
 * file in messages ("answers file"); `path` opens another path than the one shown.
 */
export function readTextFile(file: string, maxBytes = MAX_INPUT_BYTES, what = 'file', path?: string): string {
  const bytes = readRegularFile(file, { maxBytes, what, ...(path !== undefined ? { path } : {}) });
  return decodeUtf8(bytes, file);
}

/** Decodes UTF-8 strictly, refusing binary content with a clear sentence. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) throw new InputError(`${file} looks like a binary file, not text; give a UTF-8 text file.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, at);
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
    const legacy = bytes[at]! >= 0xa0 ? ' (it looks like Latin-1 or windows-1252)' : '';
    throw new InputError(`${file}:${line}:${column} has byte 0x${byte}, which is not valid UTF-8${legacy}; save the file as UTF-8 and try again.`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A parsed YAML (or JSON: YAML is a superset) document that can tell where any value came from. */
export interface ParsedDocument {
  file: string;
  /** Plain JavaScript value of the document. */
  value: unknown;
  /** 1-based line and column of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PathSegment[]): { line: number; column: number };
  /** 1-based position of the *key* at `path` (for unknown-key and duplicate-id messages). */
  locateKey(path: readonly PathSegment[]): { line: number; column: number };
  /** A Problem at `path` with `message`. */
  problem(path: readonly PathSegment[], message: string, atKey?: boolean): Problem;
}

// Two YAML libraries, each loaded on first use (a require the build turns into its vendor file):
// js-yaml reads plain documents quickly; the yaml library keeps every node's position, for
// every message that names a line and column, and reads everything js-yaml is not given.
let yamlLibrary: typeof Yaml | undefined;
let jsYamlLibrary: typeof JsYaml | undefined;
// (the bundle and the tests have a require; an ES module run by a TypeScript runner takes Node's)
const hasRequire = typeof require === 'function';
const yaml = (): typeof Yaml => (yamlLibrary ??= (hasRequire ? require('yaml') : createRequire(import.meta.url)('yaml')) as typeof Yaml);
const jsYaml = (): typeof JsYaml => (jsYamlLibrary ??= (hasRequire ? require('js-yaml') : createRequire(import.meta.url)('js-yaml')) as typeof JsYaml);

/**
 * Parses YAML or JSON text. Syntax errors become Problems with their position.
 * Alias expansion is capped so that "billion laughs" documents are refused quickly.
 *
 * A plain document (see quickYamlValue) is read by js-yaml, some five times faster than
 * the yaml library on a first parse, which is what a command does (29 KB questionnaire:
 * 12 against 60 ms); its positions are worked out with the yaml library only when a
 * message asks for one. Any other document, and any js-yaml refuses, is read by the
 * yaml library, as all were before.
 */
export function parseYaml(text: string, file: string): { doc?: ParsedDocument; problems: Problem[] } {
  const value = quickYamlValue(text);
  if (value === NOT_QUICK) return parseYamlFully(text, file);
  let full: ParsedDocument | null | undefined;
  // the positions of the same document from the yaml library (it reads it as js-yaml did: the
  // property tests compare them); should it not, the start of the file
  const fully = (): ParsedDocument | null => {
    // once, also when it gives no document (a file of problems must not be parsed again per position)
    if (full === undefined) full = parseYamlFully(text, file).doc ?? null;
    return full;
  };
  const locate = (path: readonly PathSegment[]) => fully()?.locate(path) ?? { line: 1, column: 1 };
  const locateKey = (path: readonly PathSegment[]) => fully()?.locateKey(path) ?? { line: 1, column: 1 };
  return {
    doc: parsedDocument(file, value, locate, locateKey),
    problems: [],
  };
}

type Locate = (path: readonly PathSegment[]) => { line: number; column: number };

/** A ParsedDocument of `value` whose positions come from `locate` and `locateKey`. */
function parsedDocument(file: string, value: unknown, locate: Locate, locateKey: Locate): ParsedDocument {
  return {
    file,
    value,
    locate,
    locateKey,
    problem(path, message, atKey = false) {
      const { line, column } = atKey ? locateKey(path) : locate(path);
      return { file, line, column, path: formatPath(path), message };
    },
  };
}

/** What quickYamlValue returns for a document it leaves to the yaml library. */
export const NOT_QUICK: unique symbol = Symbol('not quick');

/**
 * What may make the two libraries read a document differently, or make the yaml library
 * refuse it: a tag, anchor or alias (a `!`, `&` or `*` that starts a token); a directive
 * or document marker at the start of a line; an explicit (`?`) or empty (`:`) key, or a
 * flow collection as a key; a merge key; a tab (whitespace rules); a carriage return
 * alone; a block scalar's indentation indicator or keep chomping (`|2`, `>1-`, `|+`: the
 * libraries were found to differ on their blank lines); a `\U` escape (js-yaml takes one
 * beyond U+10FFFF) or an escaped line break (they differ on the empty lines after it); a
 * byte-order mark inside the text; a flow collection left open at the end of a line, or a
 * comment less indented than the line after it (see unsureLines). Such documents go to the
 * yaml library; none of it is needed to write a questionnaire or an answers file. A tester
 * found the exclusions after the first eight by comparing the two readings of edited files.
 */
const NOT_PLAIN = /(?:^|[\s[{,:])[!&*]|^(?:%|---|\.\.\.)|(?:^|[\s[{,])[?:](?:\s|$)|[\]}]:(?:\s|$)|<<|\t|\r(?!\n)|[|>](?:[-+]?[1-9]|[1-9]?\+)|\\U|\\\r?$|\uFEFF/m;

/**
 * The JavaScript value of `text` as js-yaml reads it under YAML 1.2's core schema with the
 * yaml library's own number rules, or NOT_QUICK when the document is not plain (NOT_PLAIN),
 * js-yaml refuses it (syntax, a duplicate key, an alias), it is not a mapping, or a key was
 * `null` (the two libraries spell a null key differently), `__proto__` or over 1024 units
 * long. Exported for the tests that compare the two readings.
 */
export function quickYamlValue(text: string): unknown {
  if (NOT_PLAIN.test(text) || unsureLines(text)) return NOT_QUICK;
  const lib = jsYaml();
  let value: unknown;
  try {
    value = lib.load(text, { schema: coreSchema(lib), maxAliases: 0 });
  } catch {
    return NOT_QUICK;
  }
  // only a mapping (what every input of this tool is): a document of one scalar was read differently
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return NOT_QUICK;
  return hasUnsureKey(value, 0) ? NOT_QUICK : value;
}

/**
 * Whether the lines of `text` take a shape the libraries were found to read differently:
 * - a flow collection (`{`, `[` where a value starts: at the start of a line, after `key:` or
 *   `-`) left open at the end of its line, where they differ on comments (a `#` at the start
 *   of a line inside it is an error to the yaml library); brackets inside quotes count too,
 *   which can only send a document to the yaml library, and braces in running text (a
 *   placeholder such as `({id.note|...})`) do not start a value;
 * - such a collection, or a quoted scalar where a value starts, followed on its line by more
 *   than a `key:` colon or a comment (`- "b" x: c`: js-yaml reads a key of the parent mapping,
 *   the yaml library refuses it);
 * - a comment line less indented than the content line after it (`key:`, `# note` at column
 *   0, then the value indented: the yaml library refuses it);
 * - a line over 1,000 characters (the yaml library refuses an implicit key whose `:` is more
 *   than 1,024 characters, quotes and escapes included, after its start).
 */
function unsureLines(text: string): boolean {
  let commentIndent = -1;
  for (const line of text.split('\n')) {
    if (line.length > 1000) return true;
    const indent = line.length - line.trimStart().length;
    if (indent === line.length || (indent === line.length - 1 && line.endsWith('\r'))) continue; // blank
    if (line.charCodeAt(indent) === 0x23) {
      if (commentIndent < 0 || indent < commentIndent) commentIndent = indent;
      continue;
    }
    if (commentIndent >= 0 && indent > commentIndent) return true;
    commentIndent = -1;
    const flow = FLOW_START.exec(line);
    if (flow) {
      let depth = 0;
      let i = flow.index + flow[0].length - 1;
      for (; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) depth--;
        if (depth === 0) break;
      }
      if (depth > 0 || !AFTER_VALUE.test(line.slice(i + 1))) return true;
      continue; // quotes inside it are the collection's
    }
    const quoted = QUOTED_START.exec(line);
    if (quoted) {
      const quote = (quoted[1] ?? quoted[2])!;
      let i = quoted.index + quoted[0].length;
      for (; i < line.length; i++) {
        const c = line[i];
        if (quote === '"' && c === '\\') i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else break;
        }
      }
      // closed on its line: only a key's colon or a comment may follow
      if (i < line.length && !AFTER_VALUE.test(line.slice(i + 1))) return true;
    }
  }
  return false;
}
const FLOW_START = /(?:^\s*|[:-]\s+)[[{]/;
const QUOTED_START = /^\s*(?:-\s+)*(["'])|[:-]\s+(["'])/;
/** What may follow a value that ends within its line: nothing, a comment, or (for a key) a colon and the rest. */
const AFTER_VALUE = /^\s*(?:#.*|:(?:\s.*)?)?\r?$/;

/** Whether a mapping in `value` has a key `null`, `__proto__` or longer than 1024 units (the yaml library refuses such an implicit key), or nests beyond 100 levels. */
function hasUnsureKey(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > 100) return true;
  if (Array.isArray(value)) return value.some((v) => hasUnsureKey(v, depth + 1));
  for (const key of Object.keys(value)) {
    if (key === 'null' || key === '__proto__' || key.length > 1024 || hasUnsureKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

let quickSchema: JsYaml.Schema | undefined;

/**
 * js-yaml's core schema with the yaml library's core rules for numbers (its
 * dist/schema/core/int.js and float.js: the same patterns and conversions), where
 * js-yaml's own differ (a number too large for a double: Infinity there, text here).
 */
function coreSchema(lib: typeof JsYaml): JsYaml.Schema {
  if (quickSchema) return quickSchema;
  const resolveInt = (source: string) => {
    if (/^0o[0-7]+$/.test(source)) return parseInt(source.slice(2), 8);
    if (/^[-+]?[0-9]+$/.test(source)) return parseInt(source, 10);
    if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.slice(2), 16);
    return lib.NOT_RESOLVED;
  };
  const resolveFloat = (source: string) => {
    if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
      return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return parseFloat(source);
    return lib.NOT_RESOLVED;
  };
  const int = lib.defineScalarTag('tag:yaml.org,2002:int', {
    implicit: true,
    implicitFirstChars: ['-', '+', ...'0123456789'],
    resolve: resolveInt,
    identify: (object: unknown) => Number.isInteger(object),
  });
  const float = lib.defineScalarTag('tag:yaml.org,2002:float', {
    implicit: true,
    implicitFirstChars: ['-', '+', '.', ...'0123456789'],
    resolve: resolveFloat,
    identify: (object: unknown) => typeof object === 'number',
  });
  return (quickSchema = lib.CORE_SCHEMA.withTags(int, float));
}

/** parseYaml with the yaml library: every document, with the positions of its nodes (exported for the tests that compare the two readings). */
export function parseYamlFully(text: string, file: string): { doc?: ParsedDocument; problems: Problem[] } {
  const { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // uniqueKeys is checked below in one pass: the library's own check compares
  // every key with every earlier one (20,000 keys took 3.6 s).
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true, version: '1.2' });
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const at = (offset: number, message: string): Problem => ({ file, ...pos(offset), path: '', message });
  // the yaml library composes nested nodes recursively: hundreds of levels overflow its stack,
  // which it reports once per level it unwinds (the depth reached varies from run to run)
  const overflow = document.errors.filter((e) => /maximum call stack/i.test(e.message));
  if (overflow.length > 0) {
    const first = Math.min(...overflow.map((e) => e.pos[0]));
    return { problems: [at(first, 'lists or mappings are nested hundreds of levels deep here, more than can be read (these files need fewer than ten levels); remove the extra brackets or indentation.')] };
  }
  const problems: Problem[] = document.errors.map((e) => {
    if (e.code === 'MULTIPLE_DOCS') {
      return at(e.pos[0], 'a second YAML document starts here (after a `---` or `...` line); a file holds one document, so remove the separator or split the file.');
    }
    const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return at(e.pos[0], `YAML syntax error: ${lowerFirst(msg)}${msg.endsWith('.') ? '' : '.'} Fix the syntax at this place.`);
  });
  if (problems.length > 0) return { problems };
  // YAML 1.1 reads 010 as 8 and yes/no as true/false: scoring must never depend on the directive.
  const version = document.directives?.yaml;
  if (version?.explicit && version.version !== '1.2') {
    return { problems: [at(0, `the file declares %YAML ${version.version}, and this tool reads YAML 1.2 only (1.1 reads 010 as 8 and yes as true); remove the %YAML line.`)] };
  }
  problems.push(...structureProblems(document, at, text));
  if (problems.length > 0) return { problems };

  let value: unknown;
  try {
    // maxAliasCount bounds the work done expanding aliases (alias bombs)
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message;
    const tooMany = /excessive alias count/i.test(message);
    const unresolved = /^Unresolved alias[^:]*: ?(.*)$/.exec(message);
    const sentence = unresolved
      ? `the alias *${unresolved[1]} is used before its anchor &${unresolved[1]} is defined; define the anchor first.`
      : tooMany
        ? 'the document expands too many YAML aliases (a possible "alias bomb"); write the values out instead of using * aliases.'
        : `the document cannot be read: ${message}`;
    return { problems: [{ file, line: 1, column: 1, path: '', message: sentence }] };
  }

  const nodeAt = (path: readonly PathSegment[], wantKey: boolean): Node | undefined => {
    let node: unknown = document.contents;
    let keyNode: unknown;
    let last: Node | undefined = document.contents as Node | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        keyNode = undefined;
        node = node.items[seg];
      } else {
        break;
      }
      if (!node) {
        last = (keyNode as Node | undefined) ?? last;
        break;
      }
      last = (wantKey && seg === path[path.length - 1] && keyNode ? keyNode : node) as Node;
    }
    return last;
  };
  const locateWith = (wantKey: boolean) => (path: readonly PathSegment[]) => {
    const node = nodeAt(path, wantKey);
    const offset = node?.range?.[0] ?? 0;
    return pos(offset);
  };
  const locate = locateWith(false);
  const locateKey = locateWith(true);
  return { doc: parsedDocument(file, value, locate, locateKey), problems: [] };
}

/** YAML tags whose meaning is plain data; anything else (!!binary, !!set, !!timestamp, !custom) is refused. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Duplicate keys in a mapping, keys that are no text, and tags that are not plain data,
 * found in one pass over the document (linear in its size). A key that is a list, a
 * mapping or an alias would reach the program as made-up text (and the yaml library
 * prints a Node warning for it); a null key (`~:`, `null:`, nothing before the colon) as
 * the empty text, so `NULL: n/a` meant "" to a survey mapping. Keys are compared as the
 * text they become (`1` and `"1"` are the same key). At most 10 problems are kept, so a
 * hostile file cannot flood the output.
 */
function structureProblems(document: ReturnType<typeof Yaml.parseDocument>, at: (offset: number, message: string) => Problem, text: string): Problem[] {
  const { isAlias, isMap, isScalar, visit } = yaml();
  const problems: Problem[] = [];
  visit(document, {
    Node(_key, node) {
      if (isMap(node)) {
        const seen = new Set<string>();
        for (const pair of node.items) {
          const key = pair.key as Node | null;
          if (!isScalar(key)) {
            const offset = key?.range?.[0] ?? node.range?.[0] ?? 0;
            const what = isAlias(key) ? `the alias *${key.source}` : isMap(key) ? 'a mapping' : 'a list';
            if (problems.length < 10) problems.push(at(offset, `a key here is ${what}, not a text; write the key as text, in quotes if it starts with [ { * or ? (e.g. "[Q1, Q3]").`));
            continue;
          }
          if (key.value === null || key.value === undefined) {
            const source = (key as { source?: string }).source ?? '';
            // an empty key's range may start before the indentation of its line: name its colon
            let offset = key.range?.[0] ?? 0;
            if (source === '') while (text[offset] === ' ' || text[offset] === '\n' || text[offset] === '\r') offset++;
            if (problems.length < 10) {
              problems.push(
                at(
                  offset,
                  source.trim() === ''
                    ? 'a key here is empty (nothing before its colon); write the text it stands for, or remove the line.'
                    : `the key ${source} here is YAML's empty value, not a text; write "${source}" in quotes if you mean that text, or remove the line.`,
                ),
              );
            }
            continue;
          }
          const id = String(key.value);
          if (seen.has(id)) {
            if (problems.length < 10) problems.push(at(key.range?.[0] ?? 0, 'YAML syntax error: map keys must be unique. Fix the syntax at this place.'));
          } else seen.add(id);
        }
      }
      const tag = (node as { tag?: string }).tag;
      if (tag !== undefined && !PLAIN_TAGS.has(tag) && problems.length < 10) {
        const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
        problems.push(at(node.range?.[0] ?? 0, `the YAML tag ${shown} is not supported here (only plain text, numbers, lists and mappings are); remove "${shown}" and write the value as plain text.`));
      }
    },
  });
  return problems;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** ` (did you mean "x"?)` when one candidate is close to `word`, else "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  // The work is capped: a very long word matches nothing worth suggesting,
  // and a candidate whose length differs by more than the limit cannot be close.
  if (word.length > 200) return '';
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= limit ? ` (did you mean "${best}"?)` : '';
}
