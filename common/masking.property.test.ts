/** Property-based tests of masking: lengths kept, only the first 3 / last 4 shown, nothing of the middle leaks. */
import fc from 'fast-check';
import { makeIdCard } from './id-card';
import { maskIdNo, maskName, maskPhone, maskText } from './masking';

/** Strings without surrounding whitespace (the maskers trim). */
const token = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'0123456789Xx-ABCabc张伟'.split('')) });

const idNo = fc
  .tuple(
    fc.integer({ min: 0, max: 999_999 }),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-29T00:00:00Z'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([r, d, s]) => makeIdCard(String(r).padStart(6, '0'), d.toISOString().slice(0, 10), s));
const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 })).map(([b, rest]) => `1${b}${String(rest).padStart(9, '0')}`);

function keepsEnds(mask: (s: string) => string, minShown: number) {
  return (value: string) => {
    const masked = mask(value);
    expect(masked).toHaveLength(value.length);
    if (value.length < minShown) {
      expect(masked).toBe('*'.repeat(value.length));
      return;
    }
    expect(masked.slice(0, 3)).toBe(value.slice(0, 3));
    expect(masked.slice(-4)).toBe(value.slice(-4));
    expect(masked.slice(3, -4)).toBe('*'.repeat(value.length - 7));
  };
}

describe('masking (property-based)', () => {
  it('ID numbers: same length, first 3 and last 4 kept, the rest stars', () => {
    fc.assert(fc.property(idNo, keepsEnds(maskIdNo, 8)));
    fc.assert(fc.property(token(0, 40), keepsEnds(maskIdNo, 8)));
  });

  it('mobile numbers: same length, first 3 and last 4 kept, the rest stars', () => {
    fc.assert(fc.property(mobile, keepsEnds(maskPhone, 7)));
    fc.assert(fc.property(token(0, 20), keepsEnds(maskPhone, 7)));
  });

  it('never leaks the middle: numbers that differ only there mask alike', () => {
    fc.assert(
      fc.property(idNo, idNo, (a, b) => {
        const sameEnds = `${a.slice(0, 3)}${b.slice(3, 14)}${a.slice(14)}`;
        expect(maskIdNo(sameEnds)).toBe(maskIdNo(a));
      }),
    );
    fc.assert(
      fc.property(mobile, mobile, (a, b) => {
        expect(maskPhone(`${a.slice(0, 3)}${b.slice(3, 7)}${a.slice(7)}`)).toBe(maskPhone(a));
      }),
    );
  });

  it('names: the first character only, one star for each other character', () => {
    const name = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...'张王李欧阳娜伟秀英·'.split('')) });
    fc.assert(
      fc.property(name, (n) => {
        const masked = [...maskName(n)];
        const chars = [...n];
        expect(masked).toHaveLength(chars.length);
        if (chars.length === 1) expect(masked).toEqual(['*']);
        else expect(masked.join('')).toBe(`${chars[0]}${'*'.repeat(chars.length - 1)}`);
      }),
    );
  });

  it('free text: every ID and mobile number in it is masked, the rest of the text is kept', () => {
    const words = fc.string({ maxLength: 12, unit: fc.constantFrom(...'患者 卡号:，。abc=;'.split('')) });
    fc.assert(
      fc.property(words, idNo, words, mobile, words, (w1, id, w2, phone, w3) => {
        const text = `${w1} ${id} ${w2} ${phone} ${w3}`;
        const masked = maskText(text);
        expect(masked).toBe(`${w1} ${maskIdNo(id)} ${w2} ${maskPhone(phone)} ${w3}`);
        expect(masked).not.toContain(id);
        expect(masked).not.toContain(id.slice(3, 14));
        expect(masked).not.toContain(phone);
        expect(masked).toHaveLength(text.length);
      }),
    );
  });

  it('free text without such numbers is left alone', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom(...'就诊卡号余额元 .,:abc12345'.split('')) }), (text) => {
        fc.pre(!/\d{11}/.test(text));
        expect(maskText(text)).toBe(text);
      }),
    );
  });
});
