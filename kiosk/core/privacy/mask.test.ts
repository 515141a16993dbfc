import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPassNumber } from './mask.ts';
import { maskPersonal } from '../log.ts';

describe('masking personal data', () => {
  it('keeps the surname and the given-name initials of a Latin name written SURNAME, GIVEN', () => {
    expect(maskName('SMITH, ALICE MARY')).toBe('SMITH, A**** M***');
    expect(maskName('SMITH, JANE')).toBe('SMITH, J***');
  });

  it('keeps only the initials of a Latin name without a comma', () => {
    expect(maskName('Jane Smith')).toBe('J*** S****');
  });

  it('keeps the first and last character of a Chinese name', () => {
    expect(maskName('史爱丽')).toBe('史*丽');
    expect(maskName('李明')).toBe('李*');
  });

  it('masks ID numbers by card type and pass numbers on their own rule', () => {
    expect(maskIdNumber('GBR320000880512')).toBe('GBR32********12');
    expect(maskIdNumber('810000199001011230')).toBe('810000********1230');
    expect(maskPassNumber('H60000001')).toBe('H******01');
  });

  it('masks the ID and pass numbers of a foreign card and a permit in a logged object', () => {
    const masked = maskPersonal({
      card: { idNumber: 'GBR320000880512', passNumber: 'H60000001', nameEn: 'SMITH, ALICE' },
    });
    expect(masked).toEqual({
      card: { idNumber: 'GBR32********12', passNumber: 'H******01', nameEn: 'SMITH, A****' },
    });
  });
});
