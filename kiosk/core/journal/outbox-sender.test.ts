import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { OutboxSender, type OutboxSend } from './outbox-sender.ts';
import type { OutboxEntry } from './outbox.ts';
import { ManualClock, tempJournal, type TempJournal } from './testing.ts';

/** A ManualClock with timers that fire when the test moves time. */
class TimerClock extends ManualClock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.ms + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  /** Moves time to the next timer and fires it; false when none is set. */
  fireNext(): boolean {
    this.timers.sort((a, b) => a.at - b.at);
    const timer = this.timers.shift();
    if (timer === undefined) return false;
    this.ms = Math.max(this.ms, timer.at);
    timer.fn();
    return true;
  }
  pending(): number[] {
    return this.timers.map((t) => t.at - this.ms);
  }
}

let temp: TempJournal;
let sender: OutboxSender | undefined;
afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  temp.cleanup();
});

function setup(
  send: OutboxSend,
  options: { maxAgeMs?: number; isRefusal?: (error: unknown) => boolean } = {},
): TimerClock {
  const clock = new TimerClock();
  temp = tempJournal({ clock });
  sender = new OutboxSender(temp.journal, {
    send,
    clock,
    log: silentLogger,
    baseDelayMs: 1000,
    maxDelayMs: 8000,
    random: () => 0.5,
    ...options,
  });
  return clock;
}

describe('OutboxSender', () => {
  it('sends due submissions in creation order, one at a time, and marks them sent', async () => {
    const seen: string[] = [];
    let inFlight = 0;
    const send: OutboxSend = async (entry) => {
      inFlight++;
      expect(inFlight).toBe(1);
      await new Promise((r) => setTimeout(r, 2));
      seen.push(entry.idempotencyKey);
      inFlight--;
      return 'acknowledged';
    };
    setup(send);
    for (const key of ['k-1', 'k-2', 'k-3'])
      temp.journal.enqueue('help', { reason: 'stuck' }, { idempotencyKey: key });
    sender!.start();
    await sender!.idle();
    expect(seen).toEqual(['k-1', 'k-2', 'k-3']);
    expect(temp.journal.outboxCounts()).toEqual({ pending: 0, sent: 3, dead: 0 });
  });

  it('backs off exponentially with full jitter, capped, and keeps the error', async () => {
    let fail = true;
    const clock = setup(async () => {
      await Promise.resolve();
      if (fail) throw new Error('ETIMEDOUT');
      return 'acknowledged';
    });
    const entry = temp.journal.enqueue('help', { reason: 'stuck' });
    sender!.start();
    await sender!.idle();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(...clock.pending());
      clock.fireNext();
      await sender!.idle();
    }
    // random 0.5 of ceilings 1000, 2000, 4000, 8000, 8000 (capped)
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(temp.journal.outboxEntry(entry.id)).toMatchObject({
      attempts: 6,
      lastError: 'Error: ETIMEDOUT',
      state: 'pending',
    });
    expect(sender!.backoffMs(1)).toBe(500);
    fail = false;
    clock.fireNext();
    await sender!.idle();
    expect(temp.journal.outboxEntry(entry.id)?.state).toBe('sent');
    expect(clock.pending()).toEqual([]);
  });

  it('kick() tries now whatever the back-off', async () => {
    let up = false;
    const clock = setup(async () => {
      await Promise.resolve();
      if (!up) throw new Error('offline');
      return 'acknowledged';
    });
    temp.journal.enqueue('help', { reason: 'stuck' });
    temp.journal.enqueue('help', { reason: 'device-fault' });
    sender!.start();
    await sender!.idle();
    expect(temp.journal.outboxCounts().pending).toBe(2);
    up = true;
    sender!.kick();
    await sender!.idle();
    expect(temp.journal.outboxCounts()).toEqual({ pending: 0, sent: 2, dead: 0 });
    expect(clock.pending()).toEqual([]);
  });

  it('marks a submission dead after the maximum age, never dropping it', async () => {
    const clock = setup(
      async () => {
        await Promise.resolve();
        throw new Error('HTTP 503');
      },
      { maxAgeMs: 10_000 },
    );
    const entry = temp.journal.enqueue('rating', { flowId: 'f', score: 2, at: 0 });
    sender!.start();
    await sender!.idle();
    for (let i = 0; i < 50 && clock.fireNext(); i++) await sender!.idle();
    expect(temp.journal.outboxEntry(entry.id)).toMatchObject({
      state: 'dead',
      lastError: 'Error: HTTP 503',
    });
    expect(clock.now() - entry.createdAt).toBe(10_000);
    expect(temp.journal.outboxList()[0]).toMatchObject({ state: 'dead', kind: 'rating' });
  });

  it('carries on after a restart: a submission in flight at the crash is sent again with its key', async () => {
    const keys: string[] = [];
    setup(() => new Promise<'acknowledged'>(() => {})); // never answers: the "crash" comes first
    const entry = temp.journal.enqueue('help', { reason: 'stuck' }, { idempotencyKey: 'help-9' });
    sender!.start();
    await sender!.stop();
    expect(temp.journal.outboxEntry(entry.id)).toMatchObject({ state: 'pending', attempts: 0 });
    const journal = temp.reopen();
    sender = new OutboxSender(journal, {
      send: async (e: OutboxEntry) => {
        await Promise.resolve();
        keys.push(e.idempotencyKey);
        return 'acknowledged';
      },
      clock: new TimerClock(temp.clock.now()),
      log: silentLogger,
    });
    sender.start();
    await sender.idle();
    expect(keys).toEqual(['help-9']);
    expect(journal.outboxEntry(entry.id)?.state).toBe('sent');
  });

  it('treats anything but acknowledged as a failure', async () => {
    setup(() => Promise.resolve('maybe' as never));
    const entry = temp.journal.enqueue('help', { reason: 'stuck' });
    sender!.start();
    await sender!.idle();
    expect(temp.journal.outboxEntry(entry.id)).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('drains in creation order after an outage, with nobody at the kiosk to kick it', async () => {
    let up = false;
    const seen: string[] = [];
    const clock = setup(async (entry) => {
      await Promise.resolve();
      if (!up) throw new Error('ECONNREFUSED');
      seen.push(entry.idempotencyKey);
      return 'acknowledged';
    });
    temp.journal.enqueue('help', { reason: 'stuck' }, { idempotencyKey: 'old-1' });
    sender!.start();
    await sender!.idle();
    // The old one fails several times before the next two arrive: its own back-off is longest.
    for (let i = 0; i < 3; i++) {
      clock.fireNext();
      await sender!.idle();
    }
    temp.journal.enqueue('help', { reason: 'stuck' }, { idempotencyKey: 'new-2' });
    sender!.kick();
    await sender!.idle();
    temp.journal.enqueue('help', { reason: 'stuck' }, { idempotencyKey: 'new-3' });
    sender!.kick();
    await sender!.idle();
    up = true;
    for (let i = 0; i < 10 && clock.fireNext(); i++) await sender!.idle();
    expect(seen).toEqual(['old-1', 'new-2', 'new-3']);
  });

  it('lets a submission the platform refuses wait alone, without holding up the rest', async () => {
    class Refused extends Error {}
    const seen: string[] = [];
    setup(
      async (entry) => {
        await Promise.resolve();
        if (entry.idempotencyKey === 'bad-1') throw new Refused('HTTP 422 unknown service');
        seen.push(entry.idempotencyKey);
        return 'acknowledged';
      },
      { isRefusal: (error) => error instanceof Refused },
    );
    for (const key of ['bad-1', 'good-2', 'good-3'])
      temp.journal.enqueue('help', { reason: 'stuck' }, { idempotencyKey: key });
    sender!.start();
    await sender!.idle();
    expect(seen).toEqual(['good-2', 'good-3']);
    expect(temp.journal.outboxCounts()).toEqual({ pending: 1, sent: 2, dead: 0 });
  });
});
