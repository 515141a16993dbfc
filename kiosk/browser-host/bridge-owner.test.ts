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
import type { KioskSnapshot, ScreenView } from '../contract.ts';
import { silentLogger } from '../core/log.ts';
import { BRIDGE_LIMITS } from './bridge-limits.ts';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from './host.ts';

const RESIDENT_NAME = '张三丰';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-bridge-owner-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opened: BridgeTestSocket[] = [];
afterEach(() => {
  for (const client of opened.splice(0)) client.socket.terminate();
});

/** Opens a socket from the host's own page and says hello; resolves once the core has it. */
async function greet(host: BrowserHost, core: ScriptedCore): Promise<BridgeTestSocket> {
  const client = await openBridgeSocket(host.url, { origin: host.url.slice(0, -1) });
  opened.push(client);
  const since = core.received.length;
  client.socket.send(HELLO);
  await Promise.race([core.waitFor((message) => message.type === 'hello', since), client.closed]);
  return client;
}

async function startHost(
  core: ScriptedCore,
  options: Partial<BrowserHostOptions> = {},
): Promise<BrowserHost> {
  return startBrowserHost({ core, rendererDir: dir, log: silentLogger, ...options });
}

function snapshot(screen: Partial<ScreenView>, inSession: boolean): Omit<KioskSnapshot, 'seq'> {
  return {
    inSession,
    locale: 'en',
    screen: {
      id: 'review',
      layout: 'task',
      tone: 'neutral',
      title: 'Check your details',
      blocks: [{ kind: 'fields', rows: [{ label: 'Name', value: RESIDENT_NAME }] }],
      actions: [{ id: 'confirm', label: 'Confirm', event: 'confirm', kind: 'primary' }],
      ...screen,
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
    largeText: true,
    notices: [],
  };
}

describe('a second screen, by default', () => {
  let core: ScriptedCore;
  let host: BrowserHost;
  beforeAll(async () => {
    core = createScriptedCore();
    host = await startHost(core);
  });
  afterAll(() => host.close());

  it('is refused with a reason and close code 4409 while the first owns the session', async () => {
    const first = await greet(host, core);
    const second = await greet(host, core);
    expect(await within(second.closed, 'the close of the second screen')).toEqual({
      code: 4409,
      reason: 'another screen owns the kiosk session',
    });
    expect(second.messages).toEqual([
      { type: 'refused', reason: expect.stringContaining('only one may') as string },
    ]);
    expect(core.connections()).toBe(1);
    expect(first.socket.readyState).toBe(first.socket.OPEN);
  });

  it('takes over once the first has gone', async () => {
    const first = await greet(host, core);
    first.socket.close();
    await first.closed;
    await waitFor(() => core.connections() === 0, 'the first screen to leave the core');
    const next = await greet(host, core);
    expect(next.socket.readyState).toBe(next.socket.OPEN);
    expect(core.connections()).toBe(1);
  });
});

describe('a second screen when host.secondClient is readOnly', () => {
  let core: ScriptedCore;
  let host: BrowserHost;
  beforeAll(async () => {
    core = createScriptedCore();
    host = await startHost(core, { secondClient: 'readOnly' });
  });
  afterAll(() => host.close());

  it('sees that the kiosk is in use, never the resident screen the owner sees', async () => {
    const owner = await greet(host, core);
    const watcher = await greet(host, core);
    const ownerGot = owner.next('the owner snapshot');
    const watcherGot = watcher.next('the read-only snapshot');
    const shown = core.show(snapshot({}, true));
    expect(await ownerGot).toEqual({ type: 'snapshot', snapshot: shown });
    const view = await watcherGot;
    expect(view).toMatchObject({
      type: 'snapshot',
      snapshot: { seq: shown.seq, screen: { id: 'in-use', actions: [] }, largeText: false },
    });
    expect(JSON.stringify(watcher.messages)).not.toContain(RESIDENT_NAME);
  });

  it('sees the attract screen with nothing to press while the kiosk is free', async () => {
    await greet(host, core);
    const watcher = await greet(host, core);
    const got = watcher.next('the read-only attract snapshot');
    core.show(
      snapshot(
        {
          id: 'attract',
          layout: 'attract',
          title: 'Welcome',
          blocks: [{ kind: 'text', text: 'Touch to start' }],
        },
        false,
      ),
    );
    expect(await got).toMatchObject({
      snapshot: {
        screen: { id: 'attract', actions: [], blocks: [{ kind: 'text', text: 'Touch to start' }] },
      },
    });
  });

  it('cannot act: its messages are refused and never reach the core', async () => {
    await greet(host, core);
    const watcher = await greet(host, core);
    const before = core.received.length;
    watcher.socket.send(JSON.stringify({ type: 'action', event: 'confirm' }));
    const refusal = await waitFor(
      () => watcher.messages.find((message) => message.type === 'refused'),
      'the refusal of a read-only action',
    );
    expect(refusal).toEqual({
      type: 'refused',
      reason: 'this screen is read-only: another screen owns the kiosk session',
    });
    expect(core.received.length).toBe(before);
  });
});

describe('a screen that stops reading', () => {
  it(`is dropped once over ${BRIDGE_LIMITS.maxBufferedBytes} bytes wait for it`, async () => {
    const core = createScriptedCore();
    const warnings: string[] = [];
    const log = {
      ...silentLogger,
      warn: (fields: { reason: string }) => warnings.push(fields.reason),
    };
    const host = await startHost(core, { log: log as unknown as typeof silentLogger });
    try {
      const client = await greet(host, core);
      client.socket.pause();
      // A screenful of text per snapshot; the kernel's socket buffers fill first, then the host's.
      const big = snapshot({ blocks: [{ kind: 'text', text: 'x'.repeat(256 * 1024) }] }, true);
      await waitFor(async () => {
        core.show(big);
        await new Promise((resolve) => setImmediate(resolve));
        return core.connections() === 0;
      }, 'the host to drop a socket that stopped reading');
      expect(warnings).toEqual([expect.stringMatching(/^stopped reading: \d+ bytes unsent$/)]);
    } finally {
      await host.close();
    }
  });

  it('is dropped by the heartbeat even when the kiosk has nothing new to send', async () => {
    const core = createScriptedCore();
    const host = await startHost(core, { bridgeLimits: { heartbeatMs: 50 } });
    try {
      const reading = await greet(host, core);
      reading.socket.close();
      await reading.closed;
      const stalled = await greet(host, core);
      stalled.socket.pause();
      await waitFor(() => core.connections() === 0, 'the heartbeat to drop a paused socket');
    } finally {
      await host.close();
    }
  });

  it('is kept by the heartbeat while it answers pings', async () => {
    const core = createScriptedCore();
    const host = await startHost(core, { bridgeLimits: { heartbeatMs: 20 } });
    try {
      const client = await greet(host, core);
      let pings = 0;
      client.socket.on('ping', () => pings++);
      await waitFor(() => pings >= 5, 'five heartbeat pings');
      expect(client.socket.readyState).toBe(client.socket.OPEN);
      expect(core.connections()).toBe(1);
    } finally {
      await host.close();
    }
  });
});

describe('a burst of core events', () => {
  it('reaches a screen as its latest snapshot, not one frame per event', async () => {
    const core = createScriptedCore();
    const host = await startHost(core);
    try {
      const client = await greet(host, core);
      let last: KioskSnapshot | undefined;
      for (let i = 0; i < 1000; i++) last = core.show(snapshot({ title: `step ${i}` }, true));
      await waitFor(
        () => client.messages.some((m) => m.type === 'snapshot' && m.snapshot.seq === last?.seq),
        'the last snapshot of the burst',
      );
      expect(client.messages.length).toBeLessThan(5);
    } finally {
      await host.close();
    }
  });
});
