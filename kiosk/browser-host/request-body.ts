import type { IncomingMessage } from 'node:http';

/** The largest JSON body the simulator API accepts. */
const MAX_BODY_BYTES = 16 * 1024;

/** Why a request body was refused, with the HTTP status that says so. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads a JSON request body of at most {@link MAX_BODY_BYTES}. An empty body reads as `{}` so
 * that commands without arguments can be posted bare. Requiring a JSON content type also
 * means a page on another origin cannot post here without a CORS preflight, which we never grant.
 */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    throw new BodyError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new BodyError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  if (size === 0) return {};
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new BodyError(415, 'send the body as JSON with "Content-Type: application/json"');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    // The parser's own message points at a character offset, which helps nobody at the panel.
    throw new BodyError(400, 'the body is not valid JSON');
  }
}
