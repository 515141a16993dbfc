/**
 * The `kiosk24 print` command line: its usage text and options, shared by the render
 * subcommands and the test-page subcommand.
 */
import type { parseArgs } from 'node:util';
import type { CommandIo } from './device-args.ts';

/** The `kiosk24 print` command line, exactly as vendors' tools call it. */
export const PRINT_USAGE = `usage: kiosk24 print <subcommand> [--config FILE]

  receipt --template NAME --data FILE.json --out FILE.bin [--profile NAME] [--png FILE.png]
                      render a receipt template to ESC/POS bytes (default profile generic-80mm-203dpi)
  certificate --template NAME --data FILE.json --out FILE.pdf
                      render a certificate template to an A4 PDF
  templates [--json]  list every template (built-in and from installed flows) with its fields
  sample NAME         print valid sample data for a template (JSON on stdout)
  test --device receipt|document [--port PATH] [--baud N] [--queue Q] [--out FILE]
                      print a test page on a real device (serial or /dev/usb/lp*; CUPS queue)
                      or, with --out, to a file`;

/** Where `kiosk24 print` writes: the same split as the device subcommands. */
export type PrintIo = CommandIo;

/** The options `kiosk24 print` accepts, for node:util parseArgs. */
export const PRINT_OPTIONS = {
  config: { type: 'string' },
  template: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  profile: { type: 'string' },
  png: { type: 'string' },
  json: { type: 'boolean' },
  device: { type: 'string' },
  port: { type: 'string' },
  baud: { type: 'string' },
  queue: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The parsed command line of one `kiosk24 print` call. */
export type PrintOptions = ReturnType<
  typeof parseArgs<{ options: typeof PRINT_OPTIONS; allowPositionals: true }>
>['values'];
