import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformClient } from '../client.ts';
import { PlatformError } from '../errors.ts';
import { signedFetch } from '../testing.ts';
import type { StoredHelpRequest } from './help.ts';
import { startSandboxPlatform, type SandboxPlatform } from './index.ts';

let sandbox: SandboxPlatform;
let client: PlatformClient;

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
  client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-help-01' });
});
afterAll(() => sandbox.close());

/** Posts a help request as raw HTTP, so the status and headers can be checked. */
async function post(body: Record<string, unknown>, key?: string) {
  const response = await signedFetch(`${sandbox.baseUrl}/api/v1/help-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    json: (await response.json()) as { helpRequestId?: string; error?: Record<string, string> },
  };
}

async function stored(): Promise<StoredHelpRequest[]> {
  const reply = await fetch(`${sandbox.baseUrl}/sandbox/help-requests`);
  return ((await reply.json()) as { helpRequests: StoredHelpRequest[] }).helpRequests;
}

const body = { kioskId: 'kiosk-help-01', screen: 'insert-card', reason: 'resident-asked' };

describe('POST /api/v1/help-requests', () => {
  it('opens one request per key: 201 first, 200 with the same id on every replay', async () => {
    const first = await post(body, 'help-0001-aaaa');
    const again = await post(body, 'help-0001-aaaa');
    expect(first).toMatchObject({ status: 201, replayed: 'false' });
    expect(first.json.helpRequestId).toMatch(/^BB\d{8}\d{6}$/);
    expect(again).toMatchObject({ status: 200, replayed: 'true' });
    expect(again.json.helpRequestId).toBe(first.json.helpRequestId);
    expect((await stored()).filter((r) => r.idempotencyKey === 'help-0001-aaaa')).toHaveLength(1);
  });

  it('refuses a key reused for another screen with 409', async () => {
    await post(body, 'help-0002-bbbb');
    const clash = await post({ ...body, screen: 'menu' }, 'help-0002-bbbb');
    expect(clash.status).toBe(409);
    expect(clash.json.error).toMatchObject({ code: 'request-id-reused' });
  });

  it('refuses a request without an Idempotency-Key, naming the header', async () => {
    const reply = await post(body);
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({ field: 'Idempotency-Key' });
  });

  it('refuses a field it does not know, so nothing personal can ride along', async () => {
    const reply = await post({ ...body, name: '张三' }, 'help-0003-cccc');
    expect(reply.status).toBe(400);
    expect(JSON.stringify(await stored())).not.toContain('张三');
  });

  it('refuses a screen id that is not an id', async () => {
    const reply = await post({ ...body, screen: '320106199001011234 张三' }, 'help-0004-dddd');
    expect(reply.status).toBe(400);
    expect(reply.json.error?.message).toMatch(/screen/);
  });
});

describe('PlatformClient.submitHelpRequest', () => {
  it('sends the kiosk id and the key, and a resend gets the same receipt', async () => {
    const request = {
      screen: 'menu',
      reason: 'resident-asked' as const,
      idempotencyKey: 'help-client-0001',
    };
    const first = await client.submitHelpRequest(request);
    const again = await client.submitHelpRequest(request);
    expect(again.helpRequestId).toBe(first.helpRequestId);
    const mine = (await stored()).filter((r) => r.idempotencyKey === 'help-client-0001');
    expect(mine).toEqual([expect.objectContaining({ kioskId: 'kiosk-help-01', screen: 'menu' })]);
  });

  it('fails as rejected when the platform refuses the request', async () => {
    const error = await client
      .submitHelpRequest({
        screen: 'bad id!',
        reason: 'resident-asked',
        idempotencyKey: 'help-client-0002',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).rejected).toBe(true);
  });
});
