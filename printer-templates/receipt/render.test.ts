import { describe, expect, it } from 'vitest';
import { boxGlyphs } from '../../drivers/receipt-printer/glyphs.ts';
import { loadProfile } from '../../drivers/receipt-printer/profile.ts';
import { EscPosTokenizer } from '../../drivers/receipt-printer/escpos-tokens.ts';
import { ReceiptPaper } from '../../drivers/receipt-printer/receipt-paper.ts';
import { templateFields } from './placeholders.ts';
import { ReceiptDataError, renderReceipt } from './render.ts';
import { loadReceiptTemplate, parseReceiptTemplate, ReceiptTemplateError } from './schema.ts';

const profile = loadProfile('generic-80mm-203dpi');

const certificateData = {
  serviceName: '社保参保证明',
  // Already masked, as the capability hands it over (the kiosk's maskName and maskIdNumber).
  name: '张*丰',
  idNumber: '110105********002X',
  certificateNumber: 'SI-2024-000123',
  printedAt: '2024-05-06 14:30',
  kioskId: 'KIOSK-0012',
  verifyUrl: 'https://si.example.gov.cn/verify?c=SI-2024-000123',
};

/** What the printer would print, as text, by running the bytes through the simulator's paper. */
function printedText(bytes: Uint8Array): string {
  const paper = new ReceiptPaper(profile.dotsPerLine, boxGlyphs);
  for (const token of new EscPosTokenizer().push(bytes)) paper.apply(token);
  paper.flushLine();
  return paper.text();
}

async function dataError(run: () => unknown): Promise<ReceiptDataError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ReceiptDataError) return error;
    throw error;
  }
  throw new Error('expected a ReceiptDataError');
}

describe('the si-certificate-receipt template', () => {
  const template = loadReceiptTemplate('si-certificate-receipt');

  it('names the fields it needs', () => {
    expect(templateFields(template).sort()).toEqual(Object.keys(certificateData).sort());
  });

  it('prints the masked name, masked ID, certificate number and the verification QR', () => {
    const text = printedText(renderReceipt(template, certificateData, profile));
    expect(text).toContain('张*丰');
    expect(text).toContain('110105********002X');
    expect(text).toContain('SI-2024-000123');
    expect(text).toContain('[QR M https://si.example.gov.cn/verify?c=SI-2024-000123]');
  });

  it('refuses an unmasked ID number as the second lock', async () => {
    const error = await dataError(() =>
      renderReceipt(template, { ...certificateData, idNumber: '11010519491231002X' }, profile),
    );
    expect(error.reason).toBe('unmaskedPersonalData');
    expect(error.field).toBe('idNumber');
  });

  it('refuses an unmasked ID number in any other field too, naming that field', async () => {
    const error = await dataError(() =>
      renderReceipt(
        template,
        { ...certificateData, certificateNumber: 'SI 11010519491231002X' },
        profile,
      ),
    );
    expect(error.reason).toBe('unmaskedPersonalData');
    expect(error.field).toBe('certificateNumber');
  });

  it('refuses missing data naming the template field, before encoding anything', async () => {
    const partial: Record<string, string> = { ...certificateData };
    delete partial.certificateNumber;
    const error = await dataError(() => renderReceipt(template, partial, profile));
    expect(error.reason).toBe('missingField');
    expect(error.field).toBe('certificateNumber');
    expect(error.message).toContain('blocks.5.value');
  });
});

describe('the queue-ticket template', () => {
  it('prints the ticket number large and as a Code 128 barcode', () => {
    const bytes = renderReceipt(
      loadReceiptTemplate('queue-ticket'),
      {
        hallName: '市民服务中心',
        ticketNumber: 'A023',
        serviceName: '社保业务',
        waitingAhead: 5,
        expectedWaitMinutes: 18,
        printedAt: '2024-05-06 14:31',
        kioskId: 'KIOSK-0012',
      },
      profile,
    );
    const text = printedText(bytes);
    expect(text).toMatch(/^ {16}A023$/m);
    expect(text).toContain('[BARCODE 73 A023]');
    expect(text).toContain('市民服务中心');
    expect(text).toContain('5 人');
    expect(text).toContain('约 18 分钟');
  });
});

describe('the receipt template schema', () => {
  it('names the bad key of an invalid template', () => {
    let caught: unknown;
    try {
      parseReceiptTemplate(
        {
          id: 'bad',
          description: 'x',
          blocks: [{ type: 'barcode', symbology: 'pdf417', data: 'x' }],
        },
        'bad.json',
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ReceiptTemplateError);
    expect((caught as ReceiptTemplateError).key).toBe('blocks.0.symbology');
  });
});
