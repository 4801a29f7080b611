/**
 * The HIS contract: every one of the 87 catalogue endpoints, driven through a scenario that uses only documented
 * endpoints to discover what it needs (campuses, departments, schedules, patients, bills, reports…), with every
 * success answer validated field by field against the project's catalogue and every endpoint's failure envelope
 * checked for a missing required field.
 *
 *   npm run test:contract                                      against the embedded HIS sandbox
 *   HIS_BASE_URL=http://his.example:8080/his npm run test:contract   against a real (test!) HIS — see README
 *
 * Against a real HIS the scenario creates a card, tops it up by 1.00, books and cancels: use a test system.
 */
import { makeIdCard } from '../../common/id-card';
import { catalogue, endpoint } from '../his-catalogue/catalogue';
import { hisSign } from '../his-catalogue/sign';
import { DEFAULT_SIGN_KEY } from '../his-sandbox/config';
import { startHisSandbox, type HisSandbox } from '../his-sandbox/sandbox';
import { Contract, WITHOUT_REQUIRED_FIELDS, firstRequiredField, withoutField } from './kit';

const REAL_HIS = process.env.HIS_BASE_URL;
const SIGN_KEY = process.env.HIS_SIGN_KEY ?? DEFAULT_SIGN_KEY;

/** A patient the scenario needs, as "card number/name" (defaults: the sandbox's demo patients, see README). */
function identity(variable: string, fallback: string): { cardNo: string; name: string } {
  const [cardNo = '', name = ''] = (process.env[variable] ?? fallback).split('/');
  return { cardNo, name };
}

const OUTPATIENT = identity('HIS_CONTRACT_PATIENT', '5000100001/张伟');
const INPATIENT = identity('HIS_CONTRACT_INPATIENT', '5000100002/李秀英');
const BACTERIA = identity('HIS_CONTRACT_BACTERIA_PATIENT', '5000100003/王芳');
const DISCHARGED = identity('HIS_CONTRACT_DISCHARGED_PATIENT', '5000100006/赵国强');
const PEIS_NO = process.env.HIS_CONTRACT_PEIS_NO ?? '8800100001';

const PALM = { USER_ID: 'hpalm', USER_DEPT_ID: 'hpalm', DATA_SOURCE: 'w1' };
const palm = { user_id: 'hpalm', user_dept_id: 'hpalm', data_source: 'w1' };

let sandbox: HisSandbox | undefined;
let c: Contract;

/** A unique suffix per run, for platform transaction numbers. */
const run = Date.now().toString(36).toUpperCase();
let serial = 0;
const businessNo = () => `CT${run}${(serial += 1)}`;

function first<T>(items: readonly T[] | undefined, what: string): T {
  const item = items?.[0];
  if (item === undefined) throw new Error(`the HIS returned no ${what}`);
  return item;
}

function signed<T extends object>(body: T): T & { sign: string } {
  return { ...body, sign: hisSign(body, SIGN_KEY) };
}

beforeAll(async () => {
  if (REAL_HIS) {
    c = new Contract(REAL_HIS);
    return;
  }
  sandbox = await startHisSandbox();
  // Same-day registration, today's NAT slots and the operating list need a morning.
  sandbox.clock.set(`${sandbox.clock.today()} 08:05:00`);
  c = new Contract(sandbox.url);
});

afterAll(async () => {
  if (sandbox) {
    expect(sandbox.selfCheck).toEqual({ violations: [], internalErrors: [] });
    await sandbox.close();
  }
});

// State discovered along the scenario.
const s = {
  today: '',
  campusId: '',
  patientId: '',
  patientIdNo: '',
  newPatientId: '',
  newCardNo: '',
  newIdNo: '',
  newPhone: '',
  inpatientId: '',
  inpatientVisitNo: '',
};

describe('the HIS contract', () => {
  it('reference data: campuses, departments, staff, prices, theatres, 全时空门诊', async () => {
    const hospitals = await c.ok('/getHospital', {});
    s.campusId = first(hospitals.records, 'campus').hospital_id;
    expect((await c.ok('/getHospitalList', {})).data.length).toBeGreaterThan(0);
    const depts = await c.ok('/getDeptsByHospitalId', { hospital_id: s.campusId });
    const dept = first(depts.data, 'department');
    expect((await c.ok('/getDoctorAndNurse', { dept_id: dept.id, hospital_id: s.campusId })).data.length).toBeGreaterThan(0);
    expect((await c.ok('/getAllDoctorList', {})).doctorList.length).toBeGreaterThan(0);
    const wards = await c.ok('/getDepartment', { hospital_id: s.campusId });
    expect((await c.ok('/getBedNo', { dept_id: first(wards.records, 'ward').dept_id })).records.length).toBeGreaterThan(0);
    expect((await c.ok('/getElectronicPrescriptionDetail_1609234017475', { page_rows: '20', current_page: '1' })).records.length).toBeGreaterThan(0);
    const rooms = await c.ok('/getOperatRoomByHospitalId', { hospital_id: s.campusId });
    expect(rooms.data.length).toBeGreaterThan(0);
    expect((await c.ok('/getOperatRoomPatient', { hospital_id: s.campusId })).data.length).toBeGreaterThan(0);
    expect((await c.ok('/fulltime/getDeptList', { hospital_id: s.campusId })).data.length).toBeGreaterThan(0);
    expect((await c.ok('/fulltime/getDeptDoctorList', { hospital_id: s.campusId })).data.length).toBeGreaterThan(0);
    expect((await c.ok('/fulltime/getApptTimeRangeList', {})).data.length).toBeGreaterThan(0);
  });

  it('patients: look-ups, a new card, an update', async () => {
    const { patient } = await c.ok('/getPatient', { op_flag: 1, card_no: OUTPATIENT.cardNo, name: OUTPATIENT.name });
    s.patientId = patient.id;
    s.patientIdNo = patient.id_no;
    s.today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    if (sandbox) s.today = sandbox.clock.today();
    expect((await c.ok('/getPatientList', [{ patient_id: s.patientId, op_flag: 1 }])).patients).toHaveLength(1);
    expect((await c.ok('/get_patient', { QUERY_TYPE: 'PATIENT_ID', FIELD1: s.patientId })).DATA).toHaveLength(1);

    const seq = (Date.now() % 499) * 2 + 1;
    s.newIdNo = makeIdCard('520103', '1991-06-15', seq);
    s.newPhone = `139${String(Date.now()).slice(-8)}`;
    const { card } = await c.ok('/createCard', {
      name: '契约测',
      sex: '男',
      id_no: s.newIdNo,
      phone_no: s.newPhone,
      birthday: '1991-06-15',
      unit_name: '契约测试',
      post_addr: '贵州省贵阳市云岩区中华北路88号',
    });
    s.newPatientId = card.id;
    s.newCardNo = card.card_no;
    await c.ok('/card/update', { patient_id: s.newPatientId, nation_name: '汉族' });

    const { patient: inpatient } = await c.ok('/getPatient', { op_flag: 1, card_no: INPATIENT.cardNo, name: INPATIENT.name });
    const { patient: stay } = await c.ok('/getInHospitalList', { id_no: inpatient.id_no });
    s.inpatientId = inpatient.id;
    s.inpatientVisitNo = stay.visit_no;
    const asInpatient = await c.ok('/getPatient', { op_flag: 2, card_no: s.inpatientVisitNo, name: INPATIENT.name });
    expect(asInpatient.patient.visit_no).toBe(s.inpatientVisitNo);
  });

  it('money: an order, a signed top-up, its status, the HIS’s own confirmation, the history', async () => {
    const { order } = await c.ok('/paymentNew', { patient_id: s.newPatientId, card_no: s.newCardNo, op_flag: 1, total: 1, pay_mode: 'wePay', purpose: '1', remark: '微信公众号', ...palm });
    const no = businessNo();
    const { patient } = await c.ok('/recharge', signed({ patient_id: s.newPatientId, card_no: s.newCardNo, his_order_no: order.order_no, business_no: no, business_info: '{}', op_flag: 1, total: 1, pay_mode: 'wePay' }));
    expect(patient.balance).toBe(1);
    await c.ok('/paymentUpdateStatus', { his_order_no: order.order_no, business_no: no, business_info: '{}', status: 2 });
    await c.ok('/requestSucess', { bill_no: order.order_no, bill_id: no, check_reason: '契约测试：确认充值' });
    expect((await c.ok('/getRecharge', { patient_id: s.newPatientId, card_no: s.newCardNo, visit_no: '', op_flag: 1 })).fees).toHaveLength(1);
  });

  it('outpatient fees: pending visits, the bill, a check, payment, paid details, invoices', async () => {
    const pending = await c.ok('/getRegisterList', { patient_id: s.patientId, begin_date: '2000-01-01', end_date: s.today, flag: 0 });
    const visit = first(pending.records, 'visit with pending fees');
    const { fees } = await c.ok('/getRecipe', { patient_id: s.patientId, visit_id: visit.visit_id, flag: 0 });
    const group = first(fees, 'pending fee');
    const orders = [{ order_id: group.order_id }];
    await c.ok('/cpayCheck', { patient_id: s.patientId, card_no: OUTPATIENT.cardNo, op_flag: 1, total: group.order_summary, orders });
    const { order } = await c.ok('/paymentNew', { patient_id: s.patientId, card_no: OUTPATIENT.cardNo, op_flag: 1, total: group.order_summary, pay_mode: 'wePay', purpose: '2', remark: '微信公众号', ...palm });
    await c.ok('/recipeCharge', signed({ patient_id: s.patientId, visit_id: visit.visit_id, his_order_no: order.order_no, business_no: businessNo(), business_info: '{}', op_flag: 1, balance_pay: 1, total: group.order_summary, pay_mode: 'wePay', orders }));
    expect((await c.ok('/getChargeDetail', { patient_id: s.patientId, visit_id: visit.visit_id })).fees.length).toBeGreaterThan(0);
    expect((await c.ok('/getRegisterList', { patient_id: s.patientId, begin_date: '2000-01-01', end_date: s.today, flag: 1 })).records.length).toBeGreaterThan(0);
    expect((await c.ok('/getReceipt', { patient_id: s.patientId, visit_no: OUTPATIENT.cardNo, op_flag: 1 })).fees.length).toBeGreaterThan(0);
  });

  it('visit records and prescriptions', async () => {
    const visits = await c.ok('/getVisitInfoNew', { patient_id: s.patientId });
    await c.ok('/getVisitInfoNewDetail', { patient_id: s.patientId, visit_id: first(visits.records, 'visit record').id });
    const prescriptions = await c.ok('/getElectronicPrescriptionBasicInfo', { patient_id: s.patientId });
    await c.ok('/getElectronicPrescriptionDetail', { patient_id: s.patientId, recipe_id: first(prescriptions.records, 'prescription').id });
  });

  it('same-day registration: departments, schedules, the fee, pre-registration, registration, records', async () => {
    const { depts } = await c.ok('/getDepts', {});
    for (const dept of depts) {
      const { schedules } = await c.ok('/getSchedules', { dept_id: dept.id });
      const open = schedules.find((x) => x.register_count < x.limit);
      if (!open) continue;
      const price = await c.ok('/registerGetPrice', { patient_id: s.newPatientId, clinic_id: open.id, data_resource: 'w1' });
      const slot = { dept_id: dept.id, doctor_id: open.doctor_id, scheduling_id: open.id, patient_id: s.newPatientId };
      await c.ok('/registerPre', { ...slot, pay_amount: Number(price.data.total) });
      const { info } = await c.ok('/register', { ...slot, business_no: businessNo(), business_info: JSON.stringify({ status: 9 }) });
      expect(info.queue_no).toBeGreaterThan(0);
      const records = await c.ok('/getVisitInfo', { patient_id: s.newPatientId });
      await c.ok('/getVisitInfoDetail', { patient_id: s.newPatientId, visit_id: first(records.records, 'registration').id });
      return;
    }
    throw new Error('no schedule with a free place today');
  });

  it('appointment booking: departments, dates, schedules both ways, doctors, slots, book, pay, query, take the number, cancel', async () => {
    const { DATA: depts } = await c.ok('/get_dept', {});
    let paid: { apptId: string; hisOrderNo: string; businessNo: string } | undefined;
    let tookNumber = false;
    for (const dept of depts) {
      if (paid && tookNumber) break;
      const { DATA: dates } = await c.ok('/get_dt', { DEPT_ID: dept.ID });
      await c.ok('/get_doctor', { DEPT_ID: dept.ID });
      for (const date of dates) {
        if (paid && tookNumber) break;
        const isToday = date.DT === s.today;
        if (paid && !isToday) continue;
        const { DATA: schedules } = await c.ok('/get_schedule', { DEPT_ID: dept.ID, DT: date.DT, DATA_SOURCE: 'w1' });
        const schedule = schedules.find((x) => x.REMAIN_COUNT > 0 && x.DOCTOR_ID !== '');
        if (!schedule) continue;
        await c.ok('/get_schedule', { DEPT_ID: dept.ID, DOCTOR_ID: schedule.DOCTOR_ID, DATA_SOURCE: 'w1' });
        const { DATA: slots } = await c.ok('/get_time', { SCHEDULE_ID: schedule.SCHEDULE_ID, DATA_SOURCE: 'w1' });
        const slot = slots.find((x) => x.PATIENT_TYPE_NAME > 0); // PATIENT_TYPE_NAME is described as 剩余数
        if (!slot) continue;
        const booking = await c.ok('/new', { ...PALM, SCHEDULE_ID: schedule.SCHEDULE_ID, TIME_ID: slot.TIME_ID, ACCOUNT_ID: s.newPatientId, PATIENT_ID: s.newPatientId, SEX: '男' });
        if (booking.NEED_PREPAY !== '1') {
          await c.ok('/cancel', { ...PALM, APPT_ID: booking.APPT_ID, SEND_SMS: '0' });
          continue;
        }
        const { HIS_ORDER_NO } = await c.ok('/cpay_new_payment', { ...PALM, APPT_ID: booking.APPT_ID, TOTAL: schedule.TOTAL, OP_FLAG: 1, PURPOSE: 3, PATIENT_ID: s.newPatientId, PAY_WAY_ID: 'wepay' });
        const no = businessNo();
        const { CERTIFICATE_CODE } = await c.ok('/prepay', { ...PALM, APPT_ID: booking.APPT_ID, BALANCE_PAY: 0, PAY_WAY_ID: 'wepay', HIS_ORDER_NO, BUSINESS_NO: no, BUSINESS_INFO: '{}' });
        expect(CERTIFICATE_CODE).not.toBe('');
        await c.ok('/cpay_update_payment_status', { HIS_ORDER_NO, PAY_WAY_ID: 'wepay', BUSINESS_NO: no, BUSINESS_INFO: '{}', DATA_SOURCE: 'w1', STATUS: 5 });
        const { DATA } = await c.ok('/query', { APPT_ID: booking.APPT_ID, DATA_SOURCE: 'w1' });
        expect(first(DATA, 'booking').STATUS).toBe(9);
        if (isToday) {
          const { queue } = await c.ok('/offerNumber', { appointment_id: booking.APPT_ID, patient_id: s.newPatientId });
          expect(queue.queue_no).toBeGreaterThan(0);
          tookNumber = true;
        } else {
          paid = { apptId: booking.APPT_ID, hisOrderNo: HIS_ORDER_NO, businessNo: no };
        }
      }
    }
    if (!paid) throw new Error('no bookable, prepaid schedule found in the coming days');
    if (!tookNumber) throw new Error('no bookable, prepaid schedule found for today (needed for /offerNumber)');
    await c.ok('/cancel', { ...PALM, APPT_ID: paid.apptId, SEND_SMS: '0', BUSINESS_NO: businessNo(), BUSINESS_INFO: '{"refund":"contract"}' });
  });

  it('nucleic-acid tests: areas, dates, slots, languages, book, pay, confirm, look up, cancel, refund, results', async () => {
    const { data: areas } = await c.ok('/hospital/area/list', {});
    const area = first(areas, 'NAT area');
    const { data: dates } = await c.ok('/date/list', { hospital_id: area.hospital_id });
    const { data: languages } = await c.ok('/appointment/language/get', {});
    // Tomorrow onwards: a booking for today may already be under way (sampled) and could no longer be cancelled.
    for (const date of (dates ?? []).filter((d) => d.appt_date > s.today)) {
      const { data: types } = await c.ok('/type/list', { hospital_id: area.hospital_id, appt_date: date.appt_date });
      const type = types?.find((t) => t.remain_count > 0 && t.time_slot?.some((x) => x.remain_count > 0));
      const slot = type?.time_slot?.find((x) => x.remain_count > 0);
      if (!type || !slot) continue;
      const created = `${s.today} 08:05:00`;
      const pre = await c.ok('/appointment/pre', {
        user_name: '契约测',
        user_id_no: s.newIdNo,
        user_phone_no: s.newPhone,
        user_sex: '男',
        user_birthday: '1991-06-15',
        hospital_id: area.hospital_id,
        appt_date: date.appt_date,
        time_slot: slot.time_slot_name,
        pay_way: 'wepay',
        pay_status: 0,
        create_time: created,
        data_source: 'w1',
        report_lanuage: first(languages, 'report language').name,
      });
      const apptId = pre.data?.appt_id ?? '';
      const info = await c.ok('/appointment/info/get', { appt_id: apptId });
      const patient = info.data?.patient;
      if (!patient) throw new Error('no patient in /appointment/info/get');
      const pay = await c.ok('/cpay/newPayment', { patient_id: patient.id, visit_id: patient.visit_id, appt_id: apptId, op_flag: 1, pay_way: 'wepay', data_source: 'w1', total: type.total_fee });
      await c.ok('/payment/get', { his_order_no: pay.data.his_order_no });
      await c.ok('/appointment/confirm', { appt_id: apptId, business_no: businessNo(), his_order_no: pay.data.his_order_no, pay_way: 'wepay', pay_total: type.total_fee, pay_time: created, data_source: 'w1' });
      const confirmed = await c.ok('/appointment/info/get', { appt_id: apptId });
      expect(confirmed.data?.status).toBe(1);
      await c.ok('/appointment/info/get2', { user_id_no: s.newIdNo, user_phone_no: s.newPhone });
      const refundNo = `RF${run}`;
      await c.ok('/appointment/cancel', { appt_id: apptId, receipt_id: confirmed.data?.receipt_id ?? '', his_order_no: refundNo, data_source: 'w1' });
      await c.ok('/refund/callback', { his_order_no: refundNo, business_no: businessNo(), refund_time: `${s.today} 08:10:00` });
      break;
    }
    expect(c.coverage.validated.has('/refund/callback')).toBe(true);

    const history = await c.ok('/appointment/info/get2', { user_id_no: s.patientIdNo, user_phone_no: (await c.ok('/getPatient', { op_flag: 1, patient_id: s.patientId })).patient.phone_no });
    const done = history.data?.appt.find((a) => a.status === '9');
    if (!done) throw new Error('the outpatient contract patient has no completed NAT booking');
    expect((await c.ok('/appointment/result/get', { appt_id: done.appt_id })).data.length).toBeGreaterThan(0);
    expect((await c.ok('/appointmentNAT/getNATResultList', { id_no: s.patientIdNo })).data.length).toBeGreaterThan(0);
  });

  it('reports: lab and imaging lists and details, a bacteria culture, a physical examination', async () => {
    const range = { start_time: '2000-01-01', end_time: s.today };
    const { records } = await c.ok('/getLisPacsList', { patient_id: s.patientId, card_no: OUTPATIENT.cardNo, visit_no: '', op_flag: 1, ...range });
    const lab = records.find((r) => r.category === 'lis');
    const imaging = records.find((r) => r.category === 'pacs');
    if (!lab || !imaging) throw new Error('the contract patient needs a lab and an imaging report');
    await c.ok('/getLisReport', { report_id: lab.id, category: 'lis', op_flag: 1 });
    await c.ok('/getPacsReport', { report_id: imaging.id, category: 'pacs', op_flag: 1 });

    const { patient: bp } = await c.ok('/getPatient', { op_flag: 1, card_no: BACTERIA.cardNo, name: BACTERIA.name });
    const culture = (await c.ok('/getLisPacsList', { patient_id: bp.id, card_no: BACTERIA.cardNo, visit_no: '', op_flag: 1, ...range })).records;
    let bacteria = false;
    for (const report of culture.filter((r) => r.category === 'lis')) {
      const detail = await c.ok('/getLisReport', { report_id: report.id, category: 'lis', op_flag: 1 });
      const organism = detail.records.find((r) => r.item_category === 2);
      if (!organism) continue;
      expect((await c.ok('/lis/bacteria/detail', { report_id: report.id, report_detail_id: organism.id, op_flag: 1 })).records.length).toBeGreaterThan(0);
      bacteria = true;
      break;
    }
    expect(bacteria).toBe(true);

    const inpatientReports = await c.ok('/getLisPacsList', { patient_id: s.inpatientId, card_no: '', visit_no: s.inpatientVisitNo, op_flag: 2, ...range });
    expect(inpatientReports.records.length).toBeGreaterThan(0);

    const peis = await c.ok('/getPeis', { peis_no: PEIS_NO, name: OUTPATIENT.name, id_no: s.patientIdNo });
    const { records: items } = await c.ok('/getPeisReport', { peis_id: peis.patient.peis_id });
    for (const category of ['general', 'lis', 'pacs'] as const) {
      const item = items.find((i) => i.category === category);
      if (!item) throw new Error(`the physical examination has no ${category} item`);
      const path = category === 'general' ? '/getPeisReport-general' : category === 'lis' ? '/getPeisReport-lis' : '/getPeisReport-pacs';
      await c.ok(path, { peis_id: peis.patient.peis_id, peis_item_id: item.id, category });
    }
  });

  it('inpatient: daily list, summary, invoices, admission booking, certificate and self-admission', async () => {
    await c.ok('/getDailyCharge', { patient_id: s.inpatientId, visit_no: s.inpatientVisitNo, op_flag: 2, query_date: s.today });
    expect((await c.ok('/getChargeSummary', { patient_id: s.inpatientId, visit_no: s.inpatientVisitNo, op_flag: 2 })).fees.length).toBeGreaterThan(0);
    const { patient: discharged } = await c.ok('/getPatient', { op_flag: 1, card_no: DISCHARGED.cardNo, name: DISCHARGED.name });
    const { patient: dp } = await c.ok('/getInHospitalList', { id_no: discharged.id_no });
    expect(dp.leave_hospital_time).toBeTruthy();
    expect((await c.ok('/getReceipt', { patient_id: dp.id, visit_no: dp.visit_no, op_flag: 2 })).fees.length).toBeGreaterThan(0);

    const { records: wards } = await c.ok('/getDepartment', { hospital_id: s.campusId });
    const ward = first(wards, 'ward');
    const { records: beds } = await c.ok('/getBedNo', { dept_id: ward.dept_id });
    const person = { name: '契约测', sex: '男', birthday: '1991-06-15', id_no: s.newIdNo, phone_no: s.newPhone, address: '贵州省贵阳市云岩区中华北路88号' };
    const booked = await c.ok('/ipAppointmentConfirm', { dept_id: ward.dept_id, bed_category: first(beds, 'bed category').bed_category, remark: '契约测试', ...person });
    const appointmentId = first(booked.records, 'admission booking').appointment_id;
    await c.ok('/ipAppointmentQuery', { name: person.name, id_no: person.id_no, appointment_id: appointmentId });
    await c.ok('/ipAppointmentCancel', { appointment_id: appointmentId, reason: '契约测试取消' });

    const certificates = await c.ok('/getInHospitalApply', { param_type: '2', param: OUTPATIENT.cardNo, machine_no: 'CONTRACT' });
    const pending = certificates.data.find((x) => x.status === 0);
    if (!pending) throw new Error('the outpatient contract patient has no pending admission certificate');
    const admitted = await c.ok('/inHospitalReg', { id: pending.id, param: OUTPATIENT.cardNo, machine_no: 'CONTRACT' });
    expect(admitted.data.visit_no).not.toBe('');
  });

  it('medical record copies: pages, a bill, its payment, cancellation with refund; and a template message', async () => {
    const { patient: dp } = await c.ok('/getPatient', { op_flag: 1, card_no: DISCHARGED.cardNo, name: DISCHARGED.name });
    const { patient: stay } = await c.ok('/getInHospitalList', { id_no: dp.id_no });
    const { data } = await c.ok('/getEmrPageCount', { visit_id: stay.visit_no, dept_id: stay.dept_id ?? '', user_id: 'sa', type: 2 });
    const prices = await c.ok('/getElectronicPrescriptionDetail_1609234017475', { page_rows: '500', current_page: '1' });
    const perPage = prices.records.find((r) => r.name === '病历复印费')?.price;
    if (perPage === undefined) throw new Error('the price list has no 病历复印费');
    const total = Math.round(perPage * data.pageCount * 100) / 100;
    const { order } = await c.ok('/specialType/newBill', { patient_id: dp.id, card_no: stay.visit_no, total, pay_mode: 'wePay', purpose: '2', remark: '微信公众号', bill_type: 1, quantity: data.pageCount, ...palm });
    const payment = await c.ok('/paymentNew', { patient_id: dp.id, card_no: DISCHARGED.cardNo, op_flag: 1, total, pay_mode: 'wePay', purpose: '2', remark: '微信公众号', ...palm });
    const no = businessNo();
    await c.ok('/recipeCharge', signed({ patient_id: dp.id, visit_id: order.visit_id, his_order_no: payment.order.order_no, business_no: no, business_info: '{}', op_flag: 1, balance_pay: 1, total, pay_mode: 'wePay', orders: [{ order_id: order.order_id }] }));
    await c.ok('/case/cancel', { patient_id: dp.id, his_order_no: payment.order.order_no, bill_no: no, purpose: '-2', bill_type: 1, user_dept_id: 'hpalm', user_id: 'hpalm', remark: '微信公众号', pay_mode: 'wePay', total });

    await c.ok('/template/hisSendMessage', { category: 'report', patient_id: s.patientId, first_data: '您的检验报告已出', data1: '血常规' });
  });

  it('answered every one of the 87 endpoints with a success that matches the catalogue', () => {
    const missing = catalogue.map((e) => e.path).filter((p) => !c.coverage.validated.has(p));
    expect(missing).toEqual([]);
    if (c.coverage.extras.size) console.info('fields the HIS sends beyond the catalogue:', Object.fromEntries(c.coverage.extras));
  });

  it('answers a missing required field with each endpoint’s failure envelope', async () => {
    const checked: string[] = [];
    for (const e of catalogue) {
      const field = firstRequiredField(e);
      if (!field) continue;
      const body = c.coverage.bodies.get(e.path);
      if (body === undefined) throw new Error(`no valid body recorded for ${e.path}`);
      const { msg } = await c.fails(e.path, withoutField(e, body, field));
      if (sandbox) expect(msg).toContain(field);
      checked.push(e.path);
    }
    expect(checked.length + WITHOUT_REQUIRED_FIELDS.length).toBe(87);
    expect(WITHOUT_REQUIRED_FIELDS.sort()).toEqual(
      ['/appointment/language/get', '/appointment/result/get', '/fulltime/getApptTimeRangeList', '/getAllDoctorList', '/getDepts', '/getHospital', '/getHospitalList', '/get_dept', '/hospital/area/list'].sort(),
    );
    expect(endpoint('/appointment/result/get').request.every((f) => !f.required)).toBe(true);
  });
});
