import { EventEmitter } from 'node:events';
import pino, { type Logger } from 'pino';

/**
 * A hand-written stand-in for the `electron` module, after electron/fiddle's. Electron's binary
 * cannot run here, so tests load this with `vi.mock('electron', ...)`. Each class records what
 * the code under test asked of it (window options, handlers, sent messages, loads) and offers
 * `emitCancelable` so a test can fire an event and see whether the code prevented it.
 *
 * Usage:
 *   vi.mock('electron', async () => (await import('../../test/support/electron-mock.ts')).electronModule);
 *   beforeEach(() => resetElectronMock());
 */

/** An event object like Electron's: `preventDefault()` marks it, extra fields ride along. */
export interface MockEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

/** Makes an Electron-style event carrying `fields` (e.g. `{ url }` for will-navigate). */
export function mockEvent(fields: Record<string, unknown> = {}): MockEvent {
  const event: MockEvent = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** Response headers handed to a test's simulated HTTP response. */
type Headers = Record<string, string[]>;
type HeadersListener = (
  details: { url: string; responseHeaders?: Headers },
  callback: (response: { responseHeaders?: Headers; cancel?: boolean }) => void,
) => void;
type PermissionHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

/** A session: records the permission handlers and the header hook the code installs. */
export class MockSession {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: PermissionHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener | null): void => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }

  /** Runs a response through the installed header hook, as Chromium would. */
  respond(url: string, responseHeaders: Headers = {}): Headers | undefined {
    let result: Headers | undefined;
    if (this.headersListener === null) return responseHeaders;
    this.headersListener({ url, responseHeaders }, (response) => {
      result = response.responseHeaders;
    });
    return result;
  }

  /** Asks the installed permission handler, as a page's request would. */
  requestPermission(permission: string): boolean | undefined {
    let granted: boolean | undefined;
    this.permissionRequestHandler?.(null, permission, (answer) => {
      granted = answer;
    });
    return granted;
  }
}

/** A frame: only what the IPC sender check reads. */
export class MockFrame {
  constructor(
    public url: string,
    public parent: MockFrame | null = null,
  ) {}
}

let nextContentsId = 1;

/** A page's contents: records loads, sends, devtools state and the window-open handler. */
export class MockWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new MockFrame('');
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly loads: string[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsOpen = false;
  crashedByHost = 0;
  destroyed = false;

  constructor(readonly session: MockSession = new MockSession()) {
    super();
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.mainFrame.url = url;
    return Promise.resolve();
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  openDevTools(): void {
    this.devToolsOpen = true;
    this.emit('devtools-opened');
  }

  closeDevTools(): void {
    this.devToolsOpen = false;
  }

  isDevToolsOpened(): boolean {
    return this.devToolsOpen;
  }

  /** Like Electron, killing the renderer is reported as a gone render process. */
  forcefullyCrashRenderer(): void {
    this.crashedByHost += 1;
    this.emit('render-process-gone', mockEvent(), { reason: 'killed', exitCode: 9 });
  }

  /** Emits `name` with a fresh cancelable event first; returns the event to inspect. */
  emitCancelable(
    name: string,
    fields: Record<string, unknown> = {},
    ...rest: unknown[]
  ): MockEvent {
    const event = mockEvent(fields);
    this.emit(name, event, ...rest);
    return event;
  }
}

/** A window: records its constructor options; every instance is kept for the test to find. */
export class MockBrowserWindow extends EventEmitter {
  static readonly instances: MockBrowserWindow[] = [];
  readonly webContents: MockWebContents;
  destroyed = false;
  focused = 0;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.webContents = new MockWebContents(electronModule.session.defaultSession);
    MockBrowserWindow.instances.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  focus(): void {
    this.focused += 1;
  }

  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }

  /** Like Electron: asks first ('close', cancelable), and is destroyed only if nobody refused. */
  close(): boolean {
    const event = mockEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }
}

/** The `ipcMain` / `ipcRenderer` stand-ins: emitters that also record sends. */
class MockIpc extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
}

/** Calls that Electron accepts only before 'ready'; the stand-in throws like a misuse would. */
function beforeReady(what: string): void {
  if (electronModule.app.ready) throw new Error(`${what} must be called before the app is ready`);
}

/**
 * The `app` stand-in: single-instance lock, command-line switches, lifecycle calls. It becomes
 * ready when the code first awaits `whenReady()`; the calls Electron takes only before that
 * throw afterwards, so a test sees the order the code uses.
 */
class MockApp extends EventEmitter {
  gotLock = true;
  quitCalls = 0;
  exitCodes: number[] = [];
  ready = false;
  sandboxEnabled = false;
  readonly switches = new Map<string, string | undefined>();
  readonly commandLine = {
    appendSwitch: (name: string, value?: string): void => {
      beforeReady('app.commandLine.appendSwitch');
      this.switches.set(name, value);
    },
  };

  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }

  whenReady(): Promise<void> {
    this.ready = true;
    return Promise.resolve();
  }

  isReady(): boolean {
    return this.ready;
  }

  enableSandbox(): void {
    beforeReady('app.enableSandbox');
    this.sandboxEnabled = true;
  }

  /** Like Electron, a quit starts with 'before-quit'; the test emits 'will-quit' when it wants. */
  quit(): void {
    this.quitCalls += 1;
    this.emit('before-quit', mockEvent());
  }

  /** Electron ends the process at once; the stand-in records the code. */
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
}

/** A privileged scheme as registered through `protocol.registerSchemesAsPrivileged`. */
interface CustomScheme {
  scheme: string;
  privileges?: Record<string, boolean>;
}

/** The `protocol` stand-in: records privileged schemes and handlers, and can run a request. */
class MockProtocol {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    beforeReady('protocol.registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (!electronModule.app.ready) throw new Error('protocol.handle needs the app to be ready');
    if (this.handlers.has(scheme)) throw new Error(`scheme ${scheme} is already handled`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  /** Sends `url` to its scheme's handler, as a page's request would; 'no handler' otherwise. */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (handler === undefined) throw new Error(`no handler for ${url}`);
    return handler(new Request(url, init));
  }

  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  }
}

/** The module object `vi.mock('electron')` should return. */
export const electronModule = {
  app: new MockApp(),
  BrowserWindow: MockBrowserWindow,
  ipcMain: new MockIpc(),
  ipcRenderer: new MockIpc(),
  contextBridge: {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(key: string, api: unknown): void {
      this.exposed.set(key, api);
    },
  },
  powerSaveBlocker: {
    active: new Map<number, string>(),
    nextId: 1,
    start(type: string): number {
      const id = this.nextId++;
      this.active.set(id, type);
      return id;
    },
    stop(id: number): boolean {
      return this.active.delete(id);
    },
    isStarted(id: number): boolean {
      return this.active.has(id);
    },
  },
  session: { defaultSession: new MockSession() },
  protocol: new MockProtocol(),
  /** The menu stand-in: only the application menu, which the kiosk removes. */
  Menu: {
    applicationMenu: 'default' as unknown,
    setApplicationMenu(menu: unknown): void {
      this.applicationMenu = menu;
    },
  },
};

/** Puts every stand-in back to its first state; call it in `beforeEach`. */
export function resetElectronMock(): void {
  const { app, ipcMain, ipcRenderer, contextBridge, powerSaveBlocker } = electronModule;
  for (const emitter of [app, ipcMain, ipcRenderer]) emitter.removeAllListeners();
  ipcMain.sent.length = 0;
  ipcRenderer.sent.length = 0;
  app.gotLock = true;
  app.quitCalls = 0;
  app.exitCodes.length = 0;
  app.ready = false;
  app.sandboxEnabled = false;
  electronModule.protocol.reset();
  electronModule.Menu.applicationMenu = 'default';
  app.switches.clear();
  contextBridge.exposed.clear();
  powerSaveBlocker.active.clear();
  electronModule.session.defaultSession = new MockSession();
  MockBrowserWindow.instances.length = 0;
}

/** The last window the code under test created. */
export function lastWindow(): MockBrowserWindow {
  const window = MockBrowserWindow.instances.at(-1);
  if (window === undefined) throw new Error('no BrowserWindow was created');
  return window;
}

/** A real pino logger whose lines are kept in memory, so host tests can assert what was logged. */
export function recordingLogger(): {
  logger: Logger;
  lines: { level: number; msg: string; [key: string]: unknown }[];
} {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as { level: number; msg: string });
      },
    },
  );
  return { logger, lines };
}
