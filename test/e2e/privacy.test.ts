import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivacyRun, type PrivacyRun } from '../support/privacy-run.ts';
import { budget } from '../support/time.ts';

/**
 * The privacy test of issue 11: every journey is walked once, with an ID card of each kind and
 * with a phone resident code, on one kiosk and one Chromium whose every trace lands in one
 * folder; then the kiosk's log, journal, temporary files and Chromium's profile are searched,
 * as bytes in every encoding, for any fictional resident's name, ID number or address.
 */

/** One step of a walk: touch an action, wait for a screen, or act on a simulated device. */
type Step =
  | { press: string }
  | { screen: string }
  | { card: string }
  | { code: string }
  | { item: string }
  | { pad: string }
  | { scan: string }
  | { key: string };

let run: PrivacyRun;

async function walk(steps: readonly Step[]): Promise<void> {
  const { page, kiosk } = run;
  for (const step of steps) {
    if ('press' in step) await page.locator(`[data-action="${step.press}"]`).click();
    else if ('screen' in step)
      await page.locator(`[data-screen="${step.screen}"]`).waitFor({ timeout: budget(15_000) });
    else if ('card' in step) {
      // Each walk takes the card it needs; the one before may still be in the reader.
      await kiosk.sim('card/remove');
      await kiosk.sim('card/insert', { profile: step.card });
    } else if ('item' in step) await page.locator(`main [data-item="${step.item}"]`).click();
    else if ('scan' in step) await kiosk.sim('scan', { text: step.scan });
    else if ('key' in step) await page.locator(`[data-key="${step.key}"]`).click();
    else if ('code' in step) {
      const reply = await fetch(`${kiosk.kiosk.platformUrl}/sandbox/resident-codes/${step.code}`);
      const { code } = (await reply.json()) as { code: string };
      await kiosk.sim('scan', { text: code });
    } else {
      for (const key of step.pad) await page.locator(`[data-key="${key}"]`).click();
    }
  }
}

/** From the attract screen into a service from the menu. */
const open = (service: string): Step[] => [
  { screen: 'attract' },
  { press: 'start' },
  { screen: 'menu' },
  { press: service },
];

/** Rates the service and ends the session, back on the attract screen. */
const finish: Step[] = [
  { screen: 'rating' },
  { press: 'rate-5' },
  { screen: 'thanks' },
  { press: 'done' },
  { screen: 'attract' },
];

/** Every journey, each a walk from attract back to attract. */
const JOURNEYS: Record<string, Step[]> = {
  'certificate by resident card': [
    ...open('si-payment-certificate'),
    { screen: 'si-payment-certificate/choose-identity' },
    { press: 'id-card' },
    { screen: 'si-payment-certificate/insert-card' },
    { card: 'resident-li' },
    { screen: 'si-payment-certificate/preview' },
    { press: 'print' },
    { screen: 'si-payment-certificate/take-document' },
    { press: 'next' },
    ...finish,
  ],
  'certificate by phone resident code': [
    ...open('si-payment-certificate'),
    { screen: 'si-payment-certificate/choose-identity' },
    { press: 'resident-code' },
    { screen: 'si-payment-certificate/show-code' },
    { code: 'resident-wang' },
    { screen: 'si-payment-certificate/preview' },
    { press: 'print' },
    { screen: 'si-payment-certificate/take-document' },
    { press: 'next' },
    ...finish,
  ],
  'housing fund by HK/MO/TW permit': [
    ...open('hpf-deposit-certificate'),
    { screen: 'hpf-deposit-certificate/choose-identity' },
    { press: 'id-card' },
    { screen: 'hpf-deposit-certificate/insert-card' },
    { card: 'permit-huang' },
    { screen: 'hpf-deposit-certificate/account' },
    { press: 'print' },
    { screen: 'hpf-deposit-certificate/take-document' },
    { press: 'next' },
    ...finish,
  ],
  'real estate by phone resident code': [
    ...open('real-estate-query'),
    { screen: 'real-estate-query/choose-identity' },
    { press: 'resident-code' },
    { screen: 'real-estate-query/show-code' },
    { code: 'resident-li' },
    { screen: 'real-estate-query/result' },
    { press: 'print' },
    { screen: 'real-estate-query/take-document' },
    { press: 'next' },
    ...finish,
  ],
  'e-licence copy by foreign permanent-resident card': [
    ...open('my-licences'),
    { screen: 'my-licences/choose-identity' },
    { press: 'id-card' },
    { screen: 'my-licences/insert-card' },
    { card: 'foreign-smith' },
    { screen: 'my-licences/licences' },
    { item: 'lic-id-card' },
    { screen: 'my-licences/confirm' },
    { press: 'print' },
    { screen: 'my-licences/take-document' },
    { press: 'next' },
    ...finish,
  ],
  'progress by receipt code, then by the pad': [
    ...open('progress-query'),
    { screen: 'progress-query/start' },
    { press: 'scan' },
    { screen: 'progress-query/scan-receipt' },
    { scan: 'SQ320100000123' },
    { screen: 'progress-query/progress' },
    { press: 'another' },
    { screen: 'progress-query/start' },
    { press: 'type' },
    { screen: 'progress-query/type-number' },
    { pad: 'SQ320100000456' },
    { key: 'submit' },
    { screen: 'progress-query/progress' },
    { press: 'finish' },
    ...finish,
  ],
  'queue check-in by resident card': [
    ...open('queue-ticket'),
    { screen: 'queue-ticket/start' },
    { press: 'appointment' },
    { screen: 'queue-ticket/choose-identity' },
    { press: 'id-card' },
    { screen: 'queue-ticket/insert-card' },
    { card: 'resident-wang' },
    { screen: 'queue-ticket/ticket' },
    { press: 'print' },
    { screen: 'queue-ticket/take-ticket' },
    { press: 'finish' },
    ...finish,
  ],
  'queue check-in by phone resident code': [
    ...open('queue-ticket'),
    { screen: 'queue-ticket/start' },
    { press: 'appointment' },
    { screen: 'queue-ticket/choose-identity' },
    { press: 'resident-code' },
    { screen: 'queue-ticket/show-code' },
    { code: 'permit-huang' },
    { screen: 'queue-ticket/ticket' },
    { press: 'finish' },
    ...finish,
  ],
};

describe('after every journey, nothing the kiosk or Chromium left behind names a resident', () => {
  beforeAll(async () => {
    run = await startPrivacyRun();
  });
  afterAll(async () => {
    // finish() ran in the last test; a failed walk still closes what it opened.
    await run.finish().catch(() => undefined);
  });

  for (const [name, steps] of Object.entries(JOURNEYS)) {
    it(`walks: ${name}`, async () => {
      await walk(steps);
      expect(run.kiosk.kiosk.sessions.inSession).toBe(false);
    });
  }

  it('finds no name, ID number or address in the log, journal, temp files or browser profile', async () => {
    const { findings, filesRead, problems } = await run.finish();
    expect(problems).toEqual([]);
    // The log, the journal and Chromium's profile are all there to be searched.
    expect(filesRead).toBeGreaterThan(10);
    expect(findings.map((f) => `${f.file} (${f.encoding}, ${f.characters} chars)`)).toEqual([]);
  });
});
