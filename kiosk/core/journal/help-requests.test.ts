import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { PlatformClient } from '../platform/client.ts';
import type { StoredHelpRequest } from '../platform/sandbox/help.ts';
import { startSandboxPlatform, type SandboxPlatform } from '../platform/sandbox/index.ts';
import { helpSubmitter } from './help-requests.ts';
import { OutboxSender } from './outbox-sender.ts';
import { isRefusal, platformSend } from './submissions.ts';
import {
  findPersonalData,
  ManualClock,
  personalValues,
  tempJournal,
  type TempJournal,
} from './testing.ts';

/** A ManualClock whose timers fire when the test says so. */
class TimerClock extends ManualClock {
  private timers: { fn: () => void; id: number }[] = [];
  private nextId = 1;
  setTimeout(fn: () => void): unknown {
    const id = this.nextId++;
    this.timers.push({ fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
}

let sandbox: SandboxPlatform;
let client: PlatformClient;
let temp: TempJournal;
let sender: OutboxSender | undefined;

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
  client = new PlatformClient({
    baseUrl: sandbox.baseUrl,
    kioskId: 'KIOSK-HELP-07',
    timeoutMs: 2000,
  });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  sandbox.faults.set({ down: null });
  await sender?.stop();
  sender = undefined;
  temp.cleanup();
});

/** A sender over the journal that notes, on every send, whether the entry was already journaled. */
function startSender(clock: TimerClock, journaledAtSend: (string | undefined)[]): OutboxSender {
  const send = platformSend(client);
  const next = new OutboxSender(temp.journal, {
    send: (entry, signal) => {
      journaledAtSend.push(temp.journal.outboxEntry(entry.id)?.state);
      return send(entry, signal);
    },
    isRefusal,
    clock,
    log: silentLogger,
  });
  next.start();
  return next;
}

async function received(): Promise<StoredHelpRequest[]> {
  const reply = await fetch(`${sandbox.baseUrl}/sandbox/help-requests`);
  return ((await reply.json()) as { helpRequests: StoredHelpRequest[] }).helpRequests;
}

describe('calling staff through the outbox', () => {
  it('journals the request before sending it, then tells the platform the kiosk and screen', async () => {
    const clock = new TimerClock();
    temp = tempJournal({ clock });
    const journaledAtSend: (string | undefined)[] = [];
    sender = startSender(clock, journaledAtSend);
    const call = helpSubmitter(temp.journal, sender, clock, silentLogger);
    expect(await call({ screen: 'insert-card', flowId: 'si-payment-certificate' })).toBe('sent');
    expect(journaledAtSend).toEqual(['pending']);
    const [entry] = temp.journal.outboxList();
    expect(entry).toMatchObject({ kind: 'help', state: 'sent' });
    const mine = (await received()).filter((r) => r.screen === 'insert-card');
    expect(mine).toEqual([
      expect.objectContaining({
        kioskId: 'KIOSK-HELP-07',
        screen: 'insert-card',
        flowId: 'si-payment-certificate',
        reason: 'resident-asked',
      }),
    ]);
  });

  it('says "queued" while the platform is away, and a restarted kiosk sends it once', async () => {
    const clock = new TimerClock();
    temp = tempJournal({ clock });
    sandbox.faults.set({ down: 'http-500' });
    sender = startSender(clock, []);
    const call = helpSubmitter(temp.journal, sender, clock, silentLogger);
    expect(await call({ screen: 'scan-code' })).toBe('queued');
    await sender.stop();
    // A crash and a restart: the request is still in the outbox, and goes when the platform is back.
    temp.reopen();
    sandbox.faults.set({ down: null });
    const sentAtSend: (string | undefined)[] = [];
    sender = startSender(clock, sentAtSend);
    await sender.idle();
    expect(sentAtSend).toEqual(['pending']);
    expect(temp.journal.outboxList()).toEqual([
      expect.objectContaining({ kind: 'help', state: 'sent' }),
    ]);
    expect((await received()).filter((r) => r.screen === 'scan-code')).toHaveLength(1);
  });

  it('carries nothing about the resident, on disk or to the platform', async () => {
    const clock = new TimerClock();
    temp = tempJournal({ clock });
    sender = startSender(clock, []);
    const call = helpSubmitter(temp.journal, sender, clock, silentLogger);
    await call({ screen: 'review', flowId: 'si-payment-certificate' });
    temp.journal.close();
    expect(findPersonalData([temp.path, `${temp.path}-wal`])).toEqual([]);
    temp.reopen();
    const sent = JSON.stringify(await received());
    for (const value of personalValues()) expect(sent).not.toContain(value);
    const [stored] = (await received()).filter((r) => r.screen === 'review');
    expect(Object.keys(stored ?? {}).sort()).toEqual([
      'flowId',
      'helpRequestId',
      'idempotencyKey',
      'kioskId',
      'reason',
      'receivedAt',
      'screen',
    ]);
  });

  it('refuses a screen id that could carry text, before anything is journaled', async () => {
    const clock = new TimerClock();
    temp = tempJournal({ clock });
    sender = startSender(clock, []);
    const call = helpSubmitter(temp.journal, sender, clock, silentLogger);
    expect(await call({ screen: '张三 320106199001011234' })).toBe('failed');
    expect(temp.journal.outboxList()).toEqual([]);
  });
});
