import { afterEach, describe, expect, it } from 'vitest';
import { cardProfile } from '../../../drivers/id-card/profiles.ts';
import type { IdCardRecord } from '../../../drivers/id-card/record.ts';
import { PlatformClient } from '../platform/client.ts';
import { startSandboxPlatform, type SandboxPlatform } from '../platform/sandbox/index.ts';
import { silentLogger } from '../log.ts';
import { createSessionRuntime, type CapabilityPorts } from './runtime.ts';

const running: SandboxPlatform[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A session runtime on the real sandbox platform; ports the tests do not reach throw. */
async function runtimeOnSandbox() {
  const sandbox = await startSandboxPlatform();
  running.push(sandbox);
  const unused = (): never => {
    throw new Error('this test does not use that port');
  };
  const ports: CapabilityPorts = {
    kioskId: 'kiosk-test-1',
    platform: new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-test-1' }),
    log: silentLogger,
    scanner: () => undefined,
    outOfService: () => [],
    // The card reader hands over Wang's card, as the driver would after a read.
    readIdCard: () =>
      Promise.resolve({
        cardType: 'resident',
        name: wang.name,
        gender: 'female',
        genderCode: '2',
        birthDate: '1988-08-08',
        idNumber: wang.idNumber,
        checkDigitValid: true,
        validFrom: '2020-01-01',
        validTo: '2040-01-01',
        photoWlt: new Uint8Array(),
      } satisfies IdCardRecord),
    renderCertificate: unused,
    printDocument: unused,
    renderReceipt: unused,
    printReceipt: unused,
  };
  return createSessionRuntime(ports, 'session-1');
}

const wang = cardProfile('resident-wang');
const signal = new AbortController().signal;

describe('platform.call', () => {
  it('fetches a housing-fund deposit record for a card holder, sealed behind a handle', async () => {
    const runtime = await runtimeOnSandbox();
    const resident = await runtime.run('idcard.read', { timeoutSeconds: 60 }, signal);
    expect(JSON.stringify(resident)).not.toContain(wang.name);
    expect(JSON.stringify(resident)).not.toContain(wang.idNumber);
    const out = (await runtime.run(
      'platform.call',
      { operation: 'hpf.depositRecord', resident, args: { months: 6 } },
      signal,
    )) as {
      record: string;
      region: string;
      monthCount: number;
      balance: string;
      accountStatus: string;
    };
    expect(out.record).toMatch(/^record_/);
    expect(out.monthCount).toBe(6);
    expect(out.region.length).toBeGreaterThan(0);
    expect(out.balance).toMatch(/^\d+\.\d{2}$/);
    expect(out.accountStatus.length).toBeGreaterThan(0);
  });

  it('takes a queue ticket without any resident', async () => {
    const runtime = await runtimeOnSandbox();
    const ticket = (await runtime.run(
      'platform.call',
      { operation: 'queue.ticket', args: { serviceId: 'si-certificate' } },
      signal,
    )) as { ticketNo: string; serviceName: string; waiting: number };
    expect(ticket.ticketNo).toMatch(/^A\d{3}$/);
    expect(ticket.serviceName).toBe('社保缴费证明');
  });

  it('looks up application progress with the applicant masked', async () => {
    const runtime = await runtimeOnSandbox();
    const progress = (await runtime.run(
      'platform.call',
      { operation: 'application.progress', args: { applicationNo: 'SQ320100000123' } },
      signal,
    )) as Record<string, unknown>;
    expect(progress.applicationNo).toBe('SQ320100000123');
    expect(progress).not.toHaveProperty('applicant');
    expect(String(progress.applicantMasked)).toContain('*');
  });

  it('refuses a resident the flow made up instead of one the session identified', async () => {
    const runtime = await runtimeOnSandbox();
    const forged = { holder: 'holder_forged', source: 'card', idNumber: wang.idNumber };
    const refusal = await runtime
      .run('platform.call', { operation: 'si.paymentRecord', resident: forged, args: {} }, signal)
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ rejected: true });
  });

  it('refuses a hall operation without its argument, naming it', async () => {
    const runtime = await runtimeOnSandbox();
    const refusal = await runtime
      .run('platform.call', { operation: 'queue.ticket', args: {} }, signal)
      .catch((error: unknown) => error as { rejected: boolean; message: string });
    expect(refusal).toMatchObject({ rejected: true });
    expect((refusal as Error).message).toContain('args.serviceId');
  });
});
