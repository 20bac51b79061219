// Errors keep their meaning across separately bundled copies of the code:
// instanceof compares the kind an error carries, not its class identity.
import { describe, expect, it } from 'vitest';
import { brandError, escapeUnsafeJson, EXIT, inertName, inertText, InputError, InterruptedError, ReadinessError, UsageError } from '../src/errors.js';

describe('error kinds', () => {
  it('recognizes each class and its ancestors, and nothing else', () => {
    const usage = new UsageError('x');
    expect(usage).toBeInstanceOf(UsageError);
    expect(usage).toBeInstanceOf(ReadinessError);
    expect(usage).toBeInstanceOf(Error);
    expect(usage instanceof InputError).toBe(false);
    expect(usage.exitCode).toBe(EXIT.usage);
    expect(new InterruptedError().exitCode).toBe(EXIT.interrupted);
    expect(new Error('plain') instanceof ReadinessError).toBe(false);
    expect((null as unknown as object) instanceof ReadinessError).toBe(false);
  });

  it('recognizes an error made by another copy of the same class', () => {
    // what a second bundle's InputError looks like to this one
    class OtherReadinessError extends Error {
      static readonly kind: string = 'ReadinessError';
    }
    class OtherInputError extends OtherReadinessError {
      static override readonly kind: string = 'InputError';
      constructor() {
        super('from another bundle');
        brandError(this, new.target);
      }
    }
    const foreign = new OtherInputError();
    expect(foreign instanceof InputError).toBe(true);
    expect(foreign instanceof ReadinessError).toBe(true);
    expect(foreign instanceof UsageError).toBe(false);
  });
});

describe('names and texts shown inert on a terminal', () => {
  it('inertName: an ordinary name as it is, one with a control or bidirectional character quoted with escapes', () => {
    expect(inertName('questionnaires/my file.yaml')).toBe('questionnaires/my file.yaml');
    expect(inertName('questionnaires/عربي\u200f.yaml')).toBe('questionnaires/عربي\u200f.yaml');
    expect(inertName('q/\u001b[2Jx.yaml')).toBe('"q/\\u001b[2Jx.yaml"');
    expect(inertName('a\nb')).toBe('"a\\nb"');
    expect(inertName('x\u009b2J\u202eY\u2066')).toBe('"x\\u009b2J\\u202eY\\u2066"');
  });
  it('inertText keeps line breaks and tabs and escapes the rest; escapeUnsafeJson keeps the value', () => {
    expect(inertText('a\tb\n')).toBe('a\tb\n');
    expect(inertText('x\u001b]0;t\u0007\r\u202e\n')).toBe('x\\u001b]0;t\\u0007\\u000d\\u202e\n');
    const json = escapeUnsafeJson(JSON.stringify({ a: 'x\u0085\u202e\u2028y\u001b' }));
    expect(json).toBe('{"a":"x\\u0085\\u202e\\u2028y\\u001b"}');
    expect(JSON.parse(json)).toEqual({ a: 'x\u0085\u202e\u2028y\u001b' });
  });
});
