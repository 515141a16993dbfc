import { SerialLineScanner } from '../../../drivers/scanner/serial-line.ts';
import type { CodeScanned } from '../../../drivers/scanner/types.ts';
import { silentLogger } from '../../core/log.ts';
import {
  EXIT,
  baudOption,
  openPort,
  parseOptions,
  requirePort,
  timeoutOption,
  type CommandIo,
} from './device-args.ts';

type ScanOutcome =
  { kind: 'code'; code: CodeScanned } | { kind: 'timeout' } | { kind: 'lost'; reason: string };

/**
 * `kiosk24 device scan`: waits for one code from a serial line scanner and prints
 * `{ "text", "symbology" }` (stderr says when it is listening). Exit 0 on a code, 2 when none came in time, 1 when the port
 * cannot be opened or goes away. A scan the driver refuses (too long, control bytes) is
 * reported on stderr, without its content, and the wait goes on.
 */
export async function scanCommand(args: string[], io: CommandIo): Promise<number> {
  const options = parseOptions(args, {
    port: { type: 'string' },
    baud: { type: 'string' },
    timeout: { type: 'string' },
  });
  const path = requirePort(options.port);
  const baudRate = baudOption(options.baud, 9600);
  const timeoutMs = timeoutOption(options.timeout, 30);

  const transport = await openPort('scan', path, baudRate, io);
  if (!transport) return EXIT.deviceError;
  const scanner = new SerialLineScanner(transport, { logger: silentLogger });
  const cleanups: (() => void)[] = [];
  try {
    const outcome = await new Promise<ScanOutcome>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
      cleanups.push(
        () => clearTimeout(timer),
        scanner.onCode((code) => resolve({ kind: 'code', code })),
        scanner.onRefused((refusal) =>
          io.err(`kiosk24 device scan: ignored a refused scan (${refusal.detail}); scan again`),
        ),
        transport.onClose((error) =>
          resolve({ kind: 'lost', reason: error?.message ?? 'the port closed' }),
        ),
      );
      // Said once the scanner is heard: a technician (or a script) scans after this line, and a
      // code half-sent before the port was open cannot be mistaken for one.
      io.err(`kiosk24 device scan: waiting up to ${timeoutMs / 1000} s for a code on ${path}`);
    });
    if (outcome.kind === 'code') {
      io.out(JSON.stringify({ text: outcome.code.text, symbology: outcome.code.symbology }));
      return EXIT.ok;
    }
    if (outcome.kind === 'timeout') {
      io.err(
        `kiosk24 device scan: no code was scanned within ${timeoutMs / 1000} s on ${path}; check the scanner is in serial (not keyboard) mode at ${baudRate} baud`,
      );
      return EXIT.timeoutOrUsage;
    }
    io.err(`kiosk24 device scan: the scanner on ${path} went away: ${outcome.reason}`);
    return EXIT.deviceError;
  } finally {
    for (const cleanup of cleanups) cleanup();
    await scanner.close();
  }
}
