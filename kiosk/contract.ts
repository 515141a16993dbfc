/**
 * The one contract between the renderer and the core. Every message that crosses the bridge
 * (Electron IPC or the browser host's WebSocket) is listed here; both hosts implement it and
 * nothing else crosses. The core sends ready-to-draw snapshots (text already localised,
 * personal data already masked); the renderer sends back what the person touched.
 */

/** Locales the kiosk can show. */
export type Locale = 'zh-CN' | 'en';

/** Bump when a message shape changes; both ends refuse a peer with another version. */
export const CONTRACT_VERSION = 1;

/** The IPC channel names used by Electron (the browser host uses one WebSocket path). */
export const CHANNELS = {
  /** renderer → main: a `RendererMessage`. */
  toCore: 'kiosk24:to-core',
  /** main → renderer: a `CoreMessage`. */
  toRenderer: 'kiosk24:to-renderer',
} as const;

/** The WebSocket path the browser host serves the bridge on. */
export const BRIDGE_PATH = '/bridge';

/** The WebSocket subprotocol the renderer offers and the browser host selects. */
export const BRIDGE_PROTOCOL = 'kiosk24';

/**
 * A second subprotocol, `kiosk24.token.<token>`, carries the bridge token when the host has one:
 * a browser's WebSocket cannot send headers, and a subprotocol is checked before the upgrade,
 * stays out of URLs and access logs, and is never echoed back (the host selects {@link BRIDGE_PROTOCOL}).
 */
export const BRIDGE_TOKEN_PROTOCOL_PREFIX = 'kiosk24.token.';

/** The URL fragment key (`#bridge-token=...`) that hands the token to the kiosk's own page. */
export const BRIDGE_TOKEN_FRAGMENT = 'bridge-token';

/** A button or touch target that sends an event to the core. */
export interface ActionView {
  /** Stable id for tests and accessibility (e.g. `next`, `cancel`). */
  id: string;
  label: string;
  /** The event the core receives when it is pressed. */
  event: string;
  /** Extra event data, e.g. `{ serviceId: 'si-certificate' }`. */
  data?: Record<string, string | number | boolean>;
  kind: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  /** Why the action is disabled, spoken and shown under it. */
  disabledReason?: string;
}

/** One labelled value on a review screen. */
export interface FieldView {
  label: string;
  value: string;
}

/** The building blocks a screen is made of. The renderer draws each kind; it invents none. */
export type BlockView =
  | { kind: 'text'; text: string; emphasis?: 'normal' | 'strong' | 'hint' }
  | { kind: 'fields'; rows: FieldView[] }
  | { kind: 'choices'; choices: ActionView[] }
  | {
      kind: 'illustration';
      name:
        | 'insert-card'
        | 'scan-qr'
        | 'printing'
        | 'take-receipt'
        | 'take-document'
        | 'error'
        | 'success'
        | 'waiting';
      alt: string;
    }
  | { kind: 'progress'; text: string }
  | { kind: 'rating'; options: ActionView[] }
  | { kind: 'ticket'; number: string; text: string }
  | ListBlockView
  | EntryBlockView
  | QrBlockView;

/**
 * One row of a list a flow filled from data (halls, guides, licences, progress steps). `title`
 * and `lines` are ready to draw (localised, masked). `action` is what touching the row sends;
 * rows of a display-only list have none.
 */
export interface ListItemView {
  id: string;
  title: string;
  lines: string[];
  /** For `style: 'steps'`: where the step stands. */
  state?: 'done' | 'current' | 'todo';
  /** For `style: 'checklist'`: whether the row is ticked. */
  selected?: boolean;
  action?: ActionView;
}

/**
 * A list of rows. `choices`: touch one to pick it; `checklist`: touch to tick or untick (many);
 * `steps`: a progress timeline, display only; `plain`: display only.
 */
export interface ListBlockView {
  kind: 'list';
  style: 'plain' | 'choices' | 'checklist' | 'steps';
  items: ListItemView[];
  /** Shown instead of the rows when there are none. */
  empty?: string;
}

/**
 * Which on-screen pad an entry block draws and which characters the core accepts from it.
 * The core checks every submitted value against the pad's characters and length; the pad only
 * helps the person type it.
 */
export type EntryPad = 'digits' | 'alphanumeric' | 'credit-code';

/**
 * A text field typed on a pad drawn by the kiosk (never the operating system's keyboard).
 * Submitting sends `event` with data `{ value }`; the core refuses a value outside the pad's
 * characters or the length bounds.
 */
export interface EntryBlockView {
  kind: 'entry';
  pad: EntryPad;
  label: string;
  event: string;
  submitLabel: string;
  minLength: number;
  maxLength: number;
  /** A hint under the field, e.g. where the number is printed. */
  hint?: string;
}

/** A QR code drawn on screen (navigation, remote help, progress), with a caption. */
export interface QrBlockView {
  kind: 'qr';
  /** What the code encodes; never personal data. */
  text: string;
  caption: string;
}

/** A countdown shown while a screen waits for the resident (card, code, a choice). */
export interface CountdownView {
  /** Seconds left when the snapshot was made; the renderer counts down from it locally. */
  seconds: number;
  label: string;
}

/**
 * Help (帮办) offered on every screen: the 12345 hotline, a QR for remote help, and calling the
 * staff of the hall (the `help.call` kiosk event sends a help request through the outbox).
 */
export interface HelpView {
  buttonLabel: string;
  title: string;
  hotline: string;
  hotlineLabel: string;
  remoteHelpUrl: string;
  remoteHelpCaption: string;
  callStaffLabel: string;
  /** After a call: what the kiosk says about it (sent, or queued while the platform is away). */
  staffCalled: string | null;
  closeLabel: string;
}

/** Everything needed to draw one screen. */
export interface ScreenView {
  /** Stable screen id (`attract`, `menu`, `insert-card`, …) used by tests and the journal. */
  id: string;
  layout: 'attract' | 'menu' | 'task' | 'message' | 'rating' | 'maintenance';
  tone: 'neutral' | 'success' | 'warning' | 'error';
  title: string;
  subtitle?: string;
  blocks: BlockView[];
  actions: ActionView[];
  /** Set while the screen waits for the resident with a time limit. */
  countdown?: CountdownView;
}

/** The idle-timeout state shown as a warning dialog before a session ends. */
export interface IdleView {
  warning: boolean;
  /** Seconds until the session ends, while the warning is shown. */
  secondsLeft: number | null;
  title: string;
  message: string;
  extendLabel: string;
  endLabel: string;
}

/** The whole picture the renderer draws; sent after every change. */
export interface KioskSnapshot {
  /** Increases with every snapshot; the renderer drops any older than what it has. */
  seq: number;
  /** True while a resident session is open (any screen but attract). */
  inSession: boolean;
  locale: Locale;
  screen: ScreenView;
  idle: IdleView;
  /** Language choices shown in the corner of every screen. */
  locales: { locale: Locale; label: string }[];
  /** Large-text mode for residents with low vision. */
  largeText: boolean;
  /** Speech mode: every screen is spoken when it appears (long press on the speaker button). */
  speechMode?: boolean;
  /** Short notice of services out of service, shown on attract and menu. */
  notices: string[];
  /** Help offered on every screen; absent while maintenance is open. */
  help?: HelpView;
}

/** Renderer → core. */
export type RendererMessage =
  | { type: 'hello'; contractVersion: number }
  | { type: 'action'; event: string; data?: Record<string, string | number | boolean> }
  | { type: 'locale'; locale: Locale }
  | { type: 'large-text'; on: boolean }
  /** Any touch or key press, so the idle timer restarts; carries no content. */
  | { type: 'activity' }
  | { type: 'idle.extend' }
  | { type: 'idle.end' };

/** Core → renderer. */
export type CoreMessage =
  { type: 'snapshot'; snapshot: KioskSnapshot } | { type: 'refused'; reason: string };

/** The renderer's view of a bridge, implemented by the preload (Electron) and by a WebSocket client. */
export interface KioskBridge {
  send(message: RendererMessage): void;
  onMessage(listener: (message: CoreMessage) => void): () => void;
}

/** Validates an untrusted message from a renderer; returns it typed, or a reason it was refused. */
export function parseRendererMessage(
  raw: unknown,
): { ok: true; message: RendererMessage } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null)
    return { ok: false, reason: 'message is not an object' };
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'hello':
      return typeof m.contractVersion === 'number'
        ? { ok: true, message: { type: 'hello', contractVersion: m.contractVersion } }
        : { ok: false, reason: 'hello needs a numeric contractVersion' };
    case 'action': {
      if (typeof m.event !== 'string' || m.event.length === 0 || m.event.length > 64) {
        return { ok: false, reason: 'action needs an event name of 1-64 characters' };
      }
      if (m.data === undefined) {
        const wrong = kioskEventDataProblem(m.event, {});
        return wrong
          ? { ok: false, reason: wrong }
          : { ok: true, message: { type: 'action', event: m.event } };
      }
      if (typeof m.data !== 'object' || m.data === null || Array.isArray(m.data)) {
        return { ok: false, reason: 'action data must be a flat object' };
      }
      const data: Record<string, string | number | boolean> = {};
      for (const [key, value] of Object.entries(m.data)) {
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          return { ok: false, reason: `action data "${key}" must be a string, number or boolean` };
        }
        if (typeof value === 'string' && value.length > 256) {
          return { ok: false, reason: `action data "${key}" is longer than 256 characters` };
        }
        data[key] = value;
      }
      const wrong = kioskEventDataProblem(m.event, data);
      if (wrong) return { ok: false, reason: wrong };
      return { ok: true, message: { type: 'action', event: m.event, data } };
    }
    case 'locale':
      return m.locale === 'zh-CN' || m.locale === 'en'
        ? { ok: true, message: { type: 'locale', locale: m.locale } }
        : { ok: false, reason: 'locale must be "zh-CN" or "en"' };
    case 'large-text':
      return typeof m.on === 'boolean'
        ? { ok: true, message: { type: 'large-text', on: m.on } }
        : { ok: false, reason: 'large-text needs a boolean "on"' };
    case 'activity':
    case 'idle.extend':
    case 'idle.end':
      return { ok: true, message: { type: m.type } };
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(m.type)}` };
  }
}

/**
 * The data each of the kiosk's own events carries, checked before the core sees it; flow events
 * carry what their screen offered, which the core's event gate compares exactly.
 */
const KIOSK_EVENT_DATA: Record<string, Record<string, (value: unknown) => boolean>> = {
  'session.start': {},
  'session.end': {},
  'help.call': {},
  'maintenance.request': {},
  'rating.skip': {},
  // The speaker button and its controls: speak the screen, repeat, stop, louder, quieter.
  'speech.request': {},
  'speech.repeat': {},
  'speech.stop': {},
  'speech.louder': {},
  'speech.quieter': {},
  'speech.mode': { on: (v) => typeof v === 'boolean' },
  'service.chosen': {
    serviceId: (v) => typeof v === 'string' && /^[a-z][a-z0-9-]{2,63}$/.test(v),
  },
  'rating.chosen': {
    score: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5,
  },
};

function kioskEventDataProblem(
  event: string,
  data: Record<string, string | number | boolean>,
): string | undefined {
  if (!Object.hasOwn(KIOSK_EVENT_DATA, event)) return undefined;
  const fields = KIOSK_EVENT_DATA[event] ?? {};
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(fields, key)) return `${event} carries no "${key}"`;
  }
  for (const [key, valid] of Object.entries(fields)) {
    if (!valid(data[key])) return `${event} needs a valid "${key}"`;
  }
  return undefined;
}

/** What a host (Electron main or the browser host) needs from the core. */
export interface CoreEndpoint {
  /** Registers a connected renderer; returns the function to call when it disconnects. */
  connect(send: (message: CoreMessage) => void): {
    receive(message: RendererMessage): void;
    disconnect(): void;
  };
}

/** Receipt paper as the simulator can set it. */
export type ReceiptPaperState = 'ok' | 'near-end' | 'out';

/** A4 paper as the simulator can set it. */
export type DocumentPaperState = 'ok' | 'low' | 'out';

/** The devices a simulated fault can be injected into. */
export type FaultTarget = 'idcard' | 'receipt' | 'document' | 'platform';

/**
 * One device's line on the simulator panel: a driver's device state as it arrives over JSON.
 * Spelled out here rather than imported so the renderer depends on this file alone.
 */
export interface SimulatedDeviceView {
  id: string;
  deviceClass: string;
  status: string;
  /** Supply states by name, e.g. `{ paper: 'low' }`. */
  supplies: Record<string, string>;
  detail: string;
  simulated: boolean;
}

/**
 * The embedded sandbox platform's faults as the simulator panel shows them. `down` is a lasting
 * outage (`unavailable`: no reply, `http-500`: every request fails), `delayMs` slows every reply,
 * and `failNext` fails the next `remaining` requests.
 */
export interface PlatformFaultView {
  down: 'unavailable' | 'http-500' | null;
  delayMs: number;
  failNext: 'timeout' | 'http-500' | 'malformed' | 'unavailable' | null;
  remaining: number;
}

/**
 * What the simulated kiosk looks like right now: the body of `GET /sim/state`, which the
 * browser host serves to the technician's simulator panel and to tests.
 */
export interface SimulatorState {
  /** The fictional ID cards that can be inserted. */
  cards: { id: string; label: string }[];
  /** The profile id of the card in the reader, or null. */
  insertedCard: string | null;
  receiptPaper: ReceiptPaperState;
  documentPaper: DocumentPaperState;
  devices: SimulatedDeviceView[];
  /** The sandbox platform's faults; null (or left out) when the platform is a real one. */
  platform?: PlatformFaultView | null;
}
