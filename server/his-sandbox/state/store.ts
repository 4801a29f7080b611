/**
 * The sandbox's state and the helpers every domain uses on it: ids, lookups, seeding, reset and snapshots.
 *
 * The state is one JSON-serialisable object: the shared core (core.ts) plus one slice per domain
 * (`domains/<name>/state.ts`). Seeding is deterministic for a seed number and an anchor day ("today" when the
 * sandbox started or was reset): every date in the demo data is relative to it.
 */
import type { Dayjs } from 'dayjs';
import type { Clock } from '../clock';
import type { SandboxConfig } from '../config';
import { HisFail } from '../runtime';
import type { AppointmentState } from '../domains/appointment/state';
import type { InpatientState } from '../domains/inpatient/state';
import type { NatState } from '../domains/nat/state';
import type { ReferenceState } from '../domains/reference/state';
import type { RegistrationState } from '../domains/registration/state';
import type { ReportsState } from '../domains/reports/state';
import type { Campus, CoreState, Department, Doctor, HisOrder, OutpatientVisit, Patient, Stay } from './core';
import { Rng } from './random';

export interface SandboxState {
  /** The day the demo data is anchored to (YYYY-MM-DD). */
  anchorDate: string;
  seed: number;
  /** Counters behind every generated id. */
  seq: Record<string, number>;
  core: CoreState;
  registration: RegistrationState;
  appointment: AppointmentState;
  nat: NatState;
  reports: ReportsState;
  inpatient: InpatientState;
  reference: ReferenceState;
}

export type SliceKey = 'registration' | 'appointment' | 'nat' | 'reports' | 'inpatient' | 'reference';

/** What a domain's seed function gets: the store with the core already seeded, and the anchor day. */
export interface SeedContext {
  store: Store;
  /** Independent deterministic random stream per name. */
  rng(name: string): Rng;
  today: string;
  now: Dayjs;
  clock: Clock;
  config: SandboxConfig;
}

export type CoreSeeder = (ctx: SeedContext) => CoreState;
export type SliceSeeders = { [K in SliceKey]: (ctx: SeedContext) => SandboxState[K] };

function seedSlice<K extends SliceKey>(state: SandboxState, key: K, seeders: SliceSeeders, ctx: SeedContext): void {
  state[key] = seeders[key](ctx);
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
const MOD = 32n ** 13n;
const MULT = 0x9e3779b97f4a7c15n % MOD | 1n; // odd, so the mapping below is a bijection mod 2^65

export class Store {
  state!: SandboxState;

  constructor(
    readonly config: SandboxConfig,
    readonly clock: Clock,
    private readonly seedCore: CoreSeeder,
    private readonly seedSlices: SliceSeeders,
  ) {
    this.reseed();
  }

  /** Builds the seeded state anew, anchored to the clock's today. */
  reseed(): void {
    const now = this.clock.now();
    const today = now.format('YYYY-MM-DD');
    // Seeders read the state as it grows (ids, the core); it is complete when this method returns.
    this.state = { anchorDate: today, seed: this.config.seed, seq: {} } as SandboxState;
    const ctx: SeedContext = {
      store: this,
      rng: (name) => new Rng(this.config.seed, name),
      today,
      now,
      clock: this.clock,
      config: this.config,
    };
    this.state.core = this.seedCore(ctx);
    for (const key of Object.keys(this.seedSlices) as SliceKey[]) seedSlice(this.state, key, this.seedSlices, ctx);
  }

  snapshot(): string {
    return JSON.stringify(this.state);
  }

  load(json: string): void {
    const parsed = JSON.parse(json) as Partial<SandboxState>;
    if (!parsed || typeof parsed !== 'object' || !parsed.core || !parsed.seq || typeof parsed.anchorDate !== 'string') {
      throw new Error('not a HIS sandbox snapshot');
    }
    this.state = parsed as SandboxState;
  }

  // ---- ids ----

  private next(tag: string): number {
    const n = (this.state.seq[tag] ?? 0) + 1;
    this.state.seq[tag] = n;
    return n;
  }

  /**
   * An opaque 16-character id in the style of the document's examples (`0G1PK1B72TN8S2L8`): unique across
   * the whole sandbox, deterministic for a seed.
   */
  opaqueId(): string {
    let n = (BigInt(this.next('opaque')) * MULT + BigInt(this.config.seed)) % MOD;
    let s = '';
    for (let i = 0; i < 13; i += 1) {
      s = ALPHABET[Number(n % 32n)] + s;
      n /= 32n;
    }
    return `0G1${s}`;
  }

  /** A numeric serial: `serial('card', 5000100000)` → "5000100001", "5000100002"… */
  serial(tag: string, start: number): string {
    return String(start + this.next(tag));
  }

  /** A number that counts per key (queue numbers per schedule, …), starting at 1. */
  counter(key: string): number {
    return this.next(`counter:${key}`);
  }

  // ---- core lookups ----

  get core(): CoreState {
    return this.state.core;
  }

  patient(id: string): Patient | undefined {
    return this.state.core.patients[id];
  }

  requirePatient(id: string): Patient {
    const p = this.patient(id.trim());
    if (!p) throw new HisFail('未找到该患者信息');
    return p;
  }

  patients(): Patient[] {
    return Object.values(this.state.core.patients);
  }

  patientByCard(cardNo: string): Patient | undefined {
    return this.patients().find((p) => p.cardNo === cardNo);
  }

  patientByIdNo(idNo: string): Patient | undefined {
    const norm = idNo.trim().toUpperCase();
    return this.patients().find((p) => p.idNo === norm);
  }

  campus(id: string): Campus | undefined {
    return this.state.core.campuses.find((c) => c.id === id);
  }

  requireCampus(id: string): Campus {
    const c = this.campus(id);
    if (!c) throw new HisFail('院区不存在');
    return c;
  }

  department(id: string): Department | undefined {
    return this.state.core.departments.find((d) => d.id === id);
  }

  requireDepartment(id: string): Department {
    const d = this.department(id);
    if (!d) throw new HisFail('科室不存在');
    return d;
  }

  doctor(id: string): Doctor | undefined {
    return this.state.core.doctors.find((d) => d.id === id);
  }

  requireDoctor(id: string): Doctor {
    const d = this.doctor(id);
    if (!d) throw new HisFail('医生不存在');
    return d;
  }

  stay(visitNo: string): Stay | undefined {
    return this.state.core.stays[visitNo];
  }

  /** The patient's current stay, or else the latest one. */
  latestStay(patientId: string): Stay | undefined {
    const stays = Object.values(this.state.core.stays).filter((s) => s.patientId === patientId);
    return stays.find((s) => s.dischargeDate === '') ?? stays.sort((a, b) => b.admissionDate.localeCompare(a.admissionDate))[0];
  }

  visit(id: string): OutpatientVisit | undefined {
    return this.state.core.visits[id];
  }

  order(orderNo: string): HisOrder | undefined {
    return this.state.core.orders[orderNo];
  }
}
