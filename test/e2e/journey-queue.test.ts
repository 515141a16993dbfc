import { describe, expect, it } from 'vitest';
import { useJourney } from '../support/journey.ts';
import { budget } from '../support/time.ts';

const journey = useJourney('journey-queue', {
  // Short so a platform that is down shows quickly, yet every sandbox answer comes within it.
  platform: { timeoutMs: budget(1000) },
  // Beside the Gulou district centre, so it comes first and distances are shown.
  location: { lat: 32.0668, lng: 118.7701 },
});
const { screen, press, seriousViolations } = journey;

async function open(): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu');
  await press('queue-ticket');
  await screen('queue-ticket/start', '01-start');
}

/** Touches the list row with that item id. */
async function pick(item: string): Promise<void> {
  await journey.page.locator(`[data-item="${item}"]`).click();
}

async function mainText(): Promise<string> {
  return journey.page.locator('main').innerText();
}

/** Walks in: the nearest hall, then its general counter, up to the ticket on screen. */
async function walkInTicket(shots = false): Promise<void> {
  await open();
  await press('walk-in');
  await screen('queue-ticket/pick-hall-near', shots ? '02-pick-hall' : undefined);
  if (shots) expect(await seriousViolations()).toEqual([]);
  const halls = await journey.page.locator('[data-item]').allInnerTexts();
  expect(halls[0]).toContain('鼓楼区政务服务中心');
  expect(halls[0]).toMatch(/距离约 0(\.\d)? 公里/);
  expect(halls[0]).toContain('江苏省南京市鼓楼区示例大街88号');
  await pick('nj-gulou');
  await screen('queue-ticket/pick-type', shots ? '03-pick-type' : undefined);
  expect(await mainText()).toMatch(/综合受理窗口\s+等候 \d+ 人，预计 \d+ 分钟/);
  await pick('general');
  await screen('queue-ticket/ticket', shots ? '04-ticket' : undefined);
}

function receipts() {
  return journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
}

describe('a resident taking a queue ticket', () => {
  it('picks the nearest hall and a business type, sees people ahead and the wait, and prints the ticket', async () => {
    await walkInTicket(true);
    expect(await seriousViolations()).toEqual([]);
    const shown = await mainText();
    const ticketNo = /\bD\d{3}\b/.exec(shown)?.[0];
    expect(ticketNo, 'a D-series ticket number on screen').toBeDefined();
    expect(shown).toContain('鼓楼区政务服务中心');
    expect(shown).toContain('综合受理窗口');
    expect(shown).toMatch(/前面还有 \d+ 人，预计等候约 \d+ 分钟/);

    await press('print');
    await screen('queue-ticket/take-ticket', '05-take-ticket');
    const printed = receipts();
    expect(printed).toHaveLength(1);
    expect(printed[0]?.text).toContain(ticketNo);
    expect(printed[0]?.text).toContain('鼓楼区政务服务中心');
    expect(printed[0]?.text).toMatch(/前面等候 Ahead\s+\d+ 人/);
    expect(printed[0]?.text).toMatch(/约 \d+ 分钟/);

    await press('finish');
    await screen('rating');
    await press('rate-5');
    await screen('thanks');
    await press('done');
    await screen('attract');
    expect(journey.kiosk.kiosk.sessions.inSession).toBe(false);
  });

  it('shows business names glossed in English', async () => {
    await open();
    await journey.page.locator('[data-locale="en"]').click();
    await press('walk-in');
    await screen('queue-ticket/pick-hall-near', '06-pick-hall-en');
    expect(await mainText()).toContain('Gulou District Service Centre');
    await pick('nj-gulou');
    await screen('queue-ticket/pick-type', '07-pick-type-en');
    expect(await mainText()).toContain('General counter');
    await pick('general');
    await screen('queue-ticket/ticket', '08-ticket-en');
    const ticket = await mainText();
    expect(ticket).toContain('Gulou District Service Centre');
    expect(ticket).toContain('General counter');
    expect(ticket).toMatch(/\d+ people ahead of you; expected wait about \d+ minutes/);
  });

  it('checks in a booked appointment with the ID card', async () => {
    await open();
    await press('appointment');
    await screen('queue-ticket/choose-identity', '09-choose-identity');
    await press('id-card');
    await screen('queue-ticket/insert-card', '10-insert-card');
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await screen('queue-ticket/ticket', '11-ticket-appointment');
    const shown = await mainText();
    expect(shown).toContain('南京市民中心政务服务大厅');
    expect(shown).toContain('不动产登记');
    expect(shown).not.toContain('王*英');
  });

  it('checks in a booked appointment with the resident code', async () => {
    await open();
    await press('appointment');
    await press('resident-code');
    await screen('queue-ticket/show-code', '12-show-code');
    await journey.kiosk.sim('resident-code', { profile: 'permit-huang' });
    await screen('queue-ticket/ticket');
    expect(await mainText()).toContain('户籍业务');
  });

  it('tells a resident with no appointment so, and lets them take a ticket instead', async () => {
    await open();
    await press('appointment');
    await press('id-card');
    await journey.kiosk.sim('card/insert', { profile: 'resident-li' });
    await screen('queue-ticket/no-appointment', '13-no-appointment');
    expect(await seriousViolations()).toEqual([]);
    await press('walk-in');
    await screen('queue-ticket/pick-hall-near');
  });

  it('is told the platform is down, and gets the halls on retry once it is back', async () => {
    await open();
    await journey.kiosk.sim('platform', { down: 'unavailable' });
    await press('walk-in');
    await screen('queue-ticket/platform-failed', '14-platform-down');
    expect(await seriousViolations()).toEqual([]);
    await journey.kiosk.sim('platform', { down: null });
    await press('retry');
    await screen('queue-ticket/pick-hall-near');
  });

  it('shows printing disabled while the receipt paper is out, the ticket still on screen', async () => {
    await walkInTicket();
    await journey.kiosk.sim('paper', { printer: 'receipt', state: 'out' });
    const print = journey.page.locator('[data-action="print"]');
    await expect.poll(() => print.isDisabled(), { timeout: budget(10_000) }).toBe(true);
    await screen('queue-ticket/ticket', '15-ticket-paper-out');
    expect(await mainText()).toMatch(/暂停服务/);
    await press('finish');
    await screen('rating');
  });

  it('is told the paper ran out while printing, and shown the number to note', async () => {
    await walkInTicket();
    const ticketNo = /\bD\d{3}\b/.exec(await mainText())?.[0] ?? 'missing';
    journey.kiosk.kiosk.devices.simulators.receipt?.runOutOfPaperAfterLines(3);
    await press('print');
    await screen('queue-ticket/paper-out', '16-paper-out-printing');
    expect(await seriousViolations()).toEqual([]);
    expect(await mainText()).toContain(ticketNo);
    expect(receipts().filter((r) => r.complete)).toHaveLength(0);
    await press('finish');
    await screen('rating');
  });
});
