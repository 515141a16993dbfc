import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { CoreEndpoint } from '../contract.ts';
import { createLogger } from '../core/log.ts';
import { attachBridgeSocket } from './bridge-socket.ts';
import { securityHeaders, sendJson } from './security-headers.ts';
import { handleSimRequest } from './sim-routes.ts';
import type { SimulatorControl } from '../core/simulator-control.ts';
import { serveStaticFile } from './static-files.ts';

/** Options for {@link startBrowserHost}. */
export interface BrowserHostOptions {
  core: CoreEndpoint;
  /** When given, the simulator panel and API are served under /sim. */
  sim?: SimulatorControl;
  /** Defaults to loopback: the kiosk's own browser is the only intended client. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (normally dist/renderer). */
  rendererDir: string;
  /** Where unexpected failures (a disk error while serving) are reported. */
  log?: Pick<Logger, 'error'>;
}

/** A running browser host. */
export interface BrowserHost {
  /** The page to open, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer to any browser, with the bridge over a WebSocket and (optionally) the
 * simulator panel. Used in development, in tests, and on machines without Electron.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? createLogger({ name: 'browser-host' });
  let origin = '';
  let headers: Record<string, string> = {};

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
    if (path === '/sim' || path.startsWith('/sim/')) {
      const { sim, rendererDir } = options;
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
  const bridge = attachBridgeSocket(server, { core: options.core, origin: () => origin });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  headers = securityHeaders(origin);

  return {
    url: `${origin}/`,
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
