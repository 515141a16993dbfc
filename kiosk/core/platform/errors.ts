/** Flags a platform failure carries; flows and the outbox branch on these, never on text. */
export interface PlatformErrorFlags {
  /** No complete answer arrived within the client's timeout. */
  timeout?: boolean;
  /** The platform could not be reached or answered with a 5xx; trying later may work. */
  unavailable?: boolean;
  /** The thing asked for does not exist (no record, unknown application, unknown code). */
  notFound?: boolean;
  /** The platform understood the request and refused it (bad field, expired ref, duplicate). */
  rejected?: boolean;
  /**
   * The answer could not be used: not JSON, not `application/json`, not the shape API v1
   * promises, or (with `tooLarge`) bigger than the client accepts.
   */
  malformed?: boolean;
  /** The reply passed the client's size cap (`platform.maxReplyBytes`) and was cut off unread. */
  tooLarge?: boolean;
  /**
   * The platform's TLS certificate could not be verified (unknown CA, wrong name, expired);
   * comes with `unavailable`. A private CA is added with `platform.caFile`.
   */
  untrusted?: boolean;
  /** The caller's AbortSignal ended the call (session ended, resident walked away). */
  canceled?: boolean;
}

/** Longest raw reply text kept on an error, so a journal line stays bounded. */
export const RAW_BODY_LIMIT = 2048;

/** Everything a PlatformError can be built with. */
export interface PlatformErrorDetails extends PlatformErrorFlags {
  /** Machine-readable code: the platform's `error.code`, or the client's own (`timeout`, …). */
  code: string;
  /** The client operation, e.g. `si.paymentRecord`, so a journal line says what failed. */
  operation: string;
  /** HTTP status when a reply arrived. */
  status?: number;
  /** The request field the platform named as wrong. */
  field?: string;
  /** Reply text as received (truncated), kept when it could not be understood. */
  rawBody?: string;
  cause?: unknown;
}

/** The one error class PlatformClient throws. */
export class PlatformError extends Error implements Required<PlatformErrorFlags> {
  override readonly name = 'PlatformError';
  readonly timeout: boolean;
  readonly unavailable: boolean;
  readonly notFound: boolean;
  readonly rejected: boolean;
  readonly malformed: boolean;
  readonly tooLarge: boolean;
  readonly untrusted: boolean;
  readonly canceled: boolean;
  readonly code: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly field: string | undefined;
  readonly rawBody: string | undefined;

  constructor(message: string, details: PlatformErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.timeout = details.timeout ?? false;
    this.unavailable = details.unavailable ?? false;
    this.notFound = details.notFound ?? false;
    this.rejected = details.rejected ?? false;
    this.malformed = details.malformed ?? false;
    this.tooLarge = details.tooLarge ?? false;
    this.untrusted = details.untrusted ?? false;
    this.canceled = details.canceled ?? false;
    this.code = details.code;
    this.operation = details.operation;
    this.status = details.status;
    this.field = details.field;
    this.rawBody = details.rawBody === undefined ? undefined : truncateBody(details.rawBody);
  }

  /**
   * True when asking again at once could succeed, so the client makes its one retry. A
   * certificate that cannot be verified stays so until the config changes: no retry.
   */
  get retryable(): boolean {
    return (this.timeout || this.unavailable) && !this.untrusted;
  }
}

/** Cuts reply text to RAW_BODY_LIMIT characters and says how much was dropped. */
export function truncateBody(text: string): string {
  if (text.length <= RAW_BODY_LIMIT) return text;
  return `${text.slice(0, RAW_BODY_LIMIT)}…[${text.length - RAW_BODY_LIMIT} more characters]`;
}

/** True when `error` is a PlatformError carrying the given flag. */
export function hasPlatformFlag(error: unknown, flag: keyof PlatformErrorFlags): boolean {
  return error instanceof PlatformError && error[flag];
}

/**
 * The failure a flow sees for a platform error. A reply the kiosk could not use (`malformed`,
 * with or without `tooLarge`) is, for the resident, the same as a platform that is away, so it
 * reaches the flow as `unavailable` and no longer as `malformed`: in a flow's vocabulary
 * `malformed` means the resident's code is not a resident code, which would send them to the
 * wrong screen. Every other error is returned unchanged; the original stays as the `cause`.
 */
export function asSeenByFlows(error: PlatformError): PlatformError {
  if (!error.malformed) return error;
  return new PlatformError(error.message, {
    unavailable: true,
    tooLarge: error.tooLarge,
    code: error.code,
    operation: error.operation,
    ...(error.status === undefined ? {} : { status: error.status }),
    cause: error,
  });
}
