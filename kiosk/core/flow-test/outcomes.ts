import type { Logger } from 'pino';
import type { CardType } from '../../../drivers/id-card/record.ts';
import {
  ACTOR_CAPABILITIES,
  type ActorCapabilityName,
  type ErrorFlag,
} from '../capabilities/catalogue.ts';
import type { CapabilityPorts } from '../capabilities/ports.ts';
import { cardTypeSchema } from '../platform/schemas.ts';
import {
  cardTypeOf,
  operationVariants,
  sampleApplication,
  samplePlatform,
} from './platform-samples.ts';
import { scanExpectationOf, scanText, scanVariants } from './scan-samples.ts';
import { sentinelCard } from './sentinels.ts';

/**
 * What an invoked capability can come back with in the flow tester: success with one of the
 * representative outputs of that capability, or failure with one of the error flags the
 * catalogue says it can raise.
 */
export type Outcome = { kind: 'ok'; variant: string } | { kind: 'error'; flag: ErrorFlag };

const CARD_TYPES: readonly CardType[] = cardTypeSchema.options;

/**
 * The operation of a `platform.call` input, the `expect` of a `scanner.read` that reads a public
 * code, or '' otherwise (a resident-code read keeps the name it always had in coverage).
 */
export function operationOf(name: string, input: unknown): string {
  if (name === 'scanner.read') {
    const expect = scanExpectationOf(input);
    return expect === 'resident-code' ? '' : expect;
  }
  if (name !== 'platform.call' || typeof input !== 'object' || input === null) return '';
  const op = (input as Record<string, unknown>).operation;
  return typeof op === 'string' ? op : '';
}

/**
 * The representative successes of one invoke: each card type a reader can identify, and for
 * `platform.call` the variants its operation's samples name (platform-samples.ts).
 */
export function successVariants(name: ActorCapabilityName, operation: string): string[] {
  if (name === 'idcard.read') return [...CARD_TYPES];
  if (name === 'scanner.read') return scanVariants(operation || 'resident-code');
  if (name === 'print.certificate' || name === 'print.receipt') return ['printed'];
  // Sent at once, or saved for the outbox while the platform is away: flows show both.
  if (name === 'application.submit') return ['sent', 'queued'];
  return [...operationVariants(operation)];
}

/** Every outcome of one invoke: its successes, then each error flag of its capability. */
export function outcomesOf(name: ActorCapabilityName, operation: string): Outcome[] {
  return [
    ...successVariants(name, operation).map((variant) => ({ kind: 'ok' as const, variant })),
    ...ACTOR_CAPABILITIES[name].errors.map((flag) => ({ kind: 'error' as const, flag })),
  ];
}

/** How an outcome reads in a replayable path and in coverage: `ok:resident`, `error:timeout`. */
export function outcomeLabel(outcome: Outcome): string {
  return outcome.kind === 'ok' ? `ok:${outcome.variant}` : `error:${outcome.flag}`;
}

/** Marks the errors the tester made up, so they are told apart from the runtime's own. */
export const SCRIPTED = Symbol('flow-test scripted error');

/** The failure the tester hands the flow for a flag: an error carrying only that flag. */
export function scriptedError(name: string, flag: ErrorFlag): Error {
  return Object.assign(new Error(`${name} failed (${flag}), as the flow tester chose`), {
    [flag]: true,
    [SCRIPTED]: true,
  });
}

/**
 * Devices and a platform that answer at once with the sentinel resident, for the real session
 * runtime to run the successes on; `variant()` names the success being played.
 */
export function sentinelPorts(variant: () => string, log: Logger): CapabilityPorts {
  const platform = samplePlatform(variant);
  return {
    kioskId: 'K24-FLOW-TEST',
    platform,
    // Where the kiosk stands, for the `near` variant of hall.list only.
    get location() {
      return variant() === 'near' ? { lat: 32.05, lng: 118.78 } : undefined;
    },
    log,
    scanner: () => ({
      onCode: (listener) => {
        queueMicrotask(() => listener({ text: scanText(variant()), symbology: 'qr' } as never));
        return () => undefined;
      },
      onRefused: () => () => undefined,
    }),
    outOfService: () => [],
    readIdCard: () => Promise.resolve(sentinelCard(cardTypeOf(variant()))),
    renderCertificate: () => Promise.resolve(new Uint8Array()),
    printDocument: () => Promise.resolve({ jobId: 'job-1' }),
    renderReceipt: () => Promise.resolve(new Uint8Array()),
    printReceipt: () => Promise.resolve(),
    applications: { submit: () => Promise.resolve(sampleApplication(variant() === 'sent')) },
  };
}
