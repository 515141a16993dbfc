import { request, type IncomingHttpHeaders } from 'node:http';
import { WebSocket } from 'ws';
import { BRIDGE_PATH, CONTRACT_VERSION, type CoreMessage } from '../../kiosk/contract.ts';
import { within } from './time.ts';

/** The hello a renderer sends first, as a frame. */
export const HELLO = JSON.stringify({ type: 'hello', contractVersion: CONTRACT_VERSION });

/** A renderer stand-in on a real socket, speaking raw frames and collecting what comes back. */
export interface BridgeTestSocket {
  socket: WebSocket;
  messages: CoreMessage[];
  /** The next message from the host, within the default wait budget. */
  next(what: string): Promise<CoreMessage>;
  /** Resolves with the close code and reason once the socket has closed. */
  closed: Promise<{ code: number; reason: string }>;
}

/** How a test socket presents itself: the headers a browser (or an impostor) would send. */
export interface BridgeSocketOptions {
  origin?: string | undefined;
  /** A `Host` header other than the URL's own. */
  host?: string;
  protocols?: string[];
  path?: string;
}

/**
 * Opens a bridge socket on the browser host at `url`. Rejects with `upgrade refused with HTTP
 * <status>: <reason>` when the host refuses the handshake.
 */
export function openBridgeSocket(
  url: string,
  options: BridgeSocketOptions = {},
): Promise<BridgeTestSocket> {
  const target = url.replace(/^http/, 'ws').replace(/\/(#.*)?$/, options.path ?? BRIDGE_PATH);
  const socket = new WebSocket(target, options.protocols ?? [], {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    ...(options.host === undefined ? {} : { headers: { host: options.host } }),
  });
  const messages: CoreMessage[] = [];
  const waiting: ((message: CoreMessage) => void)[] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as CoreMessage;
    messages.push(message);
    waiting.shift()?.(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () =>
      resolve({
        socket,
        messages,
        closed,
        next: (what) => within(new Promise((wake) => waiting.push(wake)), what),
      }),
    );
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        reject(new Error(`upgrade refused with HTTP ${response.statusCode}: ${body.trim()}`)),
      );
    });
    socket.once('error', reject);
  });
}

/** A plain HTTP request with the headers exactly as given (a `Host` of the test's choosing). */
export function httpRequest(
  url: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
