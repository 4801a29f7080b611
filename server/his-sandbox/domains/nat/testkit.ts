/** Test helpers of the NAT domain: people to book for, request bodies, and the book → pay → confirm path. */
import { makeIdCard } from '../../../../common/id-card';
import type { HisRequests } from '../../../his-catalogue/types.generated';
import type { HisSandbox } from '../../sandbox';
import type { HisClient } from '../../testing';
import { addDays } from './time';

export interface TestPerson {
  name: string;
  idNo: string;
  phone: string;
  sex: '男' | '女';
  birthday: string;
}

const SURNAMES = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '一明华军芳丽强静敏磊洋艳勇杰娟涛超霞平刚';

/** A distinct person per number, with an ID card of 凯里市 (not a seeded region, so never on file before). */
export function person(i: number): TestPerson {
  const birthday = addDays('1950-01-01', (i * 97) % 25000);
  const sequence = (i * 7) % 1000;
  return {
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[i % GIVEN.length]}`,
    idNo: makeIdCard('522601', birthday, sequence),
    phone: `139${String(10000000 + i).slice(-8)}`,
    sex: sequence % 2 === 1 ? '男' : '女',
    birthday,
  };
}

export function day(sandbox: HisSandbox, inDays: number): string {
  return addDays(sandbox.clock.today(), inDays);
}

export function preBody(
  sandbox: HisSandbox,
  p: TestPerson,
  overrides: Partial<HisRequests['/appointment/pre']> = {},
): HisRequests['/appointment/pre'] {
  return {
    user_name: p.name,
    user_id_no: p.idNo,
    user_phone_no: p.phone,
    hospital_id: '02',
    appt_date: day(sandbox, 3),
    time_slot: '09:00-09:30',
    pay_way: 'wepay',
    pay_status: 0,
    create_time: sandbox.clock.now().format('YYYY-MM-DD HH:mm:ss'),
    data_source: 'w1',
    ...overrides,
  };
}

export interface Booked {
  apptId: string;
  patientId: string;
  visitId: string;
}

export async function book(his: HisClient, body: HisRequests['/appointment/pre']): Promise<Booked> {
  const pre = await his.ok('/appointment/pre', body);
  const apptId = pre.data?.appt_id ?? '';
  const info = await his.ok('/appointment/info/get', { appt_id: apptId });
  return { apptId, patientId: info.data?.patient.id ?? '', visitId: info.data?.patient.visit_id ?? '' };
}

export function newPaymentBody(b: Booked, overrides: Partial<HisRequests['/cpay/newPayment']> = {}): HisRequests['/cpay/newPayment'] {
  return { patient_id: b.patientId, visit_id: b.visitId, appt_id: b.apptId, op_flag: 1, pay_way: 'wepay', data_source: 'w1', total: 40, ...overrides };
}

export function confirmBody(
  sandbox: HisSandbox,
  b: Booked,
  hisOrderNo: string,
  overrides: Partial<HisRequests['/appointment/confirm']> = {},
): HisRequests['/appointment/confirm'] {
  return {
    appt_id: b.apptId,
    business_no: `4200009999${b.apptId}`,
    his_order_no: hisOrderNo,
    pay_way: 'wepay',
    pay_total: 40,
    pay_time: sandbox.clock.now().format('YYYY-MM-DD HH:mm:ss'),
    data_source: 'w1',
    ...overrides,
  };
}

/** Books, creates the payment order and confirms: the booking is 已确认. */
export async function bookPaid(sandbox: HisSandbox, his: HisClient, body: HisRequests['/appointment/pre']): Promise<Booked & { hisOrderNo: string; receiptId: string }> {
  const b = await book(his, body);
  const order = await his.ok('/cpay/newPayment', newPaymentBody(b));
  await his.ok('/appointment/confirm', confirmBody(sandbox, b, order.data.his_order_no));
  const info = await his.ok('/appointment/info/get', { appt_id: b.apptId });
  return { ...b, hisOrderNo: order.data.his_order_no, receiptId: info.data?.receipt_id ?? '' };
}
