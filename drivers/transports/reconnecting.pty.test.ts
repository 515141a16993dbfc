import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPtyLinks, type PtyLinks } from '../../test/support/pty-links.ts';
import { budget, within } from '../../test/support/time.ts';
import { IdCardReader, startIdCardSimulator, stretchedTimeouts } from '../id-card/index.ts';
import type { RunningIdCardSimulator } from '../id-card/index.ts';
import { DeviceError } from '../device/errors.ts';
import { ReconnectingTransport, devicePathIdentity, type LinkStatus } from './reconnecting.ts';
import { SerialTransport } from './serial.ts';

const BAUD = 115200;

/** Resolves at the transport's next report of `wanted`; listening starts at the call. */
function next(transport: ReconnectingTransport, wanted: LinkStatus): Promise<void> {
  let off = (): void => undefined;
  const reported = new Promise<void>((resolve) => {
    off = transport.onStatus((status) => {
      if (status !== wanted) return;
      off();
      resolve();
    });
  });
  return within(reported, `the serial line to report ${wanted}`).finally(off);
}

describe('ReconnectingTransport on a real socat pty whose socat is killed and restarted', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'goes offline when socat dies (%s), comes back at the same path, and the ID-card reader reads again',
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), 'kiosk24-replug-'));
      cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
      const hostPath = join(dir, 'ttyUSB0');
      const devicePath = join(dir, 'sam');
      let links: PtyLinks = await startPtyLinks(hostPath, devicePath);
      cleanups.push(() => links.stop());
      let sam: RunningIdCardSimulator = await startIdCardSimulator({
        path: devicePath,
        profile: 'resident-li',
      });
      cleanups.push(() => sam.close());

      const transport = await ReconnectingTransport.open({
        name: hostPath,
        open: () => SerialTransport.open({ path: hostPath, baudRate: BAUD }),
        backoff: { initialMs: 50, maxMs: 400, jitter: 0 },
        identity: devicePathIdentity(hostPath),
        identityCheckMs: 100,
      });
      const reader = new IdCardReader(transport, {
        // The simulator shares the CPU with the driver, so its answer timeouts scale.
        timeouts: stretchedTimeouts(budget),
      });
      cleanups.push(() => reader.close());
      expect((await reader.open()).status).toBe('online');
      expect((await reader.readCard({ timeoutMs: budget(10_000) })).name).toBe('李明华');

      const offline = next(transport, 'offline');
      await links.stop(signal);
      await offline;
      expect(transport.isOpen).toBe(false);
      const write = transport.write(Uint8Array.of(0));
      await expect(write).rejects.toBeInstanceOf(DeviceError);
      await expect(write).rejects.toMatchObject({ disconnected: true });
      expect((await reader.selfTest()).status).toBe('offline');
      await sam.close();

      const online = next(transport, 'online');
      links = await startPtyLinks(hostPath, devicePath);
      sam = await startIdCardSimulator({ path: devicePath, profile: 'resident-wang' });
      await online;
      expect(transport.isOpen).toBe(true);
      expect((await reader.selfTest()).status).toBe('online');
      const card = await reader.readCard({ timeoutMs: budget(10_000) });
      expect(card.name).toBe('王秀英');
    },
    budget(30_000),
  );
});
