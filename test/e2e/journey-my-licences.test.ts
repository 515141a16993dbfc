import { describe, expect, it } from 'vitest';
import { certificateNoOnScreen, expectVerifies, onlyCertificate } from '../support/certificates.ts';
import { useJourney } from '../support/journey.ts';
import { budget } from '../support/time.ts';

const journey = useJourney('journey-licences', {
  // Short so a platform timeout shows quickly, yet every sandbox answer must come within it.
  platform: { timeoutMs: budget(1000) },
});
const { screen, press, seriousViolations } = journey;
const F = 'my-licences';

async function identifyByCard(profile: string, shots = false): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu');
  await press(F);
  await screen(`${F}/choose-identity`, shots ? '01-choose-identity' : undefined);
  await press('id-card');
  await screen(`${F}/insert-card`, shots ? '02-insert-card' : undefined);
  await journey.kiosk.sim('card/insert', { profile });
}

describe('a foreign permanent resident printing a certified copy of an e-licence', () => {
  it('lists the licences the platform holds and prints a verifiable copy with the name and the foreigner number masked', async () => {
    await identifyByCard('foreign-smith', true);
    await screen(`${F}/licences`, '03-licences');
    expect(await seriousViolations()).toEqual([]);
    const list = await journey.page.locator('main').innerText();
    expect(list).toContain('外国人永久居留身份证');
    expect(list).toContain('GBR32********12');
    expect(list).not.toContain('GBR320000880512');

    await journey.page.locator('main button[data-item="lic-id-card"]').click();
    await screen(`${F}/confirm`, '04-confirm');
    expect(await seriousViolations()).toEqual([]);
    await press('print');
    await screen(`${F}/take-document`, '05-take-document');
    const certificateNo = await certificateNoOnScreen(journey);
    const printed = onlyCertificate(journey);
    expect(printed.text).toContain('电子证照打印件');
    expect(printed.text).toContain('史爱丽');
    expect(printed.text).toContain('GBR32********12');
    expect(printed.text).not.toContain('GBR320000880512');
    expect(printed.flat).toContain('外国人永久居留身份证号码');
    expect(printed.text).toContain(certificateNo);
    await expectVerifies(journey, printed.verifyUrl, {
      kind: 'licence-copy',
      certificateNo,
      holder: '史*丽',
    });
    const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts.at(-1)?.text).toContain('GBR32********12');
    await press('next');
    await screen('rating');
  });

  it('shows the English screens with the platform glosses, and can go back to choose another licence', async () => {
    await identifyByCard('foreign-okafor-2023');
    await screen(`${F}/licences`);
    await journey.page.locator('[data-locale="en"]').click();
    await expect
      .poll(() => journey.page.locator('main').innerText(), {
        timeout: budget(10_000),
        message: 'the licence list in English',
      })
      .toContain('Foreign permanent resident ID card');
    await saveEnglish();
    await journey.page.locator('main button[data-item="lic-id-card"]').click();
    await screen(`${F}/confirm`);
    await press('back');
    await screen(`${F}/licences`);
  });

  it('tells the resident the card reader cannot read, and offers the resident code', async () => {
    await screen('attract');
    await press('start');
    await press(F);
    await press('id-card');
    await screen(`${F}/insert-card`);
    await journey.kiosk.sim('fault', { device: 'idcard', fault: 'pull-mid-read' });
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await screen(`${F}/card-read-failed`, '10-card-read-failed');
    await press('use-code');
    await screen(`${F}/show-code`);
  });

  it('tells the resident the licence library did not answer', async () => {
    await journey.kiosk.sim('fault', { device: 'platform', fault: 'timeout' });
    await identifyByCard('resident-wang');
    await screen(`${F}/platform-failed`, '11-platform-failed');
  });
});

async function saveEnglish(): Promise<void> {
  await journey.screen(`${F}/licences`, '06-licences-en');
}
