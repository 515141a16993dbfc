import { readFileSync, statSync } from 'node:fs';
import { ConfigError, type KioskConfig } from '../core/config/index.ts';
import type { BrowserHostOptions } from './host.ts';

/**
 * Turns the `host` part of the kiosk config into browser host options, reading the bridge token
 * from `host.tokenFile` once at start-up. The token is kept in memory only; no log line or error
 * message ever contains it.
 */

/**
 * The shortest bridge token accepted. 32 characters of hex are 128 bits, of base64url 192 bits:
 * far beyond guessing through a bridge that takes a handful of connections at a time, and what
 * `openssl rand -hex 16` (or `-base64 24`) prints.
 */
export const MIN_BRIDGE_TOKEN_CHARS = 32;

/** The longest accepted; it travels in a WebSocket handshake header, which servers cap. */
export const MAX_BRIDGE_TOKEN_CHARS = 256;

/**
 * The characters a token may have: ones that are valid in a WebSocket subprotocol name and in
 * a URL fragment without escaping (letters, digits, `.`, `_`, `~`, `-`).
 */
const TOKEN_CHARACTERS = /^[A-Za-z0-9._~-]+$/;

const TOKEN_ALLOWED = `a file only the kiosk's user can read (chmod 600), holding ${MIN_BRIDGE_TOKEN_CHARS}-${MAX_BRIDGE_TOKEN_CHARS} letters, digits, ".", "_", "~" or "-" (e.g. the output of openssl rand -hex 32)`;

/** The browser host options the config decides. */
export type ConfiguredHostOptions = Required<
  Pick<BrowserHostOptions, 'host' | 'port' | 'production' | 'secondClient'>
> &
  Pick<BrowserHostOptions, 'hostName' | 'token'>;

/** The options for `startBrowserHost` that come from `config`; throws a ConfigError for a bad token file. */
export function browserHostSettings(config: KioskConfig): ConfiguredHostOptions {
  const { bind, port, name, tokenFile, secondClient } = config.host;
  return {
    host: bind,
    port,
    production: config.production,
    secondClient,
    ...(name === undefined ? {} : { hostName: name }),
    ...(tokenFile === undefined ? {} : { token: readBridgeToken(tokenFile) }),
  };
}

/**
 * Reads and checks the bridge token in `file`: readable, not readable by every user on the
 * machine, and of the length and characters above. Surrounding whitespace (a trailing newline)
 * is ignored. Every refusal names `host.tokenFile` and never shows the file's content.
 */
export function readBridgeToken(file: string): string {
  const refuse = (problem: string, flags: { unreadable?: boolean; cause?: unknown } = {}) =>
    new ConfigError(
      undefined,
      [{ path: 'host.tokenFile', shown: JSON.stringify(file), problem, allowed: TOKEN_ALLOWED }],
      { invalid: !flags.unreadable, ...flags },
    );
  let text: string;
  try {
    // Others may read nothing: the token is what keeps other machines off the kiosk's screen.
    if (process.platform !== 'win32' && (statSync(file).mode & 0o007) !== 0) {
      throw refuse('is open to every user on this machine (read, write or run); chmod 600 it');
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw refuse(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`, {
      unreadable: true,
      cause: error,
    });
  }
  const token = text.trim();
  if (token.length < MIN_BRIDGE_TOKEN_CHARS || token.length > MAX_BRIDGE_TOKEN_CHARS) {
    throw refuse(
      `holds a token of ${token.length} characters, outside ${MIN_BRIDGE_TOKEN_CHARS}-${MAX_BRIDGE_TOKEN_CHARS}`,
    );
  }
  if (!TOKEN_CHARACTERS.test(token)) {
    throw refuse('holds characters a token may not have (spaces, quotes, "/" or the like)');
  }
  return token;
}
