import type {
  ContributionMonth,
  HpfDepositRecord,
  InsuranceType,
  SiPaymentRecord,
} from '../schemas.ts';
import {
  ageOn,
  formatMonth,
  monthsBetween,
  periodMonths,
  type Period,
  type YearMonth,
} from './calendar.ts';
import { seededRandom, type Resident } from './residents.ts';

/**
 * Grows a resident's social-insurance and housing-fund records from their seed. The numbers
 * are plausible, not official: rates and bases are illustrative. All money is integer fen
 * until it is formatted, so totals always equal the sum of the rows to the cent.
 */

/** Contribution rates in basis points (1/10000), employer and personal side. */
export const INSURANCE_RATES: Record<InsuranceType, { employer: number; personal: number }> = {
  pension: { employer: 1600, personal: 800 },
  medical: { employer: 800, personal: 200 },
  unemployment: { employer: 50, personal: 50 },
  'work-injury': { employer: 40, personal: 0 },
  maternity: { employer: 80, personal: 0 },
};

const INSURANCE_LABELS: Record<InsuranceType, string> = {
  pension: '养老保险',
  medical: '医疗保险',
  unemployment: '失业保险',
  'work-injury': '工伤保险',
  maternity: '生育保险',
};

const REGIONS = [
  { code: '320100', name: '江苏省南京市' },
  { code: '320500', name: '江苏省苏州市' },
  { code: '340100', name: '安徽省合肥市' },
] as const;

const EMPLOYER_NAMES = [
  '南京示例信息技术有限公司',
  '苏州演示精密制造有限公司',
  '江苏样例物流股份有限公司',
  '金陵测试餐饮管理有限公司',
];

/** Residents this age or older pay as flexible workers (灵活就业): no employer, fewer types. */
const FLEXIBLE_FROM_AGE = 60;
/** Contribution bases rise each July, when the social-insurance year starts. */
const BASE_RISE_PERCENT = 4;
const BASE_ANCHOR: YearMonth = { year: 2020, month: 7 };

/** What a person's account looks like, before any months are listed. */
interface Account {
  region: { code: string; name: string };
  employer: { name: string; creditCode: string } | null;
  suspended: ReadonlySet<InsuranceType>;
  since: YearMonth;
  /** Monthly base at BASE_ANCHOR, in whole yuan. */
  anchorBaseYuan: number;
  hpfPercent: number;
  hpfBalanceFen: number;
  flexible: boolean;
}

function accountOf(resident: Resident, now: Date): Account {
  const random = seededRandom(resident.seed);
  const { profile } = resident;
  const region = REGIONS.find((r) => profile.address?.startsWith(r.name)) ?? REGIONS[0];
  const flexible = ageOn(profile.birthDate, now) >= FLEXIBLE_FROM_AGE;
  const employerName = EMPLOYER_NAMES[Math.floor(random() * EMPLOYER_NAMES.length)] ?? '';
  const creditTail = Math.floor(random() * 1e8)
    .toString(36)
    .toUpperCase()
    .padStart(8, '0');
  const firstWorkYear = Math.max(Number(profile.birthDate.slice(0, 4)) + 22, 1995);
  return {
    region,
    employer: flexible
      ? null
      : { name: employerName, creditCode: `91${region.code}MA${creditTail}` },
    suspended: new Set<InsuranceType>(flexible ? ['unemployment', 'work-injury', 'maternity'] : []),
    since: { year: firstWorkYear, month: 1 + Math.floor(random() * 12) },
    anchorBaseYuan: 4500 + Math.round((random() * 13500) / 50) * 50,
    hpfPercent: [5, 8, 10, 12][Math.floor(random() * 4)] ?? 12,
    hpfBalanceFen: Math.round(random() * 15_000_000),
    flexible,
  };
}

function baseFenFor(account: Account, at: YearMonth): number {
  const rises = Math.max(0, Math.floor(monthsBetween(BASE_ANCHOR, at) / 12) + 1);
  return Math.round((account.anchorBaseYuan * (100 + BASE_RISE_PERCENT * rises)) / 100) * 100;
}

/** Formats integer fen as yuan with two decimals. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function fenOf(base: number, basisPoints: number): number {
  return Math.round((base * basisPoints) / 10_000);
}

function listMonths(
  account: Account,
  now: Date,
  period: Period,
  contribution: (baseFen: number) => { employer: number; personal: number },
): { months: ContributionMonth[]; totals: { employer: string; personal: string } } {
  let employerFen = 0;
  let personalFen = 0;
  const months = periodMonths(now, period)
    .filter((at) => monthsBetween(account.since, at) >= 0)
    .map((at) => {
      const baseFen = baseFenFor(account, at);
      const paid = contribution(baseFen);
      employerFen += paid.employer;
      personalFen += paid.personal;
      return {
        month: formatMonth(at),
        base: formatFen(baseFen),
        employer: formatFen(paid.employer),
        personal: formatFen(paid.personal),
      };
    });
  return { months, totals: { employer: formatFen(employerFen), personal: formatFen(personalFen) } };
}

/** The social-insurance record over a period (last N settled months or a range), or undefined if none. */
export function socialInsuranceRecord(
  resident: Resident,
  now: Date,
  count: Period,
): SiPaymentRecord | undefined {
  if (!resident.hasRecords) return undefined;
  const account = accountOf(resident, now);
  const types = Object.keys(INSURANCE_RATES) as InsuranceType[];
  const paying = types.filter((t) => !account.suspended.has(t));
  const { months, totals } = listMonths(account, now, count, (baseFen) => ({
    employer: paying.reduce((sum, t) => sum + fenOf(baseFen, INSURANCE_RATES[t].employer), 0),
    personal: paying.reduce((sum, t) => sum + fenOf(baseFen, INSURANCE_RATES[t].personal), 0),
  }));
  return {
    insuredRegion: account.region,
    employer: account.employer,
    insurances: types.map((type) => {
      const suspended = account.suspended.has(type);
      return {
        type,
        label: INSURANCE_LABELS[type],
        status: suspended ? 'suspended' : 'paying',
        statusLabel: suspended ? '暂停' : '参保缴费',
        since: formatMonth(account.since),
      };
    }),
    months,
    totals,
    asOf: now.toISOString(),
  };
}

/**
 * The housing-fund record over the last `count` settled months, or undefined if none.
 * A flexible worker's account is sealed (封存): it keeps its balance but has no deposits.
 */
export function housingFundRecord(
  resident: Resident,
  now: Date,
  count: Period,
): HpfDepositRecord | undefined {
  if (!resident.hasRecords) return undefined;
  const account = accountOf(resident, now);
  const ratioBps = account.hpfPercent * 100;
  const listed = account.flexible
    ? { months: [], totals: { employer: '0.00', personal: '0.00' } }
    : listMonths(account, now, count, (baseFen) => {
        const each = fenOf(baseFen, ratioBps);
        return { employer: each, personal: each };
      });
  const ratio = (account.hpfPercent / 100).toFixed(2);
  return {
    depositRegion: account.region,
    employer: account.employer,
    accountStatus: account.flexible ? 'sealed' : 'normal',
    accountStatusLabel: account.flexible ? '封存' : '正常',
    depositRatio: { employer: ratio, personal: ratio },
    balance: formatFen(account.hpfBalanceFen),
    ...listed,
    asOf: now.toISOString(),
  };
}
