import type { IssuedCertificate } from '../platform/schemas.ts';
import type { RealEstateRecord } from '../platform/schemas-services.ts';
import { maskIdNumber } from '../privacy/mask.ts';
import { chinaDate, idNumberLabel, type CertificateHolder } from './certificate-data.ts';

/** The registration body named when no property says which city registered it. */
const REGISTRY_FALLBACK = '不动产登记机构';

/** The registry of the first property's city (`南京市…` → `南京市不动产登记中心`). */
function registryOf(record: RealEstateRecord): string {
  const city = /^(\S{2,8}?市)/.exec(record.properties[0]?.location ?? '')?.[1];
  return city ? `${city}不动产登记中心` : REGISTRY_FALLBACK;
}

/**
 * Maps a real-estate query result (from `realEstate.query`) onto the fields of the
 * `real-estate-certificate` template (不动产登记信息查询结果证明). Certificate numbers stay as
 * masked as the platform sent them.
 */
export function realEstateCertificateData(
  holder: CertificateHolder,
  record: RealEstateRecord,
  issued: IssuedCertificate,
): Record<string, unknown> {
  const idNumber = maskIdNumber(holder.idNumber);
  return {
    name: holder.name,
    idNumber,
    idLabel: idNumberLabel(idNumber),
    propertyCount: record.properties.length,
    properties: record.properties.map((p) => ({
      location: p.location,
      area: p.area,
      use: p.use,
      registeredOn: p.registeredOn,
      certificateNo: p.certificateNoMasked,
    })),
    asOf: chinaDate(record.asOf),
    authority: registryOf(record),
    certificateNo: issued.certificateNo,
    issueDate: chinaDate(issued.issuedAt),
    verificationCode: issued.verificationCode,
    verificationUrl: issued.verifyUrl,
  };
}
