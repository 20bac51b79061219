// Issue 11, item 8: e-mail addresses and phone numbers in free text are
// replaced; dates, amounts, years and short numbers are left alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_MARK, PHONE_MARK, freeTextMode, looksLikePhone, protectQuotedAnswer, redactPersonalData } from '../../src/score/personal-data.js';

describe('redactPersonalData', () => {
  it.each([
    'jane.doe@example.com',
    'J.O\'Neil+news@mail.example.co.uk',
    'anna@bücher.de',
  ])('replaces the e-mail address %s', (email) => {
    expect(redactPersonalData(`write to ${email}, thanks`)).toBe(`write to ${EMAIL_MARK}, thanks`);
  });

  it.each([
    '+44 20 7946 0958',
    '+1-202-555-0143',
    '+49 (0)711 123456',
    '(555) 123-4567',
    '0711 123456',
    '030/1234567',
    '06 12 34 56 78',
    '020 7946 0958',
    '0044 20 7946 0958',
    '5551234567',
  ])('replaces the phone number %s', (phone) => {
    expect(redactPersonalData(`call ${phone} after 5`)).toBe(`call ${PHONE_MARK} after 5`);
  });

  it.each([
    'on 2026-11-29 we met',
    'on 29.11.2026 we met',
    'on 11/29/2026 we met',
    'budget 1 000 000 EUR',
    'budget 12.500.000 EUR',
    'in 2019 2020 2021',
    'from 2019-2021',
    'ISO 27001 certified',
    '40 hours, 3 of 5 teams, 12.5%',
    'about 100000 users',
    'version 1.2.3',
  ])('leaves "%s" as it is', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  it('no e-mail address survives, whatever surrounds it', () => {
    const part = fc.stringMatching(/^[a-z0-9]{1,12}$/);
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), part, part, fc.constantFrom('com', 'org', 'de', 'info'), fc.string({ maxLength: 30 }), (before, user, host, tld, after) => {
        const out = redactPersonalData(`${before} ${user}@${host}.${tld} ${after}`);
        expect(out).not.toContain(`${user}@${host}.${tld}`);
      }),
    );
  });

  it('skipping a pattern for a text that cannot match it (no "@", fewer than 6 digits) changes nothing', () => {
    // the patterns as they were applied before the pre-checks: both, to every text
    const email = /[\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}/gu;
    const run = /(?<![\p{L}\p{N}])(?:\+|\(\d{1,5}\)\s?)?\d(?:[\s./-]?(?:\(\d{1,5}\)|\d)){5,40}(?![\p{L}\p{N}])/gu;
    const always = (text: string) => text.replace(email, EMAIL_MARK).replace(run, (r) => (looksLikePhone(r.trim()) ? PHONE_MARK : r));
    const piece = fc.constantFrom('a', 'é', '@', '.', '-', ' ', '(', ')', '+', '/', 'com', '0', '1', '5', '9', '٣', 'x@y.org', '20', '555', '\n', '+1 555 01', '(555) 123', '4567');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(redactPersonalData(text)).toBe(always(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('is linear: a 1 MB run of digits and separators is handled at once', () => {
    expect(redactPersonalData('1-'.repeat(500_000)).length).toBeGreaterThan(0);
    expect(redactPersonalData('a@'.repeat(500_000)).length).toBeGreaterThan(0);
  });

  it('--no-free-text wins; --show-respondents shows text as typed; otherwise it is redacted', () => {
    expect(freeTextMode({ freeText: false, showRespondents: true })).toBe('left-out');
    expect(freeTextMode({ showRespondents: true })).toBe('shown');
    expect(freeTextMode({})).toBe('redacted');
  });
});

describe('protectQuotedAnswer (what pilot texts may quote)', () => {
  const text = { status: 'answered', value: 'Mail jo@example.org', note: 'call +44 20 7946 0958' } as const;
  it('redacts the note and a text value, and leaves a choice value alone', () => {
    expect(protectQuotedAnswer(text, true, 'redacted')).toEqual({ status: 'answered', value: `Mail ${EMAIL_MARK}`, note: `call ${PHONE_MARK}` });
    expect(protectQuotedAnswer({ status: 'answered', value: 'jo@example.org' }, false, 'redacted')).toEqual({ status: 'answered', value: 'jo@example.org' });
  });
  it('left out: no note, a text answer still answered but with no words', () => {
    expect(protectQuotedAnswer(text, true, 'left-out')).toEqual({ status: 'answered', value: '' });
    expect(protectQuotedAnswer({ status: 'dont-know', note: 'x' }, false, 'left-out')).toEqual({ status: 'dont-know' });
  });
  it('shown: unchanged', () => {
    expect(protectQuotedAnswer(text, true, 'shown')).toBe(text);
  });
});
