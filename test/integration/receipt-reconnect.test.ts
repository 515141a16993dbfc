import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceError } from '../../drivers/device/errors.ts';
import { ReceiptEncoder } from '../../drivers/receipt-printer/encoder.ts';
import { ReceiptPrinter } from '../../drivers/receipt-printer/printer.ts';
import { loadProfile } from '../../drivers/receipt-printer/profile.ts';
import {
  startReceiptPrinterSimulator,
  type ReceiptPrinterSimulator,
  type SimulatedReceipt,
} from '../../drivers/receipt-printer/simulator.ts';
import {
  devicePathIdentity,
  ReconnectingTransport,
  type LinkStatus,
} from '../../drivers/transports/reconnecting.ts';
import { SerialTransport } from '../../drivers/transports/serial.ts';
import { startPtyLinks, type PtyLinks } from '../support/pty-links.ts';
import { budget, within } from '../support/time.ts';

const BAUD = 115200;
const profile = loadProfile('generic-80mm-203dpi');

/** Resolves at the transport's next report of `wanted`; listening starts at the call. */
function nextStatus(transport: ReconnectingTransport, wanted: LinkStatus): Promise<void> {
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

function ticket(number: string): Uint8Array {
  return new ReceiptEncoder(profile)
    .init()
    .align('center')
    .line('排队号')
    .size(3)
    .line(number)
    .size(1)
    .barcode('code128', number)
    .cut()
    .encode();
}

describe("the kiosk's receipt printer on a reconnecting serial line whose socat is stopped and restarted", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'goes offline and refuses to print while unplugged (%s), then prints again at the same path',
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), 'kiosk24-receipt-replug-'));
      cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
      const hostPath = join(dir, 'ttyUSB1');
      const devicePath = join(dir, 'printer');
      let links: PtyLinks = await startPtyLinks(hostPath, devicePath);
      cleanups.push(() => links.stop());
      let sim: ReceiptPrinterSimulator = await startReceiptPrinterSimulator({
        path: devicePath,
        baudRate: BAUD,
      });
      cleanups.push(() => sim.close());

      // Wired as kiosk/core/devices/receipt-printer.ts wires it, with quicker retries for the test.
      const transport = await ReconnectingTransport.open({
        name: hostPath,
        open: () => SerialTransport.open({ path: hostPath, baudRate: BAUD }),
        identity: devicePathIdentity(hostPath),
        identityCheckMs: 100,
        backoff: { initialMs: 50, maxMs: 400, jitter: 0 },
      });
      const printer = await ReceiptPrinter.open(transport, {
        simulated: true,
        replyTimeoutMs: budget(1000),
      });
      cleanups.push(() => printer.close());
      const polls: Promise<unknown>[] = [];
      transport.onStatus(() => polls.push(printer.status().catch((error: unknown) => error)));

      const first = new Promise<SimulatedReceipt>((resolve) => sim.onReceipt(resolve));
      expect((await printer.print(ticket('A023'))).state.status).toBe('online');
      expect((await within(first, 'receipt A023 at the simulator')).text).toContain('A023');

      const offline = nextStatus(transport, 'offline');
      await links.stop(signal);
      await offline;
      const failedPoll = (await Promise.all(polls.splice(0)))[0];
      expect(failedPoll).toMatchObject({ disconnected: true });
      expect(
        printer.state().status,
        'a status poll that cannot be written must leave the printer offline',
      ).toBe('offline');
      const refused = await printer.print(ticket('A024')).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DeviceError);
      expect((refused as DeviceError).disconnected || (refused as DeviceError).timeout).toBe(true);
      await sim.close();

      const online = nextStatus(transport, 'online');
      links = await startPtyLinks(hostPath, devicePath);
      sim = await startReceiptPrinterSimulator({ path: devicePath, baudRate: BAUD });
      await online;
      await Promise.all(polls.splice(0));
      expect((await printer.status()).online).toBe(true);
      expect(printer.state().status).toBe('online');

      const again = new Promise<SimulatedReceipt>((resolve) => sim.onReceipt(resolve));
      const job = ticket('A025');
      expect((await printer.print(job)).state.status).toBe('online');
      const receipt = await within(again, 'receipt A025 at the simulator');
      expect(receipt.complete).toBe(true);
      expect(receipt.bytes).toEqual(job);
      expect(receipt.text).toContain('A025');
      expect(receipt.text).toContain('[BARCODE 73 A025]');
    },
    budget(30_000),
  );
});
