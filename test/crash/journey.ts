import type { BridgeClient } from './bridge-client.ts';

/**
 * One resident's journey through the built-in flow, driven over the bridge: attract → menu →
 * si-payment-certificate → ID card → last 12 months → preview → print → take the document → rating → thanks.
 * When the platform is down the identity check fails, and the resident finishes from there
 * (the rating still goes into the outbox). Each step is announced, so the crash loop can kill
 * the kiosk right after any of them.
 */

const FLOW = 'si-payment-certificate';

/** The points of a journey the crash loop can kill at, in the order they happen. */
export const JOURNEY_STEPS = [
  'attract',
  'session-started',
  'service-chosen',
  'card-method-chosen',
  'card-inserted',
  'preview-or-failure',
  'print-pressed',
  'document-taken',
  'rating-shown',
  'rating-pressed',
  'thanks',
  'done-pressed',
] as const;

/** A point of a journey. */
export type JourneyStep = (typeof JOURNEY_STEPS)[number];

/** The resident's choices, drawn from the seeded PRNG before the journey starts. */
export interface JourneyPlan {
  profile: 'resident-li' | 'resident-wang';
  score: number;
}

/** What the test saw the kiosk confirm to the resident. */
export interface JourneyWitness {
  /** Scores whose thank-you screen the resident saw: the kiosk said the rating was taken. */
  thanked: number[];
  /** Journeys that reached "take your document": the kiosk said the print came out. */
  documentsTaken: number;
  /** Journeys where the platform check failed (expected only while the platform is down). */
  platformFailures: number;
}

/** A fresh, empty witness. */
export function newWitness(): JourneyWitness {
  return { thanked: [], documentsTaken: 0, platformFailures: 0 };
}

/**
 * Drives one journey from the attract screen back to it. `onStep` runs after each step (the
 * crash loop's trigger); a `BridgeClosed` error means the kiosk was killed meanwhile.
 */
export async function driveJourney(
  client: BridgeClient,
  plan: JourneyPlan,
  witness: JourneyWitness,
  onStep: (step: JourneyStep) => void,
): Promise<void> {
  await client.screen(['attract']);
  onStep('attract');
  client.press('start');
  await client.screen(['menu']);
  onStep('session-started');
  client.press(FLOW);
  await client.screen([`${FLOW}/choose-identity`]);
  onStep('service-chosen');
  client.press('id-card');
  await client.screen([`${FLOW}/insert-card`]);
  onStep('card-method-chosen');
  const inserted = await client.sim('card/insert', { profile: plan.profile });
  if (inserted.status !== 200) {
    throw new Error(`/sim/card/insert answered ${inserted.status}: ${inserted.text}`);
  }
  onStep('card-inserted');
  // The card is read before the platform is asked: the period comes first, the lookup after.
  await client.screen([`${FLOW}/choose-period`], 20_000);
  client.press('months-12');
  const checked = await client.screen([`${FLOW}/preview`, `${FLOW}/platform-failed`], 20_000);
  onStep('preview-or-failure');
  // The resident takes the card back; the reader must see it gone before the next one.
  const removed = await client.sim('card/remove');
  if (removed.status !== 200) {
    throw new Error(`/sim/card/remove answered ${removed.status}: ${removed.text}`);
  }
  if (checked.screen.id === `${FLOW}/preview`) {
    client.press('print');
    onStep('print-pressed');
    await client.screen([`${FLOW}/take-document`], 30_000);
    witness.documentsTaken += 1;
    onStep('document-taken');
  } else {
    witness.platformFailures += 1;
  }
  client.press('next');
  const rating = await client.screen(['rating']);
  onStep('rating-shown');
  client.press(`rate-${plan.score}`);
  onStep('rating-pressed');
  // With the platform down the thank-you waits for the sender (RATING_SEND_WAIT_MS) first.
  await client.until(
    (s) => s.screen.id === 'thanks' && s.seq > rating.seq,
    'the thank-you screen after the rating',
    15_000,
  );
  witness.thanked.push(plan.score);
  onStep('thanks');
  client.press('done');
  onStep('done-pressed');
  await client.until(
    (s) => s.screen.id === 'attract' && !s.inSession,
    'attract after done',
    15_000,
  );
}
