/**
 * The common device model, after XFS4IoT: a device status kept apart from its media or
 * supply state, declared capabilities, and typed events. Every driver in drivers/ exposes it.
 */

/** Whether the device can take commands right now. */
export type DeviceStatus =
  'starting' | 'online' | 'busy' | 'offline' | 'hardwareError' | 'noDevice';

/** The state of a consumable or a medium (paper, card stock). */
export type SupplyState = 'full' | 'low' | 'out' | 'jammed' | 'unknown' | 'notSupported';

/** The device classes the kiosk knows. */
export type DeviceClass = 'idCardReader' | 'scanner' | 'receiptPrinter' | 'documentPrinter';

/** A point-in-time description of one device, as shown to technicians and flows. */
export interface DeviceState {
  id: string;
  deviceClass: DeviceClass;
  status: DeviceStatus;
  /** Supply states by name, e.g. `{ paper: 'low' }`; empty when the device has none. */
  supplies: Record<string, SupplyState>;
  /** One-line human explanation of the status, for the maintenance screen. */
  detail: string;
  /** Whether this is a simulator rather than real hardware. */
  simulated: boolean;
}

/** Events every device may emit, keyed by name. */
export interface DeviceEvents {
  statusChanged: DeviceState;
  /** A supply crossed a threshold (e.g. paper near end); never an error by itself. */
  supplyThreshold: { supply: string; state: SupplyState };
}

/** What every driver offers to the capability layer and to maintenance mode. */
export interface Device {
  readonly id: string;
  readonly deviceClass: DeviceClass;
  /** The latest known state; cheap, never talks to the device. */
  state(): DeviceState;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onStateChange(listener: (state: DeviceState) => void): () => void;
  /** Runs the device's own self-test and returns the state afterwards. */
  selfTest(signal?: AbortSignal): Promise<DeviceState>;
  /** Releases the port and timers. */
  close(): Promise<void>;
}
