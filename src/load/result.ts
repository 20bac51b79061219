// Reading stored results. A result file may be years old, written by a newer tool,
// cut short by a full disk, or edited by hand; each case gets one clear sentence.
// The versioning rule is written down in docs/results.md.
import { InputError } from '../errors.js';
import { RESULT_SCHEMA_VERSION, Result } from '../model/result.js';
import { READ_LIMITS } from './safe-read.js';
import { knownGood, rememberGood, resultDigest } from './result-memo.js';
import { stableStringify } from './hash.js';
import { jsonSyntaxError } from './json-syntax.js';
import { shellArg } from './shell-arg.js';

export { jsonErrorOffset } from './json-syntax.js';
import { formatPath, parseYaml, readTextFile, type PathSegment } from './source.js';

/**
 * Largest difference (points) between a stored score and the one recomputed from its answers:
 * schema 2 stores full precision, so recomputation agrees to float noise; results upgraded
 * from schema 1 stored one decimal (dimensions) and three (items), hence the wider tolerance.
 */
export const SCORE_TOLERANCE = 0.01;
export const ROUNDED_SCORE_TOLERANCE = 0.15;

/**
 * Reads a stored result JSON: refuses corrupt/truncated JSON (with line:column), a schema
 * version newer than this tool knows, and results whose scores do not match their answers;
 * upgrades older schema versions. Throws InputError with one clear sentence.
 */
export function loadResult(file: string): Result {
  return parseResult(readTextFile(file, READ_LIMITS.result, 'result file'), file);
}

/** Everything loadResult does after reading the file (also used by tests). */
export function parseResult(text: string, file: string): Result {
  const digest = resultDigest(text);
  const raw = parseJson(text, file);
  // the same text passed every check below before, with this code (result-memo.ts)
  if (knownGood(digest)) return raw as Result;
  const upgraded = upgradeResult(raw, file);
  const result = validateResult(upgraded, text, file);
  const mismatch = checkScores(result);
  if (mismatch) {
    throw new InputError(
      `${file}: scores do not match the answers (edited by hand?): ${mismatch}; re-run readiness assess from the answers to recreate it.`,
    );
  }
  // remembered only when the checks changed nothing but the order of keys (no upgrade, no
  // default, no stripped key), so that a later load of the same text may return it as parsed
  if (digest !== undefined && upgraded === raw && stableStringify(result) === stableStringify(raw)) rememberGood(digest);
  return result;
}

// ---------------------------------------------------------------------------
// JSON with positions

/** JSON.parse with a line:column for the first syntax error (Node's message does not always give one). */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const answers = answersFileGiven(yamlValue(text, file), file);
    if (answers) throw answers;
    const { line, column, what } = jsonSyntaxError(text);
    throw new InputError(
      `${file} is not valid JSON (${what}) at line ${line} column ${column}; re-run readiness assess to recreate it.`,
    );
  }
}


/** The value of a YAML document, or undefined when it does not parse. */
function yamlValue(text: string, file: string): unknown {
  try {
    return parseYaml(text, file).doc?.value;
  } catch {
    return undefined;
  }
}

/**
 * The sentence for an answers file given where a result is expected (a mapping with
 * `answers:` and no schemaVersion): what it is and the command that scores it, with
 * -q and --org when the file does not name them. Undefined for anything else.
 */
export function answersFileGiven(value: unknown, file: string): InputError | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (!('answers' in v) || 'schemaVersion' in v) return undefined;
  const named = (key: string) => (typeof v[key] === 'string' && (v[key] as string).trim() !== '') || typeof v[key] === 'number';
  const q = named('questionnaire') ? '' : ' -q <questionnaire>';
  const org = named('organization') ? '' : ' --org "<organization>"';
  return new InputError(
    `${file} is an answers file, not a stored result; score it with \`readiness assess --answers ${shellArg(file)}${q}${org}\`, which writes the report and its result.`,
  );
}

// ---------------------------------------------------------------------------
// Schema versions

type RawResult = Record<string, unknown>;

/**
 * Upgrades from schema N to N+1, keyed by N. Each step is small and never guesses scores:
 * it only adds what the older format did not have, in the form a fresh result would hold it.
 */
const UPGRADES: Record<number, (r: RawResult) => RawResult> = {
  // Schema 0 (pre-release) had no "not yet" pilots and did not store the level bands.
  0: (r) => ({ ...r, schemaVersion: 1, notYet: r.notYet ?? [], levels: r.levels ?? [] }),
  // Schema 1 stored rounded scores and distributions as objects keyed by label. The object's
  // key order (as JSON.parse gives it) is the order its report listed them in, so the list
  // keeps that order and the report re-renders byte for byte; `upgradedFrom` tells the
  // renderers to print numbers as schema 1 did.
  1: (r) => ({
    ...r,
    schemaVersion: 2,
    upgradedFrom: typeof r.upgradedFrom === 'number' ? r.upgradedFrom : 1,
    answers: Array.isArray(r.answers) ? r.answers.map(upgradeDistribution) : r.answers,
  }),
};

function upgradeDistribution(answer: unknown): unknown {
  if (!answer || typeof answer !== 'object') return answer;
  const a = answer as Record<string, unknown>;
  const d = a.distribution;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return answer;
  return { ...a, distribution: Object.entries(d as Record<string, unknown>).map(([label, count]) => ({ label, count })) };
}

/** Checks the schema version and upgrades older results step by step to RESULT_SCHEMA_VERSION. */
export function upgradeResult(raw: unknown, file: string): RawResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`${file} is not a readiness result (it holds no JSON object); give a result JSON written by readiness assess.`);
  }
  let r = raw as RawResult;
  const version = r.schemaVersion;
  if (version === undefined) {
    const answers = answersFileGiven(r, file);
    if (answers) throw answers;
    throw new InputError(`${file} is not a readiness result (it has no schemaVersion); give a result JSON written by readiness assess.`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new InputError(`${file} has an invalid schemaVersion (${JSON.stringify(version)}); re-run readiness assess to recreate it.`);
  }
  if (version > RESULT_SCHEMA_VERSION) {
    throw new InputError(
      `${file} was written by a newer readiness (schema ${version}; this one reads up to ${RESULT_SCHEMA_VERSION}); upgrade readiness to read it.`,
    );
  }
  for (let v = version; v < RESULT_SCHEMA_VERSION; v++) {
    const step = UPGRADES[v];
    if (!step) throw new InputError(`${file} uses result schema ${v}, which this readiness cannot upgrade; re-run readiness assess to recreate it.`);
    r = step(r);
  }
  return r;
}

function validateResult(raw: RawResult, text: string, file: string): Result {
  const parsed = Result.safeParse(raw);
  if (parsed.success) return parsed.data;
  // JSON is YAML, so the YAML loader can tell where each bad value sits.
  const { doc } = parseYaml(text, file);
  const details = parsed.error.issues.slice(0, 10).map((issue) => {
    const path = issue.path.filter((p): p is PathSegment => typeof p === 'string' || typeof p === 'number');
    const where = doc ? doc.locate(path) : { line: 1, column: 1 };
    return `${file}:${where.line}:${where.column} ${formatPath(path) || '(top level)'}: ${issue.message}`;
  });
  const n = parsed.error.issues.length;
  throw new InputError(
    `${file} is not a valid readiness result: ${n} problem${n === 1 ? '' : 's'} found; re-run readiness assess to recreate it.`,
    details,
  );
}

// ---------------------------------------------------------------------------
// Tamper check

/** True when the result aggregates several respondents (its dimension scores are means of respondents' scores). */
export function isAggregated(result: Result): boolean {
  return result.aggregate !== undefined || result.respondents.count > 1;
}

/**
 * Recomputes the scores from what the result stores and returns a description of the first
 * mismatch, or undefined when everything agrees within SCORE_TOLERANCE.
 *
 * Single respondent: each dimension = 100 * sum(w*s)/sum(w) over its answered scored items.
 * Aggregated results store per-question means, from which the respondent-level dimension means
 * cannot be rebuilt; for them only the overall score (from dimension scores) and each dimension
 * score lying within its respondents' min..max are checked.
 */
export function checkScores(result: Result): string | undefined {
  const aggregated = isAggregated(result);
  const tolerance = result.upgradedFrom !== undefined && result.upgradedFrom < 2 ? ROUNDED_SCORE_TOLERANCE : SCORE_TOLERANCE;
  const sameScore = (a: number | null, b: number | null): boolean => {
    if (a === null || b === null) return a === b;
    return Math.abs(a - b) <= tolerance + 1e-9; // float noise on the boundary
  };
  const exact = new Map<string, number | null>();
  for (const dim of result.dimensions) {
    let expected: number | null;
    if (aggregated) {
      expected = dim.score;
      if (dim.score !== null && dim.spread) {
        const { min, max } = dim.spread;
        if (dim.score < min - tolerance - 1e-9 || dim.score > max + tolerance + 1e-9) {
          return `${dim.id} is ${dim.score} but its respondents scored between ${min} and ${max}`;
        }
      }
    } else {
      let sumW = 0;
      let sumWS = 0;
      for (const a of result.answers) {
        if (a.dimension !== dim.id || a.status !== 'answered' || a.score === null) continue;
        sumW += a.weight;
        sumWS += a.weight * a.score;
      }
      expected = sumW > 0 ? (100 * sumWS) / sumW : null;
      // below its minimum coverage a dimension has no score, whatever its answers give
      if (dim.minCoverage !== undefined && dim.asked !== undefined && dim.answered !== undefined && dim.minCoverage > 0) {
        if (dim.answered < Math.max(1, Math.ceil(Number((dim.minCoverage * dim.asked).toPrecision(12))))) expected = null;
      }
      if (!sameScore(expected, dim.score)) {
        return `${dim.id} is stored as ${show(dim.score)} but its answers give ${show(expected)}`;
      }
    }
    exact.set(dim.id, expected);
  }
  let sumW = 0;
  let sumWS = 0;
  for (const dim of result.dimensions) {
    const s = exact.get(dim.id);
    if (s === null || s === undefined || dim.inOverall === false) continue;
    sumW += dim.weight;
    sumWS += dim.weight * s;
  }
  const overall = sumW > 0 ? sumWS / sumW : null;
  if (!sameScore(overall, result.overall.score)) {
    return `the overall score is stored as ${show(result.overall.score)} but its dimensions give ${show(overall)}`;
  }
  return undefined;
}

function show(n: number | null): string {
  return n === null ? 'no score' : String(Math.round(n * 100) / 100);
}
