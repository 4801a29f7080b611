/**
 * Same-day schedules (当日挂号排班) of one day: one per outpatient doctor and session (most doctors work both),
 * the department's 普通门诊 per session, and a few 加号 schedules. Generated for the seed's day and again for
 * each new day the clock reaches, deterministically per date.
 *
 * Documented cases on 心血管内科 (1001), every day: its 科主任's 上午 schedule is full and has a 加号 schedule
 * beside it (5 places, 3 taken); its 普通门诊 上午 has exactly 1 place left. No other schedule is seeded full or
 * with a single place left. The 科主任 of 呼吸与危重症医学科 (1002) and of 儿科 (4001) also have a 上午 加号
 * schedule every day, and a few other departments' on some days.
 */
import type { Department, Doctor } from '../../state/core';
import { Rng } from '../../state/random';
import type { Store } from '../../state/store';
import { findGeneralClinicDoctor, SESSIONS, type Session } from './clinic';
import type { SameDaySchedule } from './state';

const SHOWCASE_DEPT_ID = '1001';
/** Departments whose 科主任 has a 加号 schedule (上午) every day, beside the showcase's. */
const EXTRA_PLACES_DEPT_IDS = ['1002', '4001'];

const LIMITS: Record<string, [number, number]> = {
  '4': [20, 20],
  '3': [25, 30],
  '2': [30, 35],
  '1': [35, 40],
};
const GENERAL_CLINIC_LIMIT = 60;

interface Plan {
  dept: Department;
  session: Session;
  doctor: Doctor;
  general: boolean;
  addFlag: 0 | 1;
  limit: number;
  taken: number;
}

function takenPart(rng: Rng, session: Session, limit: number): number {
  const [lo, hi] = session.id === '1' ? [45, 95] : [15, 70];
  // Random counts stop two short of full: the full and the one-left schedules are the documented ones.
  return Math.min(limit - 2, Math.round((limit * rng.int(lo, hi)) / 100));
}

function planDepartment(store: Store, rng: Rng, dept: Department): Plan[] {
  const doctors = store.core.doctors.filter((d) => d.deptId === dept.id);
  const generalDoctor = findGeneralClinicDoctor(store, dept.id);
  if (!generalDoctor) return [];
  const named = doctors.filter((d) => d.id !== generalDoctor.id);
  const showcase = dept.id === SHOWCASE_DEPT_ID;
  const head = named[0];
  const extraSession = EXTRA_PLACES_DEPT_IDS.includes(dept.id) ? SESSIONS[0] : !showcase && rng.chance(0.2) ? rng.pick(SESSIONS) : undefined;
  const plans: Plan[] = [];
  for (const session of SESSIONS) {
    for (const doctor of named) {
      const forced = showcase && doctor === head && session.id === '1';
      const withExtra = doctor === head && extraSession === session;
      if (!forced && !withExtra && !rng.chance(session.id === '1' ? 0.9 : 0.7)) continue;
      const [lo, hi] = LIMITS[doctor.registerTypeId] ?? [30, 30];
      const limit = rng.int(lo, hi);
      plans.push({ dept, session, doctor, general: false, addFlag: 0, limit, taken: forced ? limit : takenPart(rng, session, limit) });
      if (forced) plans.push({ dept, session, doctor, general: false, addFlag: 1, limit: 5, taken: 3 });
      else if (withExtra) plans.push({ dept, session, doctor, general: false, addFlag: 1, limit: rng.int(3, 5), taken: rng.int(0, 1) });
    }
    const taken = showcase && session.id === '1' ? GENERAL_CLINIC_LIMIT - 1 : takenPart(rng, session, GENERAL_CLINIC_LIMIT);
    plans.push({ dept, session, doctor: generalDoctor, general: true, addFlag: 0, limit: GENERAL_CLINIC_LIMIT, taken });
  }
  return plans;
}

function scheduleName(plan: Plan): string {
  const base = plan.general ? '普通门诊' : `${plan.doctor.name} ${plan.doctor.registerTypeName}`;
  return `${base}（${plan.session.name}${plan.addFlag ? '·加号' : ''}）`;
}

function scheduleCode(date: string, plan: Plan): string {
  const day = date.replace(/-/g, '');
  const who = plan.general ? `${plan.dept.id}PT` : plan.doctor.code;
  return `${day}${who}${plan.session.id}${plan.addFlag ? 'J' : ''}`;
}

/** Generates the same-day schedules of `date` into the slice (no-op when that day exists already). */
export function generateSameDaySchedules(store: Store, date: string): void {
  const slice = store.state.registration;
  if (slice.days.includes(date)) return;
  slice.days.push(date);
  const rng = new Rng(store.config.seed, `registration-day@${date}`);
  for (const dept of store.core.departments.filter((d) => d.outpatient)) {
    planDepartment(store, rng, dept).forEach((plan, i) => {
      const general = plan.general;
      const schedule: SameDaySchedule = {
        id: store.opaqueId(),
        code: scheduleCode(date, plan),
        name: scheduleName(plan),
        orderNo: i + 1,
        date,
        session: plan.session.name,
        deptId: dept.id,
        doctorId: plan.doctor.id,
        registerTypeId: general ? '1' : plan.doctor.registerTypeId,
        registerTypeName: general ? '普通号' : plan.doctor.registerTypeName,
        addFlag: plan.addFlag,
        general,
        limit: plan.limit,
        registerCount: plan.taken,
        lastQueueNo: plan.taken,
        feeFen: plan.doctor.feeFen,
      };
      slice.schedules[schedule.id] = schedule;
    });
  }
}

/** Drops the schedules of days long gone, so that a sandbox running for weeks keeps a small state. */
export function pruneSameDaySchedules(store: Store, before: string): void {
  const slice = store.state.registration;
  slice.days = slice.days.filter((d) => d >= before);
  for (const [id, s] of Object.entries(slice.schedules)) if (s.date < before) delete slice.schedules[id];
}
