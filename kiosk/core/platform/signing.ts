import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Request signing of API v1: HMAC-SHA256 with the kiosk's own key over the method, the path with
 * its query, the SHA-256 of the body, a timestamp and a nonce. The platform refuses a request
 * whose timestamp is more than SIGNATURE_MAX_SKEW_MS off its clock or whose nonce it has seen.
 */

/** Header carrying the signing time, in whole seconds since 1970 (UTC). */
export const TIMESTAMP_HEADER = 'x-kiosk24-timestamp';
/** Header carrying the nonce: 16-64 letters, digits, `-` or `_`, new for every attempt. */
export const NONCE_HEADER = 'x-kiosk24-nonce';
/** Header carrying the signature: lower-case hex HMAC-SHA256. */
export const SIGNATURE_HEADER = 'x-kiosk24-signature';

/**
 * How far a request's timestamp may be from the platform's clock: five minutes, enough for a
 * kiosk clock that drifted between NTP syncs, short enough that a captured request soon dies.
 */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60 * 1000;

/** Nonce format: long enough to be unguessable, short enough to store. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The fixed development key the client and the sandbox use when none is configured. It is public
 * (it is in this file), so it signs nothing a real platform accepts; never use it in production.
 */
export const DEV_SIGNING_KEY = 'kiosk24-development-signing-key-not-secret';

/** Smallest signing key accepted: 32 bytes, the HMAC-SHA256 block strength. */
export const MIN_SIGNING_KEY_BYTES = 32;

/** The signed text: one field a line. */
export function canonicalRequest(fields: {
  method: string;
  pathWithQuery: string;
  body: string | Uint8Array;
  timestamp: string;
  nonce: string;
}): string {
  const bodyHash = createHash('sha256').update(fields.body).digest('hex');
  return [
    fields.method.toUpperCase(),
    fields.pathWithQuery,
    bodyHash,
    fields.timestamp,
    fields.nonce,
  ].join('\n');
}

/** The signature of a canonical request under `key`. */
export function signatureOf(key: string, canonical: string): string {
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** The three signing headers for one attempt: a fresh nonce and the current time. */
export function signingHeaders(
  key: string,
  request: { method: string; pathWithQuery: string; body: string | Uint8Array },
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(18).toString('base64url');
  const signature = signatureOf(key, canonicalRequest({ ...request, timestamp, nonce }));
  return { [TIMESTAMP_HEADER]: timestamp, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: signature };
}

/** Why a request's signature is refused, as the 401 code the platform answers. */
export type SignatureRefusal =
  'signature-missing' | 'signature-invalid' | 'timestamp-skewed' | 'nonce-replayed';

/**
 * Checks one request's signing headers. `seen` remembers nonces: a nonce is recorded only after
 * the signature holds, so forged requests cannot fill it, and only for as long as its timestamp
 * could still pass the skew check.
 */
export function checkSignature(
  key: string,
  request: {
    method: string;
    pathWithQuery: string;
    body: string | Uint8Array;
    headers: Record<string, string | string[] | undefined>;
  },
  seen: NonceMemory,
  now: Date,
): SignatureRefusal | undefined {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const timestamp = header(TIMESTAMP_HEADER);
  const nonce = header(NONCE_HEADER);
  const signature = header(SIGNATURE_HEADER);
  if (timestamp === undefined || nonce === undefined || signature === undefined) {
    return 'signature-missing';
  }
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    !NONCE_PATTERN.test(nonce) ||
    !/^[0-9a-f]{64}$/.test(signature)
  ) {
    return 'signature-invalid';
  }
  if (Math.abs(Number(timestamp) * 1000 - now.getTime()) > SIGNATURE_MAX_SKEW_MS) {
    return 'timestamp-skewed';
  }
  const expected = signatureOf(key, canonicalRequest({ ...request, timestamp, nonce }));
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(signature, 'hex'))) {
    return 'signature-invalid';
  }
  if (!seen.remember(nonce, now)) return 'nonce-replayed';
  return undefined;
}

/** Nonces seen within the skew window; older ones are forgotten, as their timestamps fail anyway. */
export class NonceMemory {
  readonly #seen = new Map<string, number>();

  /** Records a nonce; false when it was seen already. */
  remember(nonce: string, now: Date): boolean {
    const limit = now.getTime() - 2 * SIGNATURE_MAX_SKEW_MS;
    for (const [old, at] of this.#seen) {
      if (at >= limit) break;
      this.#seen.delete(old);
    }
    if (this.#seen.has(nonce)) return false;
    this.#seen.set(nonce, now.getTime());
    return true;
  }
}
