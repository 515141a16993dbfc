import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTRACT_VERSION, type CoreMessage, type KioskBridge } from '../contract.ts';
import {
  bridgeToken,
  bridgeUrl,
  connectSocketBridge,
  decodeCoreMessage,
  selectBridge,
  type SocketLike,
} from './bridge.ts';

/** A socket the test opens and closes by hand, recording what the bridge writes. */
class HandSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  deliver(data: unknown): void {
    this.onmessage?.({ data });
  }
}

describe('the WebSocket bridge of the renderer', () => {
  let sockets: HandSocket[];
  const openSocket = (url: string): HandSocket => {
    const socket = new HandSocket(url);
    sockets.push(socket);
    return socket;
  };

  beforeEach(() => {
    sockets = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says hello with the contract version as soon as the socket opens', () => {
    connectSocketBridge('ws://kiosk/bridge', { openSocket });
    sockets[0]?.open();
    expect(sockets[0]?.sent).toEqual([
      JSON.stringify({ type: 'hello', contractVersion: CONTRACT_VERSION }),
    ]);
  });

  it('reports the connection going up and down', () => {
    const bridge = connectSocketBridge('ws://kiosk/bridge', { openSocket });
    const seen: boolean[] = [];
    bridge.onConnection((connected) => seen.push(connected));
    sockets[0]?.open();
    sockets[0]?.drop();
    expect(seen).toEqual([false, true, false]);
  });

  it('drops messages sent while the socket is down instead of replaying them later', () => {
    const bridge = connectSocketBridge('ws://kiosk/bridge', { openSocket });
    bridge.send({ type: 'action', event: 'print.confirm' });
    sockets[0]?.open();
    expect(sockets[0]?.sent.map((frame) => (JSON.parse(frame) as { type: string }).type)).toEqual([
      'hello',
    ]);
  });

  it('reconnects with a growing delay and says hello again', () => {
    connectSocketBridge('ws://kiosk/bridge', { openSocket, retryMs: 100, maxRetryMs: 300 });
    sockets[0]?.drop();
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]?.drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]?.open();
    expect(sockets[2]?.sent).toHaveLength(1);
  });

  it('stops reconnecting once closed', () => {
    const bridge = connectSocketBridge('ws://kiosk/bridge', { openSocket, retryMs: 100 });
    sockets[0]?.open();
    bridge.close();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });

  it('keeps messages that arrive before anyone listens for the first listener', () => {
    const bridge = connectSocketBridge('ws://kiosk/bridge', { openSocket });
    sockets[0]?.open();
    sockets[0]?.deliver('{"type":"refused","reason":"early"}');
    const got: CoreMessage[] = [];
    bridge.onMessage((message) => got.push(message));
    sockets[0]?.deliver('{"type":"refused","reason":"late"}');
    expect(got).toEqual([
      { type: 'refused', reason: 'early' },
      { type: 'refused', reason: 'late' },
    ]);
  });

  it('passes core messages to listeners and ignores frames it cannot read', () => {
    const bridge = connectSocketBridge('ws://kiosk/bridge', { openSocket });
    const got: CoreMessage[] = [];
    bridge.onMessage((message) => got.push(message));
    sockets[0]?.open();
    sockets[0]?.deliver('{"type":"refused","reason":"bad"}');
    sockets[0]?.deliver('not json');
    sockets[0]?.deliver('{"type":"other"}');
    expect(got).toEqual([{ type: 'refused', reason: 'bad' }]);
  });
});

describe('choosing the bridge', () => {
  it('uses the Electron preload when it exists, listening before it says hello', () => {
    const sent: unknown[] = [];
    let deliver: (message: CoreMessage) => void = () => undefined;
    const preload: KioskBridge = {
      send(message) {
        sent.push(message);
        if (message.type === 'hello') deliver({ type: 'refused', reason: 'answer to hello' });
      },
      onMessage(listener) {
        deliver = listener;
        return () => undefined;
      },
    };
    const bridge = selectBridge({
      kiosk24: preload,
      location: { protocol: 'http:', host: 'x' },
    });
    const got: CoreMessage[] = [];
    bridge.onMessage((message) => got.push(message));
    expect(got).toEqual([{ type: 'refused', reason: 'answer to hello' }]);
    bridge.send({ type: 'activity' });
    expect(sent).toEqual([
      { type: 'hello', contractVersion: CONTRACT_VERSION },
      { type: 'activity' },
    ]);
  });

  it('offers the kiosk24 subprotocol, and the token as a second one when the host gave one', () => {
    const offered: string[][] = [];
    const record = (url: string, protocols: string[]): SocketLike => {
      offered.push(protocols);
      return new HandSocket(url);
    };
    connectSocketBridge('ws://kiosk/bridge', { openSocket: record }).close();
    connectSocketBridge('ws://kiosk/bridge', { openSocket: record, token: 'abc' }).close();
    expect(offered).toEqual([['kiosk24'], ['kiosk24', 'kiosk24.token.abc']]);
  });

  it('reads the bridge token from the page fragment, and nothing from an empty one', () => {
    expect(bridgeToken('#bridge-token=9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c')).toBe(
      '9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c',
    );
    expect(bridgeToken('#other=1&bridge-token=t-1')).toBe('t-1');
    expect(bridgeToken('')).toBeUndefined();
    expect(bridgeToken('#bridge-token=')).toBeUndefined();
    expect(bridgeToken(undefined)).toBeUndefined();
  });

  it('builds the socket URL on the page’s own origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/bridge',
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'kiosk.local' })).toBe('wss://kiosk.local/bridge');
  });
});

describe('reading a frame from the core', () => {
  it('accepts snapshots and refusals and nothing else', () => {
    expect(decodeCoreMessage('{"type":"snapshot","snapshot":{}}')).toEqual({
      type: 'snapshot',
      snapshot: {},
    });
    expect(decodeCoreMessage('{"type":"snapshot"}')).toBeNull();
    expect(decodeCoreMessage('{"type":"refused"}')).toBeNull();
    expect(decodeCoreMessage(new ArrayBuffer(2))).toBeNull();
    expect(decodeCoreMessage('null')).toBeNull();
  });
});
