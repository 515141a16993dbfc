import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useJourney, zbarQr } from '../support/journey.ts';
import { budget } from '../support/time.ts';

/** The kiosk stands in Pukou, so the Pukou hall is listed first. */
const PUKOU = { lat: 32.0588, lng: 118.6277 };

const journey = useJourney('journey-guide', {
  location: PUKOU,
  // Short so a platform that is down shows quickly, yet every sandbox answer comes within it.
  platform: { timeoutMs: budget(1000) },
});
const { screen, press, seriousViolations } = journey;

async function open(): Promise<void> {
  await screen('attract');
  await press('start');
  await screen('menu');
  await press('service-guide');
  await screen('service-guide/home', '01-home');
}

/** Touches the row of a list whose item id is `id`. */
async function touchRow(id: string): Promise<void> {
  await journey.page
    .locator(`button[data-item="${id}"], [data-item="${id}"] button`)
    .first()
    .click();
}

/** Types `text` on the kiosk's own pad, key by key, and submits it. */
async function typeOnPad(text: string): Promise<void> {
  for (const key of text) await journey.page.locator(`[data-key="${key}"]`).click();
  await journey.page.locator('[data-key="submit"]').click();
}

async function mainText(): Promise<string> {
  return journey.page.locator('main').innerText();
}

describe('a resident reading a service guide', () => {
  it('browses by life event to a guide, sees where it is done, and prints it as a receipt', async () => {
    await open();
    expect(await seriousViolations()).toEqual([]);
    await touchRow('置业');
    await screen('service-guide/guides', '02-guides-life-event');
    const list = await mainText();
    expect(list).toContain('存量房转移登记');
    expect(list).toContain('不动产登记信息查询');
    await touchRow('real-estate-transfer');
    await screen('service-guide/guide-hall', '03-guide-hall-only');
    expect(await seriousViolations()).toEqual([]);
    const guide = await mainText();
    for (const part of [
      '须到政务服务大厅',
      '完税凭证',
      '住宅80元/件',
      '1个工作日',
      '不动产登记暂行条例',
    ])
      expect(guide).toContain(part);

    await press('print');
    await screen('service-guide/printed', '04-printed');
    const receipts = journey.kiosk.kiosk.devices.simulators.receipt?.receipts() ?? [];
    expect(receipts).toHaveLength(1);
    const paper = receipts[0]!;
    expect(paper.complete).toBe(true);
    const flat = paper.text.replace(/\s+/g, '');
    for (const part of [
      '办事指南',
      '存量房转移登记',
      '4.完税凭证',
      '须到政务服务大厅窗口办理',
      '12345',
    ])
      expect(flat).toContain(part);

    await press('back');
    await screen('service-guide/guide-hall');
    await press('back');
    await screen('service-guide/guides');
    await touchRow('si-payment-certificate');
    await screen('service-guide/guide-kiosk', '05-guide-kiosk');
    expect(await mainText()).toContain('在服务菜单中选择“社会保险参保缴费证明打印”');
    await journey.page.locator('[data-locale="en"]').click();
    await journey.page
      .getByText('Social insurance payment certificate')
      .first()
      .waitFor({ timeout: budget(10_000) });
    await screen('service-guide/guide-kiosk', '06-guide-kiosk-en');
    expect(await mainText()).toContain('Nanjing Human Resources and Social Security Bureau');
    await press('finish');
    await screen('rating');
  });

  it('finds 社保 by the initials SB typed on the pad, and by department', async () => {
    await open();
    await press('search');
    await screen('service-guide/search', '07-search');
    expect(await journey.page.locator('input, textarea, [contenteditable]').count()).toBe(0);
    await typeOnPad('SB');
    await screen('service-guide/guides', '08-search-result');
    expect(await mainText()).toContain('社会保险参保缴费证明打印');
    await press('home');
    await screen('service-guide/home');
    await press('departments');
    await screen('service-guide/departments', '09-departments');
    await touchRow('南京市民政局');
    await screen('service-guide/guides', '10-guides-department');
    expect(await mainText()).toContain('结婚登记');
  });

  it('is told when a search finds nothing, and can search again', async () => {
    await open();
    await press('search');
    await screen('service-guide/search');
    await typeOnPad('QQXZ');
    await screen('service-guide/search-empty', '11-search-empty');
    expect(await seriousViolations()).toEqual([]);
    expect(await mainText()).toContain('QQXZ');
    await press('again');
    await screen('service-guide/search');
  });

  it('lists the halls nearest first, and shows a navigation QR a phone can read', async () => {
    await open();
    await press('halls');
    await screen('service-guide/halls-near', '12-halls');
    const rows = await journey.page
      .locator('[data-item]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-item')));
    expect(rows[0]).toBe('nj-pukou');
    const shown = await mainText();
    expect(shown).toContain('江苏省南京市浦口区测试路9号');
    expect(shown).toContain('025-12345005');
    await touchRow('nj-pukou');
    await screen('service-guide/hall-near', '13-hall-qr');
    expect(await seriousViolations()).toEqual([]);
    expect(await mainText()).toContain('浦口区政务服务中心');
    const png = join(mkdtempSync(join(tmpdir(), 'kiosk24-hall-qr-')), 'qr.png');
    await journey.page.locator('.block-qr').screenshot({ path: png });
    const read = zbarQr(png);
    expect(read).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=118\.6277,32\.0588&name=/);
    expect(decodeURIComponent(read)).toContain('浦口区政务服务中心');
  });

  it('cannot press print while the receipt printer has no paper, and still reads the guide', async () => {
    await journey.kiosk.sim('paper', { printer: 'receipt', state: 'out' });
    await open();
    await touchRow('退休');
    await screen('service-guide/guides');
    await touchRow('pension-claim');
    await screen('service-guide/guide-hall', '15-print-disabled');
    expect(await journey.page.locator('[data-action="print"]').isDisabled()).toBe(true);
    expect(await mainText()).toContain('基本养老保险待遇申领');
    await journey.kiosk.sim('paper', { printer: 'receipt', state: 'ok' });
    await journey.page.locator('[data-action="print"]:not([disabled])').waitFor({
      timeout: budget(10_000),
    });
    await press('halls');
    await screen('service-guide/halls-near');
    await press('back');
    await screen('service-guide/guide-hall');
  });

  it('is told the platform cannot be reached, and finds the guides on retry once it is back', async () => {
    await open();
    await journey.kiosk.sim('platform', { down: 'unavailable' });
    await touchRow('生育');
    await screen('service-guide/platform-down', '14-platform-down');
    expect(await seriousViolations()).toEqual([]);
    expect(await mainText()).toContain('12345');
    await journey.kiosk.sim('platform', { down: null });
    await press('retry');
    await screen('service-guide/guides');
    expect(await mainText()).toContain('出生医学证明办理');
  });
});
