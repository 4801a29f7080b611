/**
 * Seeds the inpatient slice around the core's stays:
 * - admission certificates (住院证, ids 9100001…): 张伟 pending for 消化内科 (胃息肉, endoscopic resection),
 *   李秀英 used for her current 心血管内科 stay, a background patient pending for 骨科, one lapsed (已作废);
 * - admission bookings (住院预约, ids 810001…): 李秀英 processed (1) by her stay, the same 骨科 background
 *   patient booked (9, bed arranged), one pending (0) and one cancelled (-1);
 * - the ward-charge bookkeeping of every open stay.
 * Ids are serials of their own, so they do not move when another domain seeds more.
 */
import dayjs from 'dayjs';
import { DATE, DATETIME } from '../../clock';
import { age } from '../../state/builders';
import type { Patient } from '../../state/core';
import type { Rng } from '../../state/random';
import type { SeedContext, Store } from '../../state/store';
import { BOOKING_ID_START, BOOKING_STATUS, CERTIFICATE_ID_START, CERTIFICATE_STATUS, type AdmissionBooking, type AdmissionCertificate, type InpatientState } from './state';
import { CERTIFICATE_VALID_DAYS, lastChargedDay } from './ward';

/** A time on a day relative to the anchor: `at(today, -3, '10:22:15')`. */
function at(today: string, days: number, time: string): string {
  return `${dayjs(today).add(days, 'day').format(DATE)} ${time}`;
}

function booking(store: Store, p: Patient, spec: Pick<AdmissionBooking, 'deptId' | 'bedCategory' | 'remark' | 'status' | 'createdAt' | 'handledAt' | 'cancelReason' | 'visitNo'>): AdmissionBooking {
  return {
    id: store.serial('ipAppointment', BOOKING_ID_START),
    name: p.name,
    sex: p.sex,
    birthday: p.birthday,
    idNo: p.idNo,
    phone: p.phone,
    address: p.address,
    ...spec,
  };
}

function certificate(store: Store, spec: Omit<AdmissionCertificate, 'id'>): AdmissionCertificate {
  return { id: store.serial('admissionCertificate', CERTIFICATE_ID_START), ...spec };
}

function doctorOf(store: Store, rng: Rng, deptId: string): string {
  return rng.pick(store.core.doctors.filter((d) => d.deptId === deptId)).name;
}

/** Adults of the background who have never been in hospital, in a seeded order: those over 40 first. */
function backgroundCandidates(store: Store, rng: Rng, today: string): Patient[] {
  const withStay = new Set(Object.values(store.core.stays).map((s) => s.patientId));
  const adults = store.patients().filter((p) => !p.demo && !withStay.has(p.id) && age(p, today) >= 18);
  const older = adults.filter((p) => age(p, today) >= 40);
  const younger = adults.filter((p) => age(p, today) < 40);
  return [...rng.sample(older, older.length), ...rng.sample(younger, younger.length)];
}

function demo(store: Store, key: string): Patient {
  const p = store.patients().find((x) => x.demo === key);
  if (!p) throw new Error(`demo patient ${key} missing`);
  return p;
}

export function seedInpatient(ctx: SeedContext): InpatientState {
  const { store, today } = ctx;
  const rng = ctx.rng('inpatient');
  const state: InpatientState = { bookings: {}, certificates: {}, chargedThrough: {} };
  const stays = Object.values(store.core.stays);
  for (const s of stays) if (!s.dischargeDate) state.chargedThrough[s.visitNo] = lastChargedDay(s);

  const zhangwei = demo(store, 'zhangwei');
  const lixiuying = demo(store, 'lixiuying');
  const liStay = stays.find((s) => s.patientId === lixiuying.id && !s.dischargeDate);
  if (!liStay) throw new Error('inpatient seed: 李秀英 has no current stay');
  const [knee, pending, cancelled, lapsed] = backgroundCandidates(store, rng, today);
  if (!knee || !pending || !cancelled || !lapsed) throw new Error('inpatient seed: not enough background patients');

  // Certificates: the one 张伟's gastroenterologist wrote at his visit three days ago.
  const giVisit = Object.values(store.core.visits).find((v) => v.patientId === zhangwei.id && v.deptId === '1003');
  const giDoctor = giVisit ? store.doctor(giVisit.doctorId)?.name : undefined;
  const giTime = giVisit ? dayjs(giVisit.visitTime).add(18, 'minute').format(DATETIME) : at(today, -3, '14:53:00');
  const certs: AdmissionCertificate[] = [
    certificate(store, { patientId: zhangwei.id, deptId: '1003', bedCategory: '普通病房（三人间）', diagnosis: '胃息肉（拟行内镜下切除术）', doctorName: giDoctor ?? doctorOf(store, rng, '1003'), applyTime: giTime, prepayFen: 300000, status: CERTIFICATE_STATUS.pending, closedAt: '', visitNo: '', machineNo: '' }),
    certificate(store, { patientId: lixiuying.id, deptId: liStay.deptId, bedCategory: liStay.bedCategory, diagnosis: liStay.diagnosis, doctorName: liStay.doctorName, applyTime: `${liStay.admissionDate} 08:41:26`, prepayFen: 500000, status: CERTIFICATE_STATUS.admitted, closedAt: `${liStay.admissionDate} 09:05:47`, visitNo: liStay.visitNo, machineNo: 'ZZRY-01' }),
    certificate(store, { patientId: knee.id, deptId: '2002', bedCategory: '普通病房（三人间）', diagnosis: '膝骨关节炎（拟行全膝关节置换术）', doctorName: doctorOf(store, rng, '2002'), applyTime: at(today, -2, '10:32:08'), prepayFen: 1000000, status: CERTIFICATE_STATUS.pending, closedAt: '', visitNo: '', machineNo: '' }),
    certificate(store, { patientId: lapsed.id, deptId: '2001', bedCategory: '普通病房（三人间）', diagnosis: '胆囊结石（拟行腹腔镜胆囊切除术）', doctorName: doctorOf(store, rng, '2001'), applyTime: at(today, -45, '15:06:40'), prepayFen: 500000, status: CERTIFICATE_STATUS.void, closedAt: at(today, CERTIFICATE_VALID_DAYS - 45, '15:06:40'), visitNo: '', machineNo: '' }),
  ];
  for (const c of certs) state.certificates[c.id] = c;

  const bookings: AdmissionBooking[] = [
    booking(store, lixiuying, { deptId: liStay.deptId, bedCategory: liStay.bedCategory, remark: '胸闷反复发作，门诊建议住院', status: BOOKING_STATUS.processed, createdAt: `${dayjs(liStay.admissionDate).subtract(2, 'day').format(DATE)} 20:16:33`, handledAt: `${liStay.admissionDate} 09:05:47`, cancelReason: '', visitNo: liStay.visitNo }),
    booking(store, knee, { deptId: '2002', bedCategory: '普通病房（三人间）', remark: '右膝疼痛多年，门诊建议手术治疗', status: BOOKING_STATUS.booked, createdAt: at(today, -4, '19:42:10'), handledAt: at(today, -2, '11:05:00'), cancelReason: '', visitNo: '' }),
    booking(store, pending, { deptId: '1005', bedCategory: '双人间', remark: '反复头晕，希望住院系统检查', status: BOOKING_STATUS.pending, createdAt: at(today, -1, '21:08:54'), handledAt: '', cancelReason: '', visitNo: '' }),
    booking(store, cancelled, { deptId: '2001', bedCategory: '单人间', remark: '', status: BOOKING_STATUS.cancelled, createdAt: at(today, -12, '09:27:31'), handledAt: at(today, -10, '16:44:02'), cancelReason: '已在外院住院治疗', visitNo: '' }),
  ];
  for (const b of bookings) state.bookings[b.id] = b;
  return state;
}
