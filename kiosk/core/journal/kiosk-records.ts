import type { Logger } from 'pino';
import type { KioskConfig } from '../config/index.ts';
import type { PlatformClient } from '../platform/client.ts';
import { systemClock, type Clock } from '../session/idle.ts';
import type { RatingInput, RatingReceipt } from '../session/shell-machine.ts';
import { ApplicationDesk } from './applications.ts';
import { auditConfigChanges } from './config-audit.ts';
import { helpSubmitter, type HelpCall, type HelpCallOutcome } from './help-requests.ts';
import { Journal } from './journal.ts';
import { OutboxSender } from './outbox-sender.ts';
import { isRefusal, platformSend, ratingSubmitter } from './submissions.ts';

const DAY_MS = 24 * 3600_000;

/** The journal of a running kiosk, with its outbox sender and the rating and help desks. */
export interface KioskRecords {
  journal: Journal;
  sender: OutboxSender;
  submitRating(rating: RatingInput): Promise<RatingReceipt>;
  /** Journals a help request for the outbox and says whether the platform has it yet. */
  callStaff(call: HelpCall): Promise<HelpCallOutcome>;
  /** Bundle applications: numbered by the kiosk, journaled, sent through the outbox. */
  applications: ApplicationDesk;
  /** Stops the sender (what is in flight stays pending) and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the kiosk's journal at `journal.path`, starts sending what the outbox holds (a previous
 * run's pending submissions included) and prunes audit entries past their retention once a day,
 * each time behind a checkpoint that keeps the chain verifiable.
 */
export function openKioskRecords(
  config: KioskConfig,
  platform: PlatformClient,
  log: Logger,
  clock: Clock = systemClock,
  progressBase?: string,
): KioskRecords {
  const journalLog = log.child({ part: 'journal' });
  const journal = Journal.open(config.journal.path, { clock, log: journalLog });
  const changed = auditConfigChanges(journal, config);
  if (changed.length > 0)
    journalLog.info({ keys: changed.length }, 'config changed since the last start');
  // The desk and the sender need each other: the desk kicks the sender, the sender sends the
  // desk's applications (called only once the sender starts, below).
  const sender = new OutboxSender(journal, {
    send: (entry, signal) => sendAll(entry, signal),
    isRefusal,
    clock,
    log: journalLog,
    maxAgeMs: config.journal.outboxMaxAgeDays * DAY_MS,
  });
  let pruneTimer: unknown;
  const prune = (): void => {
    try {
      const pruned = journal.pruneAudit(config.journal.auditRetainDays);
      if (pruned > 0) journalLog.info({ pruned }, 'audit entries past retention pruned');
    } catch (error) {
      journalLog.error({ err: error }, 'audit pruning failed; retried tomorrow');
    }
    pruneTimer = clock.setTimeout(prune, DAY_MS);
  };
  const applications = new ApplicationDesk({
    journal,
    sender,
    clock,
    log: journalLog,
    progressBase: progressBase ?? config.platform.baseUrl ?? '',
  });
  const sendAll = platformSend(platform, applications);
  prune();
  sender.start();
  return {
    journal,
    sender,
    submitRating: ratingSubmitter(journal, sender, clock, journalLog),
    callStaff: helpSubmitter(journal, sender, clock, journalLog),
    applications,
    close: async () => {
      clock.clearTimeout(pruneTimer);
      await sender.stop();
      journal.close();
    },
  };
}
