import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { assetPath } from '../../../assets.ts';
import { loadGlyphFont } from '../../../drivers/receipt-printer/glyphs.ts';
import { receiptTestPage } from '../../../printer-templates/test-page.ts';
import { chinaTime } from '../capabilities/runtime.ts';
import type { KioskConfig } from '../config/index.ts';
import type { KioskDevices } from '../devices/index.ts';
import type { FlowPackage } from '../runner/load-package.ts';
import { MaintenanceMode } from './mode.ts';

/** What the kiosk assembly hands maintenance mode. */
export interface MaintenanceAssembly {
  config: KioskConfig;
  devices: KioskDevices;
  flows: readonly FlowPackage[];
  platformUrl: string;
  log: Logger;
  /** Redraws the screen; the session owner's `refresh`. */
  onChange(): void;
}

/** Builds maintenance mode for a running kiosk from its config, devices and flows. */
export function assembleMaintenance(parts: MaintenanceAssembly): MaintenanceMode {
  const { config, devices, flows, platformUrl, log } = parts;
  const version = softwareVersion();
  return new MaintenanceMode({
    devices,
    pinHash: config.maintenance.pinHash,
    idleTimeoutSeconds: config.maintenance.idleExitSeconds,
    receiptTestPage: () => {
      const profile = devices.receiptProfile;
      // Profiles without a Chinese font get CJK as raster glyphs, as `kiosk24 print test` does.
      const glyphs = profile.chinese ? undefined : loadGlyphFont();
      return receiptTestPage(profile, {
        ...(glyphs ? { glyphs } : {}),
        printedAt: chinaTime(new Date()),
      });
    },
    info: () => ({
      kioskId: config.kioskId,
      platformUrl,
      flows: flows.map(
        (f) => `${f.manifest.title['zh-CN']} (${f.manifest.id} ${f.manifest.version})`,
      ),
      version,
    }),
    onChange: () => parts.onChange(),
    log: log.child({ part: 'maintenance' }),
  });
}

/** The version in package.json, read once at start-up. */
function softwareVersion(): string {
  const parsed = JSON.parse(readFileSync(assetPath('packageJson'), 'utf8')) as {
    version?: unknown;
  };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}
