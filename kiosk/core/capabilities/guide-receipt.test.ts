import { describe, expect, it } from 'vitest';
import { boxGlyphs } from '../../../drivers/receipt-printer/glyphs.ts';
import { loadProfile } from '../../../drivers/receipt-printer/profile.ts';
import { EscPosTokenizer } from '../../../drivers/receipt-printer/escpos-tokens.ts';
import { ReceiptPaper } from '../../../drivers/receipt-printer/receipt-paper.ts';
import { renderReceipt } from '../../../printer-templates/receipt/render.ts';
import { loadReceiptTemplate } from '../../../printer-templates/receipt/schema.ts';
import { GUIDES } from '../platform/sandbox/guides-data.ts';
import { paperList } from './platform-services.ts';

const profile = loadProfile('generic-80mm-203dpi');

/** What the printer would print, as text, through the simulator's paper. */
function printedText(bytes: Uint8Array): string {
  const paper = new ReceiptPaper(profile.dotsPerLine, boxGlyphs);
  for (const token of new EscPosTokenizer().push(bytes)) paper.apply(token);
  paper.flushLine();
  return paper.text();
}

/** The data the service-guide flow hands print.receipt from a guide.get view. */
function guideData(id: string): Record<string, string> {
  const g = GUIDES.find((guide) => guide.id === id);
  if (!g) throw new Error(`no seeded guide ${id}`);
  return {
    title: g.name,
    department: g.department,
    timeLimit: g.timeLimit,
    fee: g.fee ?? '不收费',
    channelLabel: '须到政务服务大厅窗口办理',
    conditionsText: paperList(g.conditions.map((c) => c.text)),
    materialsText: paperList(g.materials.map((m) => m.name)),
    stepsText: paperList(g.steps.map((s) => s.text)),
    legalBasis: g.legalBasis.join('；'),
    printedAt: '2026-12-01 10:00',
    kioskId: 'KIOSK-0012',
  };
}

const print = (id: string): string =>
  printedText(renderReceipt(loadReceiptTemplate('guide-receipt'), guideData(id), profile));

describe('the guide-receipt template', () => {
  it('prints every part of a guide, the materials numbered', () => {
    const text = print('real-estate-transfer');
    for (const part of [
      '存量房转移登记',
      '申请材料',
      '办理流程',
      '设定依据',
      '住宅80元/件',
      '12345',
    ])
      expect(text).toContain(part);
    expect(text.replace(/\s+/g, '')).toContain('4.完税凭证');
  });

  it('prints every guide of the sandbox catalogue without refusing one', () => {
    for (const g of GUIDES) expect(print(g.id), g.id).toContain('办事指南');
  });
});
