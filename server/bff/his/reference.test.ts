/** The reference domain functions: HIS answers mapped to clean domain types, cached per key and TTL. */
import { HisRejectedError } from './errors';
import { ctx, hisFailure, useHisAdapter } from './testkit';

const a = useHisAdapter();

describe('reference data', () => {
  it('campuses', async () => {
    expect(await a.his().reference.campuses(ctx)).toEqual([
      { id: '01', name: '本院' },
      { id: '02', name: '东院区' },
      { id: '03', name: '妇女儿童院区' },
    ]);
  });

  it('the departments of a campus, with their location', async () => {
    const his = a.his();
    const main = await his.reference.departments('01', ctx);
    expect(main[0]).toEqual({ id: '1001', name: '心血管内科', location: '本院门诊楼2楼A区', campusId: '01', campusName: '本院' });
    expect((await his.reference.departments('03', ctx)).map((d) => d.name)).toEqual(['妇科', '产科', '儿科', '新生儿科']);
    expect((await hisFailure(his.reference.departments('99', ctx), HisRejectedError)).hisMessage).toBe('院区不存在');
  });

  it('the departments open today, with their category', async () => {
    const today = await a.his().reference.departmentsToday(ctx);
    expect(today.find((d) => d.id === '1001')).toEqual({
      id: '1001',
      name: '心血管内科',
      location: '本院门诊楼2楼A区',
      campusId: '01',
      campusName: '本院',
      categoryId: '01',
      categoryName: '内科',
    });
  });

  it('doctors, and the doctors of one department', async () => {
    const his = a.his();
    const doctors = await his.reference.doctors(ctx);
    expect(doctors).toHaveLength(87);
    expect(doctors[0]).toEqual({
      id: 'D00001',
      name: '沈桂洁',
      sex: 'female',
      title: '主任医师',
      teachingTitle: '教授',
      expertise: '心律失常射频消融、高血压及难治性高血压',
      departmentId: '1001',
      departmentName: '心血管内科',
      campusId: '01',
      campusName: '本院',
    });
    expect(new Set(doctors.map((d) => d.sex))).toEqual(new Set(['male', 'female']));
    const before = a.calls('/getAllDoctorList');
    expect((await his.reference.doctorsOfDepartment('1001', ctx)).map((d) => `${d.name} ${d.title}`)).toEqual([
      '沈桂洁 主任医师',
      '陈英雯 副主任医师',
      '钟帆国 主治医师',
      '崔雪 住院医师',
    ]);
    expect(a.calls('/getAllDoctorList') - before).toBe(0); // from the cached list
  });

  it('calls the HIS again once a TTL is over, per key', async () => {
    const his = a.his({ ttl: { campusesMs: 50 } });
    const before = a.calls('/getHospital');
    await his.reference.campuses(ctx);
    await his.reference.campuses(ctx);
    expect(a.calls('/getHospital') - before).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    await his.reference.campuses(ctx);
    expect(a.calls('/getHospital') - before).toBe(2);
  });

  it('hands out values no caller can change', async () => {
    const [campus] = await a.his().reference.campuses(ctx);
    expect(Object.isFrozen(campus)).toBe(true);
  });
});

describe('ping', () => {
  it('resolves when the HIS answers, is never cached, and fails when it does not', async () => {
    const his = a.his();
    const before = a.calls('/getHospital');
    await his.ping();
    await his.ping();
    expect(a.calls('/getHospital') - before).toBe(2);
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'http500', times: 1 });
    await expect(his.ping()).rejects.toMatchObject({ name: 'HisUnavailableError', status: 500 });
    expect(a.calls('/getHospital') - before).toBe(3); // not retried
  });
});
