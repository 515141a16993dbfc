/**
 * The kiosk's journal: one SQLite file holding transaction steps, the outbox, the print
 * ledger and the audit chain (ARCHITECTURE.md rule 6, "Nothing lost").
 *
 * One writer: only the core process opens the journal for writing. WAL lets a technician's
 * `kiosk24 journal` read alongside it, but two writers would each need the busy timeout and
 * could reorder steps; keep every write in the core.
 *
 * Every write is a synchronous transaction that has committed (and, with synchronous=FULL,
 * reached the disk) when the method returns, so a caller that writes before it acts never acts
 * on something the journal could lose.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import { AuditChain, type AuditEntry, type AuditVerification } from './audit.ts';
import {
  AUDIT_DETAILS,
  OUTBOX_PAYLOADS,
  validated,
  type AuditDetail,
  type AuditKind,
  type OutboxKind,
  type OutboxPayload,
  type StepDetail,
  type StepKind,
} from './kinds.ts';
import { migrate } from './migrations.ts';
import { reference } from './personal-data.ts';
import { StepLog, type StepInput, type StepRecord } from './steps.ts';
import { OutboxStore, type OutboxEntry, type OutboxListItem, type OutboxState } from './outbox.ts';
import {
  PrintLedger,
  type PrintRecord,
  type PrintResolution,
  type PrintStart,
} from './print-ledger.ts';

/** Step shapes, re-exported so callers need only this module. */
export type { StepInput, StepRecord } from './steps.ts';

/** What the journal needs from its surroundings. */
export interface JournalOptions {
  /** Stamps every row; `SimulatedClock` in tests. */
  clock: { now(): number };
  log: Logger;
  /**
   * FULL (the default, and what the kiosk uses) syncs the WAL on every commit, so a committed
   * row survives a power cut. NORMAL exists for the benchmark that shows what FULL costs.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for a reader's lock (a technician's CLI) before failing. */
  busyTimeoutMs?: number;
}

const idempotencyKeySchema = reference(128);
const schemaOf = (schema: unknown): ZodType<unknown> => schema as ZodType<unknown>;

/** The journal store; create with `Journal.open`. */
export class Journal {
  private readonly outbox: OutboxStore;
  private readonly prints: PrintLedger;
  private readonly chain: AuditChain;
  private readonly stepLog: StepLog;

  private constructor(
    /** The open database, for maintenance tools and tests; write through the methods. */
    readonly db: BetterSqlite3.Database,
    private readonly clock: { now(): number },
    private readonly log: Logger,
  ) {
    this.outbox = new OutboxStore(db);
    this.prints = new PrintLedger(db);
    this.chain = new AuditChain(db, () => clock.now());
    this.stepLog = new StepLog(db, clock);
  }

  /** Opens (creating if needed) the journal at `path` and migrates it to the current schema. */
  static open(path: string, options: JournalOptions): Journal {
    // Owner-only: the journal holds no personal data, but it is the kiosk's record of work done.
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
      const applied = migrate(db);
      if (applied.length > 0) options.log.info({ applied }, 'journal schema migrated');
      return new Journal(db, options.clock, options.log);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Writes a transaction step before the kiosk acts on it; returns the step id. */
  step<K extends StepKind>(sessionRef: string, kind: K, detail: StepDetail<K>): number {
    return this.db.transaction(() => this.stepLog.write({ sessionRef, kind, detail }))();
  }

  /** The steps of one session, in order. */
  steps(sessionRef: string): StepRecord[] {
    return this.stepLog.list(sessionRef);
  }

  /**
   * Stores a submission for the outbox; with `step`, that step is written in the same
   * transaction, so the kiosk never has a step without its submission or the reverse.
   * An idempotency key already stored returns the stored submission unchanged.
   */
  enqueue<K extends OutboxKind>(
    kind: K,
    payload: OutboxPayload<K>,
    options: { idempotencyKey?: string; step?: StepInput } = {},
  ): OutboxEntry {
    const schema = (OUTBOX_PAYLOADS as Record<string, unknown>)[kind];
    if (schema === undefined)
      throw new TypeError(`journal: unknown outbox kind ${JSON.stringify(kind)}`);
    const valid = validated(schemaOf(schema), payload, `outbox ${kind} payload`);
    const key =
      options.idempotencyKey === undefined
        ? randomUUID()
        : validated(idempotencyKeySchema, options.idempotencyKey, 'idempotency key');
    return this.db.transaction(() => {
      const stepId = options.step === undefined ? null : this.stepLog.write(options.step);
      return this.outbox.insert(kind, valid, key, stepId, this.clock.now());
    })();
  }

  /** The oldest pending submission due now, for the sender. */
  nextDue(): OutboxEntry | undefined {
    return this.outbox.nextDue(this.clock.now());
  }

  /** The first pending submission after `afterId`, due or not; the sender's kick walks these. */
  nextPending(afterId: number): OutboxEntry | undefined {
    return this.outbox.nextPending(afterId);
  }

  /** When the earliest pending submission falls due, or null. */
  earliestPending(): number | null {
    return this.outbox.earliestPending();
  }

  /** One submission by id. */
  outboxEntry(id: number): OutboxEntry | undefined {
    return this.outbox.get(id);
  }

  /** Records that the platform acknowledged submission `id`. */
  markSent(id: number): boolean {
    return this.outbox.markSent(id, this.clock.now());
  }

  /** Records a failed attempt at `id` and when to try again. */
  markFailed(id: number, error: string, nextAttemptAt: number): boolean {
    return this.outbox.markFailed(id, error, nextAttemptAt);
  }

  /** Marks pending submissions `maxAgeMs` old or older dead, logs and returns them. */
  expireOutbox(maxAgeMs: number): OutboxEntry[] {
    const dead = this.outbox.expire(this.clock.now() - maxAgeMs);
    for (const entry of dead) {
      this.log.warn(
        {
          outboxId: entry.id,
          kind: entry.kind,
          attempts: entry.attempts,
          lastError: entry.lastError,
        },
        'outbox submission given up after its maximum age; it stays in the journal as dead',
      );
    }
    return dead;
  }

  /** The technician's outbox view (`kiosk24 journal outbox`): no payloads. */
  outboxList(options: { state?: OutboxState; limit?: number } = {}): OutboxListItem[] {
    return this.outbox.list(this.clock.now(), options);
  }

  /** How many submissions are pending, sent and dead. */
  outboxCounts(): Record<OutboxState, number> {
    return this.outbox.counts();
  }

  /** Records a print job (and its `print.started` step) before it is sent; returns its id. */
  printStarted(print: PrintStart): number {
    return this.db.transaction(() => {
      const id = this.prints.start(print, this.clock.now());
      this.stepLog.write({
        sessionRef: print.sessionRef,
        kind: 'print.started',
        detail: { printId: id, device: print.device },
      });
      return id;
    })();
  }

  /** Records that print `id` came out (and its `print.confirmed` step). */
  printConfirmed(id: number): PrintRecord {
    return this.db.transaction(() => {
      const record = this.prints.confirm(id, this.clock.now());
      this.stepLog.write({
        sessionRef: record.sessionRef,
        kind: 'print.confirmed',
        detail: { printId: id },
      });
      return record;
    })();
  }

  /** Records that print `id` failed (and its `print.failed` step); the reason is scrubbed. */
  printFailed(id: number, reason: string): PrintRecord {
    return this.db.transaction(() => {
      const record = this.prints.fail(id, reason, this.clock.now());
      this.stepLog.write({
        sessionRef: record.sessionRef,
        kind: 'print.failed',
        detail: { printId: id, reason: record.failure ?? 'unknown' },
      });
      return record;
    })();
  }

  /** Prints started but never confirmed, failed or resolved: what a technician checks after a restart. */
  unconfirmedPrints(): PrintRecord[] {
    return this.prints.unconfirmed();
  }

  /** Records how the technician `by` settled an unconfirmed print, and audits it. */
  resolvePrint(id: number, resolution: PrintResolution, by: string): PrintRecord {
    return this.db.transaction(() => {
      const record = this.prints.resolve(id, resolution, by, this.clock.now());
      this.chain.append('maintenance.action', {
        action: `print.${resolution}`,
        target: `print/${id}`,
        result: 'ok',
      });
      return record;
    })();
  }

  /** Appends an audit entry; returns its seq. */
  audit<K extends Exclude<AuditKind, 'checkpoint'>>(kind: K, detail: AuditDetail<K>): number {
    if ((kind as string) === 'checkpoint' || !(kind in AUDIT_DETAILS)) {
      throw new TypeError(
        `journal: ${JSON.stringify(kind)} is not an audit kind a caller may write`,
      );
    }
    return this.chain.append(kind, detail);
  }

  /** The newest `limit` audit entries, oldest first, for `kiosk24 journal audit`. */
  auditEntries(limit = 1000): AuditEntry[] {
    return this.chain.entries(limit);
  }

  /** Walks the audit chain; see `AuditVerification`. */
  verifyAudit(): AuditVerification {
    return this.chain.verify();
  }

  /** Deletes audit entries older than `retainDays`, leaving a checkpoint; returns how many. */
  pruneAudit(retainDays = 180): number {
    return this.chain.prune(retainDays);
  }

  /** `PRAGMA integrity_check`: `['ok']` for a sound file. */
  integrityCheck(): string[] {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check);
  }

  /** Closes the database; later calls throw. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
