import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildRenderer,
  checkAccessibility,
  launchChromium,
  saveScreenshot,
} from '../support/browser.ts';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.ts';
import { requireTool } from '../support/tools.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let browser: Browser;
let kiosk: TestKiosk;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist', 'renderer', 'index.html')))
    buildRenderer(join(repoRoot, 'dist', 'renderer'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  kiosk = await startTestKiosk({ platform: { timeoutMs: 1000 } });
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(kiosk.url);
});
afterEach(async () => {
  await page?.close();
  await kiosk?.close();
});

/** Waits for a screen and saves its screenshot under test-output/screens/journey-qr-NAME.png. */
async function screen(id: string, shot?: string): Promise<void> {
  await page.locator(`[data-screen="${id}"]`).waitFor({ timeout: 15_000 });
  if (shot) await saveScreenshot(page, `journey-qr-${shot}`);
}

async function press(action: string): Promise<void> {
  await page.locator(`[data-action="${action}"]`).click();
}

async function seriousViolations(): Promise<string[]> {
  return (await checkAccessibility(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/** Asks the sandbox for the code a resident's phone would show, as the /sim panel does. */
async function residentCode(profile: string, query = ''): Promise<string> {
  const reply = await fetch(`${kiosk.kiosk.platformUrl}/sandbox/resident-codes/${profile}${query}`);
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { code: string }).code;
}

/** Reads the QR on the last page of a PDF with pdftoppm and zbarimg. */
function qrTextOfPdf(pdf: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-qr-'));
  execFileSync(requireTool('pdftoppm', 'poppler-utils'), [
    '-r',
    '150',
    '-png',
    pdf,
    join(dir, 'page'),
  ]);
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();
  return execFileSync(
    requireTool('zbarimg', 'zbar-tools'),
    ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, pages.at(-1) ?? 'missing.png')],
    { encoding: 'utf8' },
  ).trim();
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
    await kiosk.sim('scan', { text: code });

    await screen('si-payment-certificate/preview', '03-preview');
    const preview = await page.locator('main').innerText();
    expect(preview).toContain('李*华');
    expect(preview).toContain('320106********123X');
    expect(preview).not.toContain('李明华');
    expect(preview).not.toContain(code);

    await press('print');
    await screen('si-payment-certificate/take-document', '04-take-document');
    const pdfs = readdirSync(kiosk.documentDir).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    const pdf = join(kiosk.documentDir, pdfs[0] ?? '');
    const text = execFileSync(requireTool('pdftotext', 'poppler-utils'), [pdf, '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('李明华');
    expect(text).toContain('320106********123X');
    const verifyUrl = qrTextOfPdf(pdf);
    expect(verifyUrl.startsWith(`${kiosk.kiosk.platformUrl}/verify/`)).toBe(true);
    const check = (await (
      await fetch(verifyUrl, { headers: { accept: 'application/json' } })
    ).json()) as { status: string; holder?: string };
    expect(check).toMatchObject({ status: 'valid', holder: '李*华' });

    const receipts = kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('李*华');

    await press('next');
    await screen('rating');
    await press('rate-5');
    await screen('thanks');
    await press('done');
    await screen('attract');
    expect(kiosk.kiosk.sessions.inSession).toBe(false);
  });

  it('is told an expired code has expired, refreshes it and carries on', async () => {
    await startQrPath();
    await kiosk.sim('scan', { text: await residentCode('resident-wang', '?expired=true') });
    await screen('si-payment-certificate/code-expired', '05-code-expired');
    expect(await seriousViolations()).toEqual([]);
    await press('retry');
    await screen('si-payment-certificate/show-code');
    await kiosk.sim('scan', { text: await residentCode('resident-wang') });
    await screen('si-payment-certificate/preview');
    expect(await page.locator('main').innerText()).toContain('王*英');
  });

  it('is told a code that is not a resident code cannot be read, and can use the ID card instead', async () => {
    await startQrPath();
    await kiosk.sim('scan', { text: '6901234567892' });
    await screen('si-payment-certificate/code-unreadable', '06-code-unreadable');
    await press('use-card');
    await screen('si-payment-certificate/insert-card');
    await kiosk.sim('card/insert', { profile: 'resident-li' });
    await screen('si-payment-certificate/preview');
  });
});
