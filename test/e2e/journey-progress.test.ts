import { describe, expect, it } from 'vitest';
import { useJourney } from '../support/journey.ts';
import { budget } from '../support/time.ts';

const journey = useJourney('journey-progress', {
  // Short so a platform that is down shows quickly, yet every sandbox answer comes within it.
  platform: { timeoutMs: budget(1000) },
});
const { screen, press, seriousViolations } = journey;

/** A seeded application of the sandbox: in review, applicant 李明华 (shown 李*华). */
const APPLICATION = 'SQ320100000123';

async function open(): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu');
  await press('progress-query');
  await screen('progress-query/start', '01-start');
}

/** Types `text` on the kiosk's own pad, key by key, as a resident's finger does. */
async function typeOnPad(text: string): Promise<void> {
  for (const key of text) await journey.page.locator(`[data-key="${key}"]`).click();
  expect(await journey.page.locator('[data-entry-value]').getAttribute('data-entry-value')).toBe(
    text,
  );
}

async function mainText(): Promise<string> {
  return journey.page.locator('main').innerText();
}

describe('a resident checking the progress of an application', () => {
  it('scans the QR on the receipt and sees the steps done and to come, and who handles them', async () => {
    await open();
    expect(await seriousViolations()).toEqual([]);
    await press('scan');
    await screen('progress-query/scan-receipt', '02-scan-receipt');
    await journey.kiosk.sim('scan', {
      text: `${journey.kiosk.kiosk.platformUrl}/progress/${APPLICATION}`,
    });
    await screen('progress-query/progress', '03-progress');
    expect(await seriousViolations()).toEqual([]);
    const shown = await mainText();
    expect(shown).toContain(APPLICATION);
    expect(shown).toContain('企业职工基本养老保险待遇申领');
    expect(shown).toContain('李*华');
    expect(shown).not.toContain('李明华');
    for (const step of ['申请提交', '窗口受理', '业务审核', '办结']) expect(shown).toContain(step);
    expect(shown).toContain('养老保险处');
    const states = await journey.page
      .locator('.step[data-state]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));
    expect(states).toEqual(['done', 'done', 'current', 'todo']);

    await press('finish');
    await screen('rating');
    await press('rate-5');
    await screen('thanks');
    await press('done');
    await screen('attract');
    expect(journey.kiosk.kiosk.sessions.inSession).toBe(false);
  });

  it('types the number on the on-screen pad, and sees step names glossed in English', async () => {
    await open();
    await press('type');
    await screen('progress-query/type-number', '04-type-number');
    expect(await journey.page.locator('input, textarea, [contenteditable]').count()).toBe(0);
    await typeOnPad('SQ320100000456');
    await saveAndSubmit();
    await screen('progress-query/progress', '05-progress-typed');
    expect(await mainText()).toContain('住房公积金提取');
    await journey.page.locator('[data-locale="en"]').click();
    await journey.page
      .getByText('Payment')
      .first()
      .waitFor({ timeout: budget(10_000) });
    await screen('progress-query/progress', '06-progress-en');
    expect(await mainText()).toContain('Review');
  });

  it('is told a number the platform does not know, and can type it again', async () => {
    await open();
    await press('type');
    await screen('progress-query/type-number');
    await typeOnPad('SQ999999999999');
    await saveAndSubmit();
    await screen('progress-query/unknown-number', '07-unknown-number');
    expect(await seriousViolations()).toEqual([]);
    expect(await mainText()).toContain('SQ999999999999');
    await press('retry');
    await screen('progress-query/type-number');
    await typeOnPad(APPLICATION);
    await saveAndSubmit();
    await screen('progress-query/progress');
  });

  it('is told a QR that is not a receipt cannot be used, and can type the number instead', async () => {
    await open();
    await press('scan');
    await screen('progress-query/scan-receipt');
    await journey.kiosk.sim('scan', { text: 'https://example.com/not-a-receipt' });
    await screen('progress-query/not-receipt', '08-not-receipt');
    await press('type');
    await screen('progress-query/type-number');
  });

  it('is told the platform is down, and finds the answer on retry once it is back', async () => {
    await open();
    await journey.kiosk.sim('platform', { down: 'unavailable' });
    await press('type');
    await typeOnPad(APPLICATION);
    await saveAndSubmit();
    await screen('progress-query/platform-failed', '09-platform-down');
    expect(await seriousViolations()).toEqual([]);
    await journey.kiosk.sim('platform', { down: null });
    await press('retry');
    await screen('progress-query/progress');
  });
});

async function saveAndSubmit(): Promise<void> {
  await journey.page.locator('[data-key="submit"]').click();
}
