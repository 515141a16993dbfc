import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { SerialLineScanner } from '../../../drivers/scanner/serial-line.ts';
import { ScannerSimulator } from '../../../drivers/scanner/simulator.ts';
import { createMemoryPair } from '../../../drivers/transports/memory.ts';
import type { Requirement } from './catalogue.ts';
import { PlatformClient } from '../platform/client.ts';
import { startSandboxPlatform, type SandboxPlatform } from '../platform/sandbox/index.ts';
import { createSessionRuntime, type CapabilityPorts } from './runtime.ts';

const running: SandboxPlatform[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/**
 * A session runtime on a real serial-line scanner (over an in-memory byte pair, driven by the
 * scanner simulator) and the real sandbox platform. Ports a test does not reach throw.
 */
async function rig(options: { down?: Requirement[] } = {}) {
  const [host, device] = createMemoryPair('scanner');
  const scanner = new SerialLineScanner(host, { idleGapMs: 20 });
  const simulator = new ScannerSimulator(device);
  const sandbox = await startSandboxPlatform();
  running.push(sandbox);
  const lines: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const rendered: Record<string, unknown>[] = [];
  const unused = (): never => {
    throw new Error('this test does not use that port');
  };
  const ports: CapabilityPorts = {
    kioskId: 'kiosk-test-1',
    platform: new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-test-1' }),
    log,
    scanner: () => scanner,
    outOfService: () => options.down ?? [],
    readIdCard: unused,
    renderCertificate: (_template, data) => {
      rendered.push(data);
      return Promise.resolve(new Uint8Array([0x25, 0x50, 0x44, 0x46]));
    },
    printDocument: () => Promise.resolve({ jobId: 'job-1' }),
    renderReceipt: unused,
    printReceipt: unused,
  };
  const clock = new SimulatedClock();
  const runtime = createSessionRuntime(ports, 'session-1', clock);
  const freshCode = async (profile: string, query = ''): Promise<string> => {
    const reply = await fetch(`${sandbox.baseUrl}/sandbox/resident-codes/${profile}${query}`);
    return ((await reply.json()) as { code: string }).code;
  };
  const signal = new AbortController().signal;
  /** Starts `scanner.read`, then lets the simulator scan `text` once the wait is listening. */
  const scan = async (text: string) => {
    const read = runtime.run('scanner.read', { timeoutSeconds: 30 }, signal);
    await simulator.scan(text, { symbology: 'qr' });
    return read;
  };
  const identify = (handle: unknown) =>
    runtime.run(
      'platform.call',
      { operation: 'identity.fromCode', args: { code: handle } },
      signal,
    );
  return { runtime, simulator, lines, rendered, freshCode, scan, identify, signal, clock };
}

describe('scanner.read', () => {
  it('hands the flow an opaque handle and logs only the length and symbology of the code', async () => {
    const { scan, lines, freshCode } = await rig();
    const code = await freshCode('resident-li');
    const out = (await scan(code)) as { code: string; symbology: string; length: number };
    expect(out.code).toMatch(/^scan_/);
    expect(out).toEqual({ code: out.code, symbology: 'qr', length: code.length });
    expect(JSON.stringify(out)).not.toContain(code);
    expect(lines.join('')).toContain(`"length":${code.length}`);
    expect(lines.join('')).not.toContain(code.slice(-20));
  });

  it('fails flagged timeout when no code is shown in time on the session clock', async () => {
    const { runtime, signal, clock } = await rig();
    const read = runtime.run('scanner.read', { timeoutSeconds: 5 }, signal);
    clock.increment(4_999);
    clock.increment(1);
    const failure = await read.catch((e: unknown) => e);
    expect(failure).toMatchObject({ timeout: true, canceled: false });
  });

  it('fails flagged canceled when its signal aborts or the session ends', async () => {
    const { runtime } = await rig();
    const resident = new AbortController();
    const walkedAway = runtime.run('scanner.read', { timeoutSeconds: 30 }, resident.signal);
    resident.abort();
    expect(await walkedAway.catch((e: unknown) => e)).toMatchObject({ canceled: true });
    const ending = runtime.run(
      'scanner.read',
      { timeoutSeconds: 30 },
      new AbortController().signal,
    );
    runtime.end();
    expect(await ending.catch((e: unknown) => e)).toMatchObject({ canceled: true });
  });

  it('fails flagged unsupported, without the content in the log, when the scanner refuses a code', async () => {
    const { runtime, simulator, lines, signal } = await rig();
    const read = runtime.run('scanner.read', { timeoutSeconds: 30 }, signal);
    await simulator.sendBytes(new TextEncoder().encode(']Q1SECRET-TOKEN\u001bXYZ\r'));
    expect(await read.catch((e: unknown) => e)).toMatchObject({ unsupported: true });
    expect(lines.join('')).toContain('code refused');
    expect(lines.join('')).not.toContain('SECRET-TOKEN');
  });

  it('is refused up front, flagged outOfService, when the scanner is out of service', async () => {
    const { runtime, signal } = await rig({ down: ['scanner'] });
    const failure = await runtime
      .run('scanner.read', { timeoutSeconds: 30 }, signal)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ outOfService: true });
  });
});

describe('platform.call identity.fromCode', () => {
  it('turns a scanned resident code into a resident without a full ID number, who can print', async () => {
    const { scan, identify, freshCode, runtime, rendered, signal } = await rig();
    const scanned = (await scan(await freshCode('resident-li'))) as { code: string };
    const resident = (await identify(scanned.code)) as Record<string, unknown>;
    expect(resident).toMatchObject({
      source: 'qr',
      nameMasked: '李*华',
      idNumberMasked: '320106********123X',
    });
    expect(resident).not.toHaveProperty('idNumber');
    expect(resident).not.toHaveProperty('name');
    expect(JSON.stringify(resident)).not.toContain('李明华');
    expect(JSON.stringify(resident)).not.toContain('rr_');

    const record = await runtime.run(
      'platform.call',
      { operation: 'si.paymentRecord', resident, args: { months: 12 } },
      signal,
    );
    expect(record).toMatchObject({ monthCount: 12 });
    const printed = await runtime.run(
      'print.certificate',
      { template: 't', kind: 'si-payment', resident, record },
      signal,
    );
    expect(printed).toMatchObject({ jobId: 'job-1' });
    expect(rendered[0]).toMatchObject({ name: '李明华', idNumber: '320106********123X' });
  });

  it('uses a scanned code once only, so a replayed handle is rejected', async () => {
    const { scan, identify, freshCode } = await rig();
    const scanned = (await scan(await freshCode('resident-wang'))) as { code: string };
    await identify(scanned.code);
    expect(await identify(scanned.code).catch((e: unknown) => e)).toMatchObject({ rejected: true });
  });

  it.each([
    ['an expired code', '?expired=true', 'expired'],
    ['a product barcode', 'barcode', 'malformed'],
  ])('fails on %s with the flag %s names', async (_what, kind, flag) => {
    const { scan, identify, freshCode } = await rig();
    const text = kind === 'barcode' ? '6901234567892' : await freshCode('resident-li', kind);
    const scanned = (await scan(text)) as { code: string };
    expect(await identify(scanned.code).catch((e: unknown) => e)).toMatchObject({
      [flag]: true,
    });
  });

  it('fails flagged notFound on a code another platform signed', async () => {
    const other = await rig();
    const { scan, identify } = await rig();
    const scanned = (await scan(await other.freshCode('resident-li'))) as { code: string };
    expect(await identify(scanned.code).catch((e: unknown) => e)).toMatchObject({
      notFound: true,
    });
  });

  it('forgets the resident at the session end', async () => {
    const { scan, identify, freshCode, runtime, signal } = await rig();
    const scanned = (await scan(await freshCode('resident-li'))) as { code: string };
    const resident = await identify(scanned.code);
    runtime.end();
    const after = await runtime
      .run('platform.call', { operation: 'si.paymentRecord', resident, args: {} }, signal)
      .catch((e: unknown) => e);
    expect(after).toMatchObject({ rejected: true });
  });
});
