/**
 * Outpatient fees through the money module against the HIS sandbox, over HTTP: visits with pending and paid fees,
 * the bill regrouped by order group and checked (a bill that does not add up is refused, served through a `fetch`
 * override), the HIS's check of chosen groups, payment by WeChat and from the card balance (signed, no insurance
 * fields), the refusals (paid groups charged again, a wrong amount, a balance too low) and the paid lines.
 */
import dayjs from 'dayjs';
import { hisSign } from '../../his-catalogue/sign';
import { DEFAULT_SIGN_KEY } from '../../his-sandbox/config';
import type { FeeGroup, OutpatientVisit } from '../../his-sandbox/state/core';
import { HisError, HisRejectedError } from './errors';
import type { HisOptions } from './index';
import { HisInconsistentAmountsError } from './money';
import { ctx, hisFailure, useHisAdapter } from './testkit';
import type { FeeVisit } from './types';

const a = useHisAdapter();

let today = '';
beforeAll(() => {
  // Away from midnight, so that "today" cannot change during the file.
  today = a.t.sandbox.clock.today();
  a.t.sandbox.clock.set(`${today} 09:00:00`);
});

const daysAgo = (n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');

function urlOf(input: string | URL | Request): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** An adapter that records the body of every request it sends, by path. */
function recording(options: Partial<HisOptions> = {}) {
  const sent: Array<{ path: string; body: unknown }> = [];
  const his = a.his({
    ...options,
    fetch: (input, init) => {
      sent.push({ path: new URL(urlOf(input)).pathname, body: JSON.parse(String(init?.body)) as unknown });
      return fetch(input, init);
    },
  });
  const bodies = (path: string) => sent.filter((s) => s.path === path).map((s) => s.body);
  return { his, bodies };
}

type RecipeRows = Array<Record<string, unknown>>;

/** An adapter whose /getRecipe answers are changed by `edit` on their way from the HIS (or replaced by its result). */
function tampered(edit: (fees: RecipeRows) => RecipeRows | void) {
  return a.his({
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      if (!urlOf(input).endsWith('/getRecipe')) return res;
      const body = (await res.json()) as { fees: RecipeRows };
      body.fees = edit(body.fees) ?? body.fees;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
}

function storedVisit(id: string): OutpatientVisit {
  const visit = a.t.sandbox.store.visit(id);
  if (!visit) throw new Error(`no visit ${id}`);
  return visit;
}

function group(visit: OutpatientVisit, title: string): FeeGroup {
  const g = visit.feeGroups.find((x) => x.title === title);
  if (!g) throw new Error(`no group ${title}`);
  return g;
}

async function pendingVisit(key: string, deptName: string): Promise<FeeVisit> {
  const visits = await a.his().money.pendingVisits({ patientId: a.t.demo(key).id, from: daysAgo(60), to: today }, ctx);
  const visit = visits.find((v) => v.deptName === deptName);
  if (!visit) throw new Error(`no pending ${deptName} visit of ${key}`);
  return visit;
}

async function balanceFen(patientId: string): Promise<number> {
  const p = await a.his().patients.find({ by: 'patientId', kind: 'outpatient', patientId }, ctx);
  if (!p) throw new Error(`no patient ${patientId}`);
  return p.balanceFen;
}

let transactions = 0;
function transactionId(): string {
  transactions += 1;
  return `4200003${String(transactions).padStart(21, '0')}`;
}

describe('visits with fees (/getRegisterList)', () => {
  it("张伟's pending visits: 心血管内科 yesterday and 消化内科 3 days ago, newest first (flag 0)", async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const visits = await his.money.pendingVisits({ patientId: zw.id, from: daysAgo(30), to: today }, ctx);
    expect(bodies('/getRegisterList')).toEqual([{ patient_id: zw.id, begin_date: daysAgo(30), end_date: today, flag: 0 }]);
    expect(visits.map(({ visitId: _id, ...v }) => v)).toEqual([
      { deptId: '1001', deptName: '心血管内科', doctorId: 'D00001', doctorName: '沈桂洁', visitTime: storedVisit(visits[0]?.visitId ?? '').visitTime },
      { deptId: '1003', deptName: '消化内科', doctorId: 'D00011', doctorName: '田艳云', visitTime: storedVisit(visits[1]?.visitId ?? '').visitTime },
    ]);
    expect(visits.map((v) => v.visitTime.slice(0, 10))).toEqual([daysAgo(1), daysAgo(3)]);
    // The range is the HIS's: one day finds one visit.
    expect((await his.money.pendingVisits({ patientId: zw.id, from: daysAgo(1), to: daysAgo(1) }, ctx)).map((v) => v.deptName)).toEqual(['心血管内科']);
  });

  it("张伟's visits with paid fees (flag 1), as HIS keeps them", async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const visits = await his.money.paidVisits({ patientId: zw.id, from: daysAgo(365), to: today }, ctx);
    expect(bodies('/getRegisterList')).toEqual([{ patient_id: zw.id, begin_date: daysAgo(365), end_date: today, flag: 1 }]);
    const expected = Object.values(a.t.sandbox.store.core.visits)
      .filter((v) => v.patientId === zw.id && v.feeGroups.some((g) => g.paid) && v.visitTime.slice(0, 10) >= daysAgo(365))
      .sort((x, y) => y.visitTime.localeCompare(x.visitTime))
      .map((v) => v.id);
    expect(visits.map((v) => v.visitId)).toEqual(expected);
    expect(visits).toContainEqual(expect.objectContaining({ deptName: '呼吸与危重症医学科', doctorName: '许雷' }));
  });

  it('an unknown patient is the HIS refusal', async () => {
    const err = await hisFailure(a.his().money.pendingVisits({ patientId: '29999999', from: daysAgo(30), to: today }, ctx), HisRejectedError);
    expect(err.endpoint).toBe('/getRegisterList');
  });
});

describe('bill (/getRecipe): flat rows regrouped by order group', () => {
  it("张伟's pending 心血管内科 bill: 西药处方 87.10 (two drugs) + 血脂四项 48.00 = 135.10", async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const visit = await pendingVisit('zhangwei', '心血管内科');
    const bill = await his.money.bill({ patientId: zw.id, visitId: visit.visitId, paid: false }, ctx);
    expect(bodies('/getRecipe')).toEqual([{ patient_id: zw.id, visit_id: visit.visitId, flag: 0 }]);
    const stored = storedVisit(visit.visitId);
    const drugs = group(stored, '西药处方');
    const lipids = group(stored, '检验申请单：血脂四项');
    const billedAt = `${daysAgo(1)} ${drugs.billTime}`;
    expect(bill).toEqual({
      groups: [
        {
          orderId: drugs.orderId,
          title: '西药处方',
          totalFen: 8710,
          items: [
            { id: drugs.items[0]?.id, category: '西药费', itemId: 'X0103', name: '苯磺酸氨氯地平片 5mg×28片', priceFen: 3260, quantity: 2, unit: '盒', totalFen: 6520 },
            { id: drugs.items[1]?.id, category: '西药费', itemId: 'X0104', name: '阿托伐他汀钙片 20mg×7片', priceFen: 2190, quantity: 1, unit: '盒', totalFen: 2190 },
          ],
          billDoctor: '沈桂洁',
          billedAt,
        },
        {
          orderId: lipids.orderId,
          title: '检验申请单：血脂四项',
          totalFen: 4800,
          items: [{ id: lipids.items[0]?.id, category: '化验费', itemId: 'L0302', name: '血脂四项', priceFen: 4800, quantity: 1, unit: '次', totalFen: 4800 }],
          billDoctor: '沈桂洁',
          billedAt,
        },
      ],
      totalFen: 13510,
    });
    expect(bill.groups.map((g) => 'chargedAt' in g)).toEqual([false, false]);
  });

  it('a paid bill (flag 1) has the time each group was charged', async () => {
    const his = a.his();
    const zw = a.t.demo('zhangwei');
    const [visit] = (await his.money.paidVisits({ patientId: zw.id, from: daysAgo(60), to: today }, ctx)).filter((v) => v.deptName === '呼吸与危重症医学科');
    if (!visit) throw new Error('no paid 呼吸与危重症医学科 visit');
    const bill = await his.money.bill({ patientId: zw.id, visitId: visit.visitId, paid: true }, ctx);
    const stored = storedVisit(visit.visitId).feeGroups.filter((g) => g.paid);
    expect(bill.groups.map((g) => [g.title, g.totalFen, g.items.length, g.chargedAt])).toEqual(stored.map((g) => [g.title, expect.any(Number), g.items.length, g.paid?.at]));
    expect(bill.groups.map((g) => g.totalFen)).toEqual([2540, 26000, 2500]);
    expect(bill.totalFen).toBe(31040);
  });

  it('a visit with nothing left to pay is an empty bill', async () => {
    const zgq = a.t.demo('zhaoguoqiang');
    const [visit] = await a.his().money.paidVisits({ patientId: zgq.id, from: daysAgo(365), to: today }, ctx);
    if (!visit) throw new Error('no paid visit of 赵国强');
    expect(await a.his().money.bill({ patientId: zgq.id, visitId: visit.visitId, paid: false }, ctx)).toEqual({ groups: [], totalFen: 0 });
  });

  it('accepts unit prices finer than the fen when the line total is their product rounded to the fen', async () => {
    const zw = a.t.demo('zhangwei');
    const visit = await pendingVisit('zhangwei', '心血管内科');
    const his = tampered((fees) => {
      const [first] = fees;
      const row = (id: string, price: number, quantity: number, total: number) => ({ ...first, id, price, quantity, total, order_id: 'G1', order_title: '西药处方', order_summary: 1.5, summary: 1.5 });
      // 0.125 rounds to 0.13 half-up, to 0.12 half-even: either is the HIS's rounding, not an error.
      return [row('R1', 0.0125, 100, 1.25), row('R2', 0.125, 1, 0.13), row('R3', 0.125, 1, 0.12)];
    });
    const bill = await his.money.bill({ patientId: zw.id, visitId: visit.visitId, paid: false }, ctx);
    expect(bill.groups.map((g) => [g.orderId, g.totalFen, g.items.map((i) => [i.priceFen, i.quantity, i.totalFen])])).toEqual([
      [
        'G1',
        150,
        [
          [1, 100, 125],
          [13, 1, 13],
          [13, 1, 12],
        ],
      ],
    ]);
    expect(bill.totalFen).toBe(150);
  });
});

describe('bill: a bill whose sums do not add up is refused, never paid', () => {
  async function refused(edit: (fees: RecipeRows) => RecipeRows | void): Promise<HisInconsistentAmountsError> {
    const zw = a.t.demo('zhangwei');
    const visit = await pendingVisit('zhangwei', '心血管内科');
    return hisFailure(tampered(edit).money.bill({ patientId: zw.id, visitId: visit.visitId, paid: false }, ctx), HisInconsistentAmountsError);
  }

  it('a group total (order_summary) that is not the sum of its items', async () => {
    const err = await refused((fees) => {
      for (const row of fees) if (row.order_title === '西药处方') row.order_summary = 90;
    });
    expect(err.mismatches).toEqual([
      { field: 'fees[0].order_summary', statedFen: 9000, computedFen: 8710 },
      { field: 'fees[1].order_summary', statedFen: 9000, computedFen: 8710 },
    ]);
    expect(err).toBeInstanceOf(HisError);
    expect({ name: err.name, reason: err.reason, endpoint: err.endpoint, requestId: err.requestId, transient: err.transient, outcomeUnknown: err.outcomeUnknown }).toEqual({
      name: 'HisInconsistentAmountsError',
      reason: 'inconsistent_amounts',
      endpoint: '/getRecipe',
      requestId: ctx.requestId,
      transient: false,
      outcomeUnknown: false,
    });
    expect(err.message).toBe('HIS /getRecipe answer does not add up: fees[0].order_summary 90.00 ≠ 87.10; fees[1].order_summary 90.00 ≠ 87.10');
    expect(Object.keys(err)).not.toContain('raw'); // the rows stay out of log lines
    expect(Array.isArray(err.raw)).toBe(true);
  });

  it('a grand total (summary) that is not the sum of the groups', async () => {
    const err = await refused((fees) => {
      for (const row of fees) row.summary = 140;
    });
    expect(err.mismatches).toEqual([0, 1, 2].map((i) => ({ field: `fees[${i}].summary`, statedFen: 14000, computedFen: 13510 })));
  });

  it('a line total that is not price × quantity, even when HIS summed it consistently', async () => {
    const err = await refused((fees) => {
      const [first] = fees;
      if (first) first.total = 70;
      for (const row of fees) {
        if (row.order_title === '西药处方') row.order_summary = 91.9;
        row.summary = 139.9;
      }
    });
    expect(err.mismatches).toEqual([{ field: 'fees[0].total', statedFen: 7000, computedFen: 6520 }]);
  });

  it('a line one fen off its price × quantity', async () => {
    const err = await refused((fees) => {
      const [, second] = fees;
      if (second) second.total = 21.91;
      for (const row of fees) {
        if (row.order_title === '西药处方') row.order_summary = 87.11;
        row.summary = 135.11;
      }
    });
    expect(err.mismatches).toEqual([{ field: 'fees[1].total', statedFen: 2191, computedFen: 2190 }]);
  });

  it('a line missing from the answer while the totals still count it', async () => {
    const err = await refused((fees) => fees.filter((_, i) => i !== 1));
    expect(err.mismatches).toEqual([
      { field: 'fees[0].order_summary', statedFen: 8710, computedFen: 6520 },
      { field: 'fees[0].summary', statedFen: 13510, computedFen: 11320 },
      { field: 'fees[1].summary', statedFen: 13510, computedFen: 11320 },
    ]);
  });
});

describe('checking and paying groups (/cpayCheck, /recipeCharge)', () => {
  it('张伟 pays his 心血管内科 bill by WeChat: checked, charged once, then paid everywhere HIS shows it', async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const visit = await pendingVisit('zhangwei', '心血管内科');
    const bill = await his.money.bill({ patientId: zw.id, visitId: visit.visitId, paid: false }, ctx);
    const groupOrderIds = bill.groups.map((g) => g.orderId);
    const orders = groupOrderIds.map((id) => ({ order_id: id }));

    await expect(his.money.checkGroups({ patientId: zw.id, cardNo: zw.cardNo, groupOrderIds, totalFen: bill.totalFen }, ctx)).resolves.toBeUndefined();
    expect(bodies('/cpayCheck')).toEqual([{ patient_id: zw.id, card_no: '5000100001', op_flag: 1, total: 135.1, orders }]);

    const { hisOrderNo } = await his.money.createOrder({ patientId: zw.id, account: { kind: 'outpatient', cardNo: zw.cardNo }, amountFen: bill.totalFen, purpose: 'payment', payMode: 'wechat' }, ctx);
    const businessNo = transactionId();
    const businessInfo = JSON.stringify({ transaction_id: businessNo });
    const via = { kind: 'wechat', hisOrderNo, businessNo, businessInfo } as const;
    await expect(his.money.payGroups({ patientId: zw.id, visitId: visit.visitId, groupOrderIds, totalFen: bill.totalFen, via }, ctx)).resolves.toBeUndefined();
    const unsigned = { patient_id: zw.id, visit_id: visit.visitId, his_order_no: hisOrderNo, business_no: businessNo, business_info: businessInfo, op_flag: 1, balance_pay: 1, total: 135.1, pay_mode: 'wePay', orders };
    expect(bodies('/recipeCharge')).toEqual([{ ...unsigned, sign: hisSign(unsigned, DEFAULT_SIGN_KEY) }]); // no insurance field

    const stored = storedVisit(visit.visitId);
    expect(stored.feeGroups.map((g) => [g.paid?.hisOrderNo, g.paid?.businessNo, g.paid?.payMode])).toEqual([
      [hisOrderNo, businessNo, 'wePay'],
      [hisOrderNo, businessNo, 'wePay'],
    ]);
    expect(await his.money.wasApplied({ hisOrderNo, businessNo, reason: '缴费结果确认' }, ctx)).toBe(true);
    expect(await his.money.bill({ patientId: zw.id, visitId: visit.visitId, paid: false }, ctx)).toEqual({ groups: [], totalFen: 0 });
    expect((await his.money.pendingVisits({ patientId: zw.id, from: daysAgo(30), to: today }, ctx)).map((v) => v.deptName)).toEqual(['消化内科']);

    const paidAt = stored.feeGroups[0]?.paid?.at ?? '';
    expect(paidAt.slice(0, 10)).toBe(today);
    const details = await his.money.paidDetails({ patientId: zw.id, visitId: visit.visitId }, ctx);
    expect(bodies('/getChargeDetail')).toEqual([{ patient_id: zw.id, visit_id: visit.visitId }]);
    expect(details).toEqual(
      bill.groups.flatMap((g) => g.items.map((item) => ({ ...item, billDoctor: '沈桂洁', billedAt: g.billedAt, chargedAt: paidAt }))),
    );
    const paidBill = await his.money.bill({ patientId: zw.id, visitId: visit.visitId, paid: true }, ctx);
    expect(paidBill).toEqual({ groups: bill.groups.map((g) => ({ ...g, chargedAt: paidAt })), totalFen: 13510 });
    expect((await his.money.receipts({ patientId: zw.id, account: { kind: 'outpatient', cardNo: zw.cardNo } }, ctx))[0]).toMatchObject({ totalFen: 13510, cashFen: 13510, date: today });

    // Paid groups charged again: HIS refuses the check and the charge.
    const again = await his.money.createOrder({ patientId: zw.id, account: { kind: 'outpatient', cardNo: zw.cardNo }, amountFen: bill.totalFen, purpose: 'payment', payMode: 'wechat' }, ctx);
    const check = await hisFailure(his.money.checkGroups({ patientId: zw.id, cardNo: zw.cardNo, groupOrderIds, totalFen: bill.totalFen }, ctx), HisRejectedError);
    expect(check.hisMessage).toBe(`组别${groupOrderIds[0] ?? ''}已缴费，请勿重复缴费`);
    const charge = await hisFailure(
      his.money.payGroups({ patientId: zw.id, visitId: visit.visitId, groupOrderIds, totalFen: bill.totalFen, via: { ...via, hisOrderNo: again.hisOrderNo, businessNo: transactionId() } }, ctx),
      HisRejectedError,
    );
    expect([charge.endpoint, charge.hisMessage]).toEqual(['/recipeCharge', `组别${groupOrderIds[0] ?? ''}已缴费，请勿重复缴费`]);
  });

  it('a wrong amount is refused by the check and by the charge, which changes nothing', async () => {
    const his = a.his();
    const zw = a.t.demo('zhangwei');
    const visit = await pendingVisit('zhangwei', '消化内科');
    const bill = await his.money.bill({ patientId: zw.id, visitId: visit.visitId, paid: false }, ctx);
    expect(bill.totalFen).toBe(12000);
    const groupOrderIds = bill.groups.map((g) => g.orderId);
    const check = await hisFailure(his.money.checkGroups({ patientId: zw.id, cardNo: zw.cardNo, groupOrderIds, totalFen: 10000 }, ctx), HisRejectedError);
    expect([check.endpoint, check.hisMessage]).toEqual(['/cpayCheck', '缴费金额与待缴费用不符，应缴120.00元']);

    // An order of another amount than the groups: HIS will not apply it to them.
    const { hisOrderNo } = await his.money.createOrder({ patientId: zw.id, account: { kind: 'outpatient', cardNo: zw.cardNo }, amountFen: 10000, purpose: 'payment', payMode: 'wechat' }, ctx);
    const via = { kind: 'wechat', hisOrderNo, businessNo: transactionId(), businessInfo: '{}' } as const;
    const charge = await hisFailure(his.money.payGroups({ patientId: zw.id, visitId: visit.visitId, groupOrderIds, totalFen: 12000, via }, ctx), HisRejectedError);
    expect(charge.hisMessage).toBe('缴费金额与订单金额不符');
    expect(await his.money.wasApplied({ hisOrderNo, businessNo: via.businessNo, reason: '缴费结果确认' }, ctx)).toBe(false);
    expect((await his.money.bill({ patientId: zw.id, visitId: visit.visitId, paid: false }, ctx)).totalFen).toBe(12000);
  });

  it('刘子轩 pays two groups from the card balance (88.00 covers 38.40 + 45.00), and not the third', async () => {
    const { his, bodies } = recording();
    const lzx = a.t.demo('liuzixuan');
    const visit = await pendingVisit('liuzixuan', '儿科');
    const bill = await his.money.bill({ patientId: lzx.id, visitId: visit.visitId, paid: false }, ctx);
    expect(bill.groups.map((g) => [g.title, g.totalFen])).toEqual([
      ['西药处方', 3840],
      ['治疗单', 4500],
      ['检验申请单：血常规', 2500],
    ]);
    const [drugs, nebuliser, bloodCount] = bill.groups.map((g) => g.orderId);
    const before = await balanceFen(lzx.id);
    expect(before).toBe(8800);

    await his.money.checkGroups({ patientId: lzx.id, cardNo: lzx.cardNo, groupOrderIds: [drugs ?? '', nebuliser ?? ''], totalFen: 8340 }, ctx);
    await his.money.payGroups({ patientId: lzx.id, visitId: visit.visitId, groupOrderIds: [drugs ?? '', nebuliser ?? ''], totalFen: 8340, via: { kind: 'balance' } }, ctx);
    const unsigned = {
      patient_id: lzx.id,
      visit_id: visit.visitId,
      his_order_no: '',
      business_no: '',
      business_info: '',
      op_flag: 1,
      balance_pay: 0,
      total: 83.4,
      pay_mode: 'balancePay',
      orders: [{ order_id: drugs }, { order_id: nebuliser }],
    };
    expect(bodies('/recipeCharge')).toEqual([{ ...unsigned, sign: hisSign(unsigned, DEFAULT_SIGN_KEY) }]);
    expect(await balanceFen(lzx.id)).toBe(460);
    expect(storedVisit(visit.visitId).feeGroups.map((g) => g.paid?.payMode)).toEqual(['balancePay', 'balancePay', undefined]);

    const low = await hisFailure(
      his.money.payGroups({ patientId: lzx.id, visitId: visit.visitId, groupOrderIds: [bloodCount ?? ''], totalFen: 2500, via: { kind: 'balance' } }, ctx),
      HisRejectedError,
    );
    expect(low.hisMessage).toBe('卡内余额不足，当前余额4.60元');
    expect(await balanceFen(lzx.id)).toBe(460);
    expect(await his.money.bill({ patientId: lzx.id, visitId: visit.visitId, paid: false }, ctx)).toMatchObject({ groups: [{ title: '检验申请单：血常规', totalFen: 2500 }], totalFen: 2500 });
    expect((await his.money.paidDetails({ patientId: lzx.id, visitId: visit.visitId }, ctx)).map((d) => [d.name, d.totalFen])).toEqual([
      ['小儿氨酚黄那敏颗粒 10袋', 980],
      ['孟鲁司特钠咀嚼片 4mg×5片', 2860],
      ['雾化吸入', 4500],
    ]);
  });

  it('refuses a total that is not a positive whole number of fen before calling HIS', async () => {
    const his = a.his();
    const lzx = a.t.demo('liuzixuan');
    const before = a.calls('/recipeCharge') + a.calls('/cpayCheck');
    await expect(his.money.checkGroups({ patientId: lzx.id, cardNo: lzx.cardNo, groupOrderIds: ['X'], totalFen: 25.5 }, ctx)).rejects.toThrow(RangeError);
    await expect(his.money.payGroups({ patientId: lzx.id, visitId: 'V', groupOrderIds: ['X'], totalFen: 0, via: { kind: 'balance' } }, ctx)).rejects.toThrow(RangeError);
    expect(a.calls('/recipeCharge') + a.calls('/cpayCheck')).toBe(before);
  });
});

describe('paidDetails (/getChargeDetail)', () => {
  it("张伟's paid 呼吸与危重症医学科 visit, line by line", async () => {
    const his = a.his();
    const zw = a.t.demo('zhangwei');
    const [visit] = (await his.money.paidVisits({ patientId: zw.id, from: daysAgo(60), to: today }, ctx)).filter((v) => v.deptName === '呼吸与危重症医学科');
    if (!visit) throw new Error('no paid 呼吸与危重症医学科 visit');
    const details = await his.money.paidDetails({ patientId: zw.id, visitId: visit.visitId }, ctx);
    const stored = storedVisit(visit.visitId).feeGroups.filter((g) => g.paid);
    expect(details).toEqual(
      stored.flatMap((g) =>
        g.items.map((i) => ({
          id: i.id,
          category: i.category,
          itemId: i.itemId,
          name: i.name,
          priceFen: i.priceFen,
          quantity: i.quantity,
          unit: i.unit,
          totalFen: i.priceFen * i.quantity,
          billDoctor: '许雷',
          billedAt: `${g.billDate} ${g.billTime}`,
          chargedAt: g.paid?.at,
        })),
      ),
    );
    expect(details.map((d) => [d.name, d.totalFen])).toEqual([
      ['阿莫西林胶囊 0.25g×24粒', 1850],
      ['复方甘草口服溶液 100ml', 690],
      ['胸部CT平扫', 26000],
      ['血常规（五分类）', 2500],
    ]);
  });
});
