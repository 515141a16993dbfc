/**
 * What the journal accepts: one zod schema per step kind, per outbox kind and per audit kind.
 * Every schema is a strict flat object, so an unknown key (say `name`) is refused instead of
 * being stored, and every free string goes through the personal-data guards in
 * personal-data.ts. Enum fields are the only ones whose values are fixed here.
 */
import { z } from 'zod';
import { identifier, reference, safeText } from './personal-data.ts';

const flowId = identifier(64);
const device = z.enum(['receipt', 'document']);
const printId = z.number().int().positive();

/** Detail schema of each transaction step kind. */
export const STEP_DETAILS = {
  'journey.started': z.strictObject({
    flowId,
    flowVersion: identifier(32).optional(),
    language: z.enum(['zh-CN', 'en']).optional(),
  }),
  // How the resident identified, never who: the identity itself stays in the session.
  'identity.method': z.strictObject({ method: z.enum(['card', 'qr']) }),
  'platform.asked': z.strictObject({
    operation: identifier(64),
    attempt: z.number().int().min(1).max(100).optional(),
  }),
  'print.started': z.strictObject({ printId, device, template: identifier(64).optional() }),
  'print.confirmed': z.strictObject({ printId }),
  'print.failed': z.strictObject({ printId, reason: safeText(200) }),
  rating: z.strictObject({ score: z.number().int().min(1).max(5) }),
  outcome: z.strictObject({
    result: z.enum(['completed', 'cancelled', 'timeout', 'refused', 'error']),
    code: identifier(64).optional(),
    screen: identifier(64).optional(),
  }),
  wipe: z.strictObject({
    reason: z.enum(['ended', 'timeout', 'error', 'startup']),
    ok: z.boolean(),
  }),
} as const;

/** A transaction step kind. */
export type StepKind = keyof typeof STEP_DETAILS;
/** The detail a step of kind `K` carries. */
export type StepDetail<K extends StepKind> = z.input<(typeof STEP_DETAILS)[K]>;

/** Payload schema of each outbox submission kind. */
export const OUTBOX_PAYLOADS = {
  rating: z.strictObject({
    flowId,
    // The session's random reference: the platform keeps one rating per session and service.
    sessionRef: reference(64).optional(),
    score: z.number().int().min(1).max(5),
    // When the session ended, to the minute, so the platform can bucket ratings by hour.
    at: z.number().int().nonnegative(),
  }),
  // Only the kiosk-made application number (`platformRef`, in its journal form
  // KS20261201-12345678): the body, with the resident reference and typed phone and card
  // numbers, stays in memory until the platform has it (journal/applications.ts says why).
  application: z.strictObject({
    flowId,
    operation: identifier(64),
    platformRef: reference(128),
  }),
  help: z.strictObject({
    flowId: flowId.optional(),
    screen: identifier(64).optional(),
    reason: z.enum(['resident-asked', 'device-fault', 'stuck']),
  }),
} as const;

/** An outbox submission kind. */
export type OutboxKind = keyof typeof OUTBOX_PAYLOADS;
/** The payload a submission of kind `K` carries. */
export type OutboxPayload<K extends OutboxKind> = z.input<(typeof OUTBOX_PAYLOADS)[K]>;

/** Detail schema of each audit entry kind; `checkpoint` is written by pruning only. */
export const AUDIT_DETAILS = {
  'maintenance.entered': z.strictObject({
    by: identifier(64).optional(),
    method: z.enum(['pin', 'key', 'remote']),
  }),
  'maintenance.exited': z.strictObject({ reason: z.enum(['done', 'timeout', 'power']) }),
  'pin.wrong': z.strictObject({ attempt: z.number().int().min(1).max(1000) }),
  'pin.lockout': z.strictObject({
    attempts: z.number().int().min(1).max(1000),
    untilMs: z.number().int().nonnegative(),
  }),
  'maintenance.action': z.strictObject({
    action: identifier(64),
    target: identifier(128).optional(),
    result: z.enum(['ok', 'failed']).optional(),
  }),
  'flow.installed': z.strictObject({
    flowId,
    version: identifier(32),
    // Hex SHA-256 of the package manifest: a fixed format, so the digit-run guard does not apply.
    digest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    // Who ran the install (the OS account), the version it replaced and the signing key.
    by: identifier(64).optional(),
    from: identifier(32).optional(),
    signer: identifier(64).optional(),
    keyId: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional(),
  }),
  'flow.rolledBack': z.strictObject({
    flowId,
    from: identifier(32),
    to: identifier(32),
    by: identifier(64).optional(),
  }),
  // A version a running kiosk found installed and would not serve; the reasons go to the log.
  'flow.refused': z.strictObject({
    flowId,
    version: identifier(32),
    problems: z.number().int().min(1).max(10_000),
  }),
  // Which keys changed, not their values: a value could be a secret or a URL with a token.
  'config.changed': z.strictObject({
    keys: safeText(400).regex(
      /^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/,
      'comma-separated config keys',
    ),
    source: z.enum(['file', 'maintenance', 'remote']).optional(),
  }),
  checkpoint: z.strictObject({
    prunedThroughSeq: z.number().int().positive(),
    prunedCount: z.number().int().positive(),
    lastPrunedHash: z.string().regex(/^[0-9a-f]{64}$/),
    retainDays: z.number().int().positive(),
  }),
} as const;

/** An audit entry kind. */
export type AuditKind = keyof typeof AUDIT_DETAILS;
/** The detail an audit entry of kind `K` carries. */
export type AuditDetail<K extends AuditKind> = z.input<(typeof AUDIT_DETAILS)[K]>;

/** Validates `value` with `schema`, throwing a TypeError that names the kind and the path. */
export function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
  // The message names the field and the rule, never the value, which may be the very
  // personal data that was refused.
  throw new TypeError(`journal: ${what} refused${path}: ${issue?.message ?? 'invalid'}`);
}
