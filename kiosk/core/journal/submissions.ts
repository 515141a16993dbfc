import type { Logger } from 'pino';
import type { PlatformClient } from '../platform/client.ts';
import { PlatformError } from '../platform/errors.ts';
import type { Clock } from '../session/idle.ts';
import type { RatingInput, RatingReceipt } from '../session/shell-machine.ts';
import { ApplicationRefusedError, type ApplicationDesk } from './applications.ts';
import { sendHelpEntry } from './help-requests.ts';
import type { Journal } from './journal.ts';
import type { OutboxEntry } from './outbox.ts';
import type { OutboxSend, OutboxSender } from './outbox-sender.ts';

/**
 * How long the resident's thank-you waits for the platform to take a rating before saying it is
 * saved and will be sent later: long enough for a healthy platform, short enough that nobody
 * stands at the kiosk wondering.
 */
export const RATING_SEND_WAIT_MS = 3000;

/** A submission kind the platform has no endpoint for yet: waiting for the network won't help. */
export class NoEndpointError extends Error {
  override readonly name = 'NoEndpointError';
}

/**
 * True when the platform refused the submission itself (a 4xx such as an unknown service) or
 * cannot take its kind: it then waits alone instead of holding up the outbox. Anything else
 * (no reply, a timeout, a 5xx) means the platform is away. So does an acknowledgement the client
 * could not use (`malformed`, `tooLarge`, `untrusted`): that is almost always a proxy or gateway
 * in front of the platform, true for every submission, and the idempotency key makes the resend
 * safe (see platform/API.md).
 */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof NoEndpointError ||
    error instanceof ApplicationRefusedError ||
    (error instanceof PlatformError && (error.rejected || error.notFound))
  );
}

/**
 * Sends one outbox entry to the platform with its idempotency key, so a repeat after a crash or
 * a lost reply is stored once. Resolves only when the platform acknowledged it.
 */
export function platformSend(platform: PlatformClient, applications?: ApplicationDesk): OutboxSend {
  return async (entry: OutboxEntry, signal: AbortSignal) => {
    if (entry.kind === 'help') return sendHelpEntry(platform, entry, signal);
    if (entry.kind === 'application' && applications)
      return applications.send(platform, entry, signal);
    if (entry.kind !== 'rating') {
      // A kind this kiosk has no desk for waits, visible in maintenance, until it ages out.
      throw new NoEndpointError(`no platform endpoint for ${entry.kind} submissions yet`);
    }
    const payload = entry.payload as { flowId: string; score: number; sessionRef?: string };
    await platform.submitRating(
      {
        serviceId: payload.flowId,
        score: payload.score,
        sessionRef: payload.sessionRef ?? entry.idempotencyKey,
        idempotencyKey: entry.idempotencyKey,
      },
      { signal },
    );
    return 'acknowledged';
  };
}

/**
 * The kiosk's rating desk: the rating and its step are written to the journal in one
 * transaction before anything is sent, then the outbox is asked to send now. The resident hears
 * the truth: sent, saved for later, or (when even the journal failed) not saved.
 */
export function ratingSubmitter(
  journal: Journal,
  sender: OutboxSender,
  clock: Clock,
  log: Logger,
): (rating: RatingInput) => Promise<RatingReceipt> {
  return async (rating) => {
    let entry: OutboxEntry;
    try {
      entry = journal.enqueue(
        'rating',
        {
          flowId: rating.serviceId,
          sessionRef: rating.sessionRef,
          score: rating.score,
          at: Math.floor(clock.now() / 60_000) * 60_000,
        },
        {
          step: { sessionRef: rating.sessionRef, kind: 'rating', detail: { score: rating.score } },
        },
      );
    } catch (error) {
      log.error({ err: error, serviceId: rating.serviceId }, 'rating could not be journaled');
      return 'failed';
    }
    sender.kick();
    await new Promise<void>((resolve) => {
      const timer = clock.setTimeout(resolve, RATING_SEND_WAIT_MS);
      void sender.idle().then(() => {
        clock.clearTimeout(timer);
        resolve();
      });
    });
    return journal.outboxEntry(entry.id)?.state === 'sent' ? 'sent' : 'queued';
  };
}
