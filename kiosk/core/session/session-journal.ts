import type { Logger } from 'pino';
import type { Journal } from '../journal/journal.ts';
import type { StepDetail } from '../journal/kinds.ts';

/** The part of the journal the session owner writes to. */
export type SessionSteps = Pick<Journal, 'step'>;

/** How the session ended, in the journal's words. */
const WIPE_REASONS: Record<string, StepDetail<'wipe'>['reason']> = {
  'idle timeout': 'timeout',
  'maximum session length reached': 'timeout',
  'session actor failed': 'error',
};

/** A flow's outcome in the journal's words. */
const OUTCOMES: Record<string, StepDetail<'outcome'>['result']> = {
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'error',
};

/**
 * The session owner's journal steps: a journey started, its outcome, the wipe. A journal that
 * cannot be written is logged and the resident's session goes on: the wipe in particular must
 * never be held up by a disk.
 */
export class SessionJournal {
  constructor(
    private readonly journal: SessionSteps | undefined,
    private readonly log: Logger,
  ) {}

  /** The resident chose a service. */
  started(sessionRef: string, flowId: string, flowVersion: string, language: 'zh-CN' | 'en'): void {
    this.write(sessionRef, 'journey.started', { flowId, flowVersion, language });
  }

  /** The flow reached a final state. */
  finished(sessionRef: string, outcome: string): void {
    this.write(sessionRef, 'outcome', { result: OUTCOMES[outcome] ?? 'error' });
  }

  /** The kiosk stopped the flow (a budget or a fault). */
  stopped(sessionRef: string): void {
    this.write(sessionRef, 'outcome', { result: 'error', code: 'flow-stopped' });
  }

  /** Everything of the resident was dropped. */
  wiped(sessionRef: string, reason: string): void {
    this.write(sessionRef, 'wipe', { reason: WIPE_REASONS[reason] ?? 'ended', ok: true });
  }

  private write<K extends 'journey.started' | 'outcome' | 'wipe'>(
    sessionRef: string,
    kind: K,
    detail: StepDetail<K>,
  ): void {
    try {
      this.journal?.step(sessionRef, kind, detail);
    } catch (error) {
      this.log.error({ err: error, session: sessionRef, kind }, 'journal step not written');
    }
  }
}
