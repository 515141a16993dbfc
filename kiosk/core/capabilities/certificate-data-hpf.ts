import type { HpfDepositRecord, IssuedCertificate } from '../platform/schemas.ts';
import { maskIdNumber } from '../privacy/mask.ts';
import { chinaDate, idNumberLabel, type CertificateHolder } from './certificate-data.ts';

/**
 * A deposit ratio as printed: the platform sends a fraction (`0.12`) or, from some province
 * adapters, a percentage (`12%`); the certificate always says `12%`.
 */
export function ratioText(ratio: string): string {
  const trimmed = ratio.trim();
  if (trimmed.endsWith('%')) return trimmed;
  const value = Number(trimmed);
  // Two decimals at most: 0.125 is 12.5%, never 12.500000000000002%.
  return Number.isFinite(value) ? `${Number((value * 100).toFixed(2))}%` : trimmed;
}

/**
 * Maps a housing-fund deposit record (from `hpf.account` or `hpf.depositRecord`) onto the
 * fields of the `hpf-deposit-certificate` template, newest deposit first as on the screen.
 */
export function hpfCertificateData(
  holder: CertificateHolder,
  record: HpfDepositRecord,
  issued: IssuedCertificate,
): Record<string, unknown> {
  const idNumber = maskIdNumber(holder.idNumber);
  const months = [...record.months].sort((a, b) => b.month.localeCompare(a.month));
  return {
    name: holder.name,
    idNumber,
    idLabel: idNumberLabel(idNumber),
    depositRegion: record.depositRegion.name,
    // A sealed account of a flexible worker has no employer; the line says so rather than blank.
    employer: record.employer?.name ?? '无（个人缴存或账户封存）',
    accountStatus: record.accountStatusLabel,
    depositRatio: `单位 ${ratioText(record.depositRatio.employer)}，个人 ${ratioText(record.depositRatio.personal)}`,
    balance: Number(record.balance),
    ...(months[0] ? { paidUpTo: months[0].month } : {}),
    employerTotal: Number(record.totals.employer),
    personalTotal: Number(record.totals.personal),
    deposits: months.map((m) => ({
      yearMonth: m.month,
      employer: Number(m.employer),
      personal: Number(m.personal),
      total: (Math.round(Number(m.employer) * 100) + Math.round(Number(m.personal) * 100)) / 100,
    })),
    authority: `${record.depositRegion.name}住房公积金管理中心`,
    asOf: chinaDate(record.asOf),
    certificateNo: issued.certificateNo,
    issueDate: chinaDate(issued.issuedAt),
    verificationCode: issued.verificationCode,
    verificationUrl: issued.verifyUrl,
  };
}
