import type { CapabilityRuntime } from '../runner/build-machine.ts';
import { systemClock, type Clock } from '../session/idle.ts';
import { ACTOR_CAPABILITIES, type ActorCapabilityName } from './catalogue.ts';
import { CapabilityError } from './errors.ts';
import type { z } from 'zod';
import { checkApplication, submitApplication } from './application.ts';
import { readIdCard } from './idcard-read.ts';
import { callPlatform } from './platform-call.ts';
import type { CapabilityCall, CapabilityPorts } from './ports.ts';
import { printCertificate } from './print-certificate.ts';
import { printReceipt } from './print-receipt.ts';
import { readScannedCode } from './scanner-read.ts';
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

/** Submitting waits a few seconds for the outbox; the rest bounds a platform that stalls. */
const APPLICATION_DEADLINE_MS = 60_000;

/** The input a capability takes, as its catalogue schema parses it. */
type InputOf<N extends ActorCapabilityName> = z.output<(typeof ACTOR_CAPABILITIES)[N]['input']>;

/**
 * Parses a capability's input against its catalogue schema. The flow's machine checked it
 * already; the runtime checks again because it is the door to devices and the platform.
 */
function inputOf<N extends ActorCapabilityName>(name: N, input: unknown): InputOf<N> {
  const parsed = ACTOR_CAPABILITIES[name].input.safeParse(input);
  if (parsed.success) return parsed.data as InputOf<N>;
  const issue = parsed.error.issues[0];
  throw new CapabilityError(
    `${name} got bad input at ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    { rejected: true },
  );
}

/** One capability ready to run: what it does and how long it may take. */
interface Prepared {
  deadlineMs: number;
  start(call: CapabilityCall): Promise<unknown>;
}

/**
 * Each capability with its parsed input and its deadline, so that a busy screen never waits
 * forever whatever the device or the platform does.
 */
function prepare(name: ActorCapabilityName, raw: unknown): Prepared {
  switch (name) {
    case 'idcard.read': {
      const input = inputOf(name, raw);
      return {
        deadlineMs: input.timeoutSeconds * 1000 + CARD_READ_SLACK_MS,
        start: (call) => readIdCard(call, input),
      };
    }
    case 'scanner.read': {
      const input = inputOf(name, raw);
      return {
        deadlineMs: input.timeoutSeconds * 1000 + SCAN_SLACK_MS,
        start: (call) => readScannedCode(call, input),
      };
    }
    case 'platform.call': {
      const input = inputOf(name, raw);
      return { deadlineMs: PLATFORM_DEADLINE_MS, start: (call) => callPlatform(call, input) };
    }
    case 'print.certificate': {
      const input = inputOf(name, raw);
      return {
        deadlineMs: CERTIFICATE_DEADLINE_MS,
        start: (call) => printCertificate(call, input),
      };
    }
    case 'print.receipt': {
      const input = inputOf(name, raw);
      return { deadlineMs: RECEIPT_DEADLINE_MS, start: (call) => printReceipt(call, input) };
    }
    case 'application.check': {
      const input = inputOf(name, raw);
      return { deadlineMs: PLATFORM_DEADLINE_MS, start: (call) => checkApplication(call, input) };
    }
    case 'application.submit': {
      const input = inputOf(name, raw);
      return {
        deadlineMs: APPLICATION_DEADLINE_MS,
        start: (call) => submitApplication(call, input),
      };
    }
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

  const run = async (name: ActorCapabilityName, input: unknown, signal: AbortSignal) => {
    if (ended.signal.aborted)
      throw new CapabilityError('the session has ended; nothing runs for it any more', {
        rejected: true,
      });
    refuseIfDown(name);
    const capability = prepare(name, input);
    const deadline = new AbortController();
    const timer = clock.setTimeout(() => {
      deadline.abort(
        new CapabilityError(
          `${name} took longer than ${Math.round(capability.deadlineMs / 1000)} s`,
          {
            timeout: true,
          },
        ),
      );
    }, capability.deadlineMs);
    const both = AbortSignal.any([signal, ended.signal, deadline.signal]);
    const aborted = rejectOnAbort(both);
    try {
      return await Promise.race([
        capability.start({ ports, vault, sessionRef, clock, signal: both }),
        aborted.promise,
      ]);
    } finally {
      clock.clearTimeout(timer);
      aborted.release();
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

/**
 * A promise that settles only by rejecting with the abort reason, so a stalled device cannot
 * hold a flow; `release()` takes its listener off once the capability has settled.
 */
function rejectOnAbort(signal: AbortSignal): { promise: Promise<never>; release(): void } {
  let fail = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    // The session's own reasons carry flags; anything else (xstate aborting an invoke as the
    // flow leaves its state) is a cancellation.
    fail = (): void => {
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
  // Settled after the race was won by the capability: not an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, release: () => signal.removeEventListener('abort', fail) };
}
