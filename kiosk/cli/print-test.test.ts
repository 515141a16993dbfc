/**
 * `kiosk24 print test` as a child process: the receipt test page goes over a real socat pty
 * to the receipt printer simulator; the A4 page is written to a file and read by pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startReceiptPrinterSimulator,
  type ReceiptPrinterSimulator,
  type SimulatedReceipt,
} from '../../drivers/receipt-printer/simulator.ts';
import { createPtyPair, type PtyPair } from '../../test/support/pty.ts';
import { requireTool } from '../../test/support/tools.ts';
import { runKiosk24, type Kiosk24Run } from './testing/run-kiosk24.ts';
import { TEST_PAGE_BARCODE, TEST_PAGE_URL } from '../../printer-templates/test-page.ts';

const pdftotext = requireTool('pdftotext', 'poppler-utils');
const zbarimg = requireTool('zbarimg', 'zbar-tools');

let dir: string;
let config: string;

function kiosk24(...args: string[]): Promise<Kiosk24Run> {
  return runKiosk24(['print', 'test', ...args, '--config', config]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-print-test-'));
  config = join(dir, 'kiosk24.json');
  writeFileSync(config, JSON.stringify({ flows: { directories: [dir] } }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kiosk24 print test --device receipt --port', () => {
  let pty: PtyPair;
  let sim: ReceiptPrinterSimulator;

  beforeAll(async () => {
    pty = await createPtyPair();
    sim = await startReceiptPrinterSimulator({ path: pty.devicePath, baudRate: 115200 });
  });

  afterAll(async () => {
    await sim?.close();
    await pty?.close();
  });

  it('prints one complete, cut page with sizes, Chinese text, QR, barcode and logo', async () => {
    const printed = new Promise<SimulatedReceipt>((resolve) => sim.onReceipt(resolve));
    const run = await kiosk24('--device', 'receipt', '--port', pty.hostPath, '--baud', '115200');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`printed the receipt test page on ${pty.hostPath}`);
    const page = await printed;
    expect(page.complete).toBe(true);
    expect(page.text).toContain('打印测试页');
    expect(page.text).toContain('3x3 字');
    expect(page.text).toContain('右对齐 right');
    expect(page.text).toContain(`[QR M ${TEST_PAGE_URL}]`);
    expect(page.text).toContain(TEST_PAGE_BARCODE);
    expect(page.text).toContain('[IMAGE 192x96]');
    const png = join(dir, 'printed.png');
    writeFileSync(png, page.png());
    // Both symbols on the test page scan: the QR and the Code 128.
    const decoded = execFileSync(zbarimg, ['--quiet', '--raw', png], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort();
    expect(decoded).toEqual([TEST_PAGE_URL, TEST_PAGE_BARCODE].sort());
  });

  it('exits 1 with the reason when the printer does not answer its status query', async () => {
    sim.setSilent(true);
    try {
      const run = await kiosk24('--device', 'receipt', '--port', pty.hostPath);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/kiosk24: .*(reply|answer)/i);
    } finally {
      sim.setSilent(false);
    }
  });
});

describe('kiosk24 print test to a file', () => {
  it('writes the receipt page as ESC/POS bytes starting with ESC @', async () => {
    const out = join(dir, 'test.bin');
    const run = await kiosk24('--device', 'receipt', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect([...readFileSync(out).subarray(0, 2)]).toEqual([0x1b, 0x40]);
  });

  it('writes an A4 PDF test page whose text pdftotext reads back', async () => {
    const out = join(dir, 'test.pdf');
    const run = await kiosk24('--device', 'document', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    const text = execFileSync(pdftotext, [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('A4 打印测试页');
    expect(text).toContain(TEST_PAGE_URL);
  });

  it('refuses to guess a device when the config has none and no --port or --out is given', async () => {
    const run = await kiosk24('--device', 'receipt');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port PATH');
  });
});
