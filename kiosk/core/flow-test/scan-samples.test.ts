import { describe, expect, it } from 'vitest';
import { SCAN_EXPECTATIONS } from '../capabilities/catalogue.ts';
import { parseApplicationNumber, parseCreditCode } from '../capabilities/public-codes.ts';
import { operationOf, successVariants } from './outcomes.ts';
import { SCAN_SAMPLES, scanText } from './scan-samples.ts';

describe('the flow tester scanning codes', () => {
  it('has samples for every expectation the catalogue knows', () => {
    expect(Object.keys(SCAN_SAMPLES).sort()).toEqual([...SCAN_EXPECTATIONS].sort());
  });

  it('plays each public code as a link and as a bare value, both of which the capability accepts', () => {
    expect(successVariants('scanner.read', 'application-number')).toEqual([
      'receipt-link',
      'number',
    ]);
    expect(successVariants('scanner.read', 'credit-code')).toEqual(['licence-link', 'credit-code']);
    for (const variant of ['receipt-link', 'number'])
      expect(parseApplicationNumber(scanText(variant))).toHaveProperty('value');
    for (const variant of ['licence-link', 'credit-code'])
      expect(parseCreditCode(scanText(variant))).toHaveProperty('value');
  });

  it('keeps the coverage name of a resident-code read as it always was', () => {
    expect(operationOf('scanner.read', { timeoutSeconds: 60 })).toBe('');
    expect(operationOf('scanner.read', { expect: 'resident-code' })).toBe('');
    expect(operationOf('scanner.read', { expect: 'credit-code' })).toBe('credit-code');
    expect(successVariants('scanner.read', '')).toEqual(['code']);
  });
});
