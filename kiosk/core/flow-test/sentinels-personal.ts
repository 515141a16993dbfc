import type { HpfDepositRecord } from '../platform/schemas.ts';
import type { LicenceList, RealEstateRecord } from '../platform/schemas-services.ts';
import { SENTINEL, sentinelDepositRecord } from './sentinels.ts';

/**
 * What the flow tester's platform answers for the resident's housing-fund account, real estate
 * and e-licences: one of each row a screen lists, numbers masked as the platform sends them.
 */

/** One registered property. */
export function sentinelRealEstate(): RealEstateRecord {
  return {
    properties: [
      {
        location: '南京市示例区测试路1号1幢101室',
        locationEn: 'Room 101, No. 1 Test Rd, Nanjing',
        area: '88.00',
        use: '住宅',
        useEn: 'Residential',
        registeredOn: '2020-01-01',
        certificateNoMasked: '苏(2020)宁不动产权第****001号',
      },
    ],
    asOf: '2026-12-01T00:00:00+08:00',
  };
}

/** The resident's ID card and one more licence. */
export function sentinelLicences(): LicenceList['licences'] {
  return [
    {
      id: 'lic-id-card',
      kind: 'id-card',
      name: '居民身份证',
      nameEn: 'Resident ID card',
      numberMasked: '110101********735X',
      issuer: '示例公安局',
      issuedOn: '2020-01-01',
    },
    {
      id: 'lic-driving-licence',
      kind: 'driving-licence',
      name: '机动车驾驶证',
      numberMasked: '1101************01',
      issuer: '示例交通管理局',
      issuedOn: '2010-01-01',
      validUntil: '2030-01-01',
    },
  ];
}

/**
 * The deposit record as `hpf.account` shows it: that view lists each month's deposits to the
 * resident by design, so the amounts it shows are no sentinel; the base and the totals, which
 * stay behind the record handle, still are. `sealed` is an account with no deposits (封存).
 */
export function shownDepositRecord(sealed: boolean): HpfDepositRecord {
  const record = sentinelDepositRecord(sealed);
  return {
    ...record,
    accountStatus: sealed ? 'sealed' : 'normal',
    accountStatusLabel: sealed ? '封存' : '正常',
    months: sealed
      ? []
      : [{ month: '2026-01', base: SENTINEL.base, employer: '960.00', personal: '960.00' }],
  };
}
