import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { exchange, type ExchangeCall, type ExchangeSettings } from './exchange.ts';
import {
  DEFAULT_MAX_REPLY_BYTES,
  MAX_REPLY_BYTES_CEILING,
  MAX_REPLY_BYTES_FLOOR,
} from './limits.ts';
import { DEV_SIGNING_KEY, MIN_SIGNING_KEY_BYTES } from './signing.ts';

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
  /**
   * HMAC key every request is signed with (`platform.signingKeyFile`). Default: the public
   * development key the embedded sandbox accepts; a real platform refuses it.
   */
  signingKey?: string;
}

/** Per-call options. */
export interface CallOptions {
  /** Ends the call early, e.g. when the session ends; the error then carries `canceled`. */
  signal?: AbortSignal;
}

/** Default time a resident is left waiting for one attempt. */
export const DEFAULT_TIMEOUT_MS = 8000;

/**
 * The transport under the typed client: settings, signing, retries. The API's operations are
 * spread over subclasses by area (client-hall.ts, client-personal.ts, client.ts).
 */
export class PlatformTransport {
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
      signingKey: signingKeyOf(options.signingKey),
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

  /** This terminal's id, as sent with every request. */
  protected get kioskId(): string {
    return this.#settings.kioskId;
  }

  /** A GET: read-only, so retried once after a timeout or outage. */
  protected get<T>(
    operation: string,
    path: string,
    reply: ExchangeCall<T>['reply'],
    options: CallOptions,
  ): Promise<T> {
    return this.call({
      operation,
      method: 'GET',
      path,
      reply,
      retryOnce: true,
      signal: options.signal,
    });
  }

  /** One exchange with the platform. */
  protected call<T>(call: ExchangeCall<T>): Promise<T> {
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

/** An HTTP Basic `Authorization` value (RFC 7617, UTF-8). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  if (clientId.includes(':')) throw new RangeError('platform clientId must not contain ":"');
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`;
}

/** The signing key to use: the configured one, checked, or the development key. */
function signingKeyOf(key: string | undefined): string {
  if (key === undefined) return DEV_SIGNING_KEY;
  if (Buffer.byteLength(key, 'utf8') < MIN_SIGNING_KEY_BYTES) {
    throw new RangeError(
      `platform signingKey must be at least ${MIN_SIGNING_KEY_BYTES} bytes; use the key the platform issued to this kiosk`,
    );
  }
  return key;
}
