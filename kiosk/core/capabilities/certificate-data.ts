import { idNumberLabel } from '../../../drivers/id-card/id-number-format.ts';
import { maskIdNumber } from '../privacy/mask.ts';
import type { IssuedCertificate, SiPaymentRecord } from '../platform/schemas.ts';
import type { SealedResident } from './vault.ts';

/** The holder fields a certificate prints: the real name and a masked ID number. */
export interface CertificateHolder {
  name: string;
  idNumber: string;
}

/**
 * The holder of an official certificate from the vault: the real name (a foreigner's card may
 * carry only the Latin one) and the ID number, which every mapper masks before a template sees
 * it. A code holder's number arrives masked from the platform; masking is idempotent.
 */
export function certificateHolder(sealed: SealedResident): CertificateHolder {
  return sealed.source === 'card'
    ? { name: sealed.card.name || (sealed.card.nameEn ?? ''), idNumber: sealed.card.idNumber }
    : { name: sealed.name, idNumber: sealed.idNumberMasked };
}

/** The label a certificate prints before the number, from the card-type format table. */
export { idNumberLabel };

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDate(iso: string): string {
  const at = new Date(Date.parse(iso) + 8 * 3600_000);
  return at.toISOString().slice(0, 10);
}

/**
 * Maps a platform payment record onto the fields of the `si-payment-certificate` template.
 * The ID number is masked here, before the template ever sees it.
 */
export function siCertificateData(
  holder: CertificateHolder,
  record: SiPaymentRecord,
  issued: IssuedCertificate,
): Record<string, unknown> {
  const months = record.months.map((m) => m.month).sort();
  const since = record.insurances.map((i) => i.since).sort()[0] ?? months[0] ?? '';
  return {
    name: holder.name,
    idNumber: maskIdNumber(holder.idNumber),
    // A foreign permanent-resident's number is not a 公民身份号码; the certificate says which it is.
    idLabel: idNumberLabel(holder.idNumber),
    insuredCity: record.insuredRegion.name,
    ...(record.employer ? { employer: record.employer.name } : {}),
    insuredSince: since,
    periodFrom: months[0] ?? since,
    periodTo: months[months.length - 1] ?? since,
    insurances: record.insurances.map((i) => ({
      insurance: i.label,
      status: i.statusLabel,
      since: i.since,
    })),
    payments: record.months.map((m) => ({
      yearMonth: m.month,
      base: Number(m.base),
      employer: Number(m.employer),
      personal: Number(m.personal),
    })),
    authority: `${record.insuredRegion.name}社会保险事业管理中心`,
    issueDate: chinaDate(issued.issuedAt),
    verificationCode: issued.verificationCode,
    verificationUrl: issued.verifyUrl,
  };
}
