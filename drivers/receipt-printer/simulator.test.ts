import { describe, expect, it } from 'vitest';
import { createMemoryPair } from '../transports/memory.ts';
import { ReceiptEncoder } from './encoder.ts';
import { boxGlyphs } from './glyphs.ts';
import { loadProfile } from './profile.ts';
import { ReceiptPrinterSimulator } from './simulator.ts';
import { waitFor } from '../../test/support/time.ts';

/**
 * A host end that records what the simulator sends back: `send` writes bytes and resolves with
 * the answer once `answerBytes` of it have arrived (none for a print job, which the simulator
 * takes in as soon as the bytes are delivered).
 */
function rig(): {
  send: (bytes: number[], answerBytes?: number) => Promise<number[]>;
  sim: ReceiptPrinterSimulator;
} {
  const [host, device] = createMemoryPair('sim');
  const sim = new ReceiptPrinterSimulator(device, { glyphs: boxGlyphs });
  const received: number[] = [];
  host.onData((chunk) => received.push(...chunk));
  const send = async (bytes: number[], answerBytes = 0): Promise<number[]> => {
    received.length = 0;
    await host.write(Uint8Array.from(bytes));
    return waitFor(
      () => received.length >= answerBytes && [...received],
      `${answerBytes} answer byte(s) from the simulator`,
    );
  };
  return { send, sim };
}

describe('the receipt printer simulator', () => {
  it('answers DLE EOT 4 with 0x12, 0x1E and 0x72 for paper ok, near end and out', async () => {
    const { send, sim } = rig();
    expect(await send([0x10, 0x04, 0x04], 1)).toEqual([0x12]);
    sim.setPaper('near-end');
    expect(await send([0x10, 0x04, 0x04], 1)).toEqual([0x1e]);
    sim.setPaper('out');
    expect(await send([0x10, 0x04, 0x04], 1)).toEqual([0x72]);
    expect(await send([0x10, 0x04, 0x01], 1)).toEqual([0x1a]);
  });

  it('sends an ASB block when ASB is enabled and again when the cover opens', async () => {
    const { send, sim } = rig();
    expect(await send([0x1d, 0x61, 0xff], 4)).toEqual([0x10, 0x00, 0x00, 0x00]);
    const later = send([], 4);
    sim.setCover(true);
    expect(await later).toEqual([0x38, 0x00, 0x00, 0x00]);
  });

  it('keeps each cut receipt with its text and a PNG 576 dots wide', async () => {
    const { send, sim } = rig();
    const profile = loadProfile('generic-80mm-203dpi');
    await send([...new ReceiptEncoder(profile).init().line('第一张').cut().encode()]);
    await send([...new ReceiptEncoder(profile).init().line('SECOND').cut().encode()]);
    const [first, second] = sim.receipts();
    expect(first?.text).toBe('第一张\n');
    expect(second?.text).toBe('SECOND\n');
    const png = first?.png();
    expect(png?.readUInt32BE(16)).toBe(576);
  });

  it('keeps a strip torn off by paper out as incomplete and prints nothing while out', async () => {
    const { send, sim } = rig();
    const profile = loadProfile('generic-80mm-203dpi');
    sim.runOutOfPaperAfterLines(1);
    await send([...new ReceiptEncoder(profile).line('one').line('two').cut().encode()]);
    expect(sim.receipts().map((r) => [r.complete, r.text])).toEqual([[false, 'one\n']]);
    expect(await send([0x10, 0x04, 0x02], 1)).toEqual([0x32]);
  });
});
