import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { buildRenderer, graveViolations, launchChromium, saveScreenshot } from './browser.ts';
import { startTestKiosk, type TestKiosk } from './kiosk.ts';
import { budget } from './time.ts';
import { requireTool } from './tools.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A resident's journey through the whole kiosk in real Chromium, one fresh kiosk per test. */
export interface Journey {
  readonly page: Page;
  readonly kiosk: TestKiosk;
  /** Waits for a screen; with `shot`, saves test-output/screens/<prefix>-<shot>.png. */
  screen: (id: string, shot?: string) => Promise<void>;
  /** Touches the action with that id. */
  press: (action: string) => Promise<void>;
  /** axe-core findings of impact serious or critical on the current screen. */
  seriousViolations: () => Promise<string[]>;
}

/**
 * Registers the hooks of an end-to-end file (one Chromium for the file, a new kiosk on its
 * embedded defaults and a new page per test) and returns the handle the tests drive.
 */
export function useJourney(prefix: string, overrides: Record<string, unknown> = {}): Journey {
  let browser: Browser | undefined;
  let kiosk: TestKiosk | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))) {
      buildRenderer(join(repoRoot, 'dist', 'renderer'));
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    kiosk = await startTestKiosk(overrides);
    page = await browser!.newPage({ viewport: { width: 1080, height: 1920 } });
    // Playwright's default for every click and wait, stretched by the time scale.
    page.setDefaultTimeout(budget(30_000));
    await page.goto(kiosk.url);
  });
  afterEach(async () => {
    await page?.close();
    await kiosk?.close();
  });
  const current = (): Page => {
    if (!page) throw new Error('the journey page exists only inside a test');
    return page;
  };
  return {
    get page() {
      return current();
    },
    get kiosk() {
      if (!kiosk) throw new Error('the journey kiosk exists only inside a test');
      return kiosk;
    },
    screen: async (id, shot) => {
      await current()
        .locator(`[data-screen="${id}"]`)
        .waitFor({ timeout: budget(15_000) });
      if (shot) await saveScreenshot(current(), `${prefix}-${shot}`);
    },
    press: async (action) => {
      await current().locator(`[data-action="${action}"]`).click();
    },
    seriousViolations: async () =>
      (await graveViolations(current())).map((v) => `${v.id}: ${v.targets.join(', ')}`),
  };
}

/** What zbarimg reads from the QR codes in a PNG (one line per code). */
export function zbarQr(png: string): string {
  return execFileSync(
    requireTool('zbarimg', 'zbar-tools'),
    ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png],
    { encoding: 'utf8' },
  ).trim();
}

/** Renders the last page of a PDF (where the verification block sits) and reads its QR. */
export function qrTextOfPdf(pdf: string): string {
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
  return zbarQr(join(dir, pages.at(-1) ?? 'missing.png'));
}
