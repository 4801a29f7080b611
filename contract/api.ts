/**
 * The BFF's HTTP API: request and response bodies, shared by the BFF (which validates them with schemas) and the
 * mini-program (types only). Everything under `/api/v1`; every error is an `ApiErrorBody` with a stable code.
 *
 * Dates are ISO 8601 strings; amounts (from the money issues on) integer fen.
 */

/** Stable error codes: the app decides what to do by these, and shows `message` (简体中文) to the patient. */
export type ErrorCode =
  | 'VALIDATION' //         a field is wrong: `fields` names it
  | 'UNAUTHORIZED' //       no or unknown session token: log in
  | 'SESSION_EXPIRED' //    the session timed out or was revoked: log in again (the app does it silently once)
  | 'LOGIN_FAILED' //       WeChat refused the login code (used, expired, invalid)
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED' //       too many attempts: `message` says when to try again
  | 'CONFLICT'
  | 'HIS_REJECTED' //       the hospital's system said no: `message` carries its reason
  | 'HIS_UNAVAILABLE' //    the hospital's system does not answer (timeout, error, circuit open)
  | 'HIS_BUSY' //           too many calls waiting for the hospital's system: "排队中，请稍候"
  | 'WECHAT_UNAVAILABLE'
  | 'INTERNAL';

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  /** For VALIDATION: field name → message, shown at the field. */
  fields?: Record<string, string>;
}

// ---- auth ------------------------------------------------------------------------------------------------

/** POST /api/v1/auth/login — `code` from wx.login (weapp) or from the WeChat sandbox (H5). */
export interface LoginRequest {
  code: string;
}

export interface UserView {
  id: string;
  createdAt: string;
}

export interface LoginResponse {
  /** Opaque bearer token: `Authorization: Bearer <token>`. */
  token: string;
  expiresAt: string;
  user: UserView;
}

/** GET /api/v1/me */
export interface MeResponse {
  user: UserView;
  session: { expiresAt: string };
}

// POST /api/v1/auth/logout → 204, revokes the session of the token it is called with.

// ---- hospital (reference data) ----------------------------------------------------------------------------

export interface CampusView {
  id: string;
  name: string;
}

/** GET /api/v1/hospital/campuses */
export interface CampusesResponse {
  campuses: CampusView[];
}

export interface DepartmentView {
  id: string;
  name: string;
  /** Where it is, e.g. 本院门诊楼2楼A区. */
  location: string;
  campusId: string;
  campusName: string;
}

/** GET /api/v1/hospital/departments?campusId=01 */
export interface DepartmentsResponse {
  departments: DepartmentView[];
}
