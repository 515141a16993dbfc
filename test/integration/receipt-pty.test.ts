import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../../drivers/receipt-printer/printer.ts';
import { loadProfile } from '../../drivers/receipt-printer/profile.ts';
import {
  startReceiptPrinterSimulator,
  type ReceiptPrinterSimulator,
  type SimulatedReceipt,
} from '../../drivers/receipt-printer/simulator.ts';
import { SerialTransport } from '../../drivers/transports/serial.ts';
import { maskIdNumber, maskName } from '../../kiosk/core/privacy/mask.ts';
import { renderReceipt } from '../../printer-templates/receipt/render.ts';
import { loadReceiptTemplate } from '../../printer-templates/receipt/schema.ts';
import { createPtyPair, type PtyPair } from '../support/pty.ts';
import { budget, within } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

const VERIFY_URL = 'https://si.example.gov.cn/verify?c=SI-2024-000123&k=KIOSK-0012';

describe('the receipt printer over a real serial pty pair', () => {
  let pty: PtyPair;
  let sim: ReceiptPrinterSimulator;
  let printer: ReceiptPrinter;
  let outDir: string;
  let receipt: SimulatedReceipt;

  beforeAll(async () => {
    const zbarimg = requireTool('zbarimg', 'zbar-tools');
    expect(zbarimg.length).toBeGreaterThan(0);
    pty = await createPtyPair();
    outDir = mkdtempSync(join(tmpdir(), 'kiosk24-receipts-'));
    sim = await startReceiptPrinterSimulator({ path: pty.devicePath, baudRate: 115200, outDir });
    const transport = await SerialTransport.open({ path: pty.hostPath, baudRate: 115200 });
    // The driver's 500 ms for a DLE EOT answer is a real printer's; the simulator shares the CPU.
    printer = await ReceiptPrinter.open(transport, {
      simulated: true,
      autoStatusBack: true,
      replyTimeoutMs: budget(500),
    });

    const bytes = renderReceipt(
      loadReceiptTemplate('si-certificate-receipt'),
      {
        serviceName: '社保参保证明',
        name: maskName('欧阳娜娜'),
        idNumber: maskIdNumber('11010519491231002X'),
        certificateNumber: 'SI-2024-000123',
        printedAt: '2024-05-06 14:30',
        kioskId: 'KIOSK-0012',
        verifyUrl: VERIFY_URL,
      },
      loadProfile('generic-80mm-203dpi'),
    );
    const printed = new Promise<SimulatedReceipt>((resolve) => sim.onReceipt(resolve));
    const result = await printer.print(bytes);
    expect(result.state.status).toBe('online');
    receipt = await within(printed, 'the simulator to finish the receipt');
  });

  afterAll(async () => {
    await printer?.close();
    await sim?.close();
    await pty?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('prints the si-certificate-receipt as one complete, cut receipt', () => {
    expect(receipt.complete).toBe(true);
    expect(sim.receipts()).toHaveLength(1);
  });

  it('renders text that contains the masked name and masked ID, never the full ones', () => {
    expect(receipt.text).toContain('欧**娜');
    expect(receipt.text).toContain('110105********002X');
    expect(receipt.text).not.toContain('11010519491231002X');
  });

  it('renders a PNG whose QR code zbarimg decodes to the verification URL', () => {
    const zbarimg = requireTool('zbarimg', 'zbar-tools');
    const png = readdirSync(outDir).find((file) => file.endsWith('.png'));
    expect(png).toBeDefined();
    const scan = spawnSync(zbarimg, ['--quiet', '--raw', join(outDir, png!)], { encoding: 'utf8' });
    expect(scan.status).toBe(0);
    expect(scan.stdout.trim()).toBe(VERIFY_URL);
  });

  it('writes the receipt bytes to disk exactly as the driver sent them', () => {
    const bin = readdirSync(outDir).find((file) => file.endsWith('.bin'));
    expect(new Uint8Array(readFileSync(join(outDir, bin!)))).toEqual(receipt.bytes);
    expect(receipt.bytes[0]).toBe(0x1b);
  });
});
