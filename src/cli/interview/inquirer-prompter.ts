// The Prompter in a real terminal, with @inquirer/prompts. The ONLY file that
// imports the prompt library, and only when an interview starts, so other
// commands never pay for it.
import type { OptionValue } from '../../model/questionnaire.js';
import type { ChoiceAsk, Extra, MenuItem, MultiChoiceAsk, NumberAsk, Prompter, Reply, TextAsk } from './prompter.js';
import { PromptAbortedError } from './prompter.js';
import { wrap } from './wrap.js';
import { MAX_FREE_TEXT_CHARS, MAX_NOTE_CHARS } from '../../model/limits.js';

type Prompts = typeof import('@inquirer/prompts');
type Context = { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; signal?: AbortSignal };

/** Signals that end an interview like Ctrl-C: answers saved, the resume command printed. */
const INTERVIEW_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const EXTRA_LABEL: Record<Extra, string> = {
  'dont-know': "Don't know",
  'not-applicable': 'Not applicable',
  skip: 'Skip this question',
  help: '? Why this question',
  back: '< Back to the previous question',
};

/** What can be typed instead of an answer in number and text questions. */
const EXTRA_WORD: Partial<Record<Extra, string>> = {
  help: '?',
  back: '<',
  'dont-know': 'dk',
  'not-applicable': 'na',
};

const identity = (t: string) => t;

/** Inquirer's own colours off: used with NO_COLOR / --no-color. */
function plainTheme() {
  return {
    prefix: { idle: '?', done: '✔' },
    spinner: { interval: 80, frames: ['-', '\\', '|', '/'] },
    style: {
      answer: identity,
      message: identity,
      error: (t: string) => `> ${t}`,
      defaultAnswer: (t: string) => `(${t})`,
      help: identity,
      highlight: identity,
      key: (t: string) => `<${t}>`,
      description: identity,
      disabled: (t: string) => `- ${t}`,
      disabledChoice: (t: string) => `- ${t}`,
      keysHelpTip: (keys: [string, string][]) => keys.map(([k, a]) => `${k} ${a}`).join(' • '),
    },
  };
}

export interface InquirerPrompterOptions {
  color: boolean;
  /** Terminal width: question texts are wrapped between words, indented under the progress line. */
  columns?: number;
  /** Streams for the prompts (default: the process's stdin and stdout). */
  context?: Context;
}

/** Loads @inquirer/prompts and returns a Prompter that talks to the terminal. */
export async function createInquirerPrompter(options: InquirerPrompterOptions): Promise<Prompter> {
  const prompts: Prompts = await import('@inquirer/prompts');
  return new InquirerPrompter(prompts, options);
}

type Token = { kind: 'value'; value: OptionValue } | { kind: Extra };

class InquirerPrompter implements Prompter {
  private readonly theme: Record<string, unknown>;

  /** The open prompt's abort switch, pulled when a signal arrives. */
  private controller = new AbortController();
  /** The first signal received; every later prompt is closed at once. */
  private received: NodeJS.Signals | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.received ??= signal;
    this.controller.abort();
  };

  constructor(
    private readonly p: Prompts,
    private readonly options: InquirerPrompterOptions,
  ) {
    this.theme = options.color ? {} : plainTheme();
    // SIGTERM and SIGHUP (a closed terminal) would end the process at once;
    // listening turns them into a closed prompt, so the interview is saved.
    for (const s of INTERVIEW_SIGNALS) process.on(s, this.onSignal);
  }

  dispose(): void {
    for (const s of INTERVIEW_SIGNALS) process.off(s, this.onSignal);
  }

  /** Ctrl-C, a signal or a closed terminal becomes PromptAbortedError: the loop knows nothing of inquirer. */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    if (this.received) throw new PromptAbortedError(this.received);
    this.controller = new AbortController();
    try {
      return await run();
    } catch (error) {
      const name = (error as Error | undefined)?.name;
      if (name === 'ExitPromptError' || name === 'AbortPromptError') throw new PromptAbortedError(this.received);
      throw error;
    }
  }

  private get context(): Context {
    return { ...this.options.context, signal: this.controller.signal };
  }

  private get columns(): number {
    return this.options.columns ?? 80;
  }

  private heading(ask: { message: string; progress?: string }): string {
    return ask.progress ? `${ask.progress}\n${wrap(ask.message, this.columns, '  ')}` : ask.message;
  }

  private extraChoices(ask: { extras: Extra[]; help?: string }) {
    return ask.extras.map((extra) => ({
      value: { kind: extra } as Token,
      name: EXTRA_LABEL[extra],
      ...(extra === 'help' && ask.help ? { description: ask.help } : {}),
    }));
  }

  async choose(ask: ChoiceAsk): Promise<Reply<OptionValue>> {
    const answers = ask.choices.map((c) => ({ value: { kind: 'value', value: c.value } as Token, name: c.label }));
    const extras = this.extraChoices(ask);
    const current = ask.current === undefined ? undefined : answers.find((a) => sameValue(a.value, ask.current!))?.value;
    const items = extras.length ? [...answers, new this.p.Separator(), ...extras] : answers;
    const token = await this.guard(() =>
      this.p.select<Token>(
        {
          message: this.heading(ask),
          choices: items,
          ...(current ? { default: current } : {}),
          loop: false,
          pageSize: Math.min(items.length, 14),
          theme: { ...this.theme, indexMode: 'number' },
        },
        this.context,
      ),
    );
    return token;
  }

  async chooseMany(ask: MultiChoiceAsk): Promise<Reply<OptionValue[]>> {
    const picked = (v: OptionValue) => (ask.current ?? []).some((c) => String(c).toLowerCase() === String(v).toLowerCase());
    const answers = ask.choices.map((c) => ({
      value: { kind: 'value', value: c.value } as Token,
      name: c.exclusive ? `${c.label} (on its own)` : c.label,
      checked: picked(c.value),
    }));
    const extras = this.extraChoices(ask);
    const items = extras.length ? [...answers, new this.p.Separator(), ...extras] : answers;
    const exclusive = new Set(ask.choices.filter((c) => c.exclusive).map((c) => String(c.value)));
    const tokens = await this.guard(() =>
      this.p.checkbox<Token>(
        {
          message: `${this.heading(ask)}\n  (Space ticks, Enter confirms)`,
          choices: items,
          loop: false,
          pageSize: Math.min(items.length, 14),
          shortcuts: { all: null, invert: null },
          theme: this.theme,
          validate: (chosen) => {
            const values = chosen.map((c) => c.value);
            const special = values.filter((t) => t.kind !== 'value');
            if (values.length === 0) return 'Tick at least one answer with Space, then press Enter.';
            if (special.length > 0 && values.length > 1) {
              return `"${EXTRA_LABEL[special[0]!.kind as Extra]}" goes on its own; untick the other answers.`;
            }
            const soloTicked = values.find((t) => t.kind === 'value' && exclusive.has(String(t.value)));
            if (soloTicked && values.length > 1) return 'That answer cannot be combined with others; untick the rest.';
            return true;
          },
        },
        this.context,
      ),
    );
    const special = tokens.find((t) => t.kind !== 'value');
    if (special) return special as Reply<OptionValue[]>;
    return { kind: 'value', value: tokens.map((t) => (t as { value: OptionValue }).value) };
  }

  /** Number and text questions take typed words for the extras: `?` help, `<` back, `dk`, `na`, Enter to skip. */
  private wordFor(text: string, extras: Extra[]): Extra | undefined {
    const word = text.trim().toLowerCase();
    if (word === '' && extras.includes('skip')) return 'skip';
    return extras.find((e) => EXTRA_WORD[e] !== undefined && EXTRA_WORD[e] === word);
  }

  private typedHint(extras: Extra[], first?: string): string {
    const parts = first ? [first] : [];
    if (extras.includes('skip')) parts.push('Enter skips');
    if (extras.includes('dont-know')) parts.push("dk = don't know");
    if (extras.includes('not-applicable')) parts.push('na = not applicable');
    if (extras.includes('help')) parts.push('? = why');
    if (extras.includes('back')) parts.push('< = back');
    return parts.length ? `\n${wrap(`(${parts.join(' · ')})`, this.columns, '  ')}` : '';
  }

  async number(ask: NumberAsk): Promise<Reply<number>> {
    const unit = ask.unit ? ` ${ask.unit}` : '';
    const range =
      ask.min !== undefined && ask.max !== undefined
        ? `a number from ${ask.min} to ${ask.max}${unit}`
        : ask.min !== undefined
          ? `a number of at least ${ask.min}${unit}`
          : ask.max !== undefined
            ? `a number up to ${ask.max}${unit}`
            : `a number${unit}`;
    const text = await this.guard(() =>
      this.p.input(
        {
          message: `${this.heading(ask)}${this.typedHint(ask.extras, range)}`,
          ...(ask.current !== undefined ? { default: String(ask.current) } : {}),
          theme: this.theme,
          validate: (raw) => {
            if (this.wordFor(raw, ask.extras)) return true;
            const n = Number(raw.trim());
            if (raw.trim() === '' || !Number.isFinite(n)) return `Please type ${range}.`;
            if ((ask.min !== undefined && n < ask.min) || (ask.max !== undefined && n > ask.max)) return `Please type ${range}.`;
            return true;
          },
        },
        this.context,
      ),
    );
    const extra = this.wordFor(text, ask.extras);
    return extra ? { kind: extra } : { kind: 'value', value: Number(text.trim()) };
  }

  async text(ask: TextAsk): Promise<Reply<string>> {
    const text = await this.guard(() =>
      this.p.input(
        {
          message: `${this.heading(ask)}${this.typedHint(ask.extras)}`,
          ...(ask.current !== undefined ? { default: ask.current } : {}),
          theme: this.theme,
          validate: (raw) =>
            this.wordFor(raw, ask.extras) || raw.trim() !== ''
              ? raw.trim().length <= MAX_FREE_TEXT_CHARS
                ? true
                : `An answer may have at most ${MAX_FREE_TEXT_CHARS.toLocaleString('en')} characters; this one has ${raw.trim().length.toLocaleString('en')}.`
              : 'Please type an answer.',
        },
        this.context,
      ),
    );
    const extra = this.wordFor(text, ask.extras);
    return extra ? { kind: extra } : { kind: 'value', value: text.trim() };
  }

  async note(ask: { current?: string }): Promise<string | undefined> {
    const message = ask.current ? 'Note (Enter keeps it; Backspace then Enter removes it):' : 'Note (optional; Enter to skip):';
    // the text as typed so far, kept as a draft if the prompt is closed (Ctrl-C, a signal)
    let draft = '';
    try {
      const text = await this.guard(() =>
        this.p.input(
          {
            message,
            ...(ask.current ? { default: ask.current } : {}),
            theme: this.theme,
            transformer: (value: string) => {
              draft = value;
              return value;
            },
            validate: (raw: string) => (raw.trim().length <= MAX_NOTE_CHARS ? true : `A note may have at most ${MAX_NOTE_CHARS.toLocaleString('en')} characters; this one has ${raw.trim().length.toLocaleString('en')}.`),
          },
          this.context,
        ),
      );
      return text.trim();
    } catch (error) {
      if (error instanceof PromptAbortedError && draft.trim() !== '') error.draft = draft.trim().slice(0, MAX_NOTE_CHARS);
      throw error;
    }
  }

  async menu<T>(ask: { message: string; items: MenuItem<T>[]; current?: T }): Promise<T> {
    const choices: (InstanceType<Prompts['Separator']> | { value: T; name: string; description?: string })[] = [];
    let group: string | undefined;
    for (const item of ask.items) {
      if (item.group !== undefined && item.group !== group) choices.push(new this.p.Separator(`── ${item.group} ──`));
      group = item.group;
      choices.push({ value: item.value, name: item.label, ...(item.hint ? { description: item.hint } : {}) });
    }
    return this.guard(() =>
      this.p.select<T>(
        {
          message: ask.message,
          choices,
          ...(ask.current !== undefined ? { default: ask.current } : {}),
          loop: false,
          pageSize: Math.min(choices.length, 16),
          theme: this.theme,
        },
        this.context,
      ),
    );
  }

  async input(ask: { message: string; current?: string; required?: boolean }): Promise<string> {
    const text = await this.guard(() =>
      this.p.input(
        {
          message: ask.message,
          ...(ask.current ? { default: ask.current } : {}),
          theme: this.theme,
          validate: (raw) => (!ask.required || raw.trim() !== '' ? true : 'Please type something here.'),
        },
        this.context,
      ),
    );
    return text.trim();
  }

  async confirm(ask: { message: string; default?: boolean }): Promise<boolean> {
    return this.guard(() =>
      this.p.confirm({ message: ask.message, ...(ask.default !== undefined ? { default: ask.default } : {}), theme: this.theme }, this.context),
    );
  }
}

function sameValue(token: Token, value: OptionValue): boolean {
  return token.kind === 'value' && String(token.value).toLowerCase() === String(value).toLowerCase();
}
