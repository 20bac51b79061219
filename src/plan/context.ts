// What the plan layer needs from a stored result to evaluate the
// questionnaire's conditions again (capacity rules, blockers): the same
// context scoring used, rebuilt from the result's scores and representative answers.
import type { Answer } from '../model/answers.js';
import type { Result } from '../model/result.js';
import type { ConditionContext } from '../score/conditions.js';

/** The condition context of a scored result (for several respondents: the representative answers it stores). */
export function contextFromResult(result: Result): ConditionContext {
  const answers: Record<string, Answer | undefined> = {};
  for (const a of result.answers) {
    // one respondent's note is theirs (pilot texts may quote it); several respondents' notes are not one answer's
    const note = result.respondents.count === 1 && a.note !== undefined ? { note: a.note } : {};
    if (a.status === 'answered' && a.value !== undefined) answers[a.questionId] = { status: 'answered', value: a.value, ...note };
    else if (a.status === 'dont-know' || a.status === 'not-applicable' || a.status === 'unanswered') answers[a.questionId] = { status: a.status };
  }
  return {
    dimensions: Object.fromEntries(result.dimensions.map((d) => [d.id, d.score])),
    overall: result.overall.score,
    answers,
  };
}
