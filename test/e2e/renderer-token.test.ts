import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../kiosk/browser-host/host.ts';
import { silentLogger } from '../../kiosk/core/log.ts';
import { SAMPLE_SCREENS, sampleSnapshot } from '../../kiosk/renderer/samples.ts';
import { buildRenderer, createScriptedCore, launchChromium } from '../support/browser.ts';
import { waitFor } from '../support/time.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const TOKEN = '5d1e9c3b7a2f4e6d8c0b1a3f5e7d9c2b';

describe('the kiosk window of a browser host with a bridge token', () => {
  it('connects from the window address, and a page without the token never reaches the core', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-e2e-token-'));
    buildRenderer(dir);
    const core = createScriptedCore();
    core.show(sampleSnapshot(SAMPLE_SCREENS.menu));
    const host = await startBrowserHost({
      core,
      rendererDir: dir,
      token: TOKEN,
      log: silentLogger,
    });
    const browser = await launchChromium();
    try {
      const stranger = await browser.newPage({ viewport: PORTRAIT });
      await stranger.goto(host.url);
      await stranger.getByRole('status').filter({ hasText: '正在连接…' }).waitFor();

      const kiosk = await browser.newPage({ viewport: PORTRAIT });
      await kiosk.goto(host.windowUrl);
      await kiosk.locator('main[data-screen="menu"]').waitFor({ timeout: 15_000 });
      await waitFor(() => core.connections() === 1, 'the kiosk window to reach the core');

      // The stranger keeps retrying and keeps being refused; it never shows the kiosk's screen.
      expect(await stranger.locator('main[data-screen="menu"]').count()).toBe(0);
      expect(core.connections()).toBe(1);
    } finally {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
