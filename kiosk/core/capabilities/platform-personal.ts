import { ratioText } from './certificate-data-hpf.ts';
import { CapabilityError } from './errors.ts';
import { MAX_VIEW_ROWS } from './outputs-platform.ts';
import { residentRef } from './resident-ref.ts';
import { optionalText, textArg, ticketView, type Args } from './platform-services.ts';
import type { CapabilityCall } from './ports.ts';

/**
 * The `platform.call` operations about the identified resident: housing fund, real estate,
 * e-licences, materials already held and appointment check-in. Every number comes masked from
 * the platform; a full record stays behind a vault handle.
 */

/** What a licence without an end of validity shows, with its English gloss. */
const NO_EXPIRY = '长期';
const NO_EXPIRY_EN = 'no expiry';

const cap = <T>(list: readonly T[]): T[] => list.slice(0, MAX_VIEW_ROWS);

/** `hpf.account`: balance and the latest deposits. */
export async function hpfAccount(call: CapabilityCall, resident: unknown, args: Args) {
  const ref = await residentRef(call, resident);
  const months = typeof args.months === 'number' ? args.months : 12;
  const r = await call.ports.platform.depositRecord(ref, { months, signal: call.signal });
  return {
    record: call.vault.keepRecord(r),
    region: r.depositRegion.name,
    employer: r.employer?.name ?? '—',
    balance: r.balance,
    accountStatus: r.accountStatusLabel,
    // As a percentage: the platform may send a fraction (0.12), which reads as nothing on screen.
    depositRatio: ratioText(r.depositRatio.personal),
    monthCount: r.months.length,
    // Newest first: what a resident checks is the latest deposit.
    months: cap([...r.months].reverse()).map((m) => ({
      month: m.month,
      employer: m.employer,
      personal: m.personal,
    })),
  };
}

/** `realEstate.query`. */
export async function realEstate(call: CapabilityCall, resident: unknown) {
  const ref = await residentRef(call, resident);
  const r = await call.ports.platform.realEstate(ref, { signal: call.signal });
  return {
    record: call.vault.keepRecord(r),
    propertyCount: r.properties.length,
    properties: cap(r.properties).map((p) => ({
      location: p.location,
      locationEn: p.locationEn ?? '',
      area: p.area,
      use: p.use,
      useEn: p.useEn ?? '',
      registeredOn: p.registeredOn,
      certificateNoMasked: p.certificateNoMasked,
    })),
  };
}

/** `licence.list`. */
export async function licenceList(call: CapabilityCall, resident: unknown) {
  const ref = await residentRef(call, resident);
  const licences = await call.ports.platform.licences(ref, { signal: call.signal });
  return {
    // The list behind a handle, for print.certificate to make a licence-copy from.
    record: call.vault.keepRecord({ licences }),
    total: licences.length,
    licences: cap(licences).map((l) => ({
      id: l.id,
      kind: l.kind,
      // `title`, not `name`: screens mask every field called name as a person's name.
      title: l.name,
      titleEn: l.nameEn ?? '',
      numberMasked: l.numberMasked,
      issuer: l.issuer,
      issuerEn: l.issuerEn ?? '',
      issuedOn: l.issuedOn,
      // A licence without an end date is valid for good (长期), which the screen says in words.
      validUntil: l.validUntil ?? NO_EXPIRY,
      validUntilEn: l.validUntil === undefined ? NO_EXPIRY_EN : '',
    })),
  };
}

/** `application.materialsHeld` (免证办). */
export async function materialsHeld(call: CapabilityCall, resident: unknown, args: Args) {
  const ref = await residentRef(call, resident);
  const bundleId = textArg('application.materialsHeld', args, 'bundleId');
  const held = await call.ports.platform.materialsHeld(ref, bundleId, { signal: call.signal });
  return {
    bundleId: held.bundleId,
    heldCount: held.held.length,
    held: cap(held.held).map((m) => ({
      materialId: m.materialId,
      name: m.name,
      nameEn: m.nameEn ?? '',
      source: m.source,
    })),
  };
}

/** `appointment.checkIn`: a booked appointment becomes a ticket; none is `notFound`. */
export async function checkIn(call: CapabilityCall, resident: unknown, args: Args) {
  if (resident === undefined) {
    throw new CapabilityError('appointment.checkIn needs "resident", e.g. "$context.resident"', {
      rejected: true,
    });
  }
  const ref = await residentRef(call, resident);
  const hallId = optionalText(args, 'hallId');
  const ticket = await call.ports.platform.checkInAppointment(
    { residentRef: ref, ...(hallId ? { hallId } : {}) },
    { signal: call.signal },
  );
  return ticketView(ticket);
}
