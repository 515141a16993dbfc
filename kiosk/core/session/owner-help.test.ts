import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION, type KioskSnapshot, type ScreenView } from '../../contract.ts';
import type { HelpCall } from '../journal/help-requests.ts';
import { waitFor } from '../../../test/support/time.ts';
import type { Clock } from './idle.ts';
import { SessionOwner } from './owner.ts';

const MAINTENANCE_SCREEN: ScreenView = {
  id: 'maintenance-pin',
  layout: 'maintenance',
  tone: 'neutral',
  title: 'PIN',
  blocks: [],
  actions: [],
};

/** An owner with no flows, a clock that stands still, and a help desk that records calls. */
function owner() {
  const clock: Clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };
  const calls: HelpCall[] = [];
  let maintenanceOpen = false;
  const sessions = new SessionOwner({
    flows: [],
    createRuntime: () => ({
      run: () => Promise.reject(new Error('no capabilities')),
      end: () => undefined,
    }),
    outOfService: () => [],
    submitRating: () => Promise.resolve('sent'),
    idleTimeoutSeconds: 60,
    idleWarningSeconds: 10,
    maxSessionMinutes: 5,
    locale: 'en',
    largeText: false,
    site: 'Demo hall',
    clock,
    help: {
      kioskId: 'KIOSK-OWNER-1',
      callStaff: (call) => {
        calls.push(call);
        return Promise.resolve('sent');
      },
    },
    maintenance: {
      isOpen: () => maintenanceOpen,
      request: () => (maintenanceOpen = true),
      action: () => undefined,
      activity: () => undefined,
      screen: () => MAINTENANCE_SCREEN,
    },
  });
  const snapshots: KioskSnapshot[] = [];
  const link = sessions.connect((m) => {
    if (m.type === 'snapshot') snapshots.push(m.snapshot);
  });
  link.receive({ type: 'hello', contractVersion: CONTRACT_VERSION });
  return { link, calls, last: () => snapshots[snapshots.length - 1]! };
}

describe('help through the session owner', () => {
  it('offers help on the attract screen and calls staff once however often it is pressed', async () => {
    const { link, calls, last } = owner();
    expect(last().help).toMatchObject({ hotline: '12345', staffCalled: null });
    for (let i = 0; i < 20; i += 1) link.receive({ type: 'action', event: 'help.call' });
    await waitFor(
      () => last().help?.staffCalled?.includes('told'),
      'the staff-called message',
      1000,
    );
    expect(calls).toEqual([{ screen: 'attract' }]);
  });

  it('offers no help and calls nobody while maintenance is open', async () => {
    const { link, calls, last } = owner();
    link.receive({ type: 'action', event: 'maintenance.request' });
    expect(last().screen.layout).toBe('maintenance');
    expect(last().help).toBeUndefined();
    link.receive({ type: 'action', event: 'help.call' });
    // A call would reach callStaff on the next turn of the event loop; let that turn pass.
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([]);
  });
});
