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

// ---- orders and payment ----------------------------------------------------------------------------------

/**
 * The payment state machine (DESIGN.md §5): created → paying → paid → fulfilling → fulfilled; paid / fulfilling →
 * refunding → refunded; created / paying → closed; needs_review when it cannot be decided automatically.
 */
export type OrderState = 'created' | 'paying' | 'paid' | 'fulfilling' | 'fulfilled' | 'refunding' | 'refunded' | 'closed' | 'needs_review';
export type OrderKind = 'recharge' | 'outpatient';
export type PayMethod = 'wechat' | 'balance';

/**
 * What wx.requestPayment takes, signed by the BFF. The H5 build hands the same parameters (with the appId they were
 * signed for) to the WeChat sandbox's cashier instead.
 */
export interface PaymentParams {
  appId: string;
  requestPayment: { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };
}

export interface OrderView {
  id: string;
  kind: OrderKind;
  /** 门诊充值 / 住院预交金 / 门诊缴费·心血管内科 … */
  title: string;
  amountFen: number;
  payMethod: PayMethod;
  card: { id: string; holderName: string; cardNo: string; kind: CardKind };
  state: OrderState;
  /** Why it did not go through (HIS's reason, expiry…), when it did not. */
  failureReason?: string;
  createdAt: string;
  /** Pay before this, or the order closes. */
  expiresAt: string;
  paidAt?: string;
  finishedAt?: string;
  /** Unpaid and not expired: can be paid (again). */
  canPay: boolean;
  /** Unpaid: can be cancelled. */
  canCancel: boolean;
}

export interface OrderTimelineEntry {
  at: string;
  /** 下单 / 已支付 / 医院已入账 / 退款中 / 已退款 / 已关闭 … */
  label: string;
  note?: string;
}

export interface OrderDetail extends OrderView {
  timeline: OrderTimelineEntry[];
  /** Present when the order can be paid now. */
  payment?: PaymentParams;
}

/** GET /api/v1/orders */
export interface OrdersResponse {
  orders: OrderView[];
}

/** POST /api/v1/orders/recharge (header Idempotency-Key) → 201 OrderDetail */
export interface RechargeOrderRequest {
  cardId: string;
  amountFen: number;
}

/** POST /api/v1/orders/outpatient (header Idempotency-Key) → 201 OrderDetail */
export interface OutpatientOrderRequest {
  cardId: string;
  visitId: string;
  /** The fee groups (组别) to pay; the amount is HIS's sum of them. */
  groupIds: string[];
  payMethod: PayMethod;
}

// POST /api/v1/orders/:id/pay → OrderDetail with payment; POST /api/v1/orders/:id/cancel → OrderDetail

/** GET /api/v1/cards/:id/recharge */
export interface RechargeOptions {
  canRecharge: boolean;
  reason?: string;
  balanceFen: number;
  presetsFen: number[];
  minFen: number;
  maxFen: number;
}

export interface RechargeRecordView {
  id: string;
  channel: string;
  amountFen: number;
  at: string;
}

/** GET /api/v1/cards/:id/recharges */
export interface RechargeHistoryResponse {
  records: RechargeRecordView[];
}

export interface BillVisitView {
  visitId: string;
  deptName: string;
  doctorName: string;
  visitTime: string;
}

/** GET /api/v1/cards/:id/bills?paid=false|true */
export interface BillsResponse {
  visits: BillVisitView[];
}

export interface BillItemView {
  name: string;
  category: string;
  priceFen: number;
  quantity: number;
  unit: string;
  totalFen: number;
}

export interface BillGroupView {
  id: string;
  title: string;
  totalFen: number;
  items: BillItemView[];
  /** Paid bills only. */
  chargedAt?: string;
}

/** GET /api/v1/cards/:id/bills/:visitId?paid=false|true */
export interface BillView {
  visit: BillVisitView;
  groups: BillGroupView[];
  totalFen: number;
  /** The card balance, to offer paying by it when it covers the chosen groups. */
  balanceFen: number;
}
