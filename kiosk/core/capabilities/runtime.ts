import type { CapabilityRuntime } from '../runner/build-machine.ts';
import { systemClock, type Clock } from '../session/idle.ts';
import { ACTOR_CAPABILITIES, type ActorCapabilityName } from './catalogue.ts';
import { CapabilityError } from './errors.ts';
import { readIdCard, type IdCardReadInput } from './idcard-read.ts';
import { callPlatform, type PlatformCallInput } from './platform-call.ts';
import type { CapabilityCall, CapabilityPorts } from './ports.ts';
import { printCertificate, type PrintCertificateInput } from './print-certificate.ts';
import { printReceipt, type PrintReceiptInput } from './print-receipt.ts';
import { readScannedCode, type ScannerReadInput } from './scanner-read.ts';
import { SessionVault } from './vault.ts';

export type { CapabilityPorts } from './ports.ts';
export { chinaTime } from './print-receipt.ts';

/**
 * Time a card read may take after the resident's wait: SAM authentication and the text, photo
 * and retry frames of GA 467 take a few seconds on a slow reader.
 */
const CARD_READ_SLACK_MS = 15_000;
/** A scanner reports within a second of a scan; the rest is margin for a busy board. */
const SCAN_SLACK_MS = 5_000;
/** The platform client retries within its own timeout; this bounds a platform that stalls. */
const PLATFORM_DEADLINE_MS = 120_000;
/** Rendering and spooling an A4 certificate, including a printer warming up. */
const CERTIFICATE_DEADLINE_MS = 300_000;
/** A receipt prints in seconds; a printer that answers no status is given up on. */
const RECEIPT_DEADLINE_MS = 120_000;

/**
 * How long each capability may run before the kiosk gives up on it, so that a busy screen never
 * waits forever whatever the device or the platform does.
 */
function deadlineMs(name: ActorCapabilityName, input: unknown): number {
  switch (name) {
    case 'idcard.read':
      return (input as IdCardReadInput).timeoutSeconds * 1000 + CARD_READ_SLACK_MS;
    case 'scanner.read':
      return (input as ScannerReadInput).timeoutSeconds * 1000 + SCAN_SLACK_MS;
    case 'platform.call':
      return PLATFORM_DEADLINE_MS;
    case 'print.certificate':
      return CERTIFICATE_DEADLINE_MS;
    case 'print.receipt':
      return RECEIPT_DEADLINE_MS;
  }
}

/** The capability runtime of one session, which the session owner ends at the wipe. */
export type SessionRuntime = CapabilityRuntime & { end(): void };

/**
 * Makes the capability runtime of one session. Personal data the capabilities receive is sealed
 * in the session's vault; `end()` drops the vault and aborts every capability still running.
 */
export function createSessionRuntime(
  ports: CapabilityPorts,
  sessionRef: string,
  clock: Clock = systemClock,
): SessionRuntime {
  const ended = new AbortController();
  const vault = new SessionVault(() => clock.now());

  // Printers report paper out and faults themselves, with flags the flow branches on; only a
  // reader that is not there at all is refused up front.
  const refuseIfDown = (name: ActorCapabilityName): void => {
    if (name !== 'idcard.read' && name !== 'scanner.read') return;
    const down = new Set(ports.outOfService());
    const missing = ACTOR_CAPABILITIES[name].needs.filter((n) => down.has(n));
    if (missing.length > 0)
      throw new CapabilityError(`${name} cannot run: ${missing.join(', ')} out of service`, {
        outOfService: true,
      });
  };

  const dispatch = (name: ActorCapabilityName, input: unknown, call: CapabilityCall) => {
    switch (name) {
      case 'idcard.read':
        return readIdCard(call, input as IdCardReadInput);
      case 'scanner.read':
        return readScannedCode(call, input as ScannerReadInput);
      case 'platform.call':
        return callPlatform(call, input as PlatformCallInput);
      case 'print.certificate':
        return printCertificate(call, input as PrintCertificateInput);
      case 'print.receipt':
        return printReceipt(call, input as PrintReceiptInput);
    }
  };

  const run = async (name: ActorCapabilityName, input: unknown, signal: AbortSignal) => {
    if (ended.signal.aborted)
      throw new CapabilityError('the session has ended; nothing runs for it any more', {
        rejected: true,
      });
    refuseIfDown(name);
    const deadline = new AbortController();
    const ms = deadlineMs(name, input);
    const timer = clock.setTimeout(() => {
      deadline.abort(
        new CapabilityError(`${name} took longer than ${Math.round(ms / 1000)} s`, {
          timeout: true,
        }),
      );
    }, ms);
    const both = AbortSignal.any([signal, ended.signal, deadline.signal]);
    try {
      return await Promise.race([
        dispatch(name, input, { ports, vault, sessionRef, clock, signal: both }),
        rejectOnAbort(both),
      ]);
    } finally {
      clock.clearTimeout(timer);
    }
  };

  return {
    run,
    end: () => {
      ended.abort(new CapabilityError('the session ended', { canceled: true }));
      vault.clear();
    },
  };
}

/** Settles only by rejecting with the abort reason, so a stalled device cannot hold a flow. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    // The session's own reasons carry flags; anything else (xstate aborting an invoke as the
    // flow leaves its state) is a cancellation.
    const fail = (): void => {
      reject(
        signal.reason instanceof CapabilityError
          ? signal.reason
          : new CapabilityError('the capability was canceled', {
              canceled: true,
              cause: signal.reason,
            }),
      );
    };
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
