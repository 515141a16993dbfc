import { createMemoryPair } from '../transports/memory.ts';
import { IdCardReader, type IdCardReaderOptions } from './reader.ts';
import { IdCardSimulator, type IdCardSimulatorOptions } from './simulator.ts';

/** A real reader driver wired to a simulated SAM in the same process. */
export interface SimulatedReader {
  reader: IdCardReader;
  simulator: IdCardSimulator;
  /** Closes the reader and the simulator. */
  close: () => Promise<void>;
}

/**
 * Wires an IdCardReader to an IdCardSimulator over an in-memory byte pair: the real codec
 * and driver run, only the serial line is skipped. For unit tests of code above the driver
 * and for a kiosk started without any serial ports.
 */
export function createSimulatedReader(
  options: { simulator?: IdCardSimulatorOptions; reader?: IdCardReaderOptions } = {},
): SimulatedReader {
  const [host, device] = createMemoryPair('id-card-sim');
  const simulator = new IdCardSimulator(device, options.simulator);
  const reader = new IdCardReader(host, { simulated: true, ...options.reader });
  return {
    reader,
    simulator,
    close: async () => {
      await reader.close();
      await simulator.close();
    },
  };
}
