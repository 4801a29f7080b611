/**
 * Seeds the NAT domain: places per slot and what other channels took over the next 7 days (with two fixed
 * slots for QA: 本院 tomorrow 08:00-08:30 full, 08:30-09:00 one place left), the test history of the demo
 * patients 张伟 and 王芳 and of background patients (completed tests with reports, a cancelled and refunded
 * booking, a lapsed one), and confirmed future bookings, among them 王芳's.
 *
 * Every booking goes through the same steps as at run time (book, pay, confirm, let time pass), dated relative
 * to the anchor day.
 */
import { DATETIME } from '../../clock';
import type { Patient } from '../../state/core';
import type { Rng } from '../../state/random';
import type { SeedContext, Store } from '../../state/store';
import { CAPACITY, DEFAULT_CAPACITY, NAT_SLOTS, REPORT_LANGUAGES, slotById, type NatSlot } from './catalog';
import { advance, cancelBooking, completeRefund, confirmBooking, openBooking, paymentOrder } from './lifecycle';
import { slotKey, windowDates } from './slots';
import type { NatBooking, NatState } from './state';
import { addDays, addMinutes, at } from './time';

/** QA fixtures (README): at 本院 tomorrow, slot01 is full and slot02 has one place left. */
export const FIXTURE_CAMPUS = '01';
export const FULL_SLOT_ID = 'slot01';
export const LAST_PLACE_SLOT_ID = 'slot02';

/** 王芳's confirmed booking: 本院, the day after tomorrow, 10:00-10:30. */
export const WANGFANG_BOOKING = { campus: '01', inDays: 2, slotId: 'slot05' } as const;

interface PastPlan {
  daysAgo: number;
  campus: string;
  slot: NatSlot;
  language?: string;
  payWay?: string;
}

function morningSlot(rng: Rng): NatSlot {
  return rng.pick(NAT_SLOTS.filter((s) => s.start < '12:00'));
}

function anySlot(rng: Rng): NatSlot {
  return rng.pick(NAT_SLOTS);
}

function transactionNo(rng: Rng, payWay: string, date: string): string {
  const day = date.replace(/-/g, '');
  return payWay === 'alipay' ? `${day}2200${rng.digits(16)}` : `42000${rng.digits(5)}${day}${rng.digits(10)}`;
}

function book(ctx: SeedContext, p: Patient, spec: { campus: string; date: string; slot: NatSlot; createdAt: string; language?: string; payWay?: string }): NatBooking {
  return openBooking(ctx.store, {
    patient: p,
    name: p.name,
    phone: p.phone,
    identity: { idType: '01', idNo: p.idNo, nationality: '1', sex: p.sex, birthday: p.birthday },
    hospitalId: spec.campus,
    date: spec.date,
    slot: spec.slot,
    reportLanguage: spec.language ?? '中文',
    payWay: spec.payWay ?? 'wepay',
    dataSource: 'w1',
    createTime: spec.createdAt,
    createdAt: spec.createdAt,
    payMinutes: ctx.config.natPayMinutes,
  });
}

function pay(store: Store, rng: Rng, p: Patient, b: NatBooking): void {
  const orderedAt = addMinutes(b.createdAt, 1);
  const order = paymentOrder(store, b, p, b.payWay, orderedAt);
  const paidAt = addMinutes(orderedAt, 1);
  confirmBooking(store, b, order, { businessNo: transactionNo(rng, b.payWay, paidAt.slice(0, 10)), payWay: b.payWay, payTime: paidAt, now: paidAt });
}

/** Booked the evening before (or early that morning), paid at once. */
function pastTest(ctx: SeedContext, rng: Rng, p: Patient, plan: PastPlan): NatBooking {
  const date = addDays(ctx.today, -plan.daysAgo);
  const createdAt = rng.chance(0.6)
    ? at(addDays(date, -1), `${rng.int(18, 22)}:${String(rng.int(0, 59)).padStart(2, '0')}`)
    : at(date, `07:${String(rng.int(0, 50)).padStart(2, '0')}`);
  const b = book(ctx, p, { campus: plan.campus, date, slot: plan.slot, createdAt, language: plan.language, payWay: plan.payWay });
  pay(ctx.store, rng, p, b);
  return b;
}

function seedPlaces(ctx: SeedContext, rng: Rng, nat: NatState): void {
  const campuses = ctx.store.core.campuses.filter((c) => c.natBookable);
  for (const c of campuses) nat.capacity[c.id] = CAPACITY[c.id] ?? DEFAULT_CAPACITY;
  windowDates(ctx.today).forEach((date, i) => {
    for (const c of campuses) {
      const cap = nat.capacity[c.id] ?? DEFAULT_CAPACITY;
      for (const slot of NAT_SLOTS) {
        const taken = rng.int(0, Math.floor(cap * (i === 0 ? 0.6 : 0.4)));
        if (taken > 0) nat.takenElsewhere[slotKey(c.id, date, slot.id)] = taken;
      }
    }
  });
  const tomorrow = addDays(ctx.today, 1);
  const cap = nat.capacity[FIXTURE_CAMPUS] ?? DEFAULT_CAPACITY;
  nat.takenElsewhere[slotKey(FIXTURE_CAMPUS, tomorrow, FULL_SLOT_ID)] = cap;
  nat.takenElsewhere[slotKey(FIXTURE_CAMPUS, tomorrow, LAST_PLACE_SLOT_ID)] = cap - 1;
}

function demoHistory(ctx: SeedContext, rng: Rng, demo: (key: string) => Patient | undefined): void {
  const zhangwei = demo('zhangwei');
  if (zhangwei) {
    pastTest(ctx, rng, zhangwei, { daysAgo: 126, campus: '01', slot: morningSlot(rng) });
    pastTest(ctx, rng, zhangwei, { daysAgo: 67, campus: '02', slot: anySlot(rng), language: '中英文', payWay: 'alipay' });
    pastTest(ctx, rng, zhangwei, { daysAgo: 18, campus: '01', slot: morningSlot(rng) });
  }
  const wangfang = demo('wangfang');
  if (wangfang) {
    pastTest(ctx, rng, wangfang, { daysAgo: 93, campus: '01', slot: anySlot(rng) });
    pastTest(ctx, rng, wangfang, { daysAgo: 35, campus: '01', slot: morningSlot(rng) });
    const slot = slotById(WANGFANG_BOOKING.slotId);
    if (slot) {
      const b = book(ctx, wangfang, {
        campus: WANGFANG_BOOKING.campus,
        date: addDays(ctx.today, WANGFANG_BOOKING.inDays),
        slot,
        createdAt: at(addDays(ctx.today, -1), '21:08'),
      });
      pay(ctx.store, rng, wangfang, b);
    }
  }
}

/** A slot for a future booking that leaves the QA fixtures untouched. */
function futureSlot(rng: Rng, campus: string, inDays: number): NatSlot {
  const slots = NAT_SLOTS.filter((s) => !(campus === FIXTURE_CAMPUS && inDays === 1 && (s.id === FULL_SLOT_ID || s.id === LAST_PLACE_SLOT_ID)));
  return rng.pick(slots);
}

function backgroundHistory(ctx: SeedContext, rng: Rng): void {
  const people = rng.sample(
    ctx.store.patients().filter((p) => !p.demo),
    12,
  );
  const campuses = ['01', '02'];
  people.forEach((p, i) => {
    const days = rng.sample(Array.from({ length: 150 }, (_, d) => d + 3), rng.int(1, 2));
    for (const daysAgo of days) {
      pastTest(ctx, rng, p, { daysAgo, campus: rng.pick(campuses), slot: anySlot(rng), language: rng.pick(REPORT_LANGUAGES).name, payWay: rng.pick(['wepay', 'wepay', 'alipay']) });
    }
    if (i < 3) {
      // confirmed, waiting for their day
      const inDays = rng.int(1, 5);
      const campus = rng.pick(campuses);
      const b = book(ctx, p, { campus, date: addDays(ctx.today, inDays), slot: futureSlot(rng, campus, inDays), createdAt: at(addDays(ctx.today, -1), `${rng.int(9, 21)}:${String(rng.int(10, 59))}`) });
      pay(ctx.store, rng, p, b);
    } else if (i === 3) {
      // paid, then cancelled and refunded
      const date = addDays(ctx.today, -rng.int(20, 40));
      const b = book(ctx, p, { campus: '01', date, slot: anySlot(rng), createdAt: at(addDays(date, -2), '10:20') });
      pay(ctx.store, rng, p, b);
      const cancelledAt = at(addDays(date, -1), '16:45');
      cancelBooking(b, cancelledAt, ctx.store.opaqueId());
      completeRefund(ctx.store, b, { businessNo: `50300${rng.digits(23)}`, refundTime: addMinutes(cancelledAt, 3), now: addMinutes(cancelledAt, 3) });
    } else if (i === 4) {
      // booked, never paid: lapsed
      const date = addDays(ctx.today, -rng.int(5, 15));
      book(ctx, p, { campus: '02', date, slot: anySlot(rng), createdAt: at(addDays(date, -1), '20:02') });
    }
  });
}

export function seedNat(ctx: SeedContext): NatState {
  const nat: NatState = { capacity: {}, takenElsewhere: {}, bookings: {} };
  // The booking steps below work on the store's slice, which the store only assigns after the seed returns.
  ctx.store.state.nat = nat;
  const rng = ctx.rng('nat');
  seedPlaces(ctx, rng, nat);
  demoHistory(ctx, rng, (key) => ctx.store.patients().find((p) => p.demo === key));
  backgroundHistory(ctx, rng);
  const now = ctx.now.format(DATETIME);
  for (const b of Object.values(nat.bookings)) advance(ctx.store, b, now);
  return nat;
}
