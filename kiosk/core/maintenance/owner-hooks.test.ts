import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION, type CoreMessage, type KioskSnapshot } from '../../contract.ts';
import { SessionOwner } from '../session/owner.ts';
import { MaintenanceMode } from './mode.ts';

function setup() {
  let wiped = 0;
  const maintenance = new MaintenanceMode({
    devices: { failures: new Map() },
    pinHash: '246810',
    verifyPin: (pin, hash) => Promise.resolve(pin === hash),
    receiptTestPage: () => new Uint8Array(),
    info: () => ({ kioskId: 'K', platformUrl: '', flows: [], version: '0' }),
    onChange: () => owner.refresh(),
    idleTimeoutSeconds: 120,
  });
  const owner: SessionOwner = new SessionOwner({
    flows: [],
    createRuntime: () => ({
      run: () => Promise.reject(new Error('no capabilities in this test')),
      end: () => (wiped += 1),
    }),
    outOfService: () => [],
    submitRating: () => Promise.resolve('sent' as const),
    idleTimeoutSeconds: 90,
    idleWarningSeconds: 20,
    maxSessionMinutes: 20,
    locale: 'en',
    largeText: false,
    site: 'Test site',
    maintenance,
  });
  const snapshots: KioskSnapshot[] = [];
  const link = owner.connect((m: CoreMessage) => {
    if (m.type === 'snapshot') snapshots.push(m.snapshot);
  });
  link.receive({ type: 'hello', contractVersion: CONTRACT_VERSION });
  const last = (): KioskSnapshot => snapshots[snapshots.length - 1] as KioskSnapshot;
  return { owner, link, last, wiped: () => wiped };
}

describe('the session owner with maintenance mode', () => {
  it('wipes a resident session in progress before showing the PIN screen', () => {
    const t = setup();
    t.link.receive({ type: 'action', event: 'session.start' });
    expect(t.last().inSession).toBe(true);
    t.link.receive({ type: 'action', event: 'maintenance.request' });
    expect(t.wiped()).toBe(1);
    expect(t.last().inSession).toBe(false);
    expect(t.last().screen.id).toBe('maintenance/pin');
  });

  it('hands every action to maintenance while it is open, so a resident cannot start', () => {
    const t = setup();
    t.link.receive({ type: 'action', event: 'maintenance.request' });
    t.link.receive({ type: 'action', event: 'session.start' });
    expect(t.owner.inSession).toBe(false);
    expect(t.last().screen.id).toBe('maintenance/pin');
  });

  it('returns to attract when the technician cancels', () => {
    const t = setup();
    t.link.receive({ type: 'action', event: 'maintenance.request' });
    t.link.receive({ type: 'action', event: 'maintenance.exit' });
    expect(t.last().screen.id).toBe('attract');
  });
});
