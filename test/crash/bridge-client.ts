import WebSocket from 'ws';
import {
  BRIDGE_PATH,
  CONTRACT_VERSION,
  type ActionView,
  type CoreMessage,
  type KioskSnapshot,
} from '../../kiosk/contract.ts';
import { budget } from '../support/time.ts';

/**
 * The renderer's side of the bridge, spoken by the crash suite over the browser host's
 * WebSocket: it says hello, keeps the latest snapshot, and presses the actions the current
 * screen offers. Every wait has a timeout whose error names what was awaited.
 */

/** Thrown by a wait when the connection closed: the kiosk was killed (or died). */
export class BridgeClosed extends Error {}

interface Waiter {
  test: (snapshot: KioskSnapshot) => boolean;
  resolve: (snapshot: KioskSnapshot) => void;
  reject: (error: Error) => void;
}

/** A connected renderer. */
export class BridgeClient {
  #latest: KioskSnapshot | undefined;
  #closed = false;
  readonly #waiters = new Set<Waiter>();

  private constructor(
    private readonly ws: WebSocket,
    /** The browser host's URL, ending in a slash. */
    readonly url: string,
  ) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as CoreMessage;
      if (message.type !== 'snapshot') return;
      if (this.#latest !== undefined && message.snapshot.seq <= this.#latest.seq) return;
      this.#latest = message.snapshot;
      for (const waiter of [...this.#waiters]) {
        if (waiter.test(message.snapshot)) {
          this.#waiters.delete(waiter);
          waiter.resolve(message.snapshot);
        }
      }
    });
    ws.on('close', () => {
      this.#closed = true;
      for (const waiter of this.#waiters) waiter.reject(new BridgeClosed('the bridge closed'));
      this.#waiters.clear();
    });
    ws.on('error', () => undefined);
  }

  /**
   * Connects to the host at `url` (with its own origin, as the renderer page has) and says
   * hello; `timeoutMs` is an idle-desktop figure, stretched by the time scale.
   */
  static async connect(url: string, timeoutMs = 10_000): Promise<BridgeClient> {
    const origin = new URL(url).origin;
    const ws = new WebSocket(new URL(BRIDGE_PATH, url), {
      origin,
      handshakeTimeout: budget(timeoutMs),
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', (error) =>
        reject(new BridgeClosed(`bridge did not open: ${error.message}`)),
      );
    });
    const client = new BridgeClient(ws, url);
    ws.send(JSON.stringify({ type: 'hello', contractVersion: CONTRACT_VERSION }));
    return client;
  }

  /** The latest snapshot, if one came. */
  get snapshot(): KioskSnapshot | undefined {
    return this.#latest;
  }

  /** Waits for a snapshot showing one of `screens`; resolves with it. */
  async screen(screens: readonly string[], timeoutMs = 15_000): Promise<KioskSnapshot> {
    return this.until(
      (s) => screens.includes(s.screen.id),
      `screen ${screens.join(' or ')}`,
      timeoutMs,
    );
  }

  /**
   * Waits for a snapshot passing `test`; the timeout error names `what` and the last screen.
   * `timeoutMs` is an idle-desktop figure, stretched by the time scale.
   */
  until(
    test: (snapshot: KioskSnapshot) => boolean,
    what: string,
    timeoutMs: number,
  ): Promise<KioskSnapshot> {
    const limit = budget(timeoutMs);
    if (this.#latest !== undefined && test(this.#latest)) return Promise.resolve(this.#latest);
    if (this.#closed) return Promise.reject(new BridgeClosed(`the bridge closed before ${what}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const last = this.#latest?.screen.id ?? 'none';
        reject(new Error(`timed out after ${limit} ms waiting for ${what} (last screen: ${last})`));
      }, limit);
      const waiter: Waiter = {
        test,
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.#waiters.add(waiter);
    });
  }

  /** Presses the enabled action with id `actionId` on the current screen (actions and blocks). */
  press(actionId: string): void {
    const screen = this.#latest?.screen;
    const action =
      screen === undefined ? undefined : findAction(screen.actions, screen.blocks, actionId);
    if (action === undefined || action.disabled === true) {
      throw new Error(
        `screen ${screen?.id ?? 'none'} offers no enabled action "${actionId}"${action?.disabledReason ? ` (${action.disabledReason})` : ''}`,
      );
    }
    if (this.#closed) throw new BridgeClosed(`the bridge closed before pressing ${actionId}`);
    const message = {
      type: 'action',
      event: action.event,
      ...(action.data ? { data: action.data } : {}),
    };
    this.ws.send(JSON.stringify(message));
  }

  /** POSTs to the simulator control API; throws with the answer on a non-2xx status. */
  async sim(path: string, body: unknown = {}): Promise<{ status: number; text: string }> {
    const response = await fetch(new URL(`sim/${path}`, this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(this.url).origin },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(budget(10_000)),
    });
    return { status: response.status, text: await response.text() };
  }

  /** Closes the connection. */
  close(): void {
    this.ws.terminate();
  }
}

function findAction(
  actions: readonly ActionView[],
  blocks: KioskSnapshot['screen']['blocks'],
  id: string,
): ActionView | undefined {
  const found = actions.find((a) => a.id === id);
  if (found) return found;
  for (const block of blocks) {
    const options =
      block.kind === 'choices' ? block.choices : block.kind === 'rating' ? block.options : [];
    const match = options.find((a) => a.id === id);
    if (match) return match;
  }
  return undefined;
}
