import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { PlatformError } from './errors.ts';
import { contentTypeProblem, readCappedBody, strictUtf8, type ReplyBody } from './reply-body.ts';
import { errorReplySchema, idempotencyKeySchema } from './schemas.ts';
import { signingHeaders } from './signing.ts';

/** What one HTTP exchange with the platform needs from the client that owns it. */
export interface ExchangeSettings {
  /** Base URL; always ends with `/` so relative paths keep any gateway prefix. */
  baseUrl: URL;
  timeoutMs: number;
  kioskId: string;
  fetch: typeof globalThis.fetch;
  /** Largest reply body (decoded bytes) read before the request is aborted. */
  maxReplyBytes: number;
  /** Connection pool that trusts the private CA of `platform.caFile`, when one is configured. */
  dispatcher?: Dispatcher;
  /** `Authorization` header value sent with every request, when the platform issued credentials. */
  authorization?: string;
  /** HMAC key every request is signed with (signing.ts); a fresh nonce for every attempt. */
  signingKey: string;
}

/** One call: where it goes, what it sends, what shape the reply must have. */
export interface ExchangeCall<T> {
  /** Client operation name, e.g. `si.paymentRecord`; it names the call in every error. */
  operation: string;
  method: 'GET' | 'POST';
  /** Path relative to the base URL, already percent-encoded, without a leading slash. */
  path: string;
  body?: unknown;
  /**
   * Sent as `Idempotency-Key`, so the platform acts once however often the call is sent. A key
   * API v1 cannot carry rejects the call with a RangeError before anything is sent.
   */
  idempotencyKey?: string | undefined;
  reply: z.ZodType<T>;
  /**
   * Whether a second attempt is safe after a timeout or outage: true for GETs and for POSTs
   * that carry an idempotency key, never for a POST that could act twice.
   */
  retryOnce: boolean;
  signal?: AbortSignal | undefined;
}

/** The `idempotency-key` header for a call with a key; a key API v1 cannot carry is a RangeError. */
function idempotencyHeaders(key: string | undefined): Record<string, string> {
  if (key === undefined) return {};
  if (!idempotencyKeySchema.safeParse(key).success) {
    throw new RangeError(
      'idempotencyKey must be 8-128 letters, digits, dots, colons, dashes or underscores; use a UUID',
    );
  }
  return { 'idempotency-key': key };
}

/** Sends a call, retrying once when that is safe, and returns the validated reply. */
export async function exchange<T>(settings: ExchangeSettings, call: ExchangeCall<T>): Promise<T> {
  try {
    return await attempt(settings, call);
  } catch (error) {
    const mayRetry =
      call.retryOnce && error instanceof PlatformError && error.retryable && !call.signal?.aborted;
    if (!mayRetry) throw error;
    return await attempt(settings, call);
  }
}

async function attempt<T>(settings: ExchangeSettings, call: ExchangeCall<T>): Promise<T> {
  // Built first: a bad idempotency key throws before any timer is running.
  const headers: Record<string, string> = {
    ...idempotencyHeaders(call.idempotencyKey),
    accept: 'application/json',
    'x-kiosk-id': settings.kioskId,
  };
  // A private controller, not AbortSignal.timeout(), so a timeout can be told apart from the
  // caller's own cancel when deciding which flag the error carries.
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), settings.timeoutMs);
  // Its own controller again: a reply cut off at the size cap must not read as a timeout.
  const cutoff = new AbortController();
  const signal = AbortSignal.any(
    call.signal ? [call.signal, timer.signal, cutoff.signal] : [timer.signal, cutoff.signal],
  );
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (settings.authorization !== undefined) headers.authorization = settings.authorization;
  const url = new URL(call.path, settings.baseUrl);
  const body = call.body === undefined ? null : JSON.stringify(call.body);
  Object.assign(
    headers,
    signingHeaders(settings.signingKey, {
      method: call.method,
      pathWithQuery: `${url.pathname}${url.search}`,
      body: body ?? '',
    }),
  );
  try {
    let status: number;
    let contentType: string | null;
    let reply: ReplyBody;
    try {
      const init: RequestInit & { dispatcher?: Dispatcher } = {
        method: call.method,
        headers,
        body,
        signal,
        ...(settings.dispatcher ? { dispatcher: settings.dispatcher } : {}),
      };
      const response = await settings.fetch(url, init);
      status = response.status;
      contentType = response.headers.get('content-type');
      reply = await readCappedBody(response, settings.maxReplyBytes, () => cutoff.abort());
    } catch (cause) {
      throw transportFailure(settings, call, timer.signal, cause);
    }
    if (reply.kind === 'tooLarge') throw tooLarge(settings, call.operation, status, reply);
    return interpretReply(call, status, contentType, reply.bytes);
  } finally {
    clearTimeout(handle);
  }
}

/** A reply cut off at the size cap: malformed for every caller, and never read to its end. */
function tooLarge(
  settings: ExchangeSettings,
  operation: string,
  status: number,
  body: Extract<ReplyBody, { kind: 'tooLarge' }>,
): PlatformError {
  const size =
    body.declared === undefined
      ? `more than ${settings.maxReplyBytes} bytes`
      : `${body.declared} bytes by its Content-Length`;
  return new PlatformError(
    `the platform's reply to ${operation} was ${size}, over the ${settings.maxReplyBytes}-byte cap (platform.maxReplyBytes); it was cut off unread; try again later or ask staff`,
    { malformed: true, tooLarge: true, code: 'reply-too-large', operation, status },
  );
}

function transportFailure(
  settings: ExchangeSettings,
  call: ExchangeCall<unknown>,
  timerSignal: AbortSignal,
  cause: unknown,
): PlatformError {
  const { operation } = call;
  if (call.signal?.aborted) {
    return new PlatformError(`${operation} was canceled before the platform answered`, {
      canceled: true,
      code: 'canceled',
      operation,
      cause,
    });
  }
  if (timerSignal.aborted) {
    const seconds = Number((settings.timeoutMs / 1000).toFixed(3));
    return new PlatformError(
      `the platform did not answer ${operation} within ${seconds} s; try again or ask staff`,
      { timeout: true, code: 'timeout', operation, cause },
    );
  }
  const networkCode = networkErrorCode(cause);
  if (UNTRUSTED_CERTIFICATE_CODES.has(networkCode)) {
    return new PlatformError(
      `the platform's TLS certificate could not be verified for ${operation} (${networkCode}); if the platform uses a private CA, set platform.caFile to that CA's PEM certificate; ask staff`,
      { unavailable: true, untrusted: true, code: 'untrusted-certificate', operation, cause },
    );
  }
  return new PlatformError(
    `the platform could not be reached for ${operation} (${networkCode}); check the kiosk's network, try again later or ask staff`,
    { unavailable: true, code: 'unreachable', operation, cause },
  );
}

/**
 * Codes Node's TLS gives when the server's certificate chain or name cannot be verified, as
 * opposed to the network failing: an operator fixes these in the config (platform.caFile) or on
 * the platform, so they get their own flag and no retry.
 */
const UNTRUSTED_CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Digs the most specific reason out of fetch's wrapped error: a system code (ECONNREFUSED,
 * ECONNRESET, …) when there is one, else the innermost message ("fetch failed" says nothing).
 */
function networkErrorCode(cause: unknown): string {
  let current: unknown = cause;
  let innermost = 'network error';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    innermost = current.message;
    current = current instanceof AggregateError ? current.errors[0] : current.cause;
  }
  return innermost;
}

function interpretReply<T>(
  call: ExchangeCall<T>,
  status: number,
  contentType: string | null,
  bytes: Uint8Array,
): T {
  const { operation } = call;
  // Lenient decoding for what is only kept as rawBody; a 2xx body must be strict UTF-8.
  const lenient = (): string => Buffer.from(bytes).toString('utf8');
  if (status < 200 || status >= 300) throw failureReply(operation, status, lenient());
  const typeProblem = contentTypeProblem(contentType);
  if (typeProblem !== undefined) {
    throw malformed(operation, status, lenient(), typeProblem, 'unexpected-content-type');
  }
  const text = strictUtf8(bytes);
  if (text === undefined) throw malformed(operation, status, lenient(), 'not UTF-8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw malformed(operation, status, text, 'not JSON', 'malformed-reply', cause);
  }
  const parsed = call.reply.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'reply';
    throw malformed(operation, status, text, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function malformed(
  operation: string,
  status: number,
  text: string,
  detail: string,
  code = 'malformed-reply',
  cause?: unknown,
): PlatformError {
  return new PlatformError(
    `the platform's reply to ${operation} is not valid API v1 JSON (${detail}); the raw reply is kept for the journal; try again or ask staff`,
    { malformed: true, code, operation, status, rawBody: text, cause },
  );
}

/** Turns a non-2xx reply into a flagged error, using the error envelope when there is one. */
function failureReply(operation: string, status: number, text: string): PlatformError {
  let envelope: z.infer<typeof errorReplySchema>['error'] | undefined;
  try {
    const parsed = errorReplySchema.safeParse(JSON.parse(text));
    if (parsed.success) envelope = parsed.data.error;
  } catch {
    // A proxy's HTML error page is common in front of real platforms; the status still says
    // what happened, and the text is kept below as rawBody.
    envelope = undefined;
  }
  const code = envelope?.code ?? `http-${status}`;
  const said = envelope ? `: ${envelope.message}` : '';
  const common = {
    code,
    operation,
    status,
    ...(envelope?.field === undefined ? {} : { field: envelope.field }),
    ...(envelope ? {} : { rawBody: text }),
  };
  if (status === 404 || status === 410) {
    return new PlatformError(
      `the platform found nothing for ${operation} (${code})${said}; tell the resident, or ask staff if a record is expected`,
      {
        notFound: true,
        ...common,
      },
    );
  }
  if (status >= 500 || status === 429) {
    return new PlatformError(
      `the platform failed ${operation} with HTTP ${status} (${code})${said}; try again later or ask staff`,
      { unavailable: true, ...common },
    );
  }
  if (status >= 400) {
    const field = envelope?.field === undefined ? '' : `, field "${envelope.field}"`;
    return new PlatformError(
      `the platform rejected ${operation} (${code}${field})${said}; correct the request or ask staff`,
      { rejected: true, ...common },
    );
  }
  return new PlatformError(
    `the platform answered ${operation} with unexpected HTTP ${status}; the raw reply is kept for the journal; ask staff`,
    { malformed: true, code, operation, status, rawBody: text },
  );
}
