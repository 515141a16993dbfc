/**
 * The test pages `kiosk24 print test` sends: every feature the kiosk uses, so a technician
 * sees at a glance whether sizes, Chinese text, codes, images, the cutter and the A4 path work.
 */
import { ReceiptEncoder } from '../drivers/receipt-printer/encoder.ts';
import type { GlyphSource } from '../drivers/receipt-printer/glyphs.ts';
import type { ReceiptPrinterProfile } from '../drivers/receipt-printer/profile.ts';
import { MonoBitmap } from '../drivers/receipt-printer/raster.ts';
import { renderCertificate } from './certificate/render.ts';

/** The URL in the test QR code; zbarimg or a phone should read exactly this. */
export const TEST_PAGE_URL = 'https://sandbox.kiosk24.invalid/test-page';
/** The Code 128 data on the test receipt. */
export const TEST_PAGE_BARCODE = 'KIOSK24-TEST';

/** A 192 x 96 emblem: frame, ring and stripes show whether raster rows line up and stay square. */
function testLogo(): MonoBitmap {
  const logo = new MonoBitmap(192, 96);
  logo.fill(0, 0, 192, 3);
  logo.fill(0, 93, 192, 3);
  logo.fill(0, 0, 3, 96);
  logo.fill(189, 0, 3, 96);
  for (let y = 0; y < 96; y++) {
    for (let x = 0; x < 96; x++) {
      const r = Math.hypot(x - 48, y - 48);
      if (r >= 30 && r <= 38) logo.set(x, y, 1);
      if (r <= 14) logo.set(x, y, 1);
    }
  }
  for (let x = 104; x < 180; x += 12) logo.fill(x, 16, 6, 64);
  return logo;
}

/** The test receipt for `profile`; CJK goes as raster through `glyphs` on profiles without a Chinese font. */
export function receiptTestPage(
  profile: ReceiptPrinterProfile,
  options: { glyphs?: GlyphSource; printedAt?: string } = {},
): Uint8Array {
  const page = new ReceiptEncoder(profile, options.glyphs ? { glyphs: options.glyphs } : {});
  page.init().align('center').bold(true).size(2, 2).line('打印测试页').size(1, 1).bold(false);
  page.wrapped(profile.name);
  page.line(`${profile.id} · ${profile.dotsPerLine} dots`);
  if (options.printedAt) page.line(options.printedAt);
  page.align('left').rule('=');
  page.line('字号 sizes:');
  for (const [width, height] of [
    [1, 1],
    [2, 1],
    [1, 2],
    [2, 2],
    [3, 3],
  ] as const) {
    page.size(width, height).line(`${width}x${height} 字`).size(1, 1);
  }
  page.bold(true).line('粗体 bold').bold(false);
  page.underline(1).line('下划线 underline').underline(0);
  page.setFont('B').line('Font B 小字体 0123456789').setFont('A');
  page.align('left').line('左对齐 left');
  page.align('center').line('居中 centre');
  page.align('right').line('右对齐 right');
  page.align('left').rule('-');
  page.wrapped('中文：7×24 小时政务服务自助终端，为您办成一件事。全角标点，。；：？！“”（）￥');
  if (profile.cjkCharset === 'gb18030') page.line('GB18030 四字节：㐀 𠀀');
  page.rule('-');
  page.align('center').qr(TEST_PAGE_URL, { moduleSize: 6, errorCorrection: 'M' });
  page.line('二维码 QR');
  page.barcode('code128', TEST_PAGE_BARCODE, { height: 60, hri: 'below' });
  page.image(testLogo()).line('位图 raster logo');
  page.align('left').feed(2).cut({ partial: true, feed: 3 });
  return page.encode();
}

/** A dedicated A4 test template: text, key/value grid, table, seal and verification QR. */
const DOCUMENT_TEST_TEMPLATE = {
  id: 'kiosk24-test-page',
  version: 1,
  page: { size: 'A4' },
  title: 'A4 打印测试页',
  subtitle: '（非证明文件，仅供检测打印机）',
  fields: {
    printer: { type: 'text' },
    printedOn: { type: 'date' },
    checks: {
      type: 'rows',
      minRows: 1,
      columns: { item: { type: 'text' }, expect: { type: 'text' } },
    },
    code: { type: 'text' },
    url: { type: 'url' },
  },
  body: [
    {
      type: 'paragraph',
      indent: true,
      text: '本页用于检查 A4 打印机：中文字体、表格线、印章、二维码与页边距。各项清晰完整且未缩放，即说明打印通路正常。',
    },
    { type: 'heading', text: '打印参数' },
    {
      type: 'keyValues',
      pairsPerRow: 2,
      entries: [
        { label: '打印机', value: '{{printer}}' },
        { label: '日期', value: '{{printedOn}}' },
        { label: '纸张', value: 'A4 210×297 mm' },
        { label: '缩放', value: '100%（不缩放）' },
      ],
    },
    { type: 'heading', text: '检查项目' },
    {
      type: 'table',
      rows: 'checks',
      columns: [
        { header: '项目', value: '{{item}}', width: 1 },
        { header: '应看到', value: '{{expect}}', width: 2 },
      ],
    },
  ],
  authority: 'kiosk24 终端维护',
  issueDate: '{{printedOn}}',
  seal: { text: 'kiosk24 测试专用', caption: '测试章' },
  footer: '本页由 kiosk24 print test 生成，不具有任何证明效力。',
  verification: { code: '{{code}}', url: '{{url}}', note: '扫描二维码应得到测试网址' },
};

/** The A4 test page as a PDF, for `printer` (a queue name or "file"), dated `date` (YYYY-MM-DD). */
export function documentTestPage(printer: string, date: string): Promise<Uint8Array> {
  return renderCertificate(DOCUMENT_TEST_TEMPLATE, {
    printer,
    printedOn: date,
    checks: [
      { item: '中文字体', expect: '黑体汉字清晰，无方框或乱码' },
      { item: '表格', expect: '边框连续，列宽一致' },
      { item: '印章', expect: '红色圆章位于落款处' },
      { item: '二维码', expect: '可扫出测试网址' },
      { item: '页边距', expect: '四周留白均匀，无内容被裁切' },
    ],
    code: 'TEST-PAGE',
    url: TEST_PAGE_URL,
  });
}
