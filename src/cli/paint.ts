// The only place that imports chalk: a Paint for the terminal summary.
// Whether colour is on is decided by the caller (wantsColor in io.ts).
import { Chalk } from 'chalk';
import type { Paint } from '../render/paint.js';

export type { Paint };

/**
 * A chalk-backed Paint. Basic 16 colours are all the summary uses, so level 1
 * is enough and behaves the same on every terminal; level 0 emits no codes.
 */
export function makePaint(enabled: boolean): Paint {
  const c = new Chalk({ level: enabled ? 1 : 0 });
  return {
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    italic: (s) => c.italic(s),
    underline: (s) => c.underline(s),
    red: (s) => c.red(s),
    green: (s) => c.green(s),
    yellow: (s) => c.yellow(s),
    blue: (s) => c.blue(s),
    magenta: (s) => c.magenta(s),
    cyan: (s) => c.cyan(s),
    gray: (s) => c.gray(s),
  };
}
