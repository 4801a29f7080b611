import { yuan, yuanText } from '../../src/utils/money';

describe('money on screen', () => {
  it('shows integer fen as yuan with two decimals', () => {
    expect(yuan(20000)).toBe('200.00');
    expect(yuan(3005)).toBe('30.05');
    expect(yuan(7)).toBe('0.07');
    expect(yuan(0)).toBe('0.00');
    expect(yuan(-150)).toBe('-1.50');
    expect(yuanText(612345)).toBe('¥6123.45');
  });
});
