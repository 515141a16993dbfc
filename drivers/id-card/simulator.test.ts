import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPair } from '../transports/memory.ts';
import type { ByteTransport } from '../transports/types.ts';
import {
  commandFrame,
  encodeCommand,
  fromHex,
  setBaudFrame,
  toHex,
  type CommandName,
} from './codec.ts';
import { IdCardSimulator, type IdCardSimulatorOptions } from './simulator.ts';
import { waitFor } from '../../test/support/time.ts';

const opened: IdCardSimulator[] = [];
afterEach(async () => {
  for (const simulator of opened.splice(0)) await simulator.close();
});

/** A host end that collects raw answer bytes, one answer per command sent. */
function host(options: IdCardSimulatorOptions = {}) {
  const [hostEnd, device] = createMemoryPair('sim-test');
  const simulator = new IdCardSimulator(device, options);
  opened.push(simulator);
  const chunks: Uint8Array[] = [];
  hostEnd.onData((chunk) => chunks.push(chunk));
  return { simulator, send: (frame: Uint8Array) => exchange(hostEnd, chunks, frame) };
}

async function exchange(
  end: ByteTransport,
  chunks: Uint8Array[],
  frame: Uint8Array,
): Promise<string> {
  chunks.length = 0;
  await end.write(frame);
  // An answer is complete once 7 + its declared length bytes have arrived.
  return waitFor(
    () => {
      const bytes = Buffer.concat(chunks);
      return bytes.length >= 7 && bytes.length >= 7 + bytes.readUInt16BE(5) && toHex(bytes);
    },
    `the whole answer to ${toHex(frame)}`,
  );
}

const send = async (sim: ReturnType<typeof host>, name: CommandName) =>
  sim.send(commandFrame(name));

describe('the simulated SAM', () => {
  it('answers the status check, find and select with the reference frames of the spec', async () => {
    const sim = host();
    expect(await send(sim, 'samStatus')).toBe('AA AA AA 96 69 00 04 00 00 90 94');
    expect(await send(sim, 'findCard')).toBe('AA AA AA 96 69 00 04 00 00 80 84');
    expect(await send(sim, 'selectCard')).toBe('AA AA AA 96 69 00 04 00 00 81 85');
    sim.simulator.insert('resident-li');
    expect(await send(sim, 'findCard')).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(await send(sim, 'selectCard')).toBe(
      'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C',
    );
    expect((await send(sim, 'readText')).slice(0, 41)).toBe(
      'AA AA AA 96 69 05 08 00 00 90 01 00 04 00',
    );
  });

  it('answers find with "no card" after a read until the card is presented again', async () => {
    const sim = host();
    sim.simulator.insert('resident-li');
    await send(sim, 'findCard');
    await send(sim, 'selectCard');
    await send(sim, 'readText');
    expect(await send(sim, 'findCard')).toMatch(/ 80 84$/);
    sim.simulator.remove();
    sim.simulator.insert('resident-li');
    expect(await send(sim, 'findCard')).toMatch(/ 9F 00 00 00 00 97$/);
  });

  it('answers a read with "read failed" (41) and loses the card when told it is pulled mid-read', async () => {
    const sim = host();
    sim.simulator.insert('resident-li');
    sim.simulator.fault('pull-mid-read');
    await send(sim, 'findCard');
    await send(sim, 'selectCard');
    expect(await send(sim, 'readText')).toBe('AA AA AA 96 69 00 04 00 00 41 45');
    expect(sim.simulator.cardProfile).toBeUndefined();
  });

  it('answers a frame with a bad checksum with SW3 10 and an unknown command with SW3 21', async () => {
    const sim = host();
    expect(await sim.send(fromHex('AA AA AA 96 69 00 03 20 01 23'))).toBe(
      'AA AA AA 96 69 00 04 00 00 10 14',
    );
    expect(await sim.send(encodeCommand(0x77, 0x01))).toBe('AA AA AA 96 69 00 04 00 00 21 25');
    expect(sim.simulator.commandCount('bad-frame')).toBe(1);
  });

  it('answers every command with 60 after a failed self-test and 66 when not authorised', async () => {
    const sim = host();
    sim.simulator.fault('self-test-fail');
    expect(await send(sim, 'samStatus')).toBe('AA AA AA 96 69 00 04 00 00 60 64');
    sim.simulator.clearFaults();
    sim.simulator.fault('not-authorised');
    expect(await send(sim, 'findCard')).toBe('AA AA AA 96 69 00 04 00 00 66 62');
  });

  it('accepts a baud-rate change and refuses an unknown rate parameter', async () => {
    const sim = host();
    expect(await sim.send(setBaudFrame(9600))).toBe('AA AA AA 96 69 00 04 00 00 90 94');
    expect(await sim.send(encodeCommand(0x60, 0x09))).toMatch(/ 21 25$/);
  });

  it('sends a paced answer in several slices with the same bytes', async () => {
    const [hostEnd, device] = createMemoryPair('paced');
    const simulator = new IdCardSimulator(device, { pace: true, baudRate: 115200 });
    opened.push(simulator);
    simulator.insert('resident-li');
    const chunks: Uint8Array[] = [];
    hostEnd.onData((chunk) => chunks.push(chunk));
    await exchange(hostEnd, chunks, commandFrame('findCard'));
    await exchange(hostEnd, chunks, commandFrame('selectCard'));
    const answer = await exchange(hostEnd, chunks, commandFrame('readText'));
    expect(chunks.length).toBeGreaterThan(1);
    expect(answer.length).toBe(1295 * 3 - 1);
  });
});
