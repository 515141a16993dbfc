/** Flags a device failure carries; callers branch on these, never on message text. */
export interface DeviceErrorFlags {
  /** The command did not complete in the allowed time. */
  timeout?: boolean;
  /** The link to the device is gone (unplugged, port closed). */
  disconnected?: boolean;
  /** No device at the configured address. */
  noDevice?: boolean;
  /** The card-reader reported no card. */
  noCard?: boolean;
  /** A read from the medium failed (card moved, RF error). */
  readFailed?: boolean;
  /** A frame failed its checksum or length check. */
  checksum?: boolean;
  /** The operation was cancelled through its AbortSignal. */
  canceled?: boolean;
  /** The printer ran out of paper. */
  paperOut?: boolean;
  /** The device reports a hardware fault (self-test failed, cutter error, cover open). */
  hardwareError?: boolean;
  /** The device answered something this driver does not support (e.g. an unknown card type). */
  unsupported?: boolean;
}

/** The one error class every driver throws. Each flag says what kind of failure it is. */
export class DeviceError extends Error implements Required<DeviceErrorFlags> {
  override readonly name = 'DeviceError';
  readonly timeout: boolean;
  readonly disconnected: boolean;
  readonly noDevice: boolean;
  readonly noCard: boolean;
  readonly readFailed: boolean;
  readonly checksum: boolean;
  readonly canceled: boolean;
  readonly paperOut: boolean;
  readonly hardwareError: boolean;
  readonly unsupported: boolean;
  /** A device-specific status code, e.g. the GA 467 SW3 byte, when there is one. */
  readonly code: number | undefined;

  constructor(message: string, flags: DeviceErrorFlags & { cause?: unknown; code?: number } = {}) {
    super(message, flags.cause === undefined ? undefined : { cause: flags.cause });
    this.timeout = flags.timeout ?? false;
    this.disconnected = flags.disconnected ?? false;
    this.noDevice = flags.noDevice ?? false;
    this.noCard = flags.noCard ?? false;
    this.readFailed = flags.readFailed ?? false;
    this.checksum = flags.checksum ?? false;
    this.canceled = flags.canceled ?? false;
    this.paperOut = flags.paperOut ?? false;
    this.hardwareError = flags.hardwareError ?? false;
    this.unsupported = flags.unsupported ?? false;
    this.code = flags.code;
  }
}

/** Builds the error thrown when an AbortSignal fires, keeping the signal's reason as cause. */
export function canceledError(what: string, signal: AbortSignal): DeviceError {
  return new DeviceError(`${what} was canceled`, { canceled: true, cause: signal.reason });
}
