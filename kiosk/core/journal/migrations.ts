/**
 * The journal's schema, as numbered migrations. `PRAGMA user_version` holds the number of
 * migrations applied. A released migration is never edited: a kiosk in the field may hold a
 * database at any earlier version, and the tests rebuild each one from this list to prove it
 * migrates. Change the schema by appending a migration.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** One schema step: the version it brings the database to and its SQL. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** Every migration, in order; `MIGRATIONS[i].version === i + 1`. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'transaction steps and the outbox',
    sql: `
      CREATE TABLE steps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_ref TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX steps_session ON steps (session_ref, id);
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        step_id INTEGER REFERENCES steps (id),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    `,
  },
  {
    version: 2,
    description: 'print ledger',
    sql: `
      CREATE TABLE prints (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_ref TEXT NOT NULL,
        device TEXT NOT NULL CHECK (device IN ('receipt', 'document')),
        job_id TEXT NOT NULL,
        summary TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'started' CHECK (state IN ('started', 'confirmed', 'failed')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        failure TEXT,
        resolution TEXT CHECK (resolution IN ('reprinted', 'abandoned', 'confirmed')),
        resolved_by TEXT,
        resolved_at INTEGER
      );
      CREATE INDEX prints_open ON prints (state, resolution);
    `,
  },
  {
    version: 3,
    description: 'hash-chained audit trail and the meta table that names its hash algorithm',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
    `,
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database's schema version (`PRAGMA user_version`). */
export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `db` to `target` (default: the latest), each migration in its own transaction with
 * its version bump, so a power cut mid-migration leaves the previous version intact. Refuses a
 * database newer than this code: writing to it could corrupt what a later release keeps there.
 * Returns the versions applied.
 */
export function migrate(db: BetterSqlite3.Database, target = SCHEMA_VERSION): number[] {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `journal: the database is at schema version ${current}, newer than this kiosk's ${SCHEMA_VERSION}; update the kiosk instead of downgrading the journal`,
    );
  }
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      // user_version cannot be bound as a parameter; the version is a number from this file.
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
