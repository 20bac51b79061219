// From checked responses to a Result. Pure: no clock, no environment, no I/O;
// same input, same output byte for byte. One respondent is an aggregate of
// one: both go through the same tally (see docs/scoring.md).
import type { Answer, IndexedResponse, Response } from '../model/answers.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { DimensionResult, Result, ScoredAnswer } from '../model/result.js';
import { RESULT_SCHEMA_VERSION } from '../model/schema-version.js';
import { recommendPilots } from '../recommend/pilots.js';
import {
  type Tally,
  addIndexedResponse,
  addResponse,
  createTally,
  DEFAULT_MIN_GROUP,
  dimensionAggregate,
  divergence,
  hiddenGroupCount,
  perceptionGaps,
  representativeAnswer,
  respondentsByRole,
  scoredAnswer,
} from './aggregate.js';
import type { ConditionContext } from './conditions.js';
import { dimensionResult, dimensionScale, minCoverageOf, RELIABLE_COVERAGE, scoreDisplay } from './dimension.js';
import { computeViews, type ViewSpec } from './views.js';
import { applyGates, barrierPoint, levelRef, orderedDimensions, overallScore, sortedLevels } from './overall.js';
import { type FreeTextMode, protectQuotedAnswer } from './personal-data.js';

export interface AssessInput {
  questionnaire: Questionnaire;
  /** questionnaireHash(questionnaire), computed by the caller (load layer). */
  hash: string;
  /** One or more respondents. */
  responses: Response[];
  organization: string;
  /** YYYY-MM-DD */
  date: string;
  toolVersion: string;
  /** How many pilots to recommend (default 3). */
  pilots?: number;
  /** Some required answers are missing (the caller allowed it). */
  partial?: boolean;
  /** Smallest role group shown on its own (default 3). */
  minGroup?: number;
  /** Include respondent names in the result. */
  showRespondents?: boolean;
  /** CSV cells that could not be matched and were counted as unanswered. */
  unmatchedCells?: number;
  /** Survey exports: rows read, set aside, unfinished (copied into the result as given). */
  survey?: Result['survey'];
  /**
   * Attributes to show dimension means by, beside role: 'source' (interviews vs
   * each survey) and segment names (unit, site...). Role always comes first.
   */
  views?: { source?: boolean; segments?: { id: string; title: string; plural: string }[] };
  /** What pilot texts may quote of free text (default 'shown'): see protectQuotedAnswer. */
  freeText?: FreeTextMode;
}

export const TOOL_NAME = 'social-readiness';
/** How many strengths and risks a result names. */
export const TOP_ITEMS = 3;

/** Streams respondents into one assessment: add() each response, then finish(). */
export interface Assessor {
  add(response: Response): void;
  /** Adds a respondent whose answers are by question index (a survey row; see IndexedResponse): the same as add() of the same answers by id. */
  addIndexed(response: IndexedResponse): void;
  /**
   * The Result. `late` gives what is only known once every response was read
   * (a streamed survey's unmatched cells); it overrides the input's values.
   */
  finish(late?: Pick<AssessInput, 'unmatchedCells' | 'partial' | 'survey'>): Result;
}

type Item = { questionId: string; text: string; score: number; weight: number; index: number };

/**
 * Several respondents: an item is not a strength when more than this share (0..1) of those
 * asked answered on the unready side (an item score below the midpoint, e.g. "No") or
 * "don't know" (docs/scoring.md, "Strengths and risks").
 */
export const MAX_DOUBT_SHARE = 1 / 3;

/**
 * Strengths: answered items scoring above the midpoint (0.5), highest first;
 * risks: those below it, lowest first. Ties: heavier weight first, then
 * questionnaire order. A neutral answer is neither.
 *
 * With `dimensions` a strength must also clear its dimension's threshold (0..100), the
 * dimension must have reliable coverage, and (several respondents) at most MAX_DOUBT_SHARE
 * of those asked may have answered below the midpoint or "don't know" (`doubt`).
 */
export function strengthsAndRisks(
  answers: readonly ScoredAnswer[],
  top = TOP_ITEMS,
  dimensions?: readonly Pick<DimensionResult, 'id' | 'threshold' | 'reliable'>[],
): Pick<Result, 'strengths' | 'risks'> {
  const items: (Item & { strong: boolean })[] = [];
  answers.forEach((a, index) => {
    if (a.status !== 'answered' || a.score === null) return;
    const dim = dimensions?.find((d) => d.id === a.dimension);
    const strong = !dim || (dim.reliable && a.score * 100 >= dim.threshold && (a.doubt ?? 0) <= MAX_DOUBT_SHARE);
    items.push({ questionId: a.questionId, text: a.text, score: a.score, weight: a.weight, index, strong });
  });
  const pick = (list: Item[]) => list.slice(0, top).map(({ questionId, text, score }) => ({ questionId, text, score }));
  return {
    strengths: pick(items.filter((i) => i.score > 0.5 && i.strong).sort((a, b) => b.score - a.score || b.weight - a.weight || a.index - b.index)),
    risks: pick(items.filter((i) => i.score < 0.5).sort((a, b) => a.score - b.score || b.weight - a.weight || a.index - b.index)),
  };
}

export function createAssessor(input: Omit<AssessInput, 'responses'>): Assessor {
  const { questionnaire } = input;
  const minGroup = input.minGroup !== undefined && input.minGroup >= 1 ? Math.floor(input.minGroup) : DEFAULT_MIN_GROUP;
  const specs: ViewSpec[] = input.views
    ? [
        { id: 'role', title: 'Role', plural: 'roles' },
        ...(input.views.source ? [{ id: 'source', title: 'Source', plural: 'sources' }] : []),
        ...(input.views.segments ?? []),
      ]
    : [];
  const tally = createTally(questionnaire, input.showRespondents === true, specs.length > 1 ? specs : undefined);
  return {
    add(response) {
      addResponse(tally, response);
    },
    addIndexed(response) {
      addIndexedResponse(tally, response);
    },
    finish(late = {}) {
      if (tally.respondents === 0) throw new Error('assess() needs at least one response.');
      const single = tally.respondents === 1;
      const levels = sortedLevels(questionnaire.levels);

      const answers = tally.questions.map((t) => scoredAnswer(t, questionnaire, single));
      const representative: Record<string, Answer | undefined> = {};
      for (const t of tally.questions) {
        const answer = representativeAnswer(t, questionnaire);
        // one respondent's note is theirs: pilot texts may quote it ({question-id.note|...})
        const quoted = answer && single && t.notes.length > 0 ? { ...answer, note: t.notes[0]! } : answer;
        // pilot texts quote these words: personal data in them is protected like the answers
        representative[t.question.id] = protectQuotedAnswer(quoted, t.question.type === 'text', input.freeText ?? 'shown');
      }

      const lowCoverage = questionnaire.lowCoverage ?? RELIABLE_COVERAGE;
      const dimensions = orderedDimensions(questionnaire).map((dimension) => {
        const agg = dimensionAggregate(tally.dimensions.get(dimension.id)!, single);
        const counts = { answered: agg.answered, asked: agg.asked, minCoverage: minCoverageOf(questionnaire, dimension), lowCoverage, ...dimensionScale(questionnaire, dimension) };
        return dimensionResult(dimension, levels, agg.score, counts, agg.spread);
      });
      const overall = overallScore(dimensions);
      const ctx: ConditionContext = {
        dimensions: Object.fromEntries(dimensions.map((d) => [d.id, d.score])),
        overall,
        answers: representative,
      };
      const gated = applyGates(overall, levels, questionnaire.gates, ctx);
      const barrier = questionnaire.barrierPoint === false ? null : barrierPoint(dimensions);
      const recommended = recommendPilots(questionnaire.pilots, { questionnaire, ctx, respondents: tally.respondents }, input.pilots, barrier);
      const { strengths, risks } = strengthsAndRisks(answers, TOP_ITEMS, dimensions);

      const respondents: Result['respondents'] = {
        count: tally.respondents,
        // one respondent's role is their own metadata, not a group: shown as given
        byRole: respondentsByRole(tally, minGroup, input.showRespondents === true || single),
      };
      if (tally.list) respondents.list = tally.list;
      if (tally.sources.size > 1 || input.views?.source) {
        respondents.sources = [...tally.sources].map(([label, s]) => ({ kind: s.kind, label, count: s.count }));
      }

      const result: Result = {
        schemaVersion: RESULT_SCHEMA_VERSION,
        tool: { name: TOOL_NAME, version: input.toolVersion },
        questionnaire: { id: questionnaire.id, title: questionnaire.title, version: questionnaire.version, hash: input.hash },
        organization: input.organization,
        date: input.date,
        partial: (late.partial ?? input.partial) === true || (single ? tally.missingRequired : requiredUnansweredByAll(tally)),
        respondents,
        levels: levels.map((l) => ({ id: l.id, label: l.label, min: l.min, max: l.max, description: l.description })),
        lowCoverage,
        overall: {
          score: overall,
          ...(scoreDisplay(questionnaire.display) ? { display: scoreDisplay(questionnaire.display) } : {}),
          level: gated.level ? levelRef(gated.level) : null,
          uncappedLevel: gated.uncapped ? levelRef(gated.uncapped) : null,
          gates: gated.gates,
        },
        dimensions,
        barrier,
        strengths,
        risks,
        answers,
        pilots: recommended.pilots,
        notYet: recommended.notYet,
      };
      if (recommended.barrierPilot) result.barrierPilot = recommended.barrierPilot;
      if (questionnaire.barrierPoint === false) result.barrierPoint = false;
      if (questionnaire.report) result.wording = structuredClone(questionnaire.report);
      if (questionnaire.pilots.length === 0) result.pilotsOffered = false;
      const survey = late.survey ?? input.survey;
      if (survey) result.survey = survey;
      const unmatchedCells = late.unmatchedCells ?? input.unmatchedCells ?? 0;
      if (!single || unmatchedCells > 0) {
        result.aggregate = {
          divergent: divergence(
            dimensions.map((d) => ({ id: d.id, title: d.title, sd: d.spread?.sd ?? 0, respondents: d.spread?.respondents ?? 0 })),
            answers.map((a) => ({ id: a.questionId, text: a.text, sd: a.spread ?? 0, respondents: a.respondents ?? 0 })),
          ),
          perceptionGaps: perceptionGaps(tally, dimensions, minGroup),
          hiddenGroups: hiddenGroupCount(tally, minGroup),
          ...viewsOf(tally, dimensions, minGroup),
          unmatchedCells,
          minGroup,
        };
      }
      return result;
    },
  };
}

/**
 * Several respondents (a survey, or many interviews): blanks are normal and
 * show as coverage per question and dimension. The assessment is partial only
 * when a required question was answered by nobody it applied to (every
 * respondent left it blank), since then a part of the questionnaire is not
 * measured at all. See docs/scoring.md ("Partial results").
 */
function requiredUnansweredByAll(tally: Tally): boolean {
  return tally.questions.some((t) => {
    if (!t.question.required) return false;
    const s = t.statuses;
    return s.unanswered > 0 && s.answered + s['dont-know'] + s['not-applicable'] === 0;
  });
}

/** Scores one or many respondents into a complete Result. */
export function assess(input: AssessInput): Result {
  const assessor = createAssessor(input);
  for (const response of input.responses) assessor.add(response);
  return assessor.finish();
}

/** The source and segment views (the role view is perceptionGaps); nothing when only roles are tallied. */
function viewsOf(tally: Tally, dimensions: readonly { id: string; title: string }[], minGroup: number): { views?: Result['aggregate'] extends infer A ? A extends { views?: infer V } ? V : never : never; viewsWithheld?: number } {
  if (!tally.views) return {};
  const { views, withheld } = computeViews(tally.views, dimensions, minGroup);
  // the role view is already there as perceptionGaps (computed by the same rule)
  const others = views.filter((v) => v.attribute !== 'role');
  return { views: others, ...(withheld > 0 ? { viewsWithheld: withheld } : {}) };
}
