import type { z } from 'zod';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import type { ResidentView } from './outputs.ts';
import type { CapabilityCall } from './ports.ts';

/** The input `idcard.read` takes, as the catalogue parsed it. */
export type IdCardReadInput = z.output<(typeof ACTOR_CAPABILITIES)['idcard.read']['input']>;

/**
 * `idcard.read`: waits for a card and reads it. The card's text is sealed in the session vault;
 * the flow gets a masked view and a handle. The photo and fingerprints stay with the driver.
 */
export async function readIdCard(
  call: CapabilityCall,
  input: IdCardReadInput,
): Promise<ResidentView> {
  call.ports.journal?.step(call.sessionRef, 'identity.method', { method: 'card' });
  const record = await call.ports.readIdCard({
    signal: call.signal,
    timeoutMs: input.timeoutSeconds * 1000,
  });
  const { photoWlt: _photo, fingerprint: _fp, ...text } = record;
  const view = call.vault.admitCard(text);
  call.ports.log.info({ session: call.sessionRef, cardType: record.cardType }, 'card read');
  return view;
}
