// The questionnaire as a SurveyJS survey (JSON): one page per run of
// questions of a dimension, question names equal to our ids, choice values
// equal to our option values, so SurveyJS results (survey.data, one object per
// respondent) read back without a mapping file. Pure.
// Format: https://surveyjs.io/form-library/documentation/design-survey/create-a-simple-survey
import type { OptionValue, Question, Questionnaire } from '../../model/questionnaire.js';
import { DONT_KNOW, NOT_APPLICABLE } from '../../model/special-answers.js';
import { optionsOf } from '../../score/item.js';
import { joinParts, translateCondition, type Dialect } from './conditions.js';
import { DONT_KNOW_LABEL, NOT_APPLICABLE_LABEL, questionWarning, sections } from './common.js';
import { specialWarning } from './xlsform.js';

export interface SurveyJsExport {
  survey: Record<string, unknown>;
  /** The file's text: the survey as indented JSON. */
  text: string;
  warnings: string[];
}

/**
 * A SurveyJS expression string literal: quotes escaped with a backslash (checked
 * with survey-core); undefined for text with a backslash, which its parser misreads.
 */
function sjString(value: OptionValue): string | undefined {
  if (typeof value === 'number') return String(value);
  if (value.includes('\\')) return undefined;
  return `'${value.replace(/'/g, "\\'").replace(/"/g, '\\"')}'`;
}

/** A variable reference; names with braces or quotes cannot be referenced. */
const ref = (q: Question) => `{${q.id}}`;

/**
 * Builds the SurveyJS survey of a questionnaire.
 * - likert, single: `radiogroup`; multiple: `checkbox` (exclusive options `isExclusive`);
 * - yesno: `boolean` (values "yes"/"no"), or a `radiogroup` when don't know or n/a is allowed;
 * - number: `text` with `inputType: number`, `min`, `max`; text: `comment`;
 * - don't know / n/a: choices with the values "dont-know" / "n/a";
 * - `when` -> `visibleIf`; `help` -> `description`; `required` -> `isRequired`;
 *   hidden questions' answers are cleared (`clearInvisibleValues: onHidden`), as the interview drops them.
 * Never throws.
 */
export function toSurveyJs(questionnaire: Questionnaire): SurveyJsExport {
  const warnings: string[] = [];
  const dialect: Dialect = {
    tool: 'SurveyJS',
    and: (parts) => joinParts(parts, 'and'),
    or: (parts) => joinParts(parts, 'or'),
    not: (part) => `!(${part})`,
    never: 'false',
    answered(q) {
      const parts = [`${ref(q)} notempty`];
      const op = q.type === 'multiple' ? 'notcontains' : '<>';
      if (q.allowDontKnow && q.type !== 'number' && q.type !== 'text') parts.push(`${ref(q)} ${op} '${DONT_KNOW}'`);
      if (q.allowNotApplicable && q.type !== 'number' && q.type !== 'text') parts.push(`${ref(q)} ${op} '${NOT_APPLICABLE}'`);
      return parts.join(' and ');
    },
    isOption: (q, v) => {
      const s = sjString(v);
      return s && `${ref(q)} = ${s}`;
    },
    ticked: (q, v) => {
      const s = sjString(v);
      return s && `${ref(q)} contains ${s}`;
    },
    onlyTicked: (q, v) => {
      const s = sjString(v);
      return s && `${ref(q)} = [${s}]`;
    },
    countAtLeast: (q, n) => `{${q.id}.length} >= ${n}`,
    compare: (q, op, n) => `${ref(q)} notempty and ${ref(q)} ${op} ${n}`,
    textEquals: (q, text) => {
      const s = sjString(text);
      return s && `${ref(q)} = ${s}`;
    },
  };

  const special = (q: Question) => [
    ...(q.allowDontKnow ? [{ value: DONT_KNOW, text: DONT_KNOW_LABEL }] : []),
    ...(q.allowNotApplicable ? [{ value: NOT_APPLICABLE, text: NOT_APPLICABLE_LABEL }] : []),
  ];
  const pages = sections(questionnaire).map((section) => ({
    name: `page${section.index}`,
    title: section.dimension.title,
    ...(section.dimension.description ? { description: section.dimension.description } : {}),
    elements: section.questions.map((q) => {
      const element: Record<string, unknown> = { name: q.id, title: q.text };
      const options = optionsOf(questionnaire, q) ?? [];
      switch (q.type) {
        case 'multiple':
          element.type = 'checkbox';
          element.choices = [
            ...options.map((o) => ({ value: o.value, text: o.label, ...(o.exclusive ? { isExclusive: true } : {}) })),
            ...special(q).map((c) => ({ ...c, isExclusive: true })),
          ];
          break;
        case 'yesno':
          if (special(q).length === 0) Object.assign(element, { type: 'boolean', valueTrue: 'yes', valueFalse: 'no', labelTrue: 'Yes', labelFalse: 'No' });
          else Object.assign(element, { type: 'radiogroup', choices: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }, ...special(q)] });
          break;
        case 'number':
          Object.assign(element, { type: 'text', inputType: 'number' });
          if (q.min !== undefined) element.min = q.min;
          if (q.max !== undefined) element.max = q.max;
          specialWarning(q, 'SurveyJS', warnings);
          break;
        case 'text':
          element.type = 'comment';
          specialWarning(q, 'SurveyJS', warnings);
          break;
        default:
          element.type = 'radiogroup';
          element.choices = [...options.map((o) => ({ value: o.value, text: o.label })), ...special(q)];
      }
      const description = [q.help ?? '', q.type === 'number' && q.unit ? `(${q.unit})` : ''].filter(Boolean).join(' ');
      if (description) element.description = description;
      if (q.required) element.isRequired = true;
      const when = translateCondition(q.when, questionnaire, dialect);
      if (when.expression) element.visibleIf = when.expression;
      if (when.problem) warnings.push(questionWarning(q, `its condition is not in the survey because ${when.problem}; the survey always asks it.`));
      return element;
    }),
  }));
  const survey = {
    title: questionnaire.title,
    description: questionnaire.description,
    clearInvisibleValues: 'onHidden',
    pages,
  };
  return { survey, text: `${JSON.stringify(survey, null, 2)}\n`, warnings };
}
