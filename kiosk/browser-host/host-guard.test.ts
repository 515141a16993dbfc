import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../../test/support/bridge-client.ts';
import { createScriptedCore } from '../../test/support/browser.ts';
import { within } from '../../test/support/time.ts';
import type { SimulatorControl } from '../core/simulator-control.ts';
import { startBrowserHost, type BrowserHost } from './host.ts';
import { isLoopbackPeer, originForHost } from './request-host.ts';

/** A simulator that records every call by name and answers each with an empty success. */
function recordingSimulator(): { sim: SimulatorControl; calls: string[] } {
  const calls: string[] = [];
  const sim = new Proxy(
    {},
    {
      get:
        (_target, name) =>
        (...args: unknown[]) => {
          calls.push(`${String(name)}(${JSON.stringify(args)})`);
          return Promise.resolve({ cards: [], insertedCard: null, devices: [] });
        },
    },
  ) as SimulatorControl;
  return { sim, calls };
}

/** Sends a bare HTTP/1.0 request with no Host header and returns the status line. */
function statusWithoutHost(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.write('GET / HTTP/1.0\r\n\r\n');
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  return within(
    new Promise((resolve) => socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''))),
    'the answer to a request without a Host header',
  );
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-guard-'));
  mkdirSync(join(dir, 'sim-panel'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(dir, 'sim-panel', 'index.html'), '<!doctype html><title>panel</title>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Host header check', () => {
  let host: BrowserHost;
  let port: string;
  beforeAll(async () => {
    host = await startBrowserHost({
      core: createScriptedCore(),
      rendererDir: dir,
      hostName: 'kiosk-0107.zwfw.example.gov.cn',
      sim: recordingSimulator().sim,
    });
    port = new URL(host.url).port;
  });
  afterAll(() => host.close());

  it.each([
    ['a rebinding attacker name', 'attacker.example'],
    ['a loopback address on another port', '127.0.0.1:1'],
    ['the configured name on another port', 'kiosk-0107.zwfw.example.gov.cn:1'],
    ['a name with user info', 'user@127.0.0.1'],
  ])('refuses %s with 421 before serving anything', async (_what, name) => {
    const hostHeader = name.includes(':') ? name : `${name}:${port}`;
    for (const path of ['/', '/sim/state', '/sim']) {
      const response = await httpRequest(host.url, path, { host: hostHeader });
      expect(response.status).toBe(421);
      expect(response.body).toContain('this host name is not served here');
      expect(response.body).not.toContain('<title>');
    }
  });

  it.each(['127.0.0.1', 'localhost', '[::1]', '127.0.0.2', 'kiosk-0107.zwfw.example.gov.cn'])(
    'serves the page to Host %s with the bound port',
    async (name) => {
      const response = await httpRequest(host.url, '/', { host: `${name}:${port}` });
      expect(response.status).toBe(200);
      expect(response.body).toContain('<title>kiosk</title>');
    },
  );

  it('refuses a request that names no host at all', async () => {
    expect(await statusWithoutHost(host.url)).toMatch(/^HTTP\/1\.[01] 421 /);
  });
});

describe('a production browser host', () => {
  let host: BrowserHost;
  let calls: string[];
  beforeAll(async () => {
    const recording = recordingSimulator();
    calls = recording.calls;
    // Even when a caller passes a simulator by mistake, production attaches none.
    host = await startBrowserHost({
      core: createScriptedCore(),
      rendererDir: dir,
      production: true,
      sim: recording.sim,
    });
  });
  afterAll(() => host.close());

  it.each([
    ['GET', '/sim'],
    ['GET', '/sim/state'],
    ['POST', '/sim/card/insert'],
    ['POST', '/sim/fault'],
    ['GET', '/sim-panel/index.html'],
  ])('answers %s %s with 404 and never reaches the simulator', async (method, path) => {
    const origin = host.url.slice(0, -1);
    const response = await httpRequest(
      host.url,
      path,
      { origin, 'content-type': 'application/json' },
      method,
    );
    expect(response.status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('still serves the renderer', async () => {
    expect((await httpRequest(host.url, '/')).status).toBe(200);
  });

  it('hands the kiosk window the same page when no token is set', () => {
    expect(host.windowUrl).toBe(host.url);
  });
});

describe('originForHost', () => {
  const names = { port: 8024, bind: '127.0.0.1', name: 'kiosk.example' };

  it('gives the origin of an accepted host, normalised', () => {
    expect(originForHost('127.0.0.1:8024', names)).toBe('http://127.0.0.1:8024');
    expect(originForHost('LOCALHOST:8024', names)).toBe('http://localhost:8024');
    expect(originForHost('Kiosk.Example:8024', names)).toBe('http://kiosk.example:8024');
  });

  it('reads a missing port as 80', () => {
    expect(originForHost('localhost', names)).toBeUndefined();
    expect(originForHost('localhost', { ...names, port: 80 })).toBe('http://localhost');
  });

  it('accepts a specific bound address, but not a wildcard one', () => {
    expect(originForHost('10.1.2.3:8024', { ...names, bind: '10.1.2.3' })).toBe(
      'http://10.1.2.3:8024',
    );
    expect(originForHost('0.0.0.0:8024', { ...names, bind: '0.0.0.0' })).toBeUndefined();
  });

  it.each([undefined, '', 'kiosk.example:8024/x', 'a b:8024', '::1:8024', 'x'.repeat(400)])(
    'refuses the malformed header %j',
    (header) => {
      expect(originForHost(header, names)).toBeUndefined();
    },
  );
});

describe('isLoopbackPeer', () => {
  it('knows this machine in IPv4, IPv6 and IPv4-mapped form, and nothing else', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(isLoopbackPeer)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['192.168.1.7', '::ffff:10.0.0.2', undefined].map(isLoopbackPeer)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
