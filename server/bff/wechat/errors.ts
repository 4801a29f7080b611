/**
 * Typed errors of the WeChat adapter. The BFF core maps them to its API errors; every one keeps what WeChat
 * answered (`raw`, trimmed) and, for WeChat Pay, the `Request-ID` WeChat support asks for.
 *
 * - WechatUnavailable         no usable answer: timeout, connection refused, HTTP 5xx, "system busy", rate limit
 *                             — the outcome of a write is UNKNOWN: query before deciding
 * - WechatLoginRejected       code2Session refused the code or the credentials (errcode 40029, 40163, 40013, 40125…)
 * - WechatApiRejected         getAccessToken / subscribeMessage.send refused (errcode 40001, 40003, 43101, 47003…)
 * - WechatPayRejected         WeChat Pay answered its error body `{code, message}` with HTTP 4xx
 * - WechatProtocolError       an answer that is not what the documentation says (not JSON, a field missing)
 * - WechatPayIntegrityError   an answer or a notification that cannot be trusted, one named subclass per check
 *                             (the habits of wechatpay-axios-plugin): headers incomplete, timestamp offset beyond
 *                             5 minutes, unknown serial, signature mismatch, decryption failed
 * - WechatNotificationMismatch  a genuine, decrypted notification about something else than expected
 *                             (another appid / mchid, an unknown order, another amount)
 */

export abstract class WechatError extends Error {
  /** What WeChat answered (or the cause), trimmed to 2 000 characters. */
  readonly raw: string | undefined;
  /** WeChat Pay's `Request-ID` answer header, when there was one. */
  readonly requestId: string | undefined;

  constructor(message: string, options: { raw?: string | undefined; requestId?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.raw = options.raw?.slice(0, 2_000);
    this.requestId = options.requestId;
  }
}

export type UnavailableReason = 'timeout' | 'network' | 'http5xx' | 'busy' | 'rateLimited';

export class WechatUnavailable extends WechatError {
  constructor(
    readonly api: string,
    readonly reason: UnavailableReason,
    message: string,
    options: { raw?: string | undefined; requestId?: string | undefined; cause?: unknown; status?: number; code?: string | number } = {},
  ) {
    super(message, options);
    this.status = options.status;
    this.code = options.code;
  }

  readonly status: number | undefined;
  /** WeChat's code when the failure came with one (SYSTEM_ERROR, errcode -1, 45011). */
  readonly code: string | number | undefined;
}

export class WechatLoginRejected extends WechatError {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    raw?: string,
  ) {
    super(`code2Session refused: ${errcode} ${errmsg}`, { raw });
  }
}

export class WechatApiRejected extends WechatError {
  constructor(
    readonly api: 'token' | 'subscribe',
    readonly errcode: number,
    readonly errmsg: string,
    raw?: string,
  ) {
    super(`${api} refused: ${errcode} ${errmsg}`, { raw });
  }
}

export class WechatPayRejected extends WechatError {
  constructor(
    readonly api: string,
    readonly status: number,
    readonly code: string,
    readonly wechatMessage: string,
    options: { raw?: string | undefined; requestId?: string | undefined; detail?: unknown } = {},
  ) {
    super(`${api}: HTTP ${status} ${code} ${wechatMessage}`, options);
    this.detail = options.detail;
  }

  /** PARAM_ERROR's `detail` ({field, value, issue, location}) when WeChat gave one. */
  readonly detail: unknown;
}

export class WechatProtocolError extends WechatError {
  constructor(
    readonly api: string,
    message: string,
    options: { raw?: string | undefined; requestId?: string | undefined; cause?: unknown } = {},
  ) {
    super(`${api}: ${message}`, options);
  }
}

export type IntegrityReason = 'HEADERS_INCOMPLETE' | 'TIMESTAMP_OFFSET' | 'UNKNOWN_SERIAL' | 'SIGNATURE_MISMATCH' | 'DECRYPTION_FAILED';

export abstract class WechatPayIntegrityError extends WechatError {
  abstract readonly reason: IntegrityReason;
}

/** Wechatpay-Timestamp, -Nonce, -Signature or -Serial is missing. */
export class WechatPayHeadersIncomplete extends WechatPayIntegrityError {
  readonly reason = 'HEADERS_INCOMPLETE';
}

/** Wechatpay-Timestamp is more than 5 minutes away from this server's clock (a replay, or a clock problem). */
export class WechatPayTimestampOffset extends WechatPayIntegrityError {
  readonly reason = 'TIMESTAMP_OFFSET';
}

/** Wechatpay-Serial is not the platform public key id this BFF was configured with. */
export class WechatPayUnknownSerial extends WechatPayIntegrityError {
  readonly reason = 'UNKNOWN_SERIAL';
}

/** The platform signature does not verify over `timestamp\nnonce\nbody\n`. */
export class WechatPaySignatureMismatch extends WechatPayIntegrityError {
  readonly reason = 'SIGNATURE_MISMATCH';
}

/** The AEAD_AES_256_GCM resource does not decrypt with the APIv3 key (or is not AEAD_AES_256_GCM at all). */
export class WechatPayDecryptionFailed extends WechatPayIntegrityError {
  readonly reason = 'DECRYPTION_FAILED';
}

export type MismatchField = 'appid' | 'mchid' | 'out_trade_no' | 'out_refund_no' | 'amount';

export class WechatNotificationMismatch extends WechatError {
  constructor(
    readonly field: MismatchField,
    readonly expected: string | number | undefined,
    readonly actual: string | number | undefined,
  ) {
    super(`notification ${field} mismatch: expected ${String(expected)}, got ${String(actual)}`);
  }
}
