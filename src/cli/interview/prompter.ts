// The small interface between the interview loop and whatever asks the
// questions: inquirer in a terminal (inquirer-prompter.ts), a scripted list of
// replies in tests. The loop never sees keys, streams or colours.
import type { OptionValue } from '../../model/questionnaire.js';
import { brandError, hasErrorKind } from '../../errors.js';

/** Ways out of a question other than answering it; the loop says which ones are allowed. */
export type Extra = 'back' | 'help' | 'dont-know' | 'not-applicable' | 'skip';

export type Reply<T> = { kind: 'value'; value: T } | { kind: Extra };

export interface ChoiceItem {
  value: OptionValue;
  label: string;
  /** Multiple choice: cannot be combined with other choices ("none of these"). */
  exclusive?: boolean;
}

interface QuestionAsk {
  /** The question text. */
  message: string;
  /** A short line above the question, e.g. "12/38 · Culture 3/6". */
  progress?: string;
  /** The affordances available besides answering, in display order. */
  extras: Extra[];
  /** Why the question matters (shown on request). */
  help?: string;
}

export interface ChoiceAsk extends QuestionAsk {
  choices: ChoiceItem[];
  /** The current answer, pre-selected. */
  current?: OptionValue;
}

export interface MultiChoiceAsk extends QuestionAsk {
  choices: ChoiceItem[];
  current?: OptionValue[];
}

export interface NumberAsk extends QuestionAsk {
  min?: number;
  max?: number;
  unit?: string;
  current?: number;
}

export interface TextAsk extends QuestionAsk {
  current?: string;
}

export interface MenuItem<T> {
  value: T;
  label: string;
  /** Shown next to or under the item when it is highlighted. */
  hint?: string;
  /** Items with the same group are listed together under its title (the review's dimensions). */
  group?: string;
}

export interface Prompter {
  /** likert, single, yes-no: one of the choices, or an extra. */
  choose(ask: ChoiceAsk): Promise<Reply<OptionValue>>;
  /** multiple choice: a non-empty list of choices, or an extra. */
  chooseMany(ask: MultiChoiceAsk): Promise<Reply<OptionValue[]>>;
  /** number within the bounds, or an extra. */
  number(ask: NumberAsk): Promise<Reply<number>>;
  /** free text, or an extra. */
  text(ask: TextAsk): Promise<Reply<string>>;
  /** The optional note after an answer: '' (or undefined) for none. Quick to pass over. */
  note(ask: { current?: string }): Promise<string | undefined>;
  /** A plain menu (questionnaire choice, review screen). */
  menu<T>(ask: { message: string; items: MenuItem<T>[]; current?: T }): Promise<T>;
  /** A line of text such as the organization's name. */
  input(ask: { message: string; current?: string; required?: boolean }): Promise<string>;
  confirm(ask: { message: string; default?: boolean }): Promise<boolean>;
  /** Stops listening for signals (called when the last prompt is done). */
  dispose?(): void;
}

/** The person pressed Ctrl-C (or the terminal went away) while a prompt was open. */
export class PromptAbortedError extends Error {
  static readonly kind = 'PromptAbortedError';

  // thrown by the prompt adapter, which is bundled separately (see brandError)
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorKind(value, this.kind);
  }

  /** The signal that closed the prompt (SIGTERM, SIGHUP, SIGINT), when it was a signal and not a key. */
  signal?: NodeJS.Signals;
  /** What was typed into a text prompt (a note being drafted) when it was closed. */
  draft?: string;

  constructor(signal?: NodeJS.Signals) {
    super('The prompt was closed before an answer was given.');
    if (signal !== undefined) this.signal = signal;
    this.name = 'PromptAbortedError';
    brandError(this, new.target);
  }
}
