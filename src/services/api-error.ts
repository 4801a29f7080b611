import type { ErrorCode } from '@contract/api';

/** Failures decided on the device, never sent by the BFF. */
export type ClientErrorCode =
  | 'NETWORK_ERROR' // no answer at all: offline, DNS, refused, CORS
  | 'TIMEOUT' // no answer in time
  | 'CONSENT_REQUIRED'; // the privacy notice has not been accepted: nothing may be sent

export type ApiErrorCode = ErrorCode | ClientErrorCode;

const SERVER_CODES: readonly ErrorCode[] = [
  'VALIDATION',
  'UNAUTHORIZED',
  'SESSION_EXPIRED',
  'LOGIN_FAILED',
  'IDENTITY_MISMATCH',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'CONFLICT',
  'HIS_REJECTED',
  'HIS_UNAVAILABLE',
  'HIS_BUSY',
  'WECHAT_UNAVAILABLE',
  'INTERNAL',
];

/** What the patient reads when the server gave no usable message (or the failure is local). */
const DEFAULT_MESSAGES: Record<ApiErrorCode, string> = {
  VALIDATION: '填写的信息有误，请检查后重试',
  UNAUTHORIZED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  LOGIN_FAILED: '登录失败，请稍后重试',
  IDENTITY_MISMATCH: '信息不匹配，请核对后重试',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '没有找到相关内容',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONFLICT: '操作未能完成，请刷新后重试',
  HIS_REJECTED: '医院系统未能办理，请稍后重试或咨询窗口',
  HIS_UNAVAILABLE: '医院系统暂时无法访问，请稍后再试',
  HIS_BUSY: '排队中，请稍候',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  INTERNAL: '服务暂时不可用，请稍后再试',
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  TIMEOUT: '网络请求超时，请稍后重试',
  CONSENT_REQUIRED: '请先阅读并同意隐私政策',
};

export interface ApiErrorInit {
  status: number;
  code: ApiErrorCode;
  message?: string;
  requestId?: string;
  fields?: Record<string, string>;
}

/** Every failure of a BFF call, typed: pages decide by `code` and show `message` (always 简体中文). */
export class ApiError extends Error {
  /** HTTP status; 0 when no answer came (network, timeout, consent). */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly requestId: string | undefined;
  /** For VALIDATION: field name → message. */
  readonly fields: Record<string, string> | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message && isPatientReadable(init.message) ? init.message : DEFAULT_MESSAGES[init.code]);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.fields = init.fields;
    // keep instanceof working when the class is compiled down to ES5
    Object.setPrototypeOf(this, ApiError.prototype);
  }

  /** The session is gone: a silent login may fix it. */
  get isSessionError(): boolean {
    return this.code === 'UNAUTHORIZED' || this.code === 'SESSION_EXPIRED';
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** A message the patient can read: Chinese text, not an English stack or status line. */
function isPatientReadable(message: string): boolean {
  return /[\u4e00-\u9fff]/.test(message);
}

export function defaultMessage(code: ApiErrorCode): string {
  return DEFAULT_MESSAGES[code];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isServerCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (SERVER_CODES as readonly string[]).includes(value);
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'VALIDATION';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'RATE_LIMITED';
    default:
      return 'INTERNAL';
  }
}

function stringFields(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(value)) {
    if (typeof message === 'string') fields[name] = message;
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** An error answer of the BFF (an ApiErrorBody) or of anything in between (a proxy, a crash page) → ApiError. */
export function apiErrorFromResponse(status: number, body: unknown, headerRequestId?: string): ApiError {
  const parsed: Record<string, unknown> = isRecord(body) ? body : {};
  const code = isServerCode(parsed.code) ? parsed.code : codeForStatus(status);
  return new ApiError({
    status,
    code,
    message: isServerCode(parsed.code) && typeof parsed.message === 'string' ? parsed.message : undefined,
    requestId: typeof parsed.requestId === 'string' ? parsed.requestId : headerRequestId,
    fields: stringFields(parsed.fields),
  });
}
