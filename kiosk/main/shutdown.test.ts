import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electronModule,
  mockEvent,
  recordingLogger,
  resetElectronMock,
} from '../../test/support/electron-mock.ts';
import { closeBeforeQuit } from './shutdown.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

const { app } = electronModule;

/** A kiosk close that finishes only when the test says so, counting how often it was asked. */
function heldClose(): { close: () => Promise<void>; calls: () => number; finish(): void } {
  let calls = 0;
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    close: () => {
      calls += 1;
      return done;
    },
    calls: () => calls,
    finish: () => finish(),
  };
}

beforeEach(() => resetElectronMock());

describe('closing the kiosk before Electron quits', () => {
  it('holds back a quit Electron starts by itself until the kiosk has closed, then quits', async () => {
    const held = heldClose();
    closeBeforeQuit(held.close, recordingLogger().logger);
    const first = mockEvent();
    app.emit('will-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(held.calls()).toBe(1);
    expect(app.quitCalls).toBe(0);
    held.finish();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    const second = mockEvent();
    app.emit('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
    expect(held.calls()).toBe(1);
  });

  it('closes once however often it is asked to stop, and quits after closing', async () => {
    const held = heldClose();
    const shutdown = closeBeforeQuit(held.close, recordingLogger().logger);
    shutdown.stop();
    shutdown.stop();
    app.emit('will-quit', mockEvent());
    expect(held.calls()).toBe(1);
    expect(app.quitCalls).toBe(0);
    held.finish();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
  });

  it('still quits when closing fails, and logs why', async () => {
    const { logger, lines } = recordingLogger();
    const shutdown = closeBeforeQuit(() => Promise.reject(new Error('port busy')), logger);
    shutdown.stop();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'closing the kiosk failed',
        err: expect.objectContaining({ message: 'port busy' }) as unknown,
      }),
    );
  });
});
