import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { Journal } from './journal.ts';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from './migrations.ts';
import { ManualClock } from './testing.ts';

const dirs: string[] = [];
function freshPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-migrate-'));
  dirs.push(dir);
  return join(dir, 'journal.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The tables and columns of a database, to compare schemas reached by different paths. */
function shape(db: Database.Database): Record<string, string[]> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; type: string }[]).map(
        (c) => `${c.name} ${c.type}`,
      ),
    ]),
  );
}

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring an empty database to the latest version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  for (const from of MIGRATIONS.map((m) => m.version).slice(0, -1)) {
    it(`bring a version ${from} database with data to the latest, keeping its rows`, () => {
      const path = freshPath();
      const old = new Database(path);
      migrate(old, from);
      expect(schemaVersion(old)).toBe(from);
      old
        .prepare(
          `INSERT INTO steps (session_ref, kind, detail, at) VALUES ('s-1', 'rating', '{"score":4}', 1)`,
        )
        .run();
      old.close();

      const journal = Journal.open(path, { clock: new ManualClock(), log: silentLogger });
      expect(schemaVersion(journal.db)).toBe(SCHEMA_VERSION);
      expect(journal.steps('s-1')).toHaveLength(1);
      const direct = new Database(':memory:');
      migrate(direct);
      expect(shape(journal.db)).toEqual(shape(direct));
      journal.step('s-1', 'outcome', { result: 'completed' });
      journal.audit('maintenance.entered', { method: 'pin' });
      expect(journal.verifyAudit().ok).toBe(true);
      journal.close();
      direct.close();
    });
  }

  it('roll back a migration that fails, leaving the previous version', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    db.exec('CREATE TABLE prints (x INTEGER)'); // makes migration 2 fail half-way
    expect(() => migrate(db)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    db.close();
  });

  it('refuse a database newer than the code', () => {
    const path = freshPath();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => Journal.open(path, { clock: new ManualClock(), log: silentLogger })).toThrow(
      /newer than this kiosk/,
    );
  });
});
