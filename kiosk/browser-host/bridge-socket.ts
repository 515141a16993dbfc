import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  BRIDGE_PATH,
  CONTRACT_VERSION,
  parseRendererMessage,
  type CoreEndpoint,
  type CoreMessage,
} from '../contract.ts';

/** The bridge side of the host: accepts renderer sockets and ties each one to the core. */
export interface BridgeSocket {
  /** Ends every socket (each one's core connection is told) and stops accepting new ones. */
  close(): Promise<void>;
}

/** Frames larger than this are no renderer message; the socket is closed instead. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Serves the renderer bridge on {@link BRIDGE_PATH}. Only pages from `origin` may connect:
 * any other web page the kiosk browser might show could otherwise drive the session. A
 * socket must say hello with this contract version before anything reaches the core.
 */
export function attachBridgeSocket(
  server: Server,
  options: { core: CoreEndpoint; origin: () => string },
): BridgeSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
    if (path !== BRIDGE_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (request.headers.origin !== options.origin()) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveRenderer(ws, options.core));
  };
  server.on('upgrade', onUpgrade);

  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function serveRenderer(ws: WebSocket, core: CoreEndpoint): void {
  const send = (message: CoreMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const refuse = (reason: string): void => send({ type: 'refused', reason });
  let session: ReturnType<CoreEndpoint['connect']> | null = null;

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return refuse('binary frames are not accepted; send JSON text');
    let raw: unknown;
    try {
      raw = JSON.parse(rawText(data));
    } catch {
      // Reported to the peer below; nothing else to do with a frame that is not JSON.
      return refuse('message is not valid JSON');
    }
    const parsed = parseRendererMessage(raw);
    if (!parsed.ok) return refuse(parsed.reason);
    const message = parsed.message;
    if (session === null) {
      if (message.type !== 'hello') return refuse('send hello with the contract version first');
      if (message.contractVersion !== CONTRACT_VERSION) {
        refuse(
          `contract version ${message.contractVersion} is not supported; this host speaks ${CONTRACT_VERSION}, reload the renderer`,
        );
        ws.close(1008, 'contract version mismatch');
        return;
      }
      session = core.connect(send);
      // The core sees the same stream Electron would pass it, hello included.
      session.receive(message);
      return;
    }
    if (message.type === 'hello') return refuse('hello was already received on this connection');
    session.receive(message);
  });

  ws.on('close', () => {
    session?.disconnect();
    session = null;
  });
  // A socket error is always followed by 'close', which tells the core.
  ws.on('error', () => undefined);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
