/**
 * Seed of the reports domain: the reports of everything already paid or charged in the core (derive.ts), and
 * physical examinations — 张伟's two months ago with the report out, 王芳's booked for next week, 陈静's
 * cancelled, and a few of background patients (out, in progress, booked).
 */
import dayjs from 'dayjs';
import { age } from '../../state/builders';
import type { Patient } from '../../state/core';
import type { Rng } from '../../state/random';
import type { SeedContext } from '../../state/store';
import { syncReports } from './derive';
import { makePeisRecord, type PeisPlan } from './peis';
import type { ReportsState } from './state';

function packageFor(p: Patient, examDate: string): string {
  if (age(p, examDate) >= 50) return '中老年健康体检套餐';
  return p.sex === '男' ? '中青年男性健康体检套餐' : '中青年女性健康体检套餐';
}

function backgroundPlan(rng: Rng, p: Patient, examDate: string): PeisPlan {
  return {
    patient: p,
    packageName: packageFor(p, examDate),
    examDate,
    bookedDaysBefore: rng.int(3, 20),
    findings: { overweight: rng.chance(0.3), hypertension: age(p, examDate) >= 45 && rng.chance(0.3) },
  };
}

function peisPlans(ctx: SeedContext, rng: Rng): PeisPlan[] {
  const { store, today } = ctx;
  const day = (offset: number) => dayjs(today).add(offset, 'day').format('YYYY-MM-DD');
  const demo = (key: string) => store.patients().find((p) => p.demo === key);
  const plans: PeisPlan[] = [];
  const zhangwei = demo('zhangwei');
  if (zhangwei) {
    plans.push({
      patient: zhangwei,
      packageName: '中青年男性健康体检套餐',
      examDate: day(-60),
      bookedDaysBefore: 7,
      findings: { overweight: true, hypertension: true, lab: { TG: 'high', ALT: 'high' }, diagnoses: ['原发性高血压', '脂肪肝'] },
    });
  }
  const wangfang = demo('wangfang');
  if (wangfang) plans.push({ patient: wangfang, packageName: '入职体检套餐', examDate: day(5), bookedDaysBefore: 8, findings: {} });
  const chenjing = demo('chenjing');
  if (chenjing) plans.push({ patient: chenjing, packageName: '中青年女性健康体检套餐', examDate: day(-10), bookedDaysBefore: 20, cancelledDaysBefore: 2, findings: {} });
  const adults = store.patients().filter((p) => !p.demo && age(p, today) >= 20);
  const offsets = [-rng.int(90, 300), -rng.int(20, 40), -2, rng.int(1, 10)];
  rng.sample(adults, offsets.length).forEach((p, i) => plans.push(backgroundPlan(rng, p, day(offsets[i] ?? 0))));
  return plans;
}

export function seedReports(ctx: SeedContext): ReportsState {
  const slice: ReportsState = { reports: {}, bySource: {}, peis: {} };
  syncReports(ctx.store, slice);
  const rng = ctx.rng('reports');
  for (const plan of peisPlans(ctx, rng)) {
    const record = makePeisRecord(ctx.store, rng, plan);
    slice.peis[record.id] = record;
  }
  return slice;
}
