/** Orders (top-up, outpatient payment), the reads they need, and the order centre. Every route needs a login. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BillsResponseSchema,
  BillViewSchema,
  CardIdParamsSchema,
  errorResponses,
  OrderDetailSchema,
  OrdersResponseSchema,
  OutpatientOrderRequestSchema,
  RechargeHistoryResponseSchema,
  RechargeOptionsSchema,
  RechargeOrderRequestSchema,
} from '../schemas';
import type { OrdersService } from './service';

const PaidQuery = Type.Object({ paid: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const BillParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), visitId: Type.String({ minLength: 1, maxLength: 64 }) });
const OrderParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 128 })) });

export const orderRoutes: FastifyPluginAsyncTypebox<{ orders: OrdersService }> = async (app, { orders }) => {
  app.addHook('preHandler', app.authenticate);
  const userId = (request: { authenticated(): { user: { id: string } } }) => request.authenticated().user.id;

  app.get('/cards/:id/recharge', { schema: { params: CardIdParamsSchema, response: { 200: RechargeOptionsSchema, ...errorResponses } } }, async (request) =>
    orders.rechargeOptions(userId(request), request.params.id, request.id),
  );
  app.get('/cards/:id/recharges', { schema: { params: CardIdParamsSchema, response: { 200: RechargeHistoryResponseSchema, ...errorResponses } } }, async (request) =>
    orders.rechargeHistory(userId(request), request.params.id, request.id),
  );
  app.get('/cards/:id/bills', { schema: { params: CardIdParamsSchema, querystring: PaidQuery, response: { 200: BillsResponseSchema, ...errorResponses } } }, async (request) =>
    orders.bills(userId(request), request.params.id, request.query.paid ?? false, request.id),
  );
  app.get('/cards/:id/bills/:visitId', { schema: { params: BillParams, querystring: PaidQuery, response: { 200: BillViewSchema, ...errorResponses } } }, async (request) =>
    orders.bill(userId(request), request.params.id, request.params.visitId, request.query.paid ?? false, request.id),
  );

  app.post('/orders/recharge', { schema: { headers: IdempotencyHeaders, body: RechargeOrderRequestSchema, response: { 201: OrderDetailSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await orders.createRecharge(userId(request), request.headers['idempotency-key'], request.body, request.id)),
  );
  app.post('/orders/outpatient', { schema: { headers: IdempotencyHeaders, body: OutpatientOrderRequestSchema, response: { 201: OrderDetailSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await orders.createOutpatient(userId(request), request.headers['idempotency-key'], request.body, request.id)),
  );
  app.get('/orders', { schema: { response: { 200: OrdersResponseSchema, ...errorResponses } } }, async (request) => orders.list(userId(request)));
  app.get('/orders/:id', { schema: { params: OrderParams, response: { 200: OrderDetailSchema, ...errorResponses } } }, async (request) => orders.get(userId(request), request.params.id));
  app.post('/orders/:id/pay', { schema: { params: OrderParams, response: { 200: OrderDetailSchema, ...errorResponses } } }, async (request) => orders.pay(userId(request), request.params.id));
  app.post('/orders/:id/cancel', { schema: { params: OrderParams, response: { 200: OrderDetailSchema, ...errorResponses } } }, async (request) => orders.cancel(userId(request), request.params.id));
};
