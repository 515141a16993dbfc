import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import {
  CONTRACT_VERSION,
  parseRendererMessage,
  type CoreEndpoint,
  type CoreMessage,
  type KioskSnapshot,
} from '../contract.ts';
import { BRIDGE_CLOSE, type BridgeLimits } from './bridge-limits.ts';
import { readOnlyView } from './read-only-view.ts';

/**
 * One renderer socket of the bridge: its rate limit, its role (owner of the resident session or
 * read-only), and its outgoing queue. The queue holds at most the latest snapshot plus a few
 * refusals, so a burst of core events costs one serialisation per socket, not one per event, and
 * a socket whose peer stopped reading is dropped instead of buffering without end.
 */

/** Refusals queued for one socket at most; they answer its own messages, which are rate-limited. */
const MAX_PENDING_REFUSALS = 16;

/** What a socket is to the kiosk: not yet greeted, the owner of the session, or read-only. */
export type ClientRole = 'waiting' | 'owner' | 'readOnly';

/** What a client needs from the bridge that holds it. */
export interface ClientHost {
  core: CoreEndpoint;
  limits: BridgeLimits;
  log: Pick<Logger, 'warn' | 'info'>;
  /** Decides the role of a client that said hello, or refuses it with a reason. */
  claim(client: BridgeClient): 'owner' | 'readOnly' | { refused: string };
  /** Called once, when the socket has closed. */
  release(client: BridgeClient): void;
}

/** Serialised snapshots, shared by every socket that is sent the same one. */
const ownerText = new WeakMap<KioskSnapshot, string>();
const readOnlyText = new WeakMap<KioskSnapshot, string>();

function snapshotText(snapshot: KioskSnapshot, readOnly: boolean): string {
  const cache = readOnly ? readOnlyText : ownerText;
  let text = cache.get(snapshot);
  if (text === undefined) {
    const shown = readOnly ? readOnlyView(snapshot) : snapshot;
    text = JSON.stringify({ type: 'snapshot', snapshot: shown } satisfies CoreMessage);
    cache.set(snapshot, text);
  }
  return text;
}

/** A renderer socket tied to the core once it has said hello. */
export class BridgeClient {
  role: ClientRole = 'waiting';
  /** Cleared when a ping goes out, set again by the pong. */
  alive = true;
  private session: ReturnType<CoreEndpoint['connect']> | null = null;
  private snapshot: KioskSnapshot | null = null;
  private refusals: CoreMessage[] = [];
  private flushTimer: NodeJS.Immediate | null = null;
  private allowance: number;
  private refilledAt = performance.now();
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    readonly ws: WebSocket,
    private readonly host: ClientHost,
  ) {
    this.allowance = host.limits.messageBurst;
    this.helloTimer = setTimeout(
      () => this.end(BRIDGE_CLOSE.policy, 'no hello in time'),
      host.limits.helloTimeoutMs,
    );
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => {
      clearTimeout(this.helloTimer);
      if (this.flushTimer !== null) clearImmediate(this.flushTimer);
      this.session?.disconnect();
      this.session = null;
      this.snapshot = null;
      host.release(this);
    });
    // A socket error is always followed by 'close', which tells the core.
    ws.on('error', () => undefined);
  }

  /** Closes with a code and a reason the peer sees, after what is queued for it. */
  end(code: number, reason: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.flush();
    this.host.log.info({ code, reason, role: this.role }, 'bridge closed a renderer socket');
    this.ws.close(code, reason);
  }

  /** Cuts the socket at once: a peer that does not read would never see a close frame. */
  drop(reason: string): void {
    this.host.log.warn({ reason, role: this.role }, 'bridge dropped a renderer socket');
    this.ws.terminate();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (!this.takeAllowance()) {
      return this.end(
        BRIDGE_CLOSE.policy,
        `more than ${this.host.limits.messagesPerSecond} messages a second`,
      );
    }
    if (isBinary) return this.refuse('binary frames are not accepted; send JSON text');
    let raw: unknown;
    try {
      raw = JSON.parse(rawText(data));
    } catch {
      // Reported to the peer; nothing else to do with a frame that is not JSON.
      return this.refuse('message is not valid JSON');
    }
    const parsed = parseRendererMessage(raw);
    if (!parsed.ok) return this.refuse(parsed.reason);
    const message = parsed.message;
    if (this.role === 'waiting') {
      if (message.type !== 'hello')
        return this.refuse('send hello with the contract version first');
      if (message.contractVersion !== CONTRACT_VERSION) {
        this.refuse(
          `contract version ${message.contractVersion} is not supported; this host speaks ${CONTRACT_VERSION}, reload the renderer`,
        );
        return this.end(BRIDGE_CLOSE.policy, 'contract version mismatch');
      }
      const claim = this.host.claim(this);
      if (typeof claim === 'object') {
        this.refuse(claim.refused);
        return this.end(BRIDGE_CLOSE.secondClient, 'another screen owns the kiosk session');
      }
      clearTimeout(this.helloTimer);
      this.role = claim;
      this.session = this.host.core.connect((reply) => this.enqueue(reply));
      // The core sees the same stream Electron would pass it, hello included.
      this.session.receive(message);
      return;
    }
    if (message.type === 'hello')
      return this.refuse('hello was already received on this connection');
    if (this.role === 'readOnly') {
      return this.refuse('this screen is read-only: another screen owns the kiosk session');
    }
    this.session?.receive(message);
  }

  /** Token bucket: `messageBurst` at once, refilled at `messagesPerSecond`. */
  private takeAllowance(): boolean {
    const { messagesPerSecond, messageBurst } = this.host.limits;
    const now = performance.now();
    const refill = ((now - this.refilledAt) / 1000) * messagesPerSecond;
    this.allowance = Math.min(messageBurst, this.allowance + refill);
    this.refilledAt = now;
    if (this.allowance < 1) return false;
    this.allowance -= 1;
    return true;
  }

  private refuse(reason: string): void {
    this.enqueue({ type: 'refused', reason });
  }

  /** Queues a message; of snapshots only the latest is kept, since it replaces every earlier one. */
  private enqueue(message: CoreMessage): void {
    if (message.type === 'snapshot') this.snapshot = message.snapshot;
    else if (this.refusals.length < MAX_PENDING_REFUSALS) this.refusals.push(message);
    this.flushTimer ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.flushTimer !== null) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.host.limits.maxBufferedBytes) {
      return this.drop(`stopped reading: ${this.ws.bufferedAmount} bytes unsent`);
    }
    for (const refusal of this.refusals.splice(0)) this.ws.send(JSON.stringify(refusal));
    const snapshot = this.snapshot;
    this.snapshot = null;
    if (snapshot !== null) this.ws.send(snapshotText(snapshot, this.role === 'readOnly'));
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
