import type { IdCardRecord } from '../../../drivers/id-card/record.ts';
import type { CardType } from '../../../drivers/id-card/record.ts';
import type { HpfDepositRecord, SiPaymentRecord } from '../platform/schemas.ts';

/**
 * Sentinel personal data the flow tester fills every explored session with. Each raw value is
 * unusual enough that finding it anywhere outside the capabilities (flow state, a screen, a log
 * line, what is left after the session) can only mean it leaked.
 */

/** The raw facts of the sentinel resident; none of these may ever leave the vault. */
export const SENTINEL = {
  name: '哨兵泄漏测',
  nameEn: 'SENTINELA LEAKTEST',
  idNumber: '11010119770707735X',
  passNumber: 'H90817263',
  birthDate: '1977-07-07',
  address: '北京市东城区哨兵泄漏测试路7号',
  /** The text a resident code carries: a bearer credential. */
  codeText: 'K24-SENTINEL-RESIDENT-CODE-5e1d7a',
  residentRef: 'rr_sentinel_4f2c9b1e',
  /** A contribution base no real record would carry. */
  base: '77731.07',
  personal: '7773.11',
  creditCode: '91SENTINEL0077731X',
  applicant: '哨兵申请人',
} as const;

/** Every raw sentinel value, for the leak search. */
export const SENTINEL_VALUES: readonly string[] = Object.values(SENTINEL);

/** The sentinel card, as the fake reader hands it over for one card type. */
export function sentinelCard(cardType: CardType): IdCardRecord {
  return {
    cardType,
    name: cardType === 'foreign-permanent' ? '' : SENTINEL.name,
    ...(cardType === 'foreign-permanent' ? { nameEn: SENTINEL.nameEn } : {}),
    gender: 'female',
    genderCode: '2',
    birthDate: SENTINEL.birthDate,
    address: SENTINEL.address,
    idNumber: SENTINEL.idNumber,
    ...(cardType === 'hkmotw-permit' ? { passNumber: SENTINEL.passNumber } : {}),
    checkDigitValid: true,
    validFrom: '2020-01-01',
    validTo: 'long-term',
    photoWlt: new Uint8Array(8),
  };
}

const MONTH = {
  month: '2026-01',
  base: SENTINEL.base,
  employer: '1600.00',
  personal: SENTINEL.personal,
};

/** A social-insurance record with contributions, or an empty one (insured, nothing paid). */
export function sentinelPaymentRecord(empty: boolean): SiPaymentRecord {
  return {
    insuredRegion: { code: '320100', name: '南京市' },
    employer: empty ? null : { name: '示例单位', creditCode: SENTINEL.creditCode },
    insurances: [],
    months: empty ? [] : [MONTH],
    totals: { employer: empty ? '0.00' : '1600.00', personal: empty ? '0.00' : SENTINEL.personal },
    asOf: '2026-12-01T00:00:00+08:00',
  };
}

/** A provident-fund record with deposits, or an empty one. */
export function sentinelDepositRecord(empty: boolean): HpfDepositRecord {
  return {
    depositRegion: { code: '320100', name: '南京市' },
    employer: empty ? null : { name: '示例单位', creditCode: SENTINEL.creditCode },
    accountStatus: 'normal',
    accountStatusLabel: '正常',
    depositRatio: { employer: '12%', personal: '12%' },
    // The balance is the resident's to see: the flow shows it, so it is no sentinel.
    balance: empty ? '0.00' : '12345.67',
    // Deposits are shown too (`hpf.account` lists them), so only the base, which no view
    // carries, is a sentinel here.
    months: empty ? [] : [{ ...MONTH, employer: '960.00', personal: '960.00' }],
    totals: { employer: empty ? '0.00' : '960.00', personal: empty ? '0.00' : '960.00' },
    asOf: '2026-12-01T00:00:00+08:00',
  };
}

/** The sentinel values found in `text`, for the leak report. */
export function sentinelsIn(text: string): string[] {
  return SENTINEL_VALUES.filter((value) => text.includes(value));
}
