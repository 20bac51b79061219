// Errors keep their meaning across separately bundled copies of the code:
// instanceof compares the kind an error carries, not its class identity.
import { describe, expect, it } from 'vitest';
import { brandError, EXIT, InputError, InterruptedError, ReadinessError, UsageError } from '../src/errors.js';

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
