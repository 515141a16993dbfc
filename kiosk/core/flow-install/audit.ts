/**
 * Writes installs and rollbacks to the journal's hash-chained audit trail (journal.path in the
 * config). The journal is opened for the one entry and closed again; WAL and the busy timeout
 * let this run beside a kiosk that has the journal open.
 */
import { userInfo } from 'node:os';
import { pino } from 'pino';
import { Journal } from '../journal/journal.ts';
import type { AuditDetail } from '../journal/kinds.ts';
import { InstallRefusal } from './errors.ts';

/** The OS account running the command, when it is a plain identifier; the audit's "who". */
export function operatorName(): string | undefined {
  try {
    const name = userInfo().username;
    return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) ? name : undefined;
  } catch (error) {
    // A uid with no passwd entry (containers) has no name; the entry is written without one.
    if (error instanceof Error) return undefined;
    throw error;
  }
}

/**
 * Appends one flow install or rollback entry to the audit chain of the journal at `path`; a
 * journal that cannot take it refuses the change, which the caller has not made yet.
 */
export function auditFlowChange(
  path: string,
  entry:
    | { kind: 'flow.installed'; detail: AuditDetail<'flow.installed'> }
    | { kind: 'flow.rolledBack'; detail: AuditDetail<'flow.rolledBack'> },
): void {
  try {
    const journal = Journal.open(path, {
      clock: { now: () => Date.now() },
      log: pino({ enabled: false }),
    });
    try {
      if (entry.kind === 'flow.installed') journal.audit(entry.kind, entry.detail);
      else journal.audit(entry.kind, entry.detail);
    } finally {
      journal.close();
    }
  } catch (error) {
    throw new InstallRefusal(
      `the audit entry cannot be written to the journal ${path} (${error instanceof Error ? error.message : String(error)}), so nothing was changed`,
      'check journal.path in the config and that the journal is writable',
    );
  }
}
