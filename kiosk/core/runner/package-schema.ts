import { z } from 'zod';
import { CATALOGUE_VERSION, REQUIREMENTS } from '../capabilities/catalogue.ts';
import { actionSpec, entrySpec, key, listSpec, qrSpec } from './block-specs.ts';

/** A string in both shipped locales. */
const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).strict();

/** flow.json: what the package is and what it needs. */
export const manifestSchema = z
  .object({
    $schema: z
      .string()
      .optional()
      .describe('Where an editor finds this JSON Schema (flows/schema)'),
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{2,63}$/, 'lower-case letters, digits and dashes, 3-64 long'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version such as 1.0.0'),
    catalogueVersion: z.literal(CATALOGUE_VERSION),
    /** The oldest kiosk24 release the flow runs on; install refuses it on an older kiosk. */
    minKioskVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'semantic version such as 0.1.0')
      .optional()
      .describe('The oldest kiosk24 version this flow runs on, e.g. 0.1.0'),
    title: localized,
    description: localized,
    category: z.enum(['social-insurance', 'housing-fund', 'queue', 'progress', 'bundled', 'other']),
    /** Devices and services without which the flow cannot serve anyone: when one is down, the menu disables the flow. */
    requires: z.array(z.enum(REQUIREMENTS)),
    /** Devices a flow can do without (another path, or a step it skips); when one is down the flow still runs. */
    optional: z.array(z.enum(REQUIREMENTS)).default([]),
    machine: z.string().default('machine.json'),
    screens: z.string().default('screens.json'),
    strings: z.object({ 'zh-CN': z.string(), en: z.string() }).strict(),
    order: z.number().int().default(100),
  })
  .strict();

/** A parsed flow.json. */
export type FlowManifest = z.infer<typeof manifestSchema>;

/** One action button in a screen spec. */
export type ActionSpec = z.infer<typeof actionSpec>;

const blockSpec = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('text'),
      text: key,
      emphasis: z.enum(['normal', 'strong', 'hint']).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('fields'),
      rows: z.array(z.object({ label: key, value: z.string() }).strict()).min(1),
    })
    .strict(),
  z.object({ kind: z.literal('choices'), choices: z.array(actionSpec).min(1) }).strict(),
  z
    .object({
      kind: z.literal('illustration'),
      name: z.enum([
        'insert-card',
        'scan-qr',
        'printing',
        'take-receipt',
        'take-document',
        'error',
        'success',
        'waiting',
      ]),
      alt: key,
    })
    .strict(),
  z.object({ kind: z.literal('progress'), text: key }).strict(),
  z.object({ kind: z.literal('ticket'), number: z.string(), text: key }).strict(),
  listSpec,
  entrySpec,
  qrSpec,
]);

/** One block in a screen spec. */
export type BlockSpec = z.infer<typeof blockSpec>;

/** A screen name, as screens.json keys it and `meta.screen` names it. */
export const screenName = z.string().regex(/^[a-z][a-z0-9-]*$/);

const screenRecord = z.record(
  screenName,
  z
    .object({
      layout: z.enum(['task', 'message']),
      tone: z.enum(['neutral', 'success', 'warning', 'error']).default('neutral'),
      title: key,
      subtitle: key.optional(),
      blocks: z.array(blockSpec).default([]),
      actions: z.array(actionSpec).default([]),
      /** True while the kiosk works (printing, asking the platform): the idle timer pauses. */
      busy: z.boolean().default(false),
    })
    .strict(),
);

/** screens.json: every screen the flow's states name in `meta.screen`. */
export const screensSchema = z.preprocess(withoutSchemaKey, screenRecord);

/** screens.json may name its JSON Schema for editors; that key is not a screen. */
function withoutSchemaKey(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('$schema' in raw))
    return raw;
  const { $schema, ...screens } = raw as Record<string, unknown>;
  return typeof $schema === 'string' ? screens : raw;
}

/** A parsed screens.json. */
export type ScreenSpecs = z.infer<typeof screensSchema>;
/** One screen spec. */
export type ScreenSpec = ScreenSpecs[string];

/** A strings file: flat keys to text that may hold `{{path}}` placeholders. */
export const stringsSchema = z.record(key, z.string());
