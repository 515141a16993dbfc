import { z } from 'zod';
import { REQUIREMENTS } from '../capabilities/catalogue.ts';
import { PERSONAL_KEYS } from '../privacy/mask.ts';

/**
 * The screen-spec pieces a flow fills from data: actions (with an optional device they need),
 * lists of rows, entry fields typed on the kiosk's pad, and QR codes. package-schema.ts puts
 * them together with the plain blocks.
 */

/**
 * Rows one list block shows. A list is one screen: forty rows already need scrolling on a
 * 1080-pixel panel, and a longer list belongs to a search or to pages (a later issue).
 */
export const MAX_LIST_ROWS = 40;

/** Text lines under a row's title: a row is one touch target, and more lines crowd it out. */
export const MAX_LIST_LINES = 4;

/**
 * Longest value an entry pad accepts. The longest code a resident types is an 18-character
 * credit code or a 20-some-character application number; 64 leaves room and stays one line.
 */
export const MAX_ENTRY_LENGTH = 64;

/**
 * Longest text a QR block encodes. A code with more than this many characters needs so many
 * modules that a phone camera cannot read it off a kiosk screen at arm's length; links to
 * navigation, progress and help are far shorter.
 */
export const MAX_QR_TEXT_LENGTH = 256;

/** A string key into the flow's strings files. */
export const key = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'a key of the strings files, e.g. "preview.title"');

/** A flow event name, lower case and dotted. */
const eventName = z.string().regex(/^[a-z][a-z0-9.]*$/, 'a lower-case dotted event name');

/** A field of each list item, as a list block names it (`id`, `state`). */
const itemField = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a field name of each item, e.g. "id"');

/** A `$context.a.b` reference: where a list finds its items or its ticked ids. */
const contextRef = z
  .string()
  .regex(/^\$context(\.[A-Za-z0-9_]+)+$/, 'a context reference such as "$context.halls.items"');

/**
 * What a row shows: a strings key (its text is filled from the item, e.g. "地址：{{hallAddress}}")
 * or a template written inline with at least one `{{field}}` of the item.
 */
const rowText = z
  .string()
  .min(1)
  .max(200)
  .refine((t) => /^[A-Za-z0-9_.-]+$/.test(t) || /\{\{\s*[A-Za-z0-9_.]+\s*\}\}/.test(t), {
    message: 'write a strings key, or a template with a {{field}} of the item',
  });

/** One action button in a screen spec. */
export const actionSpec = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    label: key,
    event: eventName,
    kind: z.enum(['primary', 'secondary', 'danger']).default('primary'),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** A device or service the action needs: while it is down the action shows disabled. */
    requires: z.enum(REQUIREMENTS).optional(),
  })
  .strict();

/** A list of rows filled from an array in the context. */
export const listSpec = z
  .object({
    kind: z.literal('list'),
    style: z.enum(['plain', 'choices', 'checklist', 'steps']),
    items: contextRef,
    id: itemField,
    title: rowText,
    lines: z.array(rowText).max(MAX_LIST_LINES).optional(),
    state: itemField.optional(),
    selected: contextRef.optional(),
    event: eventName.optional(),
    empty: key.optional(),
  })
  .strict()
  .superRefine((list, ctx) => {
    const touchable = list.style === 'choices' || list.style === 'checklist';
    if (touchable && list.event === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['event'],
        message: `a "${list.style}" list needs "event", which a touched row sends with data {"id": ...}`,
      });
    if (!touchable && list.event !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['event'],
        message: `a "${list.style}" list is display only; remove "event" or use style "choices"`,
      });
    if (list.style === 'checklist' && list.selected === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['selected'],
        message:
          'a "checklist" needs "selected", the context list of ticked ids (context.toggle fills it)',
      });
    if (list.style !== 'checklist' && list.selected !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['selected'],
        message: '"selected" is for style "checklist" only',
      });
    if (list.style !== 'steps' && list.state !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['state'],
        message: '"state" is for style "steps" only',
      });
  });

/** A text field typed on the kiosk's own pad. */
export const entrySpec = z
  .object({
    kind: z.literal('entry'),
    pad: z.enum(['digits', 'alphanumeric', 'credit-code']),
    label: key,
    event: eventName,
    submitLabel: key,
    minLength: z.number().int().min(1).max(MAX_ENTRY_LENGTH),
    maxLength: z.number().int().min(1).max(MAX_ENTRY_LENGTH),
    hint: key.optional(),
  })
  .strict()
  .refine((e) => e.minLength <= e.maxLength, {
    path: ['maxLength'],
    message: '"maxLength" must be at least "minLength"',
  });

/**
 * Names a QR text may never reach: the masked personal fields and the resident view's handles.
 * A QR leaves the kiosk in any phone that scans it, so even a masked value has no place there.
 */
export const QR_REFUSED_FIELDS: ReadonlySet<string> = new Set<string>([
  ...PERSONAL_KEYS,
  'holder',
  'nameMasked',
  'idNumberMasked',
  'applicantMasked',
  'record',
  'code',
]);

function qrPersonalField(text: string): string | undefined {
  const segments = [
    ...[...text.matchAll(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g)].flatMap((m) =>
      (m[1] ?? '').split('.'),
    ),
    ...(text.startsWith('$') ? text.split('.').slice(1) : []),
  ];
  return segments.find((s) => QR_REFUSED_FIELDS.has(s));
}

/** A QR code drawn on screen; its text is a template or a context reference, never personal. */
export const qrSpec = z
  .object({
    kind: z.literal('qr'),
    text: z.string().min(1).max(MAX_QR_TEXT_LENGTH),
    caption: key,
  })
  .strict()
  .superRefine((qr, ctx) => {
    const field = qrPersonalField(qr.text);
    if (field !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `a QR may not encode "${field}": personal data and resident handles never leave the kiosk in a code`,
      });
    if (qr.text.startsWith('$') && !/^\$context(\.[A-Za-z0-9_]+)+$/.test(qr.text))
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: 'a QR text that starts with "$" must be a reference such as "$context.guide.url"',
      });
  });
