/** The staff API's shapes: the schemas are the types (Static), so the answer and the code cannot drift apart. */
import { Type, type Static } from '@fastify/type-provider-typebox';

const ORDER_STATES = ['created', 'paying', 'paid', 'fulfilling', 'fulfilled', 'refunding', 'refunded', 'closed', 'needs_review'] as const;
const OrderStateSchema = Type.Union(ORDER_STATES.map((s) => Type.Literal(s)));

export const StaffOrderViewSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('recharge'), Type.Literal('outpatient')]),
  payMethod: Type.Union([Type.Literal('wechat'), Type.Literal('balance')]),
  title: Type.String(),
  amountFen: Type.Integer(),
  state: OrderStateSchema,
  holderName: Type.String(),
  account: Type.String(),
  /** What the order pays for, as stored (outpatient: {visitId, groupIds, deptName}). */
  details: Type.String(),
  hisOrderNo: Type.Union([Type.String(), Type.Null()]),
  outTradeNo: Type.String(),
  transactionId: Type.Union([Type.String(), Type.Null()]),
  outRefundNo: Type.Union([Type.String(), Type.Null()]),
  refundId: Type.Union([Type.String(), Type.Null()]),
  failureReason: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  outcomeUnknown: Type.Boolean(),
  hisStatusSynced: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type StaffOrderView = Static<typeof StaffOrderViewSchema>;

export const StaffOrderDetailSchema = Type.Composite([
  StaffOrderViewSchema,
  Type.Object({
    events: Type.Array(Type.Object({ at: Type.String(), from: Type.Union([OrderStateSchema, Type.Null()]), to: OrderStateSchema, cause: Type.String(), detail: Type.String() })),
  }),
]);
export type StaffOrderDetail = Static<typeof StaffOrderDetailSchema>;

export const MISMATCH_KINDS = [
  'paid_not_recorded',
  'recorded_not_paid',
  'amount_differs',
  'fulfilled_not_applied',
  'applied_but_refunded',
  'refund_not_done',
  'refund_not_recorded',
  'needs_review',
  'unverified',
] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export const ReconciliationReportSchema = Type.Object({
  date: Type.String(),
  orders: Type.Integer(),
  byState: Type.Object(
    {
      created: Type.Optional(Type.Integer()),
      paying: Type.Optional(Type.Integer()),
      paid: Type.Optional(Type.Integer()),
      fulfilling: Type.Optional(Type.Integer()),
      fulfilled: Type.Optional(Type.Integer()),
      refunding: Type.Optional(Type.Integer()),
      refunded: Type.Optional(Type.Integer()),
      closed: Type.Optional(Type.Integer()),
      needs_review: Type.Optional(Type.Integer()),
    },
    { additionalProperties: false },
  ),
  /** Money WeChat took for our orders, what it refunded, and what HIS applied (WeChat-paid orders). */
  takenFen: Type.Integer(),
  refundedFen: Type.Integer(),
  appliedFen: Type.Integer(),
  /** Orders paid from the card balance and applied in HIS (no WeChat money). */
  balanceAppliedFen: Type.Integer(),
  /** takenFen − refundedFen − appliedFen: 0 when every fen is accounted for (orders still in flight aside). */
  unaccountedFen: Type.Integer(),
  mismatches: Type.Array(
    Type.Object({
      orderId: Type.String(),
      kind: Type.Union(MISMATCH_KINDS.map((k) => Type.Literal(k))),
      ours: OrderStateSchema,
      wechat: Type.String(),
      his: Type.String(),
      note: Type.String(),
    }),
  ),
});
export type ReconciliationReport = Static<typeof ReconciliationReportSchema>;
export type Mismatch = ReconciliationReport['mismatches'][number];

export const ReviewListSchema = Type.Object({ orders: Type.Array(StaffOrderViewSchema) });
export const DecisionSchema = Type.Object({ action: Type.Union([Type.Literal('retry'), Type.Literal('refund')]), staff: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false });
export const ReconcileQuerySchema = Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }, { additionalProperties: false });
