import { describe, expect, it } from 'vitest';
import { CapabilityError } from './errors.ts';
import { checkedRange, MAX_RANGE_MONTHS } from './record-period.ts';

/** 2026-12-01 01:00 in China, still 2026-11-30 in UTC: the month is China's. */
const NOW = Date.parse('2026-11-30T17:00:00Z');

function failure(from: string, to: string): CapabilityError {
  try {
    checkedRange('si.paymentRecord', from, to, NOW);
  } catch (error) {
    if (error instanceof CapabilityError) return error;
    throw error;
  }
  throw new Error(`the range ${from}-${to} was accepted`);
}

describe('checkedRange', () => {
  it('takes six digits from the pad or YYYY-MM and gives YYYY-MM', () => {
    expect(checkedRange('si.paymentRecord', '202401', '2024-06', NOW)).toEqual({
      from: '2024-01',
      to: '2024-06',
    });
  });

  it('allows the current month in China and exactly the longest range', () => {
    expect(checkedRange('x', '202401', '202612', NOW)).toEqual({ from: '2024-01', to: '2026-12' });
    expect(MAX_RANGE_MONTHS).toBe(36);
  });

  it('calls a text that is no month malformed', () => {
    for (const [from, to] of [
      ['202413', '202501'],
      ['202400', '202401'],
      ['2024', '202401'],
      ['198912', '199001'],
      ['20240a', '202401'],
    ] as const) {
      const error = failure(from, to);
      expect(error.malformed, `${from}-${to}`).toBe(true);
      expect(error.rejected).toBe(false);
    }
  });

  it('rejects a backwards range, one reaching past this month and one over 36 months', () => {
    expect(failure('202406', '202401')).toMatchObject({ rejected: true, malformed: false });
    expect(failure('202406', '202701').message).toContain('past the current month 2026-12');
    expect(failure('202312', '202612').message).toContain('37 months');
  });
});
