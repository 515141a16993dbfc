import { Writable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION, type KioskSnapshot } from '../../kiosk/contract.ts';
import { parseConfig } from '../../kiosk/core/config/index.ts';
import { startKiosk, type RunningKiosk } from '../../kiosk/core/kiosk.ts';
import { createLogger, silentLogger } from '../../kiosk/core/log.ts';
import { startIdCardSimulator, type RunningIdCardSimulator } from '../../drivers/id-card/index.ts';
import { startPtyLinks, type PtyLinks } from '../support/pty-links.ts';
import { KIOSK24_BIN } from '../../kiosk/cli/testing/run-kiosk24.ts';
import { budget, waitFor } from '../support/time.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function runCli(args: string[]): { status: number | null; out: string } {
  // The compiled kiosk24, as npm start runs it; the vitest global setup keeps it built.
  const result = spawnSync(process.execPath, [KIOSK24_BIN, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: budget(60_000),
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

/** Runs `use` against a kiosk on its embedded defaults, closing it afterwards. */
async function withDefaultKiosk(use: (kiosk: RunningKiosk) => Promise<void>): Promise<void> {
  const outputDir = mkdtempSync(join(tmpdir(), 'kiosk24-a4-'));
  const config = parseConfig(
    {
      devices: { documentPrinter: { mode: 'simulated', outputDir } },
      journal: { path: join(outputDir, 'journal.sqlite') },
    },
    { cwd: repoRoot },
  );
  const kiosk = await startKiosk(config, silentLogger);
  try {
    await use(kiosk);
  } finally {
    await kiosk.close();
  }
}

describe('starting the kiosk', () => {
  it('stops on a bad config value with one message naming the key, the value and what is allowed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-config-'));
    const file = join(dir, 'kiosk.yaml');
    writeFileSync(file, 'devices:\n  receiptPrinter:\n    baudRate: 12345\n');
    const { status, out } = runCli(['start', '--config', file]);
    expect(status).toBe(1);
    expect(out).toContain('devices.receiptPrinter.baudRate');
    expect(out).toContain('12345');
    expect(out).toContain('115200');
  });

  it('keeps serving without the ID card reader, says why in one log line, and picks the reader up when it is plugged in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-reader-'));
    const readerPath = join(dir, 'ttyUSB0');
    const config = parseConfig(
      {
        devices: {
          idCard: { mode: 'serial', path: readerPath },
          documentPrinter: { mode: 'simulated', outputDir: dir },
        },
        flows: { directories: [join(repoRoot, 'flows')] },
        journal: { path: join(dir, 'journal.sqlite') },
      },
      { cwd: repoRoot },
    );
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    const kiosk = await startKiosk(config, log);
    let links: PtyLinks | undefined;
    let simulator: RunningIdCardSimulator | undefined;
    try {
      const reasons = lines.filter(
        (line) => line.includes('ID card reader') && line.includes(readerPath),
      );
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toContain('cannot be opened yet');
      expect(kiosk.devices.outOfService()).toContain('idCardReader');
      expect(kiosk.devices.receiptPrinter?.state().status).toBe('online');

      const snapshots: KioskSnapshot[] = [];
      const link = kiosk.sessions.connect(
        (m) => m.type === 'snapshot' && snapshots.push(m.snapshot),
      );
      link.receive({ type: 'hello', contractVersion: CONTRACT_VERSION });
      link.receive({ type: 'action', event: 'session.start' });
      const menu = snapshots.at(-1)!;
      expect(menu.screen.id).toBe('menu');
      const block = menu.screen.blocks[0];
      const choice = block?.kind === 'choices' ? block.choices[0] : undefined;
      // The phone resident code still identifies, so the service stays; only the card way is off.
      expect(kiosk.devices.outOfService()).not.toContain('scanner');
      expect(choice?.disabled).not.toBe(true);
      link.receive({
        type: 'action',
        event: 'service.chosen',
        data: { serviceId: 'si-payment-certificate' },
      });
      await waitFor(
        () => snapshots.at(-1)?.screen.id === 'si-payment-certificate/choose-identity',
        'the identity choice of the certificate service',
        5000,
      );
      const ways = snapshots.at(-1)!.screen.blocks[0];
      const [card, code] = ways?.kind === 'choices' ? ways.choices : [];
      expect(card?.disabled).toBe(true);
      expect(card?.disabledReason).toContain('身份证读卡器');
      expect(code?.disabled).not.toBe(true);

      // The reader is plugged in: its port appears and the kiosk takes it up by itself.
      links = await startPtyLinks(readerPath, join(dir, 'reader-device'));
      simulator = await startIdCardSimulator({ path: links.devicePath, pace: false });
      await waitFor(
        () => !kiosk.devices.outOfService().includes('idCardReader'),
        'the kiosk to take up the plugged-in reader',
        15_000,
      );
      expect(kiosk.devices.idCard?.state().status).toBe('online');
      expect(kiosk.devices.outOfService()).not.toContain('idCardReader');
    } finally {
      await kiosk.close();
      await simulator?.close();
      await links?.stop();
    }
  });

  it('marks the reader out of service when its simulator stops answering', async () => {
    await withDefaultKiosk(async (kiosk) => {
      expect(kiosk.devices.outOfService()).toEqual([]);
      await kiosk.sim.fault('idcard', 'silence');
      const state = await kiosk.devices.idCard!.selfTest();
      expect(state.status).not.toBe('online');
      expect(state.detail.length).toBeGreaterThan(0);
      expect(kiosk.devices.outOfService()).toContain('idCardReader');
    });
  });

  it('delivers a code shown to the simulated QR scanner through the real serial driver', async () => {
    await withDefaultKiosk(async (kiosk) => {
      const scanner = kiosk.devices.scanner;
      expect(scanner?.state().simulated).toBe(true);
      const code = new Promise<{ text: string; symbology: string }>((resolve) =>
        scanner?.onCode(resolve),
      );
      await kiosk.sim.scanCode('https://example.gov.cn/m/居民码?t=8F3A');
      expect(await code).toMatchObject({
        text: 'https://example.gov.cn/m/居民码?t=8F3A',
        symbology: 'qr',
      });
    });
  });

  it('removes the certificates the simulated A4 printer kept in its temporary tray when the session is wiped', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'kiosk24-journal-'));
    const config = parseConfig(
      {
        platform: { timeoutMs: budget(3000) },
        journal: { path: join(journalDir, 'journal.sqlite') },
      },
      { cwd: repoRoot },
    );
    const kiosk = await startKiosk(config, silentLogger);
    try {
      const tray = kiosk.devices.simulators.document!.folder;
      const snapshots: KioskSnapshot[] = [];
      const link = kiosk.sessions.connect(
        (m) => m.type === 'snapshot' && snapshots.push(m.snapshot),
      );
      const until = async (id: string): Promise<void> => {
        await waitFor(() => snapshots.at(-1)?.screen.id === id, `the ${id} screen`, 6000);
      };
      link.receive({ type: 'hello', contractVersion: CONTRACT_VERSION });
      link.receive({ type: 'action', event: 'session.start' });
      link.receive({
        type: 'action',
        event: 'service.chosen',
        data: { serviceId: 'si-payment-certificate' },
      });
      link.receive({ type: 'action', event: 'identity.card' });
      await kiosk.sim.insertCard('resident-wang');
      await until('si-payment-certificate/choose-period');
      link.receive({ type: 'action', event: 'period.months', data: { months: 12 } });
      await until('si-payment-certificate/preview');
      link.receive({ type: 'action', event: 'print' });
      await until('si-payment-certificate/take-document');
      expect(readdirSync(tray).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
      kiosk.sessions.endSession('test');
      expect(readdirSync(tray)).toEqual([]);
    } finally {
      await kiosk.close();
    }
  });
});
