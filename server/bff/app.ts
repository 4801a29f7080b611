/**
 * The BFF as a Fastify plugin: everything but listening. `server.ts` builds the dependencies from the config and
 * listens; tests register the same plugin with their own dependencies (real sandboxes, a throwaway database).
 */
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import { sessionsRepository } from './db/repositories/sessions';
import { usersRepository } from './db/repositories/users';
import { loggerOptions } from './lib/logger';
import { authPlugin } from './plugins/auth';
import { registerErrorHandling, type UpstreamMapper } from './plugins/errors';
import { authRoutes } from './routes/auth';
import { authService, type LoginProvider } from './routes/auth/service';
import { healthRoutes } from './routes/health';
import { hospitalRoutes, type HospitalDirectory } from './routes/hospital';
import { cardRoutes } from './routes/cards';
import { cardsService } from './routes/cards/service';
import { auditRepository } from './db/repositories/audit';
import { cardBindingsRepository } from './db/repositories/card-bindings';
import { rateLimitsRepository } from './db/repositories/rate-limits';
import type { HisMoney, HisPatients } from './his';
import { ordersRepository } from './db/repositories/orders';
import { usersRepository as usersRepo } from './db/repositories/users';
import { createMachine, type OrderMachine } from './orders/machine';
import { startOrderJobs, type OrderJobs } from './orders/jobs';
import { orderRoutes } from './routes/orders';
import { ordersService } from './routes/orders/service';
import { payNotifyRoutes } from './routes/pay-notify';
import { staffRoutes } from './routes/staff';
import { staffService } from './routes/staff/service';
import type { WechatPay } from './wechat';

declare module 'fastify' {
  interface FastifyInstance {
    /** The payment state machine and its re-drive job (tests drive them directly). */
    orderMachine: OrderMachine;
    orderJobs: OrderJobs;
  }
}

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  wechat: LoginProvider;
  hospital: HospitalDirectory;
  /** Patients and cards in HIS. */
  patients: HisPatients;
  /** HIS money: orders, top-ups, bills, fee payment. */
  money: HisMoney;
  /** WeChat Pay, and the mini-program's appid payments are signed for. */
  pay: WechatPay;
  appId: string;
  /** Readiness of HIS, for /readyz. */
  hisPing(): Promise<void>;
  /** Upstream failures (HIS, WeChat) → typed API errors. */
  mapUpstream: UpstreamMapper;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Server options of the BFF: logging with redaction, request ids (a sane incoming X-Request-Id is kept). */
export function serverOptions(config: Config, logStream?: { write(line: string): void }): FastifyServerOptions {
  return {
    logger: loggerOptions(config.logLevel, logStream),
    // The incoming X-Request-Id is vetted by genReqId (Fastify would take any value as it is).
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 256 * 1024,
    // Unknown fields are refused (400 VALIDATION naming them), not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    trustProxy: config.env === 'production',
    // wx.request cannot send PATCH: the mini-program sends POST + X-HTTP-Method-Override: PATCH (src/services/http.ts).
    // Turned into PATCH before routing, so the route, its schema and its checks are the same for both clients.
    serverFactory: (handler) =>
      createServer((req, res) => {
        if (req.method === 'POST' && req.headers['x-http-method-override'] === 'PATCH') req.method = 'PATCH';
        handler(req, res);
      }),
  };
}

/** Not encapsulated (fastify-plugin): its error handler, 404 handler and hooks apply to the whole server. */
export const app = fp<AppDeps>(async (fastify: FastifyInstance, deps: AppDeps) => {
  const { config, database } = deps;
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(fastify, deps.mapUpstream);
  await fastify.register(cors, { origin: config.corsOrigins, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], exposedHeaders: ['x-request-id'], maxAge: 600 });

  const auth = authService({
    users: usersRepository(database.db),
    sessions: sessionsRepository(database.db),
    wechat: deps.wechat,
    sessionTtlMs: config.sessionTtlMs,
  });
  await fastify.register(authPlugin, { auth });

  const orders = ordersRepository(database.db);
  const users = usersRepo(database.db);
  const machine = createMachine({
    orders,
    money: deps.money,
    pay: deps.pay,
    openidOf: async (userId) => (await users.byId(userId))?.openid ?? '',
    log: fastify.log,
    config: Object.fromEntries(
      (['paymentWindowMs', 'maxAttempts', 'retryBaseMs', 'retryMaxMs', 'leaseMs', 'payingCheckMs'] as const).flatMap((k) => (config.orders[k] === undefined ? [] : [[k, config.orders[k]]])),
    ),
  });
  fastify.decorate('orderMachine', machine);
  let jobs: OrderJobs | undefined;
  fastify.decorate('orderJobs', {
    runOnce: () => (jobs ? jobs.runOnce() : machine.redriveDue()),
    stop: async () => jobs?.stop(),
  });
  fastify.addHook('onReady', async () => {
    jobs = startOrderJobs(machine, { intervalMs: config.orders.jobIntervalMs, log: fastify.log });
  });
  fastify.addHook('onClose', async () => {
    await jobs?.stop();
  });

  await fastify.register(healthRoutes, {
    checks: [
      { name: 'database', check: database.ping },
      { name: 'his', check: deps.hisPing },
    ],
  });
  await fastify.register(
    async (api) => {
      await api.register(authRoutes, { auth });
      await api.register(hospitalRoutes, { directory: deps.hospital });
      await api.register(cardRoutes, {
        cards: cardsService({
          bindings: cardBindingsRepository(database.db),
          rateLimits: rateLimitsRepository(database.db),
          audit: auditRepository(database.db),
          patients: deps.patients,
          limits: config.cards,
        }),
      });
      await api.register(orderRoutes, {
        orders: ordersService({ orders, bindings: cardBindingsRepository(database.db), patients: deps.patients, money: deps.money, machine, pay: deps.pay, appId: deps.appId }),
      });
      await api.register(payNotifyRoutes, { pay: deps.pay, orders, machine });
      if (config.staffToken) await api.register(staffRoutes, { staff: staffService({ orders, machine, pay: deps.pay }), token: config.staffToken });
    },
    { prefix: '/api/v1' },
  );
}, { name: 'palm-hospital-bff' });
