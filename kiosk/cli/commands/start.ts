import { spawn } from 'node:child_process';
import { assetPath } from '../../../assets.ts';
import { openKioskWindow } from '../../browser-host/open-window.ts';
import { startBrowserHost } from '../../browser-host/host.ts';
import { childEnvironment } from '../../core/child-env.ts';
import type { KioskConfig } from '../../core/config/index.ts';
import { startKiosk } from '../../core/kiosk.ts';
import { createLogger } from '../../core/log.ts';
import { connectServiceManager, type ServiceNotifier } from '../../core/service-manager.ts';
import { probeElectron } from '../../main/electron-available.ts';

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
      return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    }
    if (config.host.kind === 'electron') {
      out(`kiosk24: host.kind is "electron" but ${probe.reason}`);
      return 1;
    }
    out(`kiosk24: ${probe.reason}`);
  }
  const log = createLogger({ level: config.log.level });
  // Under systemd (NOTIFY_SOCKET set): READY=1 once serving, watchdog pings, STOPPING=1.
  let notifier: ServiceNotifier | undefined;
  try {
    notifier = connectServiceManager({ log });
  } catch (error) {
    out(`kiosk24: ${(error as Error).message}`);
    return 1;
  }
  const kiosk = await startKiosk(config, log);
  const host = await startBrowserHost({
    core: kiosk.sessions,
    sim: kiosk.sim,
    host: config.host.bind,
    port: config.host.port,
    rendererDir: assetPath('renderer'),
    log,
  });
  // The stop handlers go in before the kiosk says it is up: a supervisor that stops it the moment
  // it reads that line gets a clean stop (journal closed, run folder removed), not a kill.
  let closeWindow: (() => Promise<void>) | undefined;
  const stopped = new Promise<number>((resolve) => {
    const stop = (): void => {
      void (async () => {
        notifier?.stopping();
        await closeWindow?.();
        await host.close();
        await kiosk.close();
        await notifier?.close();
        resolve(0);
      })();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out(`kiosk24: browser host at ${host.url} (simulator panel: ${host.url}sim)`);
  notifier?.ready(`serving at ${host.url}`);
  for (const [device, reason] of kiosk.devices.failures)
    out(`kiosk24: out of service: ${device}: ${reason}`);
  if (config.host.openWindow) {
    const window = await openKioskWindow(host.url);
    if (window.opened) closeWindow = () => window.close();
    else out(`kiosk24: no kiosk window (${window.reason}); open ${host.url} in a browser`);
  }
  return stopped;
}
