import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformClient } from '../client.ts';
import { PlatformError } from '../errors.ts';
import { signedFetch } from '../testing.ts';
import { startSandboxPlatform, type SandboxPlatform, type StoredRating } from './index.ts';

let sandbox: SandboxPlatform;
let client: PlatformClient;

beforeAll(async () => {
  sandbox = await startSandboxPlatform({
    services: [{ id: 'hpf-withdrawal', name: '公积金提取' }],
  });
  client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-rating-01' });
});
afterAll(() => sandbox.close());

/** Posts a rating as raw HTTP, so the status and headers can be checked. */
async function post(body: Record<string, unknown>, key?: string) {
  const response = await signedFetch(`${sandbox.baseUrl}/api/v1/ratings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ kioskId: 'kiosk-rating-01', ...body }),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    json: (await response.json()) as { ratingId?: string; error?: Record<string, string> },
  };
}

async function stored(): Promise<StoredRating[]> {
  const reply = await fetch(`${sandbox.baseUrl}/sandbox/ratings`);
  return ((await reply.json()) as { ratings: StoredRating[] }).ratings;
}

describe('a rating with an idempotency key', () => {
  it('is stored once however often it is sent, and every repeat gets the same receipt', async () => {
    const rating = { serviceId: 'general', score: 5, tags: ['办事快'], sessionRef: 'sess-key-1' };
    const first = await post(rating, 'key-0001-aaaa');
    const again = await post(rating, 'key-0001-aaaa');
    const third = await post(rating, 'key-0001-aaaa');
    expect(first).toMatchObject({ status: 201, replayed: 'false' });
    expect(again).toMatchObject({ status: 200, replayed: 'true' });
    expect(again.json.ratingId).toBe(first.json.ratingId);
    expect(third.json.ratingId).toBe(first.json.ratingId);
    const mine = (await stored()).filter((r) => r.idempotencyKey === 'key-0001-aaaa');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ ...rating, ratingId: first.json.ratingId });
  });

  it('is refused with 409 when the key comes back with a different body', async () => {
    await post({ serviceId: 'general', score: 4, sessionRef: 'sess-key-2' }, 'key-0002-bbbb');
    const clash = await post(
      { serviceId: 'general', score: 1, sessionRef: 'sess-key-2' },
      'key-0002-bbbb',
    );
    expect(clash.status).toBe(409);
    expect(clash.json.error).toMatchObject({
      code: 'request-id-reused',
      field: 'Idempotency-Key',
    });
    const mine = (await stored()).filter((r) => r.idempotencyKey === 'key-0002-bbbb');
    expect(mine.map((r) => r.score)).toEqual([4]);
  });

  it('keeps the one-rating-per-session rule for a fresh key', async () => {
    await post({ serviceId: 'general', score: 3, sessionRef: 'sess-key-3' }, 'key-0003-cccc');
    const second = await post(
      { serviceId: 'general', score: 3, sessionRef: 'sess-key-3' },
      'key-0003-dddd',
    );
    expect(second.status).toBe(409);
    expect(second.json.error?.code).toBe('already-rated');
  });

  it('refuses a key API v1 cannot carry with 400 naming the header', async () => {
    const reply = await post({ serviceId: 'general', score: 3, sessionRef: 's-4' }, 'short');
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({
      code: 'invalid-idempotency-key',
      field: 'Idempotency-Key',
    });
  });

  it('comes back the same through the client, which sends the key as a header', async () => {
    const rating = {
      serviceId: 'general',
      score: 2,
      sessionRef: 'sess-client',
      idempotencyKey: 'c-0005-eeee',
    };
    const first = await client.submitRating(rating);
    expect(await client.submitRating(rating)).toEqual(first);
    expect((await stored()).filter((r) => r.idempotencyKey === 'c-0005-eeee')).toHaveLength(1);
  });
});

describe('the services a rating can be given to', () => {
  it('include the flows passed at start', async () => {
    const receipt = await post({ serviceId: 'hpf-withdrawal', score: 5, sessionRef: 's-opt' });
    expect(receipt.status).toBe(201);
  });

  it('include a flow registered after start', async () => {
    const before = await post({ serviceId: 'si-payment-certificate', score: 5, sessionRef: 's-r' });
    expect(before.status).toBe(422);
    sandbox.registerServices([{ id: 'si-payment-certificate', name: '社保参保缴费证明打印' }]);
    sandbox.registerServices([{ id: 'si-payment-certificate', name: '社保参保缴费证明打印' }]);
    const receipt = await client.submitRating({
      serviceId: 'si-payment-certificate',
      score: 5,
      sessionRef: 's-r',
    });
    expect(receipt.ratingId).toMatch(/^PJ\d{8}\d{6}$/);
    const services = await fetch(`${sandbox.baseUrl}/sandbox/services`);
    expect(JSON.stringify(await services.json())).toContain('si-payment-certificate');
  });

  it('refuse an unknown id with a clear 422 naming the id and the known ones', async () => {
    const error = await client
      .submitRating({ serviceId: 'no-such-flow', score: 3, sessionRef: 's-u' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ status: 422, code: 'unknown-service', rejected: true });
    expect((error as PlatformError).message).toContain('no service "no-such-flow"');
    expect((error as PlatformError).message).toContain('hpf-withdrawal');
    expect((await stored()).some((r) => r.serviceId === 'no-such-flow')).toBe(false);
  });

  it('refuse to register an id API v1 could never carry', () => {
    expect(() => sandbox.registerServices([{ id: 'Bad Id', name: 'x' }])).toThrow(RangeError);
  });
});
