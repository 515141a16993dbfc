import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../test/support/pty.ts';
import { budget, within } from '../../test/support/time.ts';
import { DeviceError } from '../device/errors.ts';
import { ReceiptEncoder } from '../receipt-printer/encoder.ts';
import { boxGlyphs } from '../receipt-printer/glyphs.ts';
import { ReceiptPrinter } from '../receipt-printer/printer.ts';
import { loadProfile } from '../receipt-printer/profile.ts';
import { ReceiptPrinterSimulator, type SimulatedReceipt } from '../receipt-printer/simulator.ts';
import { DeviceFileTransport } from './device-file.ts';
import { SerialTransport } from './serial.ts';

/** Collects what arrives on a transport until `count` bytes are there. */
function nextBytes(transport: DeviceFileTransport, count: number): Promise<number[]> {
  let stop = (): void => undefined;
  const arrived = new Promise<number[]>((resolve) => {
    const got: number[] = [];
    stop = transport.onData((chunk) => {
      got.push(...chunk);
      if (got.length >= count) {
        stop();
        resolve(got);
      }
    });
  });
  return within(arrived, `${count} byte(s) from the simulated printer`).finally(stop);
}

describe('a device-file transport on a pty with the receipt printer simulator behind it', () => {
  let pty: PtyPair;
  let sim: ReceiptPrinterSimulator;
  let transport: DeviceFileTransport;

  beforeEach(async () => {
    pty = await createPtyPair();
    const device = await SerialTransport.open({ path: pty.devicePath, baudRate: 115200 });
    sim = new ReceiptPrinterSimulator(device, { glyphs: boxGlyphs });
    transport = await DeviceFileTransport.open({ path: pty.hostPath });
  });

  afterEach(async () => {
    await transport.close();
    await sim.close();
    await pty.close();
  });

  it('carries DLE EOT 4 to the printer and its one-byte status reply back', async () => {
    const ok = nextBytes(transport, 1);
    await transport.write(Uint8Array.of(0x10, 0x04, 0x04));
    expect(await ok).toEqual([0x12]);
    sim.setPaper('near-end');
    const low = nextBytes(transport, 1);
    await transport.write(Uint8Array.of(0x10, 0x04, 0x04));
    expect(await low).toEqual([0x1e]);
  });

  it('lets the receipt printer driver check status and print a whole Chinese receipt', async () => {
    // The driver's 500 ms for a DLE EOT answer is a real printer's; the simulator shares the CPU.
    const printer = await ReceiptPrinter.open(transport, {
      simulated: true,
      replyTimeoutMs: budget(500),
    });
    const printed = new Promise<SimulatedReceipt>((resolve) => sim.onReceipt(resolve));
    const bytes = new ReceiptEncoder(loadProfile('generic-80mm-203dpi'))
      .init()
      .line('USB 打印机测试')
      .qr('https://sandbox.kiosk24.invalid/verify?code=LP0')
      .cut()
      .encode();
    const result = await printer.print(bytes);
    const receipt = await within(printed, 'the simulator to finish the receipt');
    expect(result.state.status).toBe('online');
    expect(receipt.complete).toBe(true);
    expect(receipt.text).toContain('USB 打印机测试');
    expect(receipt.text).toContain('[QR M https://sandbox.kiosk24.invalid/verify?code=LP0]');
  });

  it('stops reading on close, tells its close listeners once and refuses later writes', async () => {
    const closes: (Error | undefined)[] = [];
    transport.onClose((error) => closes.push(error));
    await transport.close();
    await transport.close();
    expect(transport.isOpen).toBe(false);
    expect(closes).toEqual([undefined]);
    const refused = await transport.write(Uint8Array.of(0x0a)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeviceError);
    expect((refused as DeviceError).disconnected).toBe(true);
  });

  it('reports a hang-up of the other side as a disconnect', async () => {
    const closed = new Promise<Error | undefined>((resolve) => transport.onClose(resolve));
    await sim.close();
    await pty.close();
    const error = await within(closed, 'the transport to report the hang-up');
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).disconnected).toBe(true);
    expect(transport.isOpen).toBe(false);
  });
});

describe('opening a device-file transport', () => {
  it('refuses a missing path as noDevice, naming the path and what to check', async () => {
    const error = await DeviceFileTransport.open({ path: '/dev/usb/lp-missing-kiosk24' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).noDevice).toBe(true);
    expect((error as Error).message).toContain('/dev/usb/lp-missing-kiosk24');
    expect((error as Error).message).toContain('plugged in');
  });

  it('refuses a regular file, so a mistyped path never fills a file with print jobs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-devfile-'));
    const path = join(dir, 'lp0');
    writeFileSync(path, '');
    try {
      const error = await DeviceFileTransport.open({ path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceError);
      expect((error as DeviceError).noDevice).toBe(true);
      expect((error as Error).message).toContain('not a character device');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
