import { describe, expect, it } from 'vitest';
import { checkCharFor, isValidCheckDigit, withCheckChar } from './check-digit.ts';

describe('the GB 11643 check character', () => {
  it('accepts the published test vectors', () => {
    expect(isValidCheckDigit('11010519491231002X')).toBe(true);
    expect(isValidCheckDigit('932682198501010017')).toBe(true);
    expect(isValidCheckDigit('911124198108030024')).toBe(true);
  });

  it('rejects a number whose last character was changed', () => {
    expect(isValidCheckDigit('110105194912310021')).toBe(false);
    expect(isValidCheckDigit('932682198501010018')).toBe(false);
  });

  it('accepts a lower-case x as the check character', () => {
    expect(isValidCheckDigit('11010519491231002x')).toBe(true);
  });

  it('rejects anything that is not 17 digits and a check character', () => {
    expect(isValidCheckDigit('1101051949123100')).toBe(false);
    expect(isValidCheckDigit('A1010519491231002X')).toBe(false);
    expect(() => checkCharFor('123')).toThrow(RangeError);
  });

  it('completes a body into a valid number', () => {
    expect(withCheckChar('11010519491231002')).toBe('11010519491231002X');
  });
});
