import { MIMEType } from 'node:util';

/** A reply body read in full, or the reason reading stopped early. */
export type ReplyBody =
  | { kind: 'complete'; bytes: Uint8Array }
  | {
      kind: 'tooLarge';
      /** What `Content-Length` declared, when that alone gave it away. */
      declared?: number;
      /** Bytes received before the read was cut off. */
      received: number;
    };

/**
 * Reads a reply body, never holding more than `limit` bytes (plus the one chunk that crossed
 * it). A `Content-Length` over the limit is refused before reading; a body without one, or one
 * that lies about its length, is cut off the moment it passes the limit. Either way `abort`
 * is called at once, so the connection is dropped instead of draining the rest. The count is
 * of decoded bytes, so a small gzip reply that inflates past the limit is cut off too.
 */
export async function readCappedBody(
  response: Response,
  limit: number,
  abort: () => void,
): Promise<ReplyBody> {
  const declared = declaredLength(response.headers.get('content-length'));
  if (declared !== undefined && declared > limit) {
    abort();
    await response.body?.cancel().catch(() => undefined); // the abort already ended it
    return { kind: 'tooLarge', declared, received: 0 };
  }
  if (response.body === null) return { kind: 'complete', bytes: new Uint8Array(0) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      abort();
      // Releases the stream's buffers; its rejection after the abort says nothing new.
      await reader.cancel().catch(() => undefined);
      return { kind: 'tooLarge', received };
    }
    chunks.push(value);
  }
  return { kind: 'complete', bytes: Buffer.concat(chunks, received) };
}

/** A Content-Length value as a number, or undefined when absent or not a plain count. */
function declaredLength(header: string | null): number | undefined {
  if (header === null || !/^\s*\d{1,16}\s*$/.test(header)) return undefined;
  return Number(header);
}

/**
 * Why a reply's `Content-Type` is not what API v1 sends (`application/json`, optionally with
 * `charset=utf-8` and nothing else), or undefined when it is. A captive portal's or proxy's
 * `text/html` page with status 200 is the usual culprit.
 */
export function contentTypeProblem(header: string | null): string | undefined {
  if (header === null) return 'no Content-Type';
  let type: MIMEType;
  try {
    type = new MIMEType(header);
  } catch {
    // The syntax error itself adds nothing: the header value is quoted in the problem.
    return `Content-Type ${JSON.stringify(header.slice(0, 100))} is not a media type`;
  }
  if (type.essence !== 'application/json') {
    return `Content-Type ${type.essence}, not application/json`;
  }
  for (const [name, value] of type.params) {
    if (name !== 'charset') return `Content-Type parameter "${name}" API v1 does not send`;
    if (value.toLowerCase() !== 'utf-8') return `charset ${value}, not utf-8`;
  }
  return undefined;
}

/** Decodes a 2xx body as strict UTF-8, the only encoding JSON allows; undefined when it is not. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: the caller reports the body as malformed, with a lenient decoding as rawBody.
    return undefined;
  }
}
