/** Registrations made on a same-day schedule, for the seed and for /register. */
import { makeRegistration } from '../../state/builders';
import type { Patient, Registration } from '../../state/core';
import type { Store } from '../../state/store';
import type { SameDaySchedule } from './state';

/**
 * A core registration on `schedule` (its place must already be counted in registerCount). Its queue number
 * continues the schedule's own numbering, which starts after the window's registrations of the day.
 */
export function registerOnSchedule(store: Store, schedule: SameDaySchedule, patient: Patient, spec: { businessNo: string; createdAt: string }): Registration {
  const reg = makeRegistration(store, {
    patientId: patient.id,
    deptId: schedule.deptId,
    doctorId: schedule.doctorId,
    registerTypeId: schedule.registerTypeId,
    registerTypeName: schedule.registerTypeName,
    visitDate: schedule.date,
    visitTime: schedule.session,
    feeFen: schedule.feeFen,
    scheduleId: schedule.id,
    source: 'sameDay',
    businessNo: spec.businessNo,
    createdAt: spec.createdAt,
    queueNo: schedule.lastQueueNo + 1,
  });
  schedule.lastQueueNo = reg.queueNo;
  return reg;
}
