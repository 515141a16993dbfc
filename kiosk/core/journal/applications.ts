/**
 * The kiosk's application desk for "one thing done" bundles (高效办成一件事). The kiosk makes the
 * application number itself, so the resident's receipt can be printed while the platform is
 * away; the number is journaled as the outbox entry's idempotency key before the first attempt,
 * and the outbox sends the application when it can. The platform takes a kiosk-made number as
 * the application's number, and a resend with the same key is stored once.
 *
 * What is on disk, and why. The journal's outbox row holds the flow id and the number only. The
 * application body (the platform's resident reference, the typed phone and bank card numbers,
 * dates) is personal data and stays in this desk's memory until the platform has it:
 * - the resident reference expires (half an hour in the sandbox), so stored for a long outage it
 *   would be refused anyway, and it is a key to the person while it lives;
 * - a phone or bank card number on disk would outlive the session by months, which the kiosk
 *   promises never to allow (the journal refuses long digit runs outright).
 * The price: when the platform is away AND the kiosk restarts before it returns, the body is
 * gone. The outbox row stays, refused with a message saying so, so staff see which numbers never
 * reached the platform; the receipt tells the resident to bring it to a counter if the progress
 * QR shows nothing within a day.
 */
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { PlatformClient } from '../platform/client.ts';
import { PlatformError } from '../platform/errors.ts';
import type { Clock } from '../session/idle.ts';
import type { Journal } from './journal.ts';
import type { OutboxEntry } from './outbox.ts';
import type { OutboxSender } from './outbox-sender.ts';

/**
 * How long the resident waits for the platform to take an application before the kiosk prints
 * the receipt anyway and leaves it to the outbox: a healthy platform answers in well under a
 * second, and a resident must not stare at a spinner while the network is down.
 */
export const APPLICATION_SEND_WAIT_MS = 5000;

/**
 * Applications held in memory while the platform is away. A busy kiosk files a few dozen a day;
 * beyond this something is wrong for long enough that a counter must take them.
 */
export const MAX_HELD_APPLICATIONS = 200;

/** What the flow submits: the platform's form of a bundle application. */
export interface ApplicationBody {
  flowId: string;
  bundleId: string;
  items: string[];
  fields: Record<string, string>;
  residentRef: string;
}

/** What the resident gets: the number, where to follow it, and whether the platform has it yet. */
export interface ApplicationResult {
  applicationNo: string;
  progressUrl: string;
  submittedAt: string;
  sent: boolean;
}

/** The platform refused this application (a field it will not take, an expired reference). */
export class ApplicationRefusedError extends Error {
  override readonly name = 'ApplicationRefusedError';
}

/** The desk could not take the application: journal failure or too many held. Nothing filed. */
export class ApplicationNotSavedError extends Error {
  override readonly name = 'ApplicationNotSavedError';
}

/** `KS`, the Beijing date and 8 random digits: the number format the platform accepts. */
export function makeApplicationNo(
  nowMs: number,
  random: () => number = () => randomInt(1e8),
): string {
  const day = new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `KS${day}${String(random()).padStart(8, '0')}`;
}

/**
 * The number as the journal stores it, `KS20261201-12345678`: the journal refuses any run of 11
 * or more digits (phone, card and ID numbers look like that), so the date and the random part
 * are kept apart by a dash. The platform gets the number without it.
 */
export function journalKeyOf(applicationNo: string): string {
  return `${applicationNo.slice(0, 10)}-${applicationNo.slice(10)}`;
}

/** The application number a journal key stands for. */
export function applicationNoOf(journalKey: string): string {
  return journalKey.replace('-', '');
}

interface Held {
  /** Dropped once the platform has it or refused it: personal data lives no longer than needed. */
  body?: ApplicationBody;
  /** A resident is at the kiosk waiting for the answer. */
  waiting: boolean;
  refusal?: Error;
  receipt?: { progressUrl: string; submittedAt: string };
}

/** The desk of one running kiosk; `send` is the outbox's sender for `application` entries. */
export class ApplicationDesk {
  readonly #held = new Map<string, Held>();

  constructor(
    private readonly deps: {
      journal: Journal;
      sender: OutboxSender;
      clock: Clock;
      log: Logger;
      /** Where the platform shows an application's progress: `<base>/progress/<number>`. */
      progressBase: string;
    },
  ) {}

  /** Journals the application, asks the outbox to send it now and waits a little for it. */
  async submit(body: ApplicationBody): Promise<ApplicationResult> {
    const { journal, sender, clock, log } = this.deps;
    if (this.#held.size >= MAX_HELD_APPLICATIONS)
      throw new ApplicationNotSavedError('too many applications wait for the platform already');
    const applicationNo = makeApplicationNo(clock.now());
    const key = journalKeyOf(applicationNo);
    let entry: OutboxEntry;
    try {
      this.#held.set(key, { body, waiting: true });
      entry = journal.enqueue(
        'application',
        { flowId: body.flowId, operation: 'application.submit', platformRef: key },
        { idempotencyKey: key },
      );
    } catch (error) {
      this.#held.delete(key);
      log.error({ err: error, flowId: body.flowId }, 'application could not be journaled');
      throw new ApplicationNotSavedError('the application could not be saved', { cause: error });
    }
    sender.kick();
    await new Promise<void>((resolve) => {
      const timer = clock.setTimeout(resolve, APPLICATION_SEND_WAIT_MS);
      void sender.idle().then(() => {
        clock.clearTimeout(timer);
        resolve();
      });
    });
    const held = this.#held.get(key);
    if (held) held.waiting = false;
    if (held?.receipt) this.#held.delete(key);
    if (held?.refusal) throw held.refusal;
    const sent = journal.outboxEntry(entry.id)?.state === 'sent';
    return {
      applicationNo,
      progressUrl: held?.receipt?.progressUrl ?? this.progressUrl(applicationNo),
      submittedAt: held?.receipt?.submittedAt ?? new Date(clock.now()).toISOString(),
      sent,
    };
  }

  /** Sends one journaled application with its number as the key; resolves once acknowledged. */
  async send(
    platform: PlatformClient,
    entry: OutboxEntry,
    signal: AbortSignal,
  ): Promise<'acknowledged'> {
    const held = this.#held.get(entry.idempotencyKey);
    if (held?.refusal) throw held.refusal;
    if (!held?.body) {
      throw new ApplicationRefusedError(
        'the application details were held in memory only and the kiosk restarted before the platform took them; the resident must file it again at a counter',
      );
    }
    const { flowId: _flowId, ...application } = held.body;
    try {
      const receipt = await platform.submitApplication(
        { ...application, idempotencyKey: applicationNoOf(entry.idempotencyKey) },
        { signal },
      );
      held.receipt = { progressUrl: receipt.progressUrl, submittedAt: receipt.submittedAt };
    } catch (error) {
      if (error instanceof PlatformError && (error.rejected || error.notFound)) {
        held.refusal = new ApplicationRefusedError(
          `the platform refused the application (${error.code})`,
        );
        delete held.body;
        throw held.refusal;
      }
      throw error;
    }
    // Once the platform has it, the personal part goes; the receipt stays while a resident waits.
    delete held.body;
    if (!held.waiting) this.#held.delete(entry.idempotencyKey);
    return 'acknowledged';
  }

  private progressUrl(applicationNo: string): string {
    return `${this.deps.progressBase.replace(/\/+$/, '')}/progress/${applicationNo}`;
  }
}
