import { describe, expect, it } from 'vitest';
import type { StoredHelpRequest } from '../../kiosk/core/platform/sandbox/help.ts';
import { ATTRACT_PANEL_MS } from '../../kiosk/renderer/layouts/AttractLayout.tsx';
import { checkAccessibility, saveScreenshot } from '../support/browser.ts';
import { useJourney } from '../support/journey.ts';
import { budget, waitFor } from '../support/time.ts';

const journey = useJourney('help-attract', {
  kiosk: { hallName: '姑苏区金阊街道便民服务中心', hours: '08:30-20:00' },
});
const { screen } = journey;

/** Every axe-core finding, whatever its impact, as `rule: targets` lines. */
async function violations(): Promise<string[]> {
  return (await checkAccessibility(journey.page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

async function helpRequests(): Promise<StoredHelpRequest[]> {
  const reply = await fetch(`${journey.kiosk.kiosk.platformUrl}/sandbox/help-requests`);
  return ((await reply.json()) as { helpRequests: StoredHelpRequest[] }).helpRequests;
}

describe('the attract screen and help on every screen', () => {
  it('starts on a touch of the background, opens help, calls staff and shows the confirmation', async () => {
    const page = journey.page;
    await screen('attract', '01-attract');
    // What the terminal offers, from the core: services, hours and the hall.
    const offer = await page.locator('.attract-offer').innerText();
    expect(offer).toContain('社保参保缴费证明打印');
    expect(offer).toContain('08:30–20:00');
    expect(offer).toContain('姑苏区金阊街道便民服务中心');
    expect(await violations()).toEqual([]);

    // The heading band is no button: touching it is touching the screen's background.
    await page.locator('[data-screen="attract"] .screen-heading').click();
    await screen('menu', '02-menu');
    expect(journey.kiosk.kiosk.sessions.inSession).toBe(true);

    await page.locator('[data-help="open"]').click();
    const dialog = page.locator('[data-help-dialog]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-hotline]').innerText()).toContain('12345');
    const remote = new URL((await dialog.locator('[data-qr]').getAttribute('data-qr')) ?? '');
    expect(remote.protocol).toBe('https:');
    expect(remote.searchParams.get('kiosk')).toBe(journey.kiosk.config.kioskId);
    expect(await dialog.locator('svg.qr-code path').count()).toBe(1);
    await saveScreenshot(page, 'help-attract-03-help');
    expect(await violations()).toEqual([]);

    await dialog.locator('[data-help="call-staff"]').click();
    await page
      .locator('[data-staff-called]', { hasText: '已通知大厅工作人员' })
      .waitFor({ timeout: budget(10_000) });
    await saveScreenshot(page, 'help-attract-04-staff-called');
    expect(await violations()).toEqual([]);
    const mine = await waitFor(
      async () => {
        const found = (await helpRequests()).filter((r) => r.screen === 'menu');
        return found.length > 0 && found;
      },
      'the sandbox to receive the help request',
      10_000,
    );
    expect(mine).toEqual([
      expect.objectContaining({
        kioskId: journey.kiosk.config.kioskId,
        screen: 'menu',
        reason: 'resident-asked',
      }),
    ]);

    // Closing help gives the screen back; ending the session forgets the call.
    await dialog.locator('[data-help="close"]').click();
    await dialog.waitFor({ state: 'detached' });
    await journey.press('end');
    await screen('attract');
    await page.locator('[data-help="open"]').click();
    expect(await page.locator('[data-staff-called]').innerText()).toBe('');
  });

  it('turns its panels, one at a time', async () => {
    const page = journey.page;
    await screen('attract');
    const panel = page.locator('.attract-panel');
    expect(await panel.getAttribute('data-panel')).toBe('services');
    await page
      .locator('.attract-panel[data-panel="hours"]')
      .waitFor({ timeout: budget(ATTRACT_PANEL_MS * 3) });
    expect(await page.locator('.attract-panel').count()).toBe(1);
  });

  it('stands still for people who asked for less motion, and still starts on a touch', async () => {
    const page = journey.page;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    await screen('attract', '05-attract-reduced-motion');
    expect(await page.locator('.attract-panel').count()).toBe(0);
    const panels = page.locator('[data-screen="attract"] .block-list--plain [data-item]');
    expect(await panels.count()).toBe(3);
    expect(await violations()).toEqual([]);
    await page
      .locator('[data-screen="attract"] .attract-content')
      .click({ position: { x: 20, y: 20 } });
    await screen('menu');
  });
});
