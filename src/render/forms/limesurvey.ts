// The questionnaire as LimeSurvey's tab-separated survey structure (.txt), the
// file its "Import survey" accepts. Question codes, answer codes and
// subquestion codes come from form-codes.ts, so a response export with answer
// codes reads back without a mapping file. Pure.
// Format: https://www.limesurvey.org/manual/Tab_Separated_Value_survey_structure
// (read by TSVImportSurvey() in LimeSurvey's application/helpers/admin/import_helper.php:
// tab-separated, `"` quoting, one row per survey setting, group, question,
// subquestion and answer; columns that are no known field are question attributes).
import type { OptionValue, Question, Questionnaire } from '../../model/questionnaire.js';
import {
  LIMESURVEY_DONT_KNOW,
  LIMESURVEY_NOT_APPLICABLE,
  limesurveyAnswerCode,
  limesurveyCodes,
  limesurveySubquestionCode,
} from '../../model/form-codes.js';
import { optionsOf } from '../../score/item.js';
import { joinParts, translateCondition, type Dialect } from './conditions.js';
import { DONT_KNOW_LABEL, NOT_APPLICABLE_LABEL, questionWarning, sections } from './common.js';
import { specialWarning } from './xlsform.js';

/** The columns written, in order: LimeSurvey's fields, then the question attributes used. */
export const LIMESURVEY_COLUMNS = [
  'class',
  'type/scale',
  'name',
  'relevance',
  'text',
  'help',
  'language',
  'validation',
  'mandatory',
  'other',
  'default',
  'same_default',
  'min_num_value_n',
  'max_num_value_n',
  'exclude_all_others',
] as const;
type Column = (typeof LIMESURVEY_COLUMNS)[number];
export type LimeRow = Partial<Record<Column, string>>;

export interface LimeSurveyExport {
  rows: LimeRow[];
  /** The file's text: a header row and one line per row, tab-separated, LF line ends. */
  text: string;
  /** question id -> LimeSurvey question code */
  codes: Map<string, string>;
  warnings: string[];
}

/** Question texts are HTML in LimeSurvey: escape markup, keep line breaks as <br />, no tabs. */
export function limeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r\n?|\n/g, '<br />')
    .replace(/\s/g, ' ');
}

/** An ExpressionScript string literal, or undefined when the text cannot be quoted safely. */
function emString(text: string): string | undefined {
  return /['"\\\t\n\r{}]/.test(text) ? undefined : `'${text}'`;
}

const LANGUAGE = 'en';

/**
 * Builds LimeSurvey's tab-separated survey structure for a questionnaire.
 * - likert, single: list (radio) `L` with answer codes A1, A2, … (plus DK / NA);
 * - yesno: `Y`, or `L` with codes Y, N (DK, NA) when don't know or n/a is allowed;
 * - multiple: `M` with subquestions SQ001, … (DK, NA); exclusive options in `exclude_all_others`;
 * - number: `N` with `min_num_value_n` / `max_num_value_n`; text: long free text `T`;
 * - `when` -> `relevance` (ExpressionScript); `help` -> help; `required` -> mandatory Y.
 * One group per run of questions of a dimension. Never throws.
 */
export function toLimeSurvey(questionnaire: Questionnaire): LimeSurveyExport {
  const warnings: string[] = [];
  const codes = limesurveyCodes(questionnaire);
  const code = (q: Question) => codes.get(q.id)!;
  /** option value (lower case) -> answer or subquestion code, per question */
  const answerCodes = new Map<string, Map<string, string>>();
  for (const q of questionnaire.questions) {
    const map = new Map<string, string>();
    if (q.type === 'yesno') {
      map.set('yes', 'Y');
      map.set('no', 'N');
    } else {
      (optionsOf(questionnaire, q) ?? []).forEach((o, i) => map.set(String(o.value).toLowerCase(), q.type === 'multiple' ? limesurveySubquestionCode(i) : limesurveyAnswerCode(i)));
    }
    answerCodes.set(q.id, map);
  }
  const codeOf = (q: Question, v: OptionValue) => answerCodes.get(q.id)!.get(String(v).toLowerCase());
  const subCodes = (q: Question) => [...answerCodes.get(q.id)!.values(), ...(q.allowDontKnow ? [LIMESURVEY_DONT_KNOW] : []), ...(q.allowNotApplicable ? [LIMESURVEY_NOT_APPLICABLE] : [])];
  const ticked = (q: Question, sub: string) => `${code(q)}_${sub} == 'Y'`;

  const dialect: Dialect = {
    tool: 'LimeSurvey',
    and: (parts) => joinParts(parts, 'and'),
    or: (parts) => joinParts(parts, 'or'),
    not: (part) => `!(${part})`,
    never: '0',
    answered(q) {
      if (q.type === 'multiple') {
        const real = [...answerCodes.get(q.id)!.values()];
        return `count(${real.map((s) => `${code(q)}_${s}`).join(', ')}) > 0`;
      }
      const parts = [`!is_empty(${code(q)})`];
      if (q.type !== 'number' && q.type !== 'text') {
        if (q.allowDontKnow) parts.push(`${code(q)} != '${LIMESURVEY_DONT_KNOW}'`);
        if (q.allowNotApplicable) parts.push(`${code(q)} != '${LIMESURVEY_NOT_APPLICABLE}'`);
      }
      return parts.join(' and ');
    },
    isOption: (q, v) => {
      const c = codeOf(q, v);
      return c && `${code(q)} == '${c}'`;
    },
    ticked: (q, v) => {
      const c = codeOf(q, v);
      return c && ticked(q, c);
    },
    onlyTicked: (q, v) => {
      const c = codeOf(q, v);
      return c && `${ticked(q, c)} and count(${subCodes(q).map((s) => `${code(q)}_${s}`).join(', ')}) == 1`;
    },
    countAtLeast: (q, n) => `count(${[...answerCodes.get(q.id)!.values()].map((s) => `${code(q)}_${s}`).join(', ')}) >= ${n}`,
    compare: (q, op, n) => `!is_empty(${code(q)}) and ${code(q)} ${op === '=' ? '==' : op} ${n}`,
    textEquals: (q, text) => {
      const s = emString(text);
      return s && `${code(q)} == ${s}`;
    },
  };

  const rows: LimeRow[] = [
    { class: 'S', name: 'language', text: LANGUAGE },
    // group by group, as the interview goes dimension by dimension
    { class: 'S', name: 'format', text: 'G' },
    { class: 'SL', name: 'surveyls_title', text: limeHtml(questionnaire.title), language: LANGUAGE },
    { class: 'SL', name: 'surveyls_description', text: limeHtml(questionnaire.description), language: LANGUAGE },
  ];
  for (const section of sections(questionnaire)) {
    rows.push({ class: 'G', 'type/scale': String(section.index), name: limeHtml(section.dimension.title), text: limeHtml(section.dimension.description), language: LANGUAGE, relevance: '1' });
    for (const q of section.questions) {
      const r: LimeRow = {
        class: 'Q',
        name: code(q),
        relevance: '1',
        text: limeHtml(q.text),
        help: q.help ? limeHtml(q.help) : '',
        language: LANGUAGE,
        mandatory: q.required ? 'Y' : 'N',
        other: 'N',
        // an integer field in LimeSurvey's table: an empty cell would be '' there
        same_default: '0',
      };
      const when = translateCondition(q.when, questionnaire, dialect);
      if (when.expression) r.relevance = when.expression;
      if (when.problem) warnings.push(questionWarning(q, `its condition is not in the survey because ${when.problem}; the survey always asks it.`));
      const special: [string, string][] = [
        ...(q.allowDontKnow ? ([[LIMESURVEY_DONT_KNOW, DONT_KNOW_LABEL]] as [string, string][]) : []),
        ...(q.allowNotApplicable ? ([[LIMESURVEY_NOT_APPLICABLE, NOT_APPLICABLE_LABEL]] as [string, string][]) : []),
      ];
      const options = optionsOf(questionnaire, q) ?? [];
      switch (q.type) {
        case 'yesno':
          if (special.length === 0) {
            r['type/scale'] = 'Y';
            rows.push(r);
          } else {
            r['type/scale'] = 'L';
            rows.push(r);
            for (const [c, label] of [['Y', 'Yes'], ['N', 'No'], ...special]) rows.push({ class: 'A', 'type/scale': '0', name: c, text: limeHtml(label!), language: LANGUAGE });
          }
          break;
        case 'multiple': {
          r['type/scale'] = 'M';
          const exclusive = options.flatMap((o, i) => (o.exclusive ? [limesurveySubquestionCode(i)] : []));
          const alone = [...exclusive, ...special.map(([c]) => c)];
          if (alone.length > 0) r.exclude_all_others = alone.join(';');
          rows.push(r);
          options.forEach((o, i) => rows.push({ class: 'SQ', 'type/scale': '0', name: limesurveySubquestionCode(i), text: limeHtml(o.label), language: LANGUAGE, relevance: '1' }));
          for (const [c, label] of special) rows.push({ class: 'SQ', 'type/scale': '0', name: c, text: limeHtml(label), language: LANGUAGE, relevance: '1' });
          break;
        }
        case 'number':
          r['type/scale'] = 'N';
          if (q.min !== undefined) r.min_num_value_n = String(q.min);
          if (q.max !== undefined) r.max_num_value_n = String(q.max);
          if (q.unit) r.help = [r.help, `(${limeHtml(q.unit)})`].filter(Boolean).join(' ');
          specialWarning(q, 'LimeSurvey', warnings);
          rows.push(r);
          break;
        case 'text':
          r['type/scale'] = 'T';
          specialWarning(q, 'LimeSurvey', warnings);
          rows.push(r);
          break;
        default:
          r['type/scale'] = 'L';
          rows.push(r);
          options.forEach((o, i) => rows.push({ class: 'A', 'type/scale': '0', name: limesurveyAnswerCode(i), text: limeHtml(o.label), language: LANGUAGE }));
          for (const [c, label] of special) rows.push({ class: 'A', 'type/scale': '0', name: c, text: limeHtml(label), language: LANGUAGE });
      }
    }
  }
  const line = (cells: string[]) => cells.map(limeCell).join('\t');
  const text = `${[line([...LIMESURVEY_COLUMNS]), ...rows.map((r) => line(LIMESURVEY_COLUMNS.map((c) => r[c] ?? '')))].join('\n')}\n`;
  return { rows, text, codes, warnings };
}

/** A cell of the file: never a tab or line break (the texts are HTML already, so this only guards). */
function limeCell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
