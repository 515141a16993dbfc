import type { Logger } from 'pino';
import type { AnyActorRef } from 'xstate';
import type { Locale, ScreenView } from '../../contract.ts';
import type { Requirement } from '../capabilities/catalogue.ts';
import type { SessionRuntime } from '../capabilities/runtime.ts';
import type { FlowBudget } from '../runner/budget.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import type { Speaker } from '../speech/speaker.ts';
import type { HelpOptions } from './help.ts';
import type { Clock, IdleTimer } from './idle.ts';
import type { SessionSteps } from './session-journal.ts';
import type { RatingInput, RatingReceipt } from './shell-machine.ts';

/**
 * How long a busy step (a print under way) may run past the session cap before the session
 * ends anyway: a certificate prints in well under a minute, and no flow may hold the kiosk
 * past its cap by showing a busy screen forever.
 */
export const BUSY_GRACE_MS = 60_000;

/**
 * What the owner needs from maintenance mode (kiosk/core/maintenance). While it is open the
 * owner draws its screens and hands it every action; no resident session runs meanwhile.
 */
export interface MaintenanceHooks {
  isOpen(): boolean;
  /** The corner gesture: open the PIN screen. */
  request(): void;
  action(event: string, data: Record<string, string | number | boolean>): void;
  /** Any touch, for maintenance's own idle timeout. */
  activity(): void;
  screen(locale: Locale): ScreenView;
}

/** What the session owner needs from the rest of the kiosk. */
export interface SessionOwnerOptions {
  flows: readonly FlowPackage[];
  /** Makes the capability runtime for one session on the session clock; `end()` is called at wipe. */
  createRuntime(sessionRef: string, clock: Clock): SessionRuntime;
  /** Requirements that are out of service right now. */
  outOfService(): Requirement[];
  /** Journals the rating for the outbox and says whether it reached the platform already. */
  submitRating(rating: RatingInput): Promise<RatingReceipt>;
  idleTimeoutSeconds: number;
  idleWarningSeconds: number;
  /** Hard limit of one session, whatever the resident does; never cuts a busy step short. */
  maxSessionMinutes: number;
  locale: Locale;
  largeText: boolean;
  site: string;
  /** The hall the attract screen names (`kiosk.hallName`); `site` when absent. */
  hallName?: string | undefined;
  /** Opening hours for the attract screen (`kiosk.hours`); all day when absent. */
  hours?: string | undefined;
  /** Help on every screen: hotline, remote-help page and calling staff through the outbox. */
  help?: HelpOptions;
  clock?: Clock;
  log?: Logger;
  /** Where journeys, outcomes and wipes are written; absent only in tests that need none. */
  journal?: SessionSteps;
  /** The kiosk's voice (speaker button, idle warning, `speech.say`); absent, nothing is spoken. */
  speech?: Speaker;
  /** Maintenance mode; without it the corner gesture does nothing. */
  maintenance?: MaintenanceHooks;
  /** Told of every new flow set once it is served (see `SessionOwner.offerFlows`). */
  flowsApplied?(flows: readonly FlowPackage[]): void;
}

/** One open resident session, as the owner keeps it until the wipe. */
export interface Session {
  ref: string;
  actor: AnyActorRef;
  runtime: SessionRuntime;
  idle: IdleTimer;
  secondsLeft: number | null;
  /** The timer of the hard session limit. */
  limit: unknown;
  /** The running flow's step budgets. */
  budget: FlowBudget;
  /** The flow state last entered, for the log line when a flow is stopped. */
  flowState: string;
  /** When the flow entered that state (session clock), for the countdown of a waiting screen. */
  flowSince?: number;
}
