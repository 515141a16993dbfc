import type { z } from 'zod';
import { DeviceError } from '../../../drivers/device/errors.ts';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import { CapabilityError } from './errors.ts';
import type { ResidentView } from './outputs.ts';
import type { CapabilityCall } from './ports.ts';

/** The input `idcard.read` takes, as the catalogue parsed it. */
export type IdCardReadInput = z.output<(typeof ACTOR_CAPABILITIES)['idcard.read']['input']>;

/**
 * `idcard.read`: waits for a card and reads it. The card's text is sealed in the session vault;
 * the flow gets a masked view and a handle. The photo and fingerprints stay with the driver.
 */
export async function readIdCard(
  call: CapabilityCall,
  input: IdCardReadInput,
): Promise<ResidentView> {
  call.ports.journal?.step(call.sessionRef, 'identity.method', { method: 'card' });
  let record;
  try {
    record = await call.ports.readIdCard({
      signal: call.signal,
      timeoutMs: input.timeoutSeconds * 1000,
    });
  } catch (error) {
    throw readerFault(call, error);
  }
  const { photoWlt: _photo, fingerprint: _fp, ...text } = record;
  const view = call.vault.admitCard(text);
  call.ports.log.info({ session: call.sessionRef, cardType: record.cardType }, 'card read');
  return view;
}

/**
 * A reader that cannot read any card right now: it stopped answering, its answers stay
 * corrupt, its SAM failed its self-test, or its SAM is not authorised. Placing the card again cannot help, so the flow
 * sees `outOfService` ("use your phone code or go to the counter"), and the device flag
 * (`disconnected`, `hardwareError`, `noDevice`) says which fault it was.
 */
export class CardReaderOutOfServiceError extends CapabilityError {
  readonly disconnected: boolean;
  readonly hardwareError: boolean;
  readonly noDevice: boolean;
  /** The GA 467 SW3 status code behind a SAM fault, when there is one. */
  readonly code: number | undefined;

  constructor(cause: DeviceError) {
    super(`the ID card reader cannot read cards now: ${cause.message}`, {
      outOfService: true,
      cause,
    });
    this.disconnected = cause.disconnected;
    this.hardwareError = cause.hardwareError;
    this.noDevice = cause.noDevice;
    this.code = cause.code;
  }
}

/**
 * Maps a reader failure to what the resident can do about it. The resident's own wait running
 * out stays `timeout`, a card that moved stays `readFailed`; only faults of the reader itself
 * become {@link CardReaderOutOfServiceError}, logged once with the flag and the status code.
 */
function readerFault(call: CapabilityCall, error: unknown): unknown {
  if (!(error instanceof DeviceError) || error.canceled) return error;
  // `checksum` here means the frames stayed corrupt after every resend: a cable or baud-rate
  // fault of the reader, which no new attempt with the card can fix.
  if (!(error.disconnected || error.hardwareError || error.noDevice || error.checksum))
    return error;
  const fault = new CardReaderOutOfServiceError(error);
  call.ports.log.warn(
    {
      session: call.sessionRef,
      disconnected: fault.disconnected,
      hardwareError: fault.hardwareError,
      noDevice: fault.noDevice,
      code: fault.code,
    },
    'idcard.read: the reader cannot read cards now; the resident is sent to the phone code or the counter',
  );
  return fault;
}
