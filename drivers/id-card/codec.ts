/**
 * GA 467 frame codec: pure functions between bytes and frames, no I/O. Command and response
 * frames share one envelope (preamble, big-endian length, body, XOR checksum); only the body
 * differs (CMD PARA DATA for commands, SW1 SW2 SW3 DATA for responses).
 */

/** The five bytes that open every frame in both directions: three sync bytes, then `96 69`. */
export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];

/** Bytes before the body: preamble plus the two length bytes. */
export const HEADER_SIZE = 7;

/** The commands the host can send, named after what they do. */
export type CommandName =
  | 'reset'
  | 'samStatus'
  | 'samId'
  | 'findCard'
  | 'selectCard'
  | 'readText'
  | 'readWithFingerprint'
  | 'readAppendedAddress'
  | 'readCardMid';

/** CMD and PARA bytes of every fixed command (spec §4). */
export const COMMANDS: Readonly<Record<CommandName, readonly [cmd: number, para: number]>> = {
  reset: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readText: [0x30, 0x01],
  readAppendedAddress: [0x30, 0x03],
  readCardMid: [0x30, 0x05],
  readWithFingerprint: [0x30, 0x10],
};

/** CMD byte of "set UART rate"; PARA picks the rate (spec §4, single source). */
export const SET_BAUD_CMD = 0x60;

/** UART rates the SAM can be switched to, with the PARA byte of `60 xx`. */
export const BAUD_PARAS: Readonly<Record<number, number>> = {
  115200: 0x00,
  57600: 0x01,
  38400: 0x02,
  19200: 0x03,
  9600: 0x04,
};

/** A decoded command frame, as the simulator sees it. */
export interface CommandFrame {
  cmd: number;
  para: number;
  data: Uint8Array;
}

/** A decoded response frame. SW3 is the module status (spec §5); SW1/SW2 are normally 0. */
export interface ResponseFrame {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** XOR of `bytes[start..end)`, the GA 467 checksum rule. */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum ^= bytes[i] ?? 0;
  return sum;
}

/** Wraps a body (CMD PARA DATA or SW1 SW2 SW3 DATA) into a complete frame with length and XOR. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const length = body.length + 1;
  if (length > 0xffff) {
    throw new RangeError(`a GA 467 frame body holds at most 65534 bytes, got ${body.length}`);
  }
  const frame = new Uint8Array(HEADER_SIZE + length);
  frame.set(PREAMBLE, 0);
  frame[5] = length >> 8;
  frame[6] = length & 0xff;
  frame.set(body, HEADER_SIZE);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

/** Builds a command frame from raw CMD, PARA and optional DATA bytes. */
export function encodeCommand(
  cmd: number,
  para: number,
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  checkByte('cmd', cmd);
  checkByte('para', para);
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

/** Builds the frame of one of the fixed commands, e.g. `commandFrame('findCard')`. */
export function commandFrame(name: CommandName): Uint8Array {
  const [cmd, para] = COMMANDS[name];
  return encodeCommand(cmd, para);
}

/** Builds the "set UART rate" frame; throws naming the supported rates for any other rate. */
export function setBaudFrame(baudRate: number): Uint8Array {
  const para = BAUD_PARAS[baudRate];
  if (para === undefined) {
    throw new RangeError(
      `the SAM cannot run at ${baudRate} bit/s; use one of ${Object.keys(BAUD_PARAS).join(', ')}`,
    );
  }
  return encodeCommand(SET_BAUD_CMD, para);
}

/** Builds a response frame, as a SAM would send it (the simulator uses this). */
export function encodeResponse(response: {
  sw3: number;
  data?: Uint8Array;
  sw1?: number;
  sw2?: number;
}): Uint8Array {
  const sw1 = response.sw1 ?? 0;
  const sw2 = response.sw2 ?? 0;
  checkByte('sw1', sw1);
  checkByte('sw2', sw2);
  checkByte('sw3', response.sw3);
  const data = response.data ?? new Uint8Array(0);
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = response.sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

/** Names the fixed command with these CMD/PARA bytes, or undefined for anything else. */
export function commandNameOf(cmd: number, para: number): CommandName | undefined {
  for (const [name, bytes] of Object.entries(COMMANDS) as [CommandName, readonly number[]][]) {
    if (bytes[0] === cmd && bytes[1] === para) return name;
  }
  return undefined;
}

/** Formats bytes as spaced upper-case hex (`AA AA AA 96 69`), for logs and test messages. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

/** Parses spaced or unspaced hex into bytes; throws naming the bad text. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
    throw new RangeError(`not a hex byte string: ${JSON.stringify(hex.slice(0, 40))}`);
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function checkByte(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`${field} must be a byte (0-255), got ${value}`);
  }
}
