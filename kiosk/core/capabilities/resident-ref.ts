import { CapabilityError } from './errors.ts';
import type { CapabilityCall } from './ports.ts';

/**
 * The platform's reference for the resident behind a view: known already for a code holder,
 * asked once per session for a card holder (the platform checks the card's name and number).
 */
export async function residentRef(call: CapabilityCall, view: unknown): Promise<string> {
  if (view === undefined)
    throw new CapabilityError('this operation needs "resident", e.g. "$context.resident"', {
      rejected: true,
    });
  const sealed = call.vault.resident(view);
  if (sealed.residentRef !== undefined) return sealed.residentRef;
  if (sealed.source !== 'card')
    throw new CapabilityError('resident has no reference', { rejected: true });
  const verification = await call.ports.platform.verifyIdentity(
    {
      idNumber: sealed.card.idNumber,
      name: sealed.card.name || (sealed.card.nameEn ?? ''),
      cardType: sealed.card.cardType,
    },
    { signal: call.signal },
  );
  if (!verification.verified) {
    throw new CapabilityError('the platform did not recognise this card holder', {
      rejected: true,
    });
  }
  call.vault.rememberRef(view, verification.residentRef);
  return verification.residentRef;
}
