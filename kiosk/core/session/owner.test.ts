import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreMessage, KioskSnapshot, RendererMessage } from '../../contract.ts';
import { CONTRACT_VERSION } from '../../contract.ts';
import type { Requirement } from '../capabilities/catalogue.ts';
import { createSessionRuntime } from '../capabilities/runtime.ts';
import { loadFlowPackage } from '../runner/load-package.ts';
import type { Clock } from './idle.ts';
import { SessionOwner } from './owner.ts';
import { fakeCapabilityPorts } from './testing/guard-harness.ts';
import type { RatingInput, RatingReceipt } from './shell-machine.ts';
import { waitFor } from '../../../test/support/time.ts';

const FLOW = loadFlowPackage(join(import.meta.dirname, '../../../flows/si-payment-certificate'));

/** A clock whose timers fire only when the test advances it. */
class ManualClock implements Clock {
  time = 0;
  timers = new Map<number, { at: number; fn: () => void }>();
  id = 0;
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    this.timers.set(++this.id, { at: this.time + ms, fn });
    return this.id;
  };
  clearTimeout = (h: unknown): void => void this.timers.delete(h as number);
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .sort((a, b) => a[1].at - b[1].at)
        .find(([, t]) => t.at <= end);
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

function harness(options: { down?: Requirement[]; rating?: RatingReceipt } = {}) {
  const clock = new ManualClock();
  const ratings: RatingInput[] = [];
  const ended: string[] = [];
  const cards: WeakRef<object>[] = [];
  const owner = new SessionOwner({
    flows: [FLOW],
    // The real session runtime on fake devices and a fake platform, so the wipe is proven on
    // the vault that holds the card, not on a stand-in.
    createRuntime: (ref, sessionClock) => {
      const runtime = createSessionRuntime(fakeCapabilityPorts({}, cards), ref, sessionClock);
      return {
        run: (name, input, signal) => runtime.run(name, input, signal),
        end: () => {
          runtime.end();
          ended.push(ref);
        },
      };
    },
    outOfService: () => options.down ?? [],
    submitRating: (r) => {
      ratings.push(r);
      return Promise.resolve(options.rating ?? 'sent');
    },
    idleTimeoutSeconds: 60,
    idleWarningSeconds: 10,
    maxSessionMinutes: 5,
    locale: 'zh-CN',
    largeText: false,
    site: '示例街道便民服务中心',
    clock,
  });
  const received: KioskSnapshot[] = [];
  const refusals: string[] = [];
  const link = owner.connect((m: CoreMessage) => {
    if (m.type === 'snapshot') received.push(m.snapshot);
    else refusals.push(m.reason);
  });
  const send = (m: RendererMessage): void => link.receive(m);
  send({ type: 'hello', contractVersion: CONTRACT_VERSION });
  const last = (): KioskSnapshot => received[received.length - 1]!;
  const until = (screenId: string): Promise<KioskSnapshot> =>
    waitFor(() => last().screen.id === screenId && last(), `screen ${screenId}`, 1000).catch(
      (error: unknown) => {
        throw new Error(`${(error as Error).message}; last was ${last().screen.id}`);
      },
    );
  const chooseCertificate = (): void =>
    send({
      type: 'action',
      event: 'service.chosen',
      data: { serviceId: 'si-payment-certificate' },
    });
  /** Starts a session, chooses the certificate service and the ID-card path. */
  const startCertificateByCard = (): void => {
    send({ type: 'action', event: 'session.start' });
    chooseCertificate();
    send({ type: 'action', event: 'identity.card' });
  };
  return {
    owner,
    clock,
    ratings,
    ended,
    send,
    last,
    until,
    refusals,
    cards,
    chooseCertificate,
    startCertificateByCard,
  };
}

/** Picks the last 12 months on the certificate's period screen, then waits for the preview. */
async function toPreview(h: ReturnType<typeof harness>) {
  await h.until('si-payment-certificate/choose-period');
  h.send({ type: 'action', event: 'period.months', data: { months: 12 } });
  return h.until('si-payment-certificate/preview');
}

describe('the session owner', () => {
  it('shows the attract screen until someone touches it, then the menu of services', async () => {
    const h = harness();
    expect(h.last().screen.id).toBe('attract');
    const panels = h.last().screen.blocks.find((b) => b.kind === 'list');
    expect(panels).toMatchObject({
      items: [
        { id: 'services', lines: ['社保参保缴费证明打印'] },
        { id: 'hours' },
        { id: 'hall', lines: ['示例街道便民服务中心'] },
      ],
    });
    expect(h.last().inSession).toBe(false);
    h.send({ type: 'action', event: 'session.start' });
    const menu = await h.until('menu');
    const block = menu.screen.blocks[0];
    expect(block?.kind === 'choices' && block.choices[0]?.label).toBe('社保参保缴费证明打印');
  });

  it('runs a service, asks for a rating, submits it and wipes the session', async () => {
    const h = harness();
    h.startCertificateByCard();
    const preview = await toPreview(h);
    expect(JSON.stringify(preview)).not.toContain('320102198808084526');
    h.send({ type: 'action', event: 'print' });
    await h.until('si-payment-certificate/take-document');
    h.send({ type: 'action', event: 'next' });
    await h.until('rating');
    h.send({ type: 'action', event: 'rating.chosen', data: { score: 5 } });
    await h.until('thanks');
    expect(h.ratings).toEqual([
      expect.objectContaining({
        serviceId: 'si-payment-certificate',
        score: 5,
        outcome: 'completed',
      }),
    ]);
    h.send({ type: 'action', event: 'next' });
    await h.until('attract');
    expect(h.ended).toHaveLength(1);
    expect(h.last().inSession).toBe(false);
  });

  it.each([
    ['queued', '网络恢复后将自动提交'],
    ['failed', '未能保存'],
  ] as const)(
    'tells the resident the truth when the rating was %s instead of sent',
    async (receipt, told) => {
      const h = harness({ rating: receipt });
      h.startCertificateByCard();
      await toPreview(h);
      h.send({ type: 'action', event: 'cancel' });
      await h.until('menu');
      h.chooseCertificate();
      h.send({ type: 'action', event: 'identity.card' });
      await toPreview(h);
      h.send({ type: 'action', event: 'print' });
      await h.until('si-payment-certificate/take-document');
      h.send({ type: 'action', event: 'next' });
      await h.until('rating');
      h.send({ type: 'action', event: 'rating.chosen', data: { score: 4 } });
      const thanks = await h.until('thanks');
      expect(JSON.stringify(thanks.screen)).toContain(told);
    },
  );

  it('warns before the idle timeout and then ends the session, dropping the resident', async () => {
    const h = harness();
    h.startCertificateByCard();
    await toPreview(h);
    h.clock.advance(50_000);
    expect(h.last().idle.warning).toBe(true);
    expect(h.last().idle.secondsLeft).toBe(10);
    h.clock.advance(10_000);
    await h.until('attract');
    expect(h.ended).toHaveLength(1);
    expect(JSON.stringify(h.last())).not.toMatch(/王|320102/);
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'vitest must run with --expose-gc so the wipe can be proven').toBeTypeOf('function');
    expect(h.cards.length).toBeGreaterThan(0);
    // The session's last references go when its pending callbacks have run: collect until then.
    await waitFor(() => {
      gc!();
      return h.cards.every((card) => card.deref() === undefined);
    }, 'every card record of the ended session to be collected');
  });

  it('keeps the session when the resident touches the screen during the warning', () => {
    const h = harness();
    h.send({ type: 'action', event: 'session.start' });
    h.clock.advance(55_000);
    expect(h.last().idle.warning).toBe(true);
    h.send({ type: 'idle.extend' });
    expect(h.last().idle.warning).toBe(false);
    expect(h.last().inSession).toBe(true);
  });

  it('disables a service whose device is out of service and says why', async () => {
    const h = harness({ down: ['documentPrinter'] });
    h.send({ type: 'action', event: 'session.start' });
    const menu = await h.until('menu');
    const block = menu.screen.blocks[0];
    const choice = block?.kind === 'choices' ? block.choices[0] : undefined;
    expect(choice?.disabled).toBe(true);
    expect(choice?.disabledReason).toContain('证明打印机');
    expect(menu.notices).toContain('证明打印机暂停服务');
    h.chooseCertificate();
    // Proves that nothing happens, for which there is no event: a short pause, then the screen.
    await new Promise((r) => setTimeout(r, 5));
    expect(h.last().screen.id).toBe('menu');
  });

  it('refuses a renderer with another contract version and one that skips hello', () => {
    const h = harness();
    const refusals: string[] = [];
    const link = h.owner.connect((m) => m.type === 'refused' && refusals.push(m.reason));
    link.receive({ type: 'action', event: 'session.start' });
    link.receive({ type: 'hello', contractVersion: CONTRACT_VERSION + 1 });
    expect(refusals).toHaveLength(2);
    expect(refusals[1]).toContain('contract version');
  });

  it('switches the language of every string when the resident picks English', () => {
    const h = harness();
    h.send({ type: 'locale', locale: 'en' });
    expect(h.last().screen.title).toBe('24-hour government self-service');
    expect(h.last().locale).toBe('en');
  });

  it('ends a session that reaches the maximum length even while the resident keeps touching', () => {
    const h = harness();
    h.send({ type: 'action', event: 'session.start' });
    for (let second = 30; second <= 270; second += 30) {
      h.clock.advance(30_000);
      h.send({ type: 'activity' });
    }
    expect(h.owner.inSession).toBe(true);
    // 305 s in: the idle timer (last touch at 270 s) is far from expiring; only the limit ends it.
    h.clock.advance(35_000);
    expect(h.owner.inSession).toBe(false);
    expect(h.ended).toHaveLength(1);
  });

  it('keeps a service on the menu when only a device it can do without is out of service', async () => {
    const h = harness({ down: ['scanner', 'receiptPrinter'] });
    h.send({ type: 'action', event: 'session.start' });
    const menu = await h.until('menu');
    const block = menu.screen.blocks[0];
    const choice = block?.kind === 'choices' ? block.choices[0] : undefined;
    expect(choice?.disabled).toBeUndefined();
  });
});
