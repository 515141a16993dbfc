/**
 * The transaction step log: what each session did, written before the kiosk acts on it. A
 * step names what happened (a journey began, the platform was asked, a print started), never
 * who it happened to: details are validated per kind in kinds.ts.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ZodType } from 'zod';
import { STEP_DETAILS, validated, type StepDetail, type StepKind } from './kinds.ts';
import { reference } from './personal-data.ts';

/** A session reference: opaque (a UUID or a counter), never derived from the resident. */
export const sessionRefSchema = reference(64);

/** A step to write, alone or in the same transaction as a submission. */
export interface StepInput<K extends StepKind = StepKind> {
  sessionRef: string;
  kind: K;
  detail: StepDetail<K>;
}

/** One stored transaction step. */
export interface StepRecord {
  id: number;
  sessionRef: string;
  kind: StepKind;
  detail: Record<string, string | number | boolean>;
  at: number;
}

interface Row {
  id: number;
  session_ref: string;
  kind: StepKind;
  detail: string;
  at: number;
}

/** Writes and reads the steps table; the Journal owns the transactions. */
export class StepLog {
  private readonly insert: BetterSqlite3.Statement;
  private readonly bySession: BetterSqlite3.Statement;

  constructor(
    db: BetterSqlite3.Database,
    private readonly clock: { now(): number },
  ) {
    this.insert = db.prepare(
      'INSERT INTO steps (session_ref, kind, detail, at) VALUES (?, ?, ?, ?)',
    );
    this.bySession = db.prepare(
      'SELECT id, session_ref, kind, detail, at FROM steps WHERE session_ref = ? ORDER BY id',
    );
  }

  /** Validates and writes one step inside the caller's transaction; returns its id. */
  write(input: StepInput): number {
    const ref = validated(sessionRefSchema, input.sessionRef, 'session reference');
    const schema = (STEP_DETAILS as Record<string, ZodType<unknown> | undefined>)[input.kind];
    if (schema === undefined)
      throw new TypeError(`journal: unknown step kind ${JSON.stringify(input.kind)}`);
    const detail = validated(schema, input.detail, `step ${input.kind} detail`);
    const { lastInsertRowid } = this.insert.run(
      ref,
      input.kind,
      JSON.stringify(detail),
      this.clock.now(),
    );
    return Number(lastInsertRowid);
  }

  /** The steps of one session, in order. */
  list(sessionRef: string): StepRecord[] {
    return (this.bySession.all(sessionRef) as Row[]).map((row) => ({
      id: row.id,
      sessionRef: row.session_ref,
      kind: row.kind,
      detail: JSON.parse(row.detail) as StepRecord['detail'],
      at: row.at,
    }));
  }
}
