/**
 * The databases the repository tests run on: a throwaway SQLite file always, and PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it) — each run in a schema of its own, dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './database';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<DatabaseHandle>;
  /** Closes and throws the database away. */
  dispose(handle: DatabaseHandle): Promise<void>;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'sqlite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'bff-db-'));
        const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'test.sqlite') });
        await migrateToLatest(handle);
        dirs.set(handle, dir);
        return handle;
      },
      async dispose(handle) {
        await handle.close();
        const dir = dirs.get(handle);
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = `test_${randomBytes(6).toString('hex')}`;
        const handle = openDatabase({ kind: 'postgres', url }, { pgSchema: schema });
        await migrateToLatest(handle, { pgSchema: schema });
        schemas.set(handle, schema);
        return handle;
      },
      async dispose(handle) {
        const schema = schemas.get(handle);
        if (schema) await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
        await handle.close();
      },
    });
  }
  return list;
}

const dirs = new WeakMap<DatabaseHandle, string>();
const schemas = new WeakMap<DatabaseHandle, string>();
