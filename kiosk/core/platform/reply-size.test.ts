import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { within } from '../../../test/support/time.ts';
import { PlatformClient } from './client.ts';
import {
  DEFAULT_MAX_REPLY_BYTES,
  MAX_REPLY_BYTES_CEILING,
  MAX_REPLY_BYTES_FLOOR,
} from './limits.ts';
import { platformFailure } from './testing.ts';

const MiB = 1024 * 1024;
/** What a hostile or broken platform would send if nobody stopped reading: far past any cap. */
const ENDLESS_BYTES = 256 * MiB;
/**
 * Most a server can have handed over before the client cut it off: the cap plus what the
 * loopback socket buffers hold. Far below ENDLESS_BYTES, so a client that drains the whole reply
 * (or buffers it) fails the test.
 */
const CUT_OFF_BEFORE_BYTES = 32 * MiB;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler = (_request, response) => response.end();
let requests = 0;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
beforeEach(() => {
  requests = 0;
});

/**
 * Writes `total` bytes of JSON-looking filler, waiting for the socket as a real server does, and
 * stops when the client goes away. Resolves how many bytes it handed over by then.
 */
async function pump(response: ServerResponse, total: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  response.write('{"status":"ok","pad":"');
  let written = 0;
  while (written < total && !response.destroyed) {
    written += chunk.length;
    if (!response.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  if (!response.destroyed) response.end('"}');
  return written;
}

/** Serves one endless reply; `written` settles once the client has cut the connection. */
function serveEndless(headers: Record<string, string | number>): { written: Promise<number> } {
  let settle: (n: number) => void = () => undefined;
  const written = new Promise<number>((resolve) => (settle = resolve));
  handler = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    void pump(response, ENDLESS_BYTES).then(settle);
  };
  return { written };
}

function healthBody(size: number): string {
  const head = `{"status":"ok","apiVersion":"v1","time":"2025-01-01T00:00:00Z","pad":"`;
  return `${head}${'x'.repeat(size - head.length - 2)}"}`;
}

describe('a platform reply bigger than platform.maxReplyBytes', () => {
  it('without a Content-Length is cut off as it streams, long before the server is done', async () => {
    const { written } = serveEndless({});
    const client = new PlatformClient({ baseUrl, kioskId: 'k-1' });
    const error = await platformFailure(client.health());
    expect(error).toMatchObject({ malformed: true, tooLarge: true, code: 'reply-too-large' });
    expect(error.message).toContain('platform.maxReplyBytes');
    const handedOver = await within(written, 'the server to see the client hang up');
    expect(handedOver).toBeGreaterThan(DEFAULT_MAX_REPLY_BYTES);
    expect(handedOver).toBeLessThan(CUT_OFF_BEFORE_BYTES);
  });

  it('with a Content-Length over the cap is refused before its body is read', async () => {
    const { written } = serveEndless({ 'content-length': 3 * 1024 * MiB });
    const client = new PlatformClient({ baseUrl, kioskId: 'k-1' });
    const error = await platformFailure(client.health());
    expect(error).toMatchObject({ tooLarge: true, code: 'reply-too-large', status: 200 });
    expect(error.message).toContain('Content-Length');
    expect(await within(written, 'the server to see the client hang up')).toBeLessThan(
      CUT_OFF_BEFORE_BYTES,
    );
  });

  it('that is small on the wire but inflates past the cap (gzip) is cut off too', async () => {
    const bomb = gzipSync(Buffer.from(healthBody(64 * MiB)));
    expect(bomb.length).toBeLessThan(DEFAULT_MAX_REPLY_BYTES);
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(bomb);
    };
    const client = new PlatformClient({ baseUrl, kioskId: 'k-1' });
    expect(await platformFailure(client.health())).toMatchObject({ tooLarge: true });
  });

  it('is not asked for again, even by a GET that retries an outage', async () => {
    serveEndless({});
    const client = new PlatformClient({ baseUrl, kioskId: 'k-1' });
    expect((await platformFailure(client.health())).retryable).toBe(false);
    expect(requests).toBe(1);
  });
});

describe('a reply exactly at the cap', () => {
  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('%s is read, and one byte more is refused', async (_how, chunked) => {
    const client = new PlatformClient({
      baseUrl,
      kioskId: 'k-1',
      maxReplyBytes: MAX_REPLY_BYTES_FLOOR,
    });
    let body = healthBody(MAX_REPLY_BYTES_FLOOR);
    handler = (_request, response) => {
      response.setHeader('content-type', 'application/json');
      if (chunked) response.write(body.slice(0, 100));
      response.end(chunked ? body.slice(100) : body);
    };
    expect(await client.health()).toMatchObject({ status: 'ok' });
    body = healthBody(MAX_REPLY_BYTES_FLOOR + 1);
    expect(await platformFailure(client.health())).toMatchObject({ tooLarge: true });
  });
});

describe('the reply cap setting', () => {
  it.each([MAX_REPLY_BYTES_FLOOR - 1, MAX_REPLY_BYTES_CEILING + 1, 100_000.5])(
    'refuses %d bytes, naming the allowed range',
    (maxReplyBytes) => {
      expect(() => new PlatformClient({ baseUrl, kioskId: 'k', maxReplyBytes })).toThrow(
        new RegExp(`maxReplyBytes must be a whole number from ${MAX_REPLY_BYTES_FLOOR}`),
      );
    },
  );
});
