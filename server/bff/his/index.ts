/**
 * The BFF's one way to the hospital's HIS. The rest of the BFF imports only this file:
 *
 *   const his = createHis({ ...config.his, logger: app.log });
 *   const campuses = await his.reference.campuses({ requestId: request.id });
 *   await his.ping({ requestId: 'readyz' });       // throws a HisError when the HIS cannot be reached
 *   his.stats();                                    // in flight, peak, queued, breaker, calls, cache
 *   await his.close();                              // on shutdown, after the server has stopped taking requests
 *
 * HIS field names, envelopes, string codes, signs and yuan stay inside this folder; callers get domain types
 * (types.ts) and typed errors (errors.ts). `raw` holds one typed function per catalogue endpoint, for the domain
 * modules of this folder.
 */
import { createTtlCache, passThroughCache, type CacheStats } from './cache';
import { createHisClient, type HisCallContext, type HisClientOptions, type HisClientStats } from './client';
import { hisEndpoints, type HisEndpoints } from './endpoints.generated';
import { createMoney, MONEY_ORDER_DEFAULTS, type HisMoney, type MoneyOrderSource } from './money';
import { createPatients, type HisPatients } from './patients';
import { createReference, REFERENCE_TTL_DEFAULTS, type HisReference, type ReferenceTtl } from './reference';

export interface HisOptions extends HisClientOptions {
  /** Most keys kept by the reference cache. */
  cacheMaxEntries?: number;
  /** `false`: no reference cache and no coalescing — every read goes to HIS (the bench measures the BFF's own cost so). */
  cache?: boolean;
  /** TTLs of the reference data, over the defaults. */
  ttl?: Partial<ReferenceTtl>;
  /** Timeout of `ping()`: /readyz must answer quickly. */
  pingTimeoutMs?: number;
  /** What /paymentNew says about who creates the order, over MONEY_ORDER_DEFAULTS (hpalm / hpalm / w1 / 微信公众号). */
  money?: Partial<MoneyOrderSource>;
}

export interface HisStats extends HisClientStats {
  cache: CacheStats;
}

export interface His {
  reference: HisReference;
  patients: HisPatients;
  money: HisMoney;
  raw: HisEndpoints;
  /** A cheap uncached read (/getHospital), not retried: resolves when the HIS answers as it should. */
  ping(ctx?: HisCallContext): Promise<void>;
  stats(): HisStats;
  /** Refuses new calls, aborts those in flight and empties the cache. */
  close(): Promise<void>;
}

export function createHis(options: HisOptions): His {
  const client = createHisClient(options);
  const cache = options.cache === false ? passThroughCache() : createTtlCache({ maxEntries: options.cacheMaxEntries ?? 1_000 });
  const raw = hisEndpoints(client.call);
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  return {
    reference: createReference(raw, cache, { ...REFERENCE_TTL_DEFAULTS, ...options.ttl }),
    patients: createPatients(raw),
    money: createMoney(raw, { ...MONEY_ORDER_DEFAULTS, ...options.money }),
    raw,
    async ping(ctx = { requestId: 'ping' }) {
      await raw.getHospital({}, { timeoutMs: pingTimeoutMs, retries: 0, ...ctx });
    },
    stats: () => ({ ...client.stats(), cache: cache.stats() }),
    async close() {
      await client.close();
      cache.clear();
    },
  };
}

export { HIS_CLIENT_DEFAULTS, type HisCallContext, type HisClientOptions, type HisClientStats, type HisLogger } from './client';
export { REFERENCE_TTL_DEFAULTS, type HisReference, type ReferenceTtl } from './reference';
export type { Campus, Department, Doctor, Sex, TodayDepartment } from './types';
export type { Bill, BillGroup, FeeItem, FeeVisit, MoneyAccount, PaidFeeItem, Receipt, RechargeRecord } from './types';
export {
  HisInconsistentAmountsError,
  MONEY_ORDER_DEFAULTS,
  type AccountQuery,
  type AmountMismatch,
  type AppliedQuery,
  type BillQuery,
  type CreateOrderInput,
  type GroupCheck,
  type GroupPayment,
  type HisMoney,
  type MoneyOrderSource,
  type OrderStatusUpdate,
  type PayGroupsInput,
  type RechargeInput,
  type VisitQuery,
  type VisitRef,
} from './money';
export type { HisPatient, HisPatients, NewCardInput, PatientKind, PatientQuery } from './patients';
export {
  HisBusyError,
  HisError,
  HisProtocolError,
  HisRejectedError,
  HisTimeoutError,
  HisUnavailableError,
  type HisBusyReason,
  type HisProblem,
  type HisProtocolReason,
  type HisUnavailableReason,
} from './errors';
export type { HisEndpoints } from './endpoints.generated';
export type { CacheStats } from './cache';
