/**
 * The BFF's log options (pino, through Fastify): a request id on every line, and no personal data in any line —
 * tokens and secrets removed, ID numbers, mobile numbers and names masked wherever they appear (known fields,
 * URLs, free text).
 */
import type { FastifyServerOptions } from 'fastify';
import type { LoggerOptions } from 'pino';
import { maskIdNo, maskName, maskPhone, maskText } from '../../../common/masking';

const SECRET_KEYS = new Set(['authorization', 'cookie', 'token', 'sessionkey', 'session_key', 'secret', 'sign', 'paysign', 'code', 'js_code', 'apiv3key', 'privatekey']);
const NAME_KEYS = new Set(['name', 'patient_name', 'patientname', 'user_name', 'username', 'nickname', 'holder', 'holdername']);
const ID_KEYS = new Set(['id_no', 'idno', 'user_id_no', 'idcard', 'id_card']);
const PHONE_KEYS = new Set(['phone', 'phone_no', 'phoneno', 'user_phone_no', 'mobile']);

const REDACTED = '[redacted]';

/** A copy of a log object with personal data masked and secrets removed, at any depth. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function maskLogValue(value: unknown, key = '', depth = 0): unknown {
  if (depth > 8) return '[deep]';
  const k = key.toLowerCase();
  if (typeof value === 'string') {
    if (SECRET_KEYS.has(k)) return REDACTED;
    if (NAME_KEYS.has(k)) return maskName(value);
    if (ID_KEYS.has(k)) return maskIdNo(value);
    if (PHONE_KEYS.has(k)) return maskPhone(value);
    return maskText(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskLogValue(v, key, depth + 1));
  // Only plain objects are walked: requests, replies and errors go to their serializers, which mask themselves.
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) {
      out[childKey] = SECRET_KEYS.has(childKey.toLowerCase()) && child !== undefined ? REDACTED : maskLogValue(child, childKey, depth + 1);
    }
    return out;
  }
  return value;
}

export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  const options: LoggerOptions & { stream?: { write(line: string): void } } = {
    level,
    formatters: {
      log: (object) => maskLogValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as typeof args;
        method.apply(this, masked);
      },
    },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: typeof req.url === 'string' ? maskText(req.url) : undefined }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error & { code?: unknown; statusCode?: unknown }) => ({
        type: err.name,
        message: maskText(err.message),
        code: err.code,
        statusCode: err.statusCode,
        stack: typeof err.stack === 'string' ? maskText(err.stack) : undefined,
      }),
    },
    ...(stream ? { stream } : {}),
  };
  return options;
}
