import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTool } from '../../test/support/tools.ts';
import { ReceiptEncoder } from './encoder.ts';
import { EscPosTokenizer } from './escpos-tokens.ts';
import { loadProfile } from './profile.ts';
import { ReceiptPaper } from './receipt-paper.ts';

/** Prints `data` as a QR code on the simulated paper and reads it back with zbarimg. */
function printAndRead(data: string): string {
  const encoder = new ReceiptEncoder(loadProfile('generic-58mm-203dpi'))
    .init()
    .align('center')
    .qr(data, { moduleSize: 4 })
    .feed(3);
  const paper = new ReceiptPaper(384);
  for (const token of new EscPosTokenizer().push(encoder.encode())) paper.apply(token);
  paper.flushLine();
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-qr-cjk-'));
  try {
    const png = join(dir, 'receipt.png');
    writeFileSync(png, paper.png());
    return execFileSync(
      requireTool('zbarimg', 'zbar-tools'),
      ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', '-Sbinary', png],
      { encoding: 'utf8' },
    ).replace(/\n$/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('receipt QR codes', () => {
  it('carry Chinese text, read back byte for byte', () => {
    const text = '办事指南：社会保险参保缴费证明 https://zwfw.example.gov.cn/g/si';
    expect(printAndRead(text)).toBe(text);
  });

  it('carry ASCII as before', () => {
    expect(printAndRead('https://zwfw.example.gov.cn/progress/KS2026120100000001')).toBe(
      'https://zwfw.example.gov.cn/progress/KS2026120100000001',
    );
  });
});
