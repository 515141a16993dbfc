/**
 * The journal opened for reading only, for the technician's `kiosk24 journal` commands. Unlike
 * `Journal.open` it creates nothing, migrates nothing and writes nothing (not even the WAL
 * mode or the audit algorithm), so it may run beside a kiosk that has the journal open: WAL
 * lets a reader in while the core writes. The queries are the audit and outbox modules' own.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { AuditChain, preferredAlgorithm, type AuditVerification } from './audit.ts';
import { SCHEMA_VERSION, schemaVersion } from './migrations.ts';
import { OutboxStore, type OutboxListItem, type OutboxState } from './outbox.ts';

/** Why a journal file cannot be read; the message names the file and what to do. */
export class JournalReadError extends Error {
  override name = 'JournalReadError';
}

/** The schema version from which each part of the journal exists (see migrations.ts). */
const OUTBOX_SINCE = 1;
const AUDIT_SINCE = 3;

/** A journal file opened read-only; create with `ReadOnlyJournal.open`, then `close()`. */
export class ReadOnlyJournal {
  private constructor(
    private readonly db: BetterSqlite3.Database,
    /** The file, as given to `open`. */
    readonly path: string,
    /** The file's schema version (`PRAGMA user_version`). */
    readonly version: number,
  ) {}

  /**
   * Opens the existing journal at `path` read-only. Throws `JournalReadError` when the file is
   * missing, is not a journal, or is at a schema version newer than this code knows.
   */
  static open(path: string, options: { busyTimeoutMs?: number } = {}): ReadOnlyJournal {
    let db: BetterSqlite3.Database;
    try {
      db = new Database(path, {
        readonly: true,
        fileMustExist: true,
        timeout: Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000)),
      });
    } catch (error) {
      throw new JournalReadError(`cannot open the journal ${path}: ${messageOf(error)}`);
    }
    try {
      const version = schemaVersion(db);
      if (version < OUTBOX_SINCE) {
        throw new JournalReadError(
          `${path} is not a kiosk24 journal (it has no journal schema); check journal.path in the config`,
        );
      }
      if (version > SCHEMA_VERSION) {
        throw new JournalReadError(
          `the journal ${path} is at schema version ${version}, newer than this kiosk24's ${SCHEMA_VERSION}; use the kiosk24 that wrote it`,
        );
      }
      return new ReadOnlyJournal(db, path, version);
    } catch (error) {
      db.close();
      if (error instanceof JournalReadError) throw error;
      throw new JournalReadError(`cannot read the journal ${path}: ${messageOf(error)}`);
    }
  }

  /**
   * Walks the audit chain as `Journal.verifyAudit` does. A journal from before the audit chain
   * existed (the kiosk adds it at its next start) has no entries and verifies. An audit table
   * without its recorded algorithm is reported broken: the kiosk always records it first, so
   * only an edit removes it.
   */
  verifyAudit(): AuditVerification {
    if (this.version < AUDIT_SINCE) {
      return { ok: true, entries: 0, algorithm: preferredAlgorithm(), firstBroken: null };
    }
    // AuditChain writes the algorithm when none is recorded, which a read-only file refuses.
    const recorded = this.db
      .prepare(`SELECT 1 FROM meta WHERE key = 'audit.algorithm'`)
      .pluck()
      .get();
    if (recorded === undefined) {
      const first = this.db.prepare('SELECT MIN(seq) FROM audit').pluck().get() as number | null;
      const entries = this.db.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
      const algorithm = preferredAlgorithm();
      if (first === null) return { ok: true, entries: 0, algorithm, firstBroken: null };
      return {
        ok: false,
        entries,
        algorithm,
        firstBroken: { seq: first, reason: 'hash algorithm not recorded' },
      };
    }
    // The clock is for appends and pruning, neither of which happens here.
    return new AuditChain(this.db, () => Date.now()).verify();
  }

  /** The technician's outbox view, newest first, without payloads; ages are from `now`. */
  outboxList(now: number, options: { state?: OutboxState; limit?: number } = {}): OutboxListItem[] {
    return new OutboxStore(this.db).list(now, options);
  }

  /** How many submissions are pending, sent and dead. */
  outboxCounts(): Record<OutboxState, number> {
    return new OutboxStore(this.db).counts();
  }

  /** Closes the file; safe to call twice. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
