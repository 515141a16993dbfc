import type { Logger } from 'pino';
import type { Journal } from '../journal/journal.ts';
import type { AuditDetail, AuditKind } from '../journal/kinds.ts';

/** The part of the journal maintenance mode writes its audit entries to. */
export type MaintenanceAuditLog = Pick<Journal, 'audit'>;

/**
 * What maintenance mode puts on the hash-chained audit trail: entries and exits, wrong PINs,
 * lockouts and every action a technician took. An audit that cannot be written is logged as an
 * error; the technician is not locked out of a kiosk whose disk is failing.
 */
export class AuditTrail {
  constructor(
    private readonly journal: MaintenanceAuditLog | undefined,
    private readonly log: Logger,
  ) {}

  /** The right PIN opened maintenance. */
  entered(): void {
    this.write('maintenance.entered', { method: 'pin' });
  }

  /** Maintenance closed; `reason` as the mode states it. */
  exited(reason: string): void {
    const why =
      reason === 'idle timeout' ? 'timeout' : reason === 'kiosk stopping' ? 'power' : 'done';
    this.write('maintenance.exited', { reason: why });
  }

  /** A wrong PIN, the `attempt`-th in a row. */
  wrongPin(attempt: number): void {
    this.write('pin.wrong', { attempt: Math.max(1, attempt) });
  }

  /** Too many wrong PINs: the keypad is locked until `untilMs`. */
  lockout(attempts: number, untilMs: number): void {
    this.write('pin.lockout', { attempts: Math.max(1, attempts), untilMs });
  }

  /** A technician's action (its event name), on a device class, and whether it worked. */
  action(action: string, target: string | undefined, ok: boolean): void {
    this.write('maintenance.action', {
      action,
      ...(target === undefined ? {} : { target }),
      result: ok ? 'ok' : 'failed',
    });
  }

  private write<K extends Exclude<AuditKind, 'checkpoint'>>(kind: K, detail: AuditDetail<K>): void {
    try {
      this.journal?.audit(kind, detail);
    } catch (error) {
      this.log.error({ err: error, kind }, 'audit entry not written');
    }
  }
}
