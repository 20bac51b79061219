// The terminal adapter, driven through @inquirer/testing's virtual screen.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { createInquirerPrompter } from '../../../src/cli/interview/inquirer-prompter.js';
import { PromptAbortedError } from '../../../src/cli/interview/prompter.js';

const likert = {
  message: 'Leaders share their work in the open.',
  progress: '3/12 · Leadership 3/4',
  choices: [
    { value: 1, label: 'Disagree' },
    { value: 2, label: 'Somewhat disagree' },
    { value: 3, label: 'Somewhat agree' },
    { value: 4, label: 'Agree' },
  ],
};

async function prompter() {
  return createInquirerPrompter({ color: false });
}

describe('the inquirer prompter', () => {
  it('shows progress, numbered scale labels and the extras; a digit and Enter choose', async () => {
    const p = await prompter();
    const reply = p.choose({ ...likert, extras: ['dont-know', 'help', 'back'], help: 'Open work invites others in.' });
    const shown = screen.getScreen();
    expect(shown).toContain('3/12 · Leadership 3/4');
    expect(shown).toContain('Leaders share their work in the open.');
    expect(shown).toContain('1. Disagree');
    expect(shown).toContain('4. Agree');
    expect(shown).toContain("Don't know");
    expect(shown).toContain('? Why this question');
    expect(shown).toContain('< Back to the previous question');
    screen.type('3');
    screen.keypress('enter');
    await expect(reply).resolves.toEqual({ kind: 'value', value: 3 });
  });

  it('pre-selects the current answer and returns extras as their kind', async () => {
    const p = await prompter();
    const reply = p.choose({ ...likert, extras: ['help', 'back'], help: 'Open work invites others in.', current: 4 });
    expect(screen.getScreen()).toMatch(/❯ 4\. Agree/);
    screen.keypress('down'); // onto the help choice, whose description is the help text
    expect(screen.getScreen()).toContain('Open work invites others in.');
    screen.keypress('down');
    screen.keypress('enter');
    await expect(reply).resolves.toEqual({ kind: 'back' });
  });

  it('ticks several answers and refuses an extra mixed with answers', async () => {
    const p = await prompter();
    const reply = p.chooseMany({
      message: 'Which teams?',
      choices: [
        { value: 'sales', label: 'Sales' },
        { value: 'support', label: 'Support' },
        { value: 'none', label: 'None of these', exclusive: true },
      ],
      extras: ['not-applicable'],
    });
    expect(screen.getScreen()).toContain('None of these (on its own)');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Tick at least one answer');
    screen.keypress('space');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('space');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('cannot be combined');
    screen.keypress('space'); // untick "none"
    screen.keypress('up');
    screen.keypress('space'); // tick support
    screen.keypress('enter');
    await expect(reply).resolves.toEqual({ kind: 'value', value: ['sales', 'support'] });
  });

  it('takes a number within its bounds, with words for the extras', async () => {
    const p = await prompter();
    const reply = p.number({ message: 'Hours a month?', min: 0, max: 40, unit: 'hours', extras: ['skip', 'back'] });
    expect(screen.getScreen()).toContain('a number from 0 to 40 hours');
    expect(screen.getScreen()).toContain('Enter skips');
    screen.type('99');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Please type a number from 0 to 40 hours.');
    screen.keypress('backspace');
    screen.keypress('backspace');
    screen.type('12');
    screen.keypress('enter');
    await expect(reply).resolves.toEqual({ kind: 'value', value: 12 });

    const back = p.number({ message: 'Hours a month?', min: 0, max: 40, extras: ['skip', 'back'] });
    screen.type('<');
    screen.keypress('enter');
    await expect(back).resolves.toEqual({ kind: 'back' });

    const skip = p.number({ message: 'Hours a month?', extras: ['skip'] });
    screen.keypress('enter');
    await expect(skip).resolves.toEqual({ kind: 'skip' });
  });

  it('takes free text, with ? for help', async () => {
    const p = await prompter();
    const help = p.text({ message: 'Which problem first?', extras: ['help'] });
    screen.type('?');
    screen.keypress('enter');
    await expect(help).resolves.toEqual({ kind: 'help' });
    const text = p.text({ message: 'Which problem first?', extras: [] });
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Please type an answer.');
    screen.type('  Onboarding ');
    screen.keypress('enter');
    await expect(text).resolves.toEqual({ kind: 'value', value: 'Onboarding' });
  });

  it('passes over the note with a single Enter, and keeps an earlier note', async () => {
    const p = await prompter();
    const none = p.note({});
    expect(screen.getScreen()).toContain('Note (optional; Enter to skip)');
    screen.keypress('enter');
    await expect(none).resolves.toBe('');
    const kept = p.note({ current: 'since May' });
    screen.keypress('enter');
    await expect(kept).resolves.toBe('since May');
  });

  it('groups menu items under their titles', async () => {
    const p = await prompter();
    const chosen = p.menu({
      message: 'Review',
      items: [
        { value: '', label: 'Finish' },
        { value: 'a', label: 'First — Agree', group: 'Leadership' },
        { value: 'b', label: 'Second — No', group: 'Habits' },
      ],
    });
    expect(screen.getScreen()).toMatch(/Finish[\s\S]*── Leadership ──[\s\S]*First — Agree[\s\S]*── Habits ──/);
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    await expect(chosen).resolves.toBe('b');
  });

  it('turns Ctrl-C into PromptAbortedError', async () => {
    const p = await prompter();
    const reply = p.choose({ ...likert, extras: [] });
    screen.keypress({ name: 'c', ctrl: true });
    await expect(reply).rejects.toBeInstanceOf(PromptAbortedError);
  });

  it('uses no colour codes when colour is off', async () => {
    const p = await prompter();
    const reply = p.choose({ ...likert, extras: ['back'] });
    expect(screen.getScreen({ raw: true })).not.toMatch(/\u001b\[3\dm/);
    screen.keypress('enter');
    await reply;
  });
});
