import type { DeviceClass, DeviceState } from '../../../drivers/device/model.ts';
import type { Requirement } from '../../core/capabilities/catalogue.ts';
import { ConfigError, loadConfig, type KioskConfig } from '../../core/config/index.ts';
import { openDevices, type KioskDevices } from '../../core/devices/index.ts';
import { silentLogger } from '../../core/log.ts';
import { DEVICE_USAGE, EXIT, UsageError, parseOptions, type CommandIo } from './device-args.ts';
import { readIdCommand } from './device-read-id.ts';
import { scanCommand } from './device-scan.ts';

/**
 * `kiosk24 device`: the technician's view of the kiosk's devices. `list` and `selftest` open
 * the devices the config names, exactly as the kiosk would (simulators included), report and
 * close them; `read-id` and `scan` talk to one port directly, with no config at all.
 */

/** Runs `kiosk24 device <subcommand> ...`; resolves to the exit code. */
export async function deviceCommand(
  args: string[],
  io: CommandIo = { out: console.log, err: console.error },
): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'list':
        return await listCommand(rest, io);
      case 'selftest':
        return await selftestCommand(rest, io);
      case 'read-id':
        return await readIdCommand(rest, io);
      case 'scan':
        return await scanCommand(rest, io);
      case undefined:
      case '--help':
      case '-h':
        io.out(DEVICE_USAGE);
        return sub === undefined ? EXIT.timeoutOrUsage : EXIT.ok;
      default:
        throw new UsageError(`unknown subcommand "${sub}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kiosk24 device: ${error.message}\n\n${DEVICE_USAGE}`);
      return EXIT.timeoutOrUsage;
    }
    if (error instanceof ConfigError) {
      io.err(`kiosk24 device: the config cannot be used:\n${error.message}`);
      return EXIT.deviceError;
    }
    throw error;
  }
}

async function listCommand(args: string[], io: CommandIo): Promise<number> {
  const options = parseOptions(args, { json: { type: 'boolean' }, config: { type: 'string' } });
  const config = loadConfig(options.config);
  const states = await withDevices(config, (devices) =>
    Promise.resolve(configuredStates(config, devices)),
  );
  if (options.json) io.out(JSON.stringify(states, null, 2));
  else {
    io.out(
      formatTable([
        ['device', 'class', 'status', 'simulated', 'detail'],
        ...states.map((s) => [s.id, s.deviceClass, s.status, s.simulated ? 'yes' : 'no', s.detail]),
      ]),
    );
  }
  return EXIT.ok;
}

async function selftestCommand(args: string[], io: CommandIo): Promise<number> {
  const options = parseOptions(args, { config: { type: 'string' } });
  const config = loadConfig(options.config);
  const states = await withDevices(config, async (devices) => {
    for (const device of [devices.idCard, devices.receiptPrinter, devices.documentPrinter]) {
      await device?.selfTest();
    }
    return configuredStates(config, devices);
  });
  io.out(
    formatTable([['device', 'status', 'detail'], ...states.map((s) => [s.id, s.status, s.detail])]),
  );
  return states.every((s) => s.status === 'online') ? EXIT.ok : EXIT.deviceError;
}

/** Opens the configured devices, runs `use`, and always closes them again. */
async function withDevices<T>(
  config: KioskConfig,
  use: (devices: KioskDevices) => Promise<T>,
): Promise<T> {
  // Failures come back in `devices.failures` and are shown in the table; a log would repeat them.
  const devices = await openDevices(config, silentLogger);
  try {
    return await use(devices);
  } finally {
    await devices.close();
  }
}

/** The device classes the kiosk opens, with their config section and id. */
const OPENED: readonly {
  requirement: Requirement & DeviceClass;
  id: string;
  mode: (c: KioskConfig) => string;
}[] = [
  { requirement: 'idCardReader', id: 'id-card-reader', mode: (c) => c.devices.idCard.mode },
  {
    requirement: 'receiptPrinter',
    id: 'receipt-printer',
    mode: (c) => c.devices.receiptPrinter.mode,
  },
  {
    requirement: 'documentPrinter',
    id: 'document-printer',
    mode: (c) => c.devices.documentPrinter.mode,
  },
];

/**
 * The state of every configured device: opened ones as they report themselves, and ones that
 * could not be opened as `noDevice` with the reason. Devices set to `none` are not configured
 * and are left out.
 */
function configuredStates(config: KioskConfig, devices: KioskDevices): DeviceState[] {
  const opened = devices.states();
  const states: DeviceState[] = [];
  for (const { requirement, id, mode } of OPENED) {
    if (mode(config) === 'none') continue;
    const state = opened.find((s) => s.deviceClass === requirement);
    if (state) states.push(state);
    else {
      states.push({
        id,
        deviceClass: requirement,
        status: 'noDevice',
        supplies: {},
        detail: devices.failures.get(requirement) ?? 'was not opened',
        simulated: mode(config) === 'simulated',
      });
    }
  }
  return states;
}

/** Lays rows out in columns; the last column is left ragged so long details do not pad lines. */
function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 2)))
        .join(''),
    )
    .join('\n');
}
