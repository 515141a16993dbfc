import { describe, expect, it } from 'vitest';
import {
  certificateNoOnScreen,
  expectVerifies,
  onlyCertificate,
  printedPdfs,
} from '../support/certificates.ts';
import { useJourney } from '../support/journey.ts';
import { budget } from '../support/time.ts';

const journey = useJourney('journey-hpf', {
  // Short so a platform timeout shows quickly, yet every sandbox answer must come within it.
  platform: { timeoutMs: budget(1000) },
});
const { screen, press, seriousViolations } = journey;
const F = 'hpf-deposit-certificate';

async function identifyByCard(profile: string, shots = false): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu', shots ? '01-menu' : undefined);
  await press(F);
  await screen(`${F}/choose-identity`, shots ? '02-choose-identity' : undefined);
  await press('id-card');
  await screen(`${F}/insert-card`, shots ? '03-insert-card' : undefined);
  await journey.kiosk.sim('card/insert', { profile });
}

describe('a resident checking their housing provident fund', () => {
  it('sees balance and deposits, prints a verifiable deposit certificate with their name and a receipt', async () => {
    await identifyByCard('resident-wang', true);
    await screen(`${F}/account`, '04-account');
    const account = await journey.page.locator('main').innerText();
    expect(account).toContain('王*英');
    expect(account).toContain('320102********4526');
    expect(account).not.toContain('王秀英');
    expect(account).toMatch(/\d+\.\d{2}/);
    expect(account).toMatch(/\d+%/);
    expect(await journey.page.locator('main [data-item]').count()).toBeGreaterThan(0);
    expect(await seriousViolations()).toEqual([]);

    await press('print');
    await screen(`${F}/take-document`, '05-take-document');
    expect(await seriousViolations()).toEqual([]);
    const certificateNo = await certificateNoOnScreen(journey);
    const printed = onlyCertificate(journey);
    expect(printed.text).toContain('住房公积金缴存证明');
    expect(printed.text).toContain('王秀英');
    expect(printed.text).toContain('320102********4526');
    expect(printed.text).not.toContain('320102198808084526');
    expect(printed.flat).toContain('公民身份号码');
    expect(printed.text).toContain(certificateNo);
    await expectVerifies(journey, printed.verifyUrl, {
      kind: 'hpf-deposit',
      certificateNo,
      holder: '王*英',
    });

    const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('王*英');
    expect(receipts[0]?.text).toContain(certificateNo);

    await press('next');
    await screen('rating', '06-rating');
  });

  it('tells a resident without a housing fund account that there is none', async () => {
    await identifyByCard('resident-sun-no-record');
    await screen(`${F}/no-record`, '10-no-record');
    expect(await seriousViolations()).toEqual([]);
    await press('next');
    await screen('rating');
  });

  it('tells the resident the fund system did not answer, and the retry then works', async () => {
    await journey.kiosk.sim('fault', { device: 'platform', fault: 'timeout' });
    await identifyByCard('resident-wang');
    await screen(`${F}/platform-failed`, '11-platform-failed');
    await journey.kiosk.sim('fault', { device: 'platform', fault: 'none' });
    await press('retry');
    await screen(`${F}/account`);
  });

  it('shows print disabled while the certificate printer has no paper, and says the platform, not the printer, failed to issue', async () => {
    await identifyByCard('resident-wang');
    await screen(`${F}/account`);
    await journey.kiosk.sim('paper', { printer: 'document', state: 'out' });
    await expect
      .poll(() => journey.page.locator('[data-action="print"]').isDisabled(), {
        timeout: budget(10_000),
        message: 'the print action to be disabled once the paper ran out',
      })
      .toBe(true);
    await journey.kiosk.sim('paper', { printer: 'document', state: 'ok' });
    await expect
      .poll(() => journey.page.locator('[data-action="print"]').isDisabled(), {
        timeout: budget(10_000),
        message: 'the print action to be enabled once paper is back',
      })
      .toBe(false);
    await journey.kiosk.sim('fault', { device: 'platform', fault: 'unavailable' });
    await press('print');
    await screen(`${F}/issue-failed`, '12-issue-failed');
    expect(await journey.page.locator('main').innerText()).toContain('打印机没有故障');
    expect(printedPdfs(journey)).toEqual([]);
  });
});
