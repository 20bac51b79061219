// Hints the tool prints must work when pasted into a shell as printed.

import { shellArg } from '../load/shell-arg.js';

export { shellArg };

/** ` --dir DIR` for a printed command, or nothing for the default reports folder (`reports`). */
export function dirFlag(dir: string): string {
  return dir === 'reports' ? '' : ` --dir ${shellArg(dir)}`;
}

/**
 * How to name a questionnaire in a printed command: its id when the id resolves to it
 * (built-ins, ./questionnaires), else the path the user gave.
 */
export function questionnaireArg(ref: string, id: string): string {
  return shellArg(ref === id ? id : ref);
}

/**
 * Whether the tool was started through `npx readiness`: npm exec sets
 * npm_command=exec and npm_lifecycle_script to the command it runs (so a tool
 * started by `npx vitest` that runs readiness is not taken for npx readiness).
 */
export function viaNpx(env: NodeJS.ProcessEnv): boolean {
  return env.npm_command === 'exec' && /^\s*['"]?(?:[^\s'"]*\/)?readiness(?:@[^\s'"]*)?['"]?(?:\s|$)/.test(env.npm_lifecycle_script ?? '');
}

/** How the user invoked the tool, for printed commands: `npx readiness` or `readiness`. */
export function invocation(io: { env: NodeJS.ProcessEnv }): string {
  return viaNpx(io.env) ? 'npx readiness' : 'readiness';
}

const HINT = /(?<![\w./-]|npx )readiness (?=(?:assess|sessions|template|history|compare|report|list|show|validate|plan)\b)/g;

/**
 * Printed commands ("resume with: readiness assess --resume k7m2qx") written
 * the way the tool was invoked: under npx every `readiness <command>` becomes
 * `npx readiness <command>`, so a hint works when pasted as printed.
 */
export function asInvoked(text: string, env: NodeJS.ProcessEnv): string {
  return viaNpx(env) ? text.replace(HINT, 'npx readiness ') : text;
}
