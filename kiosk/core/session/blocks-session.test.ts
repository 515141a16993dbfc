import { afterAll, describe, expect, it } from 'vitest';
import type { CoreMessage, KioskSnapshot, ListBlockView } from '../../contract.ts';
import { CONTRACT_VERSION } from '../../contract.ts';
import type { Requirement } from '../capabilities/catalogue.ts';
import { CapabilityError } from '../capabilities/errors.ts';
import { loadFlowPackage } from '../runner/load-package.ts';
import { removeBlocksPackages, writeBlocksPackage } from '../runner/testing/blocks-package.ts';
import { waitFor } from '../../../test/support/time.ts';
import type { Clock } from './idle.ts';
import { SessionOwner } from './owner.ts';

afterAll(removeBlocksPackages);

const FLOW = loadFlowPackage(writeBlocksPackage());

/** A clock that moves only when the test says. */
class StillClock implements Clock {
  time = 1_000_000;
  now = (): number => this.time;
  setTimeout = (): unknown => 0;
  clearTimeout = (): void => undefined;
}

/** A session owner serving the blocks fixture; every read waits until the flow leaves it. */
function harness() {
  const clock = new StillClock();
  const down: Requirement[] = [];
  const inputs: unknown[] = [];
  const owner = new SessionOwner({
    flows: [FLOW],
    createRuntime: () => ({
      run: (_name, input, signal) => {
        inputs.push(input);
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () =>
            reject(new CapabilityError('left', { canceled: true })),
          ),
        );
      },
      end: () => undefined,
    }),
    outOfService: () => down,
    submitRating: () => Promise.resolve('sent'),
    idleTimeoutSeconds: 60,
    idleWarningSeconds: 10,
    maxSessionMinutes: 5,
    locale: 'zh-CN',
    largeText: false,
    site: '示例',
    clock,
  });
  const received: KioskSnapshot[] = [];
  const link = owner.connect((m: CoreMessage) => {
    if (m.type === 'snapshot') received.push(m.snapshot);
  });
  link.receive({ type: 'hello', contractVersion: CONTRACT_VERSION });
  const last = (): KioskSnapshot => received[received.length - 1]!;
  const act = (event: string, data?: Record<string, string | number | boolean>): void =>
    link.receive({ type: 'action', event, ...(data ? { data } : {}) });
  const until = (id: string): Promise<KioskSnapshot> =>
    waitFor(() => last().screen.id === id && last(), `screen ${id}`, 1000);
  const start = async (): Promise<void> => {
    act('session.start');
    await until('menu');
    act('service.chosen', { serviceId: 'blocks-demo' });
    await until('blocks-demo/pick');
  };
  return { owner, clock, down, inputs, last, act, until, start };
}

const list = (s: KioskSnapshot): ListBlockView => s.screen.blocks[0] as ListBlockView;

describe('a session on a flow with data blocks', () => {
  it('keeps the service while the reader alone is down, and disables it, naming identity, when the scanner is too', async () => {
    const h = harness();
    h.down.push('idCardReader');
    h.act('session.start');
    const menu = await h.until('menu');
    const choice = () => {
      const b = h.last().screen.blocks[0];
      return b?.kind === 'choices' ? b.choices[0] : undefined;
    };
    expect(menu.screen.id).toBe('menu');
    expect(choice()?.disabled).toBeUndefined();
    h.down.push('scanner');
    h.owner.refresh();
    expect(choice()?.disabled).toBe(true);
    expect(choice()?.disabledReason).toContain('身份核验');
  });

  it('ticks rows, refuses rows and values the screen never offered, and hands the typed value to the flow', async () => {
    const h = harness();
    await h.start();
    h.act('item.toggle', { id: 'hukou' });
    await waitFor(() => list(h.last()).items[1]?.selected === true, 'the hukou row ticked', 1000);
    const seq = h.last().seq;
    h.act('item.toggle', { id: 'evil' });
    h.act('item.toggle', { id: 'hukou', extra: 'x' });
    expect(h.last().seq).toBe(seq);
    h.act('next');
    await h.until('blocks-demo/number');
    h.act('number.entered', { value: '12ab' });
    h.act('number.entered', { value: '123' });
    h.act('number.entered', { value: '2026', more: 1 });
    expect(h.last().screen.id).toBe('blocks-demo/number');
    h.act('number.entered', { value: '2026' });
    await h.until('blocks-demo/choose');
    h.act('item.chosen', { id: 'hukou' });
    const show = await h.until('blocks-demo/show');
    expect(show.screen.blocks[2]).toEqual({
      kind: 'qr',
      text: 'https://example.gov.cn/progress/2026',
      caption: '扫码查看进度',
    });
    expect(show.screen.countdown).toBeUndefined();
    expect(show.screen.actions[0]?.disabled).toBeUndefined();
    h.down.push('documentPrinter');
    h.owner.refresh();
    expect(h.last().screen.actions[0]).toMatchObject({
      disabled: true,
      disabledReason: '证明打印机暂停服务',
    });
    const before = h.last().seq;
    h.act('print');
    expect(h.last().seq).toBe(before);
  });

  it('counts down the card read from when its screen appeared, on the session clock', async () => {
    const h = harness();
    await h.start();
    h.act('item.toggle', { id: 'birth' });
    h.act('next');
    await h.until('blocks-demo/number');
    h.act('number.entered', { value: '20261201' });
    await h.until('blocks-demo/choose');
    h.act('item.chosen', { id: 'birth' });
    const card = await h.until('blocks-demo/insert-card');
    expect(h.inputs).toEqual([{ timeoutSeconds: 30 }]);
    expect(card.screen.countdown).toEqual({ seconds: 30, label: '剩余时间' });
    h.clock.time += 12_300;
    h.act('item.toggle', { id: 'nothing here' });
    h.owner.refresh();
    expect(h.last().screen.countdown?.seconds).toBe(18);
    h.clock.time += 20_000;
    h.owner.refresh();
    expect(h.last().screen.countdown).toBeUndefined();
  });
});
