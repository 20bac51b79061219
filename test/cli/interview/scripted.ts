// A Prompter that replays a script: the interview loop and runInterview are
// driven without a terminal. Running out of script acts like Ctrl-C.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { LoadedQuestionnaire } from '../../../src/load/questionnaire.js';
import { questionnaireHash } from '../../../src/load/hash.js';
import { Questionnaire } from '../../../src/model/questionnaire.js';
import { PromptAbortedError, type Prompter } from '../../../src/cli/interview/prompter.js';

export type Kind = 'choose' | 'chooseMany' | 'number' | 'text' | 'note' | 'menu' | 'input' | 'confirm';

/** One expected prompt and the reply to give; `reply` may be a function of the ask. */
export type Step = [Kind, unknown] | [Kind, unknown, string];

export interface Call {
  kind: Kind;
  ask: Record<string, any>;
}

export class ScriptedPrompter implements Prompter {
  readonly calls: Call[] = [];
  private readonly steps: Step[];

  constructor(steps: Step[]) {
    this.steps = [...steps];
  }

  get remaining(): number {
    return this.steps.length;
  }

  private next(kind: Kind, ask: Record<string, any>): any {
    this.calls.push({ kind, ask });
    const step = this.steps.shift();
    if (!step) throw new PromptAbortedError(); // the script ran out: as if Ctrl-C was pressed
    const [expected, reply, contains] = step;
    const message = String(ask.message ?? '');
    if (expected !== kind) throw new Error(`script expected a ${expected} prompt but got ${kind}: "${message}"`);
    if (contains && !message.includes(contains)) throw new Error(`script expected a prompt containing "${contains}" but got "${message}"`);
    return typeof reply === 'function' ? reply(ask) : reply;
  }

  choose = async (ask: any) => this.next('choose', ask);
  chooseMany = async (ask: any) => this.next('chooseMany', ask);
  number = async (ask: any) => this.next('number', ask);
  text = async (ask: any) => this.next('text', ask);
  note = async (ask: any) => this.next('note', { message: 'note', ...ask });
  menu = async (ask: any) => this.next('menu', ask);
  input = async (ask: any) => this.next('input', ask);
  confirm = async (ask: any) => this.next('confirm', ask);
}

export const v = (value: unknown) => ({ kind: 'value', value });
export const extra = (kind: string) => ({ kind });

export const MINI = new URL('../../fixtures/interview/mini.yaml', import.meta.url).pathname;

/** Loads a fixture questionnaire without the loader's file checks (the loader is tested elsewhere). */
export function loadFixture(file = MINI): LoadedQuestionnaire {
  return fromText(readFileSync(file, 'utf8'), file);
}

export function fromText(text: string, file: string): LoadedQuestionnaire {
  const questionnaire = Questionnaire.parse(parse(text));
  return { questionnaire, file, hash: questionnaireHash(questionnaire), builtIn: false };
}
