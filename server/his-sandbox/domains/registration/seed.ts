import type { Patient } from '../../state/core';
import type { SeedContext } from '../../state/store';
import { registerOnSchedule } from './registrations';
import { generateSameDaySchedules } from './schedules';
import { at, deptSuitsInSeed, nowText } from './clinic';
import type { RegistrationState, SameDaySchedule } from './state';

/**
 * Today's same-day schedules, and a few online registrations of today: 王芳 at the 妇科 普通门诊 (下午), not
 * seen yet (so /getVisitInfo shows it refundable), and some background patients.
 */
export function seedRegistration(ctx: SeedContext): RegistrationState {
  const { store, today } = ctx;
  const slice: RegistrationState = { days: [], schedules: {}, holds: [] };
  store.state.registration = slice;
  generateSameDaySchedules(store, today);

  const rng = ctx.rng('registration');
  const now = nowText(ctx.now);
  const todays = Object.values(slice.schedules).filter((s) => s.date === today);
  // Seeded registrations never make a schedule full or leave it one place short: those are the documented cases.
  const roomy = (s: SameDaySchedule) => s.registerCount <= s.limit - 3;
  const book = (patient: Patient, schedule: SameDaySchedule, time: string) => {
    schedule.registerCount += 1;
    const createdAt = [at(today, time), now].sort()[0] ?? now;
    registerOnSchedule(store, schedule, patient, { businessNo: `WX${store.serial('sameDayBusinessNo', 42000000)}`, createdAt });
  };

  const wangfang = store.patients().find((p) => p.demo === 'wangfang');
  const gyn = todays.find((s) => s.deptId === '3001' && s.general && s.session === '下午');
  if (wangfang && gyn && roomy(gyn)) book(wangfang, gyn, '07:46');

  const background = store.patients().filter((p) => !p.demo);
  for (const patient of rng.sample(background, 6)) {
    const schedule = rng.pick(todays.filter((s) => deptSuitsInSeed(store.requireDepartment(s.deptId), patient, today)));
    if (roomy(schedule)) book(patient, schedule, `0${rng.int(6, 9)}:${String(rng.int(10, 59))}`);
  }
  return slice;
}
