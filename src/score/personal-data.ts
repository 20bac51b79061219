// Personal data typed into free text (notes, free-text answers, "Other"
// texts) kept out of reports and results unless --show-respondents: e-mail
// addresses and phone numbers are replaced, or (--no-free-text) every piece
// of free text is left out. Names cannot be found reliably in free text and
// are not looked for (docs/files-and-safety.md says so).
//
// Phone numbers are found with a documented pattern rather than a library:
// libphonenumber-js finds numbers written in national form only for a known
// default country, which a multi-country survey does not have, and it would
// add well over 100 KB to what `assess` loads. The pattern errs towards
// removing too much (a long reference number may go too), never too little
// for the usual international and national forms.
import type { Answer } from '../model/answers.js';
import type { Result, ScoredAnswer } from '../model/result.js';

/** What a report and its result carry of free text. */
export type FreeTextMode = 'shown' | 'redacted' | 'left-out';

export const EMAIL_MARK = '[e-mail removed]';
export const PHONE_MARK = '[phone removed]';

// local@domain.tld, letters of any script; the domain needs a dot and a 2+ letter top level
// (every part bounded, as RFC 5321 bounds it, so a hostile text cannot make the search quadratic)
// (run on asciiShadow, where a full-width ＠ is @; the full-width dot ． is a dot here only)
// (letters may carry combining marks: josé typed as e + U+0301)
const EMAIL = /[\p{L}\p{M}\p{N}._%+'-]{1,64}@[\p{L}\p{M}\p{N}-]{1,63}(?:[.．][\p{L}\p{M}\p{N}-]{1,63}){0,8}[.．]\p{L}{2,24}/gu;
// A run of digits with spaces, single dots, dashes or slashes between groups,
// optionally started by "+" or "(" and with "(0)" or "(555)" groups inside.
// At most 40 characters: no phone number is longer, and the bound keeps the search linear.
// Groups may be apart by up to four spaces or line breaks: a report writes any whitespace as one space.
const NUMBER_RUN = /(?<![\p{L}\p{N}])(?:\+|\(\d{1,5}\)\s?)?\d(?:(?:[./-]|\s{1,4})?(?:\(\d{1,5}\)|\d)){5,40}(?![\p{L}\p{N}])/gu;
const YEAR = /^(?:19|20)\d\d$/;

/** Whether a run of digits (a NUMBER_RUN match, trimmed) is written like a phone number, not like a date, an amount or a list of years. */
export function looksLikePhone(run: string): boolean {
  const digits = run.replace(/\D/g, '').length;
  if (digits > 15) return false; // E.164 numbers have at most 15 digits
  if (run.startsWith('+')) return digits >= 7;
  if (/^\d{4}-\d{2}-\d{2}/.test(run) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(run)) return false; // dates
  const groups = run.split(/[\s./-]+/).filter(Boolean);
  if (groups.every((g) => YEAR.test(g))) return false; // 2019 2020 2021
  if (groups.length > 1 && groups.slice(1).every((g) => g.length === 3) && groups[0]!.length <= 3 && /[\s.]/.test(run)) {
    // 1 000 000 or 12.500.000 written with thousands separators: an amount
    if (!run.startsWith('0')) return false;
  }
  // national numbers: 9 or more digits (a date has 8), or 7+ behind an area code in brackets
  return digits >= 9 || (run.startsWith('(') && digits >= 7);
}

/** How many ASCII digits `text` holds, counting no further than `enough`. */
function digitsUpTo(text: string, enough: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < enough; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

const DECIMAL_DIGIT = /\p{Nd}/u;
/** Invisible format characters (zero-width space and joiners, soft hyphen, direction marks, BOM). */
const INVISIBLE = /\p{Cf}/u;

/**
 * `text` with the characters an address or a phone number may be typed in besides ASCII
 * written as ASCII, one UTF-16 unit for one, so that a match in it is the same span of
 * `text`: the full-width digits, letters, ＠ and ＋ of CJK input and the ideographic space;
 * and the decimal digits of any script of the Basic Multilingual Plane (Arabic-Indic,
 * Devanagari…) as the ASCII digit of the same value. Unicode encodes each script's digits 0
 * to 9 in a row, so a digit's value is how many digits come right before it in its row.
 * Full-width separators (／ ． －) stay as they are here: as separators they would join an ASCII
 * number to the next one into a run too long for a phone number (separatorShadow reads them
 * in a second pass).
 * Pure ASCII is returned as it is.
 */
export function asciiShadow(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 0x80) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out += text[i];
    else if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff20 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || c === 0xff0b) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    // what a report does not show (src/render/text.ts removes it): a zero-width space, a soft
    // hyphen, a direction mark... inside an address or a number must not hide it
    else if (c <= 0x9f || INVISIBLE.test(text[i]!)) out += '-';
    else if (c < 0xd800 && DECIMAL_DIGIT.test(text[i]!)) {
      let value = 0;
      while (value < 9 && DECIMAL_DIGIT.test(String.fromCharCode(c - value - 1))) value++;
      out += String(value);
    } else out += text[i];
  }
  return out;
}

/**
 * Dashes, slashes and dots that a phone number's groups may be typed with besides ASCII,
 * as the ASCII separator the phone pattern knows: Unicode's hyphens, the figure dash and
 * the minus sign, the full-width hyphen, slash and full stop, and the katakana prolonged
 * sound mark that Japanese input often gives in their place (it counts as a letter, so a
 * number typed with it was not even cut into groups). Not the en and em dashes, the
 * typographic marks of a range (`1.3.2021–5.3.2021`, `10.000–25.000`), nor the katakana
 * middle dot of lists (`20・30・40代`): read as separators they made such texts phone numbers.
 */
const WIDE_SEPARATORS = new Map<number, string>([
  ...[0x2010, 0x2011, 0x2012, 0x2212, 0xfe63, 0xff0d, 0x30fc, 0xff70].map((c) => [c, '-'] as [number, string]),
  [0xff0f, '/'],
  [0xff0e, '.'],
]);
const WIDE_SEPARATOR = new RegExp(`[${String.fromCharCode(...WIDE_SEPARATORS.keys())}]`, 'g');

/** `shadow` (asciiShadow) with WIDE_SEPARATORS written as ASCII, one unit for one (linear: one replace); returned as it is when it holds none. */
export function separatorShadow(shadow: string): string {
  return shadow.replace(WIDE_SEPARATOR, (c) => WIDE_SEPARATORS.get(c.charCodeAt(0))!);
}

/**
 * The [start, end) spans of `shadow` that NUMBER_RUN matches and looksLikePhone accepts. A run
 * of more than 15 digits is two numbers run together (`03-1234-5678/090-1234-5678`): its pieces
 * between separators unlike the run's first one are taken each on its own.
 */
function phoneSpans(shadow: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of shadow.matchAll(NUMBER_RUN)) {
    const run = m[0];
    if (looksLikePhone(run.trim())) spans.push([m.index, m.index + run.length]);
    else if (digitsUpTo(run, 16) > 15) {
      const first = /\d([\s./-])\d/.exec(run)?.[1];
      if (first === undefined) continue;
      let from = 0;
      for (let i = 1; i <= run.length; i++) {
        const c = run[i];
        if (i < run.length && !(c !== first && /[\s./-]/.test(c!) && /\d/.test(run[i - 1]!) && /[\d(]/.test(run[i + 1] ?? ''))) continue;
        const piece = run.slice(from, i);
        if (looksLikePhone(piece.trim())) spans.push([m.index + from, m.index + i]);
        from = i + 1;
      }
    }
  }
  return spans;
}

/**
 * `text` with its phone numbers replaced, found in `shadow` (asciiShadow of `text`) and
 * again with other separators read as ASCII (separatorShadow): a span found either way
 * goes. Not in one pass because a separator read as ASCII can also join two numbers into
 * one run too long for a phone number (`03-1234-5678／090-1234-5678`), which the
 * first pass finds as two. Exported for the tests, which apply it to every text to check
 * redactPersonalData's pre-check.
 */
export function replacePhones(text: string, shadow: string): string {
  const spans = phoneSpans(shadow);
  const wide = separatorShadow(shadow);
  if (wide !== shadow) {
    spans.push(...phoneSpans(wide));
    spans.sort((a, b) => a[0] - b[0]);
  }
  if (spans.length === 0) return text;
  let out = '';
  let done = 0; // text up to here is written
  let [start, end] = spans[0]!;
  for (const [from, to] of spans) {
    if (from < end) {
      end = Math.max(end, to); // overlaps the span being replaced: it grows
      continue;
    }
    out += text.slice(done, start) + PHONE_MARK;
    done = end;
    start = from;
    end = to;
  }
  return out + text.slice(done, start) + PHONE_MARK + text.slice(end);
}

/** `text` with each match of `pattern` in `shadow` (the same length, asciiShadow) replaced by what `mark` gives for it, or kept when it gives undefined. */
function replaceMatches(text: string, shadow: string, pattern: RegExp, mark: (match: string) => string | undefined): string {
  let out = '';
  let last = 0;
  for (const m of shadow.matchAll(pattern)) {
    const replacement = mark(m[0]);
    if (replacement === undefined) continue;
    out += text.slice(last, m.index) + replacement;
    last = m.index + m[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * `text` with e-mail addresses and phone numbers replaced by a mark, also when typed in
 * full-width characters or with another script's digits (the patterns run on asciiShadow).
 */
export function redactPersonalData(text: string): string {
  // The two patterns cost 1-2 ms each to compile on first use (Unicode classes), which a
  // run that quotes a few short notes pays in full: a text without '@' cannot hold an
  // address, and one with fewer than 6 digits no NUMBER_RUN (it needs 6 or more).
  const shadow = asciiShadow(text);
  const mailed = shadow.includes('@') ? replaceMatches(text, shadow, EMAIL, () => EMAIL_MARK) : text;
  const mailedShadow = mailed === text ? shadow : asciiShadow(mailed);
  return digitsUpTo(mailedShadow, 6) < 6 ? mailed : replacePhones(mailed, mailedShadow);
}

function protectAnswer(a: ScoredAnswer, mode: FreeTextMode): ScoredAnswer {
  const out: ScoredAnswer = { ...a };
  const text = a.type === 'text';
  if (mode === 'left-out') {
    delete out.note;
    if (text) {
      delete out.value;
      delete out.texts;
      delete out.textsOmitted;
    }
    return out;
  }
  if (out.note !== undefined) out.note = redactPersonalData(out.note);
  if (text && typeof out.value === 'string') out.value = redactPersonalData(out.value);
  if (text && out.texts) out.texts = out.texts.map(redactPersonalData);
  return out;
}

/**
 * One answer as the recommendations may quote it (pilot placeholders, "why it
 * fits"): its note and, for a text question, its value redacted, or left out
 * ('left-out': the note dropped; a text answer keeps its status with an empty
 * value, so conditions see the same answers and a placeholder falls back to the questionnaire's own words). Pure.
 */
export function protectQuotedAnswer(answer: Answer | undefined, isText: boolean, mode: FreeTextMode): Answer | undefined {
  if (!answer || mode === 'shown') return answer;
  if (mode === 'left-out') {
    const { note: _dropped, ...rest } = answer;
    // still answered (conditions and gates see the same answers), but with no words to quote
    return (isText && rest.status === 'answered' ? { ...rest, value: '' } : rest) as Answer;
  }
  const out: Answer = { ...answer };
  if (out.note !== undefined) out.note = redactPersonalData(out.note);
  if (isText && out.status === 'answered' && typeof out.value === 'string') out.value = redactPersonalData(out.value);
  return out;
}

/**
 * The result with its free text protected: e-mail addresses and phone numbers
 * replaced ('redacted', marked in `freeText` only when something was replaced),
 * or notes and free-text answers removed ('left-out').
 * 'shown' (with --show-respondents) returns it unchanged. Pure; scores are
 * untouched (the text was never scored).
 */
export function protectFreeText(result: Result, mode: FreeTextMode): Result {
  if (mode === 'shown') return result;
  const answers = result.answers.map((a) => protectAnswer(a, mode));
  // a result with nothing to remove stays byte for byte what it was: the mark means "something was removed"
  const changed = mode === 'left-out' || answers.some((a, i) => a.note !== result.answers[i]!.note || a.value !== result.answers[i]!.value || String(a.texts) !== String(result.answers[i]!.texts));
  return changed ? { ...result, answers, freeText: mode } : result;
}

/** The mode the command line asks for: --no-free-text wins; --show-respondents shows text as typed. */
export function freeTextMode(opts: { showRespondents?: boolean; freeText?: boolean }): FreeTextMode {
  if (opts.freeText === false) return 'left-out';
  return opts.showRespondents === true ? 'shown' : 'redacted';
}
