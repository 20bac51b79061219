// The interview as a small state machine over a Prompter: which question comes
// next, which are shown (conditions), back, the review screen, and a save after
// every answer. No terminal, no files: run.ts wires those in.
import { createHash } from 'node:crypto';
import type { Answer, AnswerValue, Response } from '../../model/answers.js';
import type { Option, OptionValue, Question, Questionnaire } from '../../model/questionnaire.js';
import { evaluateCondition, referencedQuestions } from '../../score/conditions.js';
import { stableStringify } from '../../load/hash.js';
import { PromptAbortedError, type ChoiceItem, type Extra, type MenuItem, type Prompter, type Reply } from './prompter.js';
import { truncate, wrap } from './wrap.js';
import { optionsOf as choiceOptions } from '../../score/item.js';

export type Answers = Record<string, Answer>;

/** Text styles; identity by default so the loop works (and tests read) without colour. */
export interface Style {
  heading: (t: string) => string;
  dim: (t: string) => string;
  warn: (t: string) => string;
}

const plain: Style = { heading: (t) => t, dim: (t) => t, warn: (t) => t };

export interface LoopContext {
  questionnaire: Questionnaire;
  prompter: Prompter;
  /** Prints a block of text (a newline is added). */
  say: (text: string) => void;
  /** Called after every change, with every answer so far (hidden ones included). */
  autosave: (answers: Answers) => void | Promise<void>;
  style?: Style;
  width?: number;
}

// ---------------------------------------------------------------------------
// Pure helpers (also used by run.ts and the sessions command)

/** The allowed answers of a choice question (from its scale or inline), yes/no for yesno. */
export function optionsOf(questionnaire: Questionnaire, question: Question): Option[] {
  if (question.type === 'yesno') {
    return [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ];
  }
  return choiceOptions(questionnaire, question) ?? [];
}

const sameValue = (a: OptionValue, b: OptionValue) => String(a).toLowerCase() === String(b).toLowerCase();

/**
 * The questions shown for these answers, in order. A question with `when` is
 * shown only if its condition holds on the answers to the questions shown
 * before it; answers to hidden questions are kept but never count.
 */
export function visibleQuestions(questionnaire: Questionnaire, answers: Answers): Question[] {
  const shown: Question[] = [];
  const seen: Record<string, Answer | undefined> = {};
  for (const question of questionnaire.questions) {
    if (question.when && !evaluateCondition(question.when, { dimensions: {}, overall: null, answers: seen })) continue;
    shown.push(question);
    seen[question.id] = answers[question.id];
  }
  return shown;
}

/**
 * The questions the interview expects to ask: those shown, plus conditional
 * ones still undecided because they depend on a question not reached yet.
 * Progress counts against this, so the total shrinks when an answer hides a
 * question instead of growing when one appears.
 */
export function plannedQuestions(questionnaire: Questionnaire, answers: Answers): Question[] {
  const planned: Question[] = [];
  const pending = new Set<string>();
  const seen: Record<string, Answer | undefined> = {};
  for (const question of questionnaire.questions) {
    if (question.when) {
      const undecided = referencedQuestions(question.when).some((id) => pending.has(id));
      if (undecided) {
        planned.push(question);
        pending.add(question.id);
        continue;
      }
      if (!evaluateCondition(question.when, { dimensions: {}, overall: null, answers: seen })) continue;
    }
    planned.push(question);
    seen[question.id] = answers[question.id];
    if (answers[question.id] === undefined) pending.add(question.id);
  }
  return planned;
}

/** Index (among visible questions) of the first one never reached, or -1 when every one has an entry. */
export function firstUnreached(questionnaire: Questionnaire, answers: Answers): number {
  return visibleQuestions(questionnaire, answers).findIndex((q) => answers[q.id] === undefined);
}

/** Answered (any entry, skips included) out of planned questions: "12/38". */
export function progressOf(questionnaire: Questionnaire, answers: Answers): { answered: number; total: number } {
  const visible = visibleQuestions(questionnaire, answers);
  return {
    answered: visible.filter((q) => answers[q.id] !== undefined).length,
    total: plannedQuestions(questionnaire, answers).length,
  };
}

/** What scoring receives: the shown questions only (answers to hidden ones are left out). */
export function toResponse(
  questionnaire: Questionnaire,
  answers: Answers,
  meta: { respondent?: string; role?: string; organization?: string; date?: string; source: string },
): Response {
  const out: Record<string, Answer> = {};
  for (const q of visibleQuestions(questionnaire, answers)) out[q.id] = answers[q.id] ?? { status: 'unanswered' };
  const response: Response = { source: meta.source, answers: out };
  if (meta.respondent) response.respondent = meta.respondent;
  if (meta.role) response.role = meta.role;
  if (meta.organization) response.organization = meta.organization;
  if (meta.date) response.date = meta.date;
  return response;
}

/**
 * What an answer means depends on the question's text, type and allowed
 * values. When none of those changed, an earlier answer still holds.
 */
export function questionFingerprint(questionnaire: Questionnaire, question: Question): string {
  const meaning = {
    text: question.text,
    type: question.type,
    options: optionsOf(questionnaire, question).map((o) => ({ value: o.value, label: o.label, exclusive: o.exclusive })),
    min: question.min,
    max: question.max,
    unit: question.unit,
  };
  return createHash('sha256').update(stableStringify(meaning)).digest('hex').slice(0, 16);
}

export function fingerprints(questionnaire: Questionnaire): Record<string, string> {
  return Object.fromEntries(questionnaire.questions.map((q) => [q.id, questionFingerprint(questionnaire, q)]));
}

export interface Reconciled {
  answers: Answers;
  /** Questions whose meaning changed: their answers were dropped and they will be asked again. */
  changed: Question[];
  /** Answered questions no longer in the questionnaire. */
  removed: string[];
  /** Questions the session never saw. */
  added: Question[];
}

/** Keeps the answers to questions that did not change since `before` was taken. */
export function reconcile(questionnaire: Questionnaire, before: Record<string, string>, answers: Answers): Reconciled {
  const now = fingerprints(questionnaire);
  const kept: Answers = {};
  const changed: Question[] = [];
  const removed: string[] = [];
  for (const [id, answer] of Object.entries(answers)) {
    const question = questionnaire.questions.find((q) => q.id === id);
    if (!question) removed.push(id);
    else if (before[id] !== undefined && before[id] === now[id]) kept[id] = answer;
    else changed.push(question);
  }
  const added = questionnaire.questions.filter((q) => before[q.id] === undefined);
  return { answers: kept, changed, removed, added };
}

/** An answer as the review screen shows it. */
export function describeAnswer(questionnaire: Questionnaire, question: Question, answer: Answer | undefined): string {
  if (!answer) return 'not answered yet';
  if (answer.status === 'dont-know') return "don't know";
  if (answer.status === 'not-applicable') return 'not applicable';
  if (answer.status === 'unanswered') return 'skipped';
  return describeValue(questionnaire, question, answer.value);
}

function describeValue(questionnaire: Questionnaire, question: Question, value: AnswerValue): string {
  if (question.type === 'number') return `${value}${question.unit ? ` ${question.unit}` : ''}`;
  if (question.type === 'text') return `"${truncate(String(value), 60)}"`;
  const options = optionsOf(questionnaire, question);
  const label = (v: OptionValue) => options.find((o) => sameValue(o.value, v))?.label ?? String(v);
  return Array.isArray(value) ? value.map(label).join(', ') : label(value);
}

// ---------------------------------------------------------------------------
// The loop

function withoutNote(answer: Answer): Answer {
  const { note: _dropped, ...rest } = answer;
  return rest as Answer;
}

type Outcome = { kind: 'answered' } | { kind: 'back' };

export class InterviewLoop {
  private answers: Answers;
  private readonly style: Style;
  private readonly width: number;
  private lastDimension: string | null = null;

  constructor(
    private readonly ctx: LoopContext,
    initial: Answers = {},
  ) {
    this.answers = { ...initial };
    this.style = ctx.style ?? plain;
    this.width = ctx.width ?? 80;
  }

  get current(): Answers {
    return { ...this.answers };
  }

  /** Runs from the first question never reached (the start, for a new interview) through the review. */
  async run(): Promise<Answers> {
    await this.askUnreached(0);
    await this.review();
    return this.current;
  }

  private get q(): Questionnaire {
    return this.ctx.questionnaire;
  }

  /**
   * Asks every shown question without an entry, in order, starting from
   * `fromIndex`. After an answer it moves to the next question not yet
   * reached, so going back to fix one answer resumes where you left off.
   */
  private async askUnreached(fromIndex: number, backToReview = false): Promise<void> {
    let index = this.nextUnreached(fromIndex);
    while (index !== -1) {
      const visible = visibleQuestions(this.q, this.answers);
      const question = visible[index]!;
      const outcome = await this.ask(question, index > 0 || backToReview);
      if (outcome.kind === 'back') {
        if (index === 0) return; // only from the review: go back to it
        index -= 1;
        continue;
      }
      const after = visibleQuestions(this.q, this.answers).findIndex((q) => q.id === question.id);
      index = this.nextUnreached(after + 1);
    }
  }

  private nextUnreached(from: number): number {
    const visible = visibleQuestions(this.q, this.answers);
    for (let i = Math.max(0, from); i < visible.length; i++) if (this.answers[visible[i]!.id] === undefined) return i;
    return -1;
  }

  private async review(): Promise<void> {
    for (;;) {
      const visible = visibleQuestions(this.q, this.answers);
      this.ctx.say(this.reviewText(visible));
      const items: MenuItem<string>[] = [{ value: '', label: 'Finish and write the report' }];
      for (const dim of this.q.dimensions) {
        const qs = visible.filter((q) => q.dimension === dim.id);
        qs.forEach((question, i) => {
          const answer = this.answers[question.id];
          // one line per answer: the dimension is the group title, the text is cut to fit
          const said = truncate(describeAnswer(this.q, question, answer), 30);
          const room = Math.max(16, this.width - said.length - 12);
          items.push({
            value: question.id,
            label: `${i + 1}. ${truncate(question.text, room)} — ${said}`,
            group: dim.title,
            ...(answer?.note ? { hint: `Note: ${answer.note}` } : {}),
          });
        });
      }
      const choice = await this.ctx.prompter.menu({ message: 'Review: choose an answer to change, or finish', items, current: '' });
      if (choice === '') return;
      const question = visible.find((q) => q.id === choice);
      if (!question) continue;
      this.lastDimension = null;
      const outcome = await this.ask(question, true);
      if (outcome.kind === 'answered') {
        // a changed answer may reveal questions further on: ask them before returning here
        const at = visibleQuestions(this.q, this.answers).findIndex((q) => q.id === question.id);
        await this.askUnreached(at + 1, true);
      }
    }
  }

  private reviewText(visible: Question[]): string {
    const lines: string[] = ['', this.style.heading('Review your answers'), ''];
    for (const dim of this.q.dimensions) {
      const qs = visible.filter((q) => q.dimension === dim.id);
      if (qs.length === 0) continue;
      lines.push(this.style.heading(dim.title));
      qs.forEach((question, i) => {
        const answer = this.answers[question.id];
        lines.push(wrap(`${i + 1}. ${question.text} — ${describeAnswer(this.q, question, answer)}`, this.width, '  '));
        if (answer?.note) lines.push(this.style.dim(wrap(`Note: ${answer.note}`, this.width, '     ')));
      });
      lines.push('');
    }
    return lines.join('\n');
  }

  private dimensionHeader(question: Question): void {
    if (question.dimension === this.lastDimension) return;
    this.lastDimension = question.dimension;
    const dims = this.q.dimensions;
    const index = dims.findIndex((d) => d.id === question.dimension);
    const dim = dims[index];
    if (!dim) return;
    const title = `${dim.title} (${index + 1} of ${dims.length})`;
    const why = dim.why ?? dim.description;
    this.ctx.say(`\n${this.style.heading(title)}\n${this.style.dim(wrap(why, this.width))}`);
  }

  private progress(question: Question): string {
    const planned = plannedQuestions(this.q, this.answers);
    const inDim = planned.filter((q) => q.dimension === question.dimension);
    const title = this.q.dimensions.find((d) => d.id === question.dimension)?.title ?? question.dimension;
    return `${planned.indexOf(question) + 1}/${planned.length} · ${title} ${inDim.indexOf(question) + 1}/${inDim.length}`;
  }

  private extras(question: Question, canGoBack: boolean): Extra[] {
    const extras: Extra[] = [];
    if (question.allowDontKnow) extras.push('dont-know');
    if (question.allowNotApplicable) extras.push('not-applicable');
    if (!question.required) extras.push('skip');
    if (question.help) extras.push('help');
    if (canGoBack) extras.push('back');
    return extras;
  }

  /** Asks one question until it gets an answer (then a note) or "back". */
  private async ask(question: Question, canGoBack: boolean): Promise<Outcome> {
    this.dimensionHeader(question);
    const previous = this.answers[question.id];
    for (;;) {
      const reply = await this.prompt(question, canGoBack, previous);
      if (reply.kind === 'back') return { kind: 'back' };
      if (reply.kind === 'help') {
        this.ctx.say(this.style.dim(wrap(question.help ?? 'No further explanation for this question.', this.width, '  ')));
        continue;
      }
      let answer: Answer;
      if (reply.kind === 'dont-know' && question.allowDontKnow) answer = { status: 'dont-know' };
      else if (reply.kind === 'not-applicable' && question.allowNotApplicable) answer = { status: 'not-applicable' };
      else if (reply.kind === 'skip' && !question.required) answer = { status: 'unanswered' };
      else if (reply.kind === 'value') {
        const problem = this.check(question, reply.value);
        if (problem) {
          this.ctx.say(this.style.warn(problem));
          continue;
        }
        answer = { status: 'answered', value: this.normalize(question, reply.value) };
      } else {
        this.ctx.say(this.style.warn('That choice is not available for this question.'));
        continue;
      }
      // saved before the note is asked, so Ctrl-C at the note loses nothing
      if (answer.status !== 'unanswered' && previous?.note) answer.note = previous.note;
      this.answers[question.id] = answer;
      await this.ctx.autosave(this.current);
      if (answer.status !== 'unanswered') {
        let note: string | undefined;
        try {
          note = (await this.ctx.prompter.note({ current: previous?.note }))?.trim() || undefined;
        } catch (error) {
          // a note being typed when the interview is interrupted is kept with the answer
          if (error instanceof PromptAbortedError && error.draft) this.answers[question.id] = { ...answer, note: error.draft };
          throw error;
        }
        if (note !== answer.note) {
          this.answers[question.id] = note ? { ...answer, note } : withoutNote(answer);
          await this.ctx.autosave(this.current);
        }
      }
      return { kind: 'answered' };
    }
  }

  private prompt(question: Question, canGoBack: boolean, previous: Answer | undefined): Promise<Reply<AnswerValue>> {
    const base = {
      message: question.text,
      progress: this.progress(question),
      extras: this.extras(question, canGoBack),
      ...(question.help ? { help: question.help } : {}),
    };
    const current = previous?.status === 'answered' ? previous.value : undefined;
    const p = this.ctx.prompter;
    switch (question.type) {
      case 'number':
        return p.number({
          ...base,
          ...(question.min !== undefined ? { min: question.min } : {}),
          ...(question.max !== undefined ? { max: question.max } : {}),
          ...(question.unit ? { unit: question.unit } : {}),
          ...(typeof current === 'number' ? { current } : {}),
        });
      case 'text':
        return p.text({ ...base, ...(typeof current === 'string' ? { current } : {}) });
      case 'multiple':
        return p.chooseMany({
          ...base,
          choices: this.choices(question),
          ...(Array.isArray(current) ? { current } : {}),
        });
      default:
        return p.choose({
          ...base,
          choices: this.choices(question),
          ...(current !== undefined && !Array.isArray(current) ? { current } : {}),
        });
    }
  }

  private choices(question: Question): ChoiceItem[] {
    return optionsOf(this.q, question).map((o) => ({ value: o.value, label: o.label, ...(o.exclusive ? { exclusive: true } : {}) }));
  }

  /** A sentence saying what is wrong with a reply, or null. Prompters validate too; this is the last word. */
  private check(question: Question, value: AnswerValue): string | null {
    if (question.type === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Please type a number.';
      if (question.min !== undefined && value < question.min) return `Please give a number of at least ${question.min}.`;
      if (question.max !== undefined && value > question.max) return `Please give a number of at most ${question.max}.`;
      return null;
    }
    if (question.type === 'text') {
      return typeof value === 'string' && value.trim() !== '' ? null : 'Please type an answer.';
    }
    const options = optionsOf(this.q, question);
    const known = (v: OptionValue) => options.some((o) => sameValue(o.value, v));
    if (question.type === 'multiple') {
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0) return 'Please choose at least one answer.';
      if (!list.every(known)) return 'Please choose from the answers listed.';
      const exclusive = options.find((o) => o.exclusive && list.some((v) => sameValue(v, o.value)));
      if (exclusive && list.length > 1) return `"${exclusive.label}" cannot be combined with other answers.`;
      return null;
    }
    if (Array.isArray(value) || !known(value)) return 'Please choose one of the answers listed.';
    return null;
  }

  /** Stores option values exactly as the questionnaire spells them. */
  private normalize(question: Question, value: AnswerValue): AnswerValue {
    if (question.type === 'number') return value;
    if (question.type === 'text') return String(value).trim();
    const options = optionsOf(this.q, question);
    const canonical = (v: OptionValue) => options.find((o) => sameValue(o.value, v))?.value ?? v;
    return Array.isArray(value) ? value.map(canonical) : canonical(value);
  }
}
