import { describe, expect, it } from 'vitest';
import {
  certificateNoOnScreen,
  expectVerifies,
  onlyCertificate,
  residentCode,
} from '../support/certificates.ts';
import { useJourney } from '../support/journey.ts';
import { budget } from '../support/time.ts';

const journey = useJourney('journey-real-estate', {
  // Short so a platform timeout shows quickly, yet every sandbox answer must come within it.
  platform: { timeoutMs: budget(1000) },
});
const { screen, press, seriousViolations } = journey;
const F = 'real-estate-query';

async function chooseCode(shots = false): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu');
  await press(F);
  await screen(`${F}/choose-identity`, shots ? '01-choose-identity' : undefined);
  await press('resident-code');
  await screen(`${F}/show-code`, shots ? '02-show-code' : undefined);
}

describe('a resident querying their real estate with the resident code on their phone', () => {
  it('sees the properties in their name and prints a verifiable result certificate with their real name', async () => {
    await chooseCode(true);
    expect(await seriousViolations()).toEqual([]);
    const code = await residentCode(journey, 'resident-li');
    await journey.kiosk.sim('scan', { text: code });
    await screen(`${F}/result`, '03-result');
    expect(await seriousViolations()).toEqual([]);
    const result = await journey.page.locator('main').innerText();
    expect(result).toContain('李*华');
    expect(result).toContain('320106********123X');
    expect(result).not.toContain('李明华');
    expect(result).not.toContain(code);
    expect(await journey.page.locator('main [data-item]').count()).toBeGreaterThan(0);

    await press('print');
    await screen(`${F}/take-document`, '04-take-document');
    const certificateNo = await certificateNoOnScreen(journey);
    const printed = onlyCertificate(journey);
    expect(printed.text).toContain('不动产登记信息查询结果证明');
    // A code holder's full name comes from the platform; the number only masked.
    expect(printed.text).toContain('李明华');
    expect(printed.text).toContain('320106********123X');
    expect(printed.text).toContain(certificateNo);
    await expectVerifies(journey, printed.verifyUrl, {
      kind: 'real-estate',
      certificateNo,
      holder: '李*华',
    });
    const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts.at(-1)?.text).toContain(certificateNo);

    await press('next');
    await screen('rating', '05-rating');
  });

  it('tells a resident with no property in their name that there is nothing to print', async () => {
    await chooseCode();
    await journey.kiosk.sim('scan', {
      text: await residentCode(journey, 'resident-sun-no-record'),
    });
    await screen(`${F}/no-record`, '10-no-record');
    expect(await seriousViolations()).toEqual([]);
  });

  it('tells the resident a code that is no resident code cannot be read, and takes the ID card instead', async () => {
    await chooseCode();
    await journey.kiosk.sim('scan', { text: '6901234567892' });
    await screen(`${F}/code-unreadable`, '11-code-unreadable');
    await press('use-card');
    await screen(`${F}/insert-card`);
    await journey.kiosk.sim('card/insert', { profile: 'permit-huang' });
    await screen(`${F}/result`);
    expect(await journey.page.locator('main').innerText()).toContain('810000********1230');
  });

  it('tells the resident the register did not answer', async () => {
    await chooseCode();
    const code = await residentCode(journey, 'resident-wang');
    await journey.kiosk.sim('fault', { device: 'platform', fault: 'http-500' });
    await journey.kiosk.sim('scan', { text: code });
    await screen(`${F}/code-platform-failed`, '12-code-platform-failed');
    await journey.kiosk.sim('fault', { device: 'platform', fault: 'none' });
    await press('use-card');
    await screen(`${F}/insert-card`);
  });
});
