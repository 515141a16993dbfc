import type { z } from 'zod';
import {
  ApplicationNotSavedError,
  ApplicationRefusedError,
  type ApplicationResult,
} from '../journal/applications.ts';
import { asSeenByFlows, PlatformError } from '../platform/errors.ts';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import { CapabilityError } from './errors.ts';
import { MAX_VIEW_ROWS } from './outputs-platform.ts';
import type { CapabilityCall } from './ports.ts';
import { residentRef } from './resident-ref.ts';

/**
 * The "one thing done" capabilities (高效办成一件事). `application.check` works out, for the items
 * the resident picked, which shared fields to ask (each once) with their choices, and which
 * materials the platform holds (免证办) and which are still missing (一次告知: all on one
 * screen). `application.submit` files the application through the kiosk's application desk,
 * which numbers it, journals it and sends it through the outbox.
 */

/** The input `application.check` takes, as the catalogue parsed it. */
export type ApplicationCheckInput = z.output<
  (typeof ACTOR_CAPABILITIES)['application.check']['input']
>;
/** The input `application.submit` takes, as the catalogue parsed it. */
export type ApplicationSubmitInput = z.output<
  (typeof ACTOR_CAPABILITIES)['application.submit']['input']
>;

const cap = <T>(list: readonly T[]): T[] => list.slice(0, MAX_VIEW_ROWS);

/** The picked item ids, checked against the bundle; none picked is a flow bug. */
function pickedItems(items: unknown): string[] {
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'string') || items.length === 0) {
    throw new CapabilityError(
      'items must be a non-empty list of item ids, e.g. "$context.picked" filled by context.toggle',
      { rejected: true },
    );
  }
  return [...new Set(items as string[])];
}

// Rows name things `title`, never `name`: screens mask any field called `name` as a person's.

/** `application.check`: fields to ask, materials held and missing, for the items picked. */
export async function checkApplication(call: CapabilityCall, input: ApplicationCheckInput) {
  const { platform } = call.ports;
  const picked = pickedItems(input.items);
  call.ports.journal?.step(call.sessionRef, 'platform.asked', { operation: 'application.check' });
  try {
    const ref = await residentRef(call, input.resident);
    const bundle = await platform.bundle(input.bundleId, { signal: call.signal });
    const unknown = picked.find((id) => !bundle.items.some((i) => i.id === id));
    if (unknown !== undefined) {
      throw new CapabilityError(`bundle ${bundle.id} has no item "${unknown}"`, {
        rejected: true,
      });
    }
    const chosen = bundle.items.filter((i) => picked.includes(i.id));
    const held = await platform.materialsHeld(ref, bundle.id, { signal: call.signal });
    const heldIds = new Set(held.held.map((m) => m.materialId));
    const fieldIds = new Set(chosen.flatMap((i) => i.fields));
    const materialIds = new Set(chosen.flatMap((i) => i.materials));
    const needs: Record<string, boolean> = {};
    const choices: Record<string, { value: string; label: string; labelEn: string }[]> = {};
    for (const field of bundle.fields) {
      needs[field.id] = fieldIds.has(field.id);
      if (field.options)
        choices[field.id] = field.options.map((o) => ({
          value: o.value,
          label: o.label,
          labelEn: o.labelEn ?? '',
        }));
    }
    const missing = bundle.materials
      .filter((m) => materialIds.has(m.id) && !heldIds.has(m.id))
      .map((m) => ({
        id: m.id,
        title: m.name,
        titleEn: m.nameEn ?? '',
        // Which picked items ask for it, so the resident knows why it is needed.
        forItems: chosen
          .filter((i) => i.materials.includes(m.id))
          .map((i) => i.name)
          .join('、'),
        forItemsEn: chosen
          .filter((i) => i.materials.includes(m.id))
          .map((i) => i.nameEn ?? i.name)
          .join(', '),
      }));
    const heldRows = held.held
      .filter((m) => materialIds.has(m.materialId))
      .map((m) => ({
        materialId: m.materialId,
        title: m.name,
        titleEn: m.nameEn ?? '',
        source: m.source,
      }));
    return {
      bundleId: bundle.id,
      itemCount: chosen.length,
      picked: cap(chosen).map((i) => ({ id: i.id, title: i.name, titleEn: i.nameEn ?? '' })),
      needs,
      choices,
      missingCount: missing.length,
      missing: cap(missing),
      heldCount: heldRows.length,
      alreadyHeld: cap(heldRows),
    };
  } catch (error) {
    throw error instanceof PlatformError ? asSeenByFlows(error) : error;
  }
}

/** `application.submit`: numbered, journaled and sent by the kiosk's application desk. */
export async function submitApplication(
  call: CapabilityCall,
  input: ApplicationSubmitInput,
): Promise<ApplicationResult> {
  const desk = call.ports.applications;
  if (!desk) {
    throw new CapabilityError('this kiosk has no application desk (no journal is open)', {
      rejected: true,
    });
  }
  const items = pickedItems(input.items);
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.fields)) {
    // A field the picked items do not need was never asked: the flow passes it empty.
    if (typeof value === 'string' && value !== '') fields[key] = value;
    else if (typeof value === 'number') fields[key] = String(value);
  }
  // The reference is known from application.check; asking again only for a flow that skipped it.
  call.ports.journal?.step(call.sessionRef, 'platform.asked', { operation: 'application.submit' });
  try {
    const ref = await residentRef(call, input.resident);
    return await desk.submit({
      // The outbox row names the bundle, which is what a technician looks for.
      flowId: `bundle.${input.bundleId}`,
      bundleId: input.bundleId,
      items,
      fields,
      residentRef: ref,
    });
  } catch (error) {
    if (error instanceof ApplicationRefusedError)
      throw new CapabilityError(error.message, { rejected: true, cause: error });
    if (error instanceof PlatformError) throw asSeenByFlows(error);
    if (error instanceof ApplicationNotSavedError)
      throw Object.assign(new CapabilityError(error.message, { cause: error }), {
        unavailable: true,
      });
    throw error;
  }
}
