import { describe, expect, it } from 'vitest';
import { DeviceError } from '../device/errors.ts';
import { createMemoryPair } from '../transports/memory.ts';
import { SerialLineScanner, type SerialLineScannerOptions } from './serial-line.ts';
import { ScannerSimulator } from './simulator.ts';
import type { CodeRefused, CodeScanned } from './types.ts';
import { budget, waitFor, within } from '../../test/support/time.ts';

function rig(options: SerialLineScannerOptions = {}) {
  const [host, device] = createMemoryPair('scanner');
  // The gap must not pass inside a code on a busy CPU, so it scales with the other budgets.
  const scanner = new SerialLineScanner(host, { idleGapMs: budget(20), ...options });
  const simulator = new ScannerSimulator(device);
  const codes: CodeScanned[] = [];
  const refusals: CodeRefused[] = [];
  scanner.onCode((code) => codes.push(code));
  scanner.onRefused((refusal) => refusals.push(refusal));
  const next = (): Promise<CodeScanned | CodeRefused> =>
    within(
      new Promise((resolve) => {
        const offs = [scanner.onCode((c) => done(c)), scanner.onRefused((r) => done(r))];
        const done = (value: CodeScanned | CodeRefused): void => {
          offs.forEach((off) => off());
          resolve(value);
        };
      }),
      'the next scan or refusal',
    );
  return { scanner, simulator, codes, refusals, next };
}

describe('a serial line scanner', () => {
  it('emits a QR code with its AIM id stripped and named as symbology', async () => {
    const { simulator, next } = rig();
    const seen = next();
    await simulator.scan('https://ywtb.example.cn/qr?token=AbC123', { symbology: 'qr' });
    expect(await seen).toEqual({
      text: 'https://ywtb.example.cn/qr?token=AbC123',
      symbology: 'qr',
      source: 'serial',
      aimId: ']Q1',
      encoding: 'utf-8',
    });
  });

  it('decodes a GBK-encoded Chinese code', async () => {
    const { simulator, next } = rig({ terminator: 'CRLF' });
    const seen = next();
    await simulator.scan('居民码 张三', { encoding: 'gb18030', suffix: 'CRLF' });
    expect(await seen).toMatchObject({ text: '居民码 张三', encoding: 'gb18030' });
  });

  it('completes a code that has no suffix after the idle gap', async () => {
    const { simulator, next } = rig();
    const seen = next();
    await simulator.scan('6901234567892', { symbology: 'ean-upc', suffix: 'none' });
    expect(await seen).toMatchObject({ text: '6901234567892', symbology: 'ean-upc', aimId: ']E0' });
  });

  it('reports a code with a control character as refused and never passes it on', async () => {
    const { simulator, next, codes } = rig();
    const seen = next();
    await simulator.sendBytes(new TextEncoder().encode(']Q1abc\u001bdef\r'));
    expect(await seen).toEqual({
      reason: 'controlCharacter',
      detail: 'control character 0x1b at position 3',
      source: 'serial',
    });
    expect(codes).toEqual([]);
  });

  it('reports an overlong line as refused', async () => {
    const { simulator, next } = rig({ rules: { maxLength: 10 } });
    const seen = next();
    await simulator.sendBytes(new Uint8Array(100).fill(0x41));
    await simulator.sendBytes(Uint8Array.of(0x0d));
    expect(await seen).toMatchObject({ reason: 'tooLong', source: 'serial' });
  });

  it('sends the Zebra SSI start command and keeps its ACK out of the scans', async () => {
    const { scanner, simulator, next, refusals } = rig({ trigger: 'zebra-ssi' });
    expect(scanner.canTrigger).toBe(true);
    await scanner.start();
    await waitFor(
      () => simulator.receivedTriggers.length > 0,
      'the start command at the simulator',
    );
    expect(simulator.receivedTriggers).toEqual([{ profile: 'zebra-ssi', command: 'start' }]);
    const seen = next();
    await simulator.scan('after-ack');
    expect(await seen).toMatchObject({ text: 'after-ack' });
    expect(refusals).toEqual([]);
    expect(scanner.state().status).toBe('busy');
    await scanner.stop();
    expect(scanner.state().status).toBe('online');
  });

  it('rejects start with an unsupported DeviceError when no trigger is configured', async () => {
    const { scanner } = rig();
    const error = await scanner.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).unsupported).toBe(true);
  });

  it('goes offline when its link closes', async () => {
    const { scanner, simulator } = rig();
    const states: string[] = [];
    scanner.onStateChange((s) => states.push(s.status));
    await simulator.close();
    expect(states).toEqual(['offline']);
  });
});
