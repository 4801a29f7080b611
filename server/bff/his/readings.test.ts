/**
 * Answers a real HIS may give that the sandbox never does: the literal forms of the five catalogue readings, extra
 * fields, numeric codes sent as strings, and answers that break the catalogue. A fake `fetch` plays the HIS.
 */
import { HisProtocolError, HisRejectedError } from './errors';
import { createHis, type His } from './index';
import { ctx, hisFailure } from './testkit';

/** An adapter whose HIS answers every call with `answer` (an object is sent as JSON, a string as it is). */
function hisAnswering(answer: unknown, status = 200): His {
  return createHis({
    baseUrl: 'http://his.invalid',
    signKey: 'k',
    retry: { retries: 0 },
    fetch: async () => new Response(typeof answer === 'string' ? answer : JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } }),
  });
}

const head = { code: 1, msg: '成功' };
const peisItem = {
  id: 'PI001',
  peis_item_name: '血常规',
  peis_item_no: '0001',
  category: 'lis',
  dept_id: '7001',
  dept_name: '检验科',
  peis_no: 1,
  status_name: '已完成',
  peis_item_date: '2026-11-20',
  send_user_name: '李护士',
  send_time_full: '2026-11-20',
  audit_time_full: '2026-11-20',
  exam_user_name: '王检验',
  audit_user_name: '赵审核',
};

describe('the literal forms of the readings are accepted and read', () => {
  it('/getPeisReport: records as one object or as a list', async () => {
    expect((await hisAnswering({ head, records: peisItem }).raw.getPeisReport({ peis_id: '8800100001' }, ctx)).records).toEqual([peisItem]);
    expect((await hisAnswering({ head, records: [peisItem, peisItem] }).raw.getPeisReport({ peis_id: '8800100001' }, ctx)).records).toHaveLength(2);
  });

  it('/appointment/language/get: data as one object, an empty object, or a list', async () => {
    const get = (data: unknown) => hisAnswering({ code: '0', msg: '交互成功', data }).raw.natAppointmentLanguageGet({}, ctx);
    expect((await get({ id: '1', name: '中文' })).data).toEqual([{ id: '1', name: '中文' }]);
    expect((await get({})).data).toEqual([]);
    expect((await get([{ id: '1', name: '中文' }, { id: '3', name: '英文' }])).data).toHaveLength(2);
  });

  it('/fulltime/getApptTimeRangeList: ranges as strings, or inside objects', async () => {
    const get = (data: unknown) => hisAnswering({ head, data }).raw.fulltimeGetApptTimeRangeList({}, ctx);
    expect((await get(['08:00-09:00', '14:00-15:00'])).data).toEqual(['08:00-09:00', '14:00-15:00']);
    expect((await get([{ time_range: '08:00 - 09:00' }, { start_time: '14:00', end_time: '15:00:00' }])).data).toEqual(['08:00-09:00', '14:00-15:00']);
    const err = await hisFailure(get([{ seq: 1 }]), HisProtocolError);
    expect(err.problems).toEqual([{ field: 'data[0]', kind: 'type', expected: 'string[]' }]);
  });

  it('/getInHospitalApply: no envelope, no data, one object, or the read form', async () => {
    const apply = { id: '9100001', patient_id: '20000001', card_no: '5000100001', name: '张伟', sex: '男', id_no: '520103198503120358', dept_id: '1003', dept_name: '消化内科', diagnosis: '胃溃疡', apply_doctor_name: '刘医生', apply_time: '2026-11-28 10:00:00', prepay_amount: 3000, status: 0, status_name: '待办理' };
    const get = (answer: unknown) => hisAnswering(answer).raw.getInHospitalApply({ param_type: '3', param: '20000001', machine_no: 'KIOSK01' }, ctx);
    expect(await get('')).toEqual({ head: { code: 1, msg: '' }, data: [] });
    expect(await get({ head })).toEqual({ head, data: [] });
    expect((await get({ head, data: apply })).data).toEqual([apply]);
    expect((await get({ head, data: [apply] })).data).toEqual([apply]);
    expect((await hisFailure(get({ head: { code: -1, msg: '未找到住院证' } }), HisRejectedError)).hisMessage).toBe('未找到住院证');
  });

  it('/inHospitalReg: nothing at all, or the read form', async () => {
    const reg = (answer: unknown) => hisAnswering(answer).raw.inHospitalReg({ id: '9100001', param: '20000001', machine_no: 'KIOSK01' }, ctx);
    expect(await reg('')).toEqual({ head: { code: 1, msg: '' } });
    const data = { patient_id: '20000001', visit_no: '30010009', name: '张伟', dept_id: '1003', dept_name: '消化内科', bed_no: '', admission_time: '2026-11-29' };
    expect(await reg({ head, data })).toEqual({ head, data });
    expect((await hisFailure(reg({ head: { code: -1, msg: '住院证已作废' } }), HisRejectedError)).code).toBe(-1);
  });
});

describe('validation is non-strict but holds the catalogue', () => {
  const records = [{ hospital_id: '01', hospital_name: '本院' }];

  it('keeps fields the catalogue does not know', async () => {
    const answer = await hisAnswering({ head, records: [{ ...records[0], hospital_level: '三甲' }], server_time: 'now' }).raw.getHospital({}, ctx);
    expect(answer).toEqual({ head, records: [{ hospital_id: '01', hospital_name: '本院', hospital_level: '三甲' }], server_time: 'now' });
  });

  it('reads a numeric code sent as a string, and answers with the catalogue’s code type', async () => {
    expect((await hisAnswering({ head: { code: '1', msg: '成功' }, records }).raw.getHospital({}, ctx)).head).toEqual({ code: 1, msg: '成功' });
    expect((await hisAnswering({ head: { code: 1, msg: '成功' }, data: records }).raw.getHospitalList({}, ctx)).head).toEqual({ code: '1', msg: '成功' });
  });

  it('refuses a required field missing or mistyped, naming the field but not the value', async () => {
    const err = await hisFailure(hisAnswering({ head, records: [{ hospital_id: 1, hospital_name: '张伟' }, { hospital_id: '02' }] }).raw.getHospital({}, ctx), HisProtocolError);
    expect(err.reason).toBe('catalogue');
    expect(err.problems).toEqual([
      { field: 'records[0].hospital_id', kind: 'type', expected: 'string' },
      { field: 'records[1].hospital_name', kind: 'missing', expected: 'string' },
    ]);
    expect(err.message).toBe('HIS /getHospital answer breaks the catalogue: records[0].hospital_id not string; records[1].hospital_name missing');
    expect(JSON.stringify(err)).not.toContain('张伟');
  });

  it('refuses an answer without its envelope, or with a code that is not a number', async () => {
    expect((await hisFailure(hisAnswering({ records }).raw.getHospital({}, ctx), HisProtocolError)).reason).toBe('no_envelope');
    expect((await hisFailure(hisAnswering({ head: { code: 'OK' }, records }).raw.getHospital({}, ctx), HisProtocolError)).reason).toBe('no_envelope');
    expect((await hisFailure(hisAnswering([records]).raw.getHospital({}, ctx), HisProtocolError)).reason).toBe('no_envelope');
    expect((await hisFailure(hisAnswering('').raw.getHospital({}, ctx), HisProtocolError)).reason).toBe('not_json');
  });

  it('does not validate a failure answer beyond its envelope', async () => {
    const err = await hisFailure(hisAnswering({ head: { code: -1, msg: '系统维护' } }).raw.getHospital({}, ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual([-1, '系统维护']);
  });
});
