import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardProfile } from '../../drivers/id-card/profiles.ts';
import { useJourney } from '../support/journey.ts';
import { waitFor } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

const journey = useJourney('card-types');
const { screen, press } = journey;

/** Picks the last 12 months on the certificate's period screen, as most residents do. */
async function choosePeriod(shot?: string): Promise<void> {
  await screen('si-payment-certificate/choose-period', shot);
  await press('months-12');
}

/** From the menu to the card screen of the certificate service. */
async function toCardScreen(): Promise<void> {
  await press('start');
  await press('si-payment-certificate');
  await press('id-card');
  await screen('si-payment-certificate/insert-card');
}

describe('a resident with any card type printing a social-insurance certificate', () => {
  it.each([
    ['permit-huang', '810000********1230', '公民身份号码'],
    ['foreign-smith', 'GBR32********12', '外国人永久居留身份证号码'],
    ['foreign-okafor-2023', '932566********001X', '外国人永久居留身份证号码'],
  ])(
    'prints the certificate of %s with the number masked as %s',
    async (profile, masked, label) => {
      await toCardScreen();
      await journey.kiosk.sim('card/insert', { profile });
      await choosePeriod();
      await screen('si-payment-certificate/preview', `${profile}-preview`);
      expect(await journey.page.locator('main').innerText()).toContain(masked);
      await press('print');
      await screen('si-payment-certificate/take-document', `${profile}-take-document`);
      const pdfs = readdirSync(journey.kiosk.documentDir).filter((f) => f.endsWith('.pdf'));
      expect(pdfs).toHaveLength(1);
      const text = execFileSync(
        requireTool('pdftotext', 'poppler-utils'),
        [join(journey.kiosk.documentDir, pdfs[0]!), '-'],
        { encoding: 'utf8' },
      );
      expect(text).toContain(`${label}：${masked}`);
      expect(text).not.toContain(cardProfile(profile).idNumber);
      const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
      expect(receipts).toHaveLength(1);
    },
  );
});

describe('a foreign permanent resident reading the English screens', () => {
  it('sees the Latin name from the card, masked, not the Chinese one', async () => {
    await toCardScreen();
    await journey.kiosk.sim('card/insert', { profile: 'foreign-smith' });
    await choosePeriod();
    await screen('si-payment-certificate/preview');
    expect(await journey.page.locator('main').innerText()).toContain('史*丽');
    await journey.page.locator('[data-locale="en"]').click();
    await expect
      .poll(() => journey.page.locator('main').innerText())
      .toContain('SMITH, A**** M***');
    await screen('si-payment-certificate/preview', 'foreign-smith-preview-en');
    const english = await journey.page.locator('main').innerText();
    expect(english).not.toContain('史*丽');
    expect(english).toContain('GBR32********12');
  });
});

describe('a resident at a card reader that cannot read', () => {
  it.each([
    ['silence', '10-reader-silent'],
    ['not-authorised', '11-sam-not-authorised'],
  ])(
    'is sent to the phone code or the counter when the reader has the %s fault, not asked to place the card again',
    async (fault, shot) => {
      await toCardScreen();
      await journey.kiosk.sim('fault', { device: 'idcard', fault });
      await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
      await screen('si-payment-certificate/out-of-service', shot);
      const text = await journey.page.locator('main').innerText();
      expect(text).toContain('居民码');
      expect(text).not.toContain('长时间没有检测到证件');
    },
  );

  it('gets the reader back without a technician once a silence clears', async () => {
    const reader = journey.kiosk.kiosk.devices.idCard!;
    await toCardScreen();
    await journey.kiosk.sim('fault', { device: 'idcard', fault: 'silence' });
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await screen('si-payment-certificate/out-of-service');
    expect(reader.state().status).toBe('offline');
    await journey.kiosk.sim('fault', { device: 'idcard', fault: 'none' });
    // The reader's own re-probe (1 s, then 2 s) brings it back; nobody runs a self-test.
    await waitFor(() => reader.state().status === 'online', 'the reader back online', 10_000);
    expect(journey.kiosk.kiosk.devices.outOfService()).not.toContain('idCardReader');
  });
});
