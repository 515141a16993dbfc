import type { IssuedCertificate } from '../platform/schemas.ts';
import type { LicenceList } from '../platform/schemas-services.ts';
import { maskIdNumber } from '../privacy/mask.ts';
import { chinaDate, idNumberLabel, type CertificateHolder } from './certificate-data.ts';

/** One e-licence as the platform lists it. */
export type Licence = LicenceList['licences'][number];

/** Who certifies a printed copy: the e-licence library, not the licence's own issuer. */
const COPY_AUTHORITY = '政务服务电子证照库';

/** Printed where a licence has no end of validity. */
const NO_EXPIRY = '长期';

/**
 * Maps one e-licence (a row of `licence.list`, chosen by id) onto the fields of the
 * `licence-copy-certificate` template (电子证照打印件). The licence number stays as masked as
 * the platform sent it.
 */
export function licenceCopyData(
  holder: CertificateHolder,
  licence: Licence,
  issued: IssuedCertificate,
): Record<string, unknown> {
  const idNumber = maskIdNumber(holder.idNumber);
  return {
    name: holder.name,
    idNumber,
    idLabel: idNumberLabel(idNumber),
    licenceName: licence.name,
    licenceNumber: licence.numberMasked,
    issuer: licence.issuer,
    issuedOn: licence.issuedOn,
    validUntil: licence.validUntil ? chineseDay(licence.validUntil) : NO_EXPIRY,
    authority: COPY_AUTHORITY,
    certificateNo: issued.certificateNo,
    issueDate: chinaDate(issued.issuedAt),
    verificationCode: issued.verificationCode,
    verificationUrl: issued.verifyUrl,
  };
}

/** `2031-01-01` as a Chinese certificate writes it, `2031年1月1日`, like the template's dates. */
function chineseDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${year}年${Number(month)}月${Number(date)}日`;
}
