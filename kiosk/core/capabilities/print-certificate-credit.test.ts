import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCatalogCertificate } from '../../../printer-templates/catalog-render.ts';
import { TemplateCatalog } from '../../../printer-templates/catalog.ts';
import { requireTool } from '../../../test/support/tools.ts';
import { silentLogger } from '../log.ts';
import { PlatformClient } from '../platform/client.ts';
import { startSandboxPlatform, type SandboxPlatform } from '../platform/sandbox/index.ts';
import { ENTERPRISES } from '../platform/sandbox/enterprises.ts';
import { createSessionRuntime, type CapabilityPorts } from './runtime.ts';

/**
 * `print.certificate` kind `credit-record` on the real sandbox and the real template: an
 * enterprise's public credit record prints with no resident at all, the legal representative
 * stays masked, and the register names the enterprise as the holder.
 */

let sandbox: SandboxPlatform;
const templates = TemplateCatalog.load();
const signal = new AbortController().signal;
const [code = '', enterprise] = [...ENTERPRISES.entries()][0] ?? [];

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
});
afterAll(async () => {
  await sandbox?.close();
});

function session() {
  const pdfs: Uint8Array[] = [];
  const issued: Parameters<PlatformClient['issueCertificate']>[0][] = [];
  const platform = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-test-1' });
  const issue = platform.issueCertificate.bind(platform);
  platform.issueCertificate = (request, options) => {
    issued.push(request);
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
    readIdCard: unused,
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
  const runtime = createSessionRuntime(ports, 'session-credit');
  const run = (name: string, input: unknown) => runtime.run(name as never, input, signal);
  return { run, pdfs, issued, platform };
}

describe('print.certificate credit-record', () => {
  it('prints the public record with no resident, the legal representative masked', async () => {
    const s = session();
    const record = await s.run('platform.call', {
      operation: 'enterprise.creditRecord',
      args: { creditCode: code },
    });
    const out = (await s.run('print.certificate', {
      template: 'credit-record-certificate',
      kind: 'credit-record',
      record,
    })) as { verificationCode: string };
    expect(s.issued).toHaveLength(1);
    expect(s.issued[0]).toMatchObject({ kind: 'credit-record', creditCode: code });
    expect(s.issued[0]?.residentRef).toBeUndefined();
    const text = execFileSync(requireTool('pdftotext', 'poppler-utils'), ['-layout', '-', '-'], {
      input: s.pdfs[0],
    }).toString('utf8');
    expect(text).toContain('企业公共信用信息报告');
    expect(text).toContain(enterprise?.name ?? '?');
    expect(text).toContain(code);
    expect(text).toContain(enterprise?.legalRepresentativeMasked ?? '?');
    expect(text).toContain('增值电信业务经营许可');
    expect(text).not.toContain('周建国');
    const check = await s.platform.verifyCertificate(out.verificationCode);
    expect(check).toMatchObject({
      status: 'valid',
      kind: 'credit-record',
      holder: enterprise?.name,
    });
  });

  it('refuses a resident on a credit record, and a resident kind without one, before registering', async () => {
    const s = session();
    const record = await s.run('platform.call', {
      operation: 'enterprise.creditRecord',
      args: { creditCode: code },
    });
    const withResident = await s
      .run('print.certificate', {
        template: 'credit-record-certificate',
        kind: 'credit-record',
        record,
        resident: { holder: 'h' },
      })
      .catch((e: unknown) => e);
    expect(withResident).toMatchObject({ rejected: true });
    const without = await s
      .run('print.certificate', { template: 'si-payment-certificate', kind: 'si-payment', record })
      .catch((e: unknown) => e);
    expect(without).toMatchObject({ rejected: true });
    expect(String(without)).toContain('resident');
    expect(s.issued).toEqual([]);
  });
});
