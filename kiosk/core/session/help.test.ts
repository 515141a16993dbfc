import { describe, expect, it } from 'vitest';
import type { ScreenView } from '../../contract.ts';
import type { HelpCall, HelpCallOutcome } from '../journal/help-requests.ts';
import { silentLogger } from '../log.ts';
import { HELP_CALL_INTERVAL_MS, HelpDesk, type HelpOptions } from './help.ts';
import type { Clock } from './idle.ts';
import { waitFor } from '../../../test/support/time.ts';

const screen = (id: string, layout: ScreenView['layout'] = 'task'): ScreenView => ({
  id,
  layout,
  tone: 'neutral',
  title: id,
  blocks: [],
  actions: [],
});

function desk(options: Partial<HelpOptions> & { outcome?: HelpCallOutcome } = {}) {
  let now = 1_000_000;
  const clock: Clock = {
    now: () => now,
    setTimeout: () => 0,
    clearTimeout: () => undefined,
  };
  const calls: HelpCall[] = [];
  let changes = 0;
  const help = new HelpDesk(
    {
      kioskId: 'KIOSK-3205-0107',
      callStaff: (call) => {
        calls.push(call);
        return Promise.resolve(options.outcome ?? 'sent');
      },
      ...options,
    },
    clock,
    () => (changes += 1),
    silentLogger,
  );
  return {
    help,
    calls,
    changes: () => changes,
    advance: (ms: number) => (now += ms),
  };
}

describe('the help view', () => {
  it('offers the 12345 hotline and an https remote-help page naming only the kiosk, in both languages', () => {
    const { help } = desk();
    const zh = help.view('zh-CN', screen('menu'));
    const en = help.view('en', screen('menu'));
    expect(zh).toMatchObject({ hotline: '12345', buttonLabel: '帮助', staffCalled: null });
    expect(en).toMatchObject({
      hotline: '12345',
      buttonLabel: 'Help',
      callStaffLabel: 'Call staff',
    });
    const url = new URL(zh?.remoteHelpUrl ?? '');
    expect(url.protocol).toBe('https:');
    expect([...url.searchParams.keys()]).toEqual(['kiosk']);
    expect(url.searchParams.get('kiosk')).toBe('KIOSK-3205-0107');
  });

  it('takes the hotline and page from config', () => {
    const { help } = desk({ hotline: '0512-12345', remoteUrl: 'https://help.example.org/v?x=1' });
    const view = help.view('en', screen('menu'));
    expect(view?.hotline).toBe('0512-12345');
    expect(view?.remoteHelpUrl).toBe('https://help.example.org/v?x=1&kiosk=KIOSK-3205-0107');
  });

  it('is absent on maintenance screens', () => {
    const { help } = desk();
    expect(help.view('zh-CN', screen('maintenance-home', 'maintenance'))).toBeUndefined();
  });
});

describe('calling staff', () => {
  it('sends the screen and flow, and then says staff were told', async () => {
    const { help, calls } = desk();
    await help.call(screen('insert-card'), 'si-payment-certificate');
    expect(calls).toEqual([{ screen: 'insert-card', flowId: 'si-payment-certificate' }]);
    expect(help.view('en', screen('insert-card'))?.staffCalled).toMatch(/staff have been told/);
  });

  it('says the call is queued when the platform is away', async () => {
    const { help } = desk({ outcome: 'queued' });
    await help.call(screen('menu'));
    expect(help.view('en', screen('menu'))?.staffCalled).toMatch(/saved/);
  });

  it(`calls once per screen per ${HELP_CALL_INTERVAL_MS / 1000} s however often it is pressed`, async () => {
    const { help, calls, advance } = desk();
    await help.call(screen('menu'));
    for (let i = 0; i < 50; i += 1) expect(help.call(screen('menu'))).toBeUndefined();
    advance(HELP_CALL_INTERVAL_MS - 1);
    expect(help.call(screen('menu'))).toBeUndefined();
    expect(calls).toHaveLength(1);
    await help.call(screen('insert-card'));
    advance(1);
    await help.call(screen('menu'));
    expect(calls.map((c) => c.screen)).toEqual(['menu', 'insert-card', 'menu']);
  });

  it('is not made from a maintenance screen', () => {
    const { help, calls } = desk();
    expect(help.call(screen('maintenance-home', 'maintenance'))).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('says the call failed when nothing can take it', async () => {
    const { help } = desk({ callStaff: () => Promise.reject(new Error('journal full')) });
    await help.call(screen('menu'));
    expect(help.view('en', screen('menu'))?.staffCalled).toMatch(/could not be sent/);
  });

  it('is forgotten at the wipe, also an outcome that arrives after it', async () => {
    let finish: ((outcome: HelpCallOutcome) => void) | undefined;
    const { help } = desk({
      callStaff: () => new Promise((resolve) => (finish = resolve)),
    });
    const pending = help.call(screen('menu'));
    await waitFor(() => finish !== undefined, 'the call to reach callStaff', 1000);
    expect(help.view('en', screen('menu'))?.staffCalled).toMatch(/Calling/);
    help.reset();
    finish?.('sent');
    await pending;
    expect(help.view('en', screen('menu'))?.staffCalled).toBeNull();
    // The next resident may call at once from the same screen.
    expect(help.call(screen('menu'))).toBeDefined();
  });
});
