import { maskName } from '../../privacy/mask.ts';
import { creditCodeProblem } from '../credit-code.ts';
import type { CertificateIssueRequest } from '../schemas.ts';
import { creditRecordOf } from './enterprises.ts';
import { ApiFailure } from './http.ts';
import { licencesOf, propertiesOf } from './licences.ts';
import { housingFundRecord, socialInsuranceRecord } from './records.ts';
import { residentOrFail, type ResidentDirectory } from './residents.ts';

/** Who or what a certificate is about, as the register keeps it: never a full name or number. */
export interface CertificateSubject {
  /** What the public check shows: a masked name, or an enterprise's public name. */
  holder: string;
  /** Identifies the subject for the idempotency check (profile id, licence, credit code). */
  subjectKey: string;
}

function noRecord(what: string): ApiFailure {
  return new ApiFailure(404, 'no-record', `the platform holds no ${what} for this resident`);
}

/**
 * Checks that the platform holds what a certificate of this kind attests, and names its subject.
 * A person with nothing to attest gets `404 no-record`; a bad credit code `400 invalid-field`.
 */
export function certificateSubject(
  body: CertificateIssueRequest,
  state: { residents: ResidentDirectory; now: () => Date },
): CertificateSubject {
  const now = state.now();
  if (body.kind === 'credit-record') {
    const code = body.creditCode ?? '';
    const problem = creditCodeProblem(code);
    if (problem) {
      throw new ApiFailure(400, 'invalid-field', `field "creditCode" ${problem}`, 'creditCode');
    }
    const record = creditRecordOf(code, now);
    if (!record) throw enterpriseUnknown();
    return { holder: record.name, subjectKey: `enterprise:${code}` };
  }
  const resident = residentOrFail(state.residents, body.residentRef ?? '');
  const subject = {
    holder: maskName(resident.profile.name),
    subjectKey: `${resident.profile.id}:${body.licenceId ?? ''}`,
  };
  const held =
    body.kind === 'si-payment'
      ? socialInsuranceRecord(resident, now, 1) !== undefined
      : body.kind === 'hpf-deposit'
        ? housingFundRecord(resident, now, 1) !== undefined
        : body.kind === 'real-estate'
          ? resident.hasRecords && propertiesOf(resident).length > 0
          : licencesOf(resident, now).some((l) => l.id === body.licenceId);
  if (!held) {
    throw body.kind === 'licence-copy'
      ? new ApiFailure(
          404,
          'no-record',
          'the platform holds no e-licence with this licenceId for this resident',
        )
      : noRecord(`record a "${body.kind}" certificate could attest`);
  }
  return subject;
}

/** The 404 for a valid credit code the platform has no enterprise for. */
export function enterpriseUnknown(): ApiFailure {
  return new ApiFailure(
    404,
    'enterprise-unknown',
    'the platform holds no enterprise with this credit code; check the code on the business licence',
  );
}
