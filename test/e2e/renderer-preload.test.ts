import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../kiosk/browser-host/host.ts';
import { CONTRACT_VERSION } from '../../kiosk/contract.ts';
import { SAMPLE_SCREENS, sampleSnapshot } from '../../kiosk/renderer/samples.ts';
import { buildRenderer, createScriptedCore, launchChromium } from '../support/browser.ts';
import { budget } from '../support/time.ts';

const PORTRAIT = { width: 1080, height: 1920 };

describe('the touchscreen renderer inside Electron', () => {
  it('uses the preload bridge when window.kiosk24 exists, saying hello first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-e2e-preload-'));
    buildRenderer(dir);
    const core = createScriptedCore();
    const host = await startBrowserHost({ core, rendererDir: dir });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: PORTRAIT });
      // Playwright's default for every click and wait, stretched by the time scale.
      page.setDefaultTimeout(budget(30_000));
      await page.addInitScript(() => {
        const scope = window as unknown as {
          sent: unknown[];
          deliver: (message: unknown) => void;
          kiosk24: unknown;
        };
        scope.sent = [];
        let listener: (message: unknown) => void = () => undefined;
        scope.deliver = (message) => listener(message);
        scope.kiosk24 = {
          send: (message: unknown) => scope.sent.push(message),
          onMessage: (next: (message: unknown) => void) => {
            listener = next;
            return () => undefined;
          },
        };
      });
      await page.goto(host.url);
      const snapshot = { ...sampleSnapshot(SAMPLE_SCREENS.menu), seq: 1 };
      await page.evaluate(
        (message) => {
          (window as unknown as { deliver: (m: unknown) => void }).deliver(message);
        },
        { type: 'snapshot', snapshot },
      );
      await page.locator('main[data-screen="menu"]').waitFor();
      await page.locator('[data-action="queue"]').click();
      const sent = await page.evaluate(() => (window as unknown as { sent: unknown[] }).sent);
      expect(sent[0]).toEqual({ type: 'hello', contractVersion: CONTRACT_VERSION });
      expect(sent).toContainEqual({
        type: 'action',
        event: 'service.choose',
        data: { serviceId: 'queue' },
      });
      expect(core.connections()).toBe(0);
    } finally {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
