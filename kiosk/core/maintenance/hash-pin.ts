/**
 * Prints the `maintenance.pinHash` line for a new PIN:
 *
 *   npx tsx kiosk/core/maintenance/hash-pin.ts
 *
 * The PIN is read from standard input (typed, or piped), never from the command line, so it
 * stays out of shell history and the process list. Only the hash is printed.
 */
import { createInterface } from 'node:readline/promises';
import { hashMaintenancePin, MaintenancePinError } from './pin.ts';

const lines = createInterface({ input: process.stdin, terminal: false });
process.stderr.write('maintenance PIN (4-12 digits): ');
for await (const line of lines) {
  try {
    process.stdout.write(`maintenance:\n  pinHash: '${hashMaintenancePin(line.trim())}'\n`);
    process.exitCode = 0;
  } catch (error) {
    if (!(error instanceof MaintenancePinError)) throw error;
    process.stderr.write(`\n${error.message}\n`);
    process.exitCode = 1;
  }
  break;
}
lines.close();
