// Colour costs start-up time: chalk detects terminal support when it loads
// (pulling in node:tty, node:net and node:os). Plain output needs none of it,
// so chalk is imported only when colour is actually on.
import { plainPaint, type Paint } from '../render/paint.js';

export async function loadPaint(enabled: boolean): Promise<Paint> {
  if (!enabled) return plainPaint;
  const { makePaint } = await import('./paint.js');
  return makePaint(true);
}
