/**
 * /recharge and /recipeCharge carry the MD5 sign: the adapter computes it (callers never pass one), the sandbox
 * verifies it, and a wrong key is the HIS's rejection with its message.
 */
import { hisSign } from '../../his-catalogue/sign';
import { DEFAULT_SIGN_KEY } from '../../his-sandbox/config';
import { HisRejectedError } from './errors';
import { ctx, hisFailure, useHisAdapter } from './testkit';

const a = useHisAdapter();

async function topUpOrder(total: number): Promise<{ patientId: string; cardNo: string; orderNo: string }> {
  const zw = a.t.demo('zhangwei');
  const { order } = await a.his().raw.paymentNew(
    { patient_id: zw.id, card_no: zw.cardNo, op_flag: 1, total, pay_mode: 'wePay', user_dept_id: 'hpalm', user_id: 'hpalm', data_source: 'w1', purpose: '1', remark: '微信公众号' },
    ctx,
  );
  return { patientId: zw.id, cardNo: zw.cardNo, orderNo: order.order_no };
}

describe('the MD5 sign', () => {
  it('signs /recharge: the top-up is accepted and raises the balance', async () => {
    const his = a.his();
    const { patientId, cardNo, orderNo } = await topUpOrder(50.5);
    const before = (await his.raw.getPatient({ op_flag: 1, patient_id: patientId }, ctx)).patient.balance;
    const { patient } = await his.raw.recharge(
      { patient_id: patientId, card_no: cardNo, his_order_no: orderNo, business_no: 'WX4800000001', business_info: '{}', op_flag: 1, total: 50.5, pay_mode: 'wePay' },
      ctx,
    );
    expect(patient.balance).toBeCloseTo(before + 50.5, 2);
  });

  it('sends exactly the sign of the body it sends', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const his = a.his({
      fetch: (input, init) => {
        bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
        return fetch(input, init);
      },
    });
    const { patientId, cardNo, orderNo } = await topUpOrder(20);
    const request = { patient_id: patientId, card_no: cardNo, his_order_no: orderNo, business_no: 'WX4800000002', business_info: '{}', op_flag: 1, total: 20, pay_mode: 'wePay' };
    await his.raw.recharge(request, ctx);
    expect(bodies).toEqual([{ ...request, sign: hisSign(request, DEFAULT_SIGN_KEY) }]);
  });

  it('signs /recipeCharge: fee groups paid from the card balance', async () => {
    const his = a.his();
    const lzx = a.t.demo('liuzixuan');
    const { records } = await his.raw.getRegisterList({ patient_id: lzx.id, begin_date: '2000-01-01', end_date: a.t.sandbox.clock.today(), flag: 0 }, ctx);
    const visitId = records[0]?.visit_id ?? '';
    const { fees } = await his.raw.getRecipe({ patient_id: lzx.id, visit_id: visitId, flag: 0 }, ctx);
    const drugs = fees.filter((f) => f.order_id === fees[0]?.order_id);
    const total = drugs[0]?.order_summary ?? 0;
    expect(total).toBe(38.4);
    const { info } = await his.raw.recipeCharge(
      { patient_id: lzx.id, visit_id: visitId, his_order_no: '', business_no: '', business_info: '', op_flag: 1, balance_pay: 0, total, pay_mode: 'balancePay', orders: [{ order_id: drugs[0]?.order_id ?? '' }] },
      ctx,
    );
    expect(info).toEqual({ patient_id: lzx.id, op_flag: 1, patient_name: '刘子轩' });
    expect((await his.raw.getPatient({ op_flag: 1, patient_id: lzx.id }, ctx)).patient.balance).toBeCloseTo(88 - 38.4, 2);
  });

  it('a wrong sign key is refused by the HIS with its message', async () => {
    const his = a.his({ signKey: 'not-the-key' });
    const { patientId, cardNo, orderNo } = await topUpOrder(30);
    const err = await hisFailure(
      his.raw.recharge({ patient_id: patientId, card_no: cardNo, his_order_no: orderNo, business_no: 'WX4800000003', business_info: '{}', op_flag: 1, total: 30, pay_mode: 'wePay' }, ctx),
      HisRejectedError,
    );
    expect([err.endpoint, err.code, err.hisMessage, err.outcomeUnknown]).toEqual(['/recharge', -1, '签名校验失败', false]);
  });
});
