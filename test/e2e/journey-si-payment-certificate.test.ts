import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useJourney } from '../support/journey.ts';
import { requireTool } from '../support/tools.ts';

const journey = useJourney('si-period');
const { screen, press, seriousViolations } = journey;

/** Month `offset` months from now in China, as the pad takes it (`YYYYMM`). */
function padMonth(offset: number): string {
  const china = new Date(Date.now() + 8 * 60 * 60 * 1000);
  const index = china.getUTCFullYear() * 12 + china.getUTCMonth() + offset;
  return `${Math.floor(index / 12)}${String((index % 12) + 1).padStart(2, '0')}`;
}

/** `YYYYMM` as the preview shows it, `YYYY-MM`. */
const dashed = (month: string): string => `${month.slice(0, 4)}-${month.slice(4)}`;

/** Types a value on the entry pad of the screen on show and submits it. */
async function type(value: string): Promise<void> {
  const page = journey.page;
  for (const digit of value) await page.locator(`[data-key="${digit}"]`).click();
  await page.locator('[data-key="submit"]').click();
}

/** From the attract screen, with Wang's card, to the period screen. */
async function toPeriod(shot?: string): Promise<void> {
  await press('start');
  await press('si-payment-certificate');
  await press('id-card');
  await screen('si-payment-certificate/insert-card');
  await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
  await screen('si-payment-certificate/choose-period', shot);
}

/** The text of the one certificate printed so far. */
function printedText(): string {
  const pdfs = readdirSync(journey.kiosk.documentDir).filter((f) => f.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  return execFileSync(
    requireTool('pdftotext', 'poppler-utils'),
    [join(journey.kiosk.documentDir, pdfs[0]!), '-'],
    { encoding: 'utf8' },
  );
}

describe('a resident choosing the months of the certificate', () => {
  it('prints the last 6 months, and the preview says which months', async () => {
    await toPeriod('01-choose-period');
    expect(await seriousViolations()).toEqual([]);
    await press('months-6');
    await screen('si-payment-certificate/preview', '02-preview-6-months');
    const preview = await journey.page.locator('main').innerText();
    // The last 6 settled months: the current month is not settled yet.
    expect(preview).toContain(`${dashed(padMonth(-6))} – ${dashed(padMonth(-1))}`);
    await press('print');
    await screen('si-payment-certificate/take-document', '03-take-document');
    expect(printedText()).toContain('王');
  });

  it('prints a typed from-to range', async () => {
    await toPeriod();
    await press('range');
    await screen('si-payment-certificate/enter-from', '04-enter-from');
    expect(await seriousViolations()).toEqual([]);
    await type(padMonth(-8));
    await screen('si-payment-certificate/enter-to', '05-enter-to');
    expect(await journey.page.locator('main').innerText()).toContain(padMonth(-8));
    await type(padMonth(-3));
    await screen('si-payment-certificate/preview', '06-preview-range');
    expect(await journey.page.locator('main').innerText()).toContain(
      `${dashed(padMonth(-8))} – ${dashed(padMonth(-3))}`,
    );
    await press('print');
    await screen('si-payment-certificate/take-document');
    printedText();
  });

  it.each([
    ['backwards', padMonth(-3), padMonth(-8), '07-range-backwards'],
    ['in the future', padMonth(-3), padMonth(2), '08-range-future'],
    ['longer than 36 months', padMonth(-40), padMonth(-1), '09-range-too-long'],
  ])('is told a range %s cannot be used and what to fix', async (_why, from, to, shot) => {
    await toPeriod();
    await press('range');
    await screen('si-payment-certificate/enter-from');
    await type(from);
    await screen('si-payment-certificate/enter-to');
    await type(to);
    await screen('si-payment-certificate/range-invalid', shot);
    const text = await journey.page.locator('main').innerText();
    expect(text).toContain(`${from} 至 ${to}`);
    expect(text).toContain('36 个月');
    await press('retry');
    await screen('si-payment-certificate/enter-from');
  });

  it('is told a month 13 is not a month', async () => {
    await toPeriod();
    await press('range');
    await screen('si-payment-certificate/enter-from');
    await type(`${padMonth(-12).slice(0, 4)}13`);
    await screen('si-payment-certificate/enter-to');
    await type(padMonth(-1));
    await screen('si-payment-certificate/range-not-month', '10-range-not-month');
    expect(await journey.page.locator('main').innerText()).toContain('01 至 12');
  });
});

describe('a resident at a reader that is out of service', () => {
  it('uses the phone code instead and prints', async () => {
    await press('start');
    await press('si-payment-certificate');
    await press('id-card');
    await screen('si-payment-certificate/insert-card');
    await journey.kiosk.sim('fault', { device: 'idcard', fault: 'not-authorised' });
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await screen('si-payment-certificate/out-of-service', '11-reader-out-of-service');
    await press('use-code');
    await screen('si-payment-certificate/show-code', '12-show-code');
    await journey.kiosk.sim('resident-code', { profile: 'resident-li' });
    await screen('si-payment-certificate/choose-period');
    await press('months-24');
    await screen('si-payment-certificate/preview');
    expect(await journey.page.locator('main').innerText()).toContain('李*华');
    await press('print');
    await screen('si-payment-certificate/take-document');
    expect(printedText()).toContain('李明华');
  });
});
