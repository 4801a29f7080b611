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
  | 'IDENTITY_MISMATCH' //  the details given do not match the hospital's record (never says which one)
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

// ---- medical cards (就诊卡) ---------------------------------------------------------------------------------

/** Who the card holder is to the account holder. */
export type Relation = 'self' | 'parent' | 'spouse' | 'child' | 'other';

/** An outpatient card (就诊卡), or an inpatient identity bound by 住院号. */
export type CardKind = 'outpatient' | 'inpatient';

/** A bound card as lists show it: the holder's name masked. `id` is the binding's id, the only card id the app knows. */
export interface CardSummary {
  id: string;
  kind: CardKind;
  /** 张* */
  holderName: string;
  /** 就诊卡号, or 住院号 for an inpatient binding. */
  cardNo: string;
  relation: Relation;
  isDefault: boolean;
  boundAt: string;
}

/** GET /api/v1/cards */
export interface CardsResponse {
  cards: CardSummary[];
  /** Most cards one account may hold. */
  limit: number;
}

/** How an existing card is proven: card number + name + ID number, ID number + name + phone, or 住院号 + name. */
export type BindMethod = 'card' | 'phone' | 'inpatient';

/** POST /api/v1/cards/bind → 201 CardSummary */
export interface BindCardRequest {
  method: BindMethod;
  name: string;
  relation: Relation;
  /** method `card` */
  cardNo?: string;
  /** methods `card` and `phone` */
  idNo?: string;
  /** method `phone` */
  phone?: string;
  /** method `inpatient` */
  inpatientNo?: string;
}

/** POST /api/v1/cards — a new card issued online (or, when the hospital already has the ID number, that card bound). */
export interface CreateCardRequest {
  name: string;
  sex: '男' | '女';
  idNo: string;
  /** YYYY-MM-DD, the one in the ID number. */
  birthday: string;
  phone: string;
  workUnit: string;
  address: string;
  /** 电子健康卡 id, optional. */
  healthCardId?: string;
  relation: Relation;
}

export interface CreateCardResponse {
  card: CardSummary;
  /** false: the hospital already had this person, whose card was bound instead of issuing a second one. */
  created: boolean;
}

export interface InpatientView {
  inpatientNo: string;
  deptName: string;
  bedNo: string;
  admissionDate: string;
  /** '' while in hospital. */
  dischargeDate: string;
  /** Charges of the stay so far, fen. */
  totalFen: number;
}

/** GET /api/v1/cards/:id — the holder's own screen: full name, ID number and phone masked. */
export interface CardDetail extends CardSummary {
  name: string;
  sex: string;
  age: number;
  /** 520***********0358 */
  idNoMasked: string;
  /** 138****8001 */
  phoneMasked: string;
  /** Card balance (outpatient) or deposit balance (inpatient), fen. */
  balanceFen: number;
  /** The hospital's card status code, its name, and what it means for the patient. */
  status: number;
  statusName: string;
  statusHint: string;
  canRecharge: boolean;
  /** Why not, when canRecharge is false. */
  noRechargeReason?: string;
  inpatient?: InpatientView;
}

/** PATCH /api/v1/cards/:id — contact details (phone, sent to the hospital) and the relation (kept here). */
export interface UpdateCardRequest {
  phone?: string;
  relation?: Relation;
}

// PUT /api/v1/cards/:id/default → 204 (the card the app acts on); DELETE /api/v1/cards/:id → 204 (unbind).
