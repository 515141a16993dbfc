import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { assetPath } from '../../../assets.ts';
import { chinaTime } from '../capabilities/runtime.ts';
import type { KioskConfig } from '../config/index.ts';
import type { KioskDevices } from '../devices/index.ts';
import { listFlows } from '../flow-install/list.ts';
import type { FlowPackage } from '../runner/load-package.ts';
import type { Journal } from '../journal/journal.ts';
import { flowRows } from './flows.ts';
import { MaintenanceMode } from './mode.ts';
import type { RecordsView } from './screens.ts';

/** What the kiosk assembly hands maintenance mode. */
export interface MaintenanceAssembly {
  config: KioskConfig;
  devices: KioskDevices;
  /** The flows the kiosk serves now (they change between sessions after an install). */
  flows: () => readonly FlowPackage[];
  /** Rolls an installed flow back, as `kiosk24 flow rollback` does. */
  rollbackFlow?: (id: string) => Promise<{ from: string; to: string }>;
  platformUrl: string;
  log: Logger;
  /** The journal: the audit trail maintenance writes, and what the info page shows of it. */
  journal?: Journal;
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
    // The test page's code (fonts, PDF) is loaded when a technician prints one, not at start-up.
    receiptTestPage: async () => {
      const [{ loadGlyphFont }, { receiptTestPage }] = await Promise.all([
        import('../../../drivers/receipt-printer/glyphs.ts'),
        import('../../../printer-templates/test-page.ts'),
      ]);
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
      flows: flowRows(listFlows(config), flows()),
      version,
      ...(parts.journal ? { records: recordsView(parts.journal) } : {}),
    }),
    ...(parts.journal ? { audit: parts.journal } : {}),
    ...(parts.journal
      ? {
          resolvePrint: (id: number, resolution: 'confirmed' | 'abandoned') =>
            void parts.journal?.resolvePrint(id, resolution, 'technician'),
        }
      : {}),
    ...(parts.rollbackFlow ? { rollbackFlow: parts.rollbackFlow } : {}),
    onChange: () => parts.onChange(),
    log: log.child({ part: 'maintenance' }),
  });
}

/** What the journal holds for the technician, read when the info page is drawn. */
function recordsView(journal: Journal): RecordsView {
  const counts = journal.outboxCounts();
  const audit = journal.verifyAudit();
  return {
    pending: counts.pending,
    dead: counts.dead,
    unconfirmedPrints: journal
      .unconfirmedPrints()
      .map((p) => ({ id: p.id, text: `${p.device} ${p.summary}` })),
    audit: {
      ok: audit.ok,
      entries: audit.entries,
      algorithm: audit.algorithm,
      firstBroken: audit.firstBroken,
    },
  };
}

/** The version in package.json, read once at start-up. */
function softwareVersion(): string {
  const parsed = JSON.parse(readFileSync(assetPath('packageJson'), 'utf8')) as {
    version?: unknown;
  };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}
