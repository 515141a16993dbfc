import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardProfile } from '../../drivers/id-card/profiles.ts';
import { PlatformClient } from '../../kiosk/core/platform/client.ts';
import {
  startSandboxPlatform,
  type SandboxPlatform,
} from '../../kiosk/core/platform/sandbox/index.ts';
import { platformFailure as failure, signedFetch } from '../../kiosk/core/platform/testing.ts';
import { budget, waitFor } from '../support/time.ts';

let sandbox: SandboxPlatform;
let calls = 0;
const countingFetch: typeof fetch = (input, init) => {
  calls += 1;
  return fetch(input, init);
};

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
});
afterEach(() => {
  sandbox.faults.clear();
  calls = 0;
});
afterAll(() => sandbox.close());

/**
 * A client of the in-process sandbox. The default timeout is a budget every answer must meet;
 * the tests that pass a small figure want it to expire against a fault that never answers.
 */
function clientWith(timeoutMs = budget(2000)): PlatformClient {
  return new PlatformClient({
    baseUrl: sandbox.baseUrl,
    kioskId: 'kiosk-test-03',
    timeoutMs,
    fetch: countingFetch,
  });
}

describe('an injected timeout', () => {
  it('gives a timeout error that says how long was waited and what to do', async () => {
    sandbox.faults.set({ failNext: 'timeout' });
    const error = await failure(clientWith(200).takeQueueTicket({ serviceId: 'general' }));
    expect(error).toMatchObject({ timeout: true, unavailable: false, code: 'timeout' });
    expect(error.message).toContain(
      'did not answer queue.ticket within 0.2 s; try again or ask staff',
    );
    expect(calls).toBe(1);
  });

  it('is ridden out by a GET, which retries once', async () => {
    sandbox.faults.set({ failNext: 'timeout', count: 1 });
    // The first try expires against the fault; the retry must succeed within the budget.
    expect((await clientWith(budget(750)).health()).status).toBe('ok');
    expect(calls).toBe(2);
  });

  it('fails a GET when it lasts past the one retry', async () => {
    sandbox.faults.set({ failNext: 'timeout', count: 2 });
    const error = await failure(clientWith(200).applicationProgress('SQ320100000123'));
    expect(error.timeout).toBe(true);
    expect(calls).toBe(2);
  });

  it('also comes from a slow platform when the delay exceeds the timeout', async () => {
    sandbox.faults.set({ delayMs: 1000 });
    const error = await failure(
      clientWith(100).submitRating({ serviceId: 'general', score: 4, sessionRef: 'slow' }),
    );
    expect(error.timeout).toBe(true);
  });
});

describe('an injected HTTP 500', () => {
  it('gives an unavailable error carrying the status and the platform code', async () => {
    sandbox.faults.set({ failNext: 'http-500', count: 2 });
    const error = await failure(clientWith().health());
    expect(error).toMatchObject({ unavailable: true, status: 500, code: 'sandbox-fault' });
    expect(error.retryable).toBe(true);
  });

  it('is never retried for a queue ticket, because a retry could print a second ticket', async () => {
    sandbox.faults.set({ failNext: 'http-500', count: 1 });
    const error = await failure(clientWith().takeQueueTicket({ serviceId: 'general' }));
    expect(error.unavailable).toBe(true);
    expect(calls).toBe(1);
  });
});

describe('an injected malformed reply', () => {
  it('gives a malformed error that keeps the raw body for the journal', async () => {
    sandbox.faults.set({ failNext: 'malformed', count: 1 });
    const error = await failure(clientWith().takeQueueTicket({ serviceId: 'general' }));
    expect(error).toMatchObject({ malformed: true, code: 'malformed-reply', status: 200 });
    expect(error.rawBody).toBe('{"status":"ok","cut off here');
    expect(error.retryable).toBe(false);
  });
});

describe('an injected dropped connection', () => {
  it('gives an unavailable error for a POST, tried only once', async () => {
    sandbox.faults.set({ failNext: 'unavailable' });
    const error = await failure(
      clientWith().submitRating({ serviceId: 'general', score: 3, sessionRef: 'dropped' }),
    );
    expect(error).toMatchObject({ unavailable: true, code: 'unreachable' });
    expect(calls).toBe(1);
  });

  it('is ridden out by a GET, which retries once', async () => {
    sandbox.faults.set({ failNext: 'unavailable' });
    expect((await clientWith().applicationProgress('SQ320500000789')).status).toBe('completed');
    expect(calls).toBe(2);
  });
});

describe('a call the caller cancels', () => {
  it('carries canceled, not timeout, and is not retried', async () => {
    sandbox.faults.set({ failNext: 'timeout', count: 2 });
    const controller = new AbortController();
    const pending = failure(clientWith(budget(5000)).health({ signal: controller.signal }));
    await waitFor(() => calls === 1, 'the call to reach the sandbox');
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ canceled: true, timeout: false, code: 'canceled' });
    expect(calls).toBe(1);
  });
});

describe('the fault endpoint POST /sandbox/faults', () => {
  it('sets the same faults as faults.set()', async () => {
    const set = await fetch(`${sandbox.baseUrl}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ failNext: 'http-500', count: 3 }),
    });
    expect(set.status).toBe(200);
    expect(sandbox.faults.state).toEqual({
      delayMs: 0,
      failNext: 'http-500',
      remaining: 3,
      down: null,
    });
    expect((await failure(clientWith().health())).status).toBe(500);
  });

  it('refuses an unknown failure kind, naming the field', async () => {
    const reply = await fetch(`${sandbox.baseUrl}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ failNext: 'explode' }),
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({
      error: { code: 'invalid-field', field: 'failNext' },
    });
  });
});

describe('a request body the platform cannot accept', () => {
  const wang = cardProfile('resident-wang');

  it('is refused with 400 naming the score when it is out of 1..5', async () => {
    const error = await failure(
      clientWith().submitRating({ serviceId: 'general', score: 7, sessionRef: 'bad-score' }),
    );
    expect(error).toMatchObject({
      rejected: true,
      status: 400,
      code: 'invalid-field',
      field: 'score',
    });
    expect(error.message).toContain('field "score"');
  });

  it('is refused naming idNumber when the check character is wrong, without echoing it', async () => {
    const wrong = `${wang.idNumber.slice(0, 17)}${wang.idNumber.endsWith('6') ? '7' : '6'}`;
    const error = await failure(
      clientWith().verifyIdentity({ idNumber: wrong, name: wang.name, cardType: 'resident' }),
    );
    expect(error).toMatchObject({ rejected: true, field: 'idNumber' });
    expect(error.message).not.toContain(wrong.slice(6, 14));
  });

  it('is refused naming the field that is missing', async () => {
    const reply = await signedFetch(`${sandbox.baseUrl}/api/v1/identity/verify`, {
      method: 'POST',
      body: JSON.stringify({ idNumber: wang.idNumber, cardType: 'resident' }),
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ error: { field: 'name' } });
  });

  it('is refused with invalid-json when it is not JSON at all', async () => {
    const reply = await signedFetch(`${sandbox.baseUrl}/api/v1/queue/tickets`, {
      method: 'POST',
      body: 'serviceId=general',
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ error: { code: 'invalid-json' } });
  });

  it('is refused naming months when too many months are asked for', async () => {
    const verified = await clientWith().verifyIdentity({
      idNumber: wang.idNumber,
      name: wang.name,
      cardType: 'resident',
    });
    const ref = verified.verified ? verified.residentRef : '';
    const error = await failure(clientWith().paymentRecord(ref, { months: 99 }));
    expect(error).toMatchObject({ rejected: true, field: 'months' });
  });

  it('is refused naming serviceId when the service does not exist', async () => {
    const error = await failure(clientWith().takeQueueTicket({ serviceId: 'no-such-desk' }));
    expect(error).toMatchObject({ rejected: true, status: 422, field: 'serviceId' });
  });
});
