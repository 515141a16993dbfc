/**
 * The outbox table: submissions waiting to leave the kiosk. A row is written in the same
 * transaction as the step that caused it and changes state only pending → sent or
 * pending → dead, so after a crash the kiosk knows exactly what is still to be sent, and the
 * idempotency key lets the platform drop a submission it already has when one is resent.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { scrubError } from './personal-data.ts';

/** Where a submission stands. */
export type OutboxState = 'pending' | 'sent' | 'dead';

/** A submission as the sender sees it: payload included, for the platform only. */
export interface OutboxEntry {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  stepId: number | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** A submission as the technician sees it (`kiosk24 journal outbox`): no payload. */
export interface OutboxListItem {
  id: number;
  kind: string;
  state: OutboxState;
  ageMs: number;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number | null;
}

interface Row {
  id: number;
  kind: string;
  payload: string;
  idempotency_key: string;
  step_id: number | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

function toEntry(row: Row): OutboxEntry {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    idempotencyKey: row.idempotency_key,
    stepId: row.step_id,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** Reads and updates the outbox table; validation happens in the Journal before `insert`. */
export class OutboxStore {
  private readonly insertRow: BetterSqlite3.Statement;
  private readonly byKey: BetterSqlite3.Statement;
  private readonly nextDueRow: BetterSqlite3.Statement;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.insertRow = db.prepare(
      `INSERT INTO outbox (kind, payload, idempotency_key, step_id, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.byKey = db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?');
    // Creation order is id order: ids only grow (AUTOINCREMENT), whatever the clock did.
    this.nextDueRow = db.prepare(
      `SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT 1`,
    );
  }

  /**
   * Stores a validated submission, inside the caller's transaction. A key that is already
   * stored returns the existing row instead: enqueueing twice must not send twice.
   */
  insert(
    kind: string,
    payload: unknown,
    key: string,
    stepId: number | null,
    now: number,
  ): OutboxEntry {
    const existing = this.byKey.get(key) as Row | undefined;
    if (existing !== undefined) {
      if (existing.kind !== kind)
        throw new Error(`journal: idempotency key already used by a ${existing.kind} submission`);
      return toEntry(existing);
    }
    const { lastInsertRowid } = this.insertRow.run(
      kind,
      JSON.stringify(payload),
      key,
      stepId,
      now,
      now,
    );
    return this.get(Number(lastInsertRowid)) as OutboxEntry;
  }

  /** One submission by id, or undefined. */
  get(id: number): OutboxEntry | undefined {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  /** The oldest pending submission due at `now`, or undefined. */
  nextDue(now: number): OutboxEntry | undefined {
    const row = this.nextDueRow.get(now) as Row | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  /** The first pending submission with an id above `afterId`, due or not (a kick). */
  nextPending(afterId: number): OutboxEntry | undefined {
    const row = this.db
      .prepare(`SELECT * FROM outbox WHERE state = 'pending' AND id > ? ORDER BY id LIMIT 1`)
      .get(afterId) as Row | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  /** When the earliest pending submission falls due, or null when none is pending. */
  earliestPending(): number | null {
    return this.db
      .prepare(`SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'`)
      .pluck()
      .get() as number | null;
  }

  /** Records the platform's acknowledgement. Only a pending row changes. */
  markSent(id: number, now: number): boolean {
    return (
      this.db
        .prepare(`UPDATE outbox SET state = 'sent', sent_at = ? WHERE id = ? AND state = 'pending'`)
        .run(now, id).changes === 1
    );
  }

  /** Records a failed attempt and when to try again; the error is scrubbed and bounded. */
  markFailed(id: number, error: string, nextAttemptAt: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
           WHERE id = ? AND state = 'pending'`,
        )
        .run(scrubError(error), nextAttemptAt, id).changes === 1
    );
  }

  /**
   * Marks every pending submission created at or before `createdBy` dead and returns them.
   * Dead rows stay in the table for the technician: a submission is never silently dropped.
   */
  expire(createdBy: number): OutboxEntry[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(`SELECT * FROM outbox WHERE state = 'pending' AND created_at <= ? ORDER BY id`)
        .all(createdBy) as Row[];
      const mark = this.db.prepare(`UPDATE outbox SET state = 'dead' WHERE id = ?`);
      for (const row of rows) mark.run(row.id);
      return rows.map((row) => ({ ...toEntry(row), state: 'dead' as const }));
    })();
  }

  /** The technician's view: newest first, no payloads. */
  list(now: number, options: { state?: OutboxState; limit?: number } = {}): OutboxListItem[] {
    const rows = this.db
      .prepare(
        `SELECT id, kind, state, attempts, last_error, created_at, next_attempt_at FROM outbox
         WHERE (? IS NULL OR state = ?) ORDER BY id DESC LIMIT ?`,
      )
      .all(options.state ?? null, options.state ?? null, options.limit ?? 200) as Omit<
      Row,
      'payload'
    >[];
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      state: row.state,
      ageMs: Math.max(0, now - row.created_at),
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
    }));
  }

  /** How many submissions are in each state. */
  counts(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, sent: 0, dead: 0 };
    const rows = this.db
      .prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state')
      .all() as { state: OutboxState; n: number }[];
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }
}
