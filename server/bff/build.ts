/**
 * Builds the BFF from its configuration: the database (migrated), the HIS adapter, the WeChat adapter, and the
 * app plugin on a Fastify instance — ready to listen (server.ts) or to be called in tests.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { app, serverOptions } from './app';
import type { Config } from './config';
import { migrateToLatest, openDatabase } from './db/database';
import { createHis, type HisOptions } from './his';
import { mapUpstream } from './lib/upstream';
import { createWechat, type WechatOptions } from './wechat';

export interface BuildOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: { write(line: string): void };
  /** Extra HIS adapter options (tests: short timeouts). */
  his?: Partial<HisOptions>;
  wechat?: Partial<WechatOptions>;
}

export async function buildBff(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const fastify = Fastify(serverOptions(config, options.logStream)).withTypeProvider<TypeBoxTypeProvider>();
  const database = openDatabase(config.database);
  const migrated = await migrateToLatest(database);
  if (migrated.length) fastify.log.info({ migrations: migrated }, 'database migrated');

  const his = createHis({
    baseUrl: config.his.baseUrl,
    signKey: config.his.signKey,
    maxConcurrent: config.his.maxConcurrent,
    maxQueue: config.his.maxQueue,
    logger: fastify.log,
    ...options.his,
  });
  const wechat = createWechat({
    appid: config.wechat.appid,
    secret: config.wechat.secret,
    loginBaseUrl: config.wechat.apiBase,
    timeoutMs: config.wechat.timeoutMs,
    pay: config.wechat.pay,
    onCall: (event) => fastify.log.info({ wechat: event }, 'wechat call'),
    ...options.wechat,
  });

  await fastify.register(app, {
    config,
    database,
    wechat: wechat.login,
    hospital: {
      campuses: (requestId) => his.reference.campuses({ requestId }).then((list) => [...list]),
      departments: (campusId, requestId) => his.reference.departments(campusId, { requestId }).then((list) => [...list]),
    },
    patients: his.patients,
    money: his.money,
    pay: wechat.pay,
    appId: config.wechat.appid,
    hisPing: () => his.ping({ requestId: 'readyz' }),
    mapUpstream,
  });
  fastify.addHook('onClose', async () => {
    await his.close();
    await database.close();
  });
  return fastify;
}
