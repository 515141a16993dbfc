/**
 * The hash-chained audit trail for maintenance, PIN failures, installs and config changes.
 * Each entry carries the hash of the one before, so editing, deleting or reordering a row
 * breaks the chain at that row. The chain is tamper-evident, not tamper-proof: someone who can
 * write the file can recompute every hash after an edit; anchoring the latest hash elsewhere
 * (the platform, a printed slip) is what would catch that.
 */
import { createHash, getHashes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { ZodType } from 'zod';
import { AUDIT_DETAILS, validated, type AuditDetail, type AuditKind } from './kinds.ts';

/** The hash algorithm of a chain: SM3 (GB/T 32905) where OpenSSL has it, else SHA-256. */
export type AuditAlgorithm = 'sm3' | 'sha256';

/** The result of walking the chain. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  algorithm: AuditAlgorithm;
  firstBroken: null | { seq: number; reason: string };
}

/** One stored audit entry. */
export interface AuditEntry {
  seq: number;
  at: number;
  kind: string;
  detail: Record<string, unknown>;
  hash: string;
}

/** The prev_hash of the first entry ever written. Both algorithms give 256-bit digests. */
const GENESIS = '0'.repeat(64);
const DAY_MS = 24 * 60 * 60 * 1000;

interface Row {
  seq: number;
  at: number;
  kind: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/**
 * JSON with object keys sorted at every level, so the same detail always hashes the same
 * whatever order its keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * hash = H(prev_hash ‖ seq ‖ at ‖ kind ‖ canonical detail). The parts are joined with newlines;
 * none of them can hold one (hex, decimals, a kind name, JSON escapes its own), so the join is
 * unambiguous.
 */
export function auditHash(
  algorithm: AuditAlgorithm,
  prevHash: string,
  seq: number,
  at: number,
  kind: string,
  detailJson: string,
): string {
  return createHash(algorithm)
    .update([prevHash, String(seq), String(at), kind, detailJson].join('\n'), 'utf8')
    .digest('hex');
}

/** The algorithm a new chain uses on this runtime. */
export function preferredAlgorithm(): AuditAlgorithm {
  return getHashes().includes('sm3') ? 'sm3' : 'sha256';
}

/** Appends, verifies and prunes the audit chain of one journal database. */
export class AuditChain {
  readonly algorithm: AuditAlgorithm;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly now: () => number,
  ) {
    // The algorithm is chosen once, when the chain is created, and recorded: a chain that
    // mixed algorithms could not be verified by anyone who did not know where it switched.
    const stored = db
      .prepare(`SELECT value FROM meta WHERE key = 'audit.algorithm'`)
      .pluck()
      .get() as string | undefined;
    if (stored === 'sm3' || stored === 'sha256') {
      this.algorithm = stored;
    } else {
      this.algorithm = preferredAlgorithm();
      db.prepare(`INSERT INTO meta (key, value) VALUES ('audit.algorithm', ?)`).run(this.algorithm);
    }
  }

  /** Appends an entry of `kind`; returns its seq. Runs in its own transaction. */
  append<K extends AuditKind>(kind: K, detail: AuditDetail<K>): number {
    const parsed = validated(
      AUDIT_DETAILS[kind] as ZodType<unknown>,
      detail,
      `audit ${kind} detail`,
    );
    return this.db.transaction(() => this.appendRaw(kind, parsed))();
  }

  /** Appends after `tail` (default: the newest row), inside the caller's transaction. */
  private appendRaw(kind: string, detail: unknown, tail = this.tail()): number {
    if (!getHashes().includes(this.algorithm)) {
      throw new Error(
        `journal: the audit chain uses ${this.algorithm}, which this runtime's OpenSSL lacks; refusing to mix algorithms`,
      );
    }
    const seq = (tail?.seq ?? 0) + 1;
    const prevHash = tail?.hash ?? GENESIS;
    const at = this.now();
    const json = canonicalJson(detail);
    const hash = auditHash(this.algorithm, prevHash, seq, at, kind, json);
    this.db
      .prepare(
        'INSERT INTO audit (seq, at, kind, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(seq, at, kind, json, prevHash, hash);
    return seq;
  }

  private tail(): { seq: number; hash: string } | undefined {
    return this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
  }

  /** The entries in seq order, for the technician's view. */
  entries(limit = 1000): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT ?')
      .all(limit) as Row[];
    return rows.reverse().map((row) => ({
      seq: row.seq,
      at: row.at,
      kind: row.kind,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
      hash: row.hash,
    }));
  }

  /** Walks the whole chain and names the first entry where it breaks. */
  verify(): AuditVerification {
    const rows = this.db.prepare('SELECT * FROM audit ORDER BY seq').all() as Row[];
    const broken = (seq: number, reason: string): AuditVerification => ({
      ok: false,
      entries: rows.length,
      algorithm: this.algorithm,
      firstBroken: { seq, reason },
    });
    if (!getHashes().includes(this.algorithm))
      return broken(rows[0]?.seq ?? 0, `algorithm ${this.algorithm} unavailable`);
    const first = rows[0];
    if (first !== undefined && first.seq !== 1) {
      // The oldest entries were pruned: a checkpoint must vouch for the hash they ended with.
      const anchored = rows.some((row) => {
        if (row.kind !== 'checkpoint') return false;
        const detail = parseDetail(row.detail);
        return (
          detail?.prunedThroughSeq === first.seq - 1 && detail.lastPrunedHash === first.prev_hash
        );
      });
      if (!anchored) return broken(first.seq, 'missing checkpoint');
    }
    let previous: Row | undefined;
    for (const row of rows) {
      if (previous !== undefined && row.seq !== previous.seq + 1) return broken(row.seq, 'seq gap');
      if (previous === undefined && row.seq === 1 && row.prev_hash !== GENESIS)
        return broken(row.seq, 'prev hash mismatch');
      if (previous !== undefined && row.prev_hash !== previous.hash)
        return broken(row.seq, 'prev hash mismatch');
      if (parseDetail(row.detail) === null) return broken(row.seq, 'detail is not JSON');
      const expected = auditHash(
        this.algorithm,
        row.prev_hash,
        row.seq,
        row.at,
        row.kind,
        row.detail,
      );
      if (expected !== row.hash) return broken(row.seq, 'hash mismatch');
      previous = row;
    }
    return { ok: true, entries: rows.length, algorithm: this.algorithm, firstBroken: null };
  }

  /**
   * Deletes the oldest entries, those older than `retainDays`, and appends a checkpoint that
   * carries the hash of the last one deleted, in one transaction. Only a prefix of the chain is
   * ever deleted: an entry stays while any older-seq entry is still within the retention, even
   * if the clock once stepped back. Returns how many entries were deleted.
   */
  prune(retainDays = 180): number {
    if (!Number.isInteger(retainDays) || retainDays < 1)
      throw new RangeError('journal: retainDays must be a positive integer');
    const cutoff = this.now() - retainDays * DAY_MS;
    return this.db.transaction(() => {
      const firstKept = this.db
        .prepare('SELECT MIN(seq) FROM audit WHERE at >= ?')
        .pluck()
        .get(cutoff) as number | null;
      const last = this.db
        .prepare('SELECT seq, hash FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT 1')
        .get(firstKept ?? Number.MAX_SAFE_INTEGER) as { seq: number; hash: string } | undefined;
      if (last === undefined) return 0;
      // Taken before the delete: when every entry is pruned, the checkpoint still follows on.
      const tail = this.tail();
      const { changes } = this.db.prepare('DELETE FROM audit WHERE seq <= ?').run(last.seq);
      this.appendRaw(
        'checkpoint',
        {
          prunedThroughSeq: last.seq,
          prunedCount: changes,
          lastPrunedHash: last.hash,
          retainDays,
        },
        tail,
      );
      return changes;
    })();
  }
}

function parseDetail(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
