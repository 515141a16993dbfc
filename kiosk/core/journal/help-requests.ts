import type { Logger } from 'pino';
import type { PlatformClient } from '../platform/client.ts';
import type { Clock } from '../session/idle.ts';
import type { Journal } from './journal.ts';
import type { OutboxEntry } from './outbox.ts';
import type { OutboxSender } from './outbox-sender.ts';

/**
 * How long "call staff" waits for the platform before telling the resident the call is queued:
 * a healthy platform answers well inside it, and a resident who asked for help must not stare at
 * an unchanged screen.
 */
export const HELP_SEND_WAIT_MS = 3000;

/** Where the resident stood when they asked for help; nothing about who they are. */
export interface HelpCall {
  screen: string;
  flowId?: string;
}

/** What the kiosk can tell the resident: staff told, told once the network is back, or not saved. */
export type HelpCallOutcome = 'sent' | 'queued' | 'failed';

/**
 * The kiosk's help desk towards the platform: the request is written to the journal's outbox
 * (with its idempotency key) before anything is sent, so a crash or an outage delays it but never
 * loses it, and the platform opens it once however often it is resent.
 */
export function helpSubmitter(
  journal: Journal,
  sender: OutboxSender,
  clock: Clock,
  log: Logger,
): (call: HelpCall) => Promise<HelpCallOutcome> {
  return async (call) => {
    let entry: OutboxEntry;
    try {
      entry = journal.enqueue('help', {
        screen: call.screen,
        ...(call.flowId === undefined ? {} : { flowId: call.flowId }),
        reason: 'resident-asked',
      });
    } catch (error) {
      log.error({ err: error, screen: call.screen }, 'help request could not be journaled');
      return 'failed';
    }
    sender.kick();
    await new Promise<void>((resolve) => {
      const timer = clock.setTimeout(resolve, HELP_SEND_WAIT_MS);
      void sender.idle().then(() => {
        clock.clearTimeout(timer);
        resolve();
      });
    });
    return journal.outboxEntry(entry.id)?.state === 'sent' ? 'sent' : 'queued';
  };
}

/** Sends one journaled help request with its idempotency key; resolves once acknowledged. */
export async function sendHelpEntry(
  platform: PlatformClient,
  entry: OutboxEntry,
  signal: AbortSignal,
): Promise<'acknowledged'> {
  const payload = entry.payload as { screen?: string; flowId?: string; reason: string };
  await platform.submitHelpRequest(
    {
      screen: payload.screen ?? 'unknown',
      ...(payload.flowId === undefined ? {} : { flowId: payload.flowId }),
      reason: payload.reason as 'resident-asked',
      idempotencyKey: entry.idempotencyKey,
    },
    { signal },
  );
  return 'acknowledged';
}
