import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformClient } from './client.ts';
import { PlatformError } from './errors.ts';

// A platform that records what it was sent and answers with the next scripted replies, so the
// client's side of an idempotent rating can be checked against a platform that misbehaves.
interface Seen {
  headers: IncomingHttpHeaders;
  body: unknown;
}
let seen: Seen[] = [];
let replies: { status: number; body: string }[] = [];
let server: Server;
let client: PlatformClient;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      const reply = replies.shift() ?? { status: 201, body: '{"ratingId":"PJ1"}' };
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new PlatformClient({ baseUrl: `http://127.0.0.1:${port}/`, kioskId: 'k-rate' });
});
beforeEach(() => {
  seen = [];
  replies = [];
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const rating = { serviceId: 'general', score: 4, sessionRef: 'sess-1' };

describe('submitRating with an idempotency key', () => {
  it('sends the key as the Idempotency-Key header and not in the body', async () => {
    expect(await client.submitRating({ ...rating, idempotencyKey: 'rating-key-0001' })).toEqual({
      ratingId: 'PJ1',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['idempotency-key']).toBe('rating-key-0001');
    expect(seen[0]?.body).toEqual({ ...rating, kioskId: 'k-rate' });
  });

  it('retries once after a 500 with the same key', async () => {
    replies = [{ status: 500, body: '{"error":{"code":"internal","message":"down"}}' }];
    await client.submitRating({ ...rating, idempotencyKey: 'rating-key-0002' });
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual([
      'rating-key-0002',
      'rating-key-0002',
    ]);
  });

  it('is refused with a RangeError before sending a key API v1 cannot carry', async () => {
    await expect(client.submitRating({ ...rating, idempotencyKey: 'bad key!' })).rejects.toThrow(
      RangeError,
    );
    expect(seen).toHaveLength(0);
  });
});

describe('submitRating without a key', () => {
  it('sends no Idempotency-Key and is never retried', async () => {
    replies = [{ status: 500, body: '{"error":{"code":"internal","message":"down"}}' }];
    const error = await client.submitRating(rating).catch((e: unknown) => e);
    expect(error).toMatchObject({ unavailable: true, status: 500 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['idempotency-key']).toBeUndefined();
  });
});

describe('a reply that does not acknowledge the rating', () => {
  it.each([
    ['an empty object', 200, '{}'],
    ['an empty ratingId', 201, '{"ratingId":""}'],
    ['a bare status', 200, '{"status":"ok"}'],
    ['a number for the id', 201, '{"ratingId":12}'],
    ['no body at all', 202, ''],
    ['JSON null', 200, 'null'],
  ])('is a malformed PlatformError, never success: %s', async (_name, status, body) => {
    replies = [{ status, body }];
    const error = await client
      .submitRating({ ...rating, idempotencyKey: 'rating-key-0003' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ malformed: true, code: 'malformed-reply', status });
    expect((error as PlatformError).retryable).toBe(false);
  });
});
