import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  BRIDGE_TOKEN_PROTOCOL_PREFIX,
  type CoreEndpoint,
} from '../contract.ts';
import { BridgeClient, type ClientHost } from './bridge-client.ts';
import { BRIDGE_LIMITS, type BridgeLimits } from './bridge-limits.ts';
import { normalOrigin } from './request-host.ts';

/** The bridge side of the host: accepts renderer sockets and ties each one to the core. */
export interface BridgeSocket {
  /** Ends every socket (each one's core connection is told) and stops accepting new ones. */
  close(): Promise<void>;
}

/** What a second screen gets while another owns the session: refused, or a read-only view. */
export type SecondClientPolicy = 'refuse' | 'readOnly';

/** Options for {@link attachBridgeSocket}. */
export interface BridgeSocketOptions {
  core: CoreEndpoint;
  /**
   * The origin of pages loaded through the request's `Host` header, or undefined when the
   * host refuses that name (see request-host.ts).
   */
  originFor(request: IncomingMessage): string | undefined;
  /** When set, a socket must offer `kiosk24.token.<token>` as a subprotocol. */
  token?: string;
  secondClient?: SecondClientPolicy;
  limits?: Partial<BridgeLimits>;
  log: Pick<Logger, 'warn' | 'info'>;
}

/**
 * Serves the renderer bridge on {@link BRIDGE_PATH}. Before a socket opens its handshake must
 * name an accepted host, come from a page on that same host (any other web page the kiosk
 * browser might show could otherwise drive the session), carry the token when one is set, and
 * fit under the connection cap. After it opens it must say hello with this contract version;
 * the first to do so owns the resident session, and a later one is refused or read-only.
 */
export function attachBridgeSocket(server: Server, options: BridgeSocketOptions): BridgeSocket {
  const limits: BridgeLimits = { ...BRIDGE_LIMITS, ...options.limits };
  const policy = options.secondClient ?? 'refuse';
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    // The host's own subprotocol is echoed; the token one never is.
    handleProtocols: (offered) => (offered.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });
  const tokenDigest = options.token === undefined ? undefined : digest(options.token);
  const clients = new Set<BridgeClient>();
  let owner: BridgeClient | null = null;
  let overCap = 0;

  const host: ClientHost = {
    core: options.core,
    limits,
    log: options.log,
    claim(client) {
      // An owner whose socket is already closing (a reload) makes way for its successor.
      if (owner !== null && owner.ws.readyState !== owner.ws.OPEN) owner = null;
      if (owner === null) {
        owner = client;
        return 'owner';
      }
      if (policy === 'readOnly') return 'readOnly';
      return {
        refused:
          'another screen already shows this kiosk and only one may; close it, or set host.secondClient to readOnly',
      };
    },
    release(client) {
      clients.delete(client);
      if (owner === client) owner = null;
    },
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
    if (path !== BRIDGE_PATH) return refuseUpgrade(socket, 404, 'no socket is served here');
    const origin = options.originFor(request);
    if (origin === undefined) {
      return refuseUpgrade(socket, 421, 'this host name is not served here');
    }
    if (normalOrigin(request.headers.origin) !== origin) {
      return refuseUpgrade(socket, 403, 'only the kiosk page on this host may open the bridge');
    }
    if (tokenDigest !== undefined && !offersToken(request, tokenDigest)) {
      return refuseUpgrade(socket, 401, 'the bridge token is missing or wrong');
    }
    if (wss.clients.size >= limits.maxConnections) {
      // Counted, and logged once per heartbeat: a flood of sockets must not become a flood of logs.
      overCap++;
      return refuseUpgrade(socket, 503, 'too many bridge connections; try again later');
    }
    wss.handleUpgrade(request, socket, head, (ws) => clients.add(new BridgeClient(ws, host)));
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    if (overCap > 0) {
      options.log.warn(
        { refused: overCap, cap: limits.maxConnections },
        'bridge refused sockets over its cap',
      );
      overCap = 0;
    }
    for (const client of clients) {
      if (!client.alive) {
        client.drop('did not answer the last ping');
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        server.off('upgrade', onUpgrade);
        for (const client of clients) client.ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** A fixed-length digest, so the comparison below takes the same time for every guess. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function offersToken(request: IncomingMessage, expected: Buffer): boolean {
  const offered = (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .find((protocol) => protocol.startsWith(BRIDGE_TOKEN_PROTOCOL_PREFIX));
  if (offered === undefined) return false;
  return timingSafeEqual(digest(offered.slice(BRIDGE_TOKEN_PROTOCOL_PREFIX.length)), expected);
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
  503: 'Service Unavailable',
};

/** Answers a refused upgrade with a plain HTTP status and a one-line reason, then hangs up. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Refused'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      (status === 503 ? 'Retry-After: 5\r\n' : '') +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
