import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startIdCardSimulator, type RunningIdCardSimulator } from '../../drivers/id-card/index.ts';
import { startScannerSimulator } from '../../drivers/scanner/simulator.ts';
import { createPtyPair, type PtyPair } from '../../test/support/pty.ts';
import { budget, waitFor } from '../../test/support/time.ts';
import { deviceCommand } from './commands/device.ts';
import { runKiosk24, type Kiosk24Run } from './testing/run-kiosk24.ts';

/** Runs `kiosk24` as a technician would, in a child process. */
function kiosk24(
  args: string[],
  whileRunning?: Parameters<typeof runKiosk24>[1],
): Promise<Kiosk24Run> {
  return runKiosk24(args, whileRunning);
}

describe('kiosk24 device', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function pty(): Promise<PtyPair> {
    const pair = await createPtyPair();
    cleanups.push(() => pair.close());
    return pair;
  }

  async function samWith(
    profile?: string,
  ): Promise<{ pair: PtyPair; sam: RunningIdCardSimulator }> {
    const pair = await pty();
    const sam = await startIdCardSimulator({
      path: pair.devicePath,
      ...(profile ? { profile } : {}),
    });
    cleanups.push(() => sam.close());
    return { pair, sam };
  }

  /** A config with only the ID-card reader, on the given port. */
  function readerOnlyConfig(path: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-cli-'));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    const file = join(dir, 'kiosk.yaml');
    writeFileSync(
      file,
      [
        'devices:',
        '  idCard: { mode: serial, path: "' + path + '" }',
        '  receiptPrinter: { mode: none }',
        '  documentPrinter: { mode: none }',
      ].join('\n'),
    );
    return file;
  }

  describe('read-id', () => {
    it('prints a resident card as JSON with the ID number masked and nowhere in full', async () => {
      const { pair } = await samWith('resident-li');
      const seconds = String(budget(10_000) / 1000);
      const run = await kiosk24([
        'device',
        'read-id',
        '--port',
        pair.hostPath,
        '--timeout',
        seconds,
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const card = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(card).toMatchObject({
        cardType: 'resident',
        name: '李明华',
        nameEn: null,
        gender: 'male',
        nation: '汉',
        birthDate: '1956-03-15',
        address: '江苏省南京市鼓楼区示例路88号',
        idNumberMasked: '320106********123X',
        checkDigitValid: true,
        issuer: '南京市公安局鼓楼分局',
        validFrom: '2016-03-15',
        validTo: 'long-term',
        passNumber: null,
        issueCount: null,
        nationality: null,
      });
      expect(card).not.toHaveProperty('idNumber');
      expect(run.stdout + run.stderr).not.toContain('32010619560315123X');
    });

    it('shows the full ID number only with --reveal', async () => {
      const { pair } = await samWith('resident-wang');
      const run = await kiosk24(['device', 'read-id', '--port', pair.hostPath, '--reveal']);
      expect(run.code).toBe(0);
      const card = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(card.idNumber).toBe('320102198808084526');
      expect(card.idNumberMasked).toBe('320102********4526');
      expect(card.gender).toBe('female');
      expect(card.nation).toBe('回');
    });

    it('prints the pass number and issue count of a Hong Kong, Macau or Taiwan residence permit', async () => {
      const { pair } = await samWith('permit-huang');
      const run = await kiosk24(['device', 'read-id', '--port', pair.hostPath]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        cardType: 'hkmotw-permit',
        name: '黄家明',
        nation: null,
        idNumberMasked: '810000********1230',
        passNumber: 'H60000001',
        issueCount: '01',
        validTo: '2030-06-01',
      });
    });

    it("prints the English name and nationality of a foreigner's permanent residence card, with null for what it lacks", async () => {
      const { pair } = await samWith('foreign-smith');
      const run = await kiosk24(['device', 'read-id', '--port', pair.hostPath]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        cardType: 'foreign-permanent',
        name: '史爱丽',
        nameEn: 'SMITH, ALICE MARY',
        gender: 'female',
        nationality: 'GBR',
        birthDate: '1985-05-12',
        idNumberMasked: 'GBR32********12',
        checkDigitValid: null,
        address: null,
        issuer: null,
        nation: null,
        passNumber: null,
      });
      expect(run.stdout).not.toContain('GBR320000880512');
    });

    it('exits 2 with a one-line reason when no card is presented in time', async () => {
      const { pair } = await samWith();
      const run = await kiosk24(['device', 'read-id', '--port', pair.hostPath, '--timeout', '1']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/no card was read within 1 s/);
    });

    it('exits 1 naming the SW3 status when the SAM fails its self-test', async () => {
      const { pair, sam } = await samWith('resident-li');
      sam.fault('self-test-fail');
      const run = await kiosk24(['device', 'read-id', '--port', pair.hostPath]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/hardwareError: .*SW3 60 \(.*self-test/i);
    });

    it('exits 1 when the port does not exist', async () => {
      const run = await kiosk24(['device', 'read-id', '--port', '/dev/kiosk24-no-such-port']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/cannot open serial port \/dev\/kiosk24-no-such-port/);
    });

    it('exits 2 naming --port when it is missing', async () => {
      const run = await kiosk24(['device', 'read-id']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--port PATH is required/);
    });
  });

  describe('selftest', () => {
    it('exits 0 and shows the reader online when its SAM passes', async () => {
      const { pair } = await samWith();
      const run = await kiosk24([
        'device',
        'selftest',
        '--config',
        readerOnlyConfig(pair.hostPath),
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^id-card-reader\s+online\s+SAM self-test passed$/m);
    });

    it('exits 1 with the SW3 meaning in the table when the SAM fails its self-test', async () => {
      const { pair, sam } = await samWith();
      sam.fault('self-test-fail');
      const run = await kiosk24([
        'device',
        'selftest',
        '--config',
        readerOnlyConfig(pair.hostPath),
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^id-card-reader\s+hardwareError\s+.*SW3 60 \(.*self-test/im);
    });
  });

  describe('list', () => {
    it('opens the default simulated devices and prints their states as JSON', async () => {
      const run = await kiosk24(['device', 'list', '--json']);
      expect(run.code).toBe(0);
      const states = JSON.parse(run.stdout) as {
        deviceClass: string;
        status: string;
        simulated: boolean;
      }[];
      expect(states.map((s) => s.deviceClass).sort()).toEqual([
        'documentPrinter',
        'idCardReader',
        'receiptPrinter',
      ]);
      for (const state of states)
        expect(state).toMatchObject({ status: 'online', simulated: true });
    });

    it('shows a configured reader that cannot be opened as noDevice, in a table', async () => {
      const run = await kiosk24([
        'device',
        'list',
        '--config',
        readerOnlyConfig('/dev/kiosk24-no-such-port'),
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^device\s+class\s+status\s+simulated\s+detail$/m);
      expect(run.stdout).toMatch(/^id-card-reader\s+idCardReader\s+noDevice\s+no\s+.*cannot open/m);
    });
  });

  describe('scan', () => {
    it('prints the text and symbology of one code from a serial line scanner', async () => {
      const pair = await pty();
      const scanner = await startScannerSimulator({ path: pair.devicePath });
      cleanups.push(() => scanner.close());
      // One scan, once the command says it is listening: a code sent while it was still opening
      // the port could be heard only in part.
      const seconds = String(budget(30_000) / 1000);
      const args = ['device', 'scan', '--port', pair.hostPath, '--timeout', seconds];
      const run = await kiosk24(args, async (output) => {
        await waitFor(
          () => output.stderr().includes('waiting up to'),
          'kiosk24 device scan to say it is listening',
          20_000,
        );
        await scanner.scan('KIOSK24-扫码-001', { symbology: 'code128' });
      });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ text: 'KIOSK24-扫码-001', symbology: 'code128' });
    });

    it('exits 2 when nothing is scanned in time', async () => {
      const pair = await pty();
      const run = await kiosk24(['device', 'scan', '--port', pair.hostPath, '--timeout', '0.5']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/no code was scanned within 0.5 s/);
    });
  });
});

describe('kiosk24 device, run in-process', () => {
  it('refuses an unknown subcommand with exit 2 and the usage on stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await deviceCommand(['frobnicate'], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/unknown subcommand "frobnicate"[\s\S]*read-id --port PATH/);
  });

  it('refuses a --baud that is not a whole number, naming the option', async () => {
    const err: string[] = [];
    const code = await deviceCommand(['scan', '--port', '/dev/ttyS0', '--baud', 'fast'], {
      out: () => undefined,
      err: (line) => err.push(line),
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(
      /--baud must be a whole number of bit\/s such as 115200, got "fast"/,
    );
  });
});
