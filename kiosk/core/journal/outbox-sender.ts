/**
 * Sends the outbox in creation order, one at a time, until the platform acknowledges each or it
 * passes its maximum age and is marked dead. When the platform is away, the whole outbox waits
 * out one exponential back-off with full jitter and starts again from the oldest submission, so
 * it drains in order once the platform returns. A submission the platform refuses outright (a
 * 4xx) waits out a back-off of its own instead, so one bad submission never holds up the rest. All state is in the journal, so a restart carries on where
 * the last run stopped; a submission that was in flight when the power went is sent again with
 * the same idempotency key, and the platform drops the duplicate.
 */
import type { Logger } from 'pino';
import type { Journal } from './journal.ts';
import type { OutboxEntry } from './outbox.ts';

/** Delivers one submission; resolves 'acknowledged' once the platform has it, throws otherwise. */
export type OutboxSend = (entry: OutboxEntry, signal: AbortSignal) => Promise<'acknowledged'>;

/** The timers the sender uses; the kiosk's `Clock` (session/idle.ts) fits. */
export interface SenderClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How the sender retries. */
export interface OutboxSenderOptions {
  send: OutboxSend;
  clock: SenderClock;
  log: Logger;
  /** First retry delay ceiling; doubles per attempt. Default 2 s. */
  baseDelayMs?: number;
  /** Largest retry delay ceiling. Default 10 min. */
  maxDelayMs?: number;
  /** After this long unsent, a submission is marked dead. Default 7 days. */
  maxAgeMs?: number;
  /** Uniform in [0, 1); injectable so tests know each delay. */
  random?: () => number;
  /**
   * Whether a failure is the platform refusing this submission (it will not go better by
   * waiting for the network) rather than the platform being away. Default: always away.
   */
  isRefusal?: (error: unknown) => boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Drives the outbox of one journal; `start()` once, `kick()` when the network returns. */
export class OutboxSender {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxAgeMs: number;
  private readonly random: () => number;
  private timer: unknown = undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private kicked = false;
  private stopped = true;
  private abort = new AbortController();
  /** Failed passes in a row because the platform was away, and until when the outbox waits. */
  private awayStreak = 0;
  private awayUntil = 0;
  /** Submissions the platform refused, each waiting until its own time. */
  private readonly refusedUntil = new Map<number, number>();

  constructor(
    private readonly journal: Journal,
    private readonly options: OutboxSenderOptions,
  ) {
    this.baseDelayMs = options.baseDelayMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 10 * 60 * 1000;
    this.maxAgeMs = options.maxAgeMs ?? 7 * DAY_MS;
    this.random = options.random ?? Math.random;
    if (!(this.baseDelayMs > 0) || !(this.maxDelayMs >= this.baseDelayMs) || !(this.maxAgeMs > 0)) {
      throw new RangeError('outbox sender: need 0 < baseDelayMs <= maxDelayMs and maxAgeMs > 0');
    }
  }

  /** Starts sending whatever is due, then keeps a timer for the next due submission. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    this.kick();
  }

  /** Tries every pending submission now, whatever its back-off (the network came back). */
  kick(): void {
    if (this.stopped) return;
    this.clearTimer();
    this.kicked = true;
    this.run();
  }

  /** Stops: clears the timer, aborts the send in flight and waits for it to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.abort.abort();
    await this.running;
  }

  /** Resolves when the current pass (if any) is over; for tests and orderly shutdown. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  /** The delay before retry number `attempts` (1-based): uniform in [0, min(max, base·2^(n-1))]. */
  backoffMs(attempts: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(attempts - 1, 40));
    return Math.floor(this.random() * ceiling);
  }

  private run(): void {
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error: unknown) => {
        // A journal error (disk full, closed database) must not become an unhandled rejection
        // that takes the kiosk down; the next timer or kick tries again.
        this.options.log.error({ err: error }, 'outbox pass failed');
      })
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.run();
        } else {
          this.schedule();
        }
      });
  }

  private async pass(): Promise<void> {
    this.journal.expireOutbox(this.maxAgeMs);
    // A kick (the network came back, a new submission, a start) tries everything now.
    const kicked = this.kicked;
    this.kicked = false;
    if (!kicked && this.options.clock.now() < this.awayUntil) return;
    let afterId = 0;
    while (!this.stopped) {
      const entry = this.journal.nextPending(afterId);
      if (entry === undefined) return;
      afterId = entry.id;
      const waiting = this.refusedUntil.get(entry.id) ?? 0;
      if (!kicked && waiting > this.options.clock.now()) continue;
      // The platform is away: nothing newer goes before this one, so the pass ends here.
      if ((await this.attempt(entry)) === 'away') return;
    }
  }

  private async attempt(entry: OutboxEntry): Promise<'sent' | 'refused' | 'away' | 'stopped'> {
    let failure: string;
    let refused = false;
    const stopped = this.aborted();
    try {
      const result = await Promise.race([
        this.options.send(entry, this.abort.signal),
        stopped.promise,
      ]);
      if (result === 'acknowledged') {
        this.journal.markSent(entry.id);
        this.refusedUntil.delete(entry.id);
        this.awayStreak = 0;
        this.awayUntil = 0;
        return 'sent';
      }
      failure = `send resolved ${String(result)} instead of acknowledged`;
    } catch (error) {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      refused = this.options.isRefusal?.(error) ?? false;
    } finally {
      stopped.release();
    }
    if (this.stopped) return 'stopped'; // aborted by stop(): retried next run, same key
    const now = this.options.clock.now();
    const delay = refused ? this.backoffMs(entry.attempts + 1) : this.backoffMs(++this.awayStreak);
    // Never schedule past the entry's expiry: it is marked dead then, not some hours later.
    const next = Math.min(now + delay, entry.createdAt + this.maxAgeMs);
    if (refused) this.refusedUntil.set(entry.id, next);
    else this.awayUntil = next;
    this.journal.markFailed(entry.id, failure, next);
    this.options.log.warn(
      {
        outboxId: entry.id,
        kind: entry.kind,
        attempts: entry.attempts + 1,
        retryInMs: next - now,
        refused,
      },
      refused
        ? 'outbox submission refused by the platform; will retry it alone'
        : 'platform away; the outbox waits and starts again from the oldest submission',
    );
    return refused ? 'refused' : 'away';
  }

  /**
   * Rejects when stop() aborts, so stop() never waits on a send that ignores its signal. Its
   * late answer is lost; the submission stays pending and goes again with the same key.
   */
  private aborted(): { promise: Promise<never>; release(): void } {
    const signal = this.abort.signal;
    let onAbort = (): void => undefined;
    const promise = new Promise<never>((_, reject) => {
      onAbort = () => reject(new Error('stopped'));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    promise.catch(() => undefined); // settled after the race is won: not an unhandled rejection
    // The signal lives as long as the sender: each attempt takes its listener off again, or a
    // week of retries would pile them up.
    return { promise, release: () => signal.removeEventListener('abort', onAbort) };
  }

  private schedule(): void {
    this.clearTimer();
    const earliest = this.journal.earliestPending();
    if (earliest === null) return;
    // While the platform is away nothing goes before the outbox's own retry time.
    const delay = Math.max(0, Math.max(earliest, this.awayUntil) - this.options.clock.now());
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
