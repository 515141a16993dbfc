import { describe, expect, it } from 'vitest';
import { certificateFont } from '../fonts/certificate-font.ts';
import { CertificateDataError } from './errors.ts';
import { formatMoney, resolveFields } from './fields.ts';
import { builtInTemplate, templateSample } from './templates.ts';

const template = builtInTemplate('si-payment-certificate');
const resolve = (data: unknown): ReturnType<typeof resolveFields> =>
  resolveFields(template, data, certificateFont().hasGlyph);

function dataError(data: unknown): CertificateDataError {
  try {
    resolve(data);
  } catch (error) {
    if (error instanceof CertificateDataError) return error;
    throw error;
  }
  throw new Error('the data was accepted');
}

describe('resolveFields', () => {
  it('formats the sample data into printed text', () => {
    const resolved = resolve(templateSample('si-payment-certificate'));
    expect(resolved.scalars.get('issueDate')).toBe('2025年6月3日');
    expect(resolved.rows.get('payments')?.[0]?.get('employer')).toBe('2,296.20');
  });

  it('names a missing field and flags it as missing', () => {
    const data = templateSample('si-payment-certificate');
    delete data.insuredCity;
    const error = dataError(data);
    expect([error.field, error.missing, error.wrongType]).toEqual(['insuredCity', true, false]);
  });

  it('prints an absent optional field as empty text', () => {
    const data = templateSample('si-payment-certificate');
    delete data.employer;
    expect(resolve(data).scalars.get('employer')).toBe('');
  });

  it('names the row and column of a wrongly typed table cell', () => {
    const data = templateSample('si-payment-certificate');
    (data.payments as Record<string, unknown>[])[2] = {
      yearMonth: '2025-01',
      base: '8600',
      employer: 1,
      personal: 1,
    };
    const error = dataError(data);
    expect([error.field, error.wrongType]).toEqual(['payments[2].base', true]);
    expect(error.message).toContain('the string "8600"');
  });

  it('refuses a month that is not YYYY-MM', () => {
    const data = { ...templateSample('si-payment-certificate'), periodTo: '2025/05' };
    expect(dataError(data).field).toBe('periodTo');
  });

  it('refuses an unmasked 18-digit ID number in the ID field', () => {
    const error = dataError({
      ...templateSample('si-payment-certificate'),
      idNumber: '32010619560315123X',
    });
    expect([error.field, error.unmaskedIdNumber]).toEqual(['idNumber', true]);
  });

  it.each([
    ['a resident card', '320106********123X'],
    ['an HK/Macau/Taiwan permit', '810000********1230'],
    ["a 2023 foreigner's card", '932566********001X'],
    ["a 2017 foreigner's card", 'GBR32********12'],
  ])('prints the masked number of %s', (_kind, masked) => {
    const resolved = resolve({ ...templateSample('si-payment-certificate'), idNumber: masked });
    expect(resolved.scalars.get('idNumber')).toBe(masked);
  });

  it.each([['93256619900320001X'], ['GBR320000880512'], ['810000199001011230']])(
    'refuses the unmasked number %s of any card type',
    (raw) => {
      const error = dataError({ ...templateSample('si-payment-certificate'), idNumber: raw });
      expect([error.field, error.unmaskedIdNumber]).toEqual(['idNumber', true]);
    },
  );

  it("refuses a number masked in no card type's format and lists the formats it takes", () => {
    const error = dataError({
      ...templateSample('si-payment-certificate'),
      idNumber: 'GBR320*****0512',
    });
    expect([error.field, error.wrongType]).toEqual(['idNumber', true]);
    expect(error.message).toContain('GBR32********12');
  });

  it("prints a field's default when the data leave it out, and the given value otherwise", () => {
    const data = templateSample('si-payment-certificate');
    delete data.idLabel;
    expect(resolve(data).scalars.get('idLabel')).toBe('公民身份号码');
    data.idLabel = '外国人永久居留身份证号码';
    expect(resolve(data).scalars.get('idLabel')).toBe('外国人永久居留身份证号码');
  });

  it('refuses a 2017 foreigner number hidden in a text field', () => {
    const error = dataError({
      ...templateSample('si-payment-certificate'),
      employer: '持证人 GBR320000880512',
    });
    expect([error.field, error.unmaskedIdNumber]).toEqual(['employer', true]);
  });

  it('refuses an unmasked ID number hidden in any text field', () => {
    const error = dataError({
      ...templateSample('si-payment-certificate'),
      employer: '个人 32010619560315123X',
    });
    expect([error.field, error.unmaskedIdNumber]).toEqual(['employer', true]);
  });

  it('names the field holding a character the font cannot draw', () => {
    const error = dataError({ ...templateSample('si-payment-certificate'), name: '李\u{2A6A5}' });
    expect([error.field, error.glyphMissing]).toEqual(['name', true]);
    expect(error.message).toContain('U+2A6A5');
  });

  it('refuses data that is not an object', () => {
    expect(dataError([]).wrongType).toBe(true);
  });

  it('refuses an empty list where the template asks for at least one row', () => {
    expect(dataError({ ...templateSample('si-payment-certificate'), insurances: [] }).field).toBe(
      'insurances',
    );
  });
});

describe('formatMoney', () => {
  it('groups thousands and keeps two decimals', () => {
    expect([formatMoney(1234567.5), formatMoney(0), formatMoney(-12.345)]).toEqual([
      '1,234,567.50',
      '0.00',
      '-12.35',
    ]);
  });
});
