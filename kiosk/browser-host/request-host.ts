import { isIP } from 'node:net';
import { isLoopbackHost } from '../core/config/index.ts';

/**
 * The `Host` header check that closes DNS rebinding. A page on an attacker's domain whose name
 * is re-pointed at this machine reaches the host with `Host: attacker.example`; refusing every
 * name but the host's own keeps such a page from reading `/sim/state` or opening the bridge.
 */

/** Longer than any name plus port a browser sends; a longer header is refused unread. */
const MAX_HOST_HEADER_CHARS = 300;

/** The names the host answers to, besides loopback ones. */
export interface HostNames {
  /** The port the host is bound to; a Host header naming any other port is refused. */
  port: number;
  /** The configured name other machines use (`host.name`), if any. */
  name?: string;
  /** The bound address; accepted as a name when it is a specific address (not 0.0.0.0 or ::). */
  bind: string;
}

/**
 * The origin a page has when it was loaded by `Host: header`, e.g. `http://127.0.0.1:8024`, or
 * undefined when the host must refuse the request: a missing or malformed header, another port,
 * or a name that is neither a loopback one, the configured name nor the bound address.
 */
export function originForHost(header: string | undefined, names: HostNames): string | undefined {
  if (header === undefined || header.length > MAX_HOST_HEADER_CHARS) return undefined;
  // Only the characters of a name, an IPv6 literal and a port: no userinfo, path or spaces.
  if (!/^[A-Za-z0-9.\-:[\]]+$/.test(header)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${header}/`);
  } catch {
    // Not a host at all (e.g. "::1" without brackets); the caller answers 421.
    return undefined;
  }
  const port = url.port === '' ? 80 : Number(url.port);
  if (port !== names.port) return undefined;
  return acceptedName(url.hostname, names) ? url.origin : undefined;
}

function acceptedName(hostname: string, names: HostNames): boolean {
  if (isLoopbackHost(hostname)) return true;
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (names.name !== undefined && bare === names.name.toLowerCase()) return true;
  const specific = isIP(names.bind) !== 0 && names.bind !== '0.0.0.0' && names.bind !== '::';
  return specific && bare === names.bind.toLowerCase();
}

/** The origin an `Origin` header names, normalised as a URL would; undefined when malformed. */
export function normalOrigin(header: string | undefined): string | undefined {
  if (header === undefined || !URL.canParse(header)) return undefined;
  const origin = new URL(header).origin;
  return origin === 'null' ? undefined : origin;
}

/** True when the peer's address is this machine (IPv4-mapped IPv6 included). */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (address === undefined) return false;
  return isLoopbackHost(address.replace(/^::ffff:/i, ''));
}
