import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { IdCardReader, stretchedTimeouts } from '../../drivers/id-card/reader.ts';
import { cardProfile } from '../../drivers/id-card/profiles.ts';
import {
  startIdCardSimulator,
  type RunningIdCardSimulator,
} from '../../drivers/id-card/simulator.ts';
import { loadProfile } from '../../drivers/receipt-printer/profile.ts';
import { SerialTransport } from '../../drivers/transports/serial.ts';
import {
  createSessionRuntime,
  type CapabilityPorts,
} from '../../kiosk/core/capabilities/runtime.ts';
import type { ResidentView } from '../../kiosk/core/capabilities/outputs.ts';
import { errorHasFlag } from '../../kiosk/core/capabilities/errors.ts';
import { silentLogger } from '../../kiosk/core/log.ts';
import { PlatformClient } from '../../kiosk/core/platform/client.ts';
import {
  startSandboxPlatform,
  type SandboxPlatform,
} from '../../kiosk/core/platform/sandbox/index.ts';
import {
  renderCatalogCertificate,
  renderCatalogReceipt,
  TemplateDataError,
} from '../../printer-templates/catalog-render.ts';
import { TemplateCatalog } from '../../printer-templates/catalog.ts';
import { createPtyPair, type PtyPair } from '../support/pty.ts';
import { budget } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

/**
 * Every card type the reader knows prints a certificate and a receipt, each with the number
 * masked in that card type's own format: the real reader over a socat pty against the
 * simulator, the real capabilities, templates and sandbox platform. Only the two printers are
 * replaced by catchers, so the PDF can be read back with pdftotext and the receipt as bytes.
 */

const CITIZEN = '公民身份号码';
const FOREIGNER = '外国人永久居留身份证号码';
const CARDS = [
  { profile: 'resident-li', masked: '320106********123X', nameEn: undefined, label: CITIZEN },
  { profile: 'permit-huang', masked: '810000********1230', nameEn: undefined, label: CITIZEN },
  {
    profile: 'foreign-smith',
    masked: 'GBR32********12',
    nameEn: 'SMITH, A**** M***',
    label: FOREIGNER,
  },
  {
    profile: 'foreign-okafor-2023',
    masked: '932566********001X',
    nameEn: 'OKAFOR, C**** E****',
    label: FOREIGNER,
  },
] as const;

describe('printing for every card type', () => {
  let pty: PtyPair;
  let sim: RunningIdCardSimulator;
  let reader: IdCardReader;
  let sandbox: SandboxPlatform;
  const pdfs: Uint8Array[] = [];
  const receipts: Uint8Array[] = [];
  const templates = TemplateCatalog.load();
  const receiptProfile = loadProfile('generic-80mm-203dpi');

  beforeAll(async () => {
    requireTool('pdftotext', 'poppler-utils');
    pty = await createPtyPair();
    sim = await startIdCardSimulator({ path: pty.devicePath, baudRate: 115200, pace: true });
    const transport = await SerialTransport.open({ path: pty.hostPath, baudRate: 115200 });
    reader = new IdCardReader(transport, { simulated: true, timeouts: stretchedTimeouts(budget) });
    expect((await reader.open()).status).toBe('online');
    sandbox = await startSandboxPlatform();
  });

  afterAll(async () => {
    await reader?.close();
    await sim?.close();
    await pty?.close();
    await sandbox?.close();
  });

  function runtime(overrides: Partial<CapabilityPorts> = {}) {
    const ports: CapabilityPorts = {
      kioskId: 'kiosk-test-1',
      platform: new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-test-1' }),
      log: silentLogger,
      scanner: () => undefined,
      outOfService: () => [],
      readIdCard: ({ signal, timeoutMs }) =>
        reader.readCard({ signal, timeoutMs, pollIntervalMs: 20 }),
      renderCertificate: (name, data) => {
        const entry = templates.find(name);
        if (entry.kind !== 'certificate') throw new Error(`${name} is not a certificate`);
        return renderCatalogCertificate(entry, data);
      },
      printDocument: (pdf) => {
        pdfs.push(pdf);
        return Promise.resolve({ jobId: `job-${pdfs.length}` });
      },
      renderReceipt: (name, data) => {
        const entry = templates.find(name);
        if (entry.kind !== 'receipt') throw new Error(`${name} is not a receipt`);
        return Promise.resolve(renderCatalogReceipt(entry, data, receiptProfile));
      },
      printReceipt: (bytes) => {
        receipts.push(bytes);
        return Promise.resolve();
      },
      ...overrides,
    };
    return createSessionRuntime(ports, 'session-cards', new SimulatedClock());
  }

  it.each(CARDS)(
    'prints $profile with the number masked as $masked on certificate and receipt',
    async ({ profile, masked, nameEn, label }) => {
      const session = runtime();
      const signal = new AbortController().signal;
      sim.insert(profile);
      const resident = (await session.run(
        'idcard.read',
        { timeoutSeconds: Math.ceil(budget(20_000) / 1000) },
        signal,
      )) as ResidentView;
      expect(resident.idNumberMasked).toBe(masked);
      expect(resident.nameMaskedEn).toBe(nameEn);
      const record = await session.run(
        'platform.call',
        { operation: 'si.paymentRecord', resident, args: { months: 12 } },
        signal,
      );
      const certificate = (await session.run(
        'print.certificate',
        { template: 'si-payment-certificate', kind: 'si-payment', resident, record },
        signal,
      )) as { certificateNo: string; verificationCode: string; verifyUrl: string };
      const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
        input: pdfs[pdfs.length - 1],
      }).toString('utf8');
      expect(text).toContain(masked);
      // The number is introduced by what the document calls it, not always 公民身份号码.
      expect(text).toContain(`${label}：${masked}`);
      expect(text).not.toContain(cardProfile(profile).idNumber);

      await session.run(
        'print.receipt',
        {
          template: 'si-certificate-receipt',
          data: {
            serviceName: '社保参保缴费证明打印',
            name: resident.nameMasked,
            idNumber: resident.idNumberMasked,
            certificateNumber: certificate.certificateNo,
            verificationCode: certificate.verificationCode,
            verifyUrl: certificate.verifyUrl,
          },
        },
        signal,
      );
      const bytes = Buffer.from(receipts[receipts.length - 1] ?? new Uint8Array());
      // The masked number is ASCII, so it stands in the ESC/POS stream byte for byte.
      expect(bytes.includes(Buffer.from(masked, 'latin1'))).toBe(true);
      expect(bytes.includes(Buffer.from(cardProfile(profile).idNumber, 'latin1'))).toBe(false);
      session.end();
    },
  );

  it('reports a certificate its template refuses as rejected, not as a printer fault, and prints nothing', async () => {
    const refusing = runtime({
      renderCertificate: () =>
        Promise.reject(
          new TemplateDataError('si-payment-certificate', 'idNumber', 'wrongType', 'not masked'),
        ),
    });
    const signal = new AbortController().signal;
    sim.insert('resident-wang');
    const resident = await refusing.run(
      'idcard.read',
      { timeoutSeconds: Math.ceil(budget(20_000) / 1000) },
      signal,
    );
    const record = await refusing.run(
      'platform.call',
      { operation: 'si.paymentRecord', resident, args: { months: 12 } },
      signal,
    );
    const printed = pdfs.length;
    const error = await refusing
      .run(
        'print.certificate',
        { template: 'si-payment-certificate', kind: 'si-payment', resident, record },
        signal,
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(errorHasFlag(error, 'rejected')).toBe(true);
    for (const printerFault of ['paperOut', 'hardwareError', 'disconnected', 'noDevice'])
      expect(errorHasFlag(error, printerFault), printerFault).toBe(false);
    expect(pdfs.length).toBe(printed);
    refusing.end();
  });
});
