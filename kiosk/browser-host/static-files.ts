import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { sendJson } from './security-headers.ts';
import { contentTypeOf } from '../content-types.ts';

/** A file that may be served: its real path and its size for Content-Length. */
interface StaticFile {
  path: string;
  size: number;
}

/**
 * Maps a URL path onto a file inside `rootDir`, or null when it would leave the folder or
 * cannot be decoded. `/` means `index.html`. Symbolic links are resolved before the check,
 * so a link pointing outside the folder is refused too.
 */
async function resolveStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // Malformed percent-encoding cannot name any file we serve.
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = await realpath(rootDir);
  const candidate = normalize(join(root, relative));
  if (!candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Serves one file from `rootDir` for GET or HEAD, with a 404 for anything it does not hold. */
export async function serveStaticFile(
  request: IncomingMessage,
  response: ServerResponse,
  rootDir: string,
  urlPath: string,
  headers: Record<string, string>,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    sendJson(
      response,
      405,
      { error: `${request.method ?? '?'} is not allowed here; use GET` },
      headers,
    );
    return;
  }
  const file = await resolveStaticFile(rootDir, urlPath);
  if (file === null) {
    sendJson(response, 404, { error: 'not found' }, headers);
    return;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(extname(file.path)),
    'Content-Length': file.size,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', (error) => response.destroy(error));
  stream.pipe(response);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
