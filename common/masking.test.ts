import { maskIdNo, maskName, maskPhone, maskText } from './masking';

describe('masking', () => {
  it('keeps only what identifies nobody', () => {
    expect(maskIdNo('520103198503120358')).toBe('520***********0358');
    expect(maskIdNo('11010519491231002X')).toBe('110***********002X');
    expect(maskPhone('13800138001')).toBe('138****8001');
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
    expect(maskIdNo('123')).toBe('***');
  });

  it('finds ID and mobile numbers inside text, and leaves other numbers alone', () => {
    expect(maskText('patient 520103198503120358 phone 13800138001 order 20261129000123456789')).toBe(
      'patient 520***********0358 phone 138****8001 order 20261129000123456789',
    );
    expect(maskText('id=11010519491231002x;')).toBe('id=110***********002x;');
    expect(maskText('card 5000100001, fee 12.50')).toBe('card 5000100001, fee 12.50');
  });
});
