import { describe, expect, it } from 'vitest';
import { MAX_MICROSTEPS_PER_EVENT, MAX_TRANSITIONS_PER_SECOND } from '../runner/budget.ts';
import { MAX_DROP_LINES_PER_MINUTE } from './event-gate.ts';
import { CARD, guardHarness, uncheckedFlow } from './testing/guard-harness.ts';

/** Two states that hand the flow to each other with no event: an eventless loop. */
const ALWAYS_LOOP = uncheckedFlow('always-loop', {
  id: 'always-loop',
  initial: 'start',
  states: {
    start: { meta: { screen: 'card-timeout' }, on: { retry: 'a', cancel: 'done' } },
    a: { always: 'b' },
    b: { always: 'a' },
    done: { type: 'final', output: { outcome: 'cancelled' } },
  },
});

/** Two states that hand the flow to each other on zero-delay timers. */
const TIMER_LOOP = uncheckedFlow('timer-loop', {
  id: 'timer-loop',
  initial: 'start',
  states: {
    start: { meta: { screen: 'card-timeout' }, on: { retry: 'a', cancel: 'done' } },
    a: { meta: { screen: 'card-timeout' }, after: { 0: 'b' } },
    b: { meta: { screen: 'card-timeout' }, after: { 0: 'a' } },
    done: { type: 'final', output: { outcome: 'cancelled' } },
  },
});

/** A flow that copies the card output under a name of its own and shows it. */
const RENAMING_FLOW = uncheckedFlow('renaming', {
  id: 'renaming',
  initial: 'read',
  states: {
    read: {
      meta: { screen: 'insert-card' },
      invoke: {
        src: 'idcard.read',
        input: { timeoutSeconds: 60 },
        onDone: {
          target: 'shown',
          actions: [
            { type: 'context.set', params: { key: 'idcopy', value: '$event.output.idNumber' } },
            { type: 'context.set', params: { key: 'whole', value: '$event.output' } },
            { type: 'context.set', params: { key: 'constructor', value: 'x' } },
          ],
        },
        onError: 'done',
      },
    },
    shown: { meta: { screen: 'card-timeout' }, on: { cancel: 'done' } },
    done: { type: 'final', output: { outcome: 'cancelled' } },
  },
});

/** Picks the last 12 months on the certificate's period screen, then waits for the preview. */
async function toPreview(h: ReturnType<typeof guardHarness>) {
  await h.until('si-payment-certificate/choose-period');
  h.action('period.months', { months: 12 });
  return h.until('si-payment-certificate/preview');
}

describe('the renderer event gate', () => {
  it('drops an xstate event forged to move the flow past the card reader, and logs it', async () => {
    const h = guardHarness({ hang: 'readIdCard' });
    h.action('session.start');
    h.choose('si-payment-certificate');
    h.action('identity.card');
    await h.until('si-payment-certificate/insert-card');
    h.action('xstate.done.actor.0.si-payment-certificate.insertCard');
    h.action('xstate.done.actor.0.si-payment-certificate.insertCard', { output: 'x' });
    await new Promise((r) => setImmediate(r));
    expect(h.last().screen.id).toBe('si-payment-certificate/insert-card');
    const dropped = h.logLines.filter((l) => l.msg === 'renderer event dropped');
    expect(dropped).toHaveLength(2);
    expect(dropped[0]).toMatchObject({
      level: 40,
      screen: 'si-payment-certificate/insert-card',
      event: 'xstate.done.actor.0.si-payment-certificate.insertCard',
    });
  });

  it('drops an event the screen does not offer, and one offered with other data', async () => {
    const h = guardHarness();
    h.action('session.start');
    await h.until('menu');
    h.action('print');
    h.action('service.chosen', { serviceId: 'no-such-service' });
    h.action('rating.chosen', { score: 5 });
    await new Promise((r) => setImmediate(r));
    expect(h.last().screen.id).toBe('menu');
    expect(h.logLines.filter((l) => l.msg === 'renderer event dropped')).toHaveLength(3);
    h.choose('si-payment-certificate');
    await h.until('si-payment-certificate/choose-identity');
  });

  it('logs at most a bounded number of drops a minute, counting the rest', async () => {
    const h = guardHarness();
    h.action('session.start');
    await h.until('menu');
    for (let i = 0; i < 500; i++) h.action('print');
    const lines = (): Record<string, unknown>[] =>
      h.logLines.filter((l) => l.msg === 'renderer event dropped');
    await new Promise((r) => setImmediate(r));
    expect(lines()).toHaveLength(MAX_DROP_LINES_PER_MINUTE);
    h.clock.increment(60_000);
    h.action('print');
    await new Promise((r) => setImmediate(r));
    expect(lines().at(-1)).toMatchObject({ unlogged: 500 - MAX_DROP_LINES_PER_MINUTE });
  });

  it('lets the kiosk’s own end-of-session event through on any screen', async () => {
    const h = guardHarness();
    h.action('session.start');
    h.choose('si-payment-certificate');
    await h.until('si-payment-certificate/choose-identity');
    h.action('session.end');
    await h.until('attract');
    expect(h.owner.inSession).toBe(false);
  });
});

describe('the step budgets', () => {
  it('stop an eventless loop at once, show the out-of-service notice and disable the flow', async () => {
    const h = guardHarness({ flows: [ALWAYS_LOOP, uncheckedFlow('healthy', ALWAYS_LOOP.config)] });
    h.action('session.start');
    h.choose('always-loop');
    await h.until('always-loop/card-timeout');
    h.action('retry');
    await h.until('service-stopped');
    const line = h.logLines.find((l) => String(l.msg).startsWith('flow stopped'));
    expect(line).toMatchObject({ level: 50, flow: 'always-loop' });
    expect(String(line?.reason)).toContain(`more than ${MAX_MICROSTEPS_PER_EVENT} steps`);
    expect(String(line?.state)).toMatch(/"a"|"b"/);
    h.action('next');
    await h.until('attract');

    h.action('session.start');
    const menu = await h.until('menu');
    const block = menu.screen.blocks[0];
    const choices = block?.kind === 'choices' ? block.choices : [];
    expect(choices.find((c) => c.id === 'always-loop')).toMatchObject({ disabled: true });
    expect(choices.find((c) => c.id === 'healthy')?.disabled).toBeUndefined();
    h.choose('always-loop');
    await new Promise((r) => setImmediate(r));
    expect(h.last().screen.id).toBe('menu');
    h.choose('healthy');
    await h.until('healthy/card-timeout');
  });

  it('stop a zero-delay timer loop within a second of the session clock', async () => {
    const h = guardHarness({ flows: [TIMER_LOOP] });
    h.action('session.start');
    h.choose('timer-loop');
    await h.until('timer-loop/card-timeout');
    const before = h.snapshots.length;
    h.action('retry');
    h.clock.increment(0);
    await h.until('service-stopped');
    const line = h.logLines.find((l) => String(l.msg).startsWith('flow stopped'));
    expect(String(line?.reason)).toContain(`more than ${MAX_TRANSITIONS_PER_SECOND} steps`);
    // Snapshots are coalesced per turn: the loop never floods the renderers.
    expect(h.snapshots.length - before).toBeLessThan(20);
  });

  it('end a session held on a busy screen at the session cap, after one bounded grace period', async () => {
    const h = guardHarness({ hang: 'printDocument', maxSessionMinutes: 2 });
    h.action('session.start');
    h.choose('si-payment-certificate');
    h.action('identity.card');
    await toPreview(h);
    h.action('print');
    await h.until('si-payment-certificate/printing');
    h.clock.increment(2 * 60_000);
    expect(h.owner.inSession).toBe(true);
    h.clock.increment(60_000);
    expect(h.owner.inSession).toBe(false);
    expect(h.logLines.some((l) => l.reason === 'maximum session length reached')).toBe(true);
  });
});

describe('sealed personal data', () => {
  it('keeps every raw card value out of a flow that copies the card output under new names', async () => {
    const h = guardHarness({ flows: [RENAMING_FLOW] });
    h.action('session.start');
    h.choose('renaming');
    const shown = await h.until('renaming/card-timeout');
    const everything = JSON.stringify(h.snapshots) + JSON.stringify(h.logLines);
    for (const raw of [CARD.name, CARD.idNumber, CARD.address, CARD.birthDate, '19580808'])
      expect(everything).not.toContain(raw);
    expect(JSON.stringify(shown)).not.toContain('constructor');
  });

  it('leaves nothing of the card reachable after the wipe', async () => {
    const h = guardHarness();
    h.action('session.start');
    h.choose('si-payment-certificate');
    h.action('identity.card');
    await toPreview(h);
    h.action('session.end');
    await h.until('attract');
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'vitest must run with --expose-gc so the wipe can be proven').toBeTypeOf('function');
    await new Promise((r) => setImmediate(r));
    gc!();
    expect(h.cards.length).toBeGreaterThan(0);
    expect(h.cards.every((ref) => ref.deref() === undefined)).toBe(true);
  });
});

describe('timers on the injected clock', () => {
  it('runs a flow’s own `after` on the session clock, not on wall time', async () => {
    const h = guardHarness();
    h.action('session.start');
    h.choose('si-payment-certificate');
    h.action('identity.card');
    await toPreview(h);
    h.action('print');
    await h.until('si-payment-certificate/take-document');
    h.clock.increment(20_000);
    await h.until('rating');
  });
});
