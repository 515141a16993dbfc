import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HELLO,
  openBridgeSocket,
  type BridgeTestSocket,
} from '../../test/support/bridge-client.ts';
import { createScriptedCore, type ScriptedCore } from '../../test/support/browser.ts';
import { waitFor, within } from '../../test/support/time.ts';
import { BRIDGE_TOKEN_PROTOCOL_PREFIX } from '../contract.ts';
import { BRIDGE_LIMITS } from './bridge-limits.ts';
import { startBrowserHost, type BrowserHost } from './host.ts';

const TOKEN = 'k24-3f9c1d7e5b2a48c6a0e1f2d3c4b5a697';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-bridge-guard-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every socket a test opened, closed after it so the next test starts with none. */
const opened: BridgeTestSocket[] = [];
async function open(
  host: BrowserHost,
  options: Parameters<typeof openBridgeSocket>[1] = {},
): Promise<BridgeTestSocket> {
  const socket = await openBridgeSocket(host.url, { origin: originOf(host), ...options });
  opened.push(socket);
  return socket;
}
afterEach(() => {
  for (const client of opened.splice(0)) client.socket.terminate();
});

function originOf(host: BrowserHost): string {
  return host.url.slice(0, -1);
}

describe('the bridge handshake', () => {
  let host: BrowserHost;
  let port: string;
  beforeAll(async () => {
    host = await startBrowserHost({ core: createScriptedCore(), rendererDir: dir });
    port = new URL(host.url).port;
  });
  afterAll(() => host.close());

  it('refuses a Host the kiosk does not answer to with 421, whatever the Origin says', async () => {
    for (const name of [`attacker.example:${port}`, '127.0.0.1:1']) {
      await expect(open(host, { host: name, origin: `http://${name}` })).rejects.toThrow(
        /HTTP 421: this host name is not served here/,
      );
    }
  });

  it('refuses an Origin that is not the page on the same host with 403', async () => {
    for (const origin of ['http://attacker.example', `http://localhost:${port}`, 'null']) {
      await expect(open(host, { origin })).rejects.toThrow(/HTTP 403: only the kiosk page/);
    }
    await expect(open(host, { origin: undefined })).rejects.toThrow('HTTP 403');
  });

  it('accepts the page on another loopback name with that name as its origin', async () => {
    const client = await open(host, {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
    });
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it(`refuses socket number ${BRIDGE_LIMITS.maxConnections + 1} with 503 and takes one again once a slot frees`, async () => {
    const sockets = [];
    for (let i = 0; i < BRIDGE_LIMITS.maxConnections; i++) sockets.push(await open(host));
    await expect(open(host)).rejects.toThrow(/HTTP 503: too many bridge connections/);
    sockets[0]?.socket.close();
    await sockets[0]?.closed;
    await waitFor(
      () =>
        open(host).then(
          (client) => client,
          () => false as const,
        ),
      'a bridge slot to free after one socket closed',
    );
  });

  it('closes a socket that says no hello in time', async () => {
    const quick = await startBrowserHost({
      core: createScriptedCore(),
      rendererDir: dir,
      bridgeLimits: { helloTimeoutMs: 50 },
    });
    try {
      const client = await open(quick);
      expect(await within(client.closed, 'the close of a socket that never said hello')).toEqual({
        code: 1008,
        reason: 'no hello in time',
      });
    } finally {
      await quick.close();
    }
  });
});

describe('the bridge message limits', () => {
  let host: BrowserHost;
  let core: ScriptedCore;
  beforeAll(async () => {
    core = createScriptedCore();
    host = await startBrowserHost({ core, rendererDir: dir });
  });
  afterAll(() => host.close());

  it(`closes a socket that sends more than ${BRIDGE_LIMITS.messagesPerSecond} messages a second`, async () => {
    const client = await open(host);
    const before = core.received.length;
    client.socket.send(HELLO);
    for (let i = 0; i < 200; i++) client.socket.send('{"type":"activity"}');
    expect(await within(client.closed, 'the close of a flooding socket')).toEqual({
      code: 1008,
      reason: `more than ${BRIDGE_LIMITS.messagesPerSecond} messages a second`,
    });
    // The burst got through (hello included); the flood behind it did not reach the core.
    const reached = core.received.length - before;
    expect(reached).toBeGreaterThan(1);
    expect(reached).toBeLessThanOrEqual(BRIDGE_LIMITS.messageBurst);
  });

  it(`closes a socket that sends a frame over ${BRIDGE_LIMITS.maxFrameBytes} bytes`, async () => {
    const client = await open(host);
    client.socket.send(HELLO);
    client.socket.send(`{"type":"activity","pad":"${'x'.repeat(BRIDGE_LIMITS.maxFrameBytes)}"}`);
    expect((await within(client.closed, 'the close of a socket that sent a huge frame')).code).toBe(
      1009,
    );
  });
});

describe('a bridge with a token', () => {
  let host: BrowserHost;
  let core: ScriptedCore;
  beforeAll(async () => {
    core = createScriptedCore();
    host = await startBrowserHost({ core, rendererDir: dir, token: TOKEN });
  });
  afterAll(() => host.close());

  it('refuses a client that spoofs the right Origin but has no token with 401', async () => {
    await expect(open(host)).rejects.toThrow(/HTTP 401: the bridge token is missing or wrong/);
    await expect(open(host, { protocols: ['kiosk24'] })).rejects.toThrow('HTTP 401');
  });

  it('refuses a wrong token, and a right token with one character changed', async () => {
    for (const token of ['wrong', `${TOKEN.slice(0, -1)}8`, `${TOKEN}x`]) {
      const protocols = ['kiosk24', `${BRIDGE_TOKEN_PROTOCOL_PREFIX}${token}`];
      await expect(open(host, { protocols })).rejects.toThrow('HTTP 401');
    }
  });

  it('accepts the token as a subprotocol, and selects only the plain kiosk24 one', async () => {
    const client = await open(host, {
      protocols: ['kiosk24', `${BRIDGE_TOKEN_PROTOCOL_PREFIX}${TOKEN}`],
    });
    expect(client.socket.protocol).toBe('kiosk24');
    const first = client.next('the answer to hello');
    const since = core.received.length;
    client.socket.send(HELLO);
    await core.waitFor((message) => message.type === 'hello', since);
    core.broadcast({ type: 'refused', reason: 'reached' });
    expect(await first).toEqual({ type: 'refused', reason: 'reached' });
  });

  it('hands the token to the kiosk window in the URL fragment only', () => {
    expect(host.url).not.toContain(TOKEN);
    expect(host.windowUrl).toBe(`${host.url}#bridge-token=${TOKEN}`);
  });
});
