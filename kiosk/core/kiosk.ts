import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { TemplateCatalog } from '../../printer-templates/catalog.ts';
import type * as CatalogRender from '../../printer-templates/catalog-render.ts';
import { CapabilityError } from './capabilities/errors.ts';
import { DeviceError } from '../../drivers/device/errors.ts';
import {
  createSessionRuntime,
  type CapabilityPorts,
  type SessionRuntime,
} from './capabilities/runtime.ts';
import { systemClock, type Clock } from './session/idle.ts';
import type { KioskConfig } from './config/index.ts';
import { openDevices, type KioskDevices } from './devices/index.ts';
import { claimRunFolder } from './run-folder.ts';
import type { Journal } from './journal/journal.ts';
import { openKioskRecords } from './journal/kiosk-records.ts';
import { PlatformClient } from './platform/client.ts';
import {
  platformCredentials,
  platformSigningKey,
  platformTrustedCertificates,
} from './platform/credentials.ts';
import { startSandboxPlatform, type SandboxPlatform } from './platform/sandbox/index.ts';
import type { FlowPackage } from './runner/load-package.ts';
import { flowRoots, kioskRequirements, loadInstalledFlows } from './runner/load-flows.ts';
import { readInstalledTemplates } from './runner/package-templates.ts';
import { FlowWatch } from './runner/flow-watch.ts';
import { assembleMaintenance } from './maintenance/assemble.ts';
import { SessionOwner } from './session/owner.ts';
import { createSimulatorControl, type SimulatorControl } from './simulator-control.ts';
import { speakerFor } from './speech/from-config.ts';

/** A running kiosk core: what a host (Electron or the browser host) connects to. */
export interface RunningKiosk {
  sessions: SessionOwner;
  sim: SimulatorControl;
  devices: KioskDevices;
  /** The flows served now; an install or rollback changes them between sessions. */
  readonly flows: readonly FlowPackage[];
  /** Re-reads the install root now rather than at the next change event or re-check. */
  checkFlows(): void;
  /** The journal: steps, outbox, print ledger and audit chain. */
  journal: Journal;
  platformUrl: string;
  close(): Promise<void>;
}

/**
 * Assembles the kiosk core from a validated config: devices (or their simulators), the
 * platform client (and the embedded sandbox when configured), the installed flows and the
 * session owner. Nothing here is host-specific.
 */
export async function startKiosk(config: KioskConfig, log: Logger): Promise<RunningKiosk> {
  // Files the config names are read first, so a bad one stops start-up with nothing claimed
  // or listening.
  const credentials = platformCredentials(config);
  const trustedCertificates = platformTrustedCertificates(config);
  const signingKey = platformSigningKey(config);
  // Before anything runs: what a killed run left behind (PDFs with a resident's name, pty
  // links) goes, and this run claims a folder of its own for the same things.
  const run = claimRunFolder(undefined, log);
  let sandbox: SandboxPlatform | undefined;
  let baseUrl = config.platform.baseUrl ?? '';
  if (config.platform.mode === 'sandbox') {
    sandbox = await startSandboxPlatform({
      logger: log.child({ part: 'sandbox-platform' }),
      ...(signingKey ? { signingKey } : {}),
    });
    baseUrl = sandbox.baseUrl;
  }
  const platform = new PlatformClient({
    baseUrl,
    timeoutMs: config.platform.timeoutMs,
    maxReplyBytes: config.platform.maxReplyBytes,
    kioskId: config.kioskId,
    ...(credentials ? { credentials } : {}),
    ...(trustedCertificates ? { trustedCertificates } : {}),
    ...(signingKey ? { signingKey } : {}),
  });
  const records = openKioskRecords(config, platform, log, systemClock, baseUrl);
  const devices = await openDevices(config, log, run.dir);
  const flows = loadFlows(config, log);
  // The sandbox started before the flows loaded; it must accept ratings for every one of them.
  sandbox?.registerServices(
    flows.map((f) => ({ id: f.manifest.id, name: f.manifest.title['zh-CN'] })),
  );
  let templates = loadTemplates(config, log);

  const ports: CapabilityPorts = {
    kioskId: config.kioskId,
    platform,
    log,
    journal: records.journal,
    applications: records.applications,
    outOfService: () => devices.outOfService(),
    ...(config.location ? { location: config.location } : {}),
    readIdCard: ({ signal, timeoutMs }) => {
      if (!devices.idCard)
        return Promise.reject(new DeviceError('no ID card reader is open', { noDevice: true }));
      return devices.idCard.readCard({
        signal,
        timeoutMs,
        pollIntervalMs: config.devices.idCard.pollIntervalMs,
      });
    },
    scanner: () => devices.scanner,
    renderCertificate: async (name, data) => {
      const entry = templates.find(name);
      if (entry.kind !== 'certificate') {
        throw new CapabilityError(
          `template "${name}" is a ${entry.kind} template, not a certificate`,
          { rejected: true },
        );
      }
      const { renderCatalogCertificate } = await catalogRenderers();
      return renderCatalogCertificate(entry, data);
    },
    printDocument: async (pdf, { title, signal }) => {
      if (!devices.documentPrinter)
        throw new DeviceError('no document printer is open', { noDevice: true });
      const { jobId } = await devices.documentPrinter.print(pdf, { title, signal });
      return { jobId: String(jobId) };
    },
    renderReceipt: async (name, data) => {
      const entry = templates.find(name);
      if (entry.kind !== 'receipt') {
        throw new CapabilityError(`template "${name}" is a ${entry.kind} template, not a receipt`, {
          rejected: true,
        });
      }
      const { renderCatalogReceipt } = await catalogRenderers();
      return renderCatalogReceipt(entry, data, devices.receiptProfile);
    },
    printReceipt: async (bytes, { signal }) => {
      const printer = devices.receiptPrinter;
      if (!printer) throw new DeviceError('no receipt printer is open', { noDevice: true });
      try {
        await printer.print(bytes, { signal });
      } catch (error) {
        // A receipt cut short (paper ran out mid-job) is reported failed to the resident, who
        // is told on screen. Re-printing it later would hand their receipt to the next person,
        // so the job is dropped from the printer with a log line instead of blocking the queue.
        const job = printer.abandon();
        if (job)
          log.warn({ jobId: job.jobId }, 'interrupted receipt reported failed, not re-printed');
        throw error;
      }
    },
  };

  const maintenance = assembleMaintenance({
    config,
    devices,
    flows: () => sessions.flowSet.flows,
    // The kiosk serves the rolled-back version once maintenance ends; the check is asked for
    // now so that does not wait on a change event.
    // The install code (archives, semver) is loaded when a technician first rolls back.
    rollbackFlow: async (id) => {
      const { rollbackFlow } = await import('./flow-install/install.ts');
      const done = rollbackFlow(id, config);
      flowWatch.check();
      return done;
    },
    platformUrl: baseUrl,
    log,
    journal: records.journal,
    onChange: () => sessions.refresh(),
  });
  const sessions = new SessionOwner({
    flows,
    maintenance,
    createRuntime: (ref, clock) =>
      sessionRuntime(ports, ref, clock, ephemeralPaperTray(config, devices)),
    outOfService: () => devices.outOfService(),
    submitRating: (rating) => records.submitRating(rating),
    journal: records.journal,
    idleTimeoutSeconds: config.session.idleTimeoutSeconds,
    idleWarningSeconds: config.session.idleWarningSeconds,
    maxSessionMinutes: config.session.maxSessionMinutes,
    locale: config.locale,
    largeText: config.largeTextDefault,
    speech: speakerFor(config.speech, log),
    site: config.site,
    hallName: config.kiosk.hallName,
    hours: config.kiosk.hours,
    help: { ...config.help, kioskId: config.kioskId, callStaff: (call) => records.callStaff(call) },
    log,
    // A new flow set brings its packages' templates, and the sandbox must accept its ratings.
    flowsApplied: (next) => {
      templates = loadTemplates(config, log);
      sandbox?.registerServices(
        next.map((f) => ({ id: f.manifest.id, name: f.manifest.title['zh-CN'] })),
      );
      log.info(
        { flows: next.map((f) => `${f.manifest.id} ${f.manifest.version}`) },
        'flows swapped in',
      );
    },
  });
  const flowWatch = new FlowWatch({
    installDir: config.flows.installDir,
    flows,
    installed: kioskRequirements(config),
    log,
    onFlows: (next) => sessions.offerFlows(next),
    onRefused: ({ flowId, version, problems }) => {
      try {
        records.journal.audit('flow.refused', { flowId, version, problems: problems.length });
      } catch (error) {
        log.error({ err: error, flow: flowId }, 'audit entry not written');
      }
    },
  });
  const stopWatching = devices.onChange(() => sessions.refresh());
  const sim = createSimulatorControl(
    devices,
    sandbox?.faults,
    () => sessions.refresh(),
    sandbox?.baseUrl,
  );
  log.info(
    {
      flows: flows.map((f) => f.manifest.id),
      outOfService: devices.outOfService(),
      platform: config.platform.mode,
    },
    'kiosk core started',
  );

  return {
    sessions,
    sim,
    devices,
    get flows() {
      return sessions.flowSet.flows;
    },
    checkFlows: () => flowWatch.check(),
    journal: records.journal,
    platformUrl: baseUrl,
    close: async () => {
      stopWatching();
      flowWatch.close();
      maintenance.close('kiosk stopping');
      sessions.endSession('kiosk stopping');
      await devices.close();
      await records.close();
      await platform.close();
      await sandbox?.close();
      run.release();
    },
  };
}

let renderers: Promise<typeof CatalogRender> | undefined;

/**
 * The template renderers, loaded at the first print rather than at start-up: they bring the PDF
 * and font libraries, which took about half of the time to the attract screen and are not
 * needed before a resident prints.
 */
function catalogRenderers(): Promise<typeof CatalogRender> {
  return (renderers ??= import('../../printer-templates/catalog-render.ts'));
}

/**
 * The built-in templates plus those shipped in flow packages, named <flowId>/<name>; the core
 * reads the package files, confined to each package, and the catalogue checks them.
 */
function loadTemplates(config: KioskConfig, log: Logger): TemplateCatalog {
  const packaged = readInstalledTemplates(flowRoots(config.flows));
  for (const refused of packaged.problems) log.error(refused.message);
  const templates = TemplateCatalog.load(packaged.templates);
  for (const problem of templates.problems) {
    log.error(
      `template ${problem.file}${problem.key ? ` at ${problem.key}` : ''} was refused: ${problem.message}`,
    );
  }
  return templates;
}

/** Loads every flow package under the configured folders; a refused package is logged, not fatal. */
function loadFlows(config: KioskConfig, log: Logger): FlowPackage[] {
  return loadInstalledFlows(flowRoots(config.flows), kioskRequirements(config), log);
}

/**
 * The folder of the simulated A4 printer when the kiosk chose it itself (a private temporary
 * folder): its PDFs carry the resident's name, so they go with the session's wipe. A folder the
 * technician configured is kept as configured.
 */
function ephemeralPaperTray(config: KioskConfig, devices: KioskDevices): string | undefined {
  const settings = config.devices.documentPrinter;
  if (settings.mode !== 'simulated' || settings.outputDir !== undefined) return undefined;
  return devices.simulators.document?.folder;
}

/** A session's capability runtime that also removes, at the wipe, what it printed to a temporary tray. */
function sessionRuntime(
  ports: CapabilityPorts,
  ref: string,
  clock: Clock,
  tray: string | undefined,
): SessionRuntime {
  if (tray === undefined) return createSessionRuntime(ports, ref, clock);
  const printed: string[] = [];
  const runtime = createSessionRuntime(
    {
      ...ports,
      printDocument: async (pdf, options) => {
        const job = await ports.printDocument(pdf, options);
        printed.push(job.jobId);
        return job;
      },
    },
    ref,
    clock,
  );
  return {
    run: (name, input, signal) => runtime.run(name, input, signal),
    end: () => {
      runtime.end();
      for (const jobId of printed) {
        for (const file of [`${jobId}.pdf`, `${jobId}.json`])
          rmSync(join(tray, file), { force: true });
      }
    },
  };
}
