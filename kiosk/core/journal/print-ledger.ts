/**
 * The print ledger: every job is recorded before it is sent and confirmed or failed after. A
 * job still `started` after a restart may or may not be on paper (power cut mid-print), so it
 * is shown to the technician, who resolves it, rather than being reprinted blindly: a second
 * certificate is as wrong as a missing one.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { validated } from './kinds.ts';
import { sessionRefSchema } from './steps.ts';
import { identifier, reference, scrubError, summaryProblem } from './personal-data.ts';

/** What `printStarted` records. */
export interface PrintStart {
  sessionRef: string;
  device: 'receipt' | 'document';
  jobId: string;
  /** Masked text only, e.g. `si-certificate 张*丰 110105********002X`. */
  summary: string;
}

/** How a technician settled a print that was never confirmed. */
export type PrintResolution = 'reprinted' | 'abandoned' | 'confirmed';

/** One print in the ledger. */
export interface PrintRecord {
  id: number;
  sessionRef: string;
  device: 'receipt' | 'document';
  jobId: string;
  summary: string;
  state: 'started' | 'confirmed' | 'failed';
  startedAt: number;
  finishedAt: number | null;
  failure: string | null;
  resolution: PrintResolution | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
}

const printStartSchema = z.strictObject({
  sessionRef: sessionRefSchema,
  device: z.enum(['receipt', 'document']),
  jobId: reference(128),
  summary: z
    .string()
    .min(1)
    .max(120)
    .superRefine((value, ctx) => {
      const problem = summaryProblem(value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: `refused: ${problem}` });
    }),
});

interface Row {
  id: number;
  session_ref: string;
  device: 'receipt' | 'document';
  job_id: string;
  summary: string;
  state: 'started' | 'confirmed' | 'failed';
  started_at: number;
  finished_at: number | null;
  failure: string | null;
  resolution: PrintResolution | null;
  resolved_by: string | null;
  resolved_at: number | null;
}

function toRecord(row: Row): PrintRecord {
  return {
    id: row.id,
    sessionRef: row.session_ref,
    device: row.device,
    jobId: row.job_id,
    summary: row.summary,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    failure: row.failure,
    resolution: row.resolution,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
  };
}

/** Reads and updates the prints table; the Journal wraps each call with its step. */
export class PrintLedger {
  constructor(private readonly db: BetterSqlite3.Database) {}

  /** Validates and records a job about to be sent, inside the caller's transaction. */
  start(print: PrintStart, now: number): number {
    const valid = validated(printStartSchema, print, 'print');
    const { lastInsertRowid } = this.db
      .prepare(
        'INSERT INTO prints (session_ref, device, job_id, summary, started_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(valid.sessionRef, valid.device, valid.jobId, valid.summary, now);
    return Number(lastInsertRowid);
  }

  /** Marks a started job confirmed (the device reported it done). */
  confirm(id: number, now: number): PrintRecord {
    return this.finish(id, 'confirmed', null, now);
  }

  /** Marks a started job failed; the reason is scrubbed and bounded. */
  fail(id: number, reason: string, now: number): PrintRecord {
    return this.finish(id, 'failed', scrubError(reason), now);
  }

  private finish(
    id: number,
    state: 'confirmed' | 'failed',
    failure: string | null,
    now: number,
  ): PrintRecord {
    const { changes } = this.db
      .prepare(
        `UPDATE prints SET state = ?, failure = ?, finished_at = ? WHERE id = ? AND state = 'started'`,
      )
      .run(state, failure, now, id);
    const record = this.get(id);
    if (record === undefined) throw new RangeError(`journal: no print ${id}`);
    if (changes === 0) throw new Error(`journal: print ${id} is already ${record.state}`);
    return record;
  }

  /** One print by id, or undefined. */
  get(id: number): PrintRecord | undefined {
    const row = this.db.prepare('SELECT * FROM prints WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? undefined : toRecord(row);
  }

  /** Jobs started but neither confirmed, failed nor resolved, oldest first. */
  unconfirmed(): PrintRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM prints WHERE state = 'started' AND resolution IS NULL ORDER BY id`)
      .all() as Row[];
    return rows.map(toRecord);
  }

  /** Records how a technician settled an unconfirmed print; `by` is the technician's id. */
  resolve(id: number, resolution: PrintResolution, by: string, now: number): PrintRecord {
    validated(z.enum(['reprinted', 'abandoned', 'confirmed']), resolution, 'print resolution');
    validated(identifier(64), by, 'print resolver');
    const { changes } = this.db
      .prepare(
        `UPDATE prints SET resolution = ?, resolved_by = ?, resolved_at = ?
         WHERE id = ? AND state = 'started' AND resolution IS NULL`,
      )
      .run(resolution, by, now, id);
    const record = this.get(id);
    if (record === undefined) throw new RangeError(`journal: no print ${id}`);
    if (changes === 0)
      throw new Error(
        `journal: print ${id} is not awaiting resolution (${record.state}, ${record.resolution ?? 'unresolved'})`,
      );
    return record;
  }
}
