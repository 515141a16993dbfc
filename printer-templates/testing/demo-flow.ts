/**
 * A small flow package with its own templates, written to a temporary folder by tests of
 * the template catalogue and of `kiosk24 print`. It also shows vendors both template kinds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageTemplate } from '../catalog.ts';

/** The flow id the demo package declares; its templates are named `demo-flow/<name>`. */
export const DEMO_FLOW_ID = 'demo-flow';

/** A receipt recognised by its shape (`blocks`), with a large unwrapped line, a QR and a barcode. */
export const DEMO_RECEIPT = {
  id: 'pickup-slip',
  description: 'Slip for collecting a document at the counter.',
  blocks: [
    { type: 'text', text: '材料领取凭条', align: 'center', bold: true },
    { type: 'text', text: '{{pickupCode}}', align: 'center', size: [3, 3], wrap: false },
    { type: 'row', label: '申请人', value: '{{name}}' },
    { type: 'row', label: '证件号码', value: '{{idNumber}}' },
    { type: 'row', label: '领取窗口', value: '{{counter}}' },
    { type: 'qr', data: '{{trackUrl}}', moduleSize: 5 },
    { type: 'barcode', symbology: 'ean13', data: '{{parcelCode}}', height: 50 },
    { type: 'cut' },
  ],
};

/** A certificate that names its kind explicitly. */
export const DEMO_CERTIFICATE = {
  kind: 'certificate',
  id: 'residence-proof',
  version: 1,
  page: { size: 'A4' },
  title: '居住登记证明',
  fields: {
    name: { type: 'text' },
    idNumber: { type: 'maskedId' },
    address: { type: 'text' },
    registeredOn: { type: 'date' },
    moves: {
      type: 'rows',
      minRows: 1,
      columns: { month: { type: 'yearMonth' }, place: { type: 'text' } },
    },
    authority: { type: 'text' },
    issueDate: { type: 'date' },
    verificationCode: { type: 'text' },
    verificationUrl: { type: 'url' },
  },
  body: [
    {
      type: 'paragraph',
      indent: true,
      text: '兹证明 {{name}}（公民身份号码：{{idNumber}}）自 {{registeredOn}} 起居住于{{address}}。',
    },
    {
      type: 'table',
      rows: 'moves',
      columns: [
        { header: '年月', value: '{{month}}' },
        { header: '地点', value: '{{place}}' },
      ],
    },
  ],
  authority: '{{authority}}',
  issueDate: '{{issueDate}}',
  seal: { text: '{{authority}}' },
  footer: '本证明仅用于测试。',
  verification: { code: '{{verificationCode}}', url: '{{verificationUrl}}' },
};

/** A receipt whose second block has an unknown type: the catalogue must report it, not fail. */
export const BROKEN_RECEIPT = {
  id: 'broken',
  description: 'A block type no printer knows.',
  blocks: [{ type: 'text', text: 'ok' }, { type: 'hologram' }],
};

/** Writes the demo package into `root/demo-flow`; returns the package folder. */
export function writeDemoFlowPackage(root: string, options: { broken?: boolean } = {}): string {
  const dir = join(root, DEMO_FLOW_ID);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'flow.json'), JSON.stringify({ id: DEMO_FLOW_ID, version: '1.0.0' }));
  const write = (name: string, json: unknown): void =>
    writeFileSync(join(dir, 'templates', `${name}.json`), JSON.stringify(json, null, 2));
  write('pickup-slip', DEMO_RECEIPT);
  write('residence-proof', DEMO_CERTIFICATE);
  if (options.broken === true) write('broken', BROKEN_RECEIPT);
  return dir;
}

/** The demo package's templates as the kiosk core hands them over after reading `root/demo-flow`. */
export function demoPackageTemplates(
  root: string,
  options: { broken?: boolean } = {},
): PackageTemplate[] {
  const templates: [string, unknown][] = [
    ['pickup-slip', DEMO_RECEIPT],
    ['residence-proof', DEMO_CERTIFICATE],
  ];
  if (options.broken === true) templates.push(['broken', BROKEN_RECEIPT]);
  return templates.map(([name, json]) => ({
    flowId: DEMO_FLOW_ID,
    name,
    file: join(root, DEMO_FLOW_ID, 'templates', `${name}.json`),
    json: structuredClone(json),
  }));
}
