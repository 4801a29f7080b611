import { createHash } from 'node:crypto';
import { hisSign, hisSignBase, verifyHisSign } from './sign';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex').toUpperCase();

describe('the MD5 sign of /recharge and /recipeCharge', () => {
  const body = {
    patient_id: '20000001',
    card_no: '5000100001',
    his_order_no: '0G1ABC',
    business_no: '4200001',
    business_info: '{"bank_type":"CMB_DEBIT"}',
    op_flag: 1,
    total: 12.5,
    pay_mode: 'wePay',
    remark: '',
    'settlement id': null,
  };

  it('joins the non-empty fields sorted by name, then appends the key', () => {
    expect(hisSignBase(body)).toBe(
      'business_info={"bank_type":"CMB_DEBIT"}&business_no=4200001&card_no=5000100001&his_order_no=0G1ABC&op_flag=1&patient_id=20000001&pay_mode=wePay&total=12.5',
    );
    expect(hisSign(body, 'K')).toBe(md5(`${hisSignBase(body)}&key=K`));
  });

  it('signs arrays as compact JSON and hashes UTF-8', () => {
    const charge = { orders: [{ order_id: 'A' }, { order_id: 'B' }], patient_name: '张伟', total: 100 };
    expect(hisSignBase(charge)).toBe('orders=[{"order_id":"A"},{"order_id":"B"}]&patient_name=张伟&total=100');
    expect(hisSign(charge, '密钥')).toBe(md5('orders=[{"order_id":"A"},{"order_id":"B"}]&patient_name=张伟&total=100&key=密钥'));
  });

  it('verifies its own sign, in either case, and nothing else', () => {
    const signed = { ...body, sign: hisSign(body, 'K') };
    expect(verifyHisSign(signed, 'K')).toBe(true);
    expect(verifyHisSign({ ...signed, sign: signed.sign.toLowerCase() }, 'K')).toBe(true);
    expect(verifyHisSign(signed, 'other key')).toBe(false);
    expect(verifyHisSign({ ...signed, total: 12.51 }, 'K')).toBe(false);
    expect(verifyHisSign(body, 'K')).toBe(false);
  });
});
