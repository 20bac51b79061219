import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellArg } from '../../src/load/shell-arg.js';

describe('shellArg', () => {
  it('leaves plain names bare and single-quotes the rest, as before', () => {
    expect(shellArg('reports/acme/a.yaml')).toBe('reports/acme/a.yaml');
    expect(shellArg("my reports/it's.yaml")).toBe("'my reports/it'\\''s.yaml'");
  });
  it('writes a name with a control or bidirectional character as $\'...\' with escapes, which bash reads back as the same name', () => {
    const names = ['\u001b[2Jx.yaml', "a\nb\\'c\"d $x", '\u202eexe.yaml', 'c1\u0085\u009b'];
    for (const name of names) {
      const quoted = shellArg(name);
      // eslint-disable-next-line no-control-regex
      expect(quoted).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(execFileSync('bash', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' })).toBe(name);
    }
    expect(shellArg('\u001b[2Jx')).toBe("$'\\x1b[2Jx'");
  });
});
