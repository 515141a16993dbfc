import { describe, expect, it } from 'vitest';
import {
  creditCheckCharFor,
  creditCodeProblem,
  isValidCreditCode,
  makeCreditCode,
  organisationCheckCharFor,
} from './credit-code.ts';

describe('GB 32100 credit code check character', () => {
  it('accepts published example codes', () => {
    // Codes printed on public business licences.
    for (const code of ['91350100M000100Y43', '91110000802100433B']) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('computes the check character of a body', () => {
    expect(creditCheckCharFor('91350100M000100Y4')).toBe('3');
  });

  it('names a wrong check character, and what it should be', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/check character 4.*give 3/);
  });

  it('refuses letters the alphabet leaves out and the wrong length', () => {
    expect(creditCodeProblem('91350100M000100YO3')).toMatch(/capital letters other than/);
    expect(creditCodeProblem('91350100M000100Y4')).toMatch(/18 characters/);
    expect(() => creditCheckCharFor('9135010')).toThrow(RangeError);
  });

  it('catches every single-character change of a valid code', () => {
    const code = '91350100M000100Y43';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++) {
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(isValidCreditCode(changed), changed).toBe(false);
      }
    }
  });
});

describe('GB 11714 organisation code check character', () => {
  it('computes the organisation check character inside published credit codes', () => {
    // Positions 9-17 of 91350100M000100Y43 and 91110000802100433B.
    expect(organisationCheckCharFor('M000100Y')).toBe('4');
    expect(organisationCheckCharFor('80210043')).toBe('3');
  });

  it('makes full codes whose both check characters hold', () => {
    const code = makeCreditCode('91', '320100', 'MA1W2K3P');
    expect(code).toHaveLength(18);
    expect(isValidCreditCode(code)).toBe(true);
    expect(code[16]).toBe(organisationCheckCharFor('MA1W2K3P'));
  });
});
