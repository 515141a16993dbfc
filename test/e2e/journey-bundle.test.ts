import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLES } from '../../kiosk/core/platform/sandbox/bundles-data.ts';
import { useJourney, zbarQr } from '../support/journey.ts';
import { budget, waitFor } from '../support/time.ts';

const journey = useJourney('journey-bundle', {
  // Short so an outage shows quickly, yet every sandbox answer comes well within it.
  platform: { timeoutMs: budget(2000) },
});
const { screen, press, seriousViolations } = journey;

const FLOW = 'newborn-bundle';
const NEWBORN = BUNDLES.find((b) => b.id === 'newborn')!;
/** What the parent types: fictional, and never allowed on disk. */
const PHONE = '13912345678';
const BANK_CARD = '6222020200112233445';

const page = () => journey.page;
const text = async (): Promise<string> => page().locator('main').innerText();

/** Types a value on the kiosk's own pad and submits it. */
async function typeOnPad(value: string): Promise<void> {
  for (const key of value) await page().locator(`[data-key="${key}"]`).click();
  await page().locator('[data-key="submit"]').click();
}

/** From the attract screen to the item checklist, identified by ID card. */
async function toChecklist(shots = false): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu', shots ? '00-menu' : undefined);
  await press(FLOW);
  await screen(`${FLOW}/choose-identity`, shots ? '01-choose-identity' : undefined);
  await press('id-card');
  await screen(`${FLOW}/insert-card`, shots ? '02-insert-card' : undefined);
  await journey.kiosk.sim('card/insert', { profile: 'resident-li' });
  await screen(`${FLOW}/pick-items`);
}

/** Ticks every item, answers every shared field once and stops on the missing-materials page. */
async function fillEverything(shots = false): Promise<void> {
  for (const item of NEWBORN.items) await page().locator(`[data-item="${item.id}"]`).click();
  if (shots) await screen(`${FLOW}/pick-items`, '03-pick-items');
  await press('next');
  const answers: [string, string][] = [
    ['ask-child-name', 'decided'],
    ['ask-child-gender', 'female'],
  ];
  for (const [id, value] of answers) {
    await screen(`${FLOW}/${id}`, shots ? `04-${id}` : undefined);
    await page().locator(`[data-item="${value}"]`).click();
  }
  await screen(`${FLOW}/ask-birth-date`, shots ? '05-ask-birth-date' : undefined);
  await typeOnPad('20261125');
  await screen(`${FLOW}/ask-hospital`, shots ? '06-ask-hospital' : undefined);
  await page().locator('[data-item="yes"]').click();
  await screen(`${FLOW}/ask-household-of`, shots ? '07-ask-household-of' : undefined);
  await page().locator('[data-item="mother"]').click();
  await screen(`${FLOW}/ask-phone`, shots ? '08-ask-phone' : undefined);
  await typeOnPad(PHONE);
  await screen(`${FLOW}/ask-bank-account`, shots ? '09-ask-bank-account' : undefined);
  await typeOnPad(BANK_CARD);
  await screen(`${FLOW}/review`, shots ? '10-review' : undefined);
}

/** The sandbox's public progress page of an application, or its HTTP status when it has none. */
async function progressOf(applicationNo: string): Promise<{ status: number; body: unknown }> {
  const reply = await fetch(`${journey.kiosk.kiosk.platformUrl}/progress/${applicationNo}`, {
    headers: { accept: 'application/json' },
  });
  return { status: reply.status, body: reply.status === 200 ? await reply.json() : undefined };
}

/** The ids of the list rows on the screen. */
async function rowIds(): Promise<string[]> {
  const rows = page().locator('main [data-item]');
  return (
    await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-item') ?? ''))
  ).filter((id) => id !== '');
}

/** The number shown on the done screen. */
async function shownNumber(): Promise<string> {
  const match = /KS\d{16}/.exec(await text());
  expect(match, 'an application number on the screen').not.toBeNull();
  return match![0];
}

describe('a parent applying for the newborn bundle (新生儿出生一件事)', () => {
  it('picks the items, answers each shared field once, sees every missing material on one page and gets a receipt with a progress QR', async () => {
    await toChecklist(true);
    expect(await seriousViolations()).toEqual([]);
    await fillEverything(true);

    const review = await text();
    expect(review).toContain('李*华');
    expect(review).toContain('320106********123X');
    expect(review).not.toContain('李明华');
    expect(review).not.toContain(BANK_CARD);
    const held = await rowIds();
    await press('next');
    await screen(`${FLOW}/materials`, '11-materials');
    expect(await seriousViolations()).toEqual([]);

    // 一次告知: with every item picked, each material of the bundle is either held by the
    // platform (免证办, on the review page) or missing, and every missing one is on this page.
    const missing = await rowIds();
    expect([...held, ...missing].sort()).toEqual(NEWBORN.materials.map((m) => m.id).sort());
    expect(missing).toEqual(
      expect.arrayContaining(['delivery-record', 'child-photo', 'bank-card']),
    );
    const missingPage = await text();
    for (const id of missing)
      expect(missingPage).toContain(NEWBORN.materials.find((m) => m.id === id)!.name);

    await press('submit');
    await screen(`${FLOW}/done`, '12-done');
    const applicationNo = await shownNumber();

    const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0]!;
    expect(receipt.complete).toBe(true);
    expect(receipt.text).toContain(applicationNo);
    expect(receipt.text).toContain('李*华');
    expect(receipt.text).not.toContain(PHONE);
    const png = join(mkdtempSync(join(tmpdir(), 'kiosk24-receipt-')), 'receipt.png');
    writeFileSync(png, receipt.png());
    const progressUrl = zbarQr(png);
    expect(progressUrl).toBe(`${journey.kiosk.kiosk.platformUrl}/progress/${applicationNo}`);

    // The platform has it under the kiosk's number, with one step per item picked.
    const progress = await progressOf(applicationNo);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ applicationNo, title: NEWBORN.name });

    await press('finish');
    await screen('rating');
    await press('rate-5');
    await screen('thanks');
    await press('done');
    await screen('attract');

    // What a parent typed never reaches the journal (its file, WAL and shared memory).
    const journalPath = journey.kiosk.config.journal.path;
    for (const file of [journalPath, `${journalPath}-wal`]) {
      const bytes = readFileSync(file).toString('latin1');
      expect(bytes.includes(PHONE)).toBe(false);
      expect(bytes.includes(BANK_CARD)).toBe(false);
      expect(bytes.includes(applicationNo)).toBe(false); // kept split, KS20261201-12345678
    }
  });

  it('prints the receipt while the platform is away, and the outbox files the application once it is back', async () => {
    await toChecklist();
    await fillEverything();
    await press('next');
    await screen(`${FLOW}/materials`);
    await journey.kiosk.sim('platform', { down: 'unavailable' });
    await press('submit');
    await screen(`${FLOW}/done-queued`, '13-done-queued');
    const applicationNo = await shownNumber();
    const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts.at(-1)?.text).toContain(applicationNo);
    const journal = journey.kiosk.kiosk.journal;
    expect(journal.outboxList({ state: 'pending' }).map((e) => e.kind)).toContain('application');

    await press('finish');
    await screen('rating');
    await journey.kiosk.sim('platform', { down: null });
    await waitFor(
      () => journal.outboxList().some((e) => e.kind === 'application' && e.state === 'sent'),
      'the outbox to send the application',
      60_000,
    );
    const sent = journal.outboxList().filter((e) => e.kind === 'application');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.state).toBe('sent');
    const progress = await progressOf(applicationNo);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ applicationNo });
  });

  it('says the platform cannot be reached when it is away before the items are shown, and retries', async () => {
    await screen('attract');
    await press('start');
    await screen('menu');
    await press(FLOW);
    await screen(`${FLOW}/choose-identity`);
    await journey.kiosk.sim('platform', { failNext: 'http-500', count: 3 });
    await press('id-card');
    await screen(`${FLOW}/insert-card`);
    await journey.kiosk.sim('card/insert', { profile: 'resident-li' });
    await screen(`${FLOW}/platform-failed`, '14-platform-failed');
    expect(await seriousViolations()).toEqual([]);
    await press('retry');
    await screen(`${FLOW}/pick-items`);
  });

  it('asks for at least one item before going on', async () => {
    await toChecklist();
    await press('next');
    await screen(`${FLOW}/need-one`, '15-need-one');
    await press('back');
    await screen(`${FLOW}/pick-items`);
  });

  it('says the card could not be read when it is pulled away mid-read, and reads it again', async () => {
    await screen('attract');
    await press('start');
    await screen('menu');
    await press(FLOW);
    await screen(`${FLOW}/choose-identity`);
    await press('id-card');
    await screen(`${FLOW}/insert-card`);
    await journey.kiosk.sim('fault', { device: 'idcard', fault: 'pull-mid-read' });
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await screen(`${FLOW}/card-read-failed`, '16-card-read-failed');
    expect(await seriousViolations()).toEqual([]);
    await journey.kiosk.sim('fault', { device: 'idcard', fault: 'none' });
    await press('retry');
    await screen(`${FLOW}/insert-card`);
    await journey.kiosk.sim('card/insert', { profile: 'resident-wang' });
    await screen(`${FLOW}/pick-items`);
  });

  it('prints nothing it cannot and shows the number on screen when the receipt printer is out of paper', async () => {
    await journey.kiosk.sim('paper', { printer: 'receipt', state: 'out' });
    await toChecklist();
    await fillEverything();
    await press('next');
    await screen(`${FLOW}/materials`);
    await press('submit');
    await screen(`${FLOW}/done-no-receipt`, '17-done-no-receipt');
    await shownNumber();
  });
});
