/**
 * TypeBox schemas of the API bodies. Fastify validates requests with them and serialises responses through them,
 * so nothing undeclared leaks out; the compile-time checks at the end keep them identical to the contract types
 * the mini-program uses.
 */
import { Type, type Static } from '@sinclair/typebox';
import type * as Api from '../../../contract/api';

export const ApiErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  requestId: Type.String(),
  fields: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const UserViewSchema = Type.Object({ id: Type.String(), createdAt: Type.String() });

export const LoginRequestSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });

export const LoginResponseSchema = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserViewSchema });

export const MeResponseSchema = Type.Object({ user: UserViewSchema, session: Type.Object({ expiresAt: Type.String() }) });

export const CampusesResponseSchema = Type.Object({ campuses: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) });

export const DepartmentsQuerySchema = Type.Object({ campusId: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false });

export const DepartmentsResponseSchema = Type.Object({
  departments: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), location: Type.String(), campusId: Type.String(), campusName: Type.String() })),
});

// ---- cards ----
const RelationSchema = Type.Union([Type.Literal('self'), Type.Literal('parent'), Type.Literal('spouse'), Type.Literal('child'), Type.Literal('other')]);
/** In requests the relation is checked by the card rules (for a Chinese message at the field), not by the schema. */
const RelationInput = Type.Unsafe<Api.Relation>(Type.String({ maxLength: 16 }));
const text = (maxLength: number) => Type.String({ maxLength });

export const CardSummarySchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('outpatient'), Type.Literal('inpatient')]),
  holderName: Type.String(),
  cardNo: Type.String(),
  relation: RelationSchema,
  isDefault: Type.Boolean(),
  boundAt: Type.String(),
});

export const CardsResponseSchema = Type.Object({ cards: Type.Array(CardSummarySchema), limit: Type.Integer() });

export const BindCardRequestSchema = Type.Object(
  {
    method: Type.Union([Type.Literal('card'), Type.Literal('phone'), Type.Literal('inpatient')]),
    name: text(40),
    relation: RelationInput,
    cardNo: Type.Optional(text(40)),
    idNo: Type.Optional(text(40)),
    phone: Type.Optional(text(40)),
    inpatientNo: Type.Optional(text(40)),
  },
  { additionalProperties: false },
);

export const CreateCardRequestSchema = Type.Object(
  {
    name: text(40),
    sex: Type.Unsafe<'男' | '女'>(Type.String({ maxLength: 4 })),
    idNo: text(40),
    birthday: text(20),
    phone: text(40),
    workUnit: text(200),
    address: text(300),
    healthCardId: Type.Optional(text(80)),
    relation: RelationInput,
  },
  { additionalProperties: false },
);

export const CreateCardResponseSchema = Type.Object({ card: CardSummarySchema, created: Type.Boolean() });

export const CardDetailSchema = Type.Composite([
  CardSummarySchema,
  Type.Object({
    name: Type.String(),
    sex: Type.String(),
    age: Type.Integer(),
    idNoMasked: Type.String(),
    phoneMasked: Type.String(),
    balanceFen: Type.Integer(),
    status: Type.Integer(),
    statusName: Type.String(),
    statusHint: Type.String(),
    canRecharge: Type.Boolean(),
    noRechargeReason: Type.Optional(Type.String()),
    inpatient: Type.Optional(
      Type.Object({ inpatientNo: Type.String(), deptName: Type.String(), bedNo: Type.String(), admissionDate: Type.String(), dischargeDate: Type.String(), totalFen: Type.Integer() }),
    ),
  }),
]);

export const UpdateCardRequestSchema = Type.Object({ phone: Type.Optional(text(40)), relation: Type.Optional(RelationInput) }, { additionalProperties: false });

export const CardIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

// ---- orders ----
const OrderStateSchema = Type.Union([
  Type.Literal('created'),
  Type.Literal('paying'),
  Type.Literal('paid'),
  Type.Literal('fulfilling'),
  Type.Literal('fulfilled'),
  Type.Literal('refunding'),
  Type.Literal('refunded'),
  Type.Literal('closed'),
  Type.Literal('needs_review'),
]);
const PayMethodSchema = Type.Union([Type.Literal('wechat'), Type.Literal('balance')]);

export const OrderViewSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('recharge'), Type.Literal('outpatient')]),
  title: Type.String(),
  amountFen: Type.Integer(),
  payMethod: PayMethodSchema,
  card: Type.Object({ id: Type.String(), holderName: Type.String(), cardNo: Type.String(), kind: Type.Union([Type.Literal('outpatient'), Type.Literal('inpatient')]) }),
  state: OrderStateSchema,
  failureReason: Type.Optional(Type.String()),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  paidAt: Type.Optional(Type.String()),
  finishedAt: Type.Optional(Type.String()),
  canPay: Type.Boolean(),
  canCancel: Type.Boolean(),
});

export const OrderDetailSchema = Type.Composite([
  OrderViewSchema,
  Type.Object({
    timeline: Type.Array(Type.Object({ at: Type.String(), label: Type.String(), note: Type.Optional(Type.String()) })),
    payment: Type.Optional(
      Type.Object({
        appId: Type.String(),
        requestPayment: Type.Object({ timeStamp: Type.String(), nonceStr: Type.String(), package: Type.String(), signType: Type.Literal('RSA'), paySign: Type.String() }),
      }),
    ),
  }),
]);

export const OrdersResponseSchema = Type.Object({ orders: Type.Array(OrderViewSchema) });
export const RechargeOrderRequestSchema = Type.Object({ cardId: Type.String({ minLength: 1, maxLength: 64 }), amountFen: Type.Integer() }, { additionalProperties: false });
export const OutpatientOrderRequestSchema = Type.Object(
  {
    cardId: Type.String({ minLength: 1, maxLength: 64 }),
    visitId: Type.String({ minLength: 1, maxLength: 64 }),
    groupIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
    payMethod: PayMethodSchema,
  },
  { additionalProperties: false },
);
export const RechargeOptionsSchema = Type.Object({
  canRecharge: Type.Boolean(),
  reason: Type.Optional(Type.String()),
  balanceFen: Type.Integer(),
  presetsFen: Type.Array(Type.Integer()),
  minFen: Type.Integer(),
  maxFen: Type.Integer(),
});
export const RechargeHistoryResponseSchema = Type.Object({ records: Type.Array(Type.Object({ id: Type.String(), channel: Type.String(), amountFen: Type.Integer(), at: Type.String() })) });
const BillVisitSchema = Type.Object({ visitId: Type.String(), deptName: Type.String(), doctorName: Type.String(), visitTime: Type.String() });
export const BillsResponseSchema = Type.Object({ visits: Type.Array(BillVisitSchema) });
export const BillViewSchema = Type.Object({
  visit: BillVisitSchema,
  groups: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      totalFen: Type.Integer(),
      items: Type.Array(Type.Object({ name: Type.String(), category: Type.String(), priceFen: Type.Integer(), quantity: Type.Number(), unit: Type.String(), totalFen: Type.Integer() })),
      chargedAt: Type.Optional(Type.String()),
    }),
  ),
  totalFen: Type.Integer(),
  balanceFen: Type.Integer(),
});

/** The error answers a route may give, for its response schema. */
export const errorResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  422: ApiErrorSchema,
  429: ApiErrorSchema,
  500: ApiErrorSchema,
  503: ApiErrorSchema,
};

// ---- compile-time: schema types are exactly the contract types ----
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function same<A, B>(proof: Equal<A, B>): Equal<A, B> {
  return proof;
}
type Flat<T> = { [K in keyof T]: T[K] };
same<Static<typeof ApiErrorSchema>, Flat<Omit<Api.ApiErrorBody, 'code'> & { code: string }>>(true);
same<Static<typeof LoginRequestSchema>, Api.LoginRequest>(true);
same<Static<typeof LoginResponseSchema>, Api.LoginResponse>(true);
same<Static<typeof MeResponseSchema>, Api.MeResponse>(true);
same<Static<typeof CampusesResponseSchema>, Api.CampusesResponse>(true);
same<Static<typeof DepartmentsResponseSchema>, Api.DepartmentsResponse>(true);
same<Static<typeof CardSummarySchema>, Api.CardSummary>(true);
same<Static<typeof CardsResponseSchema>, Api.CardsResponse>(true);
same<Static<typeof BindCardRequestSchema>, Api.BindCardRequest>(true);
same<Static<typeof CreateCardRequestSchema>, Api.CreateCardRequest>(true);
same<Static<typeof CreateCardResponseSchema>, Api.CreateCardResponse>(true);
same<Flat<Static<typeof CardDetailSchema>>, Flat<Api.CardDetail>>(true);
same<Static<typeof UpdateCardRequestSchema>, Api.UpdateCardRequest>(true);
same<Static<typeof OrderViewSchema>, Api.OrderView>(true);
same<Flat<Static<typeof OrderDetailSchema>>, Flat<Api.OrderDetail>>(true);
same<Static<typeof OrdersResponseSchema>, Api.OrdersResponse>(true);
same<Static<typeof RechargeOrderRequestSchema>, Api.RechargeOrderRequest>(true);
same<Static<typeof OutpatientOrderRequestSchema>, Api.OutpatientOrderRequest>(true);
same<Static<typeof RechargeOptionsSchema>, Api.RechargeOptions>(true);
same<Static<typeof RechargeHistoryResponseSchema>, Api.RechargeHistoryResponse>(true);
same<Static<typeof BillsResponseSchema>, Api.BillsResponse>(true);
same<Static<typeof BillViewSchema>, Api.BillView>(true);
