/**
 * POST /api/v1/pay/wechat/notify — WeChat Pay's notifications. Nothing is believed before the signature, the
 * timestamp window, the decryption, the appid / mchid and the amount are checked (server/bff/wechat); a forged or
 * mismatched notification is answered with FAIL and changes nothing; a duplicate changes nothing either.
 */
import type { FastifyPluginAsync } from 'fastify';
import { WechatError, type WechatPay } from '../wechat';
import type { OrdersRepository } from '../db/repositories/orders';
import type { OrderMachine } from '../orders/machine';

export interface NotifyOptions {
  pay: Pick<WechatPay, 'verifyNotification'>;
  orders: OrdersRepository;
  machine: OrderMachine;
}

export const payNotifyRoutes: FastifyPluginAsync<NotifyOptions> = async (app, { pay, orders, machine }) => {
  // the signature covers the exact bytes: keep the body as it came
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post('/pay/wechat/notify', async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    let notice;
    try {
      notice = await pay.verifyNotification(request.headers, raw, {
        order: async (outTradeNo) => {
          const o = await orders.byOutTradeNo(outTradeNo);
          return o ? { totalFen: o.amount_fen } : undefined;
        },
        refund: async (outRefundNo) => {
          const o = await orders.byOutRefundNo(outRefundNo);
          return o ? { refundFen: o.amount_fen } : undefined;
        },
      });
    } catch (err) {
      if (!(err instanceof WechatError)) throw err;
      request.log.warn({ err: { type: err.name, message: err.message } }, 'WeChat Pay notification refused');
      return reply.code(401).send({ code: 'FAIL', message: '验签失败' });
    }
    if (notice.kind === 'transaction') {
      if (notice.transaction.tradeState === 'SUCCESS') {
        const order = await machine.onPaid(notice.transaction);
        if (order) machine.kick(order.id);
      }
    } else {
      await machine.onRefunded(notice.refund.outRefundNo, notice.refund.status, notice.refund.refundId);
    }
    return reply.code(204).send();
  });
};
