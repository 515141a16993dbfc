/** Flags of a failure raised by the capability layer itself (not by a driver or the platform). */
export interface CapabilityErrorFlags {
  /** The device or service this capability needs is out of service right now. */
  outOfService?: boolean;
  /** The flow passed input the capability refuses (a vendor bug). */
  rejected?: boolean;
  /** The session ended or the resident cancelled. */
  canceled?: boolean;
}

/** A capability that could not run; flows branch on the flags with the `error.is` guard. */
export class CapabilityError extends Error {
  override readonly name = 'CapabilityError';
  readonly outOfService: boolean;
  readonly rejected: boolean;
  readonly canceled: boolean;

  constructor(message: string, flags: CapabilityErrorFlags & { cause?: unknown } = {}) {
    super(message, flags.cause === undefined ? undefined : { cause: flags.cause });
    this.outOfService = flags.outOfService ?? false;
    this.rejected = flags.rejected ?? false;
    this.canceled = flags.canceled ?? false;
  }
}

/** Reads a boolean flag from any error object (DeviceError, PlatformError, CapabilityError). */
export function errorHasFlag(error: unknown, flag: string): boolean {
  return (
    typeof error === 'object' && error !== null && (error as Record<string, unknown>)[flag] === true
  );
}
