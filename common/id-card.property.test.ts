/**
 * Property-based tests of GB 11643 ID numbers and mainland mobile numbers: random valid numbers of any region, date
 * and sequence; every single-character change; random strings.
 */
import fc from 'fast-check';
import { idCardCheckChar, makeIdCard, parseIdCard } from './id-card';
import { isMainlandMobile } from './phone';

const TODAY = '2026-11-29';
const CHARS = '0123456789X';

/** YYYY-MM-DD of a real day between 1900-01-01 and TODAY. */
const birthday = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const region = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));
const sequence = fc.integer({ min: 0, max: 999 });
const validId = fc.tuple(region, birthday, sequence).map(([r, b, s]) => ({ region: r, birthday: b, sequence: s, idNo: makeIdCard(r, b, s) }));

describe('ID numbers (property-based)', () => {
  it('every number built from any region, birthday and sequence parses back to them', () => {
    fc.assert(
      fc.property(validId, ({ region: r, birthday: b, sequence: s, idNo }) => {
        expect(idNo).toMatch(/^\d{17}[\dX]$/);
        expect(parseIdCard(idNo, TODAY)).toEqual({ valid: true, idNo, birthday: b, sex: s % 2 === 1 ? '男' : '女', region: r });
        // a lower-case x and surrounding spaces change nothing
        expect(parseIdCard(` ${idNo.toLowerCase()} `, TODAY)).toEqual(parseIdCard(idNo, TODAY));
      }),
      { numRuns: 500 },
    );
  });

  it('any change of one character makes a valid number invalid', () => {
    // Each of the 17 weights is non-zero mod 11 and a digit changes by 1–9, so the weighted sum mod 11 always moves:
    // the check character no longer fits. A change of the check character itself cannot fit either.
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), ({ idNo }, at, shift) => {
        const original = idNo[at] ?? '';
        const replaced = CHARS[(CHARS.indexOf(original) + shift) % CHARS.length] ?? '';
        fc.pre(replaced !== original);
        const changed = `${idNo.slice(0, at)}${replaced}${idNo.slice(at + 1)}`;
        expect(parseIdCard(changed, TODAY).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a changed digit gives another valid number only together with its own check character', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ({ idNo }, at, delta) => {
        const digit = (Number(idNo[at]) + delta) % 10;
        const first17 = `${idNo.slice(0, at)}${digit}${idNo.slice(at + 1, 17)}`;
        const withOldCheck = parseIdCard(`${first17}${idNo[17] ?? ''}`, TODAY);
        const withNewCheck = parseIdCard(`${first17}${idCardCheckChar(first17)}`, TODAY);
        expect(withOldCheck.valid).toBe(false);
        // with the right check character only the date can still be wrong (a changed birth date digit)
        expect(withNewCheck.valid || withNewCheck.problem === 'birthday').toBe(true);
        if (at < 6 || at >= 14) expect(withNewCheck.valid).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('random strings do not pass', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        fc.pre(!/^\s*\d{17}[\dXx]\s*$/.test(text));
        expect(parseIdCard(text, TODAY).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('random 18-digit strings pass rarely (a real date and the 1-in-11 check character are needed)', () => {
    const samples = fc.sample(fc.stringMatching(/^\d{17}[\dX]$/), { numRuns: 20_000, seed: 11643 });
    const valid = samples.filter((s) => parseIdCard(s, TODAY).valid);
    expect(valid.length / samples.length).toBeLessThan(0.005);
    // and those that pass are real numbers: they parse back from their own parts
    for (const id of valid) {
      const parsed = parseIdCard(id, TODAY);
      if (parsed.valid) expect(makeIdCard(parsed.region, parsed.birthday, Number(id.slice(14, 17)))).toBe(id);
    }
  });

  it('a birth date after today never passes, even with the right check character', () => {
    fc.assert(
      fc.property(region, fc.integer({ min: 1, max: 3000 }), sequence, (r, days, s) => {
        const future = new Date(Date.UTC(2026, 10, 29 + days)).toISOString().slice(0, 10);
        expect(parseIdCard(makeIdCard(r, future, s), TODAY)).toEqual({ valid: false, problem: 'birthday' });
      }),
    );
  });
});

describe('mainland mobile numbers (property-based)', () => {
  const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 })).map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`);

  it('accepts every 1[3-9] number of 11 digits', () => {
    fc.assert(fc.property(mobile, (phone) => expect(isMainlandMobile(phone)).toBe(true)));
  });

  it('refuses a wrong second digit, any other length, separators and prefixes', () => {
    fc.assert(
      fc.property(mobile, fc.integer({ min: 0, max: 2 }), (phone, second) => {
        expect(isMainlandMobile(`1${second}${phone.slice(2)}`)).toBe(false);
        expect(isMainlandMobile(phone.slice(1))).toBe(false);
        expect(isMainlandMobile(`${phone}0`)).toBe(false);
        expect(isMainlandMobile(`+86${phone}`)).toBe(false);
        expect(isMainlandMobile(`${phone.slice(0, 3)}-${phone.slice(3)}`)).toBe(false);
      }),
    );
  });

  it('random strings do not pass', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        fc.pre(!/^1[3-9]\d{9}$/.test(text));
        expect(isMainlandMobile(text)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
