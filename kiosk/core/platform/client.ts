import { randomUUID } from 'node:crypto';
import type { CallOptions } from './client-base.ts';
import { PersonalClient, periodQuery, type PeriodOptions } from './client-personal.ts';
import { helpRequestCall, type HelpReceipt, type HelpRequest } from './help-request.ts';
import {
  applicationProgressSchema,
  certificateCheckSchema,
  certificateRevocationSchema,
  healthSchema,
  hpfDepositRecordSchema,
  identityVerificationSchema,
  issuedCertificateSchema,
  queueTicketSchema,
  ratingReceiptSchema,
  residentCodeResolutionSchema,
  siPaymentRecordSchema,
  type ApplicationProgress,
  type CertificateCheck,
  type CertificateKind,
  type CertificateRevocation,
  type HpfDepositRecord,
  type IdentityVerification,
  type IdentityVerifyRequest,
  type IssuedCertificate,
  type PlatformHealth,
  type QueueTicket,
  type RatingSubmission,
  type ResidentCodeResolution,
  type SiPaymentRecord,
} from './schemas.ts';

export {
  basicAuthorization,
  DEFAULT_TIMEOUT_MS,
  type CallOptions,
  type PlatformClientOptions,
} from './client-base.ts';

/**
 * Typed client for platform API v1 (see API.md). Every reply is validated; every failure is a
 * PlatformError with flags. GETs retry once after a timeout or outage; a POST retries only
 * when it carries an idempotency key, so nothing is ever issued twice. Every request is signed.
 */
export class PlatformClient extends PersonalClient {
  /** Checks name and ID number against the platform; yields an opaque, session-scoped ref. */
  verifyIdentity(
    identity: IdentityVerifyRequest,
    options: CallOptions = {},
  ): Promise<IdentityVerification> {
    // A POST without a key, but it only reads: a retry merely mints a second ref.
    return this.call({
      operation: 'identity.verify',
      method: 'POST',
      path: 'api/v1/identity/verify',
      body: identity,
      reply: identityVerificationSchema,
      retryOnce: true,
      signal: options.signal,
    });
  }

  /**
   * Resolves the text of a phone resident code (居民码) to a session-scoped residentRef, the
   * holder's name and masked ID number. A code the platform does not accept is an answer, not an
   * error: `{ resolved: false, reason }`.
   */
  resolveResidentCode(code: string, options: CallOptions = {}): Promise<ResidentCodeResolution> {
    // Read-only like identity/verify: a retry merely mints a second ref.
    return this.call({
      operation: 'identity.resolveCode',
      method: 'POST',
      path: 'api/v1/identity/resolve-code',
      body: { code, kioskId: this.kioskId },
      reply: residentCodeResolutionSchema,
      retryOnce: true,
      signal: options.signal,
    });
  }

  /**
   * Social-insurance payment record for the last `months` months (default 12, max 36), or for
   * the months `from`-`to` (`YYYY-MM`, both included, at most 36).
   */
  paymentRecord(
    residentRef: string,
    options: CallOptions & PeriodOptions = {},
  ): Promise<SiPaymentRecord> {
    const query = periodQuery(options);
    return this.get(
      'si.paymentRecord',
      `${residentPath(residentRef)}/social-insurance/payment-record${query}`,
      siPaymentRecordSchema,
      options,
    );
  }

  /** Housing provident fund balance and deposit record (`hpf`), over a period as above. */
  depositRecord(
    residentRef: string,
    options: CallOptions & PeriodOptions = {},
  ): Promise<HpfDepositRecord> {
    const query = periodQuery(options);
    return this.get(
      'hpf.depositRecord',
      `${residentPath(residentRef)}/housing-fund/deposit-record${query}`,
      hpfDepositRecordSchema,
      options,
    );
  }

  /**
   * Registers a certificate before it is printed. `requestId` is the idempotency key: pass the
   * id journalled before the call, so a retry after a crash gets the same certificate back.
   */
  issueCertificate(
    request: {
      kind: CertificateKind;
      /** Every kind but `credit-record`. */
      residentRef?: string;
      /** The licence a `licence-copy` copies (from `licences`). */
      licenceId?: string;
      /** The enterprise of a `credit-record`. */
      creditCode?: string;
      requestId?: string;
    },
    options: CallOptions = {},
  ): Promise<IssuedCertificate> {
    const body = {
      kind: request.kind,
      residentRef: request.residentRef,
      licenceId: request.licenceId,
      creditCode: request.creditCode,
      kioskId: this.kioskId,
      requestId: request.requestId ?? randomUUID(),
    };
    return this.call({
      operation: 'certificate.issue',
      method: 'POST',
      path: 'api/v1/certificates',
      body,
      reply: issuedCertificateSchema,
      retryOnce: true,
      signal: options.signal,
    });
  }

  /** Revokes a certificate (e.g. the print failed). Revoking twice is harmless. */
  revokeCertificate(
    verificationCode: string,
    options: CallOptions & { reason?: string } = {},
  ): Promise<CertificateRevocation> {
    return this.call({
      operation: 'certificate.revoke',
      method: 'POST',
      path: `api/v1/certificates/${encodeURIComponent(verificationCode)}/revoke`,
      body: { kioskId: this.kioskId, reason: options.reason },
      reply: certificateRevocationSchema,
      retryOnce: true,
      signal: options.signal,
    });
  }

  /** Public check of a verification code, as a phone scanning the certificate's QR would do. */
  verifyCertificate(
    verificationCode: string,
    options: CallOptions = {},
  ): Promise<CertificateCheck> {
    return this.get(
      'certificate.verify',
      `verify/${encodeURIComponent(verificationCode)}`,
      certificateCheckSchema,
      options,
    );
  }

  /**
   * Submits a 好差评 rating. With an `idempotencyKey` (journalled before the call) it is sent as
   * `Idempotency-Key` and retried once, as the platform stores it once per key; else never retried.
   */
  submitRating(rating: RatingSubmission, options: CallOptions = {}): Promise<{ ratingId: string }> {
    const { idempotencyKey, ...fields } = rating;
    return this.call({
      operation: 'rating.submit',
      method: 'POST',
      path: 'api/v1/ratings',
      body: { ...fields, kioskId: this.kioskId },
      idempotencyKey,
      reply: ratingReceiptSchema,
      retryOnce: idempotencyKey !== undefined,
      signal: options.signal,
    });
  }

  /** Asks the hall's staff to come to this kiosk (帮办); keyed, so it is retried once. */
  submitHelpRequest(request: HelpRequest, options: CallOptions = {}): Promise<HelpReceipt> {
    return this.call(helpRequestCall(request, this.kioskId, options.signal));
  }

  /**
   * Takes a queue ticket for a business type (`serviceId`) of a hall (default: the platform's
   * default hall). Never retried: a blind retry would print a second ticket.
   */
  takeQueueTicket(
    request: { serviceId: string; hallId?: string },
    options: CallOptions = {},
  ): Promise<QueueTicket> {
    return this.call({
      operation: 'queue.ticket',
      method: 'POST',
      path: 'api/v1/queue/tickets',
      body: { serviceId: request.serviceId, hallId: request.hallId, kioskId: this.kioskId },
      reply: queueTicketSchema,
      retryOnce: false,
      signal: options.signal,
    });
  }

  /** Progress of an application (办件进度) by its number. */
  applicationProgress(
    applicationNo: string,
    options: CallOptions = {},
  ): Promise<ApplicationProgress> {
    return this.get(
      'application.progress',
      `api/v1/applications/${encodeURIComponent(applicationNo)}`,
      applicationProgressSchema,
      options,
    );
  }

  /** Platform liveness, for the maintenance page and start-up checks. */
  health(options: CallOptions = {}): Promise<PlatformHealth> {
    return this.get('platform.health', 'health', healthSchema, options);
  }
}

function residentPath(residentRef: string): string {
  return `api/v1/residents/${encodeURIComponent(residentRef)}`;
}
