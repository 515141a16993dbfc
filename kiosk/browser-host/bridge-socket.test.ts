import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BRIDGE_PATH, CONTRACT_VERSION, type CoreMessage } from '../contract.ts';
import { createScriptedCore, type ScriptedCore } from '../../test/support/browser.ts';
import { startBrowserHost, type BrowserHost } from './host.ts';

/** A renderer stand-in speaking raw frames, collecting what the host sends back. */
interface TestSocket {
  socket: WebSocket;
  messages: CoreMessage[];
  next(): Promise<CoreMessage>;
  closed: Promise<number>;
}

function openSocket(
  url: string,
  origin: string | undefined,
  path = BRIDGE_PATH,
): Promise<TestSocket> {
  const target = url.replace(/^http/, 'ws').replace(/\/$/, path);
  const socket = new WebSocket(target, origin === undefined ? {} : { origin });
  const messages: CoreMessage[] = [];
  let waiting: ((message: CoreMessage) => void) | null = null;
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as CoreMessage;
    messages.push(message);
    if (waiting !== null) {
      const wake = waiting;
      waiting = null;
      wake(message);
    }
  });
  const closed = new Promise<number>((resolve) => socket.on('close', resolve));
  return new Promise((resolve, reject) => {
    socket.once('open', () =>
      resolve({
        socket,
        messages,
        closed,
        next: () => new Promise((wake) => (waiting = wake)),
      }),
    );
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused with HTTP ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
}

const hello = JSON.stringify({ type: 'hello', contractVersion: CONTRACT_VERSION });

describe('the bridge socket of the browser host', () => {
  let dir: string;
  let host: BrowserHost;
  let core: ScriptedCore;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-bridge-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    core = createScriptedCore();
    host = await startBrowserHost({ core, rendererDir: dir });
    origin = host.url.slice(0, -1);
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a page from another origin with 403', async () => {
    await expect(openSocket(host.url, 'http://127.0.0.1:1')).rejects.toThrow('HTTP 403');
    await expect(openSocket(host.url, 'http://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('refuses a client that sends no Origin at all', async () => {
    await expect(openSocket(host.url, undefined)).rejects.toThrow('HTTP 403');
  });

  it('refuses sockets on any other path', async () => {
    await expect(openSocket(host.url, origin, '/other')).rejects.toThrow('HTTP 404');
  });

  it('connects a renderer to the core after hello and passes both ways', async () => {
    core.show(sampleSnapshotShape());
    const since = core.received.length;
    const client = await openSocket(host.url, origin);
    const first = client.next();
    client.socket.send(hello);
    expect(await first).toMatchObject({
      type: 'snapshot',
      snapshot: { screen: { id: 'attract' } },
    });
    client.socket.send(
      JSON.stringify({ type: 'action', event: 'start', data: { serviceId: 's1' } }),
    );
    await core.waitFor((message) => message.type === 'action', since);
    expect(core.received.slice(since)).toEqual([
      { type: 'hello', contractVersion: CONTRACT_VERSION },
      { type: 'action', event: 'start', data: { serviceId: 's1' } },
    ]);
    client.socket.close();
    await client.closed;
  });

  it('tells the core when a renderer goes away', async () => {
    const client = await openSocket(host.url, origin);
    client.socket.send(hello);
    await core.waitFor((message) => message.type === 'hello', core.received.length);
    expect(core.connections()).toBe(1);
    client.socket.close();
    await client.closed;
    await expect.poll(() => core.connections()).toBe(0);
  });

  it.each([
    ['not json', 'message is not valid JSON'],
    ['{"type":"dance"}', 'unknown message type "dance"'],
    ['{"type":"action","event":""}', 'action needs an event name'],
    ['{"type":"locale","locale":"fr"}', 'locale must be "zh-CN" or "en"'],
  ])(
    'refuses the bad message %s with a reason and keeps it from the core',
    async (frame, reason) => {
      const client = await openSocket(host.url, origin);
      client.socket.send(hello);
      await core.waitFor((message) => message.type === 'hello', core.received.length);
      const before = core.received.length;
      client.socket.send(frame);
      await expect
        .poll(() => client.messages.find((message) => message.type === 'refused'))
        .toEqual({ type: 'refused', reason: expect.stringContaining(reason) as string });
      expect(core.received.length).toBe(before);
      client.socket.close();
      await client.closed;
    },
  );

  it('refuses anything before hello without connecting the core', async () => {
    const before = core.received.length;
    const client = await openSocket(host.url, origin);
    const answer = client.next();
    client.socket.send(JSON.stringify({ type: 'activity' }));
    expect(await answer).toEqual({
      type: 'refused',
      reason: 'send hello with the contract version first',
    });
    expect(core.received.length).toBe(before);
    client.socket.close();
    await client.closed;
  });

  it('refuses another contract version and closes the socket with a policy error', async () => {
    const client = await openSocket(host.url, origin);
    const answer = client.next();
    client.socket.send(JSON.stringify({ type: 'hello', contractVersion: CONTRACT_VERSION + 1 }));
    expect(await answer).toMatchObject({
      type: 'refused',
      reason: expect.stringContaining('not supported') as string,
    });
    expect(await client.closed).toBe(1008);
  });
});

function sampleSnapshotShape() {
  return {
    inSession: false,
    locale: 'zh-CN' as const,
    screen: {
      id: 'attract',
      layout: 'attract' as const,
      tone: 'neutral' as const,
      title: '欢迎',
      blocks: [],
      actions: [],
    },
    idle: {
      warning: false,
      secondsLeft: null,
      title: '',
      message: '',
      extendLabel: '',
      endLabel: '',
    },
    locales: [],
    largeText: false,
    notices: [],
  };
}
