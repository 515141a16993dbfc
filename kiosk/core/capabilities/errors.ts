/** Flags of a failure raised by the capability layer itself (not by a driver or the platform). */
export interface CapabilityErrorFlags {
  /** The device or service this capability needs is out of service right now. */
  outOfService?: boolean;
  /** The capability ran past the deadline the kiosk gives it. */
  timeout?: boolean;
  /** The flow passed input the capability refuses (a vendor bug). */
  rejected?: boolean;
  /** The session ended or the resident cancelled. */
  canceled?: boolean;
  /** A resident code was genuine but is past its validity (the phone shows a fresh one). */
  expired?: boolean;
  /** The platform knows no resident for what was shown (a code from elsewhere, a forgery). */
  notFound?: boolean;
  /** What was shown is not a resident code at all (a product barcode, a web link). */
  malformed?: boolean;
}

/** A capability that could not run; flows branch on the flags with the `error.is` guard. */
export class CapabilityError extends Error {
  override readonly name = 'CapabilityError';
  readonly outOfService: boolean;
  readonly timeout: boolean;
  readonly rejected: boolean;
  readonly canceled: boolean;
  readonly expired: boolean;
  readonly notFound: boolean;
  readonly malformed: boolean;

  constructor(message: string, flags: CapabilityErrorFlags & { cause?: unknown } = {}) {
    super(message, flags.cause === undefined ? undefined : { cause: flags.cause });
    this.outOfService = flags.outOfService ?? false;
    this.timeout = flags.timeout ?? false;
    this.rejected = flags.rejected ?? false;
    this.canceled = flags.canceled ?? false;
    this.expired = flags.expired ?? false;
    this.notFound = flags.notFound ?? false;
    this.malformed = flags.malformed ?? false;
  }
}

/** Reads a boolean flag from any error object (DeviceError, PlatformError, CapabilityError). */
export function errorHasFlag(error: unknown, flag: string): boolean {
  return (
    typeof error === 'object' && error !== null && (error as Record<string, unknown>)[flag] === true
  );
}
