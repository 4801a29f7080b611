/** The HIS sandbox's settings: from code (tests), or from flags and environment (main.ts). */
import { randomBytes } from 'node:crypto';
import type { FaultSpec } from './faults';

export interface SandboxConfig {
  /** Seed of the demo data; the same seed and day give the same data. */
  seed: number;
  /** Key of the MD5 sign of /recharge and /recipeCharge (see server/his-catalogue/sign.ts). */
  signKey: string;
  /** Path prefix of the HIS endpoints, e.g. `/his` → `POST /his/getPatient`. Empty by default. */
  prefix: string;
  /** Token of the admin API (`/__sandbox/*`); random unless given. */
  adminToken: string;
  /** The hospital's time zone: "today", schedules and deadlines are read in it. */
  timeZone: string;
  /**
   * `real`: same-day registration offers only the sessions that have not ended yet (a real hospital at 22:00
   * offers nothing). `always`: every session of today stays open, so that QA can register at any hour.
   */
  sessionHours: 'always' | 'real';
  /** Minutes a /registerPre holds a place before it is released. */
  registerHoldMinutes: number;
  /** PREPAY_MINUTES of /new: minutes to pay an appointment before it lapses. */
  prepayMinutes: number;
  /** Minutes to pay a NAT booking before it lapses. */
  natPayMinutes: number;
  /** When set, the state is loaded from this file at start (if it exists) and saved to it on stop. */
  snapshotFile?: string;
  /** Base URL for links the sandbox hands out (report PDFs); default: from the request's Host header. */
  publicUrl?: string;
  /** Faults active from start-up (and again after a reset). */
  faults: FaultSpec[];
  /** Log every request (pino, to stdout). */
  logRequests: boolean;
}

export const DEFAULT_SIGN_KEY = 'his-sandbox-sign-key';

export function sandboxConfig(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  const config: SandboxConfig = {
    seed: 20261129,
    signKey: DEFAULT_SIGN_KEY,
    prefix: '',
    adminToken: randomBytes(12).toString('hex'),
    timeZone: 'Asia/Shanghai',
    sessionHours: 'always',
    registerHoldMinutes: 10,
    prepayMinutes: 15,
    natPayMinutes: 30,
    faults: [],
    logRequests: false,
    ...overrides,
  };
  if (config.prefix !== '' && !/^\/[A-Za-z0-9_\-/]*[A-Za-z0-9_-]$/.test(config.prefix)) {
    throw new Error(`prefix must look like /his (got ${config.prefix})`);
  }
  if (config.prefix === '/__sandbox') throw new Error('prefix /__sandbox is taken by the admin API');
  for (const [name, v] of Object.entries({
    registerHoldMinutes: config.registerHoldMinutes,
    prepayMinutes: config.prepayMinutes,
    natPayMinutes: config.natPayMinutes,
  })) {
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  }
  if (!config.signKey) throw new Error('signKey must not be empty');
  if (!config.adminToken) throw new Error('adminToken must not be empty');
  return config;
}
