// The questionnaire as an XLSForm (the spreadsheet form definition of ODK,
// KoboToolbox and SurveyCTO): rows of the sheets `survey`, `choices` and
// `settings`. Question names are our ids and choice names come from
// form-codes.ts, so the tools' response exports read back without a mapping
// file. Writing the .xlsx is the command's job (exceljs); this is pure.
// Format reference: https://xlsform.org/en/
import type { Option, OptionValue, Question, Questionnaire } from '../../model/questionnaire.js';
import { XLSFORM_DONT_KNOW, XLSFORM_NOT_APPLICABLE, xlsformChoiceName } from '../../model/form-codes.js';
import { optionsOf } from '../../score/item.js';
import { joinParts, translateCondition, type Dialect } from './conditions.js';
import { DONT_KNOW_LABEL, NOT_APPLICABLE_LABEL, questionWarning, sections } from './common.js';

export const XLSFORM_SURVEY_COLUMNS = ['type', 'name', 'label', 'hint', 'required', 'relevant', 'constraint', 'constraint_message'] as const;
export const XLSFORM_CHOICES_COLUMNS = ['list_name', 'name', 'label'] as const;
export const XLSFORM_SETTINGS_COLUMNS = ['form_title', 'form_id', 'version'] as const;

type Row<C extends readonly string[]> = Record<C[number], string>;

export interface XlsForm {
  survey: Row<typeof XLSFORM_SURVEY_COLUMNS>[];
  choices: Row<typeof XLSFORM_CHOICES_COLUMNS>[];
  settings: Row<typeof XLSFORM_SETTINGS_COLUMNS>[];
  /** What the form cannot carry, one sentence each. */
  warnings: string[];
}

/** `${name}` in a label is a reference in XLSForm; keep such text literal by breaking the pair. */
function plainText(text: string): string {
  return text.replace(/\$\{/g, '$ {');
}

/** An XPath string literal, or undefined when the text holds both kinds of quotes (XPath 1.0 has no escapes). */
function xpathString(text: string): string | undefined {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return undefined;
}

interface ChoiceList {
  name: string;
  /** option value (as text, lower case) -> choice name */
  names: Map<string, string>;
}

/**
 * Builds the XLSForm of a questionnaire.
 * - likert/single/yesno: `select_one LIST`; multiple: `select_multiple LIST` (an exclusive option
 *   gets a constraint); number: `decimal` with its bounds as a constraint; text: `text`.
 * - don't know / not applicable: extra choices `dont_know` / `not_applicable` in that question's list.
 * - `when` -> `relevant`; `help` -> `hint`; `required` -> `required: yes`.
 * - One group per run of questions of a dimension (named after it, made unique against question ids).
 * Never throws; what the form cannot carry is in `warnings`.
 */
export function toXlsForm(questionnaire: Questionnaire): XlsForm {
  const warnings: string[] = [];
  const survey: XlsForm['survey'] = [];
  const choices: XlsForm['choices'] = [];
  const taken = new Set(questionnaire.questions.map((q) => q.id));
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  };
  const listNames = new Set<string>();
  const lists = new Map<string, ChoiceList>();
  const listOf = new Map<string, ChoiceList>();

  const listFor = (q: Question): ChoiceList | undefined => {
    const options: Option[] | undefined = q.type === 'yesno' ? [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] : optionsOf(questionnaire, q);
    if (!options) return undefined;
    const source = q.type === 'yesno' ? 'yes_no' : q.scale && !q.options ? q.scale : q.id;
    const suffix = `${q.allowDontKnow ? '_dk' : ''}${q.allowNotApplicable ? '_na' : ''}`;
    const key = `${q.type === 'yesno' ? 'yesno' : q.scale && !q.options ? `scale:${q.scale}` : `q:${q.id}`}${suffix}`;
    const known = lists.get(key);
    if (known) return known;
    let name = `${source.replace(/-/g, '_')}${suffix}`;
    for (let n = 2; listNames.has(name); n++) name = `${source.replace(/-/g, '_')}${suffix}_${n}`;
    listNames.add(name);
    const list: ChoiceList = { name, names: new Map() };
    const used = new Set<string>();
    const add = (value: OptionValue, label: string) => {
      let choice = xlsformChoiceName(value);
      if (used.has(choice.toLowerCase())) {
        const base = choice;
        for (let n = 2; used.has(choice.toLowerCase()); n++) choice = `${base}_${n}`;
        warnings.push(
          questionWarning(q, `the answer "${value}" gets the choice name "${choice}" because another answer already has "${base}"; responses with "${choice}" need a mapping line (values: ${q.id}: ${choice}: ${value}).`),
        );
      }
      used.add(choice.toLowerCase());
      list.names.set(String(value).toLowerCase(), choice);
      choices.push({ list_name: name, name: choice, label: plainText(label) });
    };
    for (const o of options) add(o.value, o.label);
    if (q.allowDontKnow) add(XLSFORM_DONT_KNOW, DONT_KNOW_LABEL);
    if (q.allowNotApplicable) add(XLSFORM_NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
    lists.set(key, list);
    return list;
  };
  for (const q of questionnaire.questions) {
    const list = listFor(q);
    if (list) listOf.set(q.id, list);
  }

  const ref = (q: Question) => `\${${q.id}}`;
  const choiceName = (q: Question, value: OptionValue) => listOf.get(q.id)?.names.get(String(value).toLowerCase());
  const quotedChoice = (q: Question, value: OptionValue) => {
    const name = choiceName(q, value);
    return name === undefined ? undefined : xpathString(name);
  };
  const dialect: Dialect = {
    tool: 'XLSForm',
    and: (parts) => joinParts(parts, 'and'),
    or: (parts) => joinParts(parts, 'or'),
    not: (part) => `not(${part})`,
    never: 'false()',
    answered(q) {
      if (q.type === 'multiple') {
        const parts = [`count-selected(${ref(q)}) > 0`];
        if (q.allowDontKnow) parts.push(`not(selected(${ref(q)}, '${XLSFORM_DONT_KNOW}'))`);
        if (q.allowNotApplicable) parts.push(`not(selected(${ref(q)}, '${XLSFORM_NOT_APPLICABLE}'))`);
        return parts.join(' and ');
      }
      const parts = [`${ref(q)} != ''`];
      if (listOf.has(q.id) && q.allowDontKnow) parts.push(`${ref(q)} != '${XLSFORM_DONT_KNOW}'`);
      if (listOf.has(q.id) && q.allowNotApplicable) parts.push(`${ref(q)} != '${XLSFORM_NOT_APPLICABLE}'`);
      return parts.join(' and ');
    },
    isOption: (q, v) => {
      const s = quotedChoice(q, v);
      return s && `${ref(q)} = ${s}`;
    },
    ticked: (q, v) => {
      const s = quotedChoice(q, v);
      return s && `selected(${ref(q)}, ${s})`;
    },
    onlyTicked: (q, v) => {
      const s = quotedChoice(q, v);
      return s && `selected(${ref(q)}, ${s}) and count-selected(${ref(q)}) = 1`;
    },
    countAtLeast: (q, n) => `count-selected(${ref(q)}) >= ${n}`,
    compare: (q, op, n) => `${ref(q)} != '' and ${ref(q)} ${op} ${n}`,
    textEquals: (q, text) => {
      const s = xpathString(text);
      return s && `${ref(q)} = ${s}`;
    },
  };

  for (const section of sections(questionnaire)) {
    const group = unique(section.dimension.id.replace(/-/g, '_'));
    survey.push(row({ type: 'begin_group', name: group, label: plainText(section.dimension.title) }));
    for (const q of section.questions) {
      const list = listOf.get(q.id);
      const r = row({ name: q.id, label: plainText(q.text), hint: q.help ? plainText(q.help) : '', required: q.required ? 'yes' : '' });
      switch (q.type) {
        case 'multiple': {
          r.type = `select_multiple ${list!.name}`;
          const exclusive = (optionsOf(questionnaire, q) ?? []).filter((o) => o.exclusive).map((o) => list!.names.get(String(o.value).toLowerCase())!);
          const special = [q.allowDontKnow ? XLSFORM_DONT_KNOW : '', q.allowNotApplicable ? XLSFORM_NOT_APPLICABLE : ''].filter(Boolean);
          const alone = [...exclusive, ...special];
          if (alone.length > 0) {
            r.constraint = alone.map((name) => `not(selected(., '${name}') and count-selected(.) > 1)`).join(' and ');
            r.constraint_message = `${alone.length === 1 ? 'This answer' : 'These answers'} cannot be combined with others.`;
          }
          break;
        }
        case 'number': {
          r.type = 'decimal';
          const bounds = [q.min !== undefined ? `. >= ${q.min}` : '', q.max !== undefined ? `. <= ${q.max}` : ''].filter(Boolean);
          if (bounds.length > 0) {
            r.constraint = bounds.join(' and ');
            r.constraint_message =
              q.min !== undefined && q.max !== undefined ? `Enter a number from ${q.min} to ${q.max}.` : q.min !== undefined ? `Enter ${q.min} or more.` : `Enter ${q.max} or less.`;
          }
          if (q.unit) r.hint = [r.hint, `(${plainText(q.unit)})`].filter(Boolean).join(' ');
          specialWarning(q, 'XLSForm', warnings);
          break;
        }
        case 'text':
          r.type = 'text';
          specialWarning(q, 'XLSForm', warnings);
          break;
        default:
          r.type = `select_one ${list!.name}`;
      }
      const when = translateCondition(q.when, questionnaire, dialect);
      if (when.expression) r.relevant = when.expression;
      if (when.problem) warnings.push(questionWarning(q, `its condition is not in the form because ${when.problem}; the form always asks it.`));
      survey.push(r);
    }
    survey.push(row({ type: 'end_group' }));
  }
  return {
    survey,
    choices,
    settings: [{ form_title: questionnaire.title, form_id: questionnaire.id.replace(/-/g, '_'), version: questionnaire.version }],
    warnings,
  };
}

function row(values: Partial<Row<typeof XLSFORM_SURVEY_COLUMNS>>): Row<typeof XLSFORM_SURVEY_COLUMNS> {
  const r = Object.fromEntries(XLSFORM_SURVEY_COLUMNS.map((c) => [c, ''])) as Row<typeof XLSFORM_SURVEY_COLUMNS>;
  return Object.assign(r, values);
}

/** Number and text fields have no "don't know" choice: say so instead of pretending. */
export function specialWarning(q: Question, tool: string, warnings: string[]): void {
  const kinds = [q.allowDontKnow ? '"don\'t know"' : '', q.allowNotApplicable ? '"not applicable"' : ''].filter(Boolean);
  if (kinds.length === 0) return;
  warnings.push(questionWarning(q, `it allows ${kinds.join(' and ')}, which a ${q.type} field in ${tool} cannot offer; respondents can leave it blank (counted as unanswered).`));
}
