/**
 * Host-trigger commands of serial scanners, one profile per vendor, as data (spec §4). They
 * work only after the scanner was set to host/command trigger mode with the vendor's setup
 * code. Most of these come from a single source: every profile can be replaced by config.
 */

/** Start and stop commands of one vendor, and replies that are not scan data. */
export interface TriggerProfile {
  /** Profile name as used in config. */
  name: string;
  start: Uint8Array;
  stop: Uint8Array;
  /**
   * Replies the scanner sends to a command in the data stream (ACK packets). They are taken
   * out so they never reach the kiosk as a "scan"; one of them is expected per command.
   */
  replies: readonly Uint8Array[];
  /** Where the bytes come from and how sure they are, for the maintenance screen. */
  note: string;
}

/** Zebra SSI source byte for packets sent by the host. */
const SSI_HOST = 0x04;

/**
 * Builds one Zebra SSI packet: Len, Opcode, Source, Status, Data…, checksum (big-endian).
 * Len counts every byte but the checksum; the checksum is the 16-bit two's complement of the
 * sum of those bytes, so START_SESSION is `04 E4 04 00 FF 14`.
 */
export function ssiPacket(
  opcode: number,
  data: readonly number[] = [],
  source = SSI_HOST,
): Uint8Array {
  const body = [4 + data.length, opcode, source, 0x00, ...data];
  const sum = body.reduce((total, byte) => total + byte, 0);
  const checksum = (0x10000 - (sum & 0xffff)) & 0xffff;
  return Uint8Array.from([...body, checksum >> 8, checksum & 0xff]);
}

/** True when `packet` is a whole SSI packet with a correct checksum. */
export function isValidSsiPacket(packet: Uint8Array): boolean {
  const length = packet[0] ?? 0;
  if (length < 4 || packet.length !== length + 2) return false;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += packet[i] ?? 0;
  const checksum = ((packet[length] ?? 0) << 8) | (packet[length + 1] ?? 0);
  return ((sum + checksum) & 0xffff) === 0;
}

/** SSI opcodes used here. */
export const SSI = {
  startSession: 0xe4,
  stopSession: 0xe5,
  ack: 0xd0,
  nak: 0xd1,
  decodeData: 0xf3,
} as const;

/** Scanner-sent SSI ACK and NAK for a host command (source 0x00 = decoder). */
const SSI_ACK = ssiPacket(SSI.ack, [], 0x00);
const SSI_NAK = ssiPacket(SSI.nak, [], 0x00);

/** The vendor profiles the driver knows. */
export const TRIGGER_PROFILES: Readonly<Record<string, TriggerProfile>> = {
  honeywell: {
    name: 'honeywell',
    start: Uint8Array.of(0x16, 0x54, 0x0d),
    stop: Uint8Array.of(0x16, 0x55, 0x0d),
    replies: [],
    note: 'SYN T CR / SYN U CR; start single-source, stop from memory (unverified)',
  },
  newland: {
    name: 'newland',
    start: Uint8Array.of(0x01, 0x54, 0x04),
    stop: Uint8Array.of(0x01, 0x50, 0x04),
    replies: [],
    note: 'SOH T EOT / SOH P EOT; single source (FM430 driver)',
  },
  'zebra-ssi': {
    name: 'zebra-ssi',
    start: ssiPacket(SSI.startSession),
    stop: ssiPacket(SSI.stopSession),
    replies: [SSI_ACK, SSI_NAK],
    note: 'SSI START/STOP_SESSION with checksum; decode data must be set to raw (not packeted)',
  },
  gm65: {
    name: 'gm65',
    start: Uint8Array.of(0x7e, 0x00, 0x08, 0x01, 0x00, 0x02, 0x01, 0xab, 0xcd),
    stop: Uint8Array.of(0x7e, 0x00, 0x08, 0x01, 0x00, 0x02, 0x00, 0xab, 0xcd),
    // The write acknowledgement `02 00 00 01 00 33 31` is from module manuals (unverified).
    replies: [Uint8Array.of(0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x31)],
    note: '7E 00 register 0x0002 write; single origin',
  },
};

/** Looks a profile up by name; an unknown name is a config error that lists the known ones. */
export function triggerProfile(name: string): TriggerProfile {
  const profile = TRIGGER_PROFILES[name];
  if (!profile) {
    throw new Error(
      `unknown scanner trigger profile "${name}"; use one of ${Object.keys(TRIGGER_PROFILES).join(', ')} or give start/stop bytes`,
    );
  }
  return profile;
}
