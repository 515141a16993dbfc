import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../kiosk/core/platform/credit-code.ts';
import { expectVerifies, onlyCertificate, printedPdfs } from '../support/certificates.ts';
import { useJourney } from '../support/journey.ts';
import { budget } from '../support/time.ts';

const journey = useJourney('journey-enterprise', {
  // Short so a platform that is down shows quickly, yet every sandbox answer comes within it.
  platform: { timeoutMs: budget(1000) },
});
const { screen, press, seriousViolations } = journey;
const F = 'enterprise-corner';

/** A seeded enterprise of the sandbox; its legal representative 周建国 shows as 周*国. */
const CODE = makeCreditCode('91', '320105', 'MA1XK7Q2');
const ENTERPRISE = '南京示例信息技术有限公司';
/** A well-formed code (both check characters right) that no seeded enterprise has. */
const UNKNOWN = makeCreditCode('91', '320100', 'MA1QQQQ9');
/** The GB 32100 alphabet, to pick a check character other than the right one. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

async function open(shots = false): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu', shots ? '01-menu' : undefined);
  await press(F);
  await screen(`${F}/start`, shots ? '02-start' : undefined);
}

/** Types `text` on the kiosk's own credit-code pad, key by key, and submits it. */
async function typeCode(text: string): Promise<void> {
  for (const key of text) await journey.page.locator(`[data-key="${key}"]`).click();
  expect(await journey.page.locator('[data-entry-value]').getAttribute('data-entry-value')).toBe(
    text,
  );
  await journey.page.locator('[data-key="submit"]').click();
}

async function mainText(): Promise<string> {
  return journey.page.locator('main').innerText();
}

describe('the enterprise corner (一企来办)', () => {
  it('types a credit code, sees the public record, prints a verifiable report, and lists the services', async () => {
    await open(true);
    expect(await seriousViolations()).toEqual([]);
    await press('type');
    await screen(`${F}/type-code`, '03-type-code');
    expect(await seriousViolations()).toEqual([]);
    await typeCode(CODE);
    await screen(`${F}/credit-record`, '04-credit-record');
    expect(await seriousViolations()).toEqual([]);
    const shown = await mainText();
    expect(shown).toContain(ENTERPRISE);
    expect(shown).toContain(CODE);
    expect(shown).toContain('周*国');
    expect(shown).not.toContain('周建国');
    expect(shown).toContain('增值电信业务经营许可');
    expect(shown).toContain('守合同重信用企业');

    await journey.page.locator('[data-locale="en"]').click();
    await journey.page
      .getByText('Nanjing Example Information Technology')
      .first()
      .waitFor({ timeout: budget(10_000) });
    await screen(`${F}/credit-record`, '05-credit-record-en');
    const english = await mainText();
    expect(english).toContain('Value-added telecom licence');
    expect(english).toContain('Active');
    await journey.page.locator('[data-locale="zh-CN"]').click();
    await journey.page
      .getByText(ENTERPRISE)
      .first()
      .waitFor({ timeout: budget(10_000) });

    await press('print');
    await screen(`${F}/printed`, '06-printed');
    expect(await seriousViolations()).toEqual([]);
    const certificateNo = /[A-Z]{2,4}\d{8,}/.exec(await mainText())?.[0] ?? '';
    expect(certificateNo).not.toBe('');
    const printed = onlyCertificate(journey);
    expect(printed.flat).toContain('企业公共信用信息报告');
    expect(printed.flat).toContain(ENTERPRISE);
    expect(printed.flat).toContain(CODE);
    expect(printed.flat).toContain('周*国');
    expect(printed.flat).not.toContain('周建国');
    expect(printed.flat).toContain('增值电信业务经营许可');
    expect(printed.flat).toContain(certificateNo);
    await expectVerifies(journey, printed.verifyUrl, {
      kind: 'credit-record',
      certificateNo,
      holder: ENTERPRISE,
    });

    await press('services');
    await screen(`${F}/services`, '07-services');
    expect(await seriousViolations()).toEqual([]);
    const services = await mainText();
    expect(services).toContain('企业开办（设立登记）');
    expect(services).toContain('发票申领');
    expect(services).not.toContain('社保参保缴费证明');
    await press('finish');
    await screen('rating');
  });

  it('names a wrong check character on screen: the one typed and the one it should be', async () => {
    const right = CODE.slice(-1);
    const typo = ALPHABET.split('').find((c) => c !== right) ?? '0';
    await open();
    await press('type');
    await screen(`${F}/type-code`);
    await typeCode(CODE.slice(0, 17) + typo);
    await screen(`${F}/wrong-check`, '08-wrong-check');
    expect(await seriousViolations()).toEqual([]);
    const shown = await mainText();
    expect(shown).toContain(`最后一位（校验码）应为 ${right}，您输入的是 ${typo}`);
    await journey.page.locator('[data-locale="en"]').click();
    await journey.page
      .getByText(`should be ${right}; you typed ${typo}`, { exact: false })
      .first()
      .waitFor({ timeout: budget(10_000) });
    await screen(`${F}/wrong-check`, '09-wrong-check-en');
    await press('retry');
    await screen(`${F}/type-code`);
    await typeCode(CODE);
    await screen(`${F}/credit-record`);
  });

  it('scans the QR on a business licence and sees the record', async () => {
    await open();
    await press('scan');
    await screen(`${F}/scan-licence`, '12-scan-licence');
    expect(await seriousViolations()).toEqual([]);
    await journey.kiosk.sim('scan', {
      text: `https://www.gsxt.gov.cn/licence?uniscid=${CODE}`,
    });
    await screen(`${F}/credit-record`);
    expect(await mainText()).toContain(ENTERPRISE);
  });

  it('is told a QR that is not a business licence cannot be used, and can type the code instead', async () => {
    await open();
    await press('scan');
    await screen(`${F}/scan-licence`);
    await journey.kiosk.sim('scan', { text: 'https://example.com/not-a-licence' });
    await screen(`${F}/not-licence`, '13-not-licence');
    expect(await seriousViolations()).toEqual([]);
    await press('type');
    await screen(`${F}/type-code`);
  });

  it('is told no enterprise has a well-formed code the platform does not know', async () => {
    await open();
    await press('type');
    await screen(`${F}/type-code`);
    await typeCode(UNKNOWN);
    await screen(`${F}/unknown-enterprise`, '10-unknown-enterprise');
    expect(await seriousViolations()).toEqual([]);
    expect(await mainText()).toContain(UNKNOWN);
    await press('retry');
    await screen(`${F}/type-code`);
  });

  it('is told the platform is down, prints nothing, and gets the record on retry once it is back', async () => {
    await open();
    await journey.kiosk.sim('platform', { down: 'unavailable' });
    await press('type');
    await screen(`${F}/type-code`);
    await typeCode(CODE);
    await screen(`${F}/platform-failed`, '11-platform-down');
    expect(await seriousViolations()).toEqual([]);
    expect(printedPdfs(journey)).toEqual([]);
    await journey.kiosk.sim('platform', { down: null });
    await press('retry');
    await screen(`${F}/credit-record`);
  });

  it('shows print disabled while the certificate printer has no paper, and blames no printer when the platform cannot issue', async () => {
    await open();
    await press('type');
    await screen(`${F}/type-code`);
    await typeCode(CODE);
    await screen(`${F}/credit-record`);
    await journey.kiosk.sim('paper', { printer: 'document', state: 'out' });
    await expect
      .poll(() => journey.page.locator('[data-action="print"]').isDisabled(), {
        timeout: budget(10_000),
        message: 'the print action to be disabled once the paper ran out',
      })
      .toBe(true);
    await screen(`${F}/credit-record`, '14-print-disabled');
    await journey.kiosk.sim('paper', { printer: 'document', state: 'ok' });
    await expect
      .poll(() => journey.page.locator('[data-action="print"]').isDisabled(), {
        timeout: budget(10_000),
        message: 'the print action to be enabled once paper is back',
      })
      .toBe(false);
    await journey.kiosk.sim('fault', { device: 'platform', fault: 'unavailable' });
    await press('print');
    await screen(`${F}/issue-failed`, '15-issue-failed');
    expect(await seriousViolations()).toEqual([]);
    expect(await mainText()).toContain('什么也没有打印');
    expect(printedPdfs(journey)).toEqual([]);
  });
});
