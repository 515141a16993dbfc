import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformClient } from './client.ts';
import { startSandboxPlatform, type SandboxPlatform } from './sandbox/index.ts';
import {
  canonicalRequest,
  DEV_SIGNING_KEY,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_MAX_SKEW_MS,
  signatureOf,
  signingHeaders,
  TIMESTAMP_HEADER,
} from './signing.ts';
import { platformFailure as failure } from './testing.ts';

const KEY = 'kiosk-test-signing-key-0123456789abcdef';
let sandbox: SandboxPlatform;
let clock = new Date();

beforeAll(async () => {
  sandbox = await startSandboxPlatform({ signingKey: KEY, signingClock: () => clock });
});
afterAll(() => sandbox.close());

/** Sends a GET of the guide list with the given headers, as raw HTTP. */
async function rawGet(headers: Record<string, string>) {
  const reply = await fetch(`${sandbox.baseUrl}/api/v1/guides`, { headers });
  return {
    status: reply.status,
    code: ((await reply.json()) as { error?: { code: string } }).error?.code,
  };
}
const signed = (key: string, at: Date = new Date()) =>
  signingHeaders(key, { method: 'GET', pathWithQuery: '/api/v1/guides', body: '' }, at);

describe('the signed text', () => {
  it('covers method, path with query, body hash, timestamp and nonce, one a line', () => {
    const text = canonicalRequest({
      method: 'post',
      pathWithQuery: '/a?b=1',
      body: '{}',
      timestamp: '1',
      nonce: 'n',
    });
    expect(text.split('\n')).toEqual([
      'POST',
      '/a?b=1',
      '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      '1',
      'n',
    ]);
    expect(signatureOf(KEY, text)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the client', () => {
  it('signs every request, so the sandbox with its key serves it', async () => {
    const client = new PlatformClient({
      baseUrl: sandbox.baseUrl,
      kioskId: 'k-sign',
      signingKey: KEY,
    });
    expect((await client.guides()).length).toBeGreaterThan(0);
    // Every attempt gets a fresh nonce: the same call twice is not a replay.
    expect((await client.guides()).length).toBeGreaterThan(0);
  });

  it('is refused with signature-invalid when it signs with another key', async () => {
    const client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'k-sign' });
    expect(await failure(client.guides())).toMatchObject({
      rejected: true,
      code: 'signature-invalid',
    });
  });

  it('is refused with timestamp-skewed when its clock is more than 5 minutes off', async () => {
    const client = new PlatformClient({
      baseUrl: sandbox.baseUrl,
      kioskId: 'k-sign',
      signingKey: KEY,
    });
    clock = new Date(Date.now() + SIGNATURE_MAX_SKEW_MS + 60_000);
    try {
      expect(await failure(client.guides())).toMatchObject({
        rejected: true,
        code: 'timestamp-skewed',
      });
    } finally {
      clock = new Date();
    }
  });

  it('signs a retry afresh, so the platform never takes it for a replay', async () => {
    const nonces: string[] = [];
    // The first attempt reaches the platform (which remembers its nonce), then the reply is
    // lost on the way back: the client retries, and a reused nonce would be refused.
    const losingFirstReply: typeof fetch = async (input, init) => {
      nonces.push(new Headers(init?.headers).get(NONCE_HEADER) ?? '');
      const reply = await fetch(input, init);
      if (nonces.length === 1) {
        await reply.arrayBuffer();
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
        });
      }
      return reply;
    };
    const client = new PlatformClient({
      baseUrl: sandbox.baseUrl,
      kioskId: 'k-sign',
      signingKey: KEY,
      fetch: losingFirstReply,
    });
    expect((await client.halls()).length).toBeGreaterThan(0);
    expect(nonces).toHaveLength(2);
    expect(new Set(nonces).size).toBe(2);
  });

  it('refuses a signing key shorter than 32 bytes', () => {
    expect(
      () => new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'k', signingKey: 'short' }),
    ).toThrow(/at least 32 bytes/);
  });
});

describe('the sandbox', () => {
  it('refuses an unsigned request with signature-missing, but serves the public check unsigned', async () => {
    expect(await rawGet({})).toEqual({ status: 401, code: 'signature-missing' });
    expect((await fetch(`${sandbox.baseUrl}/verify/ABCDEFGH23456789`)).status).toBe(200);
  });

  it('refuses a replayed nonce with nonce-replayed', async () => {
    const headers = signed(KEY);
    expect((await rawGet(headers)).status).toBe(200);
    expect(await rawGet(headers)).toEqual({ status: 401, code: 'nonce-replayed' });
  });

  it('refuses a timestamp more than 5 minutes old or ahead with timestamp-skewed', async () => {
    const old = signed(KEY, new Date(Date.now() - SIGNATURE_MAX_SKEW_MS - 1000));
    const ahead = signed(KEY, new Date(Date.now() + SIGNATURE_MAX_SKEW_MS + 1000));
    expect(await rawGet(old)).toEqual({ status: 401, code: 'timestamp-skewed' });
    expect(await rawGet(ahead)).toEqual({ status: 401, code: 'timestamp-skewed' });
    expect((await rawGet(signed(KEY, new Date(Date.now() - 60_000)))).status).toBe(200);
  });

  it('refuses a changed path, a changed signature and the development key', async () => {
    const headers = signed(KEY);
    const reply = await fetch(`${sandbox.baseUrl}/api/v1/halls`, { headers });
    expect(reply.status).toBe(401);
    const flipped = { ...signed(KEY) };
    const sig = flipped[SIGNATURE_HEADER] ?? '';
    flipped[SIGNATURE_HEADER] = (sig.startsWith('0') ? '1' : '0') + sig.slice(1);
    expect(await rawGet(flipped)).toEqual({ status: 401, code: 'signature-invalid' });
    expect(await rawGet(signed(DEV_SIGNING_KEY))).toEqual({
      status: 401,
      code: 'signature-invalid',
    });
    expect(Object.keys(headers).sort()).toEqual(
      [NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER].sort(),
    );
  });

  it('refuses a signed body that was changed on the way', async () => {
    const body = JSON.stringify({ serviceId: 'general', kioskId: 'k' });
    const headers = signingHeaders(KEY, {
      method: 'POST',
      pathWithQuery: '/api/v1/queue/tickets',
      body,
    });
    const reply = await fetch(`${sandbox.baseUrl}/api/v1/queue/tickets`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: body.replace('general', 'si-certificate'),
    });
    expect(reply.status).toBe(401);
  });
});
