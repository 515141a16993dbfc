import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../kiosk/browser-host/host.ts';
import { silentLogger } from '../../kiosk/core/log.ts';
import {
  buildRenderer,
  graveViolations,
  launchChromium,
  saveScreenshot,
} from '../support/browser.ts';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.ts';
import { budget } from '../support/time.ts';

// The renderer is built fresh (the corner gesture lives in it) into a folder of this test's own,
// so a stale shared build can neither hide nor fake the gesture.
let rendererDir: string;
let browser: Browser;
let kiosk: TestKiosk;
let host: BrowserHost;
let page: Page;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'kiosk24-maint-renderer-'));
  buildRenderer(rendererDir);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});
beforeEach(async () => {
  kiosk = await startTestKiosk();
  host = await startBrowserHost({
    core: kiosk.kiosk.sessions,
    sim: kiosk.kiosk.sim,
    port: 0,
    rendererDir,
    log: silentLogger,
  });
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  page.setDefaultTimeout(budget(15_000));
  await page.goto(host.url);
});
afterEach(async () => {
  await page?.close();
  await host?.close();
  await kiosk?.close();
});

async function screen(id: string, shot?: string): Promise<void> {
  await page.locator(`main[data-screen="${id}"]`).waitFor();
  if (shot) await saveScreenshot(page, `maintenance-${shot}`);
}

async function press(action: string): Promise<void> {
  await page.locator(`[data-action="${action}"]`).click();
}

async function enterPin(pin: string): Promise<void> {
  for (const digit of pin) await press(`pin-${digit}`);
  await press('pin-ok');
}

async function seriousViolations(): Promise<string[]> {
  return (await graveViolations(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/** The label → value rows drawn under a device's heading on the overview. */
async function deviceFields(name: string): Promise<Record<string, string>> {
  return page.evaluate((heading) => {
    const title = [...document.querySelectorAll('main p.block-text')].find(
      (p) => p.textContent === heading,
    );
    const list = title?.nextElementSibling;
    const rows: Record<string, string> = {};
    for (const row of list?.querySelectorAll('.field-row') ?? []) {
      rows[row.querySelector('dt')?.textContent ?? ''] = row.querySelector('dd')?.textContent ?? '';
    }
    return rows;
  }, name);
}

async function waitForPaper(name: string, state: string): Promise<void> {
  await expect
    .poll(async () => (await deviceFields(name))['纸张'], { timeout: budget(10_000) })
    .toBe(state);
}

describe('a technician in maintenance mode', () => {
  it('opens it with five corner taps and the PIN, checks devices, refills A4 paper, prints a test receipt and leaves', async () => {
    await screen('attract');
    for (let i = 0; i < 5; i++) await page.mouse.click(12, 12);
    await screen('maintenance/pin', '01-pin');
    expect(await seriousViolations()).toEqual([]);

    await enterPin('1111');
    await page.getByText('密码错误，还可尝试 4 次。').waitFor();
    await saveScreenshot(page, 'maintenance-02-wrong-pin');
    expect(await seriousViolations()).toEqual([]);

    await enterPin('246810');
    await screen('maintenance/overview', '03-overview');
    expect(await seriousViolations()).toEqual([]);
    for (const device of ['身份证读卡器', '凭条打印机', 'A4 打印机']) {
      expect(await deviceFields(device)).toMatchObject({ 状态: '在线', 类型: '模拟设备' });
    }

    await kiosk.sim('paper', { printer: 'document', state: 'out' });
    await waitForPaper('A4 打印机', '缺纸');
    await saveScreenshot(page, 'maintenance-04-a4-paper-out');
    await kiosk.sim('paper', { printer: 'document', state: 'ok' });
    await press('refilled-documentPrinter');
    await page.getByText('完成：已补纸：A4 打印机').waitFor();
    expect((await deviceFields('A4 打印机'))['纸张']).toBe('正常');

    const printedBefore = kiosk.kiosk.devices.simulators.receipt?.receipts().length ?? 0;
    await press('test-print-receipt');
    await page.getByText('完成：打印凭条测试页').waitFor();
    await saveScreenshot(page, 'maintenance-05-test-print');
    const receipts = kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts.length).toBe(printedBefore + 1);
    expect(receipts[receipts.length - 1]?.text).toContain('打印测试页');

    await press('maintenance-info');
    await screen('maintenance/info', '06-info');
    expect(await seriousViolations()).toEqual([]);
    await page.getByText(kiosk.config.kioskId).waitFor();

    await press('maintenance-exit');
    await screen('attract');
  });

  it('wipes a resident session in progress before the PIN screen shows', async () => {
    await screen('attract');
    await press('start');
    await screen('menu');
    for (let i = 0; i < 5; i++) await page.mouse.click(12, 12);
    await screen('maintenance/pin');
    expect(kiosk.kiosk.sessions.inSession).toBe(false);
    await press('maintenance-cancel');
    await screen('attract');
  });
});
