import { ageOn, idCardCheckChar, makeIdCard, parseIdCard } from './id-card';
import { isMainlandMobile } from './phone';

describe('GB 11643 identity numbers', () => {
  it('computes the check character of published examples', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });

  it('parses sex, birthday and region, and normalises a lower-case x', () => {
    expect(parseIdCard('11010519491231002x')).toEqual({ valid: true, idNo: '11010519491231002X', birthday: '1949-12-31', sex: '女', region: '110105' });
    // a valid check digit, but born before 1900: not a living resident's number
    expect(parseIdCard('440524188001010014')).toEqual({ valid: false, problem: 'birthday' });
  });

  it('names the problem of a bad number', () => {
    expect(parseIdCard('11010519491231002')).toEqual({ valid: false, problem: 'format' });
    expect(parseIdCard('110105194912310021')).toEqual({ valid: false, problem: 'checksum' });
    expect(parseIdCard(makeIdCard('520103', '2030-01-01', 1), '2026-11-29')).toEqual({ valid: false, problem: 'birthday' });
    expect(parseIdCard('520103199902300011')).toEqual({ valid: false, problem: 'birthday' });
  });

  it('builds numbers that parse back', () => {
    const id = makeIdCard('520103', '1985-03-12', 35);
    expect(parseIdCard(id)).toEqual({ valid: true, idNo: id, birthday: '1985-03-12', sex: '男', region: '520103' });
  });

  it('counts age in whole years', () => {
    expect(ageOn('1985-03-12', '2026-03-11')).toBe(40);
    expect(ageOn('1985-03-12', '2026-03-12')).toBe(41);
  });
});

describe('mainland mobile numbers', () => {
  it('accepts 11 digits starting 13–19 only', () => {
    expect(isMainlandMobile('13800138000')).toBe(true);
    expect(isMainlandMobile('19912345678')).toBe(true);
    expect(isMainlandMobile('12800138000')).toBe(false);
    expect(isMainlandMobile('1380013800')).toBe(false);
    expect(isMainlandMobile('+8613800138000')).toBe(false);
  });
});
