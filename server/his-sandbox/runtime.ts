/**
 * What a sandbox handler sees and how it answers.
 *
 * A handler gets the request body (already checked against the catalogue: required fields present, every field
 * of its documented type, null optional fields removed) and a context, and returns the payload of a success
 * answer — the response fields other than the envelope, typed by the generated catalogue types — or throws
 * `HisFail` for the endpoint's failure envelope. Handlers are synchronous, so each call changes the state
 * atomically: two concurrent bookings of the last place cannot both see it free.
 */
import type { Dayjs } from 'dayjs';
import type { HisPath, HisRequests, HisResponses } from '../his-catalogue/types.generated';
import type { Clock } from './clock';
import type { SandboxConfig } from './config';
import type { Store } from './state/store';

type EnvelopeKeys = 'head' | 'ResultCode' | 'ResultMsg' | 'code' | 'msg';

/** The success payload of an endpoint: its response without the envelope. */
export type Payload<P extends HisPath> = Omit<HisResponses[P], EnvelopeKeys>;

export interface HandlerContext {
  store: Store;
  clock: Clock;
  now: Dayjs;
  today: string;
  config: SandboxConfig;
  /** Public base URL of the sandbox including the HIS path prefix, for links it hands out (report PDFs…). */
  baseUrl: string;
  /** Overrides the success message of this answer (default: 成功 / 交互成功 …). */
  setMessage(msg: string): void;
}

export type Handler<P extends HisPath> = (req: HisRequests[P], ctx: HandlerContext) => Payload<P>;

export type HandlerMap = { [P in HisPath]: Handler<P> };

/** A business failure: answered with the endpoint's failure envelope and this message. */
export class HisFail extends Error {
  constructor(
    message: string,
    /** A specific failure code; the endpoint's default failure code when absent. */
    readonly code?: number,
  ) {
    super(message);
    this.name = 'HisFail';
  }
}

/** Fails unless `value` is a non-empty string: for required fields that must also carry a value. */
export function need(value: string | undefined, field: string): string {
  if (value === undefined || value.trim() === '') throw new HisFail(`参数不能为空：${field}`);
  return value.trim();
}

/** Amounts: HIS speaks yuan with at most two decimals; the sandbox keeps integer fen. */
export function toFen(yuan: number, field = 'total'): number {
  const fen = Math.round(yuan * 100);
  if (!Number.isFinite(yuan) || Math.abs(yuan * 100 - fen) > 1e-6) throw new HisFail(`金额格式错误：${field}最多两位小数`);
  return fen;
}

/** Fen as the HIS's yuan number: 1234 → 12.34. */
export function yuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** Fen as the HIS's yuan string with two decimals: 1234 → "12.34". */
export function yuanText(fen: number): string {
  return (Math.round(fen) / 100).toFixed(2);
}

/** Parses a documented "amount as string" field ("12.50"); fails on anything else. */
export function fenFromText(text: string, field: string): number {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) throw new HisFail(`金额格式错误：${field}`);
  return Math.round(Number(text) * 100);
}

export const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
export const WEEKDAYS_SHORT_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;
