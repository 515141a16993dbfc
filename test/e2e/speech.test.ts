import { describe, expect, it, vi } from 'vitest';
import { Speaker } from '../../kiosk/core/speech/speaker.ts';
import { useJourney } from '../support/journey.ts';
import { waitFor } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

// CI has no sound card: the kiosk synthesises with espeak-ng and drops the WAV.
const journey = useJourney('speech', { speech: { engine: 'espeak-ng', player: 'none' } });

describe('the speaker button', () => {
  it('is on every screen and asks the core to read the current screen aloud', async () => {
    requireTool('espeak-ng', 'espeak-ng');
    // The spy calls through: the real speaker synthesises; the test reads what it was given.
    const spy = vi.spyOn(Speaker.prototype, 'say');
    const said = (i: number) => {
      const args = spy.mock.calls[i];
      const result = spy.mock.results[i];
      return args && result
        ? { text: args[0], locale: args[1], done: result.value as Promise<void> }
        : undefined;
    };
    try {
      const page = journey.page;
      await journey.screen('attract', '01-attract');
      await page.locator('[data-speech="request"]').click();
      const first = await waitFor(() => said(0), 'the core to speak the attract screen');
      expect(first.locale).toBe('zh-CN');
      expect(first.text).toContain('开始办理');
      await first.done;

      await page.locator('[data-screen="attract"] .screen-heading').click();
      await journey.screen('menu', '02-menu');
      await page.locator('[data-locale="en"]').click();
      await page.locator('html[lang="en"]').waitFor();
      await page.locator('[data-speech="request"]').click();
      const second = await waitFor(() => said(1), 'the core to speak the menu in English');
      expect(second.locale).toBe('en');
      expect(second.text).toMatch(/button at the bottom: Finish/);
      await second.done;
      expect(await journey.seriousViolations()).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('switches speech mode on with a long press, and the session end switches it off', async () => {
    const page = journey.page;
    await journey.screen('attract');
    const speaker = page.locator('[data-speech="request"]');
    await speaker.hover();
    await page.mouse.down();
    await page.locator('[data-speech="request"][data-speech-mode="true"]').waitFor();
    await page.mouse.up();
    expect(journey.kiosk.kiosk.sessions.snapshot().speechMode).toBe(true);
    await page.locator('[data-screen="attract"] .screen-heading').click();
    await journey.screen('menu');
    await journey.press('end');
    await journey.screen('attract');
    await page.locator('[data-speech="request"][data-speech-mode="false"]').waitFor();
  });
});
