/**
 * The staff API under /api/v1/staff, for the hospital's finance and IT staff (curl or a small console), protected by
 * STAFF_TOKEN (`Authorization: Bearer <token>`); without STAFF_TOKEN it is not mounted at all.
 *
 *   GET  /staff/orders/review                 orders waiting for a person (needs_review), oldest first
 *   GET  /staff/orders/:id                    one order with its full event log
 *   POST /staff/orders/:id/decision           {"action": "retry" | "refund", "staff": "工号"} for an order in review
 *   GET  /staff/reconciliation?date=YYYY-MM-DD  our orders of that day vs WeChat Pay vs HIS, every mismatch listed
 */
import { timingSafeEqual } from 'node:crypto';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../lib/errors';
import { errorResponses } from '../schemas';
import { DecisionSchema, ReconcileQuerySchema, ReconciliationReportSchema, ReviewListSchema, StaffOrderDetailSchema } from './schemas';
import type { StaffService } from './service';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const OrderParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const staffRoutes: FastifyPluginAsyncTypebox<{ staff: StaffService; token: string }> = async (app, { staff, token }) => {
  app.addHook('onRequest', async (request) => {
    const auth = request.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) throw new AppError(401, 'UNAUTHORIZED', '需要工作人员令牌');
  });

  app.get('/staff/orders/review', { schema: { response: { 200: ReviewListSchema, ...errorResponses } } }, async () => ({ orders: await staff.review() }));
  app.get('/staff/orders/:id', { schema: { params: OrderParams, response: { 200: StaffOrderDetailSchema, ...errorResponses } } }, async (request) => staff.order(request.params.id));
  app.post('/staff/orders/:id/decision', { schema: { params: OrderParams, body: DecisionSchema, response: { 200: StaffOrderDetailSchema, ...errorResponses } } }, async (request) => {
    request.log.info({ orderId: request.params.id, action: request.body.action, staff: request.body.staff }, 'staff decision');
    return staff.decide(request.params.id, request.body.action, request.body.staff);
  });
  app.get('/staff/reconciliation', { schema: { querystring: ReconcileQuerySchema, response: { 200: ReconciliationReportSchema, ...errorResponses } } }, async (request) =>
    staff.reconcile(request.query.date),
  );
};
