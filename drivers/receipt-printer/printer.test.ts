import { afterEach, describe, expect, it } from 'vitest';
import { DeviceError } from '../device/errors.ts';
import type { DeviceEvents, DeviceState } from '../device/model.ts';
import { createMemoryPair } from '../transports/memory.ts';
import { ReceiptEncoder } from './encoder.ts';
import { boxGlyphs } from './glyphs.ts';
import { PrintInterruptedError, ReceiptPrinter, type ReceiptPrinterOptions } from './printer.ts';
import { loadProfile } from './profile.ts';
import { ReceiptPrinterSimulator } from './simulator.ts';
import { budget, within } from '../../test/support/time.ts';

const profile = loadProfile('generic-80mm-203dpi');
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

function rig(options: ReceiptPrinterOptions = {}): {
  printer: ReceiptPrinter;
  sim: ReceiptPrinterSimulator;
} {
  const [host, device] = createMemoryPair('receipt');
  const sim = new ReceiptPrinterSimulator(device, { glyphs: boxGlyphs });
  const printer = new ReceiptPrinter(host, {
    // Every answer of the in-process simulator must arrive within this, even on a busy CPU.
    replyTimeoutMs: budget(200),
    pollIntervalMs: 10,
    simulated: true,
    ...options,
  });
  cleanup.push(() => printer.close());
  return { printer, sim };
}

const job = (title: string, lines = 5): Uint8Array => {
  const encoder = new ReceiptEncoder(profile).init().line(title);
  for (let i = 1; i <= lines; i++) encoder.line(`第${i}行 line ${i}`);
  return encoder.cut({ feed: 3 }).encode();
};

async function failure(promise: Promise<unknown>): Promise<DeviceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeviceError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a DeviceError');
}

describe('the receipt printer driver against the simulator', () => {
  it('prints a job that the simulator cuts off as one complete receipt', async () => {
    const { printer, sim } = rig();
    const result = await printer.print(job('JOB A'));
    expect(result.state.status).toBe('online');
    const [receipt] = sim.receipts();
    expect(receipt?.complete).toBe(true);
    expect(receipt?.text).toContain('JOB A');
    expect(receipt?.text).toContain('第5行 line 5');
  });

  it('refuses a job with paperOut and sends none of it when the paper is out', async () => {
    const { printer, sim } = rig();
    sim.setPaper('out');
    const error = await failure(printer.print(job('NEVER')));
    expect(error.paperOut).toBe(true);
    expect(printer.pendingJob()).toBeUndefined();
    sim.setPaper('ok');
    const second = job('SECOND');
    await printer.print(second);
    expect(sim.receipts().map((r) => r.bytes)).toEqual([second]);
  });

  it('reports paper out mid-job as a resumable interruption and reprints it whole on resume', async () => {
    const { printer, sim } = rig();
    const bytes = job('MID JOB', 6);
    sim.runOutOfPaperAfterLines(3);
    const error = await failure(printer.print(bytes));
    expect(error).toBeInstanceOf(PrintInterruptedError);
    expect(error.paperOut).toBe(true);
    expect(printer.pendingJob()?.bytes).toEqual(bytes);
    expect(sim.receipts().map((r) => r.complete)).toEqual([false]);

    const blocked = await failure(printer.print(job('OTHER')));
    expect(blocked.paperOut).toBe(true);

    sim.setPaper('ok');
    const result = await printer.resume();
    expect(result.jobId).toBe((error as PrintInterruptedError).jobId);
    expect(printer.pendingJob()).toBeUndefined();
    const last = sim.receipts().at(-1);
    expect(last?.complete).toBe(true);
    expect(last?.text).toContain('第6行 line 6');
  });

  it('hands an abandoned job back to the caller instead of dropping it', async () => {
    const { printer, sim } = rig();
    sim.runOutOfPaperAfterLines(1);
    await failure(printer.print(job('GIVE UP')));
    const abandoned = printer.abandon();
    expect(abandoned?.error.paperOut).toBe(true);
    expect(printer.pendingJob()).toBeUndefined();
  });

  it('emits a paper threshold event at near end and stays online', async () => {
    const { printer, sim } = rig();
    const events: DeviceEvents['supplyThreshold'][] = [];
    printer.onSupplyThreshold((event) => events.push(event));
    await printer.status();
    sim.setPaper('near-end');
    await printer.status();
    expect(events).toEqual([
      { supply: 'paper', state: 'full' },
      { supply: 'paper', state: 'low' },
    ]);
    expect(printer.state().status).toBe('online');
    await printer.print(job('STILL PRINTS'));
    expect(sim.receipts()).toHaveLength(1);
  });

  it('times out with DeviceError{timeout} and goes offline when the printer is silent', async () => {
    // Meant to expire: a silent printer never answers, however long the driver waits.
    const { printer, sim } = rig({ replyTimeoutMs: 100 });
    sim.setSilent(true);
    const error = await failure(printer.status());
    expect(error.timeout).toBe(true);
    expect(printer.state().status).toBe('offline');
    expect(printer.state().supplies.paper).toBe('unknown');
  });

  it('learns about an opened cover from ASB without polling', async () => {
    const [host, device] = createMemoryPair('receipt-asb');
    const sim = new ReceiptPrinterSimulator(device, { glyphs: boxGlyphs });
    const printer = await ReceiptPrinter.open(host, {
      autoStatusBack: true,
      replyTimeoutMs: budget(200),
    });
    cleanup.push(() => printer.close());
    const changed = new Promise<DeviceState>((resolve) => printer.onStateChange(resolve));
    sim.setCover(true);
    const state = await within(changed, 'the ASB report of the opened cover');
    expect(state.status).toBe('offline');
    expect(state.detail).toContain('cover open');
  });

  it('refuses a job with hardwareError while the cover is open', async () => {
    const { printer, sim } = rig();
    sim.setCover(true);
    expect((await failure(printer.print(job('COVER')))).hardwareError).toBe(true);
    expect(sim.receipts()).toHaveLength(0);
  });

  it('cancels a job whose signal has fired before anything is sent', async () => {
    const { printer, sim } = rig();
    const controller = new AbortController();
    controller.abort();
    const error = await failure(printer.print(job('CANCELED'), { signal: controller.signal }));
    expect(error.canceled).toBe(true);
    expect(sim.receipts()).toHaveLength(0);
  });
});
