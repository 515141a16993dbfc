import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_IDLE_GAP_MS,
  DEFAULT_REPLY_TIMEOUT_MS,
  SerialLineScanner,
} from '../../drivers/scanner/serial-line.ts';
import {
  startScannerSimulator,
  type RunningScannerSimulator,
} from '../../drivers/scanner/simulator.ts';
import type { CodeRefused, CodeScanned } from '../../drivers/scanner/types.ts';
import { SerialTransport } from '../../drivers/transports/serial.ts';
import { createPtyPair, type PtyPair } from '../support/pty.ts';
import { budget, waitFor, within } from '../support/time.ts';

describe('the serial line scanner over a real socat pty, against the paced simulator', () => {
  let pty: PtyPair;
  let sim: RunningScannerSimulator;
  let scanner: SerialLineScanner;

  beforeAll(async () => {
    pty = await createPtyPair();
    sim = await startScannerSimulator({ path: pty.devicePath, baudRate: 115200, pace: true });
    const transport = await SerialTransport.open({ path: pty.hostPath, baudRate: 115200 });
    // The paced simulator shares the CPU: a pause between its slices must not end a code early.
    scanner = await SerialLineScanner.open(transport, {
      simulated: true,
      trigger: 'honeywell',
      idleGapMs: budget(DEFAULT_IDLE_GAP_MS),
      replyTimeoutMs: budget(DEFAULT_REPLY_TIMEOUT_MS),
    });
  });

  afterAll(async () => {
    await scanner?.close();
    await sim?.close();
    await pty?.close();
  });

  function nextEvent(): Promise<CodeScanned | CodeRefused> {
    const heard = new Promise<CodeScanned | CodeRefused>((resolve) => {
      const offs = [scanner.onCode(done), scanner.onRefused(done)];
      function done(value: CodeScanned | CodeRefused): void {
        offs.forEach((off) => off());
        resolve(value);
      }
    });
    return within(heard, 'the next scan or refusal from the scanner');
  }

  it('delivers a long UTF-8 QR token sent byte-paced over the line', async () => {
    const token = `https://zwfw.example.gov.cn/qr/${'Ab9_-'.repeat(300)}?城市=南京`;
    const seen = nextEvent();
    await sim.scan(token, { symbology: 'qr' });
    expect(await seen).toMatchObject({
      text: token,
      symbology: 'qr',
      aimId: ']Q1',
      source: 'serial',
    });
  });

  it('delivers consecutive codes in order, a GBK one among them', async () => {
    const texts = ['first', '苏服码-第二', 'third'];
    const codes: string[] = [];
    const all = new Promise<void>((resolve) => {
      const off = scanner.onCode((code) => {
        codes.push(code.text);
        if (codes.length === texts.length) {
          off();
          resolve();
        }
      });
    });
    await sim.scan(texts[0] ?? '');
    await sim.scan(texts[1] ?? '', { encoding: 'gb18030', suffix: 'CRLF' });
    await sim.scan(texts[2] ?? '', { aim: false });
    await within(all, `${texts.length} codes in a row`);
    expect(codes).toEqual(texts);
  });

  it('refuses line noise with a typed reason', async () => {
    const seen = nextEvent();
    await sim.simulator.sendBytes(Uint8Array.of(0x5d, 0x51, 0x31, 0xff, 0xfe, 0x00, 0x0d));
    expect(await seen).toMatchObject({ source: 'serial', reason: 'undecodable' });
  });

  it('sends the Honeywell trigger bytes that the simulator recognises', async () => {
    await scanner.start();
    await scanner.stop();
    await waitFor(
      () => sim.simulator.receivedTriggers.length >= 2,
      'the start and stop commands at the simulator',
    );
    expect(sim.simulator.receivedTriggers).toEqual([
      { profile: 'honeywell', command: 'start' },
      { profile: 'honeywell', command: 'stop' },
    ]);
  });
});
