import type { IssuedCertificate } from '../platform/schemas.ts';
import type { CreditRecord } from '../platform/schemas-services.ts';
import { chinaDate } from './certificate-data.ts';

/** Who certifies the extract: the public credit information service, not the enterprise. */
const CREDIT_AUTHORITY = '公共信用信息服务平台';

/** How each kind of public credit entry is worded on paper. */
const ENTRY_KIND_LABELS: Record<CreditRecord['entries'][number]['kind'], string> = {
  licence: '行政许可',
  award: '守信激励',
  penalty: '行政处罚',
  abnormal: '经营异常',
};

/** Registered capital `5000000.00` (yuan) as the extract prints it: `500.00万元`. */
function capitalInTenThousands(yuan: string): string {
  const cents = Math.round(Number(yuan) * 100);
  return `${(cents / 1_000_000).toFixed(2)}万元`;
}

/**
 * Maps an enterprise's public credit record onto the fields of the `credit-record-certificate`
 * template (公共信用信息报告). It is about an enterprise, so there is no resident: the legal
 * representative arrives masked from the platform and stays masked on the paper.
 */
export function creditRecordData(
  record: CreditRecord,
  issued: IssuedCertificate,
): Record<string, unknown> {
  return {
    enterpriseName: record.name,
    creditCode: record.creditCode,
    legalRepresentative: record.legalRepresentativeMasked,
    registeredCapital: capitalInTenThousands(record.registeredCapital),
    status: record.statusLabel,
    establishedOn: record.establishedOn,
    entryCount: record.entries.length,
    entries: record.entries.map((e) => ({
      entryKind: ENTRY_KIND_LABELS[e.kind],
      entryTitle: e.title,
      entryAuthority: e.authority,
      entryDate: e.date,
    })),
    asOf: chinaDate(record.asOf),
    authority: CREDIT_AUTHORITY,
    certificateNo: issued.certificateNo,
    issueDate: chinaDate(issued.issuedAt),
    verificationCode: issued.verificationCode,
    verificationUrl: issued.verifyUrl,
  };
}
