import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { BRIDGE_TOKEN_FRAGMENT, type CoreEndpoint } from '../contract.ts';
import { createLogger } from '../core/log.ts';
import type { BridgeLimits } from './bridge-limits.ts';
import { attachBridgeSocket, type SecondClientPolicy } from './bridge-socket.ts';
import { isLoopbackPeer, originForHost, type HostNames } from './request-host.ts';
import { securityHeaders, sendJson } from './security-headers.ts';
import { handleSimRequest } from './sim-routes.ts';
import type { SimulatorControl } from '../core/simulator-control.ts';
import { serveStaticFile } from './static-files.ts';

/** Options for {@link startBrowserHost}. */
export interface BrowserHostOptions {
  core: CoreEndpoint;
  /**
   * When given, the simulator panel and API are served under /sim, to this machine only. Ignored
   * in production: no simulator control is attached there, whatever the caller passes.
   */
  sim?: SimulatorControl;
  /** A terminal in the field: /sim and /sim-panel answer 404. */
  production?: boolean;
  /** Defaults to loopback: the kiosk's own browser is the only intended client. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The name other machines reach the host by (`host.name`); loopback names always work. */
  hostName?: string;
  /** The bridge token (from `host.tokenFile`); every bridge socket must present it. */
  token?: string;
  /** What a second screen gets while one owns the session; default refused. */
  secondClient?: SecondClientPolicy;
  /** Tighter bridge limits for tests and the bench; the kiosk runs with the defaults. */
  bridgeLimits?: Partial<BridgeLimits>;
  /** The built renderer (normally dist/renderer). */
  rendererDir: string;
  /** Where unexpected failures and dropped sockets are reported. */
  log?: Pick<Logger, 'error' | 'warn' | 'info'>;
}

/** A running browser host. */
export interface BrowserHost {
  /** The page to open, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /**
   * The page for the kiosk's own window: {@link url}, with the bridge token in its fragment
   * when one is set. Pass it to the window only; never print or log it.
   */
  windowUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer to any browser, with the bridge over a WebSocket and (optionally) the
 * simulator panel. Used in development, in tests, and on machines without Electron.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? createLogger({ name: 'browser-host' });
  // In production no simulator control is reachable from here at all, not merely hidden.
  const sim = options.production === true ? undefined : options.sim;
  const names: HostNames = {
    port: 0,
    bind: host,
    ...(options.hostName === undefined ? {} : { name: options.hostName }),
  };
  let origin = '';
  let headers: Record<string, string> = {};

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (originForHost(request.headers.host, names) === undefined) {
      // DNS rebinding: a page on another name re-pointed here must not read or drive anything.
      const error = 'this host name is not served here; use a loopback address or host.name';
      sendJson(response, 421, { error }, headers);
      return;
    }
    const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
    if (path === '/sim' || path.startsWith('/sim/')) {
      if (sim !== undefined && !isLoopbackPeer(request.socket.remoteAddress)) {
        const error = 'the simulator answers only on the kiosk itself';
        sendJson(response, 403, { error }, headers);
        return;
      }
      const { rendererDir } = options;
      const served =
        sim !== undefined &&
        (await handleSimRequest(request, response, path, { origin, headers, sim, rendererDir }));
      if (!served) sendJson(response, 404, { error: 'not found' }, headers);
      return;
    }
    // The panel page is reachable only as /sim, and only when a simulator is attached.
    if (path.startsWith('/sim-panel/')) {
      sendJson(response, 404, { error: 'not found' }, headers);
      return;
    }
    await serveStaticFile(request, response, options.rendererDir, rawPath(request.url), headers);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // An unexpected failure (disk error): logged for the technician, a plain 500 for the page.
      log.error({ err: error, path: request.url }, 'browser host failed to answer a request');
      if (!response.headersSent) {
        sendJson(response, 500, { error: 'internal error' }, headers);
      } else {
        response.destroy(error instanceof Error ? error : undefined);
      }
    });
  });
  const bridge = attachBridgeSocket(server, {
    core: options.core,
    originFor: (request) => originForHost(request.headers.host, names),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.secondClient === undefined ? {} : { secondClient: options.secondClient }),
    ...(options.bridgeLimits === undefined ? {} : { limits: options.bridgeLimits }),
    log,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  names.port = port;
  // Bound to every interface, the kiosk's own window still goes through loopback.
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  origin = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  headers = securityHeaders(origin);
  const fragment =
    options.token === undefined
      ? ''
      : `#${new URLSearchParams({ [BRIDGE_TOKEN_FRAGMENT]: options.token }).toString()}`;

  return {
    url: `${origin}/`,
    windowUrl: `${origin}/${fragment}`,
    close: async () => {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** The path part of the request target, still percent-encoded, so traversal checks see it raw. */
function rawPath(url: string | undefined): string {
  const target = url ?? '/';
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}
