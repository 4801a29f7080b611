/**
 * The WeChat sandbox's admin API under `/__sandbox`. Everything but `health` and `platform-key` needs the admin token
 * (`X-Sandbox-Token: <token>` or `Authorization: Bearer <token>`).
 *
 *   GET    /__sandbox/health                          liveness, appid, mchid, platform key id, sandbox time
 *   GET    /__sandbox/platform-key                    the platform public key (PEM) and its PUB_KEY_ID_…
 *   GET    /__sandbox/transactions[/:outTradeNo]      transactions (state, prepay id, time_expire, refunds)
 *   POST   /__sandbox/transactions/:outTradeNo/pay    {"outcome": "success" | "fail"}: the payer pays (or fails)
 *   GET    /__sandbox/refunds                         refunds
 *   GET    /__sandbox/messages                        subscribe messages sent
 *   GET    /__sandbox/notifications[/:id]             notifications with every delivery attempt
 *   POST   /__sandbox/notifications/:id/redeliver     deliver the genuine notification once more, now
 *   GET    /__sandbox/faults                          {api, notifications, refunds}
 *   POST   /__sandbox/faults/{api|notifications|refunds}   add a fault (or an array), see faults.ts
 *   DELETE /__sandbox/faults[/{family}[/:id]]         clear all faults, a family, or one
 *   GET    /__sandbox/stats                           calls per API and status, notification deliveries
 *   POST   /__sandbox/reset                           forget everything (keys stay), clear faults, real time
 *   GET    /__sandbox/clock                           sandbox time and offset
 *   POST   /__sandbox/clock                           {"advanceMinutes": 6} | {"advanceMs": n} | {"set": "…"} | {"reset": true}
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkApiFault, checkNotificationFault, checkRefundFault, FaultSpecError, type FaultList } from './faults';
import { PayError } from './payments';
import { rfc3339 } from './protocol';
import type { WechatSandbox } from './sandbox';
import { refundView, transactionView, type Transaction } from './state';

function tokenOf(request: FastifyRequest): string {
  const header = request.headers['x-sandbox-token'];
  if (typeof header === 'string') return header;
  const auth = request.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice(7) : '';
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseJson(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  return JSON.parse(raw) as unknown;
}

export function registerAdmin(app: FastifyInstance, sandbox: WechatSandbox): void {
  const { config, clock, payments, notifier, faults, state, stats } = sandbox;

  const txAdminView = (tx: Transaction) => ({
    ...transactionView(tx),
    description: tx.description,
    notify_url: tx.notifyUrl,
    prepay_id: tx.prepayId,
    time_expire: rfc3339(tx.timeExpire),
    create_time: rfc3339(tx.createdAt),
    ...(tx.closedBy ? { closed_by: tx.closedBy } : {}),
    refunds: state.refundsOf(tx.outTradeNo).map(refundView),
  });

  app.get('/__sandbox/health', async () => ({
    ok: true,
    appid: config.appid,
    mchid: config.mchid,
    platformPublicKeyId: sandbox.platformKey.publicKeyId,
    merchantSerials: config.merchantPublicKeys.map((k) => k.serialNo),
    timeScale: config.timeScale,
    now: rfc3339(clock.now()),
  }));

  app.get('/__sandbox/platform-key', async () => sandbox.platformKey);

  app.register(async (admin) => {
    admin.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!sameToken(tokenOf(request), config.adminToken)) await reply.code(401).send({ error: 'admin token required (X-Sandbox-Token)' });
    });

    admin.setErrorHandler((error, _request, reply) => {
      if (error instanceof FaultSpecError || error instanceof SyntaxError) return reply.code(400).send({ error: error.message });
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      return reply.code(status).send({ error: status < 500 && error instanceof Error ? error.message : 'internal error' });
    });

    admin.get('/__sandbox/transactions', async () => payments.transactions().map(txAdminView));
    admin.get('/__sandbox/transactions/:outTradeNo', async (request, reply) => {
      const tx = payments.find((request.params as { outTradeNo: string }).outTradeNo);
      return tx ? txAdminView(tx) : reply.code(404).send({ error: 'no such transaction' });
    });
    admin.post('/__sandbox/transactions/:outTradeNo/pay', async (request, reply) => {
      const tx = payments.find((request.params as { outTradeNo: string }).outTradeNo);
      if (!tx) return reply.code(404).send({ error: 'no such transaction' });
      const body = parseJson(request.body) as { outcome?: unknown };
      const outcome = body.outcome ?? 'success';
      if (outcome !== 'success' && outcome !== 'fail') return reply.code(400).send({ error: 'outcome must be success or fail' });
      try {
        return txAdminView(payments.pay(tx, outcome));
      } catch (err) {
        if (err instanceof PayError) return reply.code(409).send({ error: err.message, code: err.code });
        throw err;
      }
    });
    admin.get('/__sandbox/refunds', async () => [...state.refunds.values()].map(refundView));
    admin.get('/__sandbox/messages', async () => state.messages);

    admin.get('/__sandbox/notifications', async () => notifier.all());
    admin.get('/__sandbox/notifications/:id', async (request, reply) => {
      const record = notifier.get((request.params as { id: string }).id);
      return record ?? reply.code(404).send({ error: 'no such notification' });
    });
    admin.post('/__sandbox/notifications/:id/redeliver', async (request, reply) => {
      const attempt = await notifier.redeliver((request.params as { id: string }).id);
      return attempt ?? reply.code(404).send({ error: 'no such notification' });
    });

    const families: Record<string, { list: FaultList<{ times?: number }>; check: (v: unknown) => { times?: number } }> = {
      api: { list: faults.api, check: checkApiFault },
      notifications: { list: faults.notifications, check: checkNotificationFault },
      refunds: { list: faults.refunds, check: checkRefundFault },
    };
    admin.get('/__sandbox/faults', async () => ({ api: faults.api.all(), notifications: faults.notifications.all(), refunds: faults.refunds.all() }));
    admin.delete('/__sandbox/faults', async () => {
      for (const f of Object.values(families)) f.list.clear();
      return { ok: true };
    });
    admin.get('/__sandbox/faults/:family', async (request, reply) => {
      const family = families[(request.params as { family: string }).family];
      return family ? family.list.all() : reply.code(404).send({ error: 'family must be api, notifications or refunds' });
    });
    admin.post('/__sandbox/faults/:family', async (request, reply) => {
      const family = families[(request.params as { family: string }).family];
      if (!family) return reply.code(404).send({ error: 'family must be api, notifications or refunds' });
      const body = parseJson(request.body);
      const specs = (Array.isArray(body) ? body : [body]).map((s) => family.check(s));
      return specs.map((s) => family.list.add(s));
    });
    admin.delete('/__sandbox/faults/:family', async (request, reply) => {
      const family = families[(request.params as { family: string }).family];
      if (!family) return reply.code(404).send({ error: 'family must be api, notifications or refunds' });
      family.list.clear();
      return { ok: true };
    });
    admin.delete('/__sandbox/faults/:family/:id', async (request, reply) => {
      const { family, id } = request.params as { family: string; id: string };
      return families[family]?.list.remove(id) ? { ok: true } : reply.code(404).send({ error: 'no such fault' });
    });

    admin.get('/__sandbox/stats', async () => ({ calls: stats.toJSON(), notifications: notifier.stats() }));
    admin.post('/__sandbox/reset', async () => {
      sandbox.reset();
      return { ok: true };
    });

    const clockView = () => ({ now: rfc3339(clock.now()), offsetMs: clock.offset });
    admin.get('/__sandbox/clock', async () => clockView());
    admin.post('/__sandbox/clock', async (request, reply) => {
      const body = parseJson(request.body) as { set?: unknown; advanceMinutes?: unknown; advanceMs?: unknown; reset?: unknown };
      if (body.reset === true) clock.reset();
      else if (typeof body.set === 'string') {
        try {
          clock.set(body.set);
        } catch (err) {
          return reply.code(400).send({ error: err instanceof Error ? err.message : String(err) });
        }
      }
      else if (typeof body.advanceMinutes === 'number' && Number.isFinite(body.advanceMinutes)) clock.advance(body.advanceMinutes * 60_000);
      else if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs)) clock.advance(body.advanceMs);
      else return reply.code(400).send({ error: 'give {"advanceMinutes": n}, {"advanceMs": n}, {"set": "…"} or {"reset": true}' });
      return clockView();
    });
  });
}
