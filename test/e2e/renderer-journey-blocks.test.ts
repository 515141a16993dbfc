import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KioskSnapshot, ScreenView } from '../../kiosk/contract.ts';
import { startBrowserHost, type BrowserHost } from '../../kiosk/browser-host/host.ts';
import { sampleSnapshot } from '../../kiosk/renderer/samples.ts';
import {
  buildRenderer,
  checkAccessibility,
  createScriptedCore,
  launchChromium,
  saveScreenshot,
  type ScriptedCore,
} from '../support/browser.ts';
import { zbarQr } from '../support/journey.ts';
import { budget } from '../support/time.ts';

const task = (id: string, title: string, blocks: ScreenView['blocks']): ScreenView => ({
  id,
  layout: 'task',
  tone: 'neutral',
  title,
  blocks,
  actions: [{ id: 'back', label: '返回', event: 'back', kind: 'secondary' }],
});

const PROGRESS_NUMBER = task('progress/number', '请输入办件编号', [
  {
    kind: 'entry',
    pad: 'digits',
    label: '办件编号',
    event: 'number.entered',
    submitLabel: '查询',
    minLength: 4,
    maxLength: 8,
    hint: '编号印在受理回执的右上角',
  },
]);

const CREDIT_CODE = task('enterprise/code', '请输入统一社会信用代码', [
  {
    kind: 'entry',
    pad: 'credit-code',
    label: '统一社会信用代码',
    event: 'code.entered',
    submitLabel: '确定',
    minLength: 18,
    maxLength: 18,
  },
]);

const PROGRESS_STEPS = task('progress/steps', '办件进度', [
  {
    kind: 'list',
    style: 'steps',
    items: [
      { id: 'accepted', title: '已受理', lines: ['2025-01-06 姑苏区政务服务中心'], state: 'done' },
      { id: 'review', title: '审核中', lines: ['经办人：社保科'], state: 'current' },
      { id: 'done', title: '办结', lines: [], state: 'todo' },
    ],
  },
  { kind: 'qr', text: 'https://progress.example.com/p/BJ2025000123', caption: '扫码查看办件进度' },
]);

const NEWBORN_ITEMS = task('newborn/items', '请选择要办理的事项', [
  {
    kind: 'list',
    style: 'checklist',
    items: [
      {
        id: 'birth-cert',
        title: '出生医学证明',
        lines: [],
        selected: true,
        action: {
          id: 'birth-cert',
          label: '出生医学证明',
          event: 'item.toggle',
          data: { item: 'birth-cert' },
          kind: 'secondary',
        },
      },
      {
        id: 'hukou',
        title: '户口登记',
        lines: ['需父母双方户口簿'],
        selected: false,
        action: {
          id: 'hukou',
          label: '户口登记',
          event: 'item.toggle',
          data: { item: 'hukou' },
          kind: 'secondary',
        },
      },
    ],
  },
]);

describe("the journeys' blocks in Chromium", () => {
  let dir: string;
  let core: ScriptedCore;
  let host: BrowserHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-e2e-blocks-'));
    buildRenderer(join(dir, 'renderer'));
    core = createScriptedCore();
    host = await startBrowserHost({ core, rendererDir: join(dir, 'renderer') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    page = await context.newPage();
    page.setDefaultTimeout(budget(10_000));
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  async function show(snapshot: Omit<KioskSnapshot, 'seq'>): Promise<void> {
    core.show(snapshot);
    if (page.url() === 'about:blank') await page.goto(host.url);
    await page.locator(`main[data-screen="${snapshot.screen.id}"]`).waitFor();
  }

  async function violations(): Promise<string[]> {
    return (await checkAccessibility(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);
  }

  const shown = () => page.locator('[data-entry-value]').getAttribute('data-entry-value');

  it('types a number on a phone-style pad, with no system keyboard, and submits it', async () => {
    await show(
      sampleSnapshot({ ...PROGRESS_NUMBER, countdown: { seconds: 45, label: '剩余时间' } }),
    );
    expect(await page.locator('input, textarea, select, [contenteditable]').count()).toBe(0);
    const keys = await page.locator('.entry-row').allInnerTexts();
    expect(keys.map((row) => row.replace(/\s+/g, ''))).toEqual(['123', '456', '789', '⌫0✓查询']);
    const submit = page.locator('[data-key="submit"]');
    for (const key of '123') await page.locator(`[data-key="${key}"]`).click();
    expect(await shown()).toBe('123');
    expect(await submit.isDisabled()).toBe(true);
    // A hardware keyboard types on the same pad.
    await page.keyboard.press('4');
    expect(await shown()).toBe('1234');
    await page.locator('[data-key="delete"]').click();
    await page.locator('[data-key="9"]').click();
    expect(await page.locator('.entry-value').innerText()).toBe('1239');
    expect(await submit.isDisabled()).toBe(false);
    expect(await violations()).toEqual([]);
    await saveScreenshot(page, 'blocks-entry-digits');
    const since = core.received.length;
    await submit.click();
    expect(await core.waitFor((m) => m.type === 'action', since)).toEqual({
      type: 'action',
      event: 'number.entered',
      data: { value: '1239' },
    });
  });

  it('counts down locally and starts again from each snapshot', async () => {
    await show(
      sampleSnapshot({ ...PROGRESS_NUMBER, countdown: { seconds: 45, label: '剩余时间' } }),
    );
    const timer = page.getByRole('timer', { name: '剩余时间' });
    expect(Number(await timer.getAttribute('data-countdown'))).toBeLessThanOrEqual(45);
    await page.locator('[data-countdown="43"]').waitFor({ timeout: budget(5000) });
    core.show(sampleSnapshot({ ...PROGRESS_NUMBER, countdown: { seconds: 8, label: '剩余时间' } }));
    await page
      .locator('.countdown--urgent[data-countdown="8"], .countdown--urgent[data-countdown="7"]')
      .waitFor();
  });

  it('offers only the GB 32100 alphabet on the credit-code pad', async () => {
    await show(sampleSnapshot(CREDIT_CODE));
    const chars = await page.locator('.pad-key--char').allInnerTexts();
    expect(chars.join('')).toBe('1234567890ABCDEFGHJKLMNPQRTUWXY');
    await page.keyboard.type('91320500mo');
    expect(await shown()).toBe('91320500M');
    expect(await violations()).toEqual([]);
    await saveScreenshot(page, 'blocks-entry-credit-code');
  });

  it('shows progress steps by word and icon, and draws a QR code phones can read', async () => {
    await show(sampleSnapshot(PROGRESS_STEPS));
    const steps = page.locator('.step');
    expect(await steps.allInnerTexts()).toEqual([
      expect.stringContaining('已完成'),
      expect.stringContaining('进行中'),
      expect.stringContaining('未开始'),
    ]);
    expect(await page.locator('[aria-current="step"]').getAttribute('data-item')).toBe('review');
    expect(await page.getByRole('img', { name: '扫码查看办件进度' }).count()).toBe(1);
    expect(await violations()).toEqual([]);
    const png = join(dir, 'qr.png');
    await page.locator('.block-qr').screenshot({ path: png });
    expect(zbarQr(png)).toBe('https://progress.example.com/p/BJ2025000123');
    await saveScreenshot(page, 'blocks-steps-qr');
  });

  it('ticks a checklist row as a checkbox and sends its action', async () => {
    await show(sampleSnapshot(NEWBORN_ITEMS));
    const rows = page.getByRole('checkbox');
    expect(await rows.count()).toBe(2);
    expect(
      await page.getByRole('checkbox', { name: /出生医学证明/ }).getAttribute('aria-checked'),
    ).toBe('true');
    expect(
      await page.getByRole('checkbox', { name: /户口登记/ }).getAttribute('aria-checked'),
    ).toBe('false');
    const box = await page.locator('[data-item="hukou"]').boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(72);
    expect(await violations()).toEqual([]);
    await saveScreenshot(page, 'blocks-checklist');
    const since = core.received.length;
    await page.locator('[data-item="hukou"]').click();
    expect(await core.waitFor((m) => m.type === 'action', since)).toEqual({
      type: 'action',
      event: 'item.toggle',
      data: { item: 'hukou' },
    });
  });
});
