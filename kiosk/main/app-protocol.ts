import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { protocol } from 'electron';
import type { Logger } from 'pino';
import { KIOSK_CSP } from './csp.ts';
import { contentTypeOf as typeOfExtension } from '../content-types.ts';

/**
 * The kiosk page's own scheme. The built renderer is served as app://kiosk/... instead of
 * file://: a file: page may read any file its links name and shares one opaque origin with every
 * other file, while app://kiosk is one origin that holds the renderer folder and nothing else.
 */
export const APP_SCHEME = 'app';
/** The one host the scheme answers for. */
export const APP_HOST = 'kiosk';
/** The page's origin, as navigation guards and the IPC sender check compare it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the kiosk window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * How much of a refused path is logged: enough to tell which asset was asked for, short enough
 * that a crafted URL cannot fill the log.
 */
const LOGGED_PATH_CHARS = 120;

/**
 * Declares app: a standard (relative URLs, one origin per host) and secure (like https) scheme
 * that fetch() may use. Electron accepts this only before the app is ready, once per process.
 * corsEnabled stays off, so no other origin can read the kiosk's files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** True for a URL of the kiosk's own origin (app://kiosk, no user, no port). */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Where an app: URL leads: a file inside the renderer folder, or the status that refuses it. */
export type AppPath = { file: string } | { status: 400 | 403 | 404; reason: string };

/**
 * Maps an app: URL to a file inside `rootDir`. The URL parser has already resolved `.`/`..`
 * segments, `%2e` dots included; what is left to catch is what decoding reveals: encoded
 * slashes or backslashes that would form a `..` step, NUL bytes, and hidden files. The result
 * is checked once more against the root, so nothing outside it can be named.
 */
export function resolveAppPath(rootDir: string, url: string): AppPath {
  if (!isAppUrl(url)) return { status: 404, reason: 'not an app://kiosk URL' };
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    // Only URIError can come from decoding; the reason says what was wrong with the request.
    return { status: 400, reason: 'malformed percent-encoding in the path' };
  }
  if (path.includes('\0') || path.includes('\\')) {
    return { status: 400, reason: 'NUL or backslash in the path' };
  }
  if (path.endsWith('/')) path += 'index.html';
  const segments = path.split('/').slice(1);
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    return { status: 403, reason: 'a path step out of the renderer folder' };
  }
  if (segments.some((segment) => segment.startsWith('.'))) {
    return { status: 404, reason: 'hidden files are not served' };
  }
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { status: 403, reason: 'outside the renderer folder' };
  }
  return { file };
}

/** The content type a file is served with. */
export function contentTypeOf(file: string): string {
  return typeOfExtension(extname(file));
}

/** Options for {@link appRequestHandler}. */
export interface AppHandlerOptions {
  /** The built renderer folder (inside app.asar when packaged). */
  rootDir: string;
  logger: Logger;
  /** The Content-Security-Policy sent with every response. Default: kiosk/main/csp.ts. */
  csp?: string;
}

function headers(contentType: string, csp: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    // Custom-scheme responses do not pass through webRequest, so the policy is sent here.
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // The renderer keeps nothing on disk, not even a cached copy of its own files.
    'Cache-Control': 'no-store',
  });
}

/**
 * Answers app: requests from the renderer folder: GET and HEAD only; the file's content type;
 * 400, 403 or 404 (a short reason, logged without query or fragment) for anything else.
 */
export function appRequestHandler(
  options: AppHandlerOptions,
): (request: Request) => Promise<Response> {
  const { rootDir, logger } = options;
  const csp = options.csp ?? KIOSK_CSP;
  const refuse = (status: number, reason: string, url: string): Response => {
    const path = URL.canParse(url) ? new URL(url).pathname.slice(0, LOGGED_PATH_CHARS) : '?';
    logger.warn({ status, path, reason }, 'kiosk refused an app: request');
    return new Response(`${status}: ${reason}\n`, {
      status,
      headers: headers('text/plain; charset=utf-8', csp),
    });
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const response = refuse(405, `method ${request.method} is not allowed`, request.url);
      response.headers.set('Allow', 'GET, HEAD');
      return response;
    }
    const target = resolveAppPath(rootDir, request.url);
    if ('status' in target) return refuse(target.status, target.reason, request.url);
    let body: Buffer;
    try {
      body = await readFile(target.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
        return refuse(404, 'no such file in the renderer', request.url);
      }
      logger.error({ err: error }, 'kiosk could not read a renderer file');
      return new Response('500: the file could not be read\n', {
        status: 500,
        headers: headers('text/plain; charset=utf-8', csp),
      });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: headers(contentTypeOf(target.file), csp),
    });
  };
}

/**
 * Serves the renderer folder on app://kiosk for the default session (the kiosk window's).
 * Call after the app is ready; the returned function stops serving (a second call does nothing:
 * Electron may emit will-quit twice when closing the kiosk holds the first one back).
 */
export function serveAppProtocol(options: AppHandlerOptions): () => void {
  protocol.handle(APP_SCHEME, appRequestHandler(options));
  let serving = true;
  return () => {
    if (serving) protocol.unhandle(APP_SCHEME);
    serving = false;
  };
}
