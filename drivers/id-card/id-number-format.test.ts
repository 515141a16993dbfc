import { describe, expect, it } from 'vitest';
import {
  ID_NUMBER_FORMATS,
  idNumberFormatOf,
  idNumberLabel,
  isUnmaskedIdNumber,
  maskedIdNumberFormatOf,
  maskIdNumberByFormat,
  maskPassNumber,
} from './id-number-format.ts';
import { CARD_PROFILES } from './profiles.ts';

describe('ID number formats per card type', () => {
  it.each([
    ['32010619560315123X', 'resident', '320106********123X'],
    ['810000199001011230', 'hkmotw-permit', '810000********1230'],
    ['93256619900320001X', 'foreign-2023', '932566********001X'],
    ['GBR320000880512', 'foreign-2017', 'GBR32********12'],
  ] as const)('masks %s as a %s number: %s', (raw, format, masked) => {
    expect(idNumberFormatOf(raw)?.format).toBe(format);
    expect(maskIdNumberByFormat(raw)).toBe(masked);
    expect(maskedIdNumberFormatOf(masked)?.format).toBe(format);
    expect(isUnmaskedIdNumber(masked)).toBe(false);
  });

  it('leaves an already masked number as it is, so masking twice changes nothing', () => {
    for (const spec of ID_NUMBER_FORMATS) {
      expect(maskIdNumberByFormat(spec.example)).toBe(spec.example);
    }
  });

  it('gives each example the masked shape of its own format and no other unmasked one', () => {
    for (const spec of ID_NUMBER_FORMATS) {
      expect(maskedIdNumberFormatOf(spec.example)?.format).toBe(spec.format);
      expect(idNumberFormatOf(spec.example)).toBeUndefined();
    }
  });

  it('hides the birth date of every simulated card holder', () => {
    for (const profile of CARD_PROFILES) {
      const masked = maskIdNumberByFormat(profile.idNumber);
      expect(maskedIdNumberFormatOf(masked), profile.id).toBeDefined();
      expect(masked, profile.id).not.toContain(profile.birthDate.slice(2));
    }
  });

  it('masks a number of no known shape all but its first and last character', () => {
    expect(maskIdNumberByFormat('AB12345678')).toBe('A********8');
    expect(maskIdNumberByFormat('12345')).toBe('*****');
  });

  it('labels a foreigner number as such and every other as a citizen number, raw or masked', () => {
    expect(idNumberLabel('GBR32********12')).toBe('外国人永久居留身份证号码');
    expect(idNumberLabel('93256619900320001X')).toBe('外国人永久居留身份证号码');
    expect(idNumberLabel('810000********1230')).toBe('公民身份号码');
    expect(idNumberLabel('320106********123X')).toBe('公民身份号码');
    expect(idNumberLabel('P1234567')).toBe('证件号码');
  });

  it('masks a permit pass number to its letter and last two digits', () => {
    expect(maskPassNumber('H60000001')).toBe('H******01');
    expect(maskPassNumber('H******01')).toBe('H******01');
  });
});
