import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformClient } from './client.ts';
import { RAW_BODY_LIMIT } from './errors.ts';
import { platformFailure as failureOf } from './testing.ts';

// A real HTTP server that answers whatever the next test asks for: the replies a misbehaving
// platform or a gateway in front of it might send.
let next = { status: 200, type: 'application/json', body: '{}' };
let server: Server;
let client: PlatformClient;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(next.status, { 'content-type': next.type });
    response.end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new PlatformClient({ baseUrl: `http://127.0.0.1:${port}/gateway`, kioskId: 'k-1' });
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('a reply that does not match API v1', () => {
  it('is malformed, names the offending field and keeps the raw body', async () => {
    next = { status: 200, type: 'application/json', body: '{"verified":"yes"}' };
    const error = await failureOf(
      client.verifyIdentity({
        idNumber: '320102198808084526',
        name: '王秀英',
        cardType: 'resident',
      }),
    );
    expect(error).toMatchObject({ malformed: true, rawBody: '{"verified":"yes"}' });
    expect(error.message).toContain('verified');
  });

  it('keeps only the first RAW_BODY_LIMIT characters of a huge body, saying how much was cut', async () => {
    next = { status: 200, type: 'text/plain', body: 'x'.repeat(RAW_BODY_LIMIT + 500) };
    const error = await failureOf(client.health());
    expect(error.rawBody?.startsWith('x'.repeat(RAW_BODY_LIMIT))).toBe(true);
    expect(error.rawBody).toContain('500 more characters');
  });

  it('tolerates extra fields a province adapter may add', async () => {
    next = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ ratingId: 'R1', provinceTrace: 'js-123' }),
    };
    expect(await client.submitRating({ serviceId: 'general', score: 5, sessionRef: 's' })).toEqual({
      ratingId: 'R1',
    });
  });
});

describe('an error reply without the v1 envelope', () => {
  it('from a gateway (HTML 502) is unavailable and keeps the page as rawBody', async () => {
    next = { status: 502, type: 'text/html', body: '<html>Bad Gateway</html>' };
    const error = await failureOf(client.health());
    expect(error).toMatchObject({ unavailable: true, code: 'http-502', status: 502 });
    expect(error.rawBody).toBe('<html>Bad Gateway</html>');
  });

  it('with status 404 is notFound', async () => {
    next = { status: 404, type: 'text/plain', body: 'nope' };
    expect((await failureOf(client.applicationProgress('X1'))).notFound).toBe(true);
  });

  it('with status 403 is rejected', async () => {
    next = { status: 403, type: 'text/plain', body: 'forbidden' };
    expect((await failureOf(client.takeQueueTicket({ serviceId: 'general' }))).rejected).toBe(true);
  });
});

describe('a client built with bad settings', () => {
  it('refuses a baseUrl that is not a URL, showing an example', () => {
    expect(() => new PlatformClient({ baseUrl: 'platform', kioskId: 'k' })).toThrow(/e\.g\./);
  });

  it('refuses a timeout that is not positive', () => {
    expect(
      () => new PlatformClient({ baseUrl: 'http://x.invalid', kioskId: 'k', timeoutMs: 0 }),
    ).toThrow(/timeoutMs/);
  });

  it('keeps a gateway path prefix in the base URL', () => {
    expect(client.baseUrl).toMatch(/\/gateway\/$/);
  });
});

describe('a platform that is not there', () => {
  it('is unavailable with the system error code in the message', async () => {
    // A port that was free a moment ago: bind it, release it, then call it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const nowhere = new PlatformClient({ baseUrl: `http://127.0.0.1:${port}`, kioskId: 'k' });
    const error = await failureOf(nowhere.health());
    expect(error).toMatchObject({ unavailable: true, code: 'unreachable' });
    expect(error.message).toContain('ECONNREFUSED');
  });
});
