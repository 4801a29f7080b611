/**
 * The sandbox's admin API, beside the HIS paths under `/__sandbox`. Everything but `health` and
 * `demo-patients` needs the admin token (`X-Sandbox-Token: <token>` or `Authorization: Bearer <token>`).
 *
 *   GET    /__sandbox/health                  liveness, seed, anchor day, sandbox time
 *   GET    /__sandbox/demo-patients           the documented demo patients and their ids
 *   GET    /__sandbox/faults                  active faults
 *   POST   /__sandbox/faults                  add a fault (or an array of faults), see faults.ts
 *   DELETE /__sandbox/faults[/:id]            clear all faults, or one
 *   POST   /__sandbox/reset                   restore the seeded state, start-up faults, real time, stats
 *   GET    /__sandbox/clock                   sandbox time and offset
 *   POST   /__sandbox/clock                   {"advanceMinutes": 31} | {"set": "2026-11-30 08:00:00"} | {"reset": true}
 *   GET    /__sandbox/stats                   calls and failures per path, in-flight and peak in-flight calls
 *   POST   /__sandbox/stats/reset
 *   GET    /__sandbox/messages                template messages received by /template/hisSendMessage
 *   POST   /__sandbox/patients/:id/pending-fees   a visit today with fees to pay ({"deptId": "1001"} optional):
 *                                             the visit and its fee groups with totals in fen
 *   GET    /__sandbox/self-check              answers that broke the catalogue, handler crashes (should be empty)
 *   GET    /__sandbox/state                   the whole state as JSON
 *   POST   /__sandbox/snapshot                write the state to the snapshot file (or return it)
 */
import { timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasEndpoint } from '../his-catalogue/catalogue';
import { checkFaultSpec, FaultSpecError } from './faults';
import type { HisSandbox } from './sandbox';
import { groupTotalFen } from './state/builders';
import { addPendingVisit, DEMO_PATIENTS } from './state/seed-core';

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

export function registerAdmin(app: FastifyInstance, sandbox: HisSandbox): void {
  const { store, clock, faults, stats, config } = sandbox;

  app.get('/__sandbox/health', async () => ({
    ok: true,
    seed: config.seed,
    anchorDate: store.state.anchorDate,
    now: clock.now().format('YYYY-MM-DD HH:mm:ss'),
    timeZone: config.timeZone,
    prefix: config.prefix,
  }));

  app.get('/__sandbox/demo-patients', async () =>
    DEMO_PATIENTS.map((spec) => {
      const p = store.patients().find((x) => x.demo === spec.key);
      const stay = p ? store.latestStay(p.id) : undefined;
      return {
        key: spec.key,
        patientId: p?.id ?? '',
        name: spec.name,
        sex: spec.sex,
        birthday: spec.birthday,
        idNo: p?.idNo ?? '',
        phone: spec.phone,
        cardNo: spec.cardNo,
        healthCardId: spec.healthCardId,
        inpatientNo: stay?.visitNo ?? '',
        has: spec.has,
      };
    }),
  );

  app.register(async (admin) => {
    admin.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!sameToken(tokenOf(request), config.adminToken)) {
        await reply.code(401).send({ error: 'admin token required (X-Sandbox-Token)' });
      }
    });
    admin.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, body === '' ? {} : JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('invalid JSON'), { statusCode: 400 }), undefined);
      }
    });

    admin.get('/__sandbox/faults', async () => faults.all());
    admin.post('/__sandbox/faults', async (request, reply) => {
      try {
        const specs = Array.isArray(request.body) ? request.body : [request.body];
        const checked = specs.map((s) => checkFaultSpec(s, hasEndpoint));
        return checked.map((s) => faults.add(s));
      } catch (err) {
        if (err instanceof FaultSpecError) return reply.code(400).send({ error: err.message });
        throw err;
      }
    });
    admin.delete('/__sandbox/faults', async () => {
      faults.clear();
      return { ok: true };
    });
    admin.delete('/__sandbox/faults/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      return faults.remove(id) ? { ok: true } : reply.code(404).send({ error: 'no such fault' });
    });

    admin.post('/__sandbox/reset', async () => {
      sandbox.reset();
      return { ok: true, anchorDate: store.state.anchorDate };
    });

    const clockView = () => ({ now: clock.now().format('YYYY-MM-DD HH:mm:ss'), offsetMs: clock.offset, timeZone: clock.timeZone });
    admin.get('/__sandbox/clock', async () => clockView());
    admin.post('/__sandbox/clock', async (request, reply) => {
      const body = (request.body ?? {}) as { set?: unknown; advanceMinutes?: unknown; reset?: unknown };
      try {
        if (body.reset === true) clock.reset();
        else if (typeof body.set === 'string') clock.set(body.set);
        else if (typeof body.advanceMinutes === 'number' && Number.isFinite(body.advanceMinutes)) clock.advance(body.advanceMinutes * 60_000);
        else return reply.code(400).send({ error: 'give {"set": "..."}, {"advanceMinutes": n} or {"reset": true}' });
      } catch (err) {
        return reply.code(400).send({ error: err instanceof Error ? err.message : String(err) });
      }
      return clockView();
    });

    admin.get('/__sandbox/stats', async () => stats.toJSON());
    admin.post('/__sandbox/stats/reset', async () => {
      stats.reset();
      return stats.toJSON();
    });
    admin.get('/__sandbox/messages', async () => store.core.messages);
    admin.post('/__sandbox/patients/:id/pending-fees', async (request, reply) => {
      const { id } = request.params as { id: string };
      const { deptId } = (request.body ?? {}) as { deptId?: unknown };
      const patient = store.core.patients[id];
      if (!patient) return reply.code(404).send({ error: 'no such patient' });
      if (deptId !== undefined && (typeof deptId !== 'string' || !store.core.departments.some((d) => d.id === deptId))) return reply.code(400).send({ error: 'unknown deptId' });
      const visit = addPendingVisit(store, clock.today(), clock.now().format('HH:mm:ss'), patient, deptId);
      return { visitId: visit.id, visitNo: visit.visitNo, groups: visit.feeGroups.map((g) => ({ orderId: g.orderId, title: g.title, totalFen: groupTotalFen(g) })) };
    });
    admin.get('/__sandbox/self-check', async () => sandbox.selfCheck);
    admin.get('/__sandbox/state', async (_request, reply) => reply.type('application/json').send(store.snapshot()));
    admin.post('/__sandbox/snapshot', async (_request, reply) => {
      if (!config.snapshotFile) return reply.type('application/json').send(store.snapshot());
      writeFileSync(config.snapshotFile, store.snapshot());
      return { ok: true, file: config.snapshotFile };
    });
  });
}
