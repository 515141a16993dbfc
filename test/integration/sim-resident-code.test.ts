import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeScanned } from '../../drivers/scanner/types.ts';
import { parseConfig } from '../../kiosk/core/config/index.ts';
import { startKiosk, type RunningKiosk } from '../../kiosk/core/kiosk.ts';
import { PlatformClient } from '../../kiosk/core/platform/client.ts';
import { createSimulatorControl } from '../../kiosk/core/simulator-control.ts';
import { within } from '../support/time.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SANDBOX_CODE_BASE = 'https://sandbox.kiosk24.invalid/rc/';

describe('showing a resident code from the simulator on a kiosk with embedded defaults', () => {
  let kiosk: RunningKiosk;
  let outputDir: string;
  const logLines: string[] = [];

  /** Pulls the lever and waits for the code the real serial scanner driver delivers. */
  const scanned = async (pull: () => Promise<void>): Promise<CodeScanned> => {
    const scanner = kiosk.devices.scanner;
    if (!scanner) throw new Error('the kiosk started without its simulated QR scanner');
    let off = (): void => undefined;
    const code = new Promise<CodeScanned>((resolve) => {
      off = scanner.onCode(resolve);
    });
    try {
      await pull();
      return await within(code, 'the scanned resident code from the scanner driver');
    } finally {
      off();
    }
  };

  beforeAll(async () => {
    outputDir = mkdtempSync(join(tmpdir(), 'kiosk24-rc-'));
    const config = parseConfig(
      {
        devices: { documentPrinter: { mode: 'simulated', outputDir } },
        journal: { path: join(outputDir, 'journal.sqlite') },
      },
      { cwd: repoRoot },
    );
    // The most talkative level, so a code slipping into any log line would be caught.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    kiosk = await startKiosk(config, pino({ level: 'trace' }, sink));
  });

  afterAll(async () => {
    await kiosk?.close();
    rmSync(outputDir, { recursive: true, force: true });
  });

  it('delivers a sandbox-signed QR code through the simulated scanner', async () => {
    const code = await scanned(() => kiosk.sim.showResidentCode('resident-li', {}));
    expect(code.symbology).toBe('qr');
    expect(code.text.startsWith(SANDBOX_CODE_BASE)).toBe(true);
  });

  it('writes no part of the code to the kiosk log', async () => {
    const code = await scanned(() => kiosk.sim.showResidentCode('resident-li', {}));
    const token = code.text.slice(SANDBOX_CODE_BASE.length);
    const [payload = '', signature = ''] = token.split('.');
    expect(payload.length).toBeGreaterThan(0);
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('');
    expect(log).not.toContain(payload);
    expect(log).not.toContain(signature);
  });

  it('delivers a code the platform resolves to that resident', async () => {
    const code = await scanned(() => kiosk.sim.showResidentCode('resident-li', {}));
    const client = new PlatformClient({ baseUrl: kiosk.platformUrl, kioskId: 'kiosk-test-rc' });
    expect(await client.resolveResidentCode(code.text)).toMatchObject({
      resolved: true,
      name: '李明华',
    });
  });

  it('delivers a code the platform refuses as expired when an expired one is asked for', async () => {
    const code = await scanned(() => kiosk.sim.showResidentCode('resident-li', { expired: true }));
    const client = new PlatformClient({ baseUrl: kiosk.platformUrl, kioskId: 'kiosk-test-rc' });
    expect(await client.resolveResidentCode(code.text)).toMatchObject({
      resolved: false,
      reason: 'expired',
    });
  });

  it('rejects an unknown profile with the sandbox’s sentence naming a profile to use', async () => {
    await expect(kiosk.sim.showResidentCode('nobody-here', {})).rejects.toThrow(
      /no resident code for "nobody-here": .*resident-li/,
    );
  });

  it('rejects with a clear sentence when the platform is not the embedded sandbox', async () => {
    const sim = createSimulatorControl(kiosk.devices, undefined, () => undefined, undefined);
    await expect(sim.showResidentCode('resident-li', {})).rejects.toThrow(
      'the platform is not the embedded sandbox on this kiosk',
    );
  });

  it('rejects with a clear sentence when the QR scanner is not simulated', async () => {
    const devices = { ...kiosk.devices, simulators: { ...kiosk.devices.simulators } };
    delete devices.simulators.scanner;
    const sim = createSimulatorControl(devices, undefined, () => undefined, kiosk.platformUrl);
    await expect(sim.showResidentCode('resident-li', {})).rejects.toThrow(
      'the QR scanner is not simulated on this kiosk',
    );
  });
});
