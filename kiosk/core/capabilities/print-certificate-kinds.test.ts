import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProfile } from '../../../drivers/id-card/profiles.ts';
import type { IdCardRecord } from '../../../drivers/id-card/record.ts';
import { renderCatalogCertificate } from '../../../printer-templates/catalog-render.ts';
import { TemplateCatalog } from '../../../printer-templates/catalog.ts';
import { requireTool } from '../../../test/support/tools.ts';
import { silentLogger } from '../log.ts';
import { PlatformClient } from '../platform/client.ts';
import { startSandboxPlatform, type SandboxPlatform } from '../platform/sandbox/index.ts';
import { ratioText } from './certificate-data-hpf.ts';
import { createSessionRuntime, type CapabilityPorts } from './runtime.ts';

/**
 * `print.certificate` for every kind a resident can print, on the real sandbox platform and the
 * real templates: the holder's real name and the number masked by card type reach the paper,
 * and a record of the wrong operation is refused before anything is registered.
 */

let sandbox: SandboxPlatform;
const templates = TemplateCatalog.load();
const signal = new AbortController().signal;

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
});
afterAll(async () => {
  await sandbox?.close();
});

function cardOf(profileId: string): IdCardRecord {
  const p = cardProfile(profileId);
  const day = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  return {
    cardType: p.cardType,
    name: p.name,
    ...(p.nameEn ? { nameEn: p.nameEn } : {}),
    gender: p.gender,
    genderCode: p.gender === 'female' ? '2' : '1',
    birthDate: day(p.birthDate),
    idNumber: p.idNumber,
    checkDigitValid: true,
    validFrom: day(p.validFrom),
    validTo: p.validTo,
    photoWlt: new Uint8Array(),
  };
}

/** A session whose reader hands over `profileId`'s card; printed PDFs land in `pdfs`. */
function session(profileId: string) {
  const pdfs: Uint8Array[] = [];
  const issued: string[] = [];
  const platform = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-test-1' });
  const issue = platform.issueCertificate.bind(platform);
  platform.issueCertificate = (request, options) => {
    issued.push(request.kind);
    return issue(request, options);
  };
  const unused = (): never => {
    throw new Error('this test does not use that port');
  };
  const ports: CapabilityPorts = {
    kioskId: 'kiosk-test-1',
    platform,
    log: silentLogger,
    scanner: () => undefined,
    outOfService: () => [],
    readIdCard: () => Promise.resolve(cardOf(profileId)),
    renderCertificate: (name, data) => {
      const entry = templates.find(name);
      if (entry.kind !== 'certificate') throw new Error(`${name} is not a certificate`);
      return renderCatalogCertificate(entry, data);
    },
    printDocument: (pdf) => {
      pdfs.push(pdf);
      return Promise.resolve({ jobId: `job-${pdfs.length}` });
    },
    renderReceipt: unused,
    printReceipt: unused,
  };
  const runtime = createSessionRuntime(ports, `session-${profileId}`);
  const run = (name: string, input: unknown) => runtime.run(name as never, input, signal);
  const text = (): string =>
    execFileSync(requireTool('pdftotext', 'poppler-utils'), ['-layout', '-', '-'], {
      input: pdfs.at(-1),
    }).toString('utf8');
  return { run, text, pdfs, issued };
}

const KINDS = [
  {
    kind: 'hpf-deposit',
    template: 'hpf-deposit-certificate',
    operation: 'hpf.account',
    title: '住房公积金缴存证明',
  },
  {
    kind: 'real-estate',
    template: 'real-estate-certificate',
    operation: 'realEstate.query',
    title: '不动产登记信息查询结果证明',
  },
  {
    kind: 'licence-copy',
    template: 'licence-copy-certificate',
    operation: 'licence.list',
    title: '电子证照打印件',
  },
] as const;

const CARDS = [
  { profile: 'resident-li', name: '李明华', masked: '320106********123X', label: '公民身份号码' },
  {
    profile: 'permit-huang',
    name: '黄家明',
    masked: '810000********1230',
    label: '公民身份号码',
  },
  {
    profile: 'foreign-smith',
    name: '史爱丽',
    masked: 'GBR32********12',
    label: '外国人永久居留身份证号码',
  },
  {
    profile: 'foreign-okafor-2023',
    name: '奥卡福',
    masked: '932566********001X',
    label: '外国人永久居留身份证号码',
  },
] as const;

describe('print.certificate for every kind a resident prints', () => {
  it.each(KINDS.flatMap((k) => CARDS.map((c) => ({ ...k, ...c }))))(
    'prints $kind for $profile with the real name and the number masked as $masked',
    async ({ kind, template, operation, title, profile, name, masked, label }) => {
      const s = session(profile);
      const resident = await s.run('idcard.read', { timeoutSeconds: 30 });
      const record = (await s.run('platform.call', { operation, resident, args: {} })) as {
        licences?: { id: string }[];
      };
      const licenceId = kind === 'licence-copy' ? record.licences?.at(-1)?.id : undefined;
      const printed = (await s.run('print.certificate', {
        template,
        kind,
        resident,
        record,
        ...(licenceId ? { licenceId } : {}),
      })) as { certificateNo: string; verifyUrl: string };
      const text = s.text();
      expect(text).toContain(title);
      expect(text).toContain(printed.certificateNo);
      expect(text).toContain(name);
      expect(text).toContain(masked);
      // A long label may wrap in the layout; the words are what matters.
      expect(text.replace(/\s+/g, '')).toContain(label);
      expect(text).not.toContain(cardProfile(profile).idNumber);
      expect(printed.verifyUrl.startsWith(`${sandbox.baseUrl}/verify/`)).toBe(true);
      const check = (await (
        await fetch(printed.verifyUrl, { headers: { accept: 'application/json' } })
      ).json()) as { status: string; kind: string; certificateNo: string };
      expect(check).toMatchObject({ status: 'valid', kind, certificateNo: printed.certificateNo });
    },
  );

  it('refuses a record of another operation as rejected before registering anything', async () => {
    const s = session('resident-li');
    const resident = await s.run('idcard.read', { timeoutSeconds: 30 });
    const record = await s.run('platform.call', {
      operation: 'realEstate.query',
      resident,
      args: {},
    });
    const failure = await s
      .run('print.certificate', {
        template: 'hpf-deposit-certificate',
        kind: 'hpf-deposit',
        resident,
        record,
      })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ rejected: true });
    expect(String(failure)).toContain('hpf.account');
    expect(s.issued).toEqual([]);
    expect(s.pdfs).toEqual([]);
  });

  it('refuses a licence copy without a licenceId of the list, naming what to pass', async () => {
    const s = session('resident-wang');
    const resident = await s.run('idcard.read', { timeoutSeconds: 30 });
    const record = await s.run('platform.call', { operation: 'licence.list', resident, args: {} });
    const input = { template: 'licence-copy-certificate', kind: 'licence-copy', resident, record };
    const missing = await s.run('print.certificate', input).catch((e: unknown) => e);
    expect(missing).toMatchObject({ rejected: true });
    expect(String(missing)).toContain('licenceId');
    expect(
      await s
        .run('print.certificate', { ...input, licenceId: 'lic-not-held' })
        .catch((e: unknown) => e),
    ).toMatchObject({ rejected: true });
    expect(s.issued).toEqual([]);
  });

  it('is rejected, not a printer fault, when the template refuses the data, and the certificate is revoked', async () => {
    const s = session('resident-li');
    const resident = await s.run('idcard.read', { timeoutSeconds: 30 });
    const record = await s.run('platform.call', { operation: 'hpf.account', resident, args: {} });
    // The real-estate template needs properties: an hpf record cannot fill it.
    const failure = await s
      .run('print.certificate', {
        template: 'real-estate-certificate',
        kind: 'hpf-deposit',
        resident,
        record,
      })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ rejected: true });
    expect(s.issued).toEqual(['hpf-deposit']);
    expect(s.pdfs).toEqual([]);
  });
});

describe('ratioText', () => {
  it('prints a fraction or a percentage as a percentage', () => {
    expect(ratioText('0.12')).toBe('12%');
    expect(ratioText('0.125')).toBe('12.5%');
    expect(ratioText('7%')).toBe('7%');
  });
});
