// What the three form exports share: the questionnaire cut into sections (one
// per run of questions of the same dimension, as the interview presents them),
// and the export's result type. Pure.
import type { Dimension, Question, Questionnaire } from '../../model/questionnaire.js';

/** A run of consecutive questions of one dimension: a page or group in the form tool. */
export interface Section {
  dimension: Dimension;
  questions: Question[];
  /** 1-based position of the section. */
  index: number;
}

/** Consecutive questions of the same dimension, in questionnaire order. */
export function sections(questionnaire: Questionnaire): Section[] {
  const byId = new Map(questionnaire.dimensions.map((d) => [d.id, d]));
  const out: Section[] = [];
  for (const q of questionnaire.questions) {
    const last = out[out.length - 1];
    if (last && last.dimension.id === q.dimension) last.questions.push(q);
    else {
      const dimension = byId.get(q.dimension) ?? { id: q.dimension, title: q.dimension, description: '', weight: 1, threshold: 50, findings: {} };
      out.push({ dimension, questions: [q], index: out.length + 1 });
    }
  }
  return out;
}

/** The form tools `readiness export` writes for. */
export const FORM_TARGETS = ['xlsform', 'limesurvey', 'surveyjs'] as const;
export type FormTarget = (typeof FORM_TARGETS)[number];

/** The label of the special answers in the forms. */
export const DONT_KNOW_LABEL = "Don't know";
export const NOT_APPLICABLE_LABEL = 'Not applicable';

/** A warning about one question of the export: what the form cannot carry. */
export function questionWarning(q: Question, text: string): string {
  return `question ${q.id}: ${text}`;
}

/** One line of text: tabs, line breaks and runs of spaces become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
