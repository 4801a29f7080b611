/**
 * Medical cards over real HTTP against the HIS and WeChat sandboxes: binding by each identity route, the generic
 * refusal, online card issue with its validation, the family limit, and ownership.
 */
import type { ApiErrorBody, CardDetail, CardsResponse, CardSummary, CreateCardResponse } from '../../../../contract/api';
import { makeIdCard } from '../../../../common/id-card';
import { useBff } from '../../test-harness';

// A high failure limit here: these tests try many wrong details; cards-limits.test.ts tests the limits themselves.
const t = useBff({ config: (c) => ({ ...c, cards: { limit: 5, bindFailureLimit: 100, bindFailureWindowMs: 3_600_000 } }) });

const ZHANGWEI = { name: '张伟', cardNo: '5000100001', idNo: '520103198503120358', phone: '13800138001' };
const LIXIUYING = { name: '李秀英', cardNo: '5000100002', idNo: '520102194807210622', phone: '13800138002', inpatientNo: '30010001' };
const WANGFANG = { name: '王芳', cardNo: '5000100003', idNo: '520115199211031281', phone: '13800138003' };
const LIUZIXUAN = { name: '刘子轩', cardNo: '5000100004', idNo: '520111201705180177', phone: '13800138004' };
const CHENJING = { name: '陈静', cardNo: '5000100005', idNo: '520103197902272469', phone: '13800138005' };
const ZHAOGUOQIANG = { name: '赵国强', cardNo: '5000100006', idNo: '520113196009090716', phone: '13800138006' };

let device = 0;
async function user(): Promise<string> {
  device += 1;
  return (await t.login(`cards-device-${device}`)).token;
}

const bindByCard = (token: string, p: { name: string; cardNo: string; idNo: string }, relation = 'self') =>
  t.api<CardSummary & ApiErrorBody>('POST', '/api/v1/cards/bind', { token, body: { method: 'card', name: p.name, cardNo: p.cardNo, idNo: p.idNo, relation } });

function hisCalls(path: string): number {
  return t.his.stats.calls[path] ?? 0;
}

describe('binding an existing card', () => {
  it('binds by card number + name + ID number, by ID number + name + phone, and an inpatient by 住院号', async () => {
    const token = await user();
    const byCard = await bindByCard(token, ZHANGWEI);
    expect(byCard.status).toBe(201);
    expect(byCard.body).toMatchObject({ kind: 'outpatient', holderName: '张*', cardNo: '5000100001', relation: 'self', isDefault: true });

    const byPhone = await t.api<CardSummary>('POST', '/api/v1/cards/bind', { token, body: { method: 'phone', name: WANGFANG.name, idNo: WANGFANG.idNo, phone: WANGFANG.phone, relation: 'spouse' } });
    expect(byPhone.status).toBe(201);
    expect(byPhone.body).toMatchObject({ kind: 'outpatient', holderName: '王*', cardNo: '5000100003', isDefault: false });

    const inpatient = await t.api<CardSummary>('POST', '/api/v1/cards/bind', { token, body: { method: 'inpatient', name: LIXIUYING.name, inpatientNo: LIXIUYING.inpatientNo, relation: 'parent' } });
    expect(inpatient.status).toBe(201);
    expect(inpatient.body).toMatchObject({ kind: 'inpatient', holderName: '李**', cardNo: '30010001' });

    const list = await t.api<CardsResponse>('GET', '/api/v1/cards', { token });
    expect(list.body.limit).toBe(5);
    expect(list.body.cards.map((c) => [c.holderName, c.relation, c.isDefault])).toEqual([
      ['张*', 'self', true],
      ['王*', 'spouse', false],
      ['李**', 'parent', false],
    ]);

    expect((await bindByCard(token, ZHANGWEI)).body).toMatchObject({ code: 'VALIDATION', fields: { relation: '已绑定“本人”的就诊卡，请选择其他关系' } });
    expect((await bindByCard(token, ZHANGWEI, 'other')).body).toMatchObject({ code: 'CONFLICT', message: '该就诊卡已绑定，无需重复绑定' });
  });

  it('refuses a mismatch in any single field with the same generic message', async () => {
    const wrong = [
      { method: 'card', name: '张为', cardNo: ZHANGWEI.cardNo, idNo: ZHANGWEI.idNo },
      { method: 'card', name: ZHANGWEI.name, cardNo: '5000100009', idNo: ZHANGWEI.idNo },
      { method: 'card', name: ZHANGWEI.name, cardNo: ZHANGWEI.cardNo, idNo: WANGFANG.idNo },
      { method: 'phone', name: WANGFANG.name, idNo: WANGFANG.idNo, phone: '13800138009' },
      { method: 'phone', name: '王方', idNo: WANGFANG.idNo, phone: WANGFANG.phone },
      { method: 'inpatient', name: '李秀', inpatientNo: LIXIUYING.inpatientNo },
      { method: 'inpatient', name: LIXIUYING.name, inpatientNo: '30010002' },
    ];
    const bodies = [];
    for (const body of wrong) {
      const res = await t.api<ApiErrorBody>('POST', '/api/v1/cards/bind', { token: await user(), body: { ...body, relation: 'other' } });
      expect(res.status).toBe(422);
      bodies.push({ code: res.body.code, message: res.body.message, fields: res.body.fields });
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b)))).toEqual(new Set([JSON.stringify({ code: 'IDENTITY_MISMATCH', message: '信息不匹配，请核对后重试' })]));
  });

  it('answers bad input at the field without asking HIS', async () => {
    const token = await user();
    const before = hisCalls('/getPatient');
    const res = await t.api<ApiErrorBody>('POST', '/api/v1/cards/bind', { token, body: { method: 'card', name: '', cardNo: '5000100001', idNo: '520103198503120359', relation: 'cousin' } });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ name: '请输入姓名', idNo: '身份证号码有误，请核对最后一位', relation: '请选择与您的关系' });
    expect((await t.api<ApiErrorBody>('POST', '/api/v1/cards/bind', { token, body: { method: 'card', name: '张伟', openid: 'x', relation: 'self' } })).body.fields).toEqual({ openid: '不支持该字段' });
    expect(hisCalls('/getPatient')).toBe(before);
  });
});

describe('issuing a card online', () => {
  const base = { sex: '男', birthday: '1990-01-15', phone: '13912345678', workUnit: '贵州大学', address: '贵州省贵阳市花溪区花溪大道南段2708号', relation: 'self' };

  it('validates at the field and calls HIS no more for a wrong check digit, a disagreeing birthday or sex, a bad phone', async () => {
    const token = await user();
    const valid = makeIdCard('520102', '1990-01-15', 31);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const before = { create: hisCalls('/createCard'), get: hisCalls('/getPatient') };
    const cases: Array<[Record<string, string>, Record<string, string>]> = [
      [{ idNo: wrongCheck }, { idNo: '身份证号码有误，请核对最后一位' }],
      [{ idNo: valid, birthday: '1990-01-16' }, { birthday: '出生日期与身份证号码不一致' }],
      [{ idNo: valid, sex: '女' }, { sex: '性别与身份证号码不一致' }],
      [{ idNo: valid, phone: '1391234567' }, { phone: '请输入正确的11位手机号码' }],
      [{ idNo: valid, workUnit: '', address: 'x'.repeat(101) }, { workUnit: '请输入工作单位，无单位请填“无”', address: '联系地址不超过100个字' }],
    ];
    for (const [change, fields] of cases) {
      const res = await t.api<ApiErrorBody>('POST', '/api/v1/cards', { token, body: { ...base, name: '孙晓明', ...change } });
      expect([res.status, res.body.code, res.body.fields]).toEqual([400, 'VALIDATION', fields]);
    }
    expect({ create: hisCalls('/createCard'), get: hisCalls('/getPatient') }).toEqual(before);
  });

  it('issues a card for someone new, and binds the patient HIS already has instead of a duplicate', async () => {
    const token = await user();
    const idNo = makeIdCard('520103', '1996-04-08', 224);
    const created = await t.api<CreateCardResponse>('POST', '/api/v1/cards', { token, body: { ...base, name: '孙晓梅', sex: '女', birthday: '1996-04-08', idNo } });
    expect(created.status).toBe(201);
    expect(created.body.created).toBe(true);
    expect(created.body.card).toMatchObject({ holderName: '孙**', kind: 'outpatient', isDefault: true });
    expect(t.his.store.patientByIdNo(idNo)?.cardNo).toBe(created.body.card.cardNo);

    const patientsBefore = t.his.store.patients().length;
    const existing = await t.api<CreateCardResponse>('POST', '/api/v1/cards', {
      token,
      body: { ...base, name: ZHAOGUOQIANG.name, idNo: ZHAOGUOQIANG.idNo, birthday: '1960-09-09', phone: ZHAOGUOQIANG.phone, relation: 'parent' },
    });
    expect(existing.status).toBe(201);
    expect(existing.body).toMatchObject({ created: false, card: { cardNo: ZHAOGUOQIANG.cardNo, relation: 'parent' } });
    expect(t.his.store.patients().length).toBe(patientsBefore);

    // on file, but the phone given is not the hospital's: refused like any mismatch, nothing created
    const other = await t.api<ApiErrorBody>('POST', '/api/v1/cards', { token: await user(), body: { ...base, name: CHENJING.name, sex: '女', idNo: CHENJING.idNo, birthday: '1979-02-27', phone: '13900000000' } });
    expect(other.body.code).toBe('IDENTITY_MISMATCH');
    // on file under another name: the same refusal
    const renamed = await t.api<ApiErrorBody>('POST', '/api/v1/cards', { token: await user(), body: { ...base, name: '陈晶', sex: '女', idNo: CHENJING.idNo, birthday: '1979-02-27', phone: CHENJING.phone } });
    expect(renamed.body.code).toBe('IDENTITY_MISMATCH');
    expect(t.his.store.patients().length).toBe(patientsBefore);
  });
});

describe('the family', () => {
  it('holds five cards, refuses the sixth, keeps one 本人, one default, and moves the default on unbind', async () => {
    const token = await user();
    const bound: CardSummary[] = [];
    for (const [p, relation] of [
      [ZHANGWEI, 'self'],
      [WANGFANG, 'spouse'],
      [LIUZIXUAN, 'child'],
      [CHENJING, 'other'],
      [ZHAOGUOQIANG, 'parent'],
    ] as const) {
      const res = await bindByCard(token, p, relation);
      expect(res.status).toBe(201);
      bound.push(res.body);
    }
    const sixth = await t.api<ApiErrorBody>('POST', '/api/v1/cards/bind', { token, body: { method: 'inpatient', name: LIXIUYING.name, inpatientNo: LIXIUYING.inpatientNo, relation: 'parent' } });
    expect([sixth.status, sixth.body.code, sixth.body.message]).toEqual([409, 'CONFLICT', '最多可绑定5张就诊卡，请先解绑不再使用的卡']);

    const [first, second, third] = bound;
    if (!first || !second || !third) throw new Error('cards');
    expect((await t.api<ApiErrorBody>('PATCH', `/api/v1/cards/${third.id}`, { token, body: { relation: 'self' } })).body.fields).toEqual({ relation: '已绑定“本人”的就诊卡，请选择其他关系' });
    expect((await t.api('PUT', `/api/v1/cards/${third.id}/default`, { token })).status).toBe(204);
    let list = (await t.api<CardsResponse>('GET', '/api/v1/cards', { token })).body.cards;
    expect(list.filter((c) => c.isDefault).map((c) => c.id)).toEqual([third.id]);
    expect(list[0]?.id).toBe(third.id);

    expect((await t.api('DELETE', `/api/v1/cards/${third.id}`, { token })).status).toBe(204);
    list = (await t.api<CardsResponse>('GET', '/api/v1/cards', { token })).body.cards;
    expect(list).toHaveLength(4);
    expect(list.filter((c) => c.isDefault).map((c) => c.id)).toEqual([first.id]);
    expect((await t.api('DELETE', `/api/v1/cards/${third.id}`, { token })).status).toBe(404);
  });

  it('shows a card in detail: masked ID and phone, balance in fen, status and its meaning, whether it can be topped up', async () => {
    const token = await user();
    const lost = await bindByCard(token, CHENJING);
    const detail = await t.api<CardDetail>('GET', `/api/v1/cards/${lost.body.id}`, { token });
    expect(detail.body).toMatchObject({
      name: '陈静',
      idNoMasked: '520***********2469',
      phoneMasked: '138****8005',
      balanceFen: 3000,
      status: 2,
      statusName: '挂失',
      statusHint: '卡已挂失，请携带身份证到门诊收费窗口补办',
      canRecharge: false,
      noRechargeReason: '就诊卡已挂失，暂不能充值，请到门诊收费窗口补办',
    });
    const stay = await t.api<CardSummary>('POST', '/api/v1/cards/bind', { token, body: { method: 'inpatient', name: LIXIUYING.name, inpatientNo: LIXIUYING.inpatientNo, relation: 'parent' } });
    const inpatient = await t.api<CardDetail>('GET', `/api/v1/cards/${stay.body.id}`, { token });
    expect(inpatient.body).toMatchObject({ kind: 'inpatient', canRecharge: true, inpatient: { inpatientNo: '30010001', deptName: '心血管内科', dischargeDate: '' } });
    expect(inpatient.body.inpatient?.totalFen).toBeGreaterThan(0);
  });

  it('updates the phone in HIS and the relation here', async () => {
    const token = await user();
    const card = await bindByCard(token, LIUZIXUAN, 'child');
    const bad = await t.api<ApiErrorBody>('PATCH', `/api/v1/cards/${card.body.id}`, { token, body: { phone: '123' } });
    expect(bad.body.fields).toEqual({ phone: '请输入正确的11位手机号码' });
    const updated = await t.api<CardDetail>('PATCH', `/api/v1/cards/${card.body.id}`, { token, body: { phone: '13700009999', relation: 'other' } });
    expect(updated.body).toMatchObject({ phoneMasked: '137****9999', relation: 'other' });
    expect(t.his.store.patientByCard(LIUZIXUAN.cardNo)?.phone).toBe('13700009999');

    // the mini-program cannot send PATCH (wx.request): POST + X-HTTP-Method-Override: PATCH is the same request
    const viaPost = await t.api<CardDetail>('POST', `/api/v1/cards/${card.body.id}`, { token, body: { relation: 'child' }, headers: { 'x-http-method-override': 'PATCH' } });
    expect(viaPost.status).toBe(200);
    expect(viaPost.body).toMatchObject({ relation: 'child' });
    expect((await t.api('POST', `/api/v1/cards/${card.body.id}`, { token, body: { relation: 'child' } })).status).toBe(404);
    expect((await t.api('POST', `/api/v1/cards/${card.body.id}`, { token, body: { relation: 'child' }, headers: { 'x-http-method-override': 'DELETE' } })).status).toBe(404);
  });
});

describe('ownership', () => {
  it('gives user B nothing of user A’s cards, by any id', async () => {
    const a = await user();
    const b = await user();
    const card = await bindByCard(a, WANGFANG);
    const attempts = [
      t.api<ApiErrorBody>('GET', `/api/v1/cards/${card.body.id}`, { token: b }),
      t.api<ApiErrorBody>('PUT', `/api/v1/cards/${card.body.id}/default`, { token: b }),
      t.api<ApiErrorBody>('PATCH', `/api/v1/cards/${card.body.id}`, { token: b, body: { phone: '13700000000' } }),
      t.api<ApiErrorBody>('DELETE', `/api/v1/cards/${card.body.id}`, { token: b }),
      t.api<ApiErrorBody>('GET', '/api/v1/cards/20000003', { token: b }),
      t.api<ApiErrorBody>('DELETE', '/api/v1/cards/00000000-0000-0000-0000-000000000000', { token: b }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect((await t.api<CardsResponse>('GET', '/api/v1/cards', { token: b })).body.cards).toEqual([]);
    expect((await t.api<CardDetail>('GET', `/api/v1/cards/${card.body.id}`, { token: a })).body.phoneMasked).toBe('138****8003');
    expect((await t.api<ApiErrorBody>('GET', '/api/v1/cards')).body.code).toBe('UNAUTHORIZED');
  });
});

