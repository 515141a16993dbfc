import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHasFlag } from '../capabilities/errors.ts';
import { createSessionRuntime, type CapabilityPorts } from '../capabilities/runtime.ts';
import { isRefusal } from '../journal/submissions.ts';
import { silentLogger } from '../log.ts';
import { PlatformClient } from './client.ts';
import { platformFailure } from './testing.ts';

// A platform (or a captive portal in front of it) that answers with whatever the test says.
let reply: { type: string | undefined; body: string | Buffer } = { type: undefined, body: '' };
let server: Server;
let client: PlatformClient;

const ticket = JSON.stringify({
  ticketNo: 'A001',
  serviceId: 'general',
  serviceName: '综合窗口',
  waiting: 2,
  peopleAhead: 2,
  expectedWaitMinutes: 16,
  issuedAt: '2025-01-01T08:00:00+08:00',
});

beforeAll(async () => {
  server = createServer((_request, response) => {
    if (reply.type !== undefined) response.setHeader('content-type', reply.type);
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new PlatformClient({ baseUrl: `http://127.0.0.1:${port}/`, kioskId: 'k-1' });
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('the content type of a 2xx reply', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset="UTF-8"',
  ])('is accepted as %s', async (type) => {
    reply = { type, body: ticket };
    expect(await client.takeQueueTicket({ serviceId: 'general' })).toMatchObject({
      ticketNo: 'A001',
    });
  });

  it.each([
    ['text/html', 'text/html; charset=utf-8', /text\/html, not application\/json/],
    ['a charset other than UTF-8', 'application/json; charset=gbk', /charset gbk/],
    ['an extra parameter', 'application/json; profile=v2', /parameter "profile"/],
    ['no media type at all', 'json please', /not a media type/],
    ['none', undefined, /no Content-Type/],
  ])(
    'refuses %s as an unexpected content type, even around valid JSON',
    async (_what, type, says) => {
      reply = { type, body: ticket };
      const error = await platformFailure(client.takeQueueTicket({ serviceId: 'general' }));
      expect(error).toMatchObject({
        malformed: true,
        code: 'unexpected-content-type',
        status: 200,
      });
      expect(error.message).toMatch(says);
      expect(error.rawBody).toBe(ticket);
    },
  );

  it('refuses a JSON body that is not UTF-8 as malformed', async () => {
    reply = { type: 'application/json', body: Buffer.from([0x7b, 0x22, 0xc4, 0xe3, 0x22, 0x7d]) };
    const error = await platformFailure(client.health());
    expect(error).toMatchObject({ malformed: true, code: 'malformed-reply' });
    expect(error.message).toContain('not UTF-8');
  });
});

describe('a reply the client could not use', () => {
  const cases: [string, { type: string; body: string }][] = [
    ['HTML from a captive portal', { type: 'text/html', body: '<html>login</html>' }],
    ['JSON of the wrong shape', { type: 'application/json', body: '{"ticket":1}' }],
    ['JSON cut off', { type: 'application/json', body: '{"ticketNo":"A0' }],
  ];

  it.each(cases)('(%s) is not a refusal to the outbox, which tries again later', async (_w, r) => {
    reply = r;
    const error = await platformFailure(client.takeQueueTicket({ serviceId: 'general' }));
    expect(error.malformed).toBe(true);
    expect(isRefusal(error)).toBe(false);
  });

  it.each(cases)(
    '(%s) reaches a flow as an unavailable platform, never as a malformed resident code',
    async (_w, r) => {
      reply = r;
      const failure: unknown = await runtimeWith(client)
        .run('platform.call', { operation: 'queue.ticket', args: { serviceId: 'general' } }, live)
        .then(
          () => new Error('platform.call succeeded'),
          (e: unknown) => e,
        );
      expect(errorHasFlag(failure, 'unavailable')).toBe(true);
      expect(errorHasFlag(failure, 'malformed')).toBe(false);
      expect(errorHasFlag(failure, 'rejected')).toBe(false);
    },
  );
});

const live = new AbortController().signal;

/** A session's capability runtime on `platform`; ports the tests do not reach throw. */
function runtimeWith(platform: PlatformClient) {
  const unused = (): never => {
    throw new Error('this test does not use that port');
  };
  const ports: CapabilityPorts = {
    kioskId: 'k-1',
    platform,
    log: silentLogger,
    scanner: () => undefined,
    outOfService: () => [],
    readIdCard: unused,
    renderCertificate: unused,
    printDocument: unused,
    renderReceipt: unused,
    printReceipt: unused,
  };
  return createSessionRuntime(ports, 'session-1');
}
