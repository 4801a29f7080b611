/**
 * The database: one Kysely instance over SQLite (better-sqlite3, a file under the data folder — the default) or
 * PostgreSQL (when DATABASE_URL is set), and the numbered migrations, run at boot on either.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import * as m0001 from './migrations/0001-users-sessions';
import * as m0002 from './migrations/0002-cards';
import * as m0003 from './migrations/0003-orders';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: 'sqlite' | 'postgres';
  /** Throws when the database does not answer (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The migrations, in order. Names sort as they must run; never rename or edit one that has shipped. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-users-sessions': m0001,
  '0002-cards': m0002,
  '0003-orders': m0003,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface OpenOptions {
  /** PostgreSQL only: work in this schema (created if missing) — tests use one schema per run. */
  pgSchema?: string;
}

export function openDatabase(spec: Config['database'], options: OpenOptions = {}): DatabaseHandle {
  if (spec.kind === 'sqlite') {
    if (spec.file !== ':memory:') mkdirSync(dirname(spec.file), { recursive: true });
    const sqlite = new SQLite(spec.file);
    sqlite.pragma('journal_mode = WAL'); // readers do not block the writer; several BFF processes may share the file
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      db,
      dialect: 'sqlite',
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: spec.url,
    max: 10,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/** Runs every migration not yet applied; throws (and the boot stops) when one fails. */
export async function migrateToLatest(handle: DatabaseHandle, options: OpenOptions = {}): Promise<string[]> {
  if (handle.dialect === 'postgres' && options.pgSchema) {
    await sql`create schema if not exists ${sql.id(options.pgSchema)}`.execute(handle.db);
  }
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
