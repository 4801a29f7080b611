/** Liveness (the process answers) and readiness (the database and HIS answer) for load balancers and `npm start`. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

async function outcome(c: ReadinessCheck): Promise<'ok' | 'failing'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([c.check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS)))]);
    return 'ok';
  } catch {
    return 'failing';
  } finally {
    clearTimeout(timer);
  }
}

const Readiness = Type.Object({ status: Type.Union([Type.Literal('ready'), Type.Literal('unready')]), checks: Type.Record(Type.String(), Type.String()) });

export const healthRoutes: FastifyPluginAsyncTypebox<{ checks: ReadinessCheck[] }> = async (app, { checks }) => {
  app.get('/healthz', { logLevel: 'warn', schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { logLevel: 'warn', schema: { response: { 200: Readiness, 503: Readiness } } }, async (_request, reply) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await outcome(c)] as const));
    const ready = results.every(([, r]) => r === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unready', checks: Object.fromEntries(results) });
  });
};
