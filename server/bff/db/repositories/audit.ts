import { randomUUID } from 'node:crypto';
import type { Db } from '../database';

export interface AuditEntry {
  userId: string | null;
  action: string;
  subjectId?: string | null;
  requestId?: string | null;
  /** Masked data only: the caller masks names, ID numbers and phones before they get here. */
  detail: Record<string, unknown>;
}

export interface AuditRepository {
  record(entry: AuditEntry, at: string): Promise<void>;
  ofUser(userId: string): Promise<Array<{ at: string; action: string; subjectId: string | null; detail: Record<string, unknown> }>>;
}

export function auditRepository(db: Db): AuditRepository {
  return {
    record: async (entry, at) => {
      await db
        .insertInto('audit_log')
        .values({ id: randomUUID(), at, user_id: entry.userId, action: entry.action, subject_id: entry.subjectId ?? null, request_id: entry.requestId ?? null, detail: JSON.stringify(entry.detail) })
        .execute();
    },
    ofUser: async (userId) =>
      (await db.selectFrom('audit_log').selectAll().where('user_id', '=', userId).orderBy('at', 'asc').orderBy('id').execute()).map((r) => ({
        at: r.at,
        action: r.action,
        subjectId: r.subject_id,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      })),
  };
}
