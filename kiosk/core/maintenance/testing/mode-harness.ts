/**
 * A maintenance mode on fake devices, a manual clock and a recording log, for the maintenance
 * tests: `setup()` gives the mode with helpers to press buttons and enter a PIN.
 */
import type { BlockView, ScreenView } from '../../../contract.ts';
import type { DeviceClass, DeviceState, SupplyState } from '../../../../drivers/device/model.ts';
import type { Clock } from '../../session/idle.ts';
import type { MaintenanceAuditLog } from '../audit-trail.ts';
import { MaintenanceMode, type MaintenanceDevices, type MaintenanceModeOptions } from '../mode.ts';
import type { FlowRow } from '../flows.ts';

export const BUILT_IN_ROW: FlowRow = {
  id: 'si-payment-certificate',
  version: '1.0.0',
  source: 'built-in',
  signer: null,
  installedAt: null,
  previous: null,
  served: '1.0.0',
};
export const INSTALLED_ROW: FlowRow = {
  id: 'hf-queue-ticket',
  title: { 'zh-CN': '取号', en: 'Queue ticket' },
  version: '2.1.0',
  source: 'installed',
  signer: 'suzhou-vendor',
  installedAt: '2025-03-01T08:00:00.000Z',
  previous: '2.0.0',
  served: '2.1.0',
};

/** A device whose state the test sets; selfTest reports it, or fails with `failWith`. */
export function fakeDevice(deviceClass: DeviceClass, paper?: SupplyState) {
  const state: DeviceState = {
    id: deviceClass,
    deviceClass,
    status: 'online',
    supplies: paper ? { paper } : {},
    detail: '',
    simulated: true,
  };
  const device = {
    selfTests: 0,
    failWith: undefined as Error | undefined,
    state: () => ({ ...state, supplies: { ...state.supplies } }),
    set(paperState: SupplyState) {
      state.supplies = { paper: paperState };
    },
    selfTest() {
      device.selfTests += 1;
      return device.failWith ? Promise.reject(device.failWith) : Promise.resolve(device.state());
    },
  };
  return device;
}

export function fakeReceipt() {
  const base = fakeDevice('receiptPrinter', 'full');
  let pending: { jobId: number } | undefined;
  const printed: Uint8Array[] = [];
  return Object.assign(base, {
    printed,
    interruptNext: false,
    status: () => Promise.resolve(base.state()),
    print(bytes: Uint8Array) {
      if (this.interruptNext) {
        pending = { jobId: 7 };
        return Promise.reject(new Error('paper ran out part way'));
      }
      printed.push(bytes);
      return Promise.resolve({});
    },
    pendingJob: () => pending,
    resume() {
      printed.push(new Uint8Array([7]));
      pending = undefined;
      return Promise.resolve({});
    },
    abandon() {
      const job = pending;
      pending = undefined;
      return job;
    },
  });
}

export function manualClock(): Clock & { fire(): void } {
  let timers: { fn: () => void; handle: number }[] = [];
  let next = 0;
  return {
    now: () => 0,
    setTimeout(fn) {
      next += 1;
      timers.push({ fn, handle: next });
      return next;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.handle !== handle);
    },
    fire() {
      const due = timers;
      timers = [];
      for (const t of due) t.fn();
    },
  };
}

export function setup(
  options: Partial<MaintenanceModeOptions> & { audit?: MaintenanceAuditLog } = {},
) {
  const receipt = fakeReceipt();
  const a4 = fakeDevice('documentPrinter', 'full');
  const idCard = fakeDevice('idCardReader');
  const devices: MaintenanceDevices = {
    idCard,
    receiptPrinter: receipt,
    documentPrinter: a4,
    failures: new Map([['scanner', 'no QR scanner is configured']]),
  };
  const logs: Record<string, unknown>[] = [];
  const log = {
    info: (entry: Record<string, unknown>) => logs.push(entry),
    warn: (entry: Record<string, unknown>) => logs.push(entry),
    error: (entry: Record<string, unknown>) => logs.push(entry),
  };
  const clock = manualClock();
  let changes = 0;
  const mode = new MaintenanceMode({
    devices,
    pinHash: '246810',
    verifyPin: (pin, hash) => Promise.resolve(pin === hash),
    receiptTestPage: () => new Uint8Array([0x1b, 0x40]),
    info: () => ({
      kioskId: 'K-1',
      platformUrl: 'http://127.0.0.1:1/',
      flows: [BUILT_IN_ROW],
      version: '9.9.9',
    }),
    onChange: () => (changes += 1),
    idleTimeoutSeconds: 120,
    clock,
    log: log as never,
    ...options,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const press = async (event: string, data: Record<string, string> = {}) => {
    mode.action(event, data);
    await settle();
  };
  const enter = async (pin: string) => {
    for (const digit of pin) await press('maintenance.pin.digit', { digit });
    await press('maintenance.pin.submit');
  };
  const screen = (): ScreenView => mode.screen('en');
  return { mode, receipt, a4, idCard, logs, clock, press, enter, screen, changes: () => changes };
}

export function texts(screen: ScreenView): string {
  return JSON.stringify(screen.blocks);
}

export function fieldsAfter(screen: ScreenView, heading: string): Record<string, string> {
  const i = screen.blocks.findIndex((b) => b.kind === 'text' && b.text === heading);
  const block = screen.blocks[i + 1] as Extract<BlockView, { kind: 'fields' }> | undefined;
  return Object.fromEntries((block?.rows ?? []).map((r) => [r.label, r.value]));
}
