import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  BRIDGE_TOKEN_FRAGMENT,
  BRIDGE_TOKEN_PROTOCOL_PREFIX,
  CONTRACT_VERSION,
  type CoreMessage,
  type KioskBridge,
  type RendererMessage,
} from '../contract.ts';

/** A bridge plus whether it is connected right now, so the screen can say "connecting…". */
export interface RendererBridge extends KioskBridge {
  /** Calls `listener` with every change of connection (and once at once with the current one). */
  onConnection(listener: (connected: boolean) => void): () => void;
  /** Stops reconnecting and releases the socket. */
  close(): void;
}

/** The smallest WebSocket surface the bridge needs, so tests can hand in their own. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const SOCKET_OPEN = 1;

/** How many core messages are kept for a listener that subscribes late (only the last matter). */
const EARLY_MESSAGES = 8;

/**
 * Hands core messages to listeners. Messages that arrive before anyone listens are kept and
 * given to the first listener: the app subscribes in an effect, which runs after the first
 * paint, and on loopback the core's first snapshot can easily arrive before that.
 */
function createMessageFanout(): {
  emit(message: CoreMessage): void;
  subscribe(listener: (message: CoreMessage) => void): () => void;
} {
  const listeners = new Set<(message: CoreMessage) => void>();
  const early: CoreMessage[] = [];
  return {
    emit(message) {
      if (listeners.size === 0) {
        early.push(message);
        if (early.length > EARLY_MESSAGES) early.shift();
        return;
      }
      for (const listener of listeners) listener(message);
    },
    subscribe(listener) {
      listeners.add(listener);
      for (const message of early.splice(0)) listener(message);
      return () => listeners.delete(listener);
    },
  };
}
const hello: RendererMessage = { type: 'hello', contractVersion: CONTRACT_VERSION };

/** Options for {@link connectSocketBridge}. */
export interface SocketBridgeOptions {
  openSocket?: (url: string, protocols: string[]) => SocketLike;
  /** The bridge token the host asked for, from the page's URL fragment; absent when it has none. */
  token?: string;
  /** First reconnect delay; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Connects to the browser host's WebSocket bridge and keeps reconnecting while the page lives.
 * Messages sent while the socket is down are dropped on purpose: a tap made before the drop
 * must not replay on a screen the person can no longer see.
 */
export function connectSocketBridge(
  url: string,
  options: SocketBridgeOptions = {},
): RendererBridge {
  const openSocket =
    options.openSocket ??
    ((target: string, protocols: string[]) => new WebSocket(target, protocols) as SocketLike);
  const protocols = [BRIDGE_PROTOCOL];
  if (options.token !== undefined)
    protocols.push(`${BRIDGE_TOKEN_PROTOCOL_PREFIX}${options.token}`);
  const firstRetry = options.retryMs ?? 500;
  const maxRetry = options.maxRetryMs ?? 5000;
  const messages = createMessageFanout();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let socket: SocketLike | null = null;
  let connected = false;
  let closed = false;
  let retry = firstRetry;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setConnected = (value: boolean): void => {
    if (connected === value) return;
    connected = value;
    for (const listener of connectionListeners) listener(value);
  };

  const open = (): void => {
    const current = openSocket(url, protocols);
    socket = current;
    current.onopen = () => {
      retry = firstRetry;
      current.send(JSON.stringify(hello));
      setConnected(true);
    };
    current.onmessage = (event) => {
      const message = decodeCoreMessage(event.data);
      if (message !== null) messages.emit(message);
    };
    // onerror is always followed by onclose, which is where the retry lives.
    current.onerror = () => undefined;
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      setConnected(false);
      if (closed) return;
      timer = setTimeout(open, retry);
      retry = Math.min(retry * 2, maxRetry);
    };
  };
  open();

  return {
    send(message) {
      if (socket !== null && socket.readyState === SOCKET_OPEN && connected) {
        socket.send(JSON.stringify(message));
      }
    },
    onMessage: (listener) => messages.subscribe(listener),
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}

/**
 * Wraps the Electron preload's bridge. IPC does not drop like a socket, so it counts as
 * connected from the start; the hello goes first, as over the WebSocket.
 */
function wrapPreloadBridge(preload: KioskBridge): RendererBridge {
  const messages = createMessageFanout();
  // Listen before saying hello, so the core's answer cannot slip past.
  preload.onMessage((message) => messages.emit(message));
  preload.send(hello);
  return {
    send: (message) => preload.send(message),
    onMessage: (listener) => messages.subscribe(listener),
    onConnection(listener) {
      listener(true);
      return () => undefined;
    },
    close: () => undefined,
  };
}

/** The bridge URL on the page's own origin (ws: for http:, wss: for https:). */
export function bridgeUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${BRIDGE_PATH}`;
}

/**
 * The bridge token the host put in the page's fragment (`#bridge-token=...`), if any. The
 * fragment never travels to a server or into a Referer; it stays in place so a reload of the
 * kiosk window still connects.
 */
export function bridgeToken(hash: string | undefined): string | undefined {
  const token = new URLSearchParams((hash ?? '').replace(/^#/, '')).get(BRIDGE_TOKEN_FRAGMENT);
  return token === null || token === '' ? undefined : token;
}

/** Picks the Electron preload bridge when present, else the WebSocket bridge on this origin. */
export function selectBridge(scope: {
  kiosk24?: KioskBridge;
  location: { protocol: string; host: string; hash?: string };
}): RendererBridge {
  if (scope.kiosk24 !== undefined) return wrapPreloadBridge(scope.kiosk24);
  const token = bridgeToken(scope.location.hash);
  return connectSocketBridge(bridgeUrl(scope.location), token === undefined ? {} : { token });
}

/** Parses a frame from the core; anything that is not a known core message is ignored. */
export function decodeCoreMessage(data: unknown): CoreMessage | null {
  if (typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    // A garbled frame is the host's bug; the next snapshot repairs the screen, so drop it.
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const message = parsed as Partial<CoreMessage>;
  if (message.type === 'snapshot' && typeof message.snapshot === 'object') {
    return message as CoreMessage;
  }
  if (message.type === 'refused' && typeof message.reason === 'string')
    return message as CoreMessage;
  return null;
}
