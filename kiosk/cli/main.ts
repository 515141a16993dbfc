// The kiosk24 command, for technicians and vendors: start the kiosk, check a flow package.
import { parseArgs } from 'node:util';

const USAGE = `usage: kiosk24 <command>

  start [--config FILE]     start the kiosk (Electron when available, else the browser host)
  flow check DIR [--json]   check a flow package as the kiosk would at install
  flow test DIR [--json]    explore every path of a flow package (kiosk24 flow test --help)
  flow new ID [--out DIR]   create a flow package to start from (kiosk24 flow new --help)
  flow keygen|pack|sign     sign a flow package for terminals (kiosk24 flow install --help)
  flow install|rollback|list  install a signed package, go back a version, list flows
  device <subcommand>       list, selftest, read-id, scan (kiosk24 device --help)
  print <subcommand>        receipt, certificate, templates, sample, test (kiosk24 print --help)
  journal verify|outbox     check the audit chain, list unsent submissions (kiosk24 journal --help)

The config file may also be named by the KIOSK24_CONFIG environment variable.`;

/** Runs one kiosk24 command; resolves to the process exit code. */
export async function main(
  argv: string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  // Each command, and the config loader, is imported only when asked for: device, print and
  // start load serial ports, PDF and the kiosk core, which `--help` and `flow check` must not
  // wait for.
  // Device subcommands take options of their own, which the strict parse below would refuse.
  if (argv[0] === 'device') {
    const { deviceCommand } = await import('./commands/device.ts');
    return deviceCommand(argv.slice(1), { out, err: console.error });
  }
  if (argv[0] === 'print') {
    const { printCommand } = await import('./commands/print.ts');
    return printCommand(argv.slice(1), { out, err: console.error });
  }
  if (argv[0] === 'flow') {
    const { flowCommand } = await import('./commands/flow.ts');
    return flowCommand(argv.slice(1), out);
  }
  if (argv[0] === 'journal') {
    const { journalCommand } = await import('./commands/journal.ts');
    return journalCommand(argv.slice(1), { out, err: console.error });
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    out(`kiosk24: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help || command === undefined) {
    out(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === 'start') {
    const { ConfigError, loadConfig } = await import('../core/config/index.ts');
    let config;
    try {
      config = loadConfig(values.config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      out(`kiosk24: the config cannot be used:\n${error.message}`);
      return 1;
    }
    const { startCommand } = await import('./commands/start.ts');
    return await startCommand(config, out);
  }
  out(`kiosk24: unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
  return 2;
}
