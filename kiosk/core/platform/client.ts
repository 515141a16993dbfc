import { randomUUID } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { exchange, type ExchangeCall, type ExchangeSettings } from './exchange.ts';
import { helpRequestCall, type HelpReceipt, type HelpRequest } from './help-request.ts';
import {
  DEFAULT_MAX_REPLY_BYTES,
  MAX_REPLY_BYTES_CEILING,
  MAX_REPLY_BYTES_FLOOR,
} from './limits.ts';
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

/** How to reach one platform. */
export interface PlatformClientOptions {
  /** Platform base URL, e.g. the sandbox's `baseUrl`; a path prefix (gateway) is kept. */
  baseUrl: string;
  /** Longest wait for one attempt, in milliseconds. Default 8000. */
  timeoutMs?: number;
  /** This terminal's id, sent with every request and in bodies that record who acted. */
  kioskId: string;
  /** Fetch implementation; defaults to the global one. Tests pass a recording wrapper. */
  fetch?: typeof globalThis.fetch;
  /** Client credentials the platform issued to this kiosk, sent as HTTP Basic authorization. */
  credentials?: { clientId: string; clientSecret: string };
  /**
   * Largest reply body accepted, in decoded bytes; a bigger one is cut off unread and fails as
   * `tooLarge`. Default DEFAULT_MAX_REPLY_BYTES (2 MiB).
   */
  maxReplyBytes?: number;
  /**
   * PEM certificates of private CAs to trust as well as Node's bundled roots, e.g. a government
   * intranet's own CA (`platform.caFile`, read by `platformTrustedCertificates`).
   */
  trustedCertificates?: readonly string[];
}

/** Per-call options. */
export interface CallOptions {
  /** Ends the call early, e.g. when the session ends; the error then carries `canceled`. */
  signal?: AbortSignal;
}

/** Default time a resident is left waiting for one attempt. */
export const DEFAULT_TIMEOUT_MS = 8000;

/**
 * Typed client for platform API v1 (see API.md). Every reply is validated; every failure is a
 * PlatformError with flags. GETs retry once after a timeout or outage; a POST retries only
 * when it carries an idempotency key, so nothing is ever issued twice.
 */
export class PlatformClient {
  readonly #settings: ExchangeSettings;

  constructor(options: PlatformClientOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch (cause) {
      throw new RangeError(
        `platform baseUrl ${JSON.stringify(options.baseUrl)} is not a URL; set it to e.g. "https://platform.example.gov.cn/"`,
        { cause },
      );
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new RangeError(`platform baseUrl must be http: or https:, got "${base.protocol}"`);
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new RangeError(`platform timeoutMs must be a positive number, got ${timeoutMs}`);
    }
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(options.kioskId)) {
      throw new RangeError(
        `platform kioskId ${JSON.stringify(options.kioskId)} must be 1-64 letters, digits, dots, dashes or underscores`,
      );
    }
    const maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    if (
      !Number.isInteger(maxReplyBytes) ||
      maxReplyBytes < MAX_REPLY_BYTES_FLOOR ||
      maxReplyBytes > MAX_REPLY_BYTES_CEILING
    ) {
      throw new RangeError(
        `platform maxReplyBytes must be a whole number from ${MAX_REPLY_BYTES_FLOOR} to ${MAX_REPLY_BYTES_CEILING}, got ${maxReplyBytes}`,
      );
    }
    this.#settings = {
      baseUrl: base,
      timeoutMs,
      kioskId: options.kioskId,
      fetch: options.fetch ?? globalThis.fetch,
      maxReplyBytes,
      ...(options.trustedCertificates?.length
        ? { dispatcher: trustingAgent(options.trustedCertificates) }
        : {}),
      ...(options.credentials
        ? {
            authorization: basicAuthorization(
              options.credentials.clientId,
              options.credentials.clientSecret,
            ),
          }
        : {}),
    };
  }

  /** The base URL requests go to (with a trailing slash). */
  get baseUrl(): string {
    return this.#settings.baseUrl.href;
  }

  /** Closes the connections of a client built with `trustedCertificates`; a no-op otherwise. */
  async close(): Promise<void> {
    await this.#settings.dispatcher?.close();
  }

  /** Checks name and ID number against the platform; yields an opaque, session-scoped ref. */
  verifyIdentity(
    identity: IdentityVerifyRequest,
    options: CallOptions = {},
  ): Promise<IdentityVerification> {
    // A POST without a key, but it only reads: a retry merely mints a second ref.
    return this.#call({
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
    return this.#call({
      operation: 'identity.resolveCode',
      method: 'POST',
      path: 'api/v1/identity/resolve-code',
      body: { code, kioskId: this.#settings.kioskId },
      reply: residentCodeResolutionSchema,
      retryOnce: true,
      signal: options.signal,
    });
  }

  /** Social-insurance payment record for the last `months` months (default 12, max 36). */
  paymentRecord(
    residentRef: string,
    options: CallOptions & { months?: number } = {},
  ): Promise<SiPaymentRecord> {
    const query = options.months === undefined ? '' : `?months=${options.months}`;
    return this.#get(
      'si.paymentRecord',
      `${residentPath(residentRef)}/social-insurance/payment-record${query}`,
      siPaymentRecordSchema,
      options,
    );
  }

  /** Housing provident fund deposit record for the last `months` months. */
  depositRecord(
    residentRef: string,
    options: CallOptions & { months?: number } = {},
  ): Promise<HpfDepositRecord> {
    const query = options.months === undefined ? '' : `?months=${options.months}`;
    return this.#get(
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
    request: { kind: CertificateKind; residentRef: string; requestId?: string },
    options: CallOptions = {},
  ): Promise<IssuedCertificate> {
    const body = {
      kind: request.kind,
      residentRef: request.residentRef,
      kioskId: this.#settings.kioskId,
      requestId: request.requestId ?? randomUUID(),
    };
    return this.#call({
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
    return this.#call({
      operation: 'certificate.revoke',
      method: 'POST',
      path: `api/v1/certificates/${encodeURIComponent(verificationCode)}/revoke`,
      body: { kioskId: this.#settings.kioskId, reason: options.reason },
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
    return this.#get(
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
    return this.#call({
      operation: 'rating.submit',
      method: 'POST',
      path: 'api/v1/ratings',
      body: { ...fields, kioskId: this.#settings.kioskId },
      idempotencyKey,
      reply: ratingReceiptSchema,
      retryOnce: idempotencyKey !== undefined,
      signal: options.signal,
    });
  }

  /** Asks the hall's staff to come to this kiosk (帮办); keyed, so it is retried once. */
  submitHelpRequest(request: HelpRequest, options: CallOptions = {}): Promise<HelpReceipt> {
    return this.#call(helpRequestCall(request, this.#settings.kioskId, options.signal));
  }

  /** Takes a queue ticket. Never retried: a blind retry would print a second ticket. */
  takeQueueTicket(request: { serviceId: string }, options: CallOptions = {}): Promise<QueueTicket> {
    return this.#call({
      operation: 'queue.ticket',
      method: 'POST',
      path: 'api/v1/queue/tickets',
      body: { serviceId: request.serviceId, kioskId: this.#settings.kioskId },
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
    return this.#get(
      'application.progress',
      `api/v1/applications/${encodeURIComponent(applicationNo)}`,
      applicationProgressSchema,
      options,
    );
  }

  /** Platform liveness, for the maintenance page and start-up checks. */
  health(options: CallOptions = {}): Promise<PlatformHealth> {
    return this.#get('platform.health', 'health', healthSchema, options);
  }

  #get<T>(
    operation: string,
    path: string,
    reply: ExchangeCall<T>['reply'],
    options: CallOptions,
  ): Promise<T> {
    return this.#call({
      operation,
      method: 'GET',
      path,
      reply,
      retryOnce: true,
      signal: options.signal,
    });
  }

  #call<T>(call: ExchangeCall<T>): Promise<T> {
    return exchange(this.#settings, call);
  }
}

/**
 * A connection pool that verifies the platform against Node's bundled roots plus `extra`. TLS's
 * `ca` option replaces the default list, so the bundled roots are passed along explicitly: the
 * private CA is added, never the only one trusted.
 */
function trustingAgent(extra: readonly string[]): Agent {
  return new Agent({ connect: { ca: [...rootCertificates, ...extra] } });
}

function residentPath(residentRef: string): string {
  return `api/v1/residents/${encodeURIComponent(residentRef)}`;
}

/** An HTTP Basic `Authorization` value (RFC 7617, UTF-8). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  if (clientId.includes(':')) throw new RangeError('platform clientId must not contain ":"');
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`;
}
