// A display-only Electron window for kiosk24-ui.service: the core's page from loopback,
// full-screen, over the browser host's WebSocket bridge. No preload, no Node in the page, no
// second origin, no new windows, no permissions, no desktop shortcuts. The core (with devices,
// journal and watchdog) runs in kiosk24.service; this process holds nothing of a resident.
import { setTimeout } from 'node:timers';
import { app, BrowserWindow, session } from 'electron';

/** How long to wait before loading the page again when the core is restarting. */
const RELOAD_AFTER_MS = 1000;

const url = new URL(process.argv[process.argv.length - 1] ?? '');
if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  console.error(`kiosk24 viewer: expected the core's loopback URL, not ${url.href}`);
  process.exit(2);
}

/** Shortcuts that would close, reload or inspect the window. */
function isDesktopShortcut(input) {
  const key = input.key.toLowerCase();
  if (input.alt && key === 'f4') return true;
  if (key === 'f11' || key === 'f5' || key === 'f12') return true;
  if (input.control && ['w', 'r', 'q', 'n', 't'].includes(key)) return true;
  return input.control && input.shift && key === 'i';
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, target) => {
    if (new URL(target).origin !== url.origin) event.preventDefault();
  });
  contents.on('before-input-event', (event, input) => {
    if (isDesktopShortcut(input)) event.preventDefault();
  });
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, answer) =>
    answer(false),
  );
  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  window.webContents.on('did-fail-load', () => {
    setTimeout(() => void window.loadURL(url.href), RELOAD_AFTER_MS);
  });
  void window.loadURL(url.href);
});
