import { z } from 'zod';

/**
 * The fixed, versioned catalogue of what a flow package may name. A flow's machine.json can
 * invoke only the actors listed here, run only these actions and test only these guards;
 * anything else is refused at install. Bump CATALOGUE_VERSION when an entry changes shape.
 * Adding an entry changes no existing one, so it keeps the version: a flow that uses a new
 * entry states the kiosk release it needs with `minKioskVersion`, and an older kiosk refuses
 * it at install by naming the unknown entry.
 */
export const CATALOGUE_VERSION = 1;

/** A value in a flow's JSON that the runner resolves at run time (`$context.x`, `$event.y`). */
const ref = z.string().regex(/^\$(context|event)(\.[A-Za-z0-9_]+)+$/);

/**
 * Device classes and services a flow can declare it needs. `identity` is a way to identify the
 * resident: an ID card reader OR a scanner for a phone resident code (see ALTERNATIVES).
 */
export const REQUIREMENTS = [
  'idCardReader',
  'scanner',
  'receiptPrinter',
  'documentPrinter',
  'platform',
  'identity',
] as const;
/** One requirement a flow may declare. */
export type Requirement = (typeof REQUIREMENTS)[number];

/**
 * Requirements met by any one of several others. `identity` is missing only when every way to
 * identify is down: a reader fault must not turn away a resident who shows a phone code.
 */
export const ALTERNATIVES: Partial<Record<Requirement, readonly Requirement[]>> = {
  identity: ['idCardReader', 'scanner'],
};

/** True when `requirement` cannot be met with `down` out of service (or absent). */
export function requirementDown(requirement: Requirement, down: ReadonlySet<string>): boolean {
  const ways = ALTERNATIVES[requirement];
  return ways ? ways.every((w) => down.has(w)) : down.has(requirement);
}

/** The requirements of `required` that cannot be met with `down` out of service. */
export function missingRequirements(
  required: readonly Requirement[],
  down: Iterable<string>,
): Requirement[] {
  const set = new Set(down);
  return required.filter((r) => requirementDown(r, set));
}

/** Platform operations a flow may call through `platform.call`. */
export const PLATFORM_OPERATIONS = [
  'si.paymentRecord',
  'hpf.depositRecord',
  'queue.ticket',
  'application.progress',
  'identity.fromCode',
  'guide.list',
  'guide.get',
  'guide.search',
  'hall.list',
  'hpf.account',
  'realEstate.query',
  'application.bundle',
  'application.materialsHeld',
  'queue.businessTypes',
  'appointment.checkIn',
  'licence.list',
  'enterprise.creditRecord',
  'hall.get',
  'enterprise.checkCode',
] as const;

/**
 * What a `scanner.read` waits for. A resident code is a bearer credential and comes back as a
 * sealed handle; an application number (a receipt's progress QR) and a credit code (a business
 * licence QR) are public and come back as text, or the read fails `unsupported`.
 */
export const SCAN_EXPECTATIONS = ['resident-code', 'application-number', 'credit-code'] as const;
/** One kind of code `scanner.read` may expect. */
export type ScanExpectation = (typeof SCAN_EXPECTATIONS)[number];

/**
 * Certificate kinds `print.certificate` prints, each from the record of one platform operation
 * (certificate-kinds.ts). `credit-record` is about an enterprise, not a resident: it takes no
 * `resident`, and every other kind needs one.
 */
export const CERTIFICATE_KINDS = [
  'si-payment',
  'hpf-deposit',
  'real-estate',
  'licence-copy',
  'credit-record',
] as const;

/** Items one bundle application may name: the platform takes at most 32. */
const MAX_BUNDLE_ITEMS = 32;
/** Shared field values one application may carry: the platform takes at most 64. */
const MAX_BUNDLE_FIELDS = 64;

/** Flags a failed capability can carry, for the `error.is` guard. */
export const ERROR_FLAGS = [
  'timeout',
  'canceled',
  'noCard',
  'readFailed',
  'disconnected',
  'noDevice',
  'hardwareError',
  'unsupported',
  'paperOut',
  'notFound',
  'unavailable',
  'rejected',
  'malformed',
  'outOfService',
  'expired',
] as const;
/** One flag a failed capability can carry. */
export type ErrorFlag = (typeof ERROR_FLAGS)[number];

/**
 * The invokable capabilities (xstate actors), with the input each one takes and the error flags
 * each one can fail with (what `error.is` may see after it; `kiosk24 flow test` tries each).
 */
export const ACTOR_CAPABILITIES = {
  'idcard.read': {
    summary:
      'Waits for an ID card on the reader and reads it; output is the card holder (kept in memory only).',
    needs: ['idCardReader'],
    errors: [
      'timeout',
      'canceled',
      'noCard',
      'readFailed',
      'disconnected',
      'noDevice',
      'hardwareError',
      'unsupported',
      'outOfService',
      'rejected',
    ],
    input: z.object({ timeoutSeconds: z.number().int().min(5).max(300).default(60) }).strict(),
  },
  'scanner.read': {
    summary:
      'Waits for the next code the QR scanner accepts: a phone resident code (an opaque handle, never its text), or with `expect` a receipt’s application number or a business licence’s credit code (plain text).',
    needs: ['scanner'],
    errors: [
      'timeout',
      'canceled',
      'noDevice',
      'unsupported',
      'disconnected',
      'hardwareError',
      'outOfService',
      'rejected',
    ],
    input: z
      .object({
        timeoutSeconds: z.number().int().min(5).max(300).default(60),
        expect: z.enum(SCAN_EXPECTATIONS).default('resident-code'),
      })
      .strict(),
  },
  'platform.call': {
    summary: 'Calls one operation of the government service platform for the identified resident.',
    needs: ['platform'],
    errors: ['timeout', 'canceled', 'unavailable', 'notFound', 'rejected', 'malformed', 'expired'],
    input: z
      .object({
        operation: z.enum(PLATFORM_OPERATIONS),
        resident: z.union([ref, z.record(z.string(), z.unknown())]).optional(),
        args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), ref])).default({}),
      })
      .strict(),
  },
  'print.certificate': {
    summary:
      'Registers a certificate with the platform, renders it from a template and prints it on A4.',
    needs: ['documentPrinter', 'platform'],
    errors: [
      'timeout',
      'canceled',
      'unavailable',
      'rejected',
      'paperOut',
      'hardwareError',
      'disconnected',
      'noDevice',
    ],
    input: z
      .object({
        template: z.string().min(1),
        kind: z.enum(CERTIFICATE_KINDS),
        resident: z.union([ref, z.record(z.string(), z.unknown())]).optional(),
        record: z.union([ref, z.record(z.string(), z.unknown())]),
        /** The licence a `licence-copy` copies: an `id` of the `licence.list` output's rows. */
        licenceId: z.union([ref, z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)]).optional(),
      })
      .strict()
      // A public credit record names no person, so no resident is sent with it; every other
      // certificate is a resident's and carries their name.
      .superRefine((input, ctx) => {
        const isPublic = input.kind === 'credit-record';
        if (isPublic && input.resident !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['resident'],
            message: 'a credit-record certificate is about an enterprise: leave "resident" out',
          });
        if (!isPublic && input.resident === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['resident'],
            message: `a ${input.kind} certificate needs "resident", usually "$context.resident"`,
          });
      }),
  },
  'print.receipt': {
    summary:
      'Prints a receipt from a receipt template; personal fields are masked before printing.',
    needs: ['receiptPrinter'],
    errors: [
      'timeout',
      'canceled',
      'rejected',
      'paperOut',
      'hardwareError',
      'disconnected',
      'noDevice',
    ],
    input: z
      .object({
        template: z.string().min(1),
        data: z.record(z.string(), z.union([z.string(), z.number(), ref])),
      })
      .strict(),
  },
  'application.check': {
    summary:
      'For the items of a "one thing done" bundle the resident picked: the shared fields to ask (each once, with choices), and the materials the platform holds (免证办) and those still missing (一次告知).',
    needs: ['platform'],
    errors: ['timeout', 'canceled', 'unavailable', 'notFound', 'rejected'],
    input: z
      .object({
        bundleId: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
        resident: z.union([ref, z.record(z.string(), z.unknown())]),
        items: z.union([ref, z.array(z.string().max(64)).max(MAX_BUNDLE_ITEMS)]),
      })
      .strict(),
  },
  'application.submit': {
    summary:
      'Files a bundle application: the kiosk numbers it, journals it and sends it through the outbox, so the receipt prints even while the platform is away.',
    needs: ['platform'],
    errors: ['timeout', 'canceled', 'unavailable', 'rejected'],
    input: z
      .object({
        bundleId: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
        resident: z.union([ref, z.record(z.string(), z.unknown())]),
        items: z.union([ref, z.array(z.string().max(64)).max(MAX_BUNDLE_ITEMS)]),
        fields: z
          .record(
            z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
            z.union([z.string().max(200), ref]),
          )
          .refine((f) => Object.keys(f).length <= MAX_BUNDLE_FIELDS, {
            message: `must have at most ${MAX_BUNDLE_FIELDS} fields`,
          }),
      })
      .strict(),
  },
} as const;

/** A top-level context key an action writes. */
const contextKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/);

/** A dotted context path a guard reads (`period.months`). */
const contextPath = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/);

/**
 * Strings one `context.toggle` list may hold: a checklist is one screen of rows (list blocks
 * show at most 40), so a longer list can only come from a looping or hostile flow.
 */
export const MAX_TOGGLE_ITEMS = 40;

/** Longest string `context.toggle` stores: row ids are short codes, never free text. */
export const MAX_TOGGLE_VALUE_LENGTH = 64;

/** A value a guard compares with: plain text, a number or a flag, never a reference. */
const guardValue = z.union([z.string().max(256), z.number(), z.boolean()]);

/** The actions a flow may run. `params` values may be `$context`/`$event` references. */
export const ACTION_CAPABILITIES = {
  'context.set': {
    summary: 'Stores a value (usually `$event.output`) under a key of the session context.',
    params: z
      .object({ key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), value: z.unknown() })
      .strict(),
  },
  'context.clear': {
    summary: 'Removes a key from the session context (e.g. after printing).',
    params: z.object({ key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/) }).strict(),
  },
  'context.toggle': {
    summary: `Adds a text value (usually \`$event.id\` of a checklist row) to the list under a key, or removes it when it is there already; the list holds at most ${MAX_TOGGLE_ITEMS} values of at most ${MAX_TOGGLE_VALUE_LENGTH} characters, and a value beyond that is ignored.`,
    params: z.object({ key: contextKey, value: z.union([z.string().min(1), ref]) }).strict(),
  },
  'speech.say': {
    summary:
      "Speaks one line of the flow's strings (a key of i18n/*.json, checked at install) in the session's language, e.g. a hint while waiting for a card, and stops whatever was being said. Strings hold no personal data, so nothing personal is spoken. Best effort: a kiosk without speech says nothing and the flow goes on.",
    params: z.object({ text: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) }).strict(),
  },
} as const;

/** The guards a flow may test. */
export const GUARD_CAPABILITIES = {
  'error.is': {
    summary: 'True when the failed capability error carries the given flag.',
    params: z.object({ flag: z.enum(ERROR_FLAGS) }).strict(),
  },
  'context.has': {
    summary: 'True when the session context holds a value under the key.',
    params: z.object({ key: z.string() }).strict(),
  },
  'context.equals': {
    summary:
      'True when the value under the key (a dotted path) is exactly the given text, number or flag.',
    params: z.object({ key: contextPath, value: guardValue }).strict(),
  },
  'context.includes': {
    summary: 'True when the list under the key (e.g. one `context.toggle` fills) holds the value.',
    params: z.object({ key: contextPath, value: guardValue }).strict(),
  },
  'context.empty': {
    summary:
      'True when the key holds nothing: no value, an empty list, an empty text or an object with no fields.',
    params: z.object({ key: contextPath }).strict(),
  },
} as const;

/** Names of invokable capabilities. */
export type ActorCapabilityName = keyof typeof ACTOR_CAPABILITIES;
/** Names of action capabilities. */
export type ActionCapabilityName = keyof typeof ACTION_CAPABILITIES;
/** Names of guard capabilities. */
export type GuardCapabilityName = keyof typeof GUARD_CAPABILITIES;

/** True when `name` is an invokable capability. */
export function isActorCapability(name: string): name is ActorCapabilityName {
  return Object.hasOwn(ACTOR_CAPABILITIES, name);
}
/** True when `name` is an action capability. */
export function isActionCapability(name: string): name is ActionCapabilityName {
  return Object.hasOwn(ACTION_CAPABILITIES, name);
}
/** True when `name` is a guard capability. */
export function isGuardCapability(name: string): name is GuardCapabilityName {
  return Object.hasOwn(GUARD_CAPABILITIES, name);
}
