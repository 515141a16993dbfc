import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qrTextOfPdf, useJourney } from '../support/journey.ts';
import { budget } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

const journey = useJourney('journey-qr', {
  // Short so a platform timeout shows quickly, yet every sandbox answer must come within it.
  platform: { timeoutMs: budget(1000) },
});
const { screen, press, seriousViolations } = journey;

/** Picks the last 12 months on the certificate's period screen, as most residents do. */
async function choosePeriod(shot?: string): Promise<void> {
  await screen('si-payment-certificate/choose-period', shot);
  await press('months-12');
}

/** Asks the sandbox for the code a resident's phone would show, as the /sim panel does. */
async function residentCode(profile: string, query = ''): Promise<string> {
  const reply = await fetch(
    `${journey.kiosk.kiosk.platformUrl}/sandbox/resident-codes/${profile}${query}`,
  );
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { code: string }).code;
}

async function startQrPath(): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu');
  await press('si-payment-certificate');
  await screen('si-payment-certificate/choose-identity', '01-choose-identity');
  await press('resident-code');
  await screen('si-payment-certificate/show-code', '02-show-code');
}

describe('a resident proving who they are with the resident code on their phone', () => {
  it('prints a verifiable certificate with their name, rates the service and is wiped', async () => {
    await startQrPath();
    expect(await seriousViolations()).toEqual([]);
    const code = await residentCode('resident-li');
    await journey.kiosk.sim('scan', { text: code });

    await choosePeriod();

    await screen('si-payment-certificate/preview', '03-preview');
    const preview = await journey.page.locator('main').innerText();
    expect(preview).toContain('李*华');
    expect(preview).toContain('320106********123X');
    expect(preview).not.toContain('李明华');
    expect(preview).not.toContain(code);

    await press('print');
    await screen('si-payment-certificate/take-document', '04-take-document');
    const pdfs = readdirSync(journey.kiosk.documentDir).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    const pdf = join(journey.kiosk.documentDir, pdfs[0] ?? '');
    const text = execFileSync(requireTool('pdftotext', 'poppler-utils'), [pdf, '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('李明华');
    expect(text).toContain('320106********123X');
    const verifyUrl = qrTextOfPdf(pdf);
    expect(verifyUrl.startsWith(`${journey.kiosk.kiosk.platformUrl}/verify/`)).toBe(true);
    const check = (await (
      await fetch(verifyUrl, { headers: { accept: 'application/json' } })
    ).json()) as { status: string; holder?: string };
    expect(check).toMatchObject({ status: 'valid', holder: '李*华' });

    const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('李*华');

    await press('next');
    await screen('rating');
    await press('rate-5');
    await screen('thanks');
    await press('done');
    await screen('attract');
    expect(journey.kiosk.kiosk.sessions.inSession).toBe(false);
  });

  it('is told an expired code has expired, refreshes it and carries on', async () => {
    await startQrPath();
    await journey.kiosk.sim('scan', { text: await residentCode('resident-wang', '?expired=true') });
    await screen('si-payment-certificate/code-expired', '05-code-expired');
    expect(await seriousViolations()).toEqual([]);
    await press('retry');
    await screen('si-payment-certificate/show-code');
    await journey.kiosk.sim('scan', { text: await residentCode('resident-wang') });
    await choosePeriod();
    await screen('si-payment-certificate/preview');
    expect(await journey.page.locator('main').innerText()).toContain('王*英');
  });

  it('is told a code that is not a resident code cannot be read, and can use the ID card instead', async () => {
    await startQrPath();
    await journey.kiosk.sim('scan', { text: '6901234567892' });
    await screen('si-payment-certificate/code-unreadable', '06-code-unreadable');
    await press('use-card');
    await screen('si-payment-certificate/insert-card');
    await journey.kiosk.sim('card/insert', { profile: 'resident-li' });
    await choosePeriod();
    await screen('si-payment-certificate/preview');
  });
});
