import {
  SANDBOX_MAINTENANCE_PIN,
  verifyMaintenancePinSync,
  MaintenancePinError,
} from '../maintenance/pin.ts';
import { DEVICE_MODES, type DeviceKey } from './modes.ts';

/**
 * What `production: true` refuses, as problems the config loader reports with their key paths:
 * simulated devices, the embedded sandbox platform, and the sandbox maintenance PIN. The checks
 * run on the parsed config, where a key left out already holds its (simulated) default, so a
 * production file must name every real mode.
 */

/** The parts of a parsed config the production check reads. */
export interface ProductionView {
  devices: Record<DeviceKey, { mode: string }>;
  platform: { mode: string };
  maintenance: { pinHash: string };
  help: { remoteUrl: string };
}

/** One refusal: the key path, what is wrong, and what to put there instead. */
export interface ProductionProblem {
  path: string[];
  message: string;
  allowed: string;
}

const PIN_ALLOWED =
  'a scrypt hash of your own PIN (npx tsx kiosk/core/maintenance/hash-pin.ts), never 246810';

/** Every reason `config` cannot run with `production: true`; empty when it can. */
export function productionProblems(config: ProductionView): ProductionProblem[] {
  const problems: ProductionProblem[] = [];
  for (const device of Object.keys(DEVICE_MODES) as DeviceKey[]) {
    if (config.devices[device].mode !== 'simulated') continue;
    const real = DEVICE_MODES[device].filter((mode) => mode !== 'simulated');
    problems.push({
      path: ['devices', device, 'mode'],
      message:
        'is "simulated" (also the default when the key is left out), which production refuses',
      allowed: `a real mode: ${real.map((mode) => `"${mode}"`).join(', ')}`,
    });
  }
  if (config.platform.mode === 'sandbox') {
    problems.push({
      path: ['platform', 'mode'],
      message:
        'is "sandbox" (also the default when the key is left out), the embedded test platform, which production refuses',
      allowed: '"remote", with platform.baseUrl',
    });
  }
  if (isSandboxPin(config.maintenance.pinHash)) {
    problems.push({
      path: ['maintenance', 'pinHash'],
      message:
        'verifies the sandbox PIN 246810, printed in the docs, which production refuses (whatever the salt)',
      allowed: PIN_ALLOWED,
    });
  }
  if (isReservedExampleHost(config.help.remoteUrl)) {
    problems.push({
      path: ['help', 'remoteUrl'],
      message:
        'points at an example domain (also the default when the key is left out), so the remote-help QR would lead residents nowhere, which production refuses',
      allowed: "the https address of your province's remote-help service",
    });
  }
  return problems;
}

/**
 * True for a URL on a domain RFC 2606 / RFC 6761 reserve for examples (`example`, `example.com`,
 * `.org`, `.net`, and `.test`, `.invalid`, `.localhost`): the default and anything copied from
 * the docs.
 */
function isReservedExampleHost(url: string): boolean {
  const host = URL.canParse(url) ? new URL(url).hostname.toLowerCase().replace(/\.$/, '') : '';
  const labels = host.split('.');
  const last = labels.at(-1) ?? '';
  const lastTwo = labels.slice(-2).join('.');
  return (
    ['example', 'test', 'invalid', 'localhost'].includes(last) ||
    ['example.com', 'example.org', 'example.net'].includes(lastTwo)
  );
}

/**
 * True when the hash accepts the sandbox PIN. The PIN is tried against the hash rather than the
 * hash compared with the sandbox one: the same PIN hashed with a fresh salt is a different
 * string that still opens maintenance with 246810.
 */
function isSandboxPin(pinHash: string): boolean {
  try {
    return verifyMaintenancePinSync(SANDBOX_MAINTENANCE_PIN, pinHash);
  } catch (error) {
    // A malformed hash is already reported on its own key; this check has nothing to add.
    if (error instanceof MaintenancePinError && error.badHash) return false;
    throw error;
  }
}
