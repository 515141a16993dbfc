import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BarcodeSymbology } from '../../drivers/receipt-printer/barcode.ts';
import { ReceiptEncoder, type BarcodeOptions } from '../../drivers/receipt-printer/encoder.ts';
import { loadProfile } from '../../drivers/receipt-printer/profile.ts';
import {
  ReceiptPrinterSimulator,
  type SimulatedReceipt,
} from '../../drivers/receipt-printer/simulator.ts';
import { createMemoryPair } from '../../drivers/transports/memory.ts';
import { within } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

const profile = loadProfile('generic-80mm-203dpi');
const dir = mkdtempSync(join(tmpdir(), 'kiosk24-barcodes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Feeds bytes to a simulator (with its default glyphs, the real CJK font) and returns the strip. */
async function print(bytes: Uint8Array): Promise<SimulatedReceipt> {
  const [host, device] = createMemoryPair('barcode-test');
  const sim = new ReceiptPrinterSimulator(device);
  const printed = new Promise<SimulatedReceipt>((resolve) => sim.onReceipt(resolve));
  await host.write(bytes);
  const receipt = await within(printed, 'the simulator to cut the strip');
  await sim.close();
  return receipt;
}

let scans = 0;
/** What zbarimg reads in the strip's PNG: `SYMBOLOGY:data` lines, or the XML with `xml`. */
function zbarimg(receipt: SimulatedReceipt, xml = false): string {
  const file = join(dir, `receipt-${++scans}.png`);
  writeFileSync(file, receipt.png());
  // zbar folds UPC-A and UPC-E into EAN-13 unless asked to report them by their own names.
  const args = ['--quiet', '-Supca.enable', '-Supce.enable', ...(xml ? ['--xml'] : []), file];
  const scan = spawnSync(requireTool('zbarimg', 'zbar-tools'), args, { encoding: 'utf8' });
  return scan.stdout.trim();
}

const GS = 0x1d;
/** `GS V 66 0`: feed and cut, so the simulator hands over the strip. */
const CUT = [GS, 0x56, 0x42, 0x00];

describe('a barcode printed on the simulated receipt printer', () => {
  it.each<[BarcodeSymbology, string, BarcodeOptions, string]>([
    ['upcA', '01234567890', {}, 'UPC-A:012345678905'],
    ['upcA', '036000291452', { moduleWidth: 3 }, 'UPC-A:036000291452'],
    ['upcE', '0123456', {}, 'UPC-E:01234565'],
    ['upcE', '01234500006', {}, 'UPC-E:01234565'],
    ['ean13', '690123456789', {}, 'EAN-13:6901234567892'],
    ['ean8', '6901234', {}, 'EAN-8:69012341'],
    ['code39', 'KIOSK-0012', {}, 'CODE-39:KIOSK-0012'],
    ['code39', '*SI 2024*', { moduleWidth: 3 }, 'CODE-39:SI 2024'],
    ['itf', '0012345678', {}, 'I2/5:0012345678'],
    ['codabar', 'A40156B', {}, 'Codabar:A40156B'],
    ['code93', 'Queue-a23', {}, 'CODE-93:Queue-a23'],
    ['code128', 'ABC123', {}, 'CODE-128:ABC123'],
    ['code128', '20240506143000', { code128Set: 'C' }, 'CODE-128:20240506143000'],
    ['code128', 'A{B}1', {}, 'CODE-128:A{B}1'],
    ['code128', 'QUEUE A023', { code128Set: 'A', hri: 'both' }, 'CODE-128:QUEUE A023'],
  ])(
    'of %s data %j reads back in zbarimg as the same data and symbology',
    async (symbology, data, options, expected) => {
      const bytes = new ReceiptEncoder(profile)
        .init()
        .align('center')
        .line('条码 barcode')
        .barcode(symbology, data, { height: 60, ...options })
        .cut()
        .encode();
      const receipt = await print(bytes);
      expect(receipt.text).toMatch(/^\[BARCODE \d+ .+\]$/m);
      expect(zbarimg(receipt)).toBe(expected);
    },
  );

  it('scans when left-aligned against the paper edge, with HRI in font B above', async () => {
    const bytes = new ReceiptEncoder(profile)
      .init()
      .barcode('code128', 'A023', { hri: 'above', height: 50 })
      .cut()
      .encode();
    // GS f 1 (HRI font B) is not in the encoder's vocabulary; it goes before the barcode.
    const receipt = await print(Uint8Array.of(GS, 0x66, 1, ...bytes));
    expect(zbarimg(receipt)).toBe('CODE-128:A023');
  });

  it('of GS1-128 (sent as raw GS k 74) reads back with the GS1 modifier and FNC1 as GS', async () => {
    const data = [...'(01)06901234567892(10)A1{1(21)77'].map((c) => c.charCodeAt(0));
    const receipt = await print(
      Uint8Array.of(GS, 0x77, 2, GS, 0x6b, 74, data.length, ...data, ...CUT),
    );
    const xml = zbarimg(receipt, true);
    expect(xml).toMatch(/type='CODE-128'[^>]*modifiers='GS1'/);
    const base64 = /<!\[CDATA\[\s*(\S+)\s*\]\]>/.exec(xml)?.[1] ?? '';
    expect(Buffer.from(base64, 'base64').toString('latin1')).toBe('010690123456789210A1\x1d2177');
    expect(receipt.text).toContain('[BARCODE 74 (01)06901234567892(10)A1(21)77]');
  });

  it('is left off the paper, and noted in the transcript, when the printer would refuse it', async () => {
    const bad = [...'5901234123458'].map((c) => c.charCodeAt(0));
    const good = [...'{BOK'].map((c) => c.charCodeAt(0));
    const receipt = await print(
      Uint8Array.of(
        ...[GS, 0x6b, 67, bad.length, ...bad],
        ...[GS, 0x6b, 73, good.length, ...good],
        ...CUT,
      ),
    );
    expect(receipt.text).toMatch(/\[BARCODE 67 EAN-13 not printed: .*check digit/i);
    expect(zbarimg(receipt)).toBe('CODE-128:OK');
  });
});
