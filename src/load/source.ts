// Reading and parsing text input, with positions. This module is the only place
// that parses YAML/JSON text; every loader builds on it so that every error can
// name file, line and column.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { InputError, type Problem } from '../errors.js';
import { DEFAULT_MAX_BYTES, readRegularFile } from './safe-read.js';

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
    throw new InputError(`${file}:${line}:${column} is not valid UTF-8; save the file as UTF-8 and try again.`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // binary search on the longest valid prefix is overkill; scan line by line
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        for (let j = start; j < i; j++) {
          try {
            decoder.decode(bytes.subarray(start, j + 1), { stream: true });
          } catch {
            return j;
          }
        }
        return start;
      }
      start = i + 1;
    }
  }
  return 0;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
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

/**
 * Parses YAML or JSON text. Syntax errors become Problems with their position.
 * Alias expansion is capped so that "billion laughs" documents are refused quickly.
 */
export function parseYaml(text: string, file: string): { doc?: ParsedDocument; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problems: Problem[] = document.errors.map((e) => {
    const { line, column } = pos(e.pos[0]);
    const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return {
      file,
      line,
      column,
      path: '',
      message: `YAML syntax error: ${lowerFirst(msg)}${msg.endsWith('.') ? '' : '.'} Fix the syntax at this place.`,
    };
  });
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
  const doc: ParsedDocument = {
    file,
    value,
    locate,
    locateKey,
    problem(path, message, atKey = false) {
      const { line, column } = atKey ? locateKey(path) : locate(path);
      return { file, line, column, path: formatPath(path), message };
    },
  };
  return { doc, problems: [] };
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
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? ` (did you mean "${best}"?)` : '';
}
