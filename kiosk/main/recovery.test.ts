import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  lastWindow,
  mockEvent,
  recordingLogger,
  resetElectronMock,
} from '../../test/support/electron-mock.ts';
import { createKioskWindow, OUT_OF_SERVICE_URL } from './window.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

const PAGE = 'http://127.0.0.1:8024/';

beforeEach(() => {
  resetElectronMock();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function open() {
  const { logger, lines } = recordingLogger();
  const kiosk = createKioskWindow({
    content: { url: PAGE },
    preload: '/opt/kiosk24/preload.cjs',
    production: true,
    logger,
    recovery: { maxRestarts: 3, windowMs: 60_000, firstDelayMs: 1000, maxDelayMs: 3000 },
  });
  return { kiosk, lines, contents: lastWindow().webContents };
}

function crash(contents: ReturnType<typeof open>['contents'], reason = 'crashed'): void {
  contents.emit('render-process-gone', mockEvent(), { reason, exitCode: 139 });
}

describe('a crashed renderer', () => {
  it('is reloaded after a back-off, with a log line saying why', () => {
    const { contents, lines } = open();
    crash(contents);
    vi.advanceTimersByTime(999);
    expect(contents.loads).toEqual([PAGE]);
    vi.advanceTimersByTime(1);
    expect(contents.loads).toEqual([PAGE, PAGE]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'renderer failed; reloading it after a back-off',
        reason: 'crashed',
        exitCode: 139,
        attempt: 1,
        delayMs: 1000,
      }),
    );
  });

  it('waits longer after each further crash, up to the maximum', () => {
    const { contents, lines } = open();
    for (let i = 0; i < 3; i++) {
      crash(contents);
      vi.runOnlyPendingTimers();
    }
    const delays = lines.filter((line) => line.delayMs !== undefined).map((line) => line.delayMs);
    expect(delays).toEqual([1000, 2000, 3000]);
  });

  it('is restarted once for a burst of crash reports', () => {
    const { contents, kiosk } = open();
    crash(contents);
    crash(contents);
    vi.runOnlyPendingTimers();
    expect(contents.loads).toHaveLength(2);
    expect(kiosk.recovery.recentRestarts).toBe(1);
  });
});

describe('a crash loop', () => {
  it('stops at the limit and shows the out-of-service page instead of reloading', () => {
    const { contents, kiosk, lines } = open();
    for (let i = 0; i < 3; i++) {
      crash(contents);
      vi.runOnlyPendingTimers();
    }
    crash(contents);
    vi.runOnlyPendingTimers();
    expect(kiosk.recovery.outOfService).toBe(true);
    expect(contents.loads.at(-1)).toBe(OUT_OF_SERVICE_URL);
    expect(contents.loads.filter((url) => url === PAGE)).toHaveLength(4);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, restarts: 3 }));

    crash(contents);
    vi.runOnlyPendingTimers();
    expect(contents.loads.filter((url) => url === PAGE)).toHaveLength(4);
  });

  it('is not declared when the crashes are spread beyond the counting window', () => {
    const { contents, kiosk } = open();
    for (let i = 0; i < 5; i++) {
      crash(contents);
      vi.advanceTimersByTime(61_000);
    }
    expect(kiosk.recovery.outOfService).toBe(false);
    expect(contents.loads.filter((url) => url === PAGE)).toHaveLength(6);
  });
});

describe('a hung renderer', () => {
  it('is killed and reloaded after the back-off, counted once', () => {
    const { contents, kiosk } = open();
    contents.emit('unresponsive');
    vi.runOnlyPendingTimers();
    expect(contents.crashedByHost).toBe(1);
    expect(contents.loads).toEqual([PAGE, PAGE]);
    expect(kiosk.recovery.recentRestarts).toBe(1);
  });

  it('is left alone when it recovers before the back-off ends', () => {
    const { contents, kiosk } = open();
    contents.emit('unresponsive');
    contents.emit('responsive');
    vi.runOnlyPendingTimers();
    expect(contents.crashedByHost).toBe(0);
    expect(contents.loads).toEqual([PAGE]);
    expect(kiosk.recovery.recentRestarts).toBe(0);
  });
});

describe('a closed window', () => {
  it('cancels a scheduled restart', () => {
    const { contents } = open();
    crash(contents);
    lastWindow().destroy();
    vi.runOnlyPendingTimers();
    expect(contents.loads).toEqual([PAGE]);
  });
});
