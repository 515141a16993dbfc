import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qrTextOfPdf, useJourney, zbarQr } from '../support/journey.ts';
import { budget } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

const journey = useJourney('journey', {
  // Short so a platform timeout shows quickly, yet every sandbox answer must come within it.
  platform: { timeoutMs: budget(1000) },
});
const { screen, press, seriousViolations } = journey;

/** Picks the last 12 months on the certificate's period screen, as most residents do. */
async function choosePeriod(shot?: string): Promise<void> {
  await screen('si-payment-certificate/choose-period', shot);
  await press('months-12');
}

describe('a resident printing a social-insurance payment certificate', () => {
  it('goes from attract to a printed, verifiable certificate and receipt, rates the service, and is wiped', async () => {
    await screen('attract', '01-attract');
    expect(await seriousViolations()).toEqual([]);
    await press('start');
    await screen('menu', '02-menu');
    expect(await seriousViolations()).toEqual([]);
    await press('si-payment-certificate');
    await screen('si-payment-certificate/choose-identity', '03-choose-identity');
    expect(await seriousViolations()).toEqual([]);
    await press('id-card');
    await screen('si-payment-certificate/insert-card', '03-insert-card');
    expect(await seriousViolations()).toEqual([]);

    await journey.kiosk.sim('card/insert', { profile: 'resident-li' });
    await choosePeriod('04-choose-period');
    await screen('si-payment-certificate/preview', '04-preview');
    const preview = await journey.page.locator('main').innerText();
    expect(preview).toContain('李*华');
    expect(preview).toContain('320106********123X');
    expect(preview).not.toContain('32010619560315123X');
    expect(await seriousViolations()).toEqual([]);

    await press('print');
    await screen('si-payment-certificate/take-document', '05-take-document');
    const certificateNo = await journey.page.locator('main').innerText();

    const pdfs = readdirSync(journey.kiosk.documentDir).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    const pdf = join(journey.kiosk.documentDir, pdfs[0]!);
    const text = execFileSync(requireTool('pdftotext', 'poppler-utils'), [pdf, '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('李明华');
    expect(text).toContain('320106********123X');
    expect(text).not.toContain('32010619560315123X');
    const verifyUrl = qrTextOfPdf(pdf);
    expect(verifyUrl.startsWith(`${journey.kiosk.kiosk.platformUrl}/verify/`)).toBe(true);
    const check = (await (
      await fetch(verifyUrl, { headers: { accept: 'application/json' } })
    ).json()) as { status: string };
    expect(check.status).toBe('valid');

    const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0]!;
    expect(receipt.complete).toBe(true);
    expect(receipt.text).toContain('李*华');
    expect(receipt.text).not.toContain('32010619560315123X');
    const receiptPng = join(mkdtempSync(join(tmpdir(), 'kiosk24-receipt-')), 'receipt.png');
    writeFileSync(receiptPng, receipt.png());
    expect(zbarQr(receiptPng)).toBe(verifyUrl);
    expect(certificateNo.length).toBeGreaterThan(0);

    await press('next');
    await screen('rating', '06-rating');
    expect(await seriousViolations()).toEqual([]);
    await press('rate-5');
    await screen('thanks', '07-thanks');
    await press('done');
    await screen('attract');
    expect(await journey.page.locator('[data-in-session]').getAttribute('data-in-session')).toBe(
      'false',
    );
    expect(journey.kiosk.kiosk.sessions.inSession).toBe(false);
    const stored = await journey.page.evaluate(() => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
    }));
    expect(stored).toEqual({ local: 0, session: 0, cookie: '' });
  });

  it('is told what happened when the card is pulled during the read, and the session is still wiped', async () => {
    await press('start');
    await press('si-payment-certificate');
    await press('id-card');
    await screen('si-payment-certificate/insert-card');
    await journey.kiosk.sim('fault', { device: 'idcard', fault: 'pull-mid-read' });
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await screen('si-payment-certificate/card-read-failed', '10-card-pulled');
    await press('cancel');
    await screen('menu');
    await press('end');
    await screen('attract');
    expect(journey.kiosk.kiosk.sessions.inSession).toBe(false);
  });

  it('is told the platform did not answer when it times out, and can finish', async () => {
    await press('start');
    await press('si-payment-certificate');
    await press('id-card');
    await screen('si-payment-certificate/insert-card');
    await journey.kiosk.sim('fault', { device: 'platform', fault: 'timeout' });
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await choosePeriod();
    await screen('si-payment-certificate/platform-failed', '11-platform-timeout');
    await press('next');
    await screen('rating');
    await press('skip');
    await screen('thanks');
    await press('done');
    await screen('attract');
    expect(journey.kiosk.kiosk.sessions.inSession).toBe(false);
  });

  it('sees on the preview that the printer is out of paper, before pressing print', async () => {
    await press('start');
    await press('si-payment-certificate');
    await press('id-card');
    await journey.kiosk.sim('card/insert', { profile: 'resident-li' });
    await choosePeriod();
    await screen('si-payment-certificate/preview');
    await journey.kiosk.sim('paper', { printer: 'document', state: 'out' });
    const print = journey.page.locator('[data-action="print"]');
    await expect.poll(() => print.isDisabled()).toBe(true);
    await screen('si-payment-certificate/preview', '12-paper-out-preview');
    expect(await journey.page.locator('main').innerText()).toContain('证明打印机');
    expect(readdirSync(journey.kiosk.documentDir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    await press('cancel');
    await screen('menu');
  });

  it('shows a resident with no insurance record why nothing can be printed', async () => {
    await press('start');
    await press('si-payment-certificate');
    await press('id-card');
    await journey.kiosk.sim('card/insert', { profile: 'resident-sun-no-record' });
    await choosePeriod();
    await screen('si-payment-certificate/no-record', '13-no-record');
  });

  it('shows the service as out of service when the certificate printer has no paper', async () => {
    await journey.kiosk.sim('paper', { printer: 'document', state: 'out' });
    await press('start');
    await screen('menu', '14-menu-out-of-service');
    expect(await journey.page.locator('[data-action="si-payment-certificate"]').isDisabled()).toBe(
      true,
    );
  });

  it('is told when the receipt paper runs out mid-receipt, and the next resident still gets a receipt', async () => {
    const receiptSim = journey.kiosk.kiosk.devices.simulators.receipt!;
    receiptSim.runOutOfPaperAfterLines(3);
    await press('start');
    await press('si-payment-certificate');
    await press('id-card');
    await journey.kiosk.sim('card/insert', { profile: 'resident-li' });
    await choosePeriod();
    await screen('si-payment-certificate/preview');
    await press('print');
    await screen('si-payment-certificate/take-document-no-receipt', '15-receipt-paper-out');
    expect(receiptSim.receipts().filter((r) => r.complete)).toHaveLength(0);
    await press('next');
    await press('skip');
    await press('done');
    await screen('attract');

    await journey.kiosk.sim('paper', { printer: 'receipt', state: 'ok' });
    await journey.kiosk.sim('card/remove');
    await press('start');
    await press('si-payment-certificate');
    await press('id-card');
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await choosePeriod();
    await screen('si-payment-certificate/preview');
    await press('print');
    await screen('si-payment-certificate/take-document');
    const complete = receiptSim.receipts().filter((r) => r.complete);
    expect(complete).toHaveLength(1);
    expect(complete[0]?.text).toContain('王*英');
  });
});
