/**
 * Every envelope convention of the HIS, through the adapter against the sandbox: a success returns the typed body
 * (envelope written with the catalogue's code type), a failure throws HisRejectedError with the code as the HIS
 * sent it and its message.
 */
import { HisRejectedError } from './errors';
import { ctx, hisFailure, useHisAdapter } from './testkit';

const a = useHisAdapter();

describe('head{code,msg}: code > 0 succeeds', () => {
  it('/getPatient answers the patient, and refuses an unknown card with -1 and its message', async () => {
    const his = a.his();
    const ok = await his.raw.getPatient({ op_flag: 1, card_no: '5000100001', name: '张伟' }, ctx);
    expect(ok.head).toEqual({ code: 1, msg: '成功' });
    expect(ok.patient).toMatchObject({ name: '张伟', card_no: '5000100001', balance: 200 });

    const err = await hisFailure(his.raw.getPatient({ op_flag: 1, card_no: '5000100099', name: '张伟' }, ctx), HisRejectedError);
    expect({ code: err.code, hisMessage: err.hisMessage, endpoint: err.endpoint, requestId: err.requestId }).toEqual({
      code: -1,
      hisMessage: '未找到该患者信息',
      endpoint: '/getPatient',
      requestId: ctx.requestId,
    });
    expect(err.transient).toBe(false);
  });

  it('/getDoctorAndNurse: 0 succeeds and 1 fails', async () => {
    const his = a.his();
    const ok = await his.raw.getDoctorAndNurse({ dept_id: '1001', hospital_id: '01' }, ctx);
    expect(ok.head.code).toBe(0);
    expect(ok.data[0]).toMatchObject({ dept_user_id: 'D00001', dept_user_name: '沈桂洁' });
    const err = await hisFailure(his.raw.getDoctorAndNurse({ dept_id: '9999', hospital_id: '01' }, ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual([1, '科室不存在']);
  });

  it('/registerGetPrice: the string "1" succeeds, "0" fails', async () => {
    const his = a.his();
    const { schedules } = await his.raw.getSchedules({ dept_id: '1001' }, ctx);
    const schedule = schedules[0];
    if (!schedule) throw new Error('no schedule in 心血管内科');
    const ok = await his.raw.registerGetPrice({ patient_id: '20000001', clinic_id: schedule.id, data_resource: 'w1' }, ctx);
    expect(ok.head).toEqual({ code: '1', msg: '成功' });
    expect(Number(ok.data.total)).toBe(schedule.price);
    const err = await hisFailure(his.raw.registerGetPrice({ patient_id: '20000001', clinic_id: 'NOPE', data_resource: 'w1' }, ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual(['0', '排班不存在']);
  });

  it('/getHospitalList: a string head code, and a form body', async () => {
    const his = a.his();
    const ok = await his.raw.getHospitalList({}, ctx);
    expect(ok.head).toEqual({ code: '1', msg: '成功' });
    expect(ok.data.map((c) => c.hospital_name)).toEqual(['本院', '东院区', '妇女儿童院区']);
    a.t.sandbox.faults.add({ path: '/getHospitalList', mode: 'fail', msg: '院区服务维护中', times: 1 });
    const err = await hisFailure(his.raw.getHospitalList({}, ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual(['-1', '院区服务维护中']);
  });

  it('/getPatientList: a bare array body', async () => {
    const his = a.his();
    const ok = await his.raw.getPatientList([{ patient_id: '20000001', op_flag: 1 }, { patient_id: '20000003', op_flag: 1 }], ctx);
    expect(ok.patients.map((p) => [p.id, p.name])).toEqual([
      ['20000001', '张伟'],
      ['20000003', '王芳'],
    ]);
    const err = await hisFailure(his.raw.getPatientList([{ patient_id: '29999999', op_flag: 1 }], ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual([-1, '未找到该患者信息']);
  });
});

describe('flat code/msg', () => {
  it('/card/update: 1 succeeds and 0 fails', async () => {
    const his = a.his();
    const ok = await his.raw.cardUpdate({ patient_id: '20000001', phone_no: '13800138001' }, ctx);
    expect(ok).toEqual({ code: 1, msg: '更新成功' });
    const err = await hisFailure(his.raw.cardUpdate({ patient_id: 'NOPE' }, ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual([0, '未找到该患者信息']);
  });
});

describe('ResultCode/ResultMsg (预约挂号): 0 succeeds, -1 fails', () => {
  it('/get_dept succeeds, /cancel of an unknown booking fails', async () => {
    const his = a.his();
    const ok = await his.raw.apptGetDept({}, ctx);
    expect([ok.ResultCode, ok.ResultMsg]).toEqual([0, '成功']);
    expect(ok.DATA[0]).toMatchObject({ ID: '1001', NAME: '心血管内科' });
    const err = await hisFailure(his.raw.apptCancel({ APPT_ID: 'NOPE', SEND_SMS: '0', USER_ID: 'hpalm', USER_DEPT_ID: 'hpalm', DATA_SOURCE: 'w1' }, ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual([-1, '预约记录不存在']);
  });
});

describe('code/msg/data (核酸检测预约): 0 succeeds, integer or string codes', () => {
  it('/hospital/area/list: integer codes', async () => {
    const his = a.his();
    const ok = await his.raw.natHospitalAreaList({}, ctx);
    expect([ok.code, ok.msg]).toEqual([0, '交互成功']);
    expect(ok.data?.map((x) => x.hospital_name)).toEqual(['本院', '东院区']);
    a.t.sandbox.faults.add({ path: '/hospital/area/list', mode: 'fail', times: 1 });
    const err = await hisFailure(his.raw.natHospitalAreaList({}, ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual([-1, '系统繁忙，请稍后再试']);
  });

  it('/appointment/language/get: string codes', async () => {
    const his = a.his();
    const ok = await his.raw.natAppointmentLanguageGet({}, ctx);
    expect([ok.code, ok.data.map((l) => l.name)]).toEqual(['0', ['中文', '中英文', '英文', '日文']]);
    a.t.sandbox.faults.add({ path: '/appointment/language/get', mode: 'fail', times: 1 });
    expect((await hisFailure(his.raw.natAppointmentLanguageGet({}, ctx), HisRejectedError)).code).toBe('-1');
  });

  it('/appointment/result/get fails with "1"', async () => {
    const err = await hisFailure(a.his().raw.natAppointmentResultGet({ appt_id: 'NOPE' }, ctx), HisRejectedError);
    expect([err.code, err.hisMessage]).toEqual(['1', '预约记录不存在']);
  });
});
