import { spawn, type ChildProcess } from 'node:child_process';
import { assetPath } from '../../../assets.ts';
import { openKioskWindow } from '../../browser-host/open-window.ts';
import { browserHostSettings } from '../../browser-host/host-settings.ts';
import { startBrowserHost, type BrowserHost } from '../../browser-host/host.ts';
import { childEnvironment } from '../../core/child-env.ts';
import type { KioskConfig } from '../../core/config/index.ts';
import { startKiosk, type RunningKiosk } from '../../core/kiosk.ts';
import { createLogger } from '../../core/log.ts';
import { connectServiceManager, type ServiceNotifier } from '../../core/service-manager.ts';
import { probeElectron } from '../../main/electron-available.ts';
import { STOP_SIGNALS, watchStopSignals } from '../stop-signals.ts';

/** `kiosk24 start`: Electron when its binary can run, else the browser host. */
export async function startCommand(
  config: KioskConfig,
  out: (line: string) => void,
): Promise<number> {
  if (config.host.kind !== 'browser') {
    const probe = probeElectron();
    if (probe.ok) {
      out(`kiosk24: starting in Electron (${probe.binary})`);
      const child = spawn(probe.binary, [assetPath('electronMain')], {
        stdio: 'inherit',
        // An allow-list, never the whole environment: NODE_OPTIONS or ELECTRON_RUN_AS_NODE
        // from the caller would run code inside the kiosk (kiosk/core/child-env.ts).
        env: childEnvironment(),
      });
      return electronExit(child);
    }
    if (config.host.kind === 'electron') {
      out(`kiosk24: host.kind is "electron" but ${probe.reason}`);
      return 1;
    }
    out(`kiosk24: ${probe.reason}`);
  }
  const log = createLogger({ level: config.log.level });
  // Read before anything starts: a bad token file stops start-up with nothing to undo.
  const hostSettings = browserHostSettings(config);
  // Watched before anything starts: a stop asked for during start-up waits for the kiosk to be
  // up and then stops it cleanly, instead of killing the process with its socat children.
  const signals = watchStopSignals(log);
  // Under systemd (NOTIFY_SOCKET set): READY=1 once serving, watchdog pings, STOPPING=1.
  let notifier: ServiceNotifier | undefined;
  try {
    notifier = connectServiceManager({ log });
  } catch (error) {
    signals.dispose();
    out(`kiosk24: ${(error as Error).message}`);
    return 1;
  }
  let kiosk: RunningKiosk;
  let host: BrowserHost;
  try {
    kiosk = await startKiosk(config, log);
  } catch (error) {
    signals.dispose();
    await notifier?.close();
    throw error;
  }
  try {
    host = await startBrowserHost({
      core: kiosk.sessions,
      // A terminal in the field gets no simulator control at all.
      ...(config.production ? {} : { sim: kiosk.sim }),
      ...hostSettings,
      rendererDir: assetPath('renderer'),
      log,
    });
  } catch (error) {
    await kiosk.close();
    signals.dispose();
    await notifier?.close();
    throw error;
  }
  out(
    config.production
      ? `kiosk24: browser host at ${host.url}`
      : `kiosk24: browser host at ${host.url} (simulator panel: ${host.url}sim)`,
  );
  notifier?.ready(`serving at ${host.url}`);
  for (const [device, reason] of kiosk.devices.failures)
    out(`kiosk24: out of service: ${device}: ${reason}`);
  let closeWindow: (() => Promise<void>) | undefined;
  if (config.host.openWindow) {
    const window = await openKioskWindow(host.windowUrl);
    if (window.opened) closeWindow = () => window.close();
    else out(`kiosk24: no kiosk window (${window.reason}); open ${host.url} in a browser`);
  }
  // A signal that came while starting was kept: the stop runs now, with everything that started.
  await signals.requested;
  notifier?.stopping();
  return signals.stop([
    { name: 'closing the kiosk window', run: async () => closeWindow?.() },
    { name: 'closing the browser host', run: () => host.close() },
    { name: 'closing the kiosk core', run: () => kiosk.close() },
    { name: 'closing the service manager link', run: async () => notifier?.close() },
  ]);
}

/**
 * Waits for Electron to exit, passing it the stop signals meanwhile: Electron closes its window
 * and the core it runs, so this process must not end first and leave it running. Ended by the
 * signal it was passed counts as a clean stop.
 */
function electronExit(child: ChildProcess): Promise<number> {
  let passedOn = false;
  const pass = (signal: NodeJS.Signals): void => {
    passedOn = true;
    child.kill(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, pass);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      for (const stop of STOP_SIGNALS) process.off(stop, pass);
      resolve(code ?? (passedOn && signal !== null && signal !== 'SIGKILL' ? 0 : 1));
    }),
  );
}
