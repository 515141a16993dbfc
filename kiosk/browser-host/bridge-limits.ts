/**
 * The bounds of the WebSocket bridge. The kiosk serves one resident screen; everything past a
 * few sockets, a person's tapping speed or a screenful of unread data is a fault or an attack,
 * and must cost the kiosk nothing but the refusal.
 */

/** The bridge's limits; tests and the bench may shrink them, the kiosk uses {@link BRIDGE_LIMITS}. */
export interface BridgeLimits {
  /** Open sockets at once; the next upgrade is answered 503. */
  maxConnections: number;
  /** The largest frame a renderer may send; a larger one closes its socket (1009). */
  maxFrameBytes: number;
  /** Unsent bytes queued for one socket; past this the peer has stopped reading and is dropped. */
  maxBufferedBytes: number;
  /** Messages a socket may send per second, sustained. */
  messagesPerSecond: number;
  /** Messages a socket may send at once before the sustained rate applies. */
  messageBurst: number;
  /** How long a new socket has to say hello before it is closed. */
  helloTimeoutMs: number;
  /** How often every socket is pinged; one that has not answered the last ping is dropped. */
  heartbeatMs: number;
}

/** The limits the kiosk runs with. */
export const BRIDGE_LIMITS: Readonly<BridgeLimits> = {
  // The owner, a few read-only screens and a reconnect overlapping its old socket: 8 is plenty,
  // and keeps a flood of sockets from holding memory or file descriptors.
  maxConnections: 8,
  // Renderer messages are a few hundred bytes (an event name and flat data of <=256-char values).
  maxFrameBytes: 64 * 1024,
  // About twenty snapshots. A reading peer on the kiosk drains it in milliseconds; one that
  // holds this much has stopped reading, and queueing more would only grow the kiosk's memory.
  maxBufferedBytes: 1024 * 1024,
  // A person taps a few times a second and the renderer reports activity at most once a second;
  // 20 a second sustained, with bursts of 40, is far above that and far below a flood.
  messagesPerSecond: 20,
  messageBurst: 40,
  // The renderer says hello as soon as its socket opens; a socket that does not is holding a
  // connection slot for nothing.
  helloTimeoutMs: 10_000,
  // Finds a peer that vanished without closing (a remote screen's network dropped) so its
  // ownership of the session is released within two intervals, and a peer that stopped reading
  // (its pongs queue behind unread data) even when the kiosk has nothing new to send it.
  heartbeatMs: 15_000,
};

/** Close codes the bridge ends a socket with; the reason text says the rest. */
export const BRIDGE_CLOSE = {
  /** Broke a rule: no hello in time, a wrong contract version, too many messages. */
  policy: 1008,
  /** Another screen owns the kiosk session and this host refuses a second one. */
  secondClient: 4409,
} as const;
