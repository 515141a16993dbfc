import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CONTRACT_VERSION,
  type KioskSnapshot,
  type RendererMessage,
} from '../../kiosk/contract.ts';
import { startBrowserHost, type BrowserHost } from '../../kiosk/browser-host/host.ts';
import { idleWarning, SAMPLE_SCREENS, sampleSnapshot } from '../../kiosk/renderer/samples.ts';
import {
  buildRenderer,
  graveViolations,
  createScriptedCore,
  launchChromium,
  saveScreenshot,
  type ScriptedCore,
} from '../support/browser.ts';
import { budget } from '../support/time.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

describe('the touchscreen renderer in Chromium', () => {
  let dir: string;
  let rendererDir: string;
  let core: ScriptedCore;
  let host: BrowserHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspErrors: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-e2e-'));
    rendererDir = join(dir, 'renderer');
    buildRenderer(rendererDir);
    core = createScriptedCore();
    host = await startBrowserHost({ core, rendererDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: PORTRAIT });
    page = await context.newPage();
    // Shorter than the test's own limit, so a stuck step fails with Playwright's description.
    page.setDefaultTimeout(budget(10_000));
    cspErrors = [];
    pageErrors = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    expect(cspErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  /** Shows a snapshot through the fake core and waits until the page draws it. */
  async function show(snapshot: Omit<KioskSnapshot, 'seq'> & { seq?: number }): Promise<void> {
    core.show(snapshot);
    if (page.url() === 'about:blank') await page.goto(host.url);
    await page
      .locator(`main[data-screen="${snapshot.screen.id}"] h1`, { hasText: snapshot.screen.title })
      .waitFor();
    // The same screen can come back in another language or text size; wait for those too.
    await page.waitForFunction(
      ([lang, large]) =>
        document.documentElement.lang === lang &&
        document.documentElement.classList.contains('large-text') === large,
      [snapshot.locale, snapshot.largeText] as const,
    );
  }

  /** Fails with the list when axe-core finds a serious or critical problem. */
  async function expectAccessible(): Promise<void> {
    const grave = await graveViolations(page);
    expect(grave).toEqual([]);
  }

  /** Clicks and returns the first message of `type` that the core got because of it. */
  async function clickAndReceive(selector: string, type: RendererMessage['type']) {
    const since = core.received.length;
    await page.locator(selector).click();
    return core.waitFor((message) => message.type === type, since);
  }

  it('shows a neutral connecting screen in both languages until the first snapshot', async () => {
    const idle = await browser.newPage();
    idle.setDefaultTimeout(budget(10_000));
    // A host with no core snapshot yet: the fake core below never shows anything.
    const silentCore = createScriptedCore();
    const silentHost = await startBrowserHost({ core: silentCore, rendererDir });
    try {
      await idle.goto(silentHost.url);
      await idle.getByRole('status').filter({ hasText: '正在连接…' }).waitFor();
      await expect
        .poll(() => silentCore.received[0])
        .toEqual({
          type: 'hello',
          contractVersion: CONTRACT_VERSION,
        });
      expect(await idle.locator('[lang="en"]').textContent()).toBe('Connecting…');
      expect(await idle.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await saveScreenshot(idle, 'connecting');
    } finally {
      await idle.close();
      await silentHost.close();
    }
  });

  it('draws the attract screen with its notice and starts a session on touch', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.attract, { notices: ['不动产登记证明打印暂停服务'] }));
    await expect
      .poll(() => page.locator('.notice').textContent())
      .toBe('不动产登记证明打印暂停服务');
    expect(await page.getByRole('img', { name: '出示手机上的苏服码，或刷身份证' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expectAccessible();
    await saveScreenshot(page, 'attract');
    const message = await clickAndReceive('[data-action="start"]', 'action');
    expect(message).toEqual({ type: 'action', event: 'session.start' });
  });

  it('draws the menu, explains a disabled service and sends the chosen one with its data', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.menu, { notices: ['A4 打印机缺纸'] }));
    const disabled = page.locator('[data-action="estate"]');
    expect(await disabled.isDisabled()).toBe(true);
    expect(await page.getByText('A4 打印机缺纸，暂停服务，请到窗口办理').isVisible()).toBe(true);
    expect(await disabled.getAttribute('aria-describedby')).toBe('why-estate');
    await expectAccessible();
    await saveScreenshot(page, 'menu');
    const message = await clickAndReceive('[data-action="hf-certificate"]', 'action');
    expect(message).toEqual({
      type: 'action',
      event: 'service.choose',
      data: { serviceId: 'hf-certificate' },
    });
  });

  it('moves focus to the new heading and announces its title on every new screen', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.menu));
    await show(sampleSnapshot(SAMPLE_SCREENS.insertCard));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('screen-title');
    await expect
      .poll(() => page.locator('[data-live-region]').textContent())
      .toBe(SAMPLE_SCREENS.insertCard.title);
  });

  it('shows the insert-card step with its drawing described for screen readers', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.insertCard));
    expect(await page.getByRole('img', { name: '将身份证放到下方读卡区' }).isVisible()).toBe(true);
    expect(await page.getByText('没有身份证？可返回上一步改用苏服码。').isVisible()).toBe(true);
    await expectAccessible();
    await saveScreenshot(page, 'insert-card');
  });

  it('shows the review fields and confirms printing', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.review));
    const rows = await page.locator('.field-row').allTextContents();
    expect(rows).toContain('证件号码320102********1234');
    expect(rows).toHaveLength(5);
    await expectAccessible();
    await saveScreenshot(page, 'review');
    const message = await clickAndReceive('[data-action="confirm"]', 'action');
    expect(message).toEqual({ type: 'action', event: 'print.confirm' });
  });

  it('shows progress while printing and the ticket number afterwards', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.printing));
    expect(await page.getByRole('status').filter({ hasText: '正在打印证明' }).count()).toBe(1);
    await expectAccessible();
    await saveScreenshot(page, 'printing');
    await show(sampleSnapshot(SAMPLE_SCREENS.ticket));
    expect(await page.locator('.ticket-number').textContent()).toBe('A023');
    await expectAccessible();
    await saveScreenshot(page, 'ticket');
  });

  it('shows an error message in the error tone as an alert, with retry', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.printFailed));
    expect(await page.locator('main.tone--error').count()).toBe(1);
    expect(await page.getByRole('alert').textContent()).toContain('A4 打印机卡纸');
    await expectAccessible();
    await saveScreenshot(page, 'print-failed');
    const message = await clickAndReceive('[data-action="retry"]', 'action');
    expect(message).toEqual({ type: 'action', event: 'print.retry' });
  });

  it('offers the service rating and sends the chosen grade', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.rating));
    expect(await page.locator('.rating-option').allTextContents()).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    await expectAccessible();
    await saveScreenshot(page, 'rating');
    const message = await clickAndReceive('[data-action="r4"]', 'action');
    expect(message).toEqual({ type: 'action', event: 'rating.give', data: { score: 4 } });
  });

  it('shows the maintenance layout', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.maintenance));
    expect(await page.locator('main.layout--maintenance .field-row').count()).toBe(3);
    await expectAccessible();
    await saveScreenshot(page, 'maintenance');
  });

  it('warns before the session ends and sends idle.extend from the extend button', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.menu, { idle: idleWarning('zh-CN', 30) }));
    const dialog = page.getByRole('alertdialog', { name: '您还在吗？' });
    await dialog.waitFor();
    const seconds = Number(await dialog.locator('.idle-seconds').textContent());
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(30);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-idle')))
      .toBe('extend');
    expect(await page.locator('.kiosk').evaluate((element) => (element as HTMLElement).inert)).toBe(
      true,
    );
    await expectAccessible();
    await saveScreenshot(page, 'idle-warning');
    expect(await clickAndReceive('[data-idle="extend"]', 'idle.extend')).toEqual({
      type: 'idle.extend',
    });
    expect(await clickAndReceive('[data-idle="end"]', 'idle.end')).toEqual({ type: 'idle.end' });
  });

  it('enlarges the text in large-text mode and asks the core to switch it', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.review));
    const normal = await headingSize(page);
    expect(await clickAndReceive('[data-large-text]', 'large-text')).toEqual({
      type: 'large-text',
      on: true,
    });
    await show(sampleSnapshot(SAMPLE_SCREENS.review, { largeText: true }));
    expect(await headingSize(page)).toBeGreaterThan(normal);
    expect(await page.locator('[data-large-text]').getAttribute('aria-pressed')).toBe('true');
    await expectAccessible();
    await saveScreenshot(page, 'review-large-text');
  });

  it('follows the snapshot locale in the lang attribute and asks the core to switch', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.menu));
    expect(await clickAndReceive('[data-locale="en"]', 'locale')).toEqual({
      type: 'locale',
      locale: 'en',
    });
    await show(sampleSnapshot(SAMPLE_SCREENS.menuEnglish, { locale: 'en' }));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByText('Out of A4 paper. Please ask at the counter.').isVisible()).toBe(
      true,
    );
    expect(await page.locator('[data-large-text]').textContent()).toContain('Large text');
    await expectAccessible();
    await saveScreenshot(page, 'menu-english');
  });

  it('keeps touch targets at least 64 px and primary actions in the lower half', async () => {
    for (const viewport of [PORTRAIT, LANDSCAPE]) {
      await page.setViewportSize(viewport);
      await show(sampleSnapshot(SAMPLE_SCREENS.review));
      for (const box of await boxesOf(page, 'button')) {
        expect(box.height).toBeGreaterThanOrEqual(64);
        expect(box.width).toBeGreaterThanOrEqual(64);
      }
      for (const box of await boxesOf(page, '.action--primary')) {
        expect(box.y).toBeGreaterThanOrEqual(viewport.height / 2);
      }
    }
    await show(sampleSnapshot(SAMPLE_SCREENS.menu));
    await saveScreenshot(page, 'menu-landscape');
  });

  it('drops a snapshot older than the one on screen', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.menu));
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const id = document.querySelector('main')?.getAttribute('data-screen');
        if (id) seen.push(id);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const current = core.show(sampleSnapshot(SAMPLE_SCREENS.review));
    await page.locator('main[data-screen="review"]').waitFor();
    core.broadcast({
      type: 'snapshot',
      snapshot: { ...sampleSnapshot(SAMPLE_SCREENS.attract), seq: current.seq - 1 },
    });
    await show({ ...sampleSnapshot(SAMPLE_SCREENS.rating), seq: current.seq + 1 });
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).not.toContain('attract');
    expect(seen).toContain('rating');
  });

  it('reports touches as activity without any content', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.insertCard));
    const since = core.received.length;
    await page.mouse.click(500, 900);
    expect(await core.waitFor((message) => message.type === 'activity', since)).toEqual({
      type: 'activity',
    });
  });

  it('keeps nothing in storage or cookies after a whole journey', async () => {
    for (const screen of [SAMPLE_SCREENS.attract, SAMPLE_SCREENS.menu, SAMPLE_SCREENS.review]) {
      await show(sampleSnapshot(screen));
    }
    await page.locator('[data-action="confirm"]').click();
    const stored = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
    }));
    expect(stored).toEqual({ local: 0, session: 0, databases: 0, caches: 0 });
    expect(await context.cookies()).toEqual([]);
  });

  it('goes back to the connecting screen when the host drops and recovers when it returns', async () => {
    await show(sampleSnapshot(SAMPLE_SCREENS.review));
    const port = Number(new URL(host.url).port);
    await host.close();
    await page.getByRole('status').filter({ hasText: '正在连接…' }).waitFor();
    expect(await page.getByText('320102********1234').count()).toBe(0);
    host = await startBrowserHost({ core, rendererDir, port });
    await page.locator('main[data-screen="review"]').waitFor({ timeout: budget(15_000) });
  });
});

async function headingSize(page: Page): Promise<number> {
  return page.locator('h1').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
}

async function boxesOf(page: Page, selector: string) {
  const boxes = [];
  for (const element of await page.locator(selector).all()) {
    const box = await element.boundingBox();
    if (box !== null) boxes.push(box);
  }
  expect(boxes.length).toBeGreaterThan(0);
  return boxes;
}
