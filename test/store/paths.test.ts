import { join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertInside, isIsoDate, needsTransliteration, orgSlug, reportPaths } from '../../src/store/paths.js';

describe('needsTransliteration', () => {
  it('is true for letters of a script other than Latin only, and answers ASCII without the Unicode pattern the same way', () => {
    expect(needsTransliteration('Example Org')).toBe(false);
    expect(needsTransliteration('Ærø Kommune')).toBe(false);
    expect(needsTransliteration('日本電気')).toBe(true);
    expect(needsTransliteration('ACME Ελλάς')).toBe(true);
    const pattern = /[^\p{Script=Latin}\P{L}]/u;
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (name) => {
        expect(needsTransliteration(name)).toBe(pattern.test(name));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('orgSlug', () => {
  it.each([
    ['Example Org', 'example-org'],
    ['  ACME  GmbH & Co. KG ', 'acme-gmbh-co-kg'],
    ['Ærø Kommune', 'aero-kommune'],
    ['Café Zürich', 'cafe-zurich'],
    ['../../etc', 'etc'],
    ['a\\b/c', 'a-b-c'],
    ['x\u0000y', 'x-y'],
    ['CON', 'con-org'],
    ['lpt1', 'lpt1-org'],
    ['Examples', 'examples-org'],
    ['.sessions', 'sessions-org'],
  ])('%j -> %s', (name, slug) => {
    expect(orgSlug(name)).toBe(slug);
  });

  it('gives names with nothing usable distinct "organization-<hash>" folders (issue 11)', () => {
    const names = ['..', '.', '-', '/', '', '🎉', '名前'];
    const slugs = names.map((n) => orgSlug(n));
    for (const s of slugs) expect(s).toMatch(/^organization-[0-9a-f]{6}$/);
    expect(new Set(slugs).size).toBe(names.length);
    expect(orgSlug('..')).toBe(orgSlug('..')); // stable
  });

  it('spells other scripts with the transliterator and adds a short hash', () => {
    const fake = (t: string) => (t === '日本電気' ? 'Ri Ben Dian Qi' : t === '富士通' ? 'Fu Shi Tong' : '');
    expect(orgSlug('日本電気', fake)).toMatch(/^ri-ben-dian-qi-[0-9a-f]{6}$/);
    expect(orgSlug('富士通', fake)).toMatch(/^fu-shi-tong-[0-9a-f]{6}$/);
  });

  it('keeps slugs short, with a hash when cut', () => {
    expect(orgSlug('word '.repeat(50)).length).toBeLessThanOrEqual(67);
    expect(orgSlug('word '.repeat(50))).toMatch(/^word(-word)+-[0-9a-f]{6}$/);
    expect(orgSlug('word '.repeat(50))).not.toBe(orgSlug('word '.repeat(51)));
  });

  it('never yields anything but a plain, non-empty folder name (any input)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) => {
        const slug = orgSlug(name);
        expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(67);
        const p = reportPaths('reports', name, '2026-11-29', 'quick-check');
        expect(relative(resolve('reports'), resolve(p.dir))).toBe(slug);
      }),
    );
  });
});

describe('reportPaths', () => {
  it('names both files by date and questionnaire inside <out>/<org-slug>', () => {
    expect(reportPaths('reports', 'Example Org', '2026-11-29', 'quick-check')).toEqual({
      dir: join('reports', 'example-org'),
      report: join('reports', 'example-org', '2026-11-29-quick-check.md'),
      result: join('reports', 'example-org', '2026-11-29-quick-check.json'),
    });
  });

  it('refuses a date that is not a real date and an id that is not file-safe', () => {
    expect(() => reportPaths('reports', 'X', '2026-13-01', 'q')).toThrow(/not a real date/);
    expect(() => reportPaths('reports', 'X', '../../x', 'q')).toThrow(/not a real date/);
    expect(() => reportPaths('reports', 'X', '2026-01-01', '../q')).toThrow(/cannot be used in a file name/);
  });
});

describe('assertInside', () => {
  it('accepts paths under the root and refuses the root itself, parents and siblings', () => {
    expect(() => assertInside('out', join('out', 'a', 'b'))).not.toThrow();
    expect(() => assertInside('out', join('out', '..a'))).not.toThrow();
    expect(() => assertInside('out', 'out')).toThrow(/outside the output folder/);
    expect(() => assertInside('out', join('out', '..', 'x'))).toThrow(/outside/);
    expect(() => assertInside('out', `${sep}etc`)).toThrow(/outside/);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2026-11-29', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-11-31', false],
    ['26-11-29', false],
    ['2026-11-29T00:00', false],
  ])('%s -> %s', (text, ok) => expect(isIsoDate(text)).toBe(ok));
});
