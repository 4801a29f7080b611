/** Taking the number of a confirmed booking on its day (/offerNumber): the booking becomes a registration. */
import type { Dayjs } from 'dayjs';
import type { SandboxConfig } from '../../config';
import { makeRegistration } from '../../state/builders';
import type { Registration } from '../../state/core';
import type { Store } from '../../state/store';
import { HisFail, need } from '../../runtime';
import { checkCardUsable, generalClinicDoctor, nowText, sessionById, sessionOpenToday } from '../registration/clinic';
import { requireBooking, STATUS, STATUS_TEXTS } from './bookings';
import type { Booking } from './state';

function refuseStatus(b: Booking): void {
  switch (b.status) {
    case STATUS.confirmed:
      return;
    case STATUS.unconfirmed:
      throw new HisFail('预约尚未支付挂号费，不能取号');
    case STATUS.taken:
      throw new HisFail('该预约已取号，请勿重复取号');
    case STATUS.checkedIn:
    case STATUS.seen:
      throw new HisFail(`该预约${STATUS_TEXTS[b.status]}，不能取号`);
    case STATUS.noShow:
      throw new HisFail('该预约已违约，不能取号');
    default:
      throw new HisFail('该预约已取消，不能取号');
  }
}

export function offerNumber(store: Store, config: SandboxConfig, now: Dayjs, appointmentId: string, patientId: string): { booking: Booking; registration: Registration } {
  const patient = store.requirePatient(need(patientId, 'patient_id'));
  const booking = requireBooking(store, need(appointmentId, 'appointment_id'));
  if (booking.patientId !== patient.id) throw new HisFail('该预约记录不属于该患者');
  checkCardUsable(patient.cardStatus);
  refuseStatus(booking);
  const today = now.format('YYYY-MM-DD');
  if (booking.date > today) throw new HisFail(`未到就诊日期，请于${booking.date}当天取号`);
  if (booking.date < today) throw new HisFail('已过就诊日期，不能取号');
  const session = sessionById(booking.durationId);
  if (!session || !sessionOpenToday(config, booking.date, session, now)) throw new HisFail(`${session?.name ?? ''}门诊已结束，不能取号`);

  const registration = makeRegistration(store, {
    patientId: patient.id,
    deptId: booking.deptId,
    // A booking of the 普通门诊 (no specified doctor) is seen by the doctor who staffs it.
    doctorId: booking.doctorId || generalClinicDoctor(store, booking.deptId).id,
    registerTypeId: booking.clinicId,
    registerTypeName: booking.clinicName,
    visitDate: booking.date,
    visitTime: session.name,
    feeFen: booking.feeFen,
    scheduleId: booking.scheduleId,
    source: 'appointment',
    businessNo: booking.businessNo,
    createdAt: nowText(now),
    // The booking's 预约序号 is its place in the doctor's queue.
    queueNo: booking.queueNo,
  });
  booking.status = STATUS.taken;
  booking.statusText = '';
  booking.visitId = registration.id;
  return { booking, registration };
}
