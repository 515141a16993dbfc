import { describe, expect, it } from 'vitest';
import type { CardProfile } from '../../../../drivers/id-card/profiles.ts';
import { settledMonths } from './calendar.ts';
import { formatFen, housingFundRecord, INSURANCE_RATES, socialInsuranceRecord } from './records.ts';
import { seedResidents, type Resident } from './residents.ts';

const now = new Date('2025-06-10T08:00:00Z');
function seeded(id: string): Resident {
  const found = seedResidents().find((r) => r.profile.id === id);
  if (!found) throw new Error(`no seeded resident ${id}`);
  return found;
}
const wang = seeded('resident-wang');
const li = seeded('resident-li');
const sun = seeded('resident-sun-no-record');

describe('settledMonths', () => {
  it('counts back from the month before the current one in Beijing time', () => {
    // 16:30 UTC on 31 January is already 1 February in Beijing.
    const months = settledMonths(new Date('2025-01-31T16:30:00Z'), 2);
    expect(months).toEqual([
      { year: 2024, month: 12 },
      { year: 2025, month: 1 },
    ]);
  });
});

describe('formatFen', () => {
  it('writes fen as yuan with exactly two decimals', () => {
    expect([formatFen(0), formatFen(5), formatFen(123456), formatFen(-250)]).toEqual([
      '0.00',
      '0.05',
      '1234.56',
      '-2.50',
    ]);
  });
});

describe('a seeded social-insurance record', () => {
  it('is identical for the same person however often it is grown', () => {
    expect(socialInsuranceRecord(seeded('resident-wang'), now, 24)).toEqual(
      socialInsuranceRecord(wang, now, 24),
    );
  });

  it('differs between two people', () => {
    const a = socialInsuranceRecord(wang, now, 1)?.months[0]?.base;
    const b = socialInsuranceRecord(li, now, 1)?.months[0]?.base;
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  it('charges each paying insurance at its rate on the month base', () => {
    const record = socialInsuranceRecord(wang, now, 1);
    const row = record?.months[0];
    if (!row) throw new Error('no row');
    const baseFen = Math.round(Number(row.base) * 100);
    const rates = Object.values(INSURANCE_RATES);
    const expected = rates.reduce((sum, r) => sum + Math.round((baseFen * r.employer) / 10_000), 0);
    expect(row.employer).toBe(formatFen(expected));
  });

  it('raises the base each July, when the social-insurance year starts', () => {
    const months = socialInsuranceRecord(wang, now, 12)?.months ?? [];
    const june = months.find((m) => m.month === '2024-06');
    const july = months.find((m) => m.month === '2024-07');
    expect(Number(july?.base)).toBeGreaterThan(Number(june?.base));
  });

  it('does not exist for the person kept without records', () => {
    expect(socialInsuranceRecord(sun, now, 12)).toBeUndefined();
    expect(housingFundRecord(sun, now, 12)).toBeUndefined();
  });

  it('starts no earlier than the first working month of a young person', () => {
    const young: CardProfile = {
      id: 'test-young',
      label: 'test',
      cardType: 'resident',
      name: '测试',
      gender: 'female',
      birthDate: '20020101',
      idNumber: '110101200201010000',
      validFrom: '20200101',
      validTo: '20300101',
    };
    const [resident] = seedResidents([young]);
    const record = resident && socialInsuranceRecord(resident, now, 36);
    const since = record?.insurances[0]?.since ?? '';
    expect(since.startsWith('2024-')).toBe(true);
    expect(record?.months[0]?.month).toBe(since);
  });
});

describe('a seeded housing-fund record', () => {
  it('is sealed with no deposits for a resident past working age', () => {
    const record = housingFundRecord(li, now, 12);
    expect(record).toMatchObject({
      accountStatus: 'sealed',
      accountStatusLabel: '封存',
      months: [],
    });
  });
});
