import { randomInt } from 'node:crypto';
import {
  VERIFICATION_ALPHABET,
  VERIFICATION_CODE_LENGTH,
  type CertificateCheck,
  type CertificateKind,
} from '../schemas.ts';
import { ApiFailure } from './http.ts';

/**
 * The sandbox's certificate register. It keeps only what the public check shows (masked
 * holder name, kind, times), so even the register holds no full name or ID number.
 */

/** One registered certificate. */
export interface CertificateEntry {
  certificateNo: string;
  verificationCode: string;
  kind: CertificateKind;
  /** Masked holder name (an enterprise's public name), as the public check shows it. */
  holder: string;
  kioskId: string;
  issuedAt: Date;
  revokedAt?: Date;
}

const NUMBER_PREFIX: Record<CertificateKind, string> = {
  'si-payment': 'SB',
  'hpf-deposit': 'GJJ',
  'real-estate': 'BDC',
  'licence-copy': 'DZZZ',
  'credit-record': 'XY',
};

/** Makes a random verification code from the unambiguous alphabet. */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) {
    code += VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)] ?? '';
  }
  return code;
}

/**
 * Brings a typed-in code to canonical form: people type lower case and copy the grouping
 * dashes or spaces from the paper, and neither should make a genuine certificate "unknown".
 */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** Register of issued certificates with idempotent issue keyed by the client's requestId. */
export class CertificateRegistry {
  readonly #byCode = new Map<string, CertificateEntry>();
  readonly #byRequest = new Map<string, { fingerprint: string; entry: CertificateEntry }>();
  readonly #now: () => Date;
  #sequence = 0;

  constructor(options: { now: () => Date }) {
    this.#now = options.now;
  }

  /**
   * Issues a certificate, or returns the one already issued for this `requestId`. The same key
   * with a different kind, person or kiosk is a client bug and is refused, not guessed at.
   */
  issue(request: {
    kind: CertificateKind;
    /** Masked name (or an enterprise's public name) the public check shows. */
    holder: string;
    /** Who or what the certificate is about, for the idempotency check. */
    subjectKey: string;
    kioskId: string;
    requestId: string;
  }): { entry: CertificateEntry; replayed: boolean } {
    const fingerprint = `${request.kind}|${request.subjectKey}|${request.kioskId}`;
    const earlier = this.#byRequest.get(request.requestId);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new ApiFailure(
          409,
          'request-id-reused',
          'this requestId was already used for a different certificate; make a new requestId for each certificate',
          'requestId',
        );
      }
      return { entry: earlier.entry, replayed: true };
    }
    const issuedAt = this.#now();
    let verificationCode = newVerificationCode();
    while (this.#byCode.has(verificationCode)) verificationCode = newVerificationCode();
    this.#sequence += 1;
    const day = issuedAt.toISOString().slice(0, 10).replaceAll('-', '');
    const entry: CertificateEntry = {
      certificateNo: `${NUMBER_PREFIX[request.kind]}${day}${String(this.#sequence).padStart(6, '0')}`,
      verificationCode,
      kind: request.kind,
      holder: request.holder,
      kioskId: request.kioskId,
      issuedAt,
    };
    this.#byCode.set(verificationCode, entry);
    this.#byRequest.set(request.requestId, { fingerprint, entry });
    return { entry, replayed: false };
  }

  /** Revokes by code; a second revoke keeps the first time. Undefined when the code is unknown. */
  revoke(code: string): CertificateEntry | undefined {
    const entry = this.#byCode.get(normalizeCode(code));
    if (entry && entry.revokedAt === undefined) entry.revokedAt = this.#now();
    return entry;
  }

  /** The public check of a code. */
  check(code: string): CertificateCheck {
    const entry = this.#byCode.get(normalizeCode(code));
    if (!entry) return { status: 'unknown' };
    const check: CertificateCheck = {
      status: entry.revokedAt ? 'revoked' : 'valid',
      kind: entry.kind,
      certificateNo: entry.certificateNo,
      issuedAt: entry.issuedAt.toISOString(),
      holder: entry.holder,
    };
    if (entry.revokedAt) check.revokedAt = entry.revokedAt.toISOString();
    return check;
  }
}
