// Checks on a questionnaire that need the whole document: ids and references,
// level bands, question types and their options, conditions. They work on the
// raw parsed value (not the zod output) so that they still run, and every
// problem in a file is reported at once, when the shape is partly wrong.
// Pure: the only outside thing they use is the document's `locate`.
import type { Problem } from '../errors.js';
import {
  DimensionTest,
  DONT_KNOW,
  Id,
  NOT_APPLICABLE,
  OverallTest,
  Questionnaire,
  QuestionTest,
} from '../model/questionnaire.js';
import { didYouMean, type PathSegment } from './source.js';
import { describeValue, valueAt, zodIssuesToProblems, type Locator } from './zod-problems.js';

type Path = PathSegment[];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isId = (v: unknown): v is string => Id.safeParse(v).success;
const COMPARISONS = ['lt', 'lte', 'gt', 'gte'] as const;
const CONDITION_FORMS = ['all', 'any', 'not', 'dimension', 'question', 'overall'] as const;

/** "a, b, c" or a phrase saying there are none. */
function known(kind: string, ids: Iterable<string>): string {
  const all = [...ids];
  return all.length ? `defined ${kind} are: ${all.join(', ')}` : `no ${kind} are defined`;
}

function unknownRef(kind: string, kindPlural: string, id: string, idsIn: Iterable<string>): string {
  const ids = [...idsIn];
  return `unknown ${kind} "${id}"${didYouMean(id, ids)}; ${known(kindPlural, ids)}`;
}

/**
 * A top-box or net rule: `high` (and for net `low`) name answers the question can get;
 * `low` only for net; no value both high and low; not on text or multiple-choice questions.
 */
function aggregateProblems(
  agg: Obj,
  path: Path,
  type: string | undefined,
  values: Array<string | number> | undefined,
  q: Obj | undefined,
  add: (path: Path, message: string, atKey?: boolean) => void,
): void {
  const method = agg.method;
  if (method !== 'top-box' && method !== 'net') {
    if (method === 'mean' && (agg.high !== undefined || agg.low !== undefined)) add(path, 'a mean uses the option scores; "high" and "low" apply only to top-box and net');
    return;
  }
  if (type === 'text' || type === 'multiple') {
    add([...path, 'method'], `${method} applies to likert, single-choice, yes/no and number questions, not to a ${type === 'text' ? 'text' : 'multiple-choice'} question`);
    return;
  }
  if (!Array.isArray(agg.high)) add(path, `${method} needs "high": the answers that count as the top box (e.g. high: [4, 5])`);
  if (method === 'net' && !Array.isArray(agg.low)) add(path, 'net needs "low": the answers counted against it (e.g. low: [0, 1, 2, 3, 4, 5, 6])');
  if (method === 'top-box' && agg.low !== undefined) add([...path, 'low'], '"low" applies only to net; remove it, or use method: net', true);
  const seen = new Map<string, string>();
  for (const side of ['high', 'low'] as const) {
    list(agg[side]).forEach((v, k) => {
      if (typeof v !== 'string' && typeof v !== 'number') return;
      const key = String(v).trim().toLowerCase();
      if (seen.has(key)) add([...path, side, k], `answer "${v}" is already in "${seen.get(key)}"; an answer is either high or low`);
      seen.set(key, side);
      if (type === 'number') {
        const n = Number(v);
        if (!Number.isFinite(n)) add([...path, side, k], `"${v}" is not a number, but this is a number question`);
        else if ((typeof q?.min === 'number' && n < q.min) || (typeof q?.max === 'number' && n > q.max)) add([...path, side, k], `${n} is outside the question's min..max`);
      } else if (values && !values.some((w) => String(w).trim().toLowerCase() === key)) {
        add([...path, side, k], `"${v}" is not an answer of this question; its values are: ${values.join(', ')}`);
      }
    });
  }
}

/** The largest size of a number in a questionnaire: sums and differences of such numbers stay exact enough and finite. */
export const MAX_QUESTIONNAIRE_NUMBER = 1e15;

/**
 * Every number in the document larger in size than MAX_QUESTIONNAIRE_NUMBER: a weight of
 * 1e308 made a dimension's score Infinity and the overall NaN, and number bounds or a display
 * scale of ±1e308 made scores NaN (their difference overflows). And every text with a control
 * character (other than tab and line break): `show`, `list` and the interview print the
 * questionnaire's texts to a terminal, where "\e]0;…" retitles the window, "\e[2J" clears the
 * screen and "\e[8m" hides the words that follow; form files cannot hold them either. And every
 * text with a bidirectional control (BIDI_CONTROL).
 */
function hugeNumbers(value: unknown, path: Path, add: (path: Path, message: string) => void): void {
  if (typeof value === 'number') {
    if (Math.abs(value) > MAX_QUESTIONNAIRE_NUMBER) add(path, `${value} is out of range; numbers in a questionnaire lie between -1e15 and 1e15, so scores computed from them stay finite`);
  } else if (typeof value === 'string') {
    const at = value.search(CONTROL);
    if (at !== -1) {
      const code = `U+${value.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}`;
      add(path, `the text holds the control character ${code} (character ${at + 1}); it could rewrite the terminal that shows the questionnaire, so remove it (tabs and line breaks are fine)`);
    } else {
      const bidi = value.search(BIDI_CONTROL);
      if (bidi !== -1) {
        const code = `U+${value.charCodeAt(bidi).toString(16).toUpperCase().padStart(4, '0')}`;
        add(path, `the text holds the bidirectional control ${code} (character ${bidi + 1}); it makes the text read in another order than it is written, on a terminal and in forms and reports, so remove it (right-to-left text needs none; the marks U+200E and U+200F are fine)`);
      }
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => hugeNumbers(v, [...path, i], add));
  else if (isObj(value)) for (const [k, v] of Object.entries(value)) hugeNumbers(v, [...path, k], add);
}

/** C0 controls but tab and line feed, DEL and the C1 controls (U+0080..U+009F, such as the one-unit CSI U+009B). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * The bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069): a
 * question whose text holds U+202E reads backwards from there on ("Trojan Source"), so what a
 * respondent reads is not what the file says. Arabic and Hebrew text needs none of them; the
 * marks U+200E and U+200F, which it may need, are not among them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** A display scale needs min < max (its native value is min + (max - min) * score / 100). */
function displayProblems(display: Obj, path: Path, add: (path: Path, message: string, atKey?: boolean) => void): void {
  if (typeof display.min === 'number' && typeof display.max === 'number' && !(display.min < display.max)) {
    add([...path, 'max'], `max (${display.max}) must be greater than min (${display.min})`);
  }
}

// ---------------------------------------------------------------------------
// Shape: zod, with conditions analysed by hand (zod's union error says only
// "invalid input"; people need to know which part of which form is wrong).
// ---------------------------------------------------------------------------

/** Every shape problem of a questionnaire document, located and in plain words. */
export function shapeProblems(value: unknown, doc: Locator): Problem[] {
  return shapeCheck(value, doc).problems;
}

/**
 * shapeProblems, and the questionnaire the schema made of `value` when there are none
 * (what Questionnaire.parse would return: the check has parsed it already).
 */
export function shapeCheck(value: unknown, doc: Locator): { problems: Problem[]; questionnaire?: Questionnaire } {
  if (value === null || value === undefined) {
    return {
      problems: [
        doc.problem(
          [],
          'the file is empty; a questionnaire is a YAML mapping with id, title, version, description, minutes, dimensions, questions and levels',
        ),
      ],
    };
  }
  if (!isObj(value)) {
    return {
      problems: [
        doc.problem(
          [],
          `the document is ${describeValue(value)}, but a questionnaire must be a mapping of keys (id, title, version, ...) at the top level`,
        ),
      ],
    };
  }
  const parsed = Questionnaire.safeParse(value);
  if (parsed.success) return { problems: [], questionnaire: parsed.data };
  // Issues inside a condition are replaced by one analysis of the whole
  // condition: zod reports them as a bare union failure, or (when one branch
  // nearly fits) as that branch's issues, neither of which names the forms.
  const conditionRoots = new Map<string, Path>();
  const others = parsed.error.issues.filter((issue) => {
    const root = conditionRootOf(issue.path as Path);
    if (!root) return true;
    conditionRoots.set(JSON.stringify(root), root);
    return false;
  });
  const problems = zodIssuesToProblems(others, value, doc, Questionnaire);
  for (const root of conditionRoots.values()) problems.push(...conditionShapeProblems(valueAt(value, root), root, doc));
  return { problems };
}

/** The path of the condition that `path` lies in (questions[i].when, gates[i].when, pilots[i].fits, pilots[i].notYet[j].when), if any. */
export function conditionRootOf(path: readonly PathSegment[]): Path | undefined {
  const [section, i, key, j, sub] = path;
  if (section === 'roadmap' && i === 'capacityRules' && typeof key === 'number' && j === 'when') return ['roadmap', 'capacityRules', key, 'when'];
  if (typeof i !== 'number') return undefined;
  if ((section === 'questions' || section === 'gates') && key === 'when') return [section, i, 'when'];
  if (section === 'pilots' && key === 'fits') return ['pilots', i, 'fits'];
  if (section === 'pilots' && key === 'notYet' && typeof j === 'number' && sub === 'when') return ['pilots', i, 'notYet', j, 'when'];
  if (section === 'pilots' && key === 'variants' && typeof j === 'number' && sub === 'when') return ['pilots', i, 'variants', j, 'when'];
  if (section === 'contradictions' && key === 'when') return ['contradictions', i, 'when'];
  return undefined;
}

const CONDITION_EXAMPLE = 'such as { dimension: leadership, lt: 40 }';

/** Shape problems of one condition (recursively), with the forms that are allowed. */
export function conditionShapeProblems(value: unknown, path: Path, doc: Locator): Problem[] {
  const last = path[path.length - 1];
  if (value === undefined) {
    return [doc.problem(path, `required key "${String(last)}" is missing; it takes a condition ${CONDITION_EXAMPLE}`)];
  }
  if (!isObj(value)) {
    return [
      doc.problem(
        path,
        `must be a condition (a mapping ${CONDITION_EXAMPLE}), not ${describeValue(value)}; a condition starts with one of: ${CONDITION_FORMS.join(', ')}`,
      ),
    ];
  }
  const keys = Object.keys(value);
  const forms = CONDITION_FORMS.filter((f) => f in value);
  if (forms.length === 0) {
    if (keys.length === 0) return [doc.problem(path, `the condition is empty; it needs one of: ${CONDITION_FORMS.join(', ')}`)];
    const allKeys = [...CONDITION_FORMS, ...COMPARISONS, 'equals', 'in', 'includes', 'countAtLeast', 'answered'];
    const unknown = keys.filter((k) => !allKeys.includes(k));
    if (unknown.length === 0) {
      return [doc.problem(path, `the condition does not say what it tests; add one of: ${CONDITION_FORMS.join(', ')}`)];
    }
    return unknown.map((k) =>
      doc.problem(
        [...path, k],
        `unknown key "${k}"${didYouMean(k, allKeys)}; a condition starts with one of: ${CONDITION_FORMS.join(', ')}`,
        true,
      ),
    );
  }
  if (forms.length > 1) {
    return [
      doc.problem(
        path,
        `a condition tests one thing, but this one has ${forms.map((f) => `"${f}"`).join(' and ')}; combine several tests with all: [...] or any: [...]`,
      ),
    ];
  }
  const form = forms[0]!;
  const problems: Problem[] = [];
  if (form === 'all' || form === 'any' || form === 'not') {
    for (const k of keys) {
      if (k !== form) problems.push(doc.problem([...path, k], `unknown key "${k}"; "${form}" stands alone in its condition`, true));
    }
    const inner = value[form];
    if (form === 'not') {
      problems.push(...conditionShapeProblems(inner, [...path, 'not'], doc));
    } else if (!Array.isArray(inner)) {
      problems.push(doc.problem([...path, form], `must be a list of conditions, not ${describeValue(inner)}`));
    } else if (inner.length === 0) {
      problems.push(doc.problem([...path, form], 'must list at least one condition'));
    } else {
      inner.forEach((c, i) => problems.push(...conditionShapeProblems(c, [...path, form, i], doc)));
    }
    return problems;
  }
  const schema = form === 'dimension' ? DimensionTest : form === 'question' ? QuestionTest : OverallTest;
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  // Locate relative to the condition: re-root the document view at `path`.
  const sub: Locator = {
    file: doc.file,
    locate: (p) => doc.locate([...path, ...p]),
    locateKey: (p) => doc.locateKey([...path, ...p]),
    problem: (p, m, k) => doc.problem([...path, ...p], m, k),
  };
  return zodIssuesToProblems(parsed.error.issues, value, sub, schema);
}

// ---------------------------------------------------------------------------
// Cross-references and meaning.
// ---------------------------------------------------------------------------

interface QuestionInfo {
  index: number;
  type: string | undefined;
  /** Allowed values (as written) when the question has a closed set; undefined otherwise. */
  values: Array<string | number> | undefined;
  /** Multiple choice: the most choices one answer can hold (an exclusive option stands alone). */
  maxChoices?: number;
}

/** Every problem beyond shape: duplicates, references, bands, types, conditions. */
export function crossReferenceProblems(value: unknown, doc: Locator): Problem[] {
  if (!isObj(value)) return [];
  const problems: Problem[] = [];
  const add = (path: Path, message: string, atKey = false) => problems.push(doc.problem(path, message, atKey));
  const lineOf = (path: Path) => doc.locate(path).line;

  const scales = isObj(value.scales) ? value.scales : {};
  const scaleIds = Object.keys(scales);
  // When a section has the wrong shape, references into it would only repeat that problem.
  const scalesKnown = value.scales === undefined || isObj(value.scales);
  const dimensionsKnown = Array.isArray(value.dimensions);
  const levelsKnown = Array.isArray(value.levels);
  const dimensions = list(value.dimensions);
  const questions = list(value.questions);
  const levels = list(value.levels);
  const gates = list(value.gates);
  const pilots = list(value.pilots);

  // --- duplicate ids -------------------------------------------------------
  const idsOf = (items: unknown[], base: string, kind: string): Map<string, number> => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      if (!isObj(item) || typeof item.id !== 'string') return;
      const seen = first.get(item.id);
      if (seen !== undefined) {
        add([base, i, 'id'], `duplicate ${kind} id "${item.id}"; first defined at line ${lineOf([base, seen, 'id'])}`);
      } else {
        first.set(item.id, i);
      }
    });
    return first;
  };
  const dimensionIds = idsOf(dimensions, 'dimensions', 'dimension');
  hugeNumbers(value, [], add);
  idsOf(questions, 'questions', 'question');
  const levelIds = idsOf(levels, 'levels', 'level');
  idsOf(gates, 'gates', 'gate');
  const pilotIds = idsOf(pilots, 'pilots', 'pilot');

  // --- options (scales and inline) -----------------------------------------
  const checkOptions = (options: unknown, base: Path, exclusiveAllowed: boolean) => {
    const values = new Map<string, number>();
    const labels = new Map<string, number>();
    list(options).forEach((option, i) => {
      if (!isObj(option)) return;
      const at = [...base, i];
      const v = option.value;
      if (typeof v === 'string' || typeof v === 'number') {
        const key = String(v).toLowerCase();
        if (key === DONT_KNOW || key === NOT_APPLICABLE) {
          add([...at, 'value'], `option value "${v}" is reserved for the ${key === DONT_KNOW ? `"don't know"` : '"not applicable"'} answer; choose another value (use allowDontKnow / allowNotApplicable on the question instead)`);
        }
        const seen = values.get(key);
        if (seen !== undefined) add([...at, 'value'], `duplicate option value "${v}"; first defined at line ${lineOf([...base, seen, 'value'])}`);
        else values.set(key, i);
      }
      if (typeof option.label === 'string') {
        const key = option.label.trim().toLowerCase();
        const seen = labels.get(key);
        if (seen !== undefined) {
          add([...at, 'label'], `duplicate option label "${option.label}"; first defined at line ${lineOf([...base, seen, 'label'])}; answers may be given by label, so labels must differ`);
        } else labels.set(key, i);
      }
      if (option.score === undefined) {
        add(at, `option "${String(v)}" has no score; give every option a score from 0 (least ready) to 1 (most ready)`);
      } else if (typeof option.score === 'number' && (option.score < 0 || option.score > 1 || !Number.isFinite(option.score))) {
        add([...at, 'score'], `score ${option.score} is outside 0..1; scores run from 0 (least ready) to 1 (most ready)`);
      }
      if (option.exclusive === true && !exclusiveAllowed) {
        add([...at, 'exclusive'], '"exclusive" applies only to options of multiple-choice questions; remove it here');
      }
    });
  };
  for (const id of scaleIds) {
    const scale = scales[id];
    if (!isId(id)) {
      add(['scales', id], `scale id "${id}" is not valid: it must be lowercase letters, digits and single - or _ (e.g. "agree5")`, true);
    }
    if (isObj(scale)) checkOptions(scale.options, ['scales', id, 'options'], true);
  }

  // --- questions -------------------------------------------------------------
  const info = new Map<string, QuestionInfo>();
  questions.forEach((q, index) => {
    if (!isObj(q) || typeof q.id !== 'string' || info.has(q.id)) return;
    const type = typeof q.type === 'string' ? q.type : undefined;
    let values: Array<string | number> | undefined;
    const source = Array.isArray(q.options) ? q.options : typeof q.scale === 'string' && isObj(scales[q.scale]) ? (scales[q.scale] as Obj).options : undefined;
    if (type === 'yesno') values = ['yes', 'no'];
    else if (Array.isArray(source)) {
      values = source.filter(isObj).map((o) => o.value).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
    }
    const options = list(source).filter(isObj);
    const combinable = options.filter((o) => o.exclusive !== true).length;
    const maxChoices = Math.max(combinable, combinable < options.length ? 1 : 0);
    info.set(q.id, { index, type, values, ...(type === 'multiple' ? { maxChoices } : {}) });
  });

  const questionsPerDimension = new Map<string, { all: number; scored: number }>();
  // a dimension's top-box or net rule scores its number questions that have no `scoring`
  const boxedDimensions = new Map(dimensions.filter(isObj).map((d) => [String(d.id), d.aggregate]));
  questions.forEach((q, i) => {
    if (!isObj(q)) return;
    const at = (...rest: PathSegment[]): Path => ['questions', i, ...rest];
    const type = typeof q.type === 'string' ? q.type : undefined;
    const kind = type ? `${type === 'yesno' ? 'yes/no' : type} question` : 'question';

    if (dimensionsKnown && isId(q.dimension) && !dimensionIds.has(q.dimension)) {
      add(at('dimension'), unknownRef('dimension', 'dimensions', q.dimension, dimensionIds.keys()));
    }
    if (scalesKnown && isId(q.scale) && !Object.hasOwn(scales, q.scale)) {
      add(at('scale'), unknownRef('scale', 'scales', q.scale, scaleIds));
    } else if (isId(q.scale) && type !== 'multiple' && isObj(scales[q.scale]) && list((scales[q.scale] as Obj).options).some((o) => isObj(o) && o.exclusive === true)) {
      add(at('scale'), `scale "${q.scale}" has an "exclusive" option, which only multiple-choice questions can use; use another scale`);
    }
    if (typeof q.weight === 'number' && !(q.weight > 0)) {
      add(at('weight'), `weight must be more than 0, not ${q.weight}; to keep a question out of the score, make it a text question`);
    }

    const hasScale = q.scale !== undefined;
    const hasOptions = q.options !== undefined;
    let scored = false;
    switch (type) {
      case 'likert':
        scored = true;
        if (!hasScale) add(at('type'), `a likert question needs a "scale"; ${known('scales', scaleIds)}`);
        if (hasOptions) add(at('options'), 'a likert question takes its answers from its scale, not from "options"; remove the options or use type single');
        break;
      case 'single':
      case 'multiple':
        scored = true;
        if (hasScale && hasOptions) add(at('options'), `a ${type === 'single' ? 'single-choice' : 'multiple-choice'} question takes either a "scale" or "options", not both; remove one`);
        if (!hasScale && !hasOptions) add(at('type'), `a ${type === 'single' ? 'single-choice' : 'multiple-choice'} question needs "options" or a "scale"`);
        break;
      case 'yesno':
      case 'number':
      case 'text':
        if (hasScale) add(at('scale'), `a ${kind} takes no "scale"; remove it`);
        if (hasOptions) add(at('options'), `a ${kind} takes no "options"; remove them`);
        scored = type === 'yesno' || (type === 'number' && q.scoring !== undefined);
        break;
      default:
        scored = true; // unknown type: reported by the shape check; do not pile up more
    }
    if (hasOptions) checkOptions(q.options, at('options'), type === 'multiple');
    const rule = isObj(q.aggregate) ? q.aggregate : boxedDimensions.get(String(q.dimension));
    if (type === 'number' && isObj(rule) && (rule.method === 'top-box' || rule.method === 'net')) scored = true;

    if (type && type !== 'number') {
      for (const key of ['min', 'max', 'unit', 'scoring'] as const) {
        if (q[key] !== undefined) add(at(key), `"${key}" applies only to number questions; this is a ${kind}`, true);
      }
    }
    if (type === 'number') {
      if (typeof q.min === 'number' && typeof q.max === 'number' && !(q.min < q.max)) {
        add(at('max'), `max (${q.max}) must be greater than min (${q.min})`);
      }
      if (isObj(q.scoring) && typeof q.scoring.worst === 'number' && q.scoring.worst === q.scoring.best) {
        add(at('scoring'), `scoring.worst and scoring.best are both ${q.scoring.worst}; they must differ`);
      }
    }
    if (isObj(q.aggregate)) aggregateProblems(q.aggregate, at('aggregate'), type, info.get(String(q.id))?.values, q, add);
    if (q.reverse === true && isObj(q.aggregate) && (q.aggregate.method === 'top-box' || q.aggregate.method === 'net')) {
      add(at('reverse'), `a ${String(q.aggregate.method)} question names its high${q.aggregate.method === 'net' ? ' and low' : ''} answers itself, so it cannot be reversed; remove reverse and list the answers that count as high`);
    }
    if (q.reverse === true && type && !scored && type !== 'likert') {
      add(at('reverse'), type === 'number' ? 'a number question without "scoring" is not scored, so it cannot be reversed; add scoring or remove reverse' : `a ${kind} is not scored, so it cannot be reversed; remove reverse`);
    }

    if (typeof q.dimension === 'string') {
      const counts = questionsPerDimension.get(q.dimension) ?? { all: 0, scored: 0 };
      counts.all++;
      if (scored) counts.scored++;
      questionsPerDimension.set(q.dimension, counts);
    }

    if (q.when !== undefined) {
      const own = typeof q.id === 'string' ? q.id : undefined;
      forEachLeaf(q.when, at('when'), (leaf, path) => {
        if ('dimension' in leaf || 'overall' in leaf) {
          add(path, "a question's condition can test only earlier answers, not scores (scores are known only at the end); test an earlier question instead");
          return;
        }
        const ref = leaf.question;
        if (typeof ref !== 'string') return;
        const target = info.get(ref);
        if (ref === own) add([...path, 'question'], `a question's condition cannot refer to the question itself ("${ref}")`);
        else if (target && target.index > i) {
          add([...path, 'question'], `refers to question "${ref}", which comes later (line ${lineOf(['questions', target.index, 'id'])}); a question can depend only on earlier questions`);
        }
      });
    }
  });

  // --- dimensions ------------------------------------------------------------
  dimensions.forEach((d, i) => {
    if (!isObj(d)) return;
    if (typeof d.weight === 'number' && !(d.weight > 0)) {
      add(['dimensions', i, 'weight'], `weight must be more than 0, not ${d.weight}`);
    }
    if (typeof d.id === 'string' && dimensionIds.get(d.id) === i) {
      const counts = questionsPerDimension.get(d.id);
      if (!counts) add(['dimensions', i, 'id'], `dimension "${d.id}" has no questions; add at least one question with dimension: ${d.id}, or remove the dimension`);
      else if (counts.scored === 0) add(['dimensions', i, 'id'], `dimension "${d.id}" has no scored question, so it can never get a score; add a likert, choice, yes/no or scored number question`);
    }
    if (isObj(d.findings)) {
      for (const key of Object.keys(d.findings)) {
        if (levelsKnown && !levelIds.has(key)) add(['dimensions', i, 'findings', key], `findings for unknown level "${key}"${didYouMean(key, [...levelIds.keys()])}; ${known('levels', levelIds.keys())}`, true);
      }
      // findings are optional, but once given there must be one per level, or some scores get none
      const missing = levelsKnown ? [...levelIds.keys()].filter((id) => !Object.hasOwn(d.findings as Obj, id)) : [];
      const allKnown = Object.keys(d.findings).every((key) => levelIds.has(key)); // a misspelt key is reported above
      if (Object.keys(d.findings).length > 0 && missing.length > 0 && allKnown) {
        add(['dimensions', i, 'findings'], `no finding for level${missing.length === 1 ? '' : 's'} ${missing.map((m) => `"${m}"`).join(', ')}; give one finding per level (a score in that band would otherwise get none)`, true);
      }
    }
    if (isObj(d.display)) displayProblems(d.display, ['dimensions', i, 'display'], add);
    if (isObj(d.aggregate) && typeof d.id === 'string') {
      // a dimension's rule applies to each of its questions without their own
      const own = questions.filter((q): q is Obj => isObj(q) && q.dimension === d.id && q.aggregate === undefined);
      const types = new Set(own.map((q) => q.type));
      if (types.has('multiple') && d.aggregate.method !== 'mean') {
        add(['dimensions', i, 'aggregate', 'method'], `${String(d.aggregate.method)} cannot apply to the multiple-choice questions of dimension "${d.id}"; give those questions their own aggregate: { method: mean }, or move them`);
      }
      aggregateProblems(d.aggregate, ['dimensions', i, 'aggregate'], undefined, undefined, undefined, add);
    }
  });

  if (isObj(value.display)) displayProblems(value.display, ['display'], add);

  // --- levels ----------------------------------------------------------------
  problems.push(...levelBandProblems(levels, doc));

  // --- gates -----------------------------------------------------------------
  gates.forEach((g, i) => {
    if (levelsKnown && isObj(g) && isId(g.cap) && !levelIds.has(g.cap)) add(['gates', i, 'cap'], unknownRef('level', 'levels', g.cap, levelIds.keys()));
  });

  // --- every condition: references and tests ----------------------------------
  const conditions: Array<[unknown, Path]> = [];
  questions.forEach((q, i) => isObj(q) && q.when !== undefined && conditions.push([q.when, ['questions', i, 'when']]));
  gates.forEach((g, i) => isObj(g) && conditions.push([g.when, ['gates', i, 'when']]));
  pilots.forEach((p, i) => {
    if (!isObj(p)) return;
    conditions.push([p.fits, ['pilots', i, 'fits']]);
    list(p.notYet).forEach((b, j) => isObj(b) && conditions.push([b.when, ['pilots', i, 'notYet', j, 'when']]));
    list(p.variants).forEach((v, j) => isObj(v) && conditions.push([v.when, ['pilots', i, 'variants', j, 'when']]));
    list(p.addresses).forEach((d, j) => {
      if (dimensionsKnown && typeof d === 'string' && !dimensionIds.has(d)) add(['pilots', i, 'addresses', j], unknownRef('dimension', 'dimensions', d, dimensionIds.keys()));
    });
    placeholderProblems(p, ['pilots', i], info, add);
  });
  list(value.contradictions).forEach((c, i) => isObj(c) && conditions.push([c.when, ['contradictions', i, 'when']]));
  const roadmap = isObj(value.roadmap) ? value.roadmap : {};
  list(roadmap.capacityRules).forEach((r, i) => isObj(r) && conditions.push([r.when, ['roadmap', 'capacityRules', i, 'when']]));
  // the answers a number question accepts: min..max (answers outside are refused)
  const ranges = new Map<string, Interval>();
  questions.forEach((q) => {
    if (!isObj(q) || q.type !== 'number' || typeof q.id !== 'string' || ranges.has(q.id)) return;
    const lo = typeof q.min === 'number' ? q.min : -Infinity;
    const hi = typeof q.max === 'number' ? q.max : Infinity;
    if (lo !== -Infinity || hi !== Infinity) ranges.set(q.id, { lo, loIn: true, hi, hiIn: true });
  });
  for (const [condition, base] of conditions) {
    const before = problems.length;
    forEachLeaf(condition, base, (leaf, path) => problems.push(...leafProblems(leaf, path, doc, dimensionsKnown ? dimensionIds : undefined, info, ranges)));
    if (problems.length === before) forEachAll(condition, base, (items, path) => problems.push(...allNeverHolds(items, path, doc, info, ranges)));
  }

  pilotOrderProblems(pilots, pilotIds, add);
  return problems;
}

const PLACEHOLDER_SHAPE = /\{([^{}]*)\}/g;
const PLACEHOLDER_FORM = /^([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)(\.note)?(?:\|[^{}]*)?$/;

/**
 * Answer placeholders in a pilot's texts (its own, its variants', its blockers' fixes): each
 * `{question-id|fallback}` names a known question and gives the text used when it has no answer.
 */
function placeholderProblems(pilot: Record<string, unknown>, base: Path, info: Map<string, unknown>, add: (path: Path, message: string) => void): void {
  const check = (text: unknown, path: Path) => {
    if (typeof text !== 'string') return;
    for (const m of text.matchAll(PLACEHOLDER_SHAPE)) {
      const inner = m[1]!;
      const form = PLACEHOLDER_FORM.exec(inner);
      if (!form) {
        add(path, `"{${inner}}" is not an answer placeholder; write {question-id|text if unanswered} or {question-id.note|text if no note}`);
      } else if (!info.has(form[1]!)) {
        add(path, `the placeholder "{${inner}}" names no question of this questionnaire; use a question id, such as {${[...info.keys()][0] ?? 'question-id'}|...}`);
      } else if (!inner.includes('|')) {
        add(path, `the placeholder "{${inner}}" needs a fallback text after "|", used when the answer is missing: {${inner}|...}`);
      }
    }
  };
  const texts = (owner: Record<string, unknown>, at: Path) => {
    for (const key of ['title', 'summary', 'why', 'duration']) check(owner[key], [...at, key]);
    for (const key of ['steps', 'measures']) list(owner[key]).forEach((t, k) => check(t, [...at, key, k]));
  };
  texts(pilot, base);
  list(pilot.variants).forEach((v, j) => isObj(v) && texts(v, [...base, 'variants', j]));
  list(pilot.notYet).forEach((b, j) => isObj(b) && check(b.fix, [...base, 'notYet', j, 'fix']));
}

/**
 * `after` lists of pilots and of their blockers: every id is a pilot of the
 * catalogue, not the pilot itself, and pilots' own `after` lists form no cycle
 * (a cycle would leave the roadmap no order to place them in).
 */
function pilotOrderProblems(pilots: unknown[], pilotIds: Map<string, number>, add: (path: Path, message: string) => void): void {
  const edges = new Map<string, string[]>();
  const checkList = (after: unknown, own: string | undefined, base: Path) => {
    list(after).forEach((ref, k) => {
      if (!isId(ref)) return;
      if (ref === own) add([...base, k], `a pilot cannot come after itself ("${ref}"); remove it from the list`);
      else if (!pilotIds.has(ref)) add([...base, k], unknownRef('pilot', 'pilots', ref, pilotIds.keys()));
    });
  };
  pilots.forEach((p, i) => {
    if (!isObj(p)) return;
    const own = typeof p.id === 'string' ? p.id : undefined;
    checkList(p.after, own, ['pilots', i, 'after']);
    list(p.notYet).forEach((b, j) => isObj(b) && checkList(b.after, own, ['pilots', i, 'notYet', j, 'after']));
    if (own !== undefined && pilotIds.get(own) === i) edges.set(own, list(p.after).filter((r): r is string => isId(r) && pilotIds.has(r) && r !== own));
  });
  // Depth-first search for a cycle; report it once, at the pilot where it closes.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      add(['pilots', pilotIds.get(trail[trail.length - 1]!)!, 'after'], `pilots wait for each other in a circle (${cycle.join(' → ')}); remove one of these "after" entries`);
      return;
    }
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of edges.keys()) visit(id, []);
}

/** Calls `visit` for the list of every `all` in a raw condition. */
function forEachAll(condition: unknown, path: Path, visit: (items: unknown[], path: Path) => void): void {
  if (!isObj(condition)) return;
  if (Array.isArray(condition.all)) {
    visit(condition.all, [...path, 'all']);
    condition.all.forEach((c, i) => forEachAll(c, [...path, 'all', i], visit));
  }
  if (Array.isArray(condition.any)) condition.any.forEach((c, i) => forEachAll(c, [...path, 'any', i], visit));
  if ('not' in condition) forEachAll(condition.not, [...path, 'not'], visit);
}

/**
 * An `all` whose comparisons on one score (a dimension's or the overall) or on one number
 * question leave no value that passes them all, e.g. `all: [{ dimension: d, lt: 40 }, { dimension: d, gt: 60 }]`.
 */
function allNeverHolds(items: unknown[], path: Path, doc: Locator, questions: Map<string, QuestionInfo>, ranges: Map<string, Interval>): Problem[] {
  const subjects = new Map<string, { range: Interval; words: string[]; what: string }>();
  for (const item of items) {
    if (!isObj(item)) continue;
    let key: string;
    let start: Interval;
    let what: string;
    if ('overall' in item) [key, start, what] = ['overall', SCORES, 'the overall score'];
    else if ('dimension' in item && typeof item.dimension === 'string') [key, start, what] = [`d:${item.dimension}`, SCORES, `the score of "${item.dimension}"`];
    else if ('question' in item && typeof item.question === 'string' && questions.get(item.question)?.type === 'number') {
      [key, start, what] = [`q:${item.question}`, ranges.get(item.question) ?? { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false }, `the answer to "${item.question}"`];
    } else continue;
    if (!COMPARISONS.some((c) => item[c] !== undefined)) continue;
    const seen = subjects.get(key) ?? { range: start, words: [], what };
    const r = narrow(seen.range, item);
    if (!r) continue;
    subjects.set(key, { range: r, words: [...seen.words, comparisonWords(item)], what });
  }
  const problems: Problem[] = [];
  for (const { range, words, what } of subjects.values()) {
    if (words.length > 1 && isEmpty(range)) problems.push(doc.problem(path, `${what} cannot be ${words.join(' and ')} at once, so this "all" can never hold; check the numbers`));
  }
  return problems;
}

/** Calls `visit` for every leaf test (dimension / question / overall) of a raw condition. */
export function forEachLeaf(condition: unknown, path: Path, visit: (leaf: Obj, path: Path) => void): void {
  if (!isObj(condition)) return;
  if (Array.isArray(condition.all)) condition.all.forEach((c, i) => forEachLeaf(c, [...path, 'all', i], visit));
  if (Array.isArray(condition.any)) condition.any.forEach((c, i) => forEachLeaf(c, [...path, 'any', i], visit));
  if ('not' in condition) forEachLeaf(condition.not, [...path, 'not'], visit);
  if ('dimension' in condition || 'question' in condition || 'overall' in condition) visit(condition, path);
}

function leafProblems(
  leaf: Obj,
  path: Path,
  doc: Locator,
  dimensionIds: Map<string, number> | undefined,
  questions: Map<string, QuestionInfo>,
  questionRanges: Map<string, Interval>,
): Problem[] {
  const problems: Problem[] = [];
  const add = (p: Path, message: string, atKey = false) => problems.push(doc.problem(p, message, atKey));
  const comparisons = COMPARISONS.filter((c) => leaf[c] !== undefined);

  if ('dimension' in leaf || 'overall' in leaf) {
    if (dimensionIds && 'dimension' in leaf && isId(leaf.dimension) && !dimensionIds.has(leaf.dimension)) {
      add([...path, 'dimension'], unknownRef('dimension', 'dimensions', leaf.dimension, dimensionIds.keys()));
    }
    if (comparisons.length === 0) add(path, 'a score test needs at least one of lt, lte, gt, gte (e.g. lt: 40)');
    for (const c of comparisons) {
      const n = leaf[c];
      if (typeof n === 'number' && (n < 0 || n > 100)) add([...path, c], `${n} is outside 0..100, the range of scores; the test would never change`);
    }
    const never = problems.length === 0 ? scoreNeverHolds(leaf) : undefined;
    if (never) add(path, `${never}, so this test can never hold; check the numbers`);
    return problems;
  }

  const ref = leaf.question;
  if (!isId(ref)) return problems;
  const target = questions.get(ref);
  if (!target) {
    add([...path, 'question'], unknownRef('question', 'questions', ref, questions.keys()));
    return problems;
  }
  const tests = ['equals', 'in', 'includes', 'countAtLeast', 'answered', ...COMPARISONS].filter((k) => leaf[k] !== undefined);
  if (tests.length === 0) add(path, 'a question test needs at least one of equals, in, includes, countAtLeast, answered, lt, lte, gt, gte');
  const kind = target.type ? `a ${target.type === 'yesno' ? 'yes/no' : target.type} question` : 'a question';
  if (target.type && target.type !== 'multiple') {
    for (const k of ['includes', 'countAtLeast'] as const) {
      if (leaf[k] !== undefined) add([...path, k], `"${k}" applies only to multiple-choice questions; "${ref}" is ${kind}${k === 'includes' ? '; use equals or in' : ''}`, true);
    }
  }
  if (comparisons.length > 0 && target.type && target.type !== 'number') {
    const numeric = target.values !== undefined && target.values.length > 0 && target.values.every((v) => typeof v === 'number');
    if (!numeric) add([...path, comparisons[0]!], `comparisons (lt, lte, gt, gte) apply only to number questions or numeric answer values; "${ref}" is ${kind}; use equals or in`, true);
  }
  if (target.values) {
    const allowed = target.values;
    const lower = new Set(allowed.map((v) => String(v).toLowerCase()));
    const checkValue = (v: unknown, p: Path) => {
      if ((typeof v === 'string' || typeof v === 'number') && !lower.has(String(v).toLowerCase())) {
        const words = allowed.map(String);
        add(p, `question "${ref}" has no answer "${v}"${typeof v === 'string' ? didYouMean(v, words) : ''}; its values are: ${words.join(', ')}`);
      }
    };
    if (leaf.equals !== undefined) checkValue(leaf.equals, [...path, 'equals']);
    if (leaf.includes !== undefined) checkValue(leaf.includes, [...path, 'includes']);
    list(leaf.in).forEach((v, j) => checkValue(v, [...path, 'in', j]));
  }
  // a test no answer can pass (checked once every value it names is an answer of the question)
  if (problems.length === 0) {
    const reason = questionNeverHolds(leaf, ref, target, questionRanges.get(ref));
    if (reason) add(path, `${reason}, so this test can never hold; check it against the question's answers`);
  }
  return problems;
}

/** Bounds of a number (or a score): lo..hi, each end included or not. */
interface Interval {
  lo: number;
  loIn: boolean;
  hi: number;
  hiIn: boolean;
}

/** `range` narrowed by the comparisons of `tests` (numbers only), or undefined when some comparison is not a number. */
function narrow(range: Interval, tests: Obj): Interval | undefined {
  const r = { ...range };
  for (const c of COMPARISONS) {
    const n = tests[c];
    if (n === undefined) continue;
    if (typeof n !== 'number') return undefined;
    const included = c === 'lte' || c === 'gte';
    if (c === 'lt' || c === 'lte') {
      if (n < r.hi) [r.hi, r.hiIn] = [n, included];
      else if (n === r.hi) r.hiIn &&= included;
    } else if (n > r.lo) [r.lo, r.loIn] = [n, included];
    else if (n === r.lo) r.loIn &&= included;
  }
  return r;
}

const isEmpty = (r: Interval): boolean => r.lo > r.hi || (r.lo === r.hi && !(r.loIn && r.hiIn));

/** The comparisons of `tests` in words: "above 60 and below 40". */
function comparisonWords(tests: Obj): string {
  const words = { lt: 'below', lte: 'at most', gt: 'above', gte: 'at least' };
  return COMPARISONS.filter((c) => tests[c] !== undefined).map((c) => `${words[c]} ${String(tests[c])}`).join(' and ');
}

const SCORES: Interval = { lo: 0, loIn: true, hi: 100, hiIn: true };

/** Why a score test (dimension or overall) can never hold, if it cannot: no score in 0..100 passes its comparisons. */
function scoreNeverHolds(tests: Obj): string | undefined {
  const r = narrow(SCORES, tests);
  return r && isEmpty(r) ? `no score from 0 to 100 is ${comparisonWords(tests)}` : undefined;
}

/**
 * Why a question test can never hold, if it cannot: `answered: false` beside a test of the
 * answer; comparisons outside a number question's min..max; for one-answer questions with
 * options, no option passing every test; for multiple choice, more choices than it has.
 */
function questionNeverHolds(leaf: Obj, ref: string, target: QuestionInfo, range: Interval | undefined): string | undefined {
  const valueTests = ['equals', 'in', 'includes', 'countAtLeast', ...COMPARISONS].filter((k) => leaf[k] !== undefined);
  const plain = (v: unknown) => typeof v === 'string' || typeof v === 'number';
  const wellTyped =
    COMPARISONS.every((c) => leaf[c] === undefined || typeof leaf[c] === 'number') &&
    ['equals', 'includes'].every((k) => leaf[k] === undefined || plain(leaf[k])) &&
    (leaf.in === undefined || (Array.isArray(leaf.in) && leaf.in.every(plain))) &&
    (leaf.countAtLeast === undefined || typeof leaf.countAtLeast === 'number');
  if (!wellTyped) return undefined; // the shape check names what is wrong
  if (leaf.answered === false && valueTests.length > 0) {
    return `"answered: false" holds only without an answer, and "${valueTests[0]}" tests the answer`;
  }
  const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();
  if (target.type === 'number' && range) {
    const r = narrow(range, leaf);
    if (r && isEmpty(r)) return `question "${ref}" takes numbers ${rangeWords(range)}, none of them ${comparisonWords(leaf)}`;
  }
  if (target.type === 'multiple' && target.values && target.maxChoices !== undefined) {
    const n = target.maxChoices;
    if (typeof leaf.countAtLeast === 'number' && leaf.countAtLeast > n) {
      return `an answer to question "${ref}" holds at most ${n} choice${n === 1 ? '' : 's'}${n < target.values.length ? ' (an exclusive option stands alone)' : ''}, fewer than ${leaf.countAtLeast}`;
    }
    if (leaf.equals !== undefined) {
      if (typeof leaf.countAtLeast === 'number' && leaf.countAtLeast > 1) return `"equals" holds for exactly one choice, and "countAtLeast: ${leaf.countAtLeast}" needs more`;
      if (leaf.includes !== undefined && !same(leaf.includes, leaf.equals)) return `"equals: ${String(leaf.equals)}" holds for that one choice alone, which does not include "${String(leaf.includes)}"`;
      if (Array.isArray(leaf.in) && !leaf.in.some((v) => same(v, leaf.equals))) return `"equals: ${String(leaf.equals)}" holds for that one choice alone, which is not in the "in" list`;
    }
  }
  if (target.type !== 'multiple' && target.values && target.values.length > 0) {
    const comparing = COMPARISONS.some((c) => leaf[c] !== undefined);
    const passing = target.values.filter((v) => {
      if (leaf.equals !== undefined && !same(v, leaf.equals)) return false;
      if (Array.isArray(leaf.in) && !leaf.in.some((w) => same(v, w))) return false;
      return !comparing || (typeof v === 'number' && compareValue(v, leaf));
    });
    if (passing.length === 0) return `none of the answers of question "${ref}" (${target.values.join(', ')}) passes every test given`;
  }
  return undefined;
}

/** Whether `v` passes the comparisons of `tests` (as the interpreter compares). */
function compareValue(v: number, tests: Obj): boolean {
  const n = (c: string) => tests[c] as number;
  if (tests.lt !== undefined && !(v < n('lt'))) return false;
  if (tests.lte !== undefined && !(v <= n('lte'))) return false;
  if (tests.gt !== undefined && !(v > n('gt'))) return false;
  if (tests.gte !== undefined && !(v >= n('gte'))) return false;
  return true;
}

/** "from 0 to 40", "of at least 1", "of at most 10". */
function rangeWords(r: Interval): string {
  if (Number.isFinite(r.lo) && Number.isFinite(r.hi)) return `from ${r.lo} to ${r.hi}`;
  return Number.isFinite(r.lo) ? `of at least ${r.lo}` : `of at most ${r.hi}`;
}

/**
 * Level bands: sorted by min they must start at 0, end at 100 and meet
 * exactly (each min equal to the previous max), each with min < max.
 */
export function levelBandProblems(levels: unknown[], doc: Locator): Problem[] {
  const problems: Problem[] = [];
  const bands: Array<{ i: number; id: string; min: number; max: number }> = [];
  levels.forEach((l, i) => {
    if (!isObj(l) || typeof l.min !== 'number' || typeof l.max !== 'number') return;
    const id = typeof l.id === 'string' ? l.id : `#${i + 1}`;
    if (!(l.min < l.max)) {
      problems.push(doc.problem(['levels', i, 'max'], `level "${id}" ends at ${l.max} but starts at ${l.min}; max must be greater than min`));
      return;
    }
    bands.push({ i, id, min: l.min, max: l.max });
  });
  if (bands.length === 0 || bands.length !== levels.length) return problems; // incomplete: shape problems say why
  const sorted = [...bands].sort((a, b) => a.min - b.min || a.i - b.i);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (first.min !== 0) {
    problems.push(doc.problem(['levels', first.i, 'min'], `the lowest level "${first.id}" starts at ${first.min}; levels must cover 0..100, so the lowest one must start at 0`));
  }
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.min > prev.max) {
      problems.push(doc.problem(['levels', cur.i, 'min'], `levels leave a gap from ${prev.max} to ${cur.min}: "${prev.id}" ends at ${prev.max} but "${cur.id}" starts at ${cur.min}; make each level start where the previous one ends`));
    } else if (cur.min < prev.max) {
      problems.push(doc.problem(['levels', cur.i, 'min'], `level "${cur.id}" starts at ${cur.min}, inside level "${prev.id}" (${prev.min} to ${prev.max}); levels must not overlap, so make it start at ${prev.max}`));
    }
  }
  if (last.max !== 100) {
    problems.push(doc.problem(['levels', last.i, 'max'], `the highest level "${last.id}" ends at ${last.max}; levels must cover 0..100, so the highest one must end at 100`));
  }
  return problems;
}

/** Sorts problems by position (stable) and drops exact repeats. */
export function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .map((p, order) => ({ p, order }))
    .sort((a, b) => a.p.line - b.p.line || a.p.column - b.p.column || a.order - b.order)
    .map(({ p }) => p)
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.path}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
