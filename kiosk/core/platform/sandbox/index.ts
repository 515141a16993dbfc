import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { silentLogger } from '../../log.ts';
import { CertificateRegistry } from './certificates.ts';
import { SandboxFaults, type FaultKind } from './faults.ts';
import { ApiFailure, readBody, sendFailure, sendJson } from './http.ts';
import {
  DEFAULT_RESIDENT_CODE_TTL_MS,
  residentCodeRoutes,
  ResidentCodes,
} from './resident-codes.ts';
import { ResidentDirectory, seedResidents } from './residents.ts';
import { matchPath, sandboxRoutes, type Reply, type Route } from './routes.ts';
import { HelpDesk, helpRoutes } from './help.ts';
import { RatingBox, ratingRoutes, ServiceDirectory, type RateableService } from './ratings.ts';
import { AppointmentBook, QueueDesk } from './services.ts';
import { ApplicationDesk } from './applications.ts';
import { hallRoutes } from './routes-hall.ts';
import { personalRoutes } from './routes-personal.ts';
import { checkSignature, DEV_SIGNING_KEY, NonceMemory, type SignatureRefusal } from '../signing.ts';
import { VERIFY_PAGE_HEADERS } from './verify-page.ts';

export {
  SandboxFaults,
  DOWN_KINDS,
  FAULT_KINDS,
  type DownKind,
  type FaultKind,
  type FaultSettings,
  type FaultState,
} from './faults.ts';
export type { RateableService, StoredRating } from './ratings.ts';

/** How long the sandbox keeps an idle connection open: longer than any client does. */
const IDLE_KEEP_ALIVE_MS = 65_000;
/** Options of the embedded sandbox platform. */
export interface SandboxOptions {
  /** Interface to listen on; loopback by default so the sandbox is never exposed by accident. */
  host?: string;
  /** Port; 0 picks a free one (read it back from `baseUrl`). */
  port?: number;
  /** Clock, so tests can pin months and issue times. */
  now?: () => Date;
  /** How long a residentRef stays usable after the identity check. Default 30 minutes. */
  residentRefTtlMs?: number;
  /** How long a phone resident code from `GET /sandbox/resident-codes/{profileId}` stays valid. */
  residentCodeTtlMs?: number;
  /**
   * Base of the verification links on certificates, when phones reach the sandbox by another
   * address than the kiosk does (simulator panel on a LAN). Default: `baseUrl`.
   */
  publicBaseUrl?: string;
  /** Request log; personal fields are masked before they reach it. Default: silent. */
  logger?: Logger;
  /**
   * Services to accept ratings for besides the hall's own, e.g. the kiosk's installed flows.
   * More can be added after start with `registerServices`.
   */
  services?: readonly RateableService[];
  /**
   * Key every `/api/v1` request must be signed with (see API.md, Signed requests). Default: the
   * public development key, which a kiosk uses when `platform.signingKeyFile` is not set.
   */
  signingKey?: string;
  /**
   * The clock signature timestamps are checked against. Real time by default, apart from `now`:
   * tests pin `now` to a fixed month for the records, while the kiosk signs with real time.
   */
  signingClock?: () => Date;
}

/** A running sandbox. */
export interface SandboxPlatform {
  /** `http://host:port`, without a trailing slash. */
  baseUrl: string;
  /** Stops listening and drops every open connection, including held "timeout" requests. */
  close(): Promise<void>;
  /** Fault switchboard; the same one `POST /sandbox/faults` drives. */
  faults: SandboxFaults;
  /**
   * Makes ratings for these services acceptable (a flow's id and title), also after start;
   * registering an id twice is harmless. Throws a RangeError for an id API v1 cannot carry.
   */
  registerServices(services: readonly RateableService[]): void;
  /** Every endpoint it serves (method and path pattern), for the OpenAPI conformance test. */
  endpoints: readonly { method: string; pattern: string }[];
}

/**
 * Starts the embedded sandbox platform: an in-memory implementation of API v1 (see API.md)
 * seeded with the ID-card simulator's fictional residents. Nothing is written to disk.
 */
export async function startSandboxPlatform(options: SandboxOptions = {}): Promise<SandboxPlatform> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? silentLogger;
  const faults = new SandboxFaults();
  const stopping = new AbortController();
  let baseUrl = '';
  const residents = new ResidentDirectory(seedResidents(), {
    ttlMs: options.residentRefTtlMs ?? 30 * 60 * 1000,
    now,
  });
  const codes = new ResidentCodes(residents, {
    ttlMs: options.residentCodeTtlMs ?? DEFAULT_RESIDENT_CODE_TTL_MS,
    now,
  });
  const services = new ServiceDirectory(options.services);
  const ratings = new RatingBox({ services, now });
  const queue = new QueueDesk({ now });
  const state = {
    residents,
    certificates: new CertificateRegistry({ now }),
    queue,
    appointments: new AppointmentBook(queue),
    applications: new ApplicationDesk({ now }),
    faults,
    now,
    publicBaseUrl: () => options.publicBaseUrl?.replace(/\/+$/, '') ?? baseUrl,
    log,
  };
  const routes = sandboxRoutes(state).concat(
    hallRoutes(state),
    personalRoutes(state),
    residentCodeRoutes(codes, residents),
    ratingRoutes(ratings, services),
    helpRoutes(new HelpDesk({ now })),
  );
  const signing: Signing = {
    key: options.signingKey ?? DEV_SIGNING_KEY,
    nonces: new NonceMemory(),
    now: options.signingClock ?? (() => new Date()),
  };

  const server = createServer((request, response) => {
    serve(request, response, { routes, faults, signing, stopping: stopping.signal, log }).catch(
      (error: unknown) => {
        // Only the error's class goes to the log: its message could quote a request value.
        log.error({ error: error instanceof Error ? error.name : typeof error }, 'sandbox failed');
        if (!response.headersSent) {
          sendFailure(response, new ApiFailure(500, 'internal', 'the sandbox failed; see its log'));
        } else {
          response.destroy();
        }
      },
    );
  });
  // Idle keep-alive connections stay open longer than any client keeps them (fetch lets go after
  // 4 s), so a client never reuses a socket the sandbox is closing at that moment: on a busy
  // machine that race showed as ECONNRESET.
  server.keepAliveTimeout = IDLE_KEEP_ALIVE_MS;
  server.headersTimeout = IDLE_KEEP_ALIVE_MS + 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info({ baseUrl }, 'sandbox platform listening');

  return {
    baseUrl,
    faults,
    registerServices: (more) => services.register(more),
    endpoints: routes.map((r) => ({ method: r.method, pattern: r.pattern })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopping.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The sandbox's side of request signing. */
interface Signing {
  key: string;
  nonces: NonceMemory;
  now: () => Date;
}

const SIGNATURE_MESSAGES: Record<SignatureRefusal, string> = {
  'signature-missing':
    'request is not signed; send x-kiosk24-timestamp, x-kiosk24-nonce and x-kiosk24-signature (see API.md)',
  'signature-invalid':
    "request signature does not match; check the kiosk's signing key (platform.signingKeyFile)",
  'timestamp-skewed':
    "request timestamp is more than 5 minutes from the platform's clock; set the kiosk's clock (NTP)",
  'nonce-replayed': 'request nonce was used before; every request needs a fresh nonce',
};

/** Refuses an `/api/v1` request that is not signed with the sandbox's key. */
async function requireSignature(
  request: IncomingMessage,
  url: URL,
  signing: Signing,
): Promise<void> {
  const refusal = checkSignature(
    signing.key,
    {
      method: request.method ?? 'GET',
      pathWithQuery: `${url.pathname}${url.search}`,
      body: await readBody(request),
      headers: request.headers,
    },
    signing.nonces,
    signing.now(),
  );
  if (refusal) throw new ApiFailure(401, refusal, SIGNATURE_MESSAGES[refusal]);
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  context: {
    routes: Route[];
    faults: SandboxFaults;
    signing: Signing;
    stopping: AbortSignal;
    log: Logger;
  },
): Promise<void> {
  const { routes, faults, signing, stopping, log } = context;
  const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
  const matches = routes
    .map((route) => ({ route, params: matchPath(route.pattern, url.pathname) }))
    .filter((m): m is { route: Route; params: Record<string, string> } => m.params !== undefined);
  const match = matches.find((m) => m.route.method === request.method);
  const logLine = { method: request.method, route: match?.route.pattern ?? 'unmatched' };

  if (!match?.route.control) {
    const fault = faults.take();
    if (fault.delayMs > 0) {
      try {
        await sleep(fault.delayMs, undefined, { signal: stopping });
      } catch {
        // The sandbox is closing; its connections are being dropped, so nothing to answer.
        return;
      }
    }
    if (fault.fail !== null) {
      log.info({ ...logLine, fault: fault.fail }, 'injected fault');
      injectFault(fault.fail, request, response);
      return;
    }
  }

  let reply: Reply;
  try {
    if (!match) {
      if (matches.length > 0) {
        const allow = matches.map((m) => m.route.method).join(', ');
        throw new ApiFailure(405, 'method-not-allowed', `use ${allow} for this path`);
      }
      throw new ApiFailure(404, 'no-such-endpoint', 'no such endpoint in API v1; see API.md');
    }
    if (match.route.pattern.startsWith('/api/')) await requireSignature(request, url, signing);
    reply = await match.route.handle(request, match.params, url);
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    log.info({ ...logLine, status: error.status, code: error.code }, 'request refused');
    sendFailure(response, error);
    return;
  }
  log.info({ ...logLine, status: reply.status }, 'request served');
  if ('html' in reply) {
    response.writeHead(reply.status, VERIFY_PAGE_HEADERS);
    response.end(reply.html);
    return;
  }
  for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
  sendJson(response, reply.status, reply.json);
}

function injectFault(kind: FaultKind, request: IncomingMessage, response: ServerResponse): void {
  switch (kind) {
    case 'timeout':
      // Hold the request unanswered; the client's timeout or the sandbox's close ends it.
      request.resume();
      return;
    case 'http-500':
      sendFailure(response, new ApiFailure(500, 'sandbox-fault', 'injected fault: internal error'));
      return;
    case 'malformed':
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"status":"ok","cut off here');
      return;
    case 'unavailable':
      request.socket.destroy();
      return;
  }
}
